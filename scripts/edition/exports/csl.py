"""CSL-JSON, one item per document (data/cite/<id>.json): what Zotero, Pandoc and
citeproc import. A letter is CSL's "personal_communication"; names are structured
(family, given, as the register records give them: Mao Zedong is family Mao), so that a
style that inverts names prints "Stalin, Joseph"."""

from __future__ import annotations

from typing import Any

from ..citation import PersonName
from ..documents import Document
from ..metadata import EditionMeta
from .urls import Urls


def date_parts(date: str | None) -> list[int]:
    return [int(p) for p in (date or "").split("-") if p.isdigit()]


def csl_name(name: PersonName) -> dict[str, str]:
    if name.family and name.given:
        return {"family": name.family, "given": name.given}
    return {"literal": name.literal}


def archive_of(doc: Document) -> tuple[str, str]:
    """Where the document is held and where in it, as far as the edition knows: the
    archival original if its reference is known, else the publisher's record the texts
    come from (its title, the only place a reader can find it there)."""
    cite = doc.cite
    if cite.archive or cite.archive_location:
        return cite.archive, cite.archive_location
    location = f"record {cite.witness_id}" if cite.witness_id else cite.witness_title
    return cite.witness_publisher, location


def csl(doc: Document, edition: EditionMeta, urls: Urls) -> list[dict[str, Any]]:
    """CSL-JSON (one item)."""
    cite = doc.cite
    item: dict[str, Any] = {
        "id": doc.id,
        "type": "personal_communication",
        "title": doc.title("en"),
        "author": [csl_name(a) for a in cite.authors] or [{"literal": a} for a in doc.authors],
    }
    if cite.recipients:
        item["recipient"] = [csl_name(r) for r in cite.recipients]
    if cite.editors:
        item["editor"] = [csl_name(e.name) for e in cite.editors]
    parts = date_parts(doc.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if doc.original is not None:
        item["language"] = doc.original.lang
    if cite.kind:
        item["genre"] = cite.kind
    if cite.number:
        item["number"] = cite.number
    archive, location = archive_of(doc)
    if archive:
        item["archive"] = archive
    if location:
        item["archive_location"] = location
    if cite.translator:
        item["translator"] = [csl_name(PersonName(cite.translator))]
    item["container-title"] = cite.edition_title or edition.title.get("en") or edition.short_title
    item["publisher"] = cite.publisher or edition.publisher
    if urls.base:  # a draft has no public address to cite
        item["URL"] = urls.page(doc.id)
    if doc.abstracts.get("en"):
        item["abstract"] = doc.abstracts["en"]
    if doc.keywords:
        item["keyword"] = ", ".join(doc.keywords)
    if doc.published:
        item["available-date"] = {"date-parts": [date_parts(doc.published)]}
    return [item]
