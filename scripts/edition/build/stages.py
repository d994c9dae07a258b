"""The build's stages past encoding: the site (pages, exports, page images) and the PDFs,
each written into the new tree; a document a stage cannot render is left out, not fatal."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import CannotRun, EditionError, Problem
from ..fingerprint import Store, code_hash, hash_bytes
from ..paths import PACKAGE_DIR, XSLT_DIR, Project
from .options import Options, Report
from .trees import TMP, Records, Tree, remove

# What each stage is made with, besides the TEI and the edition settings: a change in a
# stage's files rebuilds that stage only.
SITE_CODE = (XSLT_DIR / "common.xsl", XSLT_DIR / "html.xsl", XSLT_DIR / "html", PACKAGE_DIR / "html.py",
             PACKAGE_DIR / "summaries.py",
             PACKAGE_DIR / "site", PACKAGE_DIR / "exports", PACKAGE_DIR / "documents.py",
             PACKAGE_DIR / "search.py",
             PACKAGE_DIR / "search", PACKAGE_DIR / "xsltrun.py", PACKAGE_DIR / "facsimile")


PDF_CODE = (XSLT_DIR / "common.xsl", XSLT_DIR / "print.xsl", XSLT_DIR / "print", PACKAGE_DIR / "pdf.py",
            PACKAGE_DIR / "print", PACKAGE_DIR / "xsltrun.py")


def stage_key(project: Project, code: tuple[Path, ...], draft: bool) -> str:
    tei = project.tei_documents() + [project.registers_file]
    return hash_bytes(code_hash(*code), project.edition_file.read_bytes(), str(draft),
                      *(hash_bytes(p.name, p.read_bytes()) for p in tei if p.is_file()))


def make_each(make: Callable[[Project, Path, Options, Store], None], name: str, project: Project,
               tree: Path, options: Options, store: Store, report: Report) -> None:
    """Run a stage; when documents of tei/ cannot be rendered (the stage's error names only
    their TEI files), report each and run the stage again without them: one bad document
    never stops the others. The stage then sees a view of the project (its source/, and a
    tei/ of the documents that render), so it needs no notion of leaving documents out."""
    documents = {p.resolve(): p.stem for p in project.tei_documents()}
    excluded: dict[str, list[Problem]] = {}
    view = project
    while True:
        try:
            make(view, tree, options, store)
            return
        except EditionError as err:
            culprits = {documents.get(Path(str(p.file)).resolve()) for p in err.problems if p.file}
            if (not err.problems or None in culprits or any(p.file is None for p in err.problems)
                    or isinstance(err, CannotRun)):
                raise
            problems = err.problems
        for problem in problems:
            doc_id = documents[Path(str(problem.file)).resolve()]
            excluded.setdefault(doc_id, []).append(Problem(
                problem.file, problem.line, f"the {name} stage could not render it, so it is left out "
                f"of the published {name}: {problem.message}", problem.hint, column=problem.column))
        report.failed.update(excluded)
        view = _view_without(project, tree, set(excluded))
        documents = {p.resolve(): p.stem for p in view.tei_documents()}
        remove(tree / name)  # what the failed run wrote
        if not documents:
            raise EditionError(Problem(project.tei, None, "no document could be rendered",
                                       "see the problems above"))


def _view_without(project: Project, tree: Path, left_out: set[str]) -> Project:
    """A project that is ``project`` without the TEI of ``left_out`` (links, no copies),
    inside the new tree's temporary folder."""
    root = Path(tempfile.mkdtemp(prefix="view-", dir=tree / TMP))
    (root / "source").symlink_to(project.source.resolve(), target_is_directory=True)
    (root / "build").symlink_to(project.build.resolve(), target_is_directory=True)
    (root / "tei").mkdir()
    for path in project.tei.glob("*.xml"):
        if path.stem not in left_out:
            os.link(path, root / "tei" / path.name)
    return Project(root)


def make_site(project: Project, tree: Path, options: Options, store: Store) -> None:
    from ..exports import render_exports
    from ..facsimile import render_facsimiles
    from ..html import Settings, render_site

    out = tree / "site"
    start = time.perf_counter()
    render_site(project, out, search=True, store=store, jobs=options.jobs, draft=options.draft)
    pages = time.perf_counter() - start
    published = Tree(project).current
    previous = published / "site" if published is not None and (published / "site").is_dir() else None
    records = Records(published, tree, read=not options.force)
    exports = render_exports(project, out, previous=previous, store=records,  # type: ignore[arg-type]
                             draft=options.draft)
    # Page images: tiles linked from the published site where that tree's records prove
    # the image and the tiler unchanged (edition.facsimile.tiles).
    facsimiles = render_facsimiles(project, out, Settings.load(project, draft=options.draft).base_url,
                                   previous=previous, store=records)  # type: ignore[arg-type]
    if not options.quiet:
        print(f"html: document pages, registers, home and about in {pages:.2f} s")
        print(exports.summary())
        if facsimiles.documents:
            print(facsimiles.summary())


def make_pdf(project: Project, tree: Path, options: Options, store: Store) -> None:
    from ..pdf import render_pdfs

    render_pdfs(project, tree / "pdf", store=store, jobs=options.jobs)


def place_pdfs(tree: Path) -> None:
    """The site links pdf/<id>.pdf: the PDFs, hard-linked into the site's folder, so the
    published site is one self-contained folder."""
    site, pdf = tree / "site", tree / "pdf"
    if not site.is_dir() or not pdf.is_dir():
        return
    target = site / "pdf"
    remove(target)
    target.mkdir()
    for path in sorted(pdf.glob("*.pdf")):
        os.link(path, target / path.name)
