"""`edition build` itself: the command, and the sequence of its stages (see the package's
description)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .. import lifeline
from ..errors import CannotRun, EditionError, Problem
from ..fingerprint import Store, files_under, hash_bytes, stat_signature
from ..metadata import line_of_key, load_edition
from ..paths import PACKAGE_DIR, XSLT_DIR, Project
from ..workers import SCHEDULER_ENV
from .guard import exclusive, fault_point, temporary_files_in
from .options import Options, Report
from .stages import PDF_CODE, SITE_CODE, make_each, make_pdf, make_site, place_pdfs, stage_key
from .trees import LEGACY_STATE, TMP, Tree, link_copy, remove


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
        with exclusive(project, options.quiet):
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
    fault_point("started")

    previous = tree.current
    new = tree.start()
    try:
        with temporary_files_in(new / TMP):
            _stages(project, options, report, tree, previous, new, published, started)
    except BaseException:
        remove(new)
        raise
    return report


def _stages(project: Project, options: Options, report: Report, tree: Tree, previous: Path | None,
            new: Path, published: dict[str, object], started: str) -> None:
    from ..encode import encode

    store = Store(project.build / ".cache", read=not options.force)
    start = time.perf_counter()
    encoded = encode(project, jobs=options.jobs, store=store)
    report.seconds["encode"] = time.perf_counter() - start
    report.failed.update(encoded.failed)
    if "" in encoded.failed:  # a problem no single document owns: nothing can be built
        remove(new)
        return
    report.documents = len(project.tei_documents())
    if not report.documents and encoded.failed:  # every document failed: say why, at the source
        raise EditionError(encoded.problems)
    if not report.documents:
        raise EditionError(Problem(project.documents, None, "no documents to build",
                                   "add one with `edition new <id>` (docs/adding-a-document.md)"))
    fault_point("encoded")

    made_with = published.get("keys") if isinstance(published.get("keys"), dict) else {}
    assert isinstance(made_with, dict)
    keys: dict[str, object] = {}
    wanted_key = {"site": stage_key(project, SITE_CODE, options.draft),
                  "pdf": stage_key(project, PDF_CODE, options.draft)}
    for name, wanted, make in (("site", options.site, make_site), ("pdf", options.pdf, make_pdf)):
        old = previous / name if previous is not None else None
        unchanged = made_with.get(name) == wanted_key[name]
        if old is not None and old.is_dir() and (not wanted or (unchanged and not options.force)):
            link_copy(old, new / name)
            report.reused.append(name)
            keys[name] = made_with.get(name)  # what the linked files were made from
        elif wanted:
            _timed(report, name, lambda make=make, name=name: make_each(
                make, name, project, new, options, store, report))
            keys[name] = wanted_key[name]
        fault_point(name)
    place_pdfs(new)
    fault_point("placed")
    manifest: dict[str, object] = {"keys": keys}
    if not report.failed:  # a failed document must be tried again next time
        # Sources as they were when the build began; tei/ as the build left it.
        manifest["signature"] = _signature(started, project, options)
    shutil.rmtree(new / TMP, ignore_errors=True)
    tree.publish(new, manifest)
    fault_point("published")
    from ..exports.sitemap import site_pages

    report.pages = len(site_pages(new / "site")) if (new / "site").is_dir() else 0
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


def _check_drafts(project: Project) -> None:
    """Draft register records (proposed by `edition import`, unconfirmed) are published only
    when the editor says so (``allow_drafts = true``); then the build says so too."""
    from ..registry import Registry

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
