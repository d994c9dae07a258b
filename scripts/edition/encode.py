"""`edition encode`: source/documents/<id>/ -> tei/<id>.xml.

All documents are encoded into a staging folder inside tei/, validated there together
(cross-document rules need their neighbours), and only then renamed into place: a
failed run leaves every file in tei/ as it was.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import time
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .annotate import annotate
from .corpus import Corpus
from .errors import CannotRun, EditionError, Problem, cannot_write
from .facsimile.pages import witness_pages
from .fingerprint import Store, code_hash, files_under, hash_bytes, hash_files, package_code
from .markup import Block, Transcription, inline_witness, parse_file, witness_lines, witness_text
from .metadata import DocumentMeta, EditionMeta, load_document, load_edition
from .paths import REGISTERS_ID, Project
from .progress import note, progress
from .proofread import proofread_file, proofread_registry
from .registry import Registry
from .sourcefiles import read_text
from .sourcemap import SourceMap, parse_tei
from .tei import build_document, build_registers, serialize
from .workers import pool_map, use_pool


@dataclasses.dataclass(frozen=True)
class Sources:
    """Everything the encoder reads, loaded once per run."""

    edition: EditionMeta
    registry: Registry
    corpus: Corpus  # every document's metadata, read on demand
    # Documents whose metadata could not be read, with why: each is reported on its own,
    # and the others are encoded all the same.
    failed: dict[str, list[Problem]] = dataclasses.field(default_factory=dict)


def load_sources(project: Project) -> Sources:
    edition = load_edition(project.edition_file)
    registry = Registry.load(project.registry)
    wrong_script = proofread_registry(registry)
    if wrong_script:
        raise EditionError(wrong_script)
    corpus = Corpus()
    failed: dict[str, list[Problem]] = {}
    for doc_id in project.document_ids():
        try:
            corpus.add(load_document(project.documents / doc_id))
        except EditionError as err:
            failed[doc_id] = err.problems
    replies: dict[str, list[str]] = {}
    for doc_id, entry in corpus.entries():
        if not entry.answers:
            continue
        path = entry.folder / "metadata.toml"
        if entry.answers == doc_id:
            failed[doc_id] = [Problem(path, _line(path, "answers"), "the document answers itself",
                                      "name the document this one replies to, or remove answers")]
        elif entry.answers not in corpus:
            why = "its metadata has errors" if entry.answers in failed else "no such document"
            failed[doc_id] = [Problem(path, _line(path, "answers"),
                                      f"answers = {entry.answers!r}: {why}",
                                      "name a folder of source/documents/" if entry.answers not in failed
                                      else f"fix {entry.answers}'s metadata.toml first")]
        else:
            replies.setdefault(entry.answers, []).append(doc_id)
            continue
        corpus.remove(doc_id)
    # A document answered by one that failed would lose its "answered by" link without a
    # word: it waits too (where the failed file can be read far enough to tell), and so
    # does the one it answers, up the chain.
    waiting = list(failed)
    while waiting:
        failed_id = waiting.pop()
        answered = _answers_of(project.documents / failed_id / "metadata.toml")
        if answered in corpus and answered not in failed:
            failed[answered] = [Problem(corpus.entry(answered).folder / "metadata.toml", None,
                                        f"{failed_id}, which answers this document, has errors",
                                        f"fix source/documents/{failed_id} first; until then this "
                                        "document keeps its previous TEI")]
            corpus.remove(answered)
            waiting.append(answered)
    corpus.set_answered_by(replies)
    return Sources(edition, registry, corpus, failed)


def _answers_of(path: Path) -> str | None:
    try:
        answers = tomllib.loads(path.read_text(encoding="utf-8")).get("answers")
    except (OSError, ValueError):
        return None
    return answers if isinstance(answers, str) else None


def _line(path: Path, key: str) -> int | None:
    from .sourcefiles import KeyLines

    return KeyLines(path.read_text(encoding="utf-8")).line(key)


def read_transcription(project: Project, doc: DocumentMeta, lang: str) -> Transcription:
    """Parse one language's transcription and check it still gives back its witness."""
    folder = project.documents / doc.id
    path = folder / f"{lang}.txt"
    if not path.is_file():
        raise EditionError(Problem(path, None, f"no transcription for language {lang!r}",
                                   f"create {lang}.txt, or remove {lang!r} from languages "
                                   "in metadata.toml"))
    transcription = parse_file(path, lang)
    wrong_script = [p for p in proofread_file(path, lang, slips=False) if p.severity == "error"]
    if wrong_script:
        raise EditionError(wrong_script)
    witness_path = folder / "witness" / f"{lang}.txt"
    if witness_path.is_file():
        check_witness(transcription, read_text(witness_path), witness_path.name)
    return transcription


