"""`edition import`: records in, complete document folders out, or nothing at all.

Every record is read, segmented, aligned and composed in memory first; only when all of
them are right is anything written, each folder into a temporary folder beside its final
place and then renamed into place, so that a failure never leaves half a document.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError, Problem, cannot_write
from ..facsimile.pages import PAGES_DIR, images_beside
from ..metadata import DOC_ID_RE
from ..paths import REGISTERS_ID, Project
from ..proofread import known_words
from ..registry import Registry
from ..slips import probable_slips
from .align import Link, Unit, align
from .citation import bare_name, slug_word
from .meta import Composed, Party, compose, iso_date, metadata_text, settle, stated_languages
from .proposals import Draft, _draft_id, propose, write_drafts
from .record import LanguageBlock, Record, read_record
from .report import ReportData, Suspect, render
from .segment import Segment, segment
from .transcribe import Correction, place_units, script_findings, transcription_text

REPORT_NAME = "import-report.txt"
UKRAINIAN_LETTERS = set("іїєґІЇЄҐ")
SCRIPT_LANGUAGES = {"han": "zh", "hangul": "ko"}


@dataclass
class Imported:
    """One record, ready to be written (or written: ``folder`` then exists)."""

    source: Path
    doc_id: str
    folder: Path
    files: dict[str, str]
    report: str
    record: Record
    composed: Composed
    links: list[Link]
    segments: dict[str, list[Segment]]
    drafts: list[Draft]
    # Page images given beside the record (edition.facsimile.pages.images_beside), copied
    # into witness/pages/ under their own names.
    pages: tuple[Path, ...] = ()


def block_language(block: LanguageBlock) -> str:
    """The language of a text by its script: the archive translates into English, Cyrillic
    texts are Russian (Ukrainian with its own letters), Chinese characters Chinese, Hangul
    Korean."""
    if block.script == "latin":
        return "en"
    if block.script in SCRIPT_LANGUAGES:
        return SCRIPT_LANGUAGES[block.script]
    text = block.witness()
    return "uk" if any(ch in UKRAINIAN_LETTERS for ch in text) else "ru"


def decide_languages(record: Record) -> tuple[list[str], str]:
    """(languages present, original first; the original's code or "" unknown)."""
    present = []
    for block in record.blocks:
        block.lang = block_language(block)
        present.append(block.lang)
    if len(present) > 2:
        first = record.blocks[2]
        raise EditionError(Problem(record.path, first.first,
                                   f"the record holds texts in {len(present)} languages "
                                   f"({', '.join(present)}); edition import aligns an original with "
                                   "one translation",
                                   "import the record twice, each copy with the original and one of "
                                   "the translations, or transcribe the third text by hand "
                                   "(docs/adding-a-document.md)"))
    stated = stated_languages(record)
    non_english = [lang for lang in present if lang != "en"]
    stated_other = [lang for lang in stated if lang != "en"]
    translated = bool(record.citation and "translat" in record.citation.text.lower()) \
        or "translat" in record.value("Source").lower()
    stated_present = [lang for lang in stated_other if lang in present]
    if stated_present:
        original = stated_present[0]
    elif stated_other:
        original = stated_other[0]          # translations only: the record names another original
    elif non_english:
        original = non_english[0]
    elif stated == ["en"] and not translated:
        original = "en"                     # the record says the document is in English
    else:
        original = ""                       # translation only, the original's language unknown
    languages = sorted(present, key=lambda lang: (lang != original, present.index(lang)))
    return languages, original


def derive_id(composed: Composed, record: Record) -> str | None:
    sender = slug_word(composed.title.sender)
    addressee = slug_word(composed.title.recipient or composed.title.addressee)
    if composed.date and sender and addressee:
        return f"{composed.date}-{sender}-to-{addressee}"
    record_id = "".join(ch for ch in record.value("Record ID").lower() if ch.isalnum() or ch == "-")
    if record_id:
        return f"record-{record_id}"
    return None


def _suspects(lang: str, segments: Sequence[Segment], known: frozenset[str]) -> list[Suspect]:
    out = []
    for seg in segments:
        for f in script_findings(seg.text, lang):
            if not f.reading or f.reading == f.word:
                out.append(Suspect(lang, seg.line, f.word, f.reading, f.message, "script"))
        for f in probable_slips(seg.text, lang, known):
            out.append(Suspect(lang, seg.line, f.word, f.reading, f.message, "slip"))
    return out


def prepare(project: Project, path: Path, registry: Registry, *, doc_id: str | None = None,
            today: dt.date | None = None, use_natasha: bool = True,
            publisher: str | None = None) -> Imported:
    """Read and compose one record; raise EditionError (file:line, what to do) on bad input."""
    record = read_record(path)
    languages, original = decide_languages(record)
    date_text = record.date.text if record.date else ""
    written = iso_date(date_text)
    day = dt.date.fromisoformat(written) if written else None
    by_lang = {block.lang: block for block in record.blocks}
    segmentations = {lang: segment(by_lang[lang], day) for lang in languages}
    segments = {lang: segmentations[lang].segments for lang in languages}
    composed = compose(record, segments, registry)
    if doc_id is None:
        doc_id = derive_id(composed, record)
        if doc_id is None:
            raise EditionError(Problem(path, record.separator, "cannot name the document: the record "
                                       "states neither date, sender and addressee nor a record id",
                                       "give the id: edition import FILE --id "
                                       "YYYY-MM-DD-sender-to-addressee"))
    # the line the id comes from: the publisher's title (sender, addressee), else the separator
    id_line = record.title.number if record.title else record.separator
    if not DOC_ID_RE.match(doc_id) or doc_id == REGISTERS_ID:
        raise EditionError(Problem(path, id_line, f"bad document id {doc_id!r}",
                                   "use lower-case letters, digits and '-', "
                                   "e.g. 1950-01-31-sender-to-addressee"))
    folder = project.documents / doc_id
    if folder.exists():
        raise EditionError(Problem(path, id_line, f"the document id {doc_id!r} is taken: {folder} exists",
                                   "choose another id with --id, or remove that folder if it is an "
                                   "earlier import you do not want"))
    # the alignment
    links: list[Link] = []
    units = {lang: [Unit(s.kind, s.text, s.line) for s in segments[lang]] for lang in languages}
    if len(languages) == 2:
        links = align(units[languages[0]], units[languages[1]], original_lang=languages[0],
                      translation_lang=languages[1], registry=registry)
    else:
        links = [Link((i,), (), 1.0, (), "skipped" if s.kind == "gap" else "")
                 for i, s in enumerate(segments[languages[0]])]
    drafts = propose(units, links, registry, original_lang=languages[0],
                     translation_lang=languages[1] if len(languages) > 1 else "", use_natasha=use_natasha)
    _draft_parties(composed, drafts, registry)
    settle(composed, record)
    sides = [segments[lang] for lang in languages]
    placed = dict(zip(languages, place_units(sides, links), strict=True))
    files: dict[str, str] = {}
    corrections: dict[str, list[Correction]] = {}
    title = record.title.text.strip() if record.title else doc_id
    for lang in languages:
        block = by_lang[lang]
        role = "original" if lang == original else "translation"
        header = [f"{title}: {lang} {role}, imported by `edition import` from {path.name}",
                  f"(record lines {block.first}-{block.last}; witness/{lang}.txt is the block as published).",
                  "Format: docs/source-format.md. The @labels pair units across languages: change a",
                  "label to change the alignment; a trailing '\\' cuts a run-on witness line."]
        corrections[lang] = []
        files[f"{lang}.txt"] = transcription_text(segments[lang], placed[lang], lang, header=header,
                                                  truncated=segmentations[lang].truncated,
                                                  corrections=corrections[lang])
        files[f"witness/{lang}.txt"] = block.witness()
    files["witness/page.txt"] = _normalised(path)
    pages = images_beside(path)
    publisher, publisher_source = _publisher(project, composed, publisher)
    if not publisher:
        raise EditionError(Problem(path, record.separator, "the record does not name its publisher (it has "
                                   "no citation line) and the edition's documents name none or several",
                                   "give it: edition import FILE --publisher \"…\" (the archive that "
                                   "publishes the record, as it names itself)"))
    files["metadata.toml"] = metadata_text(record, composed, languages=languages, original=original,
                                           publisher=publisher, today=today or dt.date.today(),
                                           source_name=path.name)
    known = known_words(registry)
    data = ReportData(
        source=str(path), target=f"source/documents/{doc_id}/", doc_id=doc_id,
        line_endings=record.line_endings, bom=record.bom, languages=languages, original=original,
        blocks={lang: (by_lang[lang].first, by_lang[lang].last) for lang in languages},
        segments=segments, placed=placed, links=links,
        run_on_lines={lang: segmentations[lang].run_on_lines for lang in languages},
        truncated={lang: segmentations[lang].truncated for lang in languages},
        found=[f"publisher {publisher!r} ({publisher_source})", *_found(composed, record),
               *([f"{len(pages)} page image file(s) beside the record, copied to witness/pages/: "
                  + ", ".join(p.name for p in pages)] if pages else [])],
        not_found=composed.not_found,
        unknown_labels=composed.unknown, corrections=corrections,
        drafts=[_describe_draft(d) for d in drafts],
        suspects=[s for lang in languages for s in _suspects(lang, segments[lang], known)])
    report = render(data)
    files[REPORT_NAME] = report
    return Imported(path, doc_id, folder, files, report, record, composed, links, segments, drafts,
                    pages)


def _draft_parties(composed: Composed, drafts: list[Draft], registry: Registry) -> None:
    """A sender or addressee the publisher's title names but no record covers gets a draft
    record: the one proposed from the texts when its name is among that draft's forms, else
    a new one with the name as the title gives it (an unconfirmed identification, which the
    TEI says is automatic; never left out)."""
    parties: list[Party] = [p for p in (composed.sender, composed.addressee, composed.recipient)
                            if p is not None and not p.ids and bare_name(p.name)]
    taken = set(registry.entities) | {d.id for d in drafts}
    for party in parties:
        name = bare_name(party.name)
        found = next((d for d in drafts if d.kind in ("person", "org") and name.casefold() in {
            form.casefold() for forms in (d.forms.values()) for form in forms} | {
            n.casefold() for n in d.names.values()}), None)
        if found is None:
            names = {"en": name}
            found = Draft(_draft_id(names, taken), "person", False, names, {"en": [name]},
                          [f"the publisher's title names {party.name!r}"])
            drafts.append(found)
        party.ids, party.draft = [found.id], True
        party.source += f"; {found.id!r} is a draft record"


def _describe_draft(draft: Draft) -> str:
    names = "; ".join(f"{lang} {name!r}" for lang, name in draft.names.items())
    kind = draft.kind if draft.kind_sure else f"{draft.kind}? (unsure)"
    return f"{draft.id} ({kind}): {names}"


def _publisher(project: Project, composed: Composed, given: str | None) -> tuple[str, str]:
    """The record's publisher: given, else as its citation line names it, else the one the
    edition's documents name for their witnesses when they all name the same."""
    if given:
        return given, "given with --publisher"
    if composed.citation and composed.citation.archive:
        return composed.citation.archive, "the citation line"
    named = set()
    for folder in project.documents.glob("*/metadata.toml") if project.documents.is_dir() else ():
        try:
            data = tomllib.loads(folder.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        value = data.get("witness", {}).get("publisher") if isinstance(data.get("witness"), dict) else None
        if isinstance(value, str) and value:
            named.add(value)
    if len(named) == 1:
        return named.pop(), "not in the record: the publisher the edition's other documents name"
    return "", ""


def _normalised(path: Path) -> str:
    text = path.read_bytes().decode("utf-8").lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def _found(c: Composed, record: Record) -> list[str]:
    out = []
    if c.date:
        out.append(f"date {c.date}")
    for role, party in (("sender", c.sender), ("addressee", c.addressee), ("for", c.recipient)):
        if party and party.ids:
            out.append(f"{role} {'/'.join(party.ids)} ({party.name!r} in {party.source})")
    for action in ("sent", "transmitted", "received"):
        for key in ("place", "date"):
            if key in c.actions[action]:
                where = c.evidence.get(f"{action}.{key}", "?")
                out.append(f"{action} {key} {c.actions[action][key]} (line {where})")
    if c.references:
        out.append(f"{len(c.references)} archival reference(s): " + "; ".join(r.text or r.repository
                                                                            for r in c.references))
    if c.number:
        out.append(f"number {c.number}")
    if c.translator:
        out.append(f"translator {c.translator}")
    if c.citation:
        out.append("citation line" + (f", URL {c.citation.url}" if c.citation.url else ""))
    if record.value("Record ID"):
        out.append(f"record id {record.value('Record ID')}")
    return out


def write(imported: Imported) -> None:
    """Write one prepared document: into a temporary folder, then one rename into place."""
    parent = imported.folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".import-{imported.doc_id}-", dir=parent))
    try:
        for name, content in imported.files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="\n")
        for image in imported.pages:
            target = staging / PAGES_DIR / image.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(image, target)
        if imported.folder.exists():
            raise EditionError(Problem(imported.source, None,
                                       f"the document id {imported.doc_id!r} is taken: "
                                       f"{imported.folder} exists",
                                       "choose another id with --id"))
        os.rename(staging, imported.folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def import_records(project: Project, paths: Sequence[Path], *, doc_id: str | None = None,
                   today: dt.date | None = None, dry_run: bool = False,
                   use_natasha: bool = True, publisher: str | None = None) -> list[Imported]:
    """Import every record, or none: all are prepared before the first is written. Draft
    registry records proposed for one record are known to the next (one entity, one draft)."""
    if doc_id is not None and len(paths) != 1:
        raise EditionError(Problem(None, None, "--id names one document, but several records were given",
                                   "import the records one by one with --id, or without --id"))
    try:
        return _import(project, paths, doc_id=doc_id, today=today, dry_run=dry_run,
                       use_natasha=use_natasha, publisher=publisher)
    except OSError as err:  # a read-only source/, a full disk: the machine's fault (exit 2)
        raise cannot_write(err, project.source, "free disk space, or make it writable, then run "
                           "the import again; nothing was imported") from None


def _import(project: Project, paths: Sequence[Path], *, doc_id: str | None, today: dt.date | None,
            dry_run: bool, use_natasha: bool, publisher: str | None) -> list[Imported]:
    with tempfile.TemporaryDirectory(prefix=".import-registry-", dir=project.source) as work:
        drafts_dir = Path(work) / "registry"
        if project.registry.is_dir():
            shutil.copytree(project.registry, drafts_dir)
        else:
            drafts_dir.mkdir()
        registry = Registry.load(drafts_dir)
        prepared: list[Imported] = []
        problems: list[Problem] = []
        for path in paths:
            try:
                item = prepare(project, Path(path), registry, doc_id=doc_id, today=today,
                               use_natasha=use_natasha, publisher=publisher)
            except EditionError as err:
                problems.extend(err.problems)
                continue
            prepared.append(item)
            if item.drafts:
                write_drafts(item.drafts, drafts_dir)
                registry = Registry.load(drafts_dir)
        seen: dict[str, Path] = {}
        for item in prepared:
            if item.doc_id in seen:
                problems.append(Problem(item.source, None, f"the document id {item.doc_id!r} is also "
                                        f"the id of {seen[item.doc_id]}", "import one of them with --id"))
            seen[item.doc_id] = item.source
        if problems:
            raise EditionError(problems)
        if not dry_run:
            _write_all(prepared, drafts_dir, project.registry)
    return prepared


def _write_all(prepared: Sequence[Imported], drafts_dir: Path, registry_dir: Path) -> None:
    """Write every prepared document and the registry files the drafts changed, or none:
    the registry files are staged beside their targets first, then the document folders
    are written (each whole, by one rename); if anything fails (a full disk, a read-only
    folder, an id taken meanwhile) what this run wrote is removed. Last, each staged
    registry file replaces its target by one rename."""
    registry_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    written: list[Path] = []
    try:
        for new in sorted(drafts_dir.glob("*.toml")):
            old = registry_dir / new.name
            if old.is_file() and old.read_bytes() == new.read_bytes():
                continue
            staged.append((registry_dir / f".{new.name}.import", old))
            shutil.copyfile(new, staged[-1][0])
        for item in prepared:
            write(item)
            written.append(item.folder)
    except BaseException:
        for folder in written:
            shutil.rmtree(folder, ignore_errors=True)
        for stage, _ in staged:
            stage.unlink(missing_ok=True)
        raise
    for stage, old in staged:
        os.replace(stage, old)
