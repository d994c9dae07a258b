"""metadata.toml from a record: what the record states, as it states it; nothing else.

Title, date, summary, rights and citation are the publisher's, verbatim. Archival
references come from the citation line (or the Source label), each as written. Sender,
addressee and recipient come from the publisher's title ("X to Y, for Z"); places and the
dates of sending and receiving from the routing lines of the text ("From BEIJING Received
13:55 3.7.1951") and the trailer date. Parties and places become registry ids only where
the registry knows the name; what is not found stays empty and is reported.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..dates import DateError, find_dates
from ..names import find_mentions
from ..registry import Registry
from .citation import Citation, Reference, TitleFacts, numbers_in, parse_citation, parse_source, parse_title
from .record import Record
from .segment import Segment

LANGUAGE_NAMES = {
    "russian": "ru", "english": "en", "chinese": "zh", "korean": "ko", "german": "de",
    "french": "fr", "ukrainian": "uk", "polish": "pl", "czech": "cs", "hungarian": "hu",
    "romanian": "ro", "bulgarian": "bg", "serbian": "sr", "vietnamese": "vi", "japanese": "ja",
    "mongolian": "mn", "spanish": "es", "italian": "it", "albanian": "sq",
}
PARTY_KINDS = ("person", "org")
RECEIVED_WORDS = ("received", "получена", "получено", "поступила")
PLACE_TO = re.compile(r"(?P<place>[^,]{1,40}),\s*(?:to|тов\.|товарищу)\s", re.IGNORECASE)


@dataclass
class Party:
    """A sender, addressee or recipient: the name as written and the registry ids found."""

    name: str
    ids: list[str]
    source: str
    draft: bool = False    # the id is a draft record this import proposed


@dataclass
class Composed:
    """What the importer makes of the record's metadata."""

    date: str                              # ISO date of writing, "" unknown
    title: TitleFacts
    citation: Citation | None
    references: list[Reference]
    translator: str
    sender: Party | None
    addressee: Party | None
    recipient: Party | None
    actions: dict[str, dict[str, object]]  # sent/transmitted/received -> persons, place, date
    evidence: dict[str, str]               # "sent.place" -> the line it was read from
    numbers: list[tuple[str, str, str]]    # (value, where, note)
    number: str
    numbers_conflict: bool
    unknown: list[str]                     # the record's labels with no value
    not_found: list[str] = field(default_factory=list)


def iso_date(text: str) -> str:
    """The publisher's date as ISO, when it gives a whole day ("July 3, 1951"), else ""."""
    stripped = text.strip()
    try:
        spans = find_dates(stripped, dt.date(1900, 1, 1))
    except DateError:
        return ""
    if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(stripped) \
            and re.search(r"\d{4}", stripped):
        return spans[0].value
    return ""


def language_code(name: str) -> str:
    return LANGUAGE_NAMES.get(name.strip().lower(), "")


def stated_languages(record: Record) -> list[str]:
    """The languages the record's "Language" label names, as codes (unknown names skipped)."""
    words = re.split(r"[,;/\n]|\band\b", record.value("Language"))
    return [code for code in (language_code(w) for w in words) if code]


def _party(name: str, registry: Registry, source: str) -> Party | None:
    if not name:
        return None
    ids: list[str] = []
    for mention in find_mentions(name, "en", registry):
        for ref in mention.refs:
            entity = registry.get(ref)
            if entity is not None and entity.kind in PARTY_KINDS and ref not in ids:
                ids.append(ref)
    return Party(name, ids, source)


def _places(text: str, lang: str, registry: Registry) -> list[str]:
    out: list[str] = []
    for mention in find_mentions(text, lang, registry):
        for ref in mention.refs:
            entity = registry.get(ref)
            if entity is not None and entity.kind == "place" and ref not in out:
                out.append(ref)
    return out


def _dates_in(text: str, written: dt.date) -> list[tuple[int, str]]:
    try:
        return [(s.start, s.value) for s in find_dates(text, written) if s.value[:1].isdigit()]
    except DateError:
        return []