def check_witness(transcription: Transcription, witness: str, witness_name: str) -> None:
    """Raise unless the transcription without its markup is the witness text, line by line.
    Blank lines of the witness (a copy that separates its paragraphs by them) hold no text
    and are not compared; the witness's line numbers are reported as in the file."""
    path = transcription.path
    expected = [(number, text) for number, text in enumerate(witness.split("\n"), start=1)
                if text.strip()]
    got = [text for text in witness_text(transcription).split("\n") if text.strip()]
    if [text for _, text in expected] == got:
        return
    groups = witness_lines(transcription)
    for index, ((number, want), have) in enumerate(zip(expected, got, strict=False)):
        if want != have:
            column = next((i for i, (a, b) in enumerate(zip(want, have, strict=False))
                           if a != b), min(len(want), len(have)))
            line = _block_line_at(groups[index], column) if index < len(groups) else None
            raise EditionError(Problem(
                path, line,
                f"the transcription no longer gives back the witness "
                f"({witness_name} line {number}, character {column + 1}: "
                f"witness has {want[column:column + 20]!r}, transcription "
                f"gives {have[column:column + 20]!r})",
                "transcribe every character of the witness; put changes in "
                "{sic …|…} or {note …}"))
    raise EditionError(Problem(path, None,
                               f"the transcription has {len(got)} lines of text, "
                               f"the witness {len(expected)}",
                               "one witness line is one block line (or several "
                               "blocks joined by run-on marks '\\')"))


def _block_line_at(blocks: list[Block], column: int) -> int:
    """The source line of the block that holds ``column`` of a witness line cut into blocks."""
    end = 0
    for block in blocks:
        end += len(inline_witness(block.inlines))
        if column < end:
            return block.line
    return blocks[-1].line


# A document with this much transcription text (all languages) takes seconds to encode
# (about 15 s a MB, docs/performance.md): each of its stages is announced on stderr.
LARGE_TEXT_BYTES = 1_000_000


def _text_bytes(project: Project, doc: DocumentMeta) -> int:
    paths = [project.documents / doc.id / f"{lang}.txt" for lang in doc.languages]
    return sum(p.stat().st_size for p in paths if p.is_file())


def encode_one(project: Project, sources: Sources, doc_id: str) -> bytes:
    doc = sources.corpus.get(doc_id)
    if doc is None:
        raise EditionError(Problem(project.documents / doc_id, None, "no such document",
                                   f"known documents: {', '.join(sources.corpus) or 'none'}"))
    size = _text_bytes(project, doc)
    large = size >= LARGE_TEXT_BYTES
    report = "report" in doc.archival.kind.lower()
    texts: dict[str, Transcription] = {}
    for lang in doc.languages:
        if large:
            note("encode", f"{doc_id} ({size / 1e6:.1f} MB of text): reading and annotating {lang}.txt")
        texts[lang] = annotate(read_transcription(project, doc, lang), sources.registry, doc.date,
                               report=report)
    if large:
        note("encode", f"{doc_id}: building the TEI")
    pages = witness_pages(project.documents / doc_id)
    tree = build_document(doc, texts, sources.registry, sources.edition, sources.corpus, pages)
    return serialize(tree)


def stage_with_neighbours(folder: Path, tei: Path, built: dict[str, bytes]) -> dict[str, Path]:
    """Write the built TEI (by document id) into ``folder`` beside copies of the TEI files
    of ``tei``: the neighbours the cross-document rules need. The written paths, by id."""
    paths = {}
    for doc_id, data in built.items():
        paths[doc_id] = folder / f"{doc_id}.xml"
        paths[doc_id].write_bytes(data)
    copy_neighbours(tei, folder, set(built))
    return paths


def copy_neighbours(tei: Path, folder: Path, made: set[str]) -> None:
    """Copy into ``folder`` the TEI files of ``tei`` but those of ``made`` (written there
    already): the neighbours the cross-document rules need."""
    if tei.is_dir():
        for existing in tei.glob("*.xml"):
            if existing.stem not in made:
                shutil.copy2(existing, folder / existing.name)


def _gate(project: Project, registry: Registry, staged: dict[str, Path]) -> dict[str, list[Problem]]:
    """Validate staged files (both layers); the problems of each file that fails, by id,
    stated where the editor can act: the source line the failing element comes from."""
    from .validate import ValidatorUnavailable, validate_paths

    by_path = {path.resolve(): doc_id for doc_id, path in staged.items()}
    failed: dict[str, list[Problem]] = {}
    try:
        findings = validate_paths(list(staged.values()))
    except ValidatorUnavailable as err:
        raise CannotRun(Problem("edition validate", None,
                                f"the new TEI could not be validated: {err.message}",
                                "nothing was written; install what is missing "
                                "(scripts/setup.sh)")) from None
    roots: dict[str, etree._Element | None] = {}
    for f in findings:
        if f.severity == "warning":  # drafts are reported by validate and build, not refused
            continue
        doc_id = by_path.get(Path(f.file).resolve()) if f.file else None
        if doc_id is None:
            failed.setdefault("", []).append(
                Problem(f.file, f.line, f"[{f.rule}] {f.message}", f.hint, column=f.column))
            continue
        if doc_id not in roots:
            roots[doc_id] = parse_tei(staged[doc_id].read_bytes())
        failed.setdefault(doc_id, []).append(
            SourceMap(project, doc_id, registry).problem(roots[doc_id], f.line, f.column, f.rule,
                                                         f.message, f.hint))
    return failed


