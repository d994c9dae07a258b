"""BibTeX, one @misc entry per document (data/cite/<id>.bib, data/cite/edition.bib)."""

from __future__ import annotations

from ..documents import Document
from ..metadata import EditionMeta
from .csl import date_parts
from .urls import Urls

BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}


def _bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def bibtex(doc: Document, edition: EditionMeta, urls: Urls) -> str:
    """A BibTeX @misc entry (every BibTeX style knows it; biblatex reads it too). Names are
    braced whole, for the same reason CSL names are literal."""
    fields: list[tuple[str, str]] = []
    if doc.authors:
        fields.append(("author", " and ".join("{" + _bibtex_escape(a) + "}" for a in doc.authors)))
    fields.append(("title", "{" + _bibtex_escape(doc.title("en")) + "}"))
    parts = date_parts(doc.date)
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", BIBTEX_MONTHS[parts[1] - 1]))
        if len(parts) > 2:
            fields.append(("day", str(parts[2])))
    fields.append(("howpublished", _bibtex_escape(edition.title.get("en") or edition.short_title)))
    fields.append(("publisher", _bibtex_escape(edition.publisher)))
    if doc.original is not None:
        fields.append(("language", doc.original.lang))
    if urls.base:  # a draft has no public address to cite
        fields.append(("url", urls.page(doc.id)))
    lines = [f"@misc{{{doc.id},"]
    for i, (key, value) in enumerate(fields):
        raw = key == "month"  # a month macro, not a string
        sep = "," if i < len(fields) - 1 else ""
        lines.append(f"  {key} = {value}{sep}" if raw else f"  {key} = {{{value}}}{sep}")
    lines.append("}")
    return "\n".join(lines) + "\n"