def _routing_facts(segments: Mapping[str, Sequence[Segment]], registry: Registry, written: dt.date | None,
                   actions: dict[str, dict[str, object]], evidence: dict[str, str]) -> None:
    """Places and dates of sending and receiving that routing and trailer lines state."""
    day = written or dt.date(1900, 1, 1)
    for lang, segs in segments.items():
        for seg in segs:
            if seg.family not in ("dateline", "seg") or seg.kind == "seg.address":
                continue
            text = seg.text
            inner = [m for m in re.finditer(r"\b(from|received|sent|dispatched|откуда|из|получена|"
                                            r"получено|поступила|отправлена|отправлено)\b", text,
                                            re.IGNORECASE)]
            for k, match in enumerate(inner):
                word = match.group(1).lower()
                action = "received" if word in RECEIVED_WORDS else "sent"
                end = inner[k + 1].start() if k + 1 < len(inner) else len(text)
                stretch = text[match.end():end]
                where = f"{seg.line}: {text.strip()!r}"
                if word in ("from", "откуда", "из"):
                    places = _places(stretch, lang, registry)
                    if places and "place" not in actions["sent"]:
                        actions["sent"]["place"] = places[0]
                        evidence["sent.place"] = where
                    continue
                dates = _dates_in(stretch, day)
                if dates and "date" not in actions[action]:
                    actions[action]["date"] = dates[0][1]
                    evidence[f"{action}.date"] = where
    # a date standing alone after the signature is the date the text was sent
    for segs in segments.values():
        closing = False
        for seg in segs:
            if seg.kind == "signed":
                closing = True
            elif closing and seg.kind == "dateline":
                dates = _dates_in(seg.text, day)
                if dates and "date" not in actions["sent"]:
                    actions["sent"]["date"] = dates[0][1]
                    evidence["sent.date"] = f"{seg.line}: {seg.text.strip()!r}"


def _address_places(segments: Mapping[str, Sequence[Segment]], registry: Registry,
                    actions: dict[str, dict[str, object]], evidence: dict[str, str],
                    transmitted: bool) -> None:
    """"BEIJING, TO X." names where the telegram went."""
    for lang, segs in segments.items():
        for seg in segs:
            if seg.kind != "seg.address":
                continue
            match = PLACE_TO.match(seg.text.strip())
            if not match:
                continue
            places = _places(match["place"], lang, registry)
            if places:
                for action in (("transmitted", "received") if transmitted else ("received",)):
                    if "place" not in actions[action]:
                        actions[action]["place"] = places[0]
                        evidence[f"{action}.place"] = f"{seg.line}: {seg.text.strip()!r}"


def compose(record: Record, segments: Mapping[str, Sequence[Segment]], registry: Registry) -> Composed:
    citation = parse_citation(record.citation.text) if record.citation else None
    title_text = record.title.text.strip() if record.title else (citation.title if citation else "")
    date_text = record.date.text.strip() if record.date else (citation.date if citation else "")
    date = iso_date(date_text)
    written = dt.date.fromisoformat(date) if date else None
    title = parse_title(title_text)
    references: list[Reference] = list(citation.references) if citation else []
    translator = citation.translator if citation else ""
    source_refs, source_translator = parse_source(record.value("Source"))
    references = references or source_refs
    translator = translator or source_translator
    if not references and record.value("Original Archive"):
        references = [Reference(repository=record.value("Original Archive"))]
    sender = _party(title.sender, registry, "the publisher's title")
    addressee = _party(title.addressee, registry, "the publisher's title")
    recipient = _party(title.recipient, registry, "the publisher's title")
    actions: dict[str, dict[str, object]] = {"sent": {}, "transmitted": {}, "received": {}}
    evidence: dict[str, str] = {}
    _routing_facts(segments, registry, written, actions, evidence)
    _address_places(segments, registry, actions, evidence, transmitted=recipient is not None)
    if date and "date" not in actions["sent"]:
        # a letter's date is the date it was sent, unless its routing lines say otherwise
        actions["sent"]["date"] = date
        line = record.date.number if record.date else "?"
        evidence["sent.date"] = f"{line}: the publisher's date {date_text!r}"
    numbers: list[tuple[str, str, str]] = []
    if title.number:
        numbers.append((title.number, "title", f"The publisher's title: {title_text!r}."))
    for lang, segs in segments.items():
        for seg in segs:
            where = "heading" if seg.family == "head" or seg.kind == "seg.heading" else \
                "trailer" if seg.kind == "seg.number" else ""
            for value in numbers_in(seg.text) if where else ():
                if not any(v == value and w == where for v, w, _ in numbers):
                    numbers.append((value, where, f"{'The heading' if where == 'heading' else 'The trailer'}"
                                                  f" ({lang}): {seg.text.strip()!r}."))
    candidates = sorted({v for v, w, _ in numbers if w in ("title", "heading")})
    conflict = len(candidates) > 1
    number = candidates[0] if len(candidates) == 1 else ""
    composed = Composed(date, title, citation, references, translator, sender, addressee, recipient,
                        actions, evidence, numbers, number, conflict, record.unknown_labels())
    settle(composed, record)
    return composed


