"""`edition build`: source/ -> tei/ (encoded, validated) -> build/ (site, PDFs, exports).

Each stage is its own module; this one sequences them, and makes the build

- incremental: content hashes decide what is made again (``fingerprint``); a stage
  whose inputs did not change is not run, its previous output is reused;
- crash-safe: outputs go into a new tree, ``build/.trees/<name>/``, and the build ends by
  pointing the link ``build/.trees/current`` at it, in one rename. ``build/site`` and
  ``build/pdf`` are fixed links through ``current``, so whatever moment a build is killed
  at, they show the previous complete build or the new complete one;
- derived from its inputs only: a file of the new tree is made by this build, or taken
  from the *published* tree under a key (recorded in that tree, published with it) that
  proves it was made from the same inputs and code. Nothing is taken on the word of a
  tree that was never published; ``--force`` takes nothing from anywhere;
- exclusive and clean: one build of a project at a time (``build/.lock``); worker
  processes die with the build; temporary files live inside the new tree, which every
  exit path (or, after a kill, the next build) removes;
- honest about failures: a document that fails is reported, the others are built, and
  the exit code says which happened (0 all built, 1 built without the failed documents).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import lifeline
from .errors import CannotRun, EditionError, Problem
from .fingerprint import Store, code_hash, files_under, hash_bytes, stat_signature, write_atomic
from .metadata import line_of_key, load_edition
from .paths import PACKAGE_DIR, XSLT_DIR, Project
from .workers import SCHEDULER_ENV

TREES = ".trees"
CURRENT = "current"
MANIFEST = ".build.json"  # in each tree: what its stages were made from
RECORDS = ".records"      # in each tree: records naming files of that tree (see Records)
TMP = ".tmp"              # in the new tree: the build's temporary files
LOCK = ".lock"
LEGACY_STATE = ".state.json"  # where older builds kept their keys, outside the trees
# Named moments of a build at which a test may have it killed (EDITION_FAULT_AT=<name>).
FAULT_POINTS = ("started", "encoded", "site", "pdf", "placed", "published")

# What each stage is made with, besides the TEI and the edition settings: a change in a
# stage's files rebuilds that stage only.
SITE_CODE = (XSLT_DIR / "common.xsl", XSLT_DIR / "html.xsl", XSLT_DIR / "html", PACKAGE_DIR / "html.py",
             PACKAGE_DIR / "summaries.py",
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

    def sweep(self) -> None:
        """Remove every tree but the published one: what killed builds left, including an
        old tree a build was killed while removing (after it had published)."""
        self.trees.mkdir(parents=True, exist_ok=True)
        current = self.current
        for old in self.trees.iterdir():
            if old.name != CURRENT and old.resolve() != current:
                _remove(old)

    def start(self) -> Path:
        """A fresh folder for the new tree, after removing what killed builds left."""
        self.sweep()
        folder = Path(tempfile.mkdtemp(prefix="tree-", dir=self.trees))
        folder.chmod(0o755)  # mkdtemp makes it private; the tree is published
        return folder

    def manifest(self) -> dict[str, object]:
        """What the published tree says it was made from ({} when nothing is published)."""
        current = self.current
        if current is None:
            return {}
        try:
            data = json.loads((current / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def publish(self, new: Path, manifest: dict[str, object]) -> None:
        """Write the tree's manifest, point ``current`` at the tree in one rename, then drop
        the old tree. The manifest is inside the tree: it is published with it, or not at all."""
        write_atomic(new / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
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


class Records:
    """Records that name files of a tree (e.g. "these DTS files are this document's, made
    from this TEI"), for a stage that links such files from the published tree instead of
    making them again. They are read from the published tree only and written into the new
    one, so a record can never vouch for files of a tree that was not published; each key
    also covers the whole toolkit. Same interface as :class:`Store`."""

    def __init__(self, published: Path | None, new: Path, *, read: bool = True) -> None:
        self.published = published if read else None
        self.new = new
        self.code = code_hash(PACKAGE_DIR, XSLT_DIR)

    def _name(self, kind: str, key: str) -> Path:
        return Path(RECORDS) / kind / hash_bytes(self.code, key)

    def get(self, kind: str, key: str) -> bytes | None:
        if self.published is None:
            return None
        try:
            data = (self.published / self._name(kind, key)).read_bytes()
        except OSError:
            return None
        write_atomic(self.new / self._name(kind, key), data)  # the files are linked: so is the record
        return data

    def put(self, kind: str, key: str, data: bytes) -> Path:
        path = self.new / self._name(kind, key)
        write_atomic(path, data)
        return path


def _link_copy(source: Path, target: Path) -> None:
    """Reuse an unchanged stage output: hard links, no bytes copied. Safe because no stage
    writes into a folder it did not make itself in this tree."""
    shutil.copytree(source, target, copy_function=os.link, symlinks=True)


def _code_files() -> list[Path]:
    code = [*files_under(PACKAGE_DIR), *files_under(XSLT_DIR)]
    for part in (*SITE_CODE, *PDF_CODE):
        code.extend(files_under(part) if part.is_dir() else [part])
    return code


def _signature(sources: str, project: Project, options: Options) -> str:
    """The no-op check: names, sizes and times of ``sources`` (source/ and the code, as a
    :func:`stat_signature`) and of tei/ now, and the stages asked for."""
    return hash_bytes(sources, stat_signature(files_under(project.tei)),
                      json.dumps([options.site, options.pdf, options.draft]))


def _stage_key(project: Project, code: tuple[Path, ...], draft: bool) -> str:
    tei = project.tei_documents() + [project.registers_file]
    return hash_bytes(code_hash(*code), project.edition_file.read_bytes(), str(draft),
                      *(hash_bytes(p.name, p.read_bytes()) for p in tei if p.is_file()))


def _fault_point(name: str) -> None:
    """Crash tests: kill this build here when EDITION_FAULT_AT names this point."""
    if os.environ.get("EDITION_FAULT_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def _exclusive(project: Project, quiet: bool = False) -> Iterator[None]:
    """Hold the project's build lock; a second build waits for the first, saying so."""
    project.build.mkdir(parents=True, exist_ok=True)
    with open(project.build / LOCK, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            print(f"edition build: another build of this project is running (process {holder}); "
                  "waiting for it to finish", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _temporary_files_in(folder: Path) -> Iterator[None]:
    """Every temporary file of the build (this process's, its workers', Pagefind's) goes
    into ``folder``, inside the new tree: removed with it on any exit, and by the next
    build after a kill. Nothing is left in /tmp."""
    folder.mkdir()
    saved = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved[0]
        if saved[1] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved[1]
        shutil.rmtree(folder, ignore_errors=True)


def _timed(report: Report, name: str, run: Callable[[], None]) -> None:
    start = time.perf_counter()
    run()
    report.seconds[name] = report.seconds.get(name, 0.0) + time.perf_counter() - start


def run_build(project: Project, options: Options) -> Report:
    """Build the edition, one build of the project at a time; with ``options.scheduler``,
    the stages' per-document tasks run on that Dask cluster (edition.workers) and everything
    else here, with the same output."""
    lifeline.install()
    saved = os.environ.get(SCHEDULER_ENV)
    if options.scheduler:
        os.environ[SCHEDULER_ENV] = options.scheduler
    try:
        with _exclusive(project, options.quiet):
            return _run_build(project, options)
    finally:
        if saved is None:
            os.environ.pop(SCHEDULER_ENV, None)
        else:
            os.environ[SCHEDULER_ENV] = saved


def _run_build(project: Project, options: Options) -> Report:
    check_publishable(project, options.draft)
    report = Report()
    tree = Tree(project)
    (project.build / LEGACY_STATE).unlink(missing_ok=True)
    published = tree.manifest() if not options.force else {}
    code = _code_files()
    started = stat_signature(files_under(project.source) + code)
    if (published.get("signature") == _signature(started, project, options) and tree.current is not None
            and tree.current.is_dir()):
        tree.sweep()  # nothing to build, but a killed build's leftovers still go
        report.reused = ["everything"]
        report.documents = len(project.tei_documents())
        return report
    _fault_point("started")

    previous = tree.current
    new = tree.start()
    try:
        with _temporary_files_in(new / TMP):
            _stages(project, options, report, tree, previous, new, published, started)
    except BaseException:
        _remove(new)
        raise
    return report


def _stages(project: Project, options: Options, report: Report, tree: Tree, previous: Path | None,
            new: Path, published: dict[str, object], started: str) -> None:
    from .encode import encode

    store = Store(project.build / ".cache", read=not options.force)
    start = time.perf_counter()
    encoded = encode(project, jobs=options.jobs, store=store)
    report.seconds["encode"] = time.perf_counter() - start
    report.failed.update(encoded.failed)
    if "" in encoded.failed:  # a problem no single document owns: nothing can be built
        _remove(new)
        return
    report.documents = len(project.tei_documents())
    if not report.documents and encoded.failed:  # every document failed: say why, at the source
        raise EditionError(encoded.problems)
    if not report.documents:
        raise EditionError(Problem(project.documents, None, "no documents to build",
                                   "add one with `edition new <id>` (docs/adding-a-document.md)"))
    _fault_point("encoded")

    made_with = published.get("keys") if isinstance(published.get("keys"), dict) else {}
    assert isinstance(made_with, dict)
    keys: dict[str, object] = {}
    wanted_key = {"site": _stage_key(project, SITE_CODE, options.draft),
                  "pdf": _stage_key(project, PDF_CODE, options.draft)}
    for name, wanted, make in (("site", options.site, _make_site), ("pdf", options.pdf, _make_pdf)):
        old = previous / name if previous is not None else None
        unchanged = made_with.get(name) == wanted_key[name]
        if old is not None and old.is_dir() and (not wanted or (unchanged and not options.force)):
            _link_copy(old, new / name)
            report.reused.append(name)
            keys[name] = made_with.get(name)  # what the linked files were made from
        elif wanted:
            _timed(report, name, lambda make=make, name=name: _make_each(
                make, name, project, new, options, store, report))
            keys[name] = wanted_key[name]
        _fault_point(name)
    _place_pdfs(new)
    _fault_point("placed")
    manifest: dict[str, object] = {"keys": keys}
    if not report.failed:  # a failed document must be tried again next time
        # Sources as they were when the build began; tei/ as the build left it.
        manifest["signature"] = _signature(started, project, options)
    shutil.rmtree(new / TMP, ignore_errors=True)
    tree.publish(new, manifest)
    _fault_point("published")
    report.pages = sum(1 for _ in (new / "site").rglob("*.html")) if (new / "site").is_dir() else 0
    report.pdfs = sum(1 for _ in (new / "pdf").glob("*.pdf")) if (new / "pdf").is_dir() else 0


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


def _make_each(make: Callable[[Project, Path, Options, Store], None], name: str, project: Project,
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
        _remove(tree / name)  # what the failed run wrote
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


def _make_site(project: Project, tree: Path, options: Options, store: Store) -> None:
    from .exports import render_exports
    from .facsimile import render_facsimiles
    from .html import Settings, render_site

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


def _make_pdf(project: Project, tree: Path, options: Options, store: Store) -> None:
    from .pdf import render_pdfs

    render_pdfs(project, tree / "pdf", store=store, jobs=options.jobs)


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


# Why an output could not be written: the machine's fault, not the input's (exit 2).
_CANNOT_WRITE = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT}


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
    try:
        report = run_build(project, options)
    except OSError as err:
        if err.errno not in _CANNOT_WRITE:
            raise
        where = err.filename or project.build
        raise CannotRun(Problem(where, None, f"cannot write the build: {err.strerror}",
                                "free disk space or make build/ writable, then build again; "
                                "build/site still shows the previous complete build")) from None
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
