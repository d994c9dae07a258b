"""`edition check [ID…]`: every check an editor needs, all problems at once, nothing written.

In order, each step going as far as the input allows and collecting every problem:

1. the settings (source/edition.toml) and the register (source/registry/*.toml);
2. each document's metadata.toml, its transcriptions (markup, alignment labels, the
   faithfulness check against witness/, characters of the wrong script) and, as
   warnings, probable slips;
3. the encoding: the TEI each document would get, built in memory;
4. validation of that TEI (TEI P5 and the edition's rules) in a temporary folder outside
   the project, its findings stated at the source line they come from;
5. freshness: whether tei/ holds what source/ encodes to (the committed edition).

Exit 0 when there is no error (warnings are listed and do not fail), 1 otherwise. The
documents can be named; by default all are checked.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path

from .annotate import annotate
from .corpus import Corpus
from .encode import Sources, read_transcription, stage_with_neighbours
from .errors import EditionError, Problem
from .markup import Transcription
from .metadata import load_document, load_edition
from .paths import REGISTERS_ID, Project
from .proofread import known_words, proofread_file, proofread_registry
from .registry import Registry
from .sourcemap import SourceMap, parse_tei
from .tei import build_document, build_registers, serialize


@dataclasses.dataclass
class CheckReport:
    """Problems by document id ("" for those of the edition as a whole)."""

    problems: dict[str, list[Problem]] = dataclasses.field(default_factory=dict)
    documents: int = 0

    def add(self, doc_id: str, problems: list[Problem]) -> None:
        if problems:
            known = self.problems.setdefault(doc_id, [])
            for p in problems:
                if not any(_same(p, q) for q in known):
                    known.append(p)

    @property
    def errors(self) -> list[Problem]:
        return [p for ps in self.problems.values() for p in ps if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for ps in self.problems.values() for p in ps if p.severity != "error"]

    def lines(self) -> list[str]:
        out = []
        for doc_id in sorted(self.problems):
            if doc_id:
                out.append(f"== {doc_id}")
            out += [str(p) for p in sorted(self.problems[doc_id], key=_order)]
        errors, warnings = len(self.errors), len(self.warnings)
        out.append(f"check: {self.documents} document(s); {errors} error(s), {warnings} warning(s)"
                   + ("" if errors else " - nothing to correct" if not warnings else ""))
        return out


@dataclasses.dataclass(frozen=True)
class _Unloaded:
    """A document whose metadata.toml did not load: enough to read its transcriptions."""

    id: str


def _same(a: Problem, b: Problem) -> bool:
    return (str(a.file), a.line, a.column, a.message) == (str(b.file), b.line, b.column, b.message)


def _order(p: Problem) -> tuple[int, str, int, int]:
    return (p.severity != "error", str(p.file), p.line or 0, p.column or 0)


def _problems(err: EditionError) -> list[Problem]:
    return list(err.problems)


def check(project: Project, ids: list[str] | None = None, *, validate: bool = True) -> CheckReport:
    """Run every check on the project (or on the documents ``ids``); write nothing in it."""
    report = CheckReport()
    edition = registry = None
    try:
        edition = load_edition(project.edition_file)
    except EditionError as err:
        report.add("", _problems(err))
    try:
        registry = Registry.load(project.registry)
        report.add("", proofread_registry(registry))
    except EditionError as err:
        report.add("", _problems(err))

    all_ids = project.document_ids()
    wanted = ids or all_ids
    corpus = Corpus()
    for doc_id in all_ids:
        try:
            corpus.add(load_document(project.documents / doc_id))
        except EditionError as err:
            if doc_id in wanted:
                report.add(doc_id, _problems(err))
    for doc_id in wanted:
        if doc_id not in all_ids:
            report.add(doc_id, [Problem(project.documents / doc_id, None, "no such document",
                                        f"known documents: {', '.join(all_ids) or 'none'}")])
        elif doc_id == REGISTERS_ID:
            report.add(doc_id, [Problem(project.documents / doc_id, None,
                                        f"{REGISTERS_ID!r} cannot be a document id: tei/{REGISTERS_ID}.xml "
                                        "holds the edition's registers", "rename the folder")])
    replies: dict[str, list[str]] = {}
    for doc_id, entry in corpus.entries():
        if entry.answers and entry.answers not in corpus:
            if doc_id in wanted:
                report.add(doc_id, [Problem(entry.folder / "metadata.toml", None,
                                            f"answers = {entry.answers!r}: no such document",
                                            "name a folder of source/documents/")])
        elif entry.answers:
            replies.setdefault(entry.answers, []).append(doc_id)
    corpus.set_answered_by(replies)
    report.documents = sum(1 for d in wanted if d in all_ids)

    known = known_words(registry)
    built: dict[str, bytes] = {}
    for doc_id in wanted:
        if doc_id not in all_ids:
            continue
        doc = corpus.get(doc_id)
        # a document whose metadata failed still has its transcriptions checked
        folder = project.documents / doc_id
        languages = doc.languages if doc is not None else tuple(sorted(p.stem for p in folder.glob("*.txt")))
        texts = {}
        for lang in languages:
            path = project.documents / doc_id / f"{lang}.txt"
            if path.is_file():
                report.add(doc_id, proofread_file(path, lang, known))
            try:
                texts[lang] = read_transcription(project, doc or _Unloaded(doc_id), lang)  # type: ignore[arg-type]
            except EditionError as err:
                report.add(doc_id, _problems(err))
        if doc is None or edition is None or registry is None or len(texts) != len(doc.languages):
            continue
        try:
            built[doc_id] = _encode(Sources(edition, registry, corpus), doc_id, texts)
        except EditionError as err:
            report.add(doc_id, _problems(err))
    if edition is not None and registry is not None and ids is None:
        built[REGISTERS_ID] = serialize(build_registers(registry, edition))

    if validate and built:
        _validate(project, registry, built, report)
    failed = {d for d, ps in report.problems.items() if any(p.severity == "error" for p in ps)}
    for doc_id, data in built.items():
        target = project.tei / f"{doc_id}.xml"
        if doc_id in failed or (target.is_file() and target.read_bytes() == data):
            continue
        state = "is not what source/ encodes to" if target.is_file() else "is missing"
        command = "edition encode" if doc_id == REGISTERS_ID else f"edition encode {doc_id}"
        report.add(doc_id, [Problem(target, None, f"the committed TEI {state} (tei/ is stale)",
                                    f"the source is right: run `{command}` and commit tei/")])
    return report


def _encode(sources: Sources, doc_id: str, texts: dict[str, Transcription]) -> bytes:
    doc = sources.corpus[doc_id]
    report = "report" in doc.archival.kind.lower()
    annotated = {lang: annotate(t, sources.registry, doc.date, report=report) for lang, t in texts.items()}
    return serialize(build_document(doc, annotated, sources.registry, sources.edition, sources.corpus))


def _validate(project: Project, registry: Registry | None, built: dict[str, bytes],
              report: CheckReport) -> None:
    """Validate the built TEI beside the edition's other files, in a folder outside the project."""
    from .validate import ValidatorUnavailable, validate_paths

    with tempfile.TemporaryDirectory(prefix="edition-check-") as tmp:
        paths = stage_with_neighbours(Path(tmp), project.tei, built)
        try:
            findings = validate_paths(list(paths.values()))
        except ValidatorUnavailable as err:
            report.add("", [Problem(None, None, f"the TEI could not be validated: {err.message}",
                                    "install what is missing (scripts/setup.sh), then check again")])
            return
        by_path = {p.resolve(): doc_id for doc_id, p in paths.items()}
        roots = {doc_id: parse_tei(data) for doc_id, data in built.items()}
        for f in findings:
            doc_id = by_path.get(Path(f.file).resolve()) if f.file else None
            if doc_id is None:
                continue
            where = SourceMap(project, doc_id, registry)
            report.add(doc_id, [where.problem(roots[doc_id], f.line, f.column, f.rule, f.message, f.hint,
                                              severity=f.severity)])


def main(project: Project, ids: list[str] | None = None) -> int:
    report = check(project, ids)
    for line in report.lines():
        print(line, file=sys.stdout)
    return 1 if report.errors else 0
