"""schema.org JSON-LD of the registry records (data/entities.jsonld)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..documents import Document, Record, all_records
from .files import write_json_stream
from .urls import Urls

SCHEMA_TYPES = {"person": "Person", "place": "Place", "org": "Organization", "event": "Event"}


XSD = "http://www.w3.org/2001/XMLSchema#"


def typed_date(value: str) -> dict[str, str]:
    """An ISO date as a typed JSON-LD literal: xsd:date, or xsd:gYearMonth / xsd:gYear for
    a date known to the month or year only, so that linked-data tools read a date, not a
    string."""
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value.lstrip("-")), "string")
    return {"@value": value, "@type": XSD + kind}


def _named_in(docs: Sequence[Document]) -> dict[str, list[int]]:
    """Record id -> the positions in ``docs`` of the documents that name it, in reading
    order (positions, not documents: a document index reads each from disk, and a record
    named in every document would otherwise hold them all)."""
    found: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        named = dict.fromkeys([*doc.mentions, *doc.records, *(r for a in doc.actions
                                                                for p in (*a.persons, *a.places)
                                                                for r in p.refs)])
        for rid in named:
            found.setdefault(rid, []).append(i)
    return found


def _works(rid: str, docs: Iterable[Document], urls: Urls) -> list[dict[str, Any]]:
    """Per document that names the record, the document page as a schema.org
    CreativeWork, with the passages that name the record as its parts. A record the
    document names only in its header (sender, addressee) has no parts."""
    works = []
    for doc in docs:
        work: dict[str, Any] = {"@id": urls.page(doc.id), "@type": "CreativeWork", "name": doc.title("en")}
        if doc.unit_mentions.get(rid):
            work["hasPart"] = [{"@id": urls.unit(doc.id, uid)} for uid in doc.unit_mentions[rid]]
        works.append(work)
    return works


def occurrences(docs: Sequence[Document], urls: Urls) -> dict[str, list[dict[str, Any]]]:
    """Where each record occurs: per document (in reading order) the works of _works."""
    return {rid: _works(rid, (docs[i] for i in named), urls) for rid, named in _named_in(docs).items()}


# An inline context rather than the remote https://schema.org one, so that the file can be
# processed offline; url and sameAs are declared as links, as schema.org does.
CONTEXT = {"@vocab": "https://schema.org/", "url": {"@type": "@id"}, "sameAs": {"@type": "@id"}}


def _items(docs: Sequence[Document], urls: Urls, records: dict[str, Record]) -> Iterator[dict[str, Any]]:
    named_in = _named_in(docs)
    for record in records.values():
        item: dict[str, Any] = {
            "@id": urls.register(record),
            "@type": SCHEMA_TYPES[record.kind],
            "name": [{"@value": n.text, "@language": n.lang} for n in record.names
                     if n.type == "preferred"] or record.name("en"),
            "url": urls.register(record),
        }
        others = [n for n in record.names if n.type != "preferred"]
        if others:
            item["alternateName"] = [{"@value": n.text, "@language": n.lang} for n in others]
        if record.descriptions:
            item["description"] = [{"@value": text, "@language": lang}
                                   for lang, text in record.descriptions]
        if record.authorities:
            item["sameAs"] = list(record.authorities)
        if record.birth:
            item["birthDate"] = typed_date(record.birth)
        if record.death:
            item["deathDate"] = typed_date(record.death)
        if record.geo:
            item["geo"] = {"@type": "GeoCoordinates", "latitude": record.geo[0],
                           "longitude": record.geo[1]}
        if named_in.get(record.id):
            item["subjectOf"] = _works(record.id, (docs[i] for i in named_in[record.id]), urls)
        yield item


def entities(docs: Sequence[Document], urls: Urls,
             records: dict[str, Record] | None = None) -> dict[str, Any]:
    """schema.org descriptions of every registry record (the canonical registers when
    given), with sameAs authority links (the registry records only identifiers someone
    verified) and where the documents mention them (subjectOf)."""
    records = records if records is not None else all_records(docs)
    return {"@context": CONTEXT, "@graph": list(_items(docs, urls, records))}


def write_entities(path: Path, docs: Sequence[Document], urls: Urls, records: dict[str, Record]) -> Path:
    """data/entities.jsonld: :func:`entities`, written record by record (the same bytes
    as writing it whole), so that the graph of a large edition is never held whole."""
    return write_json_stream(path, {"@context": CONTEXT}, "@graph", _items(docs, urls, records))
