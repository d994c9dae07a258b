"""`edition build`: source/ -> tei/ (encoded, validated) -> build/ (site, PDFs, exports).

Each stage is its own module; this one sequences them, and makes the build

- incremental: content hashes decide what is made again (``fingerprint``); a stage
  whose inputs did not change is not run, its previous output is reused;
- crash-safe: outputs go into a new tree, ``build/.trees/<name>/``, and the build ends by
  pointing the link ``build/.trees/current`` at it, in one rename. ``build/site`` and
  ``build/pdf`` are fixed links through ``current``, so whatever moment a build is killed
  at, they show the previous complete build or the new complete one;
- honest about failures: a document that fails is reported, the others are built, and
  the exit code says which happened (0 all built, 1 built without the failed documents).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EditionError, Problem
from .fingerprint import Store, code_hash, files_under, hash_bytes, stat_signature, write_atomic
from .metadata import line_of_key, load_edition
from .paths import PACKAGE_DIR, XSLT_DIR, Project
from .workers import SCHEDULER_ENV

TREES = ".trees"
CURRENT = "current"
STATE = ".state.json"

# What each stage is made with, besides the TEI and the edition settings: a change in a
# stage's files rebuilds that stage only.
SITE_CODE = (XSLT_DIR / "common.xsl", XSLT_DIR / "html.xsl", XSLT_DIR / "html", PACKAGE_DIR / "html.py",
             PACKAGE_DIR / "site", PACKAGE_DIR / "exports", PACKAGE_DIR / "documents.py",
             PACKAGE_DIR / "search.py",
             PACKAGE_DIR / "search", PACKAGE_DIR / "xsltrun.py", PACKAGE_DIR / "facsimile")
PDF_CODE = (XSLT_DIR / "common.xsl", XSLT_DIR / "print.xsl", XSLT_DIR / "print", PACKAGE_DIR / "pdf.py",
            PACKAGE_DIR / "print", PACKAGE_DIR / "xsltrun.py")


@dataclass
class Options:
    site: bool = True
    pdf: bool = True
    jobs: int = 1
    force: bool = False
    quiet: bool = False
    scheduler: str | None = None  # a Dask scheduler's address: the per-document work runs there
    # A draft: built without a public address (docs/architecture.md, "Draft builds").
    draft: bool = False


@dataclass
class Report:
    """What a build did, for the summary and the exit code."""

    seconds: dict[str, float] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)
    documents: int = 0
    pages: int = 0
    pdfs: int = 0
    failed: dict[str, list[Problem]] = field(default_factory=dict)

    def summary(self) -> str:
        stages = ", ".join(f"{name} {secs:.2f} s" for name, secs in self.seconds.items())
        parts = [f"{self.documents} document(s)", f"{self.pages} HTML page(s)", f"{self.pdfs} PDF(s)"]
        text = "build: " + ", ".join(parts) + f"; {stages}"
        if self.reused:
            text += f"; unchanged, reused: {', '.join(self.reused)}"
        if self.failed:
            text += f"; FAILED: {', '.join(sorted(self.failed))}"
        return text


class Tree:
    """The output trees under build/: the current one, and the one being written."""

    def __init__(self, project: Project) -> None:
        self.build = project.build
        self.trees = project.build / TREES
        self.current_link = self.trees / CURRENT

    @property
    def current(self) -> Path | None:
        return self.current_link.resolve() if self.current_link.is_symlink() else None

    def start(self) -> Path:
        """A fresh folder for the new tree, after removing what killed builds left."""
        self.trees.mkdir(parents=True, exist_ok=True)
        current = self.current
        for old in self.trees.iterdir():
            if old.name != CURRENT and old.resolve() != current:
                _remove(old)
        folder = Path(tempfile.mkdtemp(prefix="tree-", dir=self.trees))
        folder.chmod(0o755)  # mkdtemp makes it private; the tree is published
        return folder

    def publish(self, new: Path) -> None:
        """Point ``current`` at the new tree in one rename, then drop the old tree."""
        previous = self.current
        link = self.trees / f".{CURRENT}-{new.name}"
        link.symlink_to(new.name, target_is_directory=True)
        os.replace(link, self.current_link)
        for name in ("site", "pdf"):
            path = self.build / name
            target = Path(TREES) / CURRENT / name
            if path.is_symlink() and Path(os.readlink(path)) == target:
                continue
            _remove(path)  # a folder from an older layout, or a stage run alone
            path.symlink_to(target, target_is_directory=True)
        if previous is not None and previous != new:
            _remove(previous)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _link_copy(source: Path, target: Path) -> None:
    """Reuse an unchanged stage output: hard links, no bytes copied. Safe because no stage
    writes into a folder it did not make itself in this tree."""
    shutil.copytree(source, target, copy_function=os.link, symlinks=True)


def _inputs(project: Project) -> list[Path]:
    return files_under(project.source) + files_under(project.tei)


def _signature(project: Project, options: Options) -> str:
    code = [*files_under(PACKAGE_DIR), *files_under(XSLT_DIR)]
    for part in (*SITE_CODE, *PDF_CODE):
        code.extend(files_under(part) if part.is_dir() else [part])
    return hash_bytes(stat_signature(_inputs(project) + code),
                      json.dumps([options.site, options.pdf, options.draft]))


def _stage_key(project: Project, code: tuple[Path, ...], draft: bool) -> str:
    tei = project.tei_documents() + [project.registers_file]
    return hash_bytes(code_hash(*code), project.edition_file.read_bytes(), str(draft),
                      *(hash_bytes(p.name, p.read_bytes()) for p in tei if p.is_file()))


def _load_state(project: Project) -> dict[str, str]:
    try:
        data = json.loads((project.build / STATE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_state(project: Project, state: dict[str, str]) -> None:
    write_atomic(project.build / STATE, json.dumps(state, indent=1, sort_keys=True).encode())


def _timed(report: Report, name: str, run: Callable[[], None]) -> None:
    start = time.perf_counter()
    run()
    report.seconds[name] = report.seconds.get(name, 0.0) + time.perf_counter() - start


def run_build(project: Project, options: Options) -> Report:
    """Build the edition; with ``options.scheduler``, the stages' per-document tasks run on
    that Dask cluster (edition.workers) and everything else here, with the same output."""
    if not options.scheduler:
        return _run_build(project, options)
    saved = os.environ.get(SCHEDULER_ENV)
    os.environ[SCHEDULER_ENV] = options.scheduler
    try:
        return _run_build(project, options)
    finally:
        if saved is None:
            os.environ.pop(SCHEDULER_ENV, None)
        else:
            os.environ[SCHEDULER_ENV] = saved


def _run_build(project: Project, options: Options) -> Report:
    from .encode import encode

    check_publishable(project, options.draft)
    report = Report()
    state = _load_state(project)
    tree = Tree(project)
    signature = _signature(project, options)
    if (not options.force and state.get("signature") == signature and tree.current is not None
            and tree.current.is_dir()):
        report.reused = ["everything"]
        report.documents = len(project.tei_documents())
        return report

    store = Store(project.build / ".cache")
    encoded = None

    def run_encode() -> None:
        nonlocal encoded
        encoded = encode(project, jobs=options.jobs, store=store)

    _timed(report, "encode", run_encode)
    assert encoded is not None
    report.failed.update(encoded.failed)
    if "" in encoded.failed:  # a problem no single document owns: nothing can be built
        return report
    report.documents = len(project.tei_documents())
    if not report.documents and encoded.failed:  # every document failed: say why, at the source
        raise EditionError(encoded.problems)
    if not report.documents:
        raise EditionError(Problem(project.documents, None, "no documents to build",
                                   "add one with `edition new <id>` (docs/adding-a-document.md)"))

    previous = tree.current
    new = tree.start()
    keys = {"site": _stage_key(project, SITE_CODE, options.draft),
            "pdf": _stage_key(project, PDF_CODE, options.draft)}
    try:
        for name, wanted, make in (("site", options.site, _make_site), ("pdf", options.pdf, _make_pdf)):
            old = previous / name if previous is not None else None
            unchanged = state.get(f"{name}-key") == keys[name]
            if old is not None and old.is_dir() and (not wanted or (unchanged and not options.force)):
                _link_copy(old, new / name)
                report.reused.append(name)
            elif wanted:
                _timed(report, name, lambda make=make, name=name: make(project, new / name, options))
                state[f"{name}-key"] = keys[name]
        _place_pdfs(new)
        tree.publish(new)
    except BaseException:
        _remove(new)
        raise
    report.pages = sum(1 for _ in (new / "site").rglob("*.html")) if (new / "site").is_dir() else 0
    report.pdfs = sum(1 for _ in (new / "pdf").glob("*.pdf")) if (new / "pdf").is_dir() else 0
    if not report.failed:
        state["signature"] = _signature(project, options)  # tei/ has changed since the start
    else:
        state.pop("signature", None)  # a failed document must be tried again next time
    _save_state(project, state)
    return report


def check_publishable(project: Project, draft: bool) -> None:
    """A publishing build needs what a reader will cite: the public address and the
    editors. Refused (exit 1) without them; a draft builds anyway and says it is one."""
    if draft:
        return
    edition = load_edition(project.edition_file)
    problems = []
    if not edition.publishable:
        what = (f"base_url {edition.base_url!r} is a placeholder" if edition.base_url
                else "base_url is empty")
        problems.append(Problem(project.edition_file, line_of_key(project.edition_file, "base_url"),
                                f"{what}: a published edition needs the public address its "
                                "permalinks, citations and exports are built on",
                                'set base_url = "https://…/" to where the site will be published, '
                                "or build a draft: `edition build --draft`"))
    if not edition.editors:
        problems.append(Problem(project.edition_file, line_of_key(project.edition_file, "editors"),
                                "no editor is named: citations of a published edition name its editors",
                                "add [[edition.editors]] with name and role (docs/source-format.md), "
                                "or build a draft: `edition build --draft`"))
    if problems:
        raise EditionError(problems)


def _make_site(project: Project, out: Path, options: Options) -> None:
    from .exports import render_exports
    from .facsimile import render_facsimiles
    from .html import Settings, render_site

    store = Store(project.build / ".cache")
    start = time.perf_counter()
    render_site(project, out, search=True, store=store, jobs=options.jobs, draft=options.draft)
    pages = time.perf_counter() - start
    exports = render_exports(project, out, previous=_previous_site(project), store=store,
                             draft=options.draft)
    # Page images: tiles reused from the published site where the store's key proves the
    # image and the tiler unchanged (edition.facsimile.tiles).
    facsimiles = render_facsimiles(project, out, Settings.load(project, draft=options.draft).base_url,
                                   previous=_previous_site(project), store=store)
    if not options.quiet:
        print(f"html: document pages, registers, home and about in {pages:.2f} s")
        print(exports.summary())
        if facsimiles.documents:
            print(facsimiles.summary())


def _previous_site(project: Project) -> Path | None:
    """The site of the published build, whose unchanged files a new build may link."""
    current = Tree(project).current
    return current / "site" if current is not None and (current / "site").is_dir() else None


def _make_pdf(project: Project, out: Path, options: Options) -> None:
    from .pdf import render_pdfs

    render_pdfs(project, out, store=Store(project.build / ".cache"), jobs=options.jobs)


def _place_pdfs(tree: Path) -> None:
    """The site links pdf/<id>.pdf: the PDFs, hard-linked into the site's folder, so the
    published site is one self-contained folder."""
    site, pdf = tree / "site", tree / "pdf"
    if not site.is_dir() or not pdf.is_dir():
        return
    target = site / "pdf"
    _remove(target)
    target.mkdir()
    for path in sorted(pdf.glob("*.pdf")):
        os.link(path, target / path.name)


def _check_drafts(project: Project) -> None:
    """Draft register records (proposed by `edition import`, unconfirmed) are published only
    when the editor says so (``allow_drafts = true``); then the build says so too."""
    from .metadata import load_edition
    from .registry import Registry

    drafts = Registry.load(project.registry).drafts
    if not drafts:
        return
    listed = ", ".join(f"{d.id} ({d.file.name}:{d.line})" for d in drafts[:8])
    listed += f" and {len(drafts) - 8} more" if len(drafts) > 8 else ""
    if load_edition(project.edition_file).allow_drafts:
        print(f"build: warning: {len(drafts)} draft register record(s) are published as automatic, "
              f"unconfirmed identifications (allow_drafts = true): {listed}", file=sys.stderr)
        return
    first = drafts[0]
    raise EditionError(Problem(first.file, first.line,
                               f"{len(drafts)} register record(s) are drafts no editor has "
                               f"confirmed: {listed}",
                               "confirm each (check names and kind, write the description with "
                               "its source, remove status = \"draft\"), or publish them as "
                               "unconfirmed with allow_drafts = true in [edition] of "
                               f"{project.edition_file}"))


def build(project: Project, args: object | None = None) -> int:
    """The command: run the build, print the problems and the summary, return the exit code."""
    options = Options(
        site=not getattr(args, "pdf_only", False),
        pdf=not getattr(args, "no_pdf", False),
        jobs=getattr(args, "jobs", None) or os.cpu_count() or 1,
        force=getattr(args, "force", False),
        scheduler=getattr(args, "scheduler", None) or os.environ.get(SCHEDULER_ENV) or None,
        draft=bool(getattr(args, "draft", False)),
    )
    if getattr(args, "draft_unless_published", False) and not options.draft:
        edition = load_edition(project.edition_file)
        if not (edition.publishable and edition.editors):
            options.draft = True
            print("build: source/edition.toml has no public address (base_url) or no editors yet: "
                  "building a DRAFT (pages say so, exports carry no address). Set them to publish.")
    if not options.draft:  # a draft is not a publication: unconfirmed records may stay
        _check_drafts(project)
    report = run_build(project, options)
    for problems in report.failed.values():
        for problem in problems:
            print(problem, file=sys.stderr)
    if report.reused == ["everything"]:
        print(f"build: nothing changed since the last build ({report.documents} document(s)); "
              f"build/site and build/pdf are up to date")
        return 0
    print(report.summary() + ("; DRAFT: not for publication" if options.draft else ""))
    if report.failed:
        print(f"build: {len(report.failed)} document(s) failed and kept their previous TEI; "
              "the others were built. Fix the problems above and build again.", file=sys.stderr)
        return 1
    return 0
