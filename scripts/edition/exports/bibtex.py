"""BibTeX, one @misc entry per document (data/cite/<id>.bib, data/cite/edition.bib), with
the recipient, the edition's editors and the archival original."""

from __future__ import annotations

from ..citation import PersonName
from ..documents import Document
from ..metadata import EditionMeta
from .csl import archive_of, date_parts
from .urls import Urls

BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}


def _bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def _names(names: tuple[PersonName, ...]) -> str:
    """"Family, Given" for a name in parts (BibTeX reads it as family and given, whatever
    their order in the name), a name braced whole otherwise."""
    return " and ".join(_bibtex_escape(n.inverted) if n.family and n.given
                        else "{" + _bibtex_escape(n.literal) + "}" for n in names)


def bibtex(doc: Document, edition: EditionMeta, urls: Urls) -> str:
    """A BibTeX @misc entry (every BibTeX style knows it; biblatex reads it too): the
    recipient is a field of its own and is named in the note too, for the styles that
    print only standard fields."""
    cite = doc.cite
    fields: list[tuple[str, str]] = []
    if cite.authors:
        fields.append(("author", _names(cite.authors)))
    elif doc.authors:
        fields.append(("author", " and ".join("{" + _bibtex_escape(a) + "}" for a in doc.authors)))
    fields.append(("title", "{" + _bibtex_escape(doc.title("en")) + "}"))
    if cite.recipients:
        fields.append(("recipient", _names(cite.recipients)))
    parts = date_parts(doc.date)
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", BIBTEX_MONTHS[parts[1] - 1]))
        if len(parts) > 2:
            fields.append(("day", str(parts[2])))
    if cite.editors:
        fields.append(("editor", _names(tuple(e.name for e in cite.editors))))
    fields.append(("howpublished", _bibtex_escape(cite.edition_title or edition.title.get("en")
                                                  or edition.short_title)))
    fields.append(("publisher", _bibtex_escape(cite.publisher or edition.publisher)))
    note = []
    if cite.kind:
        note.append(cite.kind + (f" No. {cite.number}" if cite.number else ""))
    if cite.recipients:
        note.append("to " + " and ".join(r.literal for r in cite.recipients))
    archive, location = archive_of(doc)
    if archive or location:
        note.append(", ".join(p for p in (archive, location) if p))
    if note:
        fields.append(("note", _bibtex_escape("; ".join(note))))
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
