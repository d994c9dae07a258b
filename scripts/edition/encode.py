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
from pathlib import Path

from .annotate import annotate
from .errors import EditionError, Problem
from .markup import Transcription, parse_file, witness_text
from .metadata import DocumentMeta, EditionMeta, load_document, load_edition
from .paths import REGISTERS_ID, Project
from .registry import Registry
from .tei import build_document, build_registers, serialize


@dataclasses.dataclass(frozen=True)
class Sources:
    """Everything the encoder reads, loaded once per run."""

    edition: EditionMeta
    registry: Registry
    corpus: dict[str, DocumentMeta]


def load_sources(project: Project) -> Sources:
    edition = load_edition(project.edition_file)
    registry = Registry.load(project.registry)
    corpus: dict[str, DocumentMeta] = {}
    for doc_id in project.document_ids():
        if doc_id == REGISTERS_ID:
            raise EditionError(Problem(project.documents / doc_id, None,
                                       f"{REGISTERS_ID!r} cannot be a document id: "
                                       f"tei/{REGISTERS_ID}.xml holds the edition's registers",
                                       "rename the folder"))
        corpus[doc_id] = load_document(project.documents / doc_id)
    replies: dict[str, list[str]] = {}
    for doc in corpus.values():
        if doc.answers:
            if doc.answers not in corpus:
                raise EditionError(Problem(doc.path, None,
                                           f"answers = {doc.answers!r}: no such document",
                                           "name a folder of source/documents/"))
            replies.setdefault(doc.answers, []).append(doc.id)
    corpus = {k: dataclasses.replace(v, answered_by=tuple(sorted(replies.get(k, []))))
              for k, v in corpus.items()}
    return Sources(edition, registry, corpus)


def read_transcription(project: Project, doc: DocumentMeta, lang: str) -> Transcription:
    """Parse one language's transcription and check it still gives back its witness."""
    folder = project.documents / doc.id
    path = folder / f"{lang}.txt"
    if not path.is_file():
        raise EditionError(Problem(path, None, f"no transcription for language {lang!r}",
                                   f"create {lang}.txt, or remove {lang!r} from languages "
                                   "in metadata.toml"))
    transcription = parse_file(path, lang)
    witness_path = folder / "witness" / f"{lang}.txt"
    if witness_path.is_file():
        expected = witness_path.read_text(encoding="utf-8").split("\n")
        got = witness_text(transcription).split("\n")
        if expected != got:
            lines = [b.line for b in transcription.blocks]
            for index, (want, have) in enumerate(zip(expected, got, strict=False)):
                if want != have:
                    column = next((i for i, (a, b) in enumerate(zip(want, have, strict=False))
                                   if a != b), min(len(want), len(have)))
                    line = lines[index] if index < len(lines) else None
                    raise EditionError(Problem(
                        path, line,
                        f"the transcription no longer gives back the witness "
                        f"({witness_path.name} line {index + 1}, character {column + 1}: "
                        f"witness has {want[column:column + 20]!r}, transcription "
                        f"gives {have[column:column + 20]!r})",
                        "transcribe every character of the witness; put changes in "
                        "{sic …|…} or {note …}"))
            raise EditionError(Problem(path, None,
                                       f"the transcription has {len(got) - 1} lines of text, "
                                       f"the witness {len(expected) - 1}",
                                       "one witness line is one block line"))
    return transcription


def encode_one(project: Project, sources: Sources, doc_id: str) -> bytes:
    doc = sources.corpus.get(doc_id)
    if doc is None:
        raise EditionError(Problem(project.documents / doc_id, None, "no such document",
                                   f"known documents: {', '.join(sources.corpus) or 'none'}"))
    texts = {lang: annotate(read_transcription(project, doc, lang), sources.registry, doc.date)
             for lang in doc.languages}
    tree = build_document(doc, texts, sources.registry, sources.edition, sources.corpus)
    return serialize(tree)


def _gate(staged: list[Path]) -> None:
    """Refuse to publish TEI that fails validation (both layers)."""
    try:
        from .validate import validate_paths
    except ImportError:  # validator not installed in this checkout: nothing to gate with
        return
    findings = validate_paths(staged)
    if findings:
        raise EditionError([
            Problem(f.file, f.line, f"[{f.rule}] {f.message}", f.hint, column=f.column)
            for f in findings])


def encode_documents(project: Project, ids: list[str] | None = None, *,
                     check_only: bool = False, validate: bool = True) -> list[str]:
    """Encode the documents (default: all); return one line of report per document.

    ``check_only``: write nothing, raise EditionError if tei/ differs from what
    would be written (stale or missing files)."""
    started = time.perf_counter()
    sources = load_sources(project)
    wanted = ids or list(sources.corpus)
    encoded: dict[str, bytes] = {}
    problems: list[Problem] = []
    for doc_id in wanted:
        try:
            encoded[doc_id] = encode_one(project, sources, doc_id)
        except EditionError as err:
            problems.extend(err.problems)
    if problems:
        raise EditionError(problems)
    # The registers depend on the registry alone; written with every run so they never lag.
    encoded[REGISTERS_ID] = serialize(build_registers(sources.registry, sources.edition))

    if check_only:
        stale = [doc_id for doc_id, data in encoded.items()
                 if not (project.tei / f"{doc_id}.xml").is_file()
                 or (project.tei / f"{doc_id}.xml").read_bytes() != data]
        if stale:
            raise EditionError([Problem(project.tei / f"{s}.xml", None,
                                        "stale: differs from what source/ encodes to",
                                        "run `edition encode` and commit tei/") for s in stale])
        return [f"fresh: tei/{doc_id}.xml" for doc_id in encoded]

    project.tei.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=project.tei))
    try:
        for existing in project.tei.glob("*.xml"):  # neighbours for cross-document rules
            shutil.copy2(existing, staging / existing.name)
        staged = []
        for doc_id, data in encoded.items():
            path = staging / f"{doc_id}.xml"
            path.write_bytes(data)
            staged.append(path)
        if validate:
            _gate(staged)
        report = []
        for doc_id, data in encoded.items():
            target = project.tei / f"{doc_id}.xml"
            changed = not target.is_file() or target.read_bytes() != data
            if changed:
                os.replace(staging / f"{doc_id}.xml", target)
            report.append(f"{'wrote' if changed else 'unchanged'}: tei/{doc_id}.xml "
                          f"({len(data):,} bytes)")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.append(f"encode: {len(encoded)} document(s) in {time.perf_counter() - started:.2f} s")
    return report
