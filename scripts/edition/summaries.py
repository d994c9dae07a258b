"""The documents' summaries as the pages that span documents (home, registers, about)
read them: html.xsl's JSON summary of each document (named template ``site-data``),
reduced as it arrives so that the memory of the site stage does not grow with the size of
every document, and the registers' occurrences, kept in an SQLite file rather than in
memory (an edition of 10,000 documents has hundreds of thousands)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .documents import reading_order
from .spool import Place, Spool, Spooled


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


@dataclass
class Entry:
    """One registry record as the register shows it, with its occurrences in all documents
    (read from ``store`` when the page lists them, from the first document in reading
    order, ``first``, that carries the record)."""

    record: dict[str, Any]
    store: Occurrences | None = None
    first: int = 0

    @property
    def occurrences(self) -> dict[str, list[Occurrence]]:
        """Its occurrences, grouped by document in reading order."""
        return self.store.of(self.id, self.first) if self.store is not None else {}

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def sort_key(self) -> str:
        """The record's own sort key (persons: family name first, docs/registry.md), else
        its name."""
        return str(self.record.get("sort") or self.record["name"]).casefold()


def markup(data: dict[str, Any]) -> dict[str, Any]:
    """Mark the *_html fields (HTML serialized by XSLT, its text already escaped) as safe,
    so autoescaping stays on for everything else."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key.endswith("_html") or key == "html":
            out[key] = Markup(value)
        elif isinstance(value, dict):
            out[key] = markup(value)
        elif isinstance(value, list):
            out[key] = [markup(v) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return out


class Occurrence:
    """Where a document names a registry record, as a register lists it (one of the
    ``occurrences`` of html.xsl's summary). Slots, not a dict: a register of a large
    edition holds hundreds of thousands of them."""

    __slots__ = ("anchor", "where", "lang", "n", "text", "pseudonym")

    def __init__(self, row: tuple[Any, ...]) -> None:
        for name, value in zip(self.__slots__, row, strict=True):
            setattr(self, name, value)


class Occurrences:
    """The occurrences of every record in every document, in an SQLite file of the build's
    temporary folder rather than in memory: an edition of 10,000 documents has hundreds of
    thousands. A register page reads one record's at a time."""

    def __init__(self, folder: Path) -> None:
        self.db = sqlite3.connect(folder / "occurrences.sqlite")
        self.db.execute("CREATE TABLE occ (record TEXT, doc TEXT, seq INTEGER, anchor TEXT, "
                        "place TEXT, lang TEXT, n TEXT, text TEXT, pseudonym INTEGER)")
        self.db.execute("CREATE TABLE ranks (doc TEXT PRIMARY KEY, rank INTEGER)")

    def add(self, doc_id: str, occurrences: list[dict[str, Any]]) -> None:
        """A document's occurrences, each place (record, anchor) once."""
        seen: set[tuple[str, str]] = set()
        rows = []
        for occ in occurrences:
            place = (occ["record"], occ["anchor"])
            if place not in seen:
                seen.add(place)
                rows.append((occ["record"], doc_id, len(rows), occ["anchor"], occ["where"], occ["lang"],
                             occ["n"], occ["text"], bool(occ.get("pseudonym"))))
        self.db.executemany("INSERT INTO occ VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def order(self, doc_ids: list[str]) -> None:
        """The reading order of the documents, in which occurrences are listed."""
        self.db.executemany("INSERT INTO ranks VALUES (?, ?)", ((d, i) for i, d in enumerate(doc_ids)))
        self.db.execute("CREATE INDEX occ_record ON occ (record)")

    def of(self, record: str, first: int) -> dict[str, list[Occurrence]]:
        found: dict[str, list[Occurrence]] = {}
        for doc, *row in self.db.execute(
                "SELECT o.doc, o.anchor, o.place, o.lang, o.n, o.text, o.pseudonym FROM occ o "
                "JOIN ranks r ON r.doc = o.doc WHERE o.record = ? AND r.rank >= ? "
                "ORDER BY r.rank, o.seq", (record, first)):
            row[-1] = bool(row[-1])
            found.setdefault(doc, []).append(Occurrence(tuple(row)))
        return found

    def close(self) -> None:
        self.db.close()


# Fields of a summary that many documents share (the languages, a correspondent).
SHARED_FIELDS = ("languages", "senders", "recipients", "keywords", "witness", "witness_url")


@dataclass(frozen=True)
class Head:
    """What the document pages and the reading order need of a summary, kept in memory."""

    id: str
    title: str
    date: str | None
    prev: tuple[str, ...]
    next: tuple[str, ...]


class Summaries:
    """The documents' summaries as the pages that span documents need them, each reduced
    as it arrives: its plain texts are written into the site and dropped; records, and
    texts that repeat (the encoding notes), are kept once however many documents carry
    them; occurrences become slotted objects, one per place. The reduced summary itself
    goes to a spool file in ``folder`` (4 KiB a document, 40 MiB at 10,000 documents, is
    more than the build should hold), and only its :class:`Head` stays in memory:
    :meth:`in_reading_order` reads them back one at a time."""

    def __init__(self, site: Path, occurrences: Occurrences, folder: Path) -> None:
        self.site = site
        self.occurrences = occurrences
        self.heads: dict[Path, Head] = {}
        self._shared: dict[str, Any] = {}
        self._spool = Spool(folder / "summaries.pickle")
        self._at: dict[Path, Place] = {}

    def _one(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    def add(self, tei_file: Path, text: str) -> None:
        raw = json.loads(text)
        doc_id = raw["id"]
        (self.site / "tei").mkdir(exist_ok=True)
        shutil.copyfile(tei_file, self.site / "tei" / f"{doc_id}.xml")
        for lang, plain in raw.pop("texts").items():
            write_text(self.site / "text" / f"{doc_id}.{lang}.txt", plain)
        records = [self._one("record\0" + json.dumps(r, sort_keys=True), lambda r=r: markup(r))
                   for r in raw.pop("records")]
        self.occurrences.add(doc_id, raw.pop("occurrences"))
        about = raw.pop("about_html", "")
        data = markup(raw)
        for key in SHARED_FIELDS:  # the same in many documents: kept once
            if key in raw:
                data[key] = self._one(f"{key}\0" + json.dumps(raw[key], sort_keys=True),
                                      lambda value=data[key]: value)
        data["records"] = records
        data["about_html"] = self._one("about\0" + about, lambda: Markup(about)) if about else about
        self.heads[tei_file] = Head(doc_id, data["title"], data["date"], tuple(data["prev"]),
                                    tuple(data["next"]))
        self._at[tei_file] = self._spool.add(data)

    def in_reading_order(self, files: list[Path]) -> Spooled[dict[str, Any]]:
        """The summaries of ``files`` by date, a reply after what it answers, then id."""
        heads = [self.heads[f] for f in files]
        order = reading_order([(h.id, h.date, list(h.prev)) for h in heads])
        return Spooled(self._spool.path, [self._at[files[i]] for i in order])


def registers(docs: Sequence[dict[str, Any]], store: Occurrences,
              keys: Iterable[str]) -> dict[str, list[Entry]]:
    """Entries per register, merged over documents by record id (each TEI file carries the
    records it mentions; the registry gives every file the same record), with occurrences
    grouped by document in reading order (read from ``store`` page by page)."""
    store.order([doc["id"] for doc in docs])
    entries: dict[str, Entry] = {}
    for rank, doc in enumerate(docs):
        for record in doc["records"]:
            if record["id"] not in entries:
                entries[record["id"]] = Entry(record, store, rank)
    found: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        found[entry.record["register"]].append(entry)
    return {key: sorted(found.get(key, []), key=lambda e: (e.sort_key, e.id)) for key in keys}