def settle(c: Composed, record: Record) -> None:
    """The parties' registry ids into [sent], [transmitted], [received], and the list of what
    was not found (again, once the parties are final: a draft record may name one)."""
    for action in c.actions.values():
        action.pop("persons", None)
    if c.sender and c.sender.ids:
        c.actions["sent"]["persons"] = c.sender.ids
    final = c.recipient or c.addressee
    if final and final.ids:
        c.actions["received"]["persons"] = final.ids
    if c.recipient and c.addressee and c.addressee.ids:
        c.actions["transmitted"]["persons"] = c.addressee.ids
    date_text = record.date.text.strip() if record.date else (c.citation.date if c.citation else "")
    c.not_found = _not_found(record, c, date_text)


def _not_found(record: Record, c: Composed, date_text: str) -> list[str]:
    out = []
    if not c.date:
        out.append(f"the date of writing (the publisher's date {date_text!r} is not a whole day)"
                   if date_text else "the date of writing (the record gives no date)")
    if not record.title and not (c.citation and c.citation.title):
        out.append("the publisher's title")
    for role, party in (("sender", c.sender), ("addressee", c.recipient or c.addressee)):
        if party is None:
            out.append(f"the {role} (the publisher's title names none)")
        elif not party.ids:
            out.append(f"the {role} {party.name!r} as a registry record "
                       "(add it, then its id in metadata.toml)")
        elif party.draft:
            out.append(f"the {role} {party.name!r} as a confirmed record: {party.ids[0]!r} is a draft "
                       "this import proposed (confirm it in source/registry/)")
    if not c.references:
        out.append("the archival reference")
    if not (c.citation and c.citation.url):
        out.append("the record's URL")
    if not c.translator:
        out.append("the translator")
    if c.numbers_conflict:
        out.append("the document's number: " + ", ".join(f"{w} {v}" for v, w, _ in c.numbers
                                                           if w in ("title", "heading"))
                   + " disagree; choose one in [archival] number with number_reason")
    for action in ("sent", "received"):
        for key in ("place", "date"):
            if key not in c.actions[action]:
                out.append(f"{action}: {key}")
    return out


# --- writing metadata.toml ---------------------------------------------------------------

WHERE_WORDS = {"title": "the publisher's title", "heading": "the heading", "trailer": "the trailer",
               "catalogue": "the catalogue", "other": "another place"}


def number_reason(c: Composed) -> str:
    """Why the chosen number, when the document carries others: where each stands (no
    reading of what the other numbers count)."""
    others = [(v, w) for v, w, _ in c.numbers if v != c.number]
    if not c.number or not others:
        return ""
    places = " and ".join(dict.fromkeys(WHERE_WORDS[w] for v, w, _ in c.numbers if v == c.number))
    rest = "; ".join(f"No. {v} in {WHERE_WORDS[w]}" for v, w in others)
    return (f"No. {c.number} is the number {places} give(s) the document; the other numbers it carries "
            f"({rest}) are recorded as written (chosen by edition import; the editor may choose otherwise).")