@dataclasses.dataclass
class EncodeResult:
    """What a run did: report lines, the ids whose TEI changed, and the problems of the
    documents that could not be encoded (their previous TEI, if any, is left in place)."""

    lines: list[str] = dataclasses.field(default_factory=list)
    changed: list[str] = dataclasses.field(default_factory=list)
    failed: dict[str, list[Problem]] = dataclasses.field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return [p for problems in self.failed.values() for p in problems]


def shared_key(project: Project) -> str:
    """The content hash of what every document's TEI is made from: the registry, the
    edition settings and the toolkit (hashed once per run, not once per document)."""
    return hash_bytes(
        code_hash(*package_code()),
        hash_files(files_under(project.registry), project.registry),
        project.edition_file.read_bytes())


def document_key(project: Project, sources: Sources, doc_id: str, shared: str) -> str:
    """The content hash of everything tei/<id>.xml is made from: ``shared`` (see
    :func:`shared_key`), the document's folder, and what the correspondence chain takes
    from its neighbours (their ids and titles)."""
    neighbours = sources.corpus.chain(doc_id)
    return hash_bytes(
        shared,
        hash_files(files_under(project.documents / doc_id), project.documents),
        *(f"{n}\0{sources.corpus.title(n, 'en')}" for n in neighbours))


_WORKER: dict[str, object] = {}


def _worker_init(root: str, run: str) -> None:
    """A worker's sources: a forked worker has the run's already (they are set before the
    pool starts); a cluster's worker reads its own, once per run (it may serve several)."""
    if _WORKER.get("run") != run:
        project = Project(Path(root))
        _WORKER.update(project=project, sources=load_sources(project), run=run)


def _worker_encode(doc_id: str) -> tuple[str, bytes | None, list[Problem]]:
    project, sources = _WORKER["project"], _WORKER["sources"]
    assert isinstance(project, Project) and isinstance(sources, Sources)
    try:
        return doc_id, encode_one(project, sources, doc_id), []
    except EditionError as err:
        return doc_id, None, err.problems


