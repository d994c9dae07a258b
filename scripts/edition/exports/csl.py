"""CSL-JSON, one item per document (data/cite/<id>.json): what Zotero, Pandoc and
citeproc import."""

from __future__ import annotations

from typing import Any

from ..documents import Document
from ..metadata import EditionMeta
from .urls import Urls


def date_parts(date: str | None) -> list[int]:
    return [int(p) for p in (date or "").split("-") if p.isdigit()]


def csl(doc: Document, edition: EditionMeta, urls: Urls) -> list[dict[str, Any]]:
    """CSL-JSON (one item): what citation managers (Zotero, Pandoc, citeproc) import.
    A letter is CSL's "personal_communication"; names are literal, because the edition
    cannot know which part of every name is the family name."""
    item: dict[str, Any] = {
        "id": doc.id,
        "type": "personal_communication",
        "title": doc.title("en"),
        "author": [{"literal": a} for a in doc.authors],
    }
    received = doc.action("received")
    if received and received.persons:
        item["recipient"] = [{"literal": p.name} for p in received.persons]
    parts = date_parts(doc.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if doc.original is not None:
        item["language"] = doc.original.lang
    item["container-title"] = edition.title.get("en") or edition.short_title
    item["publisher"] = edition.publisher
    if urls.base:  # a draft has no public address to cite
        item["URL"] = urls.page(doc.id)
    if doc.abstracts.get("en"):
        item["abstract"] = doc.abstracts["en"]
    if doc.keywords:
        item["keyword"] = ", ".join(doc.keywords)
    if doc.published:
        item["available-date"] = {"date-parts": [date_parts(doc.published)]}
    return [item]
