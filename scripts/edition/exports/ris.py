"""RIS, one record per document (data/cite/<id>.ris): typed PCOMM, which Zotero, EndNote
and Mendeley import as a letter, with the recipient (A2), the archive (DB) and the
archive location (AN), the kind of letter (M3) and names as "Family, Given"."""

from __future__ import annotations

from ..documents import Document
from ..metadata import EditionMeta
from .csl import archive_of, date_parts
from .urls import Urls


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def ris(doc: Document, edition: EditionMeta, urls: Urls) -> str:
    cite = doc.cite
    lines = [_line("TY", "PCOMM")]
    lines += [_line("AU", a.inverted) for a in cite.authors]
    lines.append(_line("TI", doc.title("en")))
    lines += [_line("A2", r.inverted) for r in cite.recipients]
    lines += [_line("A3", e.name.inverted) for e in cite.editors]
    parts = date_parts(doc.date)
    if parts:
        lines.append(_line("PY", str(parts[0])))
        lines.append(_line("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) + "/"))
    if cite.kind:
        lines.append(_line("M3", cite.kind + (f" No. {cite.number}" if cite.number else "")))
    archive, location = archive_of(doc)
    if archive:
        lines.append(_line("DB", archive))
    if location:
        lines.append(_line("AN", location))
    lines.append(_line("T2", cite.edition_title or edition.title.get("en") or edition.short_title))
    lines.append(_line("PB", cite.publisher or edition.publisher))
    if doc.original is not None:
        lines.append(_line("LA", doc.original.lang))
    if cite.translator:
        lines.append(_line("A4", cite.translator))
    if doc.abstracts.get("en"):
        lines.append(_line("AB", doc.abstracts["en"]))
    lines += [_line("KW", k) for k in doc.keywords]
    if urls.base:  # a draft has no public address to cite
        lines.append(_line("UR", urls.page(doc.id)))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"