def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def metadata_text(record: Record, c: Composed, *, languages: Sequence[str], original: str,
                  publisher: str, today: dt.date, source_name: str) -> str:
    """The metadata.toml of an imported document (the agreed shape, docs/source-format.md)."""
    summary = record.summary.text if record.summary else ""
    rights = record.value("Rights")
    title = (record.title.text.strip() if record.title else "") or (c.citation.title if c.citation else "")
    date = record.date.text.strip() if record.date else (c.citation.date if c.citation else "")
    out = [
        "# Metadata of one document, imported by `edition import` from the archive's record",
        f"# ({source_name}). Only what the record states; what it leaves empty stays empty, and the",
        "# TEI says it is unknown. Format: docs/source-format.md.",
        "",
        f"date = {toml_string(c.date)}",
        f"languages = {toml_list(languages)}",
        f"original = {toml_string(original)}",
        "",
        "[title]",
        f"en = {toml_string(title or source_name)}",
        "",
        "[witness]",
        f"publisher = {toml_string(publisher)}",
        f"title = {toml_string(title)}",
        f"date = {toml_string(date)}",
        f"url = {toml_string(c.citation.url if c.citation else '')}",
        f"record_id = {toml_string(record.value('Record ID'))}",
        f"summary = {toml_string(summary)}",
        f"rights = {toml_string(rights)}",
        f"citation = {toml_string(c.citation.text if c.citation else '')}",
        f"translator = {toml_string(c.translator)}",
        f"unknown = {toml_list(c.unknown)}",
        "",
        "[archival]",
        f"kind = {toml_string((c.title.kind or record.value('Type')).lower())}",
        f"number = {toml_string(c.number)}",
    ]
    reason = number_reason(c)
    if reason:
        out.append(f"number_reason = {toml_string(reason)}")
    for value, where, note in c.numbers:
        out += ["[[archival.numbers]]", f"value = {toml_string(value)}", f"where = {toml_string(where)}",
                f"note = {toml_string(note)}"]
    for ref in c.references:
        out += ["[[archival.references]]", f"repository = {toml_string(ref.repository)}",
                f"collection = {toml_string(ref.collection)}", f"idno = {toml_string(ref.idno)}",
                f"note = {toml_string(ref.note)}"]
    for action in ("sent", "transmitted", "received"):
        facts = c.actions[action]
        if action == "transmitted" and not facts:
            continue
        out += ["", f"[{action}]"]
        if "persons" in facts:
            out.append(f"persons = {toml_list(facts['persons'])}")  # type: ignore[arg-type]
        for key in ("place", "date"):
            if key in facts:
                comment = c.evidence.get(f"{action}.{key}")
                out.append(f"{key} = {toml_string(str(facts[key]))}"
                           + (f"   # line {comment}" if comment else ""))
    subjects = [line.strip() for line in record.value("Subjects Discussed").split("\n") if line.strip()]
    if subjects:
        out += ["", "[keywords]", f"en = {toml_list(subjects)}   # the archive's Subjects Discussed"]
    texts = " and ".join(f"{_LANGUAGE_LABEL.get(lang, lang)} {'text' if lang == original else 'translation'}"
                         for lang in languages)
    out.append("")
    if publisher:
        out += ["[[responsibility]]", f"what = {toml_string(texts[0].upper() + texts[1:])}",
                f"who = {toml_string(publisher)}"]
    if c.translator:
        out += ["[[responsibility]]", 'what = "Translation"', f"who = {toml_string(c.translator)}"]
    change = f"Imported from the archive's record {source_name} by edition import (no hand edit)."
    out += ["[[responsibility]]", 'what = "Import from the archive\'s record, TEI encoding"',
            'who = "edition"', "", "[[change]]", f"when = {toml_string(today.isoformat())}",
            f"what = {toml_string(change)}", ""]
    return "\n".join(out)


_LANGUAGE_LABEL = {"ru": "Russian", "en": "English", "zh": "Chinese", "ko": "Korean", "de": "German",
                   "uk": "Ukrainian", "fr": "French"}