def _encode_many(project: Project, sources: Sources, ids: list[str],
                 jobs: int) -> Iterator[tuple[str, bytes | None, list[Problem]]]:
    """Encode in this process, or over a pool of ``jobs`` processes when it pays."""
    run = uuid.uuid4().hex  # tells a worker's sources from an earlier run's
    _WORKER.update(project=project, sources=sources, run=run)
    if not use_pool(jobs, len(ids), 2 * jobs):
        yield from map(_worker_encode, ids)
        return
    yield from pool_map(_worker_encode, ids, jobs=jobs, context="fork", initializer=_worker_init,
                        initargs=(str(project.root), run), chunksize=max(1, len(ids) // (jobs * 8)))


class _Staging:
    """The folder inside tei/ where a run's new TEI waits for validation: each file is
    written as it is encoded, so that a run holds one document's TEI in memory at a time,
    not the corpus's. Made at the first changed file (a fresh tei/ may be read-only)."""

    def __init__(self, tei: Path) -> None:
        self.tei = tei
        self.folder: Path | None = None
        self.staged: dict[str, Path] = {}

    def add(self, doc_id: str, data: bytes) -> None:
        if self.folder is None:
            self.tei.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.tei))
        path = self.folder / f"{doc_id}.xml"
        path.write_bytes(data)
        self.staged[doc_id] = path

    def with_neighbours(self) -> None:
        assert self.folder is not None
        copy_neighbours(self.tei, self.folder, set(self.staged))

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def encode(project: Project, ids: list[str] | None = None, *, check_only: bool = False,
           validate: bool = True, jobs: int = 1, store: Store | None = None) -> EncodeResult:
    """Encode the documents (default: all) into tei/, keeping going past failures.

    A document whose inputs hash to a key already in ``store`` is not encoded again: its
    TEI is the stored (validated) one. ``check_only``: write nothing; every file of tei/
    that differs from what would be written is a failure ("stale")."""
    started = time.perf_counter()
    sources = load_sources(project)
    wanted = ids or [*sources.corpus, *sources.failed]
    result = EncodeResult()
    keys: dict[str, str] = {}
    candidates: list[str] = []
    shared = shared_key(project) if store is not None else ""
    for doc_id in wanted:
        if doc_id in sources.failed:
            result.failed[doc_id] = sources.failed[doc_id]
        elif doc_id not in sources.corpus:
            result.failed[doc_id] = [Problem(project.documents / doc_id, None, "no such document",
                                             f"known documents: {', '.join(sources.corpus) or 'none'}")]
        else:
            candidates.append(doc_id)
            if store is not None:
                keys[doc_id] = document_key(project, sources, doc_id, shared)
    from_store: set[str] = set()

    def made() -> Iterator[tuple[str, bytes]]:
        """Each document's TEI, one at a time: from the store where it holds it, else encoded."""
        todo = []
        for doc_id in candidates:
            data = store.get("tei", keys[doc_id]) if store is not None else None
            if data is None:
                todo.append(doc_id)
            else:
                from_store.add(doc_id)
                yield doc_id, data
        for doc_id, data, problems in progress(_encode_many(project, sources, todo, jobs), len(todo),
                                               "encode"):
            if data is None:
                result.failed[doc_id] = problems
            else:
                yield doc_id, data
        # The registers depend on the registry alone; written with every run so they never lag.
        yield REGISTERS_ID, serialize(build_registers(sources.registry, sources.edition))

    sizes: dict[str, int] = {}  # every document made, fresh or changed
    if not check_only:
        for leftover in project.tei.glob(".staging-*"):  # from a run that was killed
            shutil.rmtree(leftover, ignore_errors=True)
    staging = _Staging(project.tei)
    try:
        try:
            for doc_id, data in made():
                sizes[doc_id] = len(data)
                target = project.tei / f"{doc_id}.xml"
                if target.is_file() and target.read_bytes() == data:
                    continue
                if check_only:
                    result.failed[doc_id] = [Problem(target, None,
                                                     "stale: differs from what source/ encodes to",
                                                     "run `edition encode` and commit tei/")]
                else:
                    staging.add(doc_id, data)
            if check_only:
                result.lines = [f"fresh: tei/{doc_id}.xml" for doc_id in sorted(sizes)
                                if doc_id not in result.failed]
                return result
            _publish(project, sources.registry, staging, result, validate=validate)
            if store is not None:
                for doc_id, key in keys.items():
                    if doc_id in sizes and doc_id not in result.failed and doc_id not in from_store:
                        store.put("tei", key, (project.tei / f"{doc_id}.xml").read_bytes())
        finally:
            staging.remove()
    except OSError as err:  # a read-only tei/, a full disk: the machine's fault (exit 2)
        done = (f"{len(result.changed)} file(s) of tei/ were replaced, each whole, before it "
                "stopped; the others are as they were" if result.changed else "tei/ is as it was")
        raise cannot_write(err, project.tei, "free disk space, or make it writable, then run "
                           f"the command again; {done}") from None
    if "" in result.failed or REGISTERS_ID in result.failed:
        return result  # nothing was published
    for doc_id, size in sizes.items():
        if doc_id not in result.failed:
            state = "wrote" if doc_id in result.changed else "unchanged"
            result.lines.append(f"{state}: tei/{doc_id}.xml ({size:,} bytes)")
    result.lines.append(f"encode: {len(sizes)} file(s) in {time.perf_counter() - started:.2f} s"
                        + (f", {len(result.failed)} failed" if result.failed else ""))
    return result


def _publish(project: Project, registry: Registry, staging: _Staging, result: EncodeResult,
             *, validate: bool) -> None:
    """Validate the staged files there with their neighbours, and rename each that passes
    into place (listed in ``result.changed``). A file of tei/ is its old version or its new
    one, whole; OSError when tei/ cannot be written."""
    if not staging.staged:  # nothing to write: a read-only tei/ that is fresh is fine
        return
    staging.with_neighbours()
    if validate:
        for doc_id, problems in _gate(project, registry, staging.staged).items():
            result.failed.setdefault(doc_id, []).extend(problems)
    if "" in result.failed or REGISTERS_ID in result.failed:
        return  # not attributable to one document, or the registers: publish nothing
    for doc_id, path in staging.staged.items():
        if doc_id in result.failed:
            continue
        os.replace(path, project.tei / f"{doc_id}.xml")
        result.changed.append(doc_id)


def encode_documents(project: Project, ids: list[str] | None = None, *,
                     check_only: bool = False, validate: bool = True) -> list[str]:
    """:func:`encode`, raising EditionError with every problem when a document failed (the
    others are written all the same). Returns the report lines."""
    result = encode(project, ids, check_only=check_only, validate=validate)
    if result.failed:
        raise EditionError(result.problems)
    return result.lines
