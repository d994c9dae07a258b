"""What a citation of a document needs, read from its TEI: who wrote it and to whom (names
in parts, as the register records give them), the edition's editors, title and
publisher, the archival original (kind, number, references as written), the publisher's
record. The exports (CSL-JSON, RIS, BibTeX: edition.exports) and the page share it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

T = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


@dataclass(frozen=True)
class PersonName:
    """A name for citation: family and given in the order the name is written (Mao Zedong:
    family Mao, given Zedong), or one literal name when its parts are not known."""

    literal: str
    family: str = ""
    given: str = ""

    @property
    def inverted(self) -> str:
        """"Family, Given" (BibTeX, RIS), or the literal name."""
        return f"{self.family}, {self.given}" if self.family and self.given else self.literal


@dataclass(frozen=True)
class Editor:
    name: PersonName
    roles: tuple[str, ...]
    orcid: str = ""


@dataclass(frozen=True)
class CiteInfo:
    authors: tuple[PersonName, ...] = ()
    recipients: tuple[PersonName, ...] = ()
    editors: tuple[Editor, ...] = ()
    edition_title: str = ""
    publisher: str = ""
    year: str = ""
    kind: str = ""                # "Ciphered telegram"
    number: str = ""              # the edition's number of the document
    archive: str = ""             # the holding archive, as written
    archive_location: str = ""    # the archival reference, as written
    witness_publisher: str = ""
    witness_title: str = ""
    witness_url: str = ""
    witness_id: str = ""
    translator: str = ""
    first_published: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def split_name(text: str) -> PersonName:
    """An editor's name as written ("Given Family"): the last word is the family name."""
    words = text.split()
    if len(words) < 2:
        return PersonName(text)
    return PersonName(text, words[-1], " ".join(words[:-1]))


def _record_name(root: Any, ref: str | None, fallback: str) -> PersonName:
    """The name of the record a pointer names: its English preferred name, in parts when
    the record gives surname and forename."""
    for token in (ref or "").split():
        if not token.startswith("#"):
            continue
        for record in root.iterfind(f"{T}standOff//*[@{XML_ID}='{token[1:]}']"):
            for name in record:
                if name.get("type") == "preferred" and name.get(XML_LANG) == "en":
                    surname, forename = name.find(f"{T}surname"), name.find(f"{T}forename")
                    literal = _text(name)
                    if surname is not None and forename is not None:
                        return PersonName(literal, _text(surname), _text(forename))
                    return PersonName(literal)
    return PersonName(fallback)


def cite_info(root: Any) -> CiteInfo:
    header = root.find(f"{T}teiHeader")
    if header is None:
        return CiteInfo()
    file_desc = header.find(f"{T}fileDesc")
    title_stmt = file_desc.find(f"{T}titleStmt")
    authors = tuple(_record_name(root, a.get("ref"), _text(a)) for a in title_stmt.iterfind(f"{T}author"))
    recipients: list[PersonName] = []
    for action in header.iterfind(f".//{T}correspAction[@type='received']"):
        for person in action:
            if person.tag in (f"{T}persName", f"{T}orgName", f"{T}name"):
                recipients.append(_record_name(root, person.get("ref"), _text(person)))
    roles: dict[str, list[str]] = {}
    orcids: dict[str, str] = {}
    for editor in title_stmt.iterfind(f"{T}editor"):
        person = editor.find(f"{T}persName")
        name = _text(person)
        roles.setdefault(name, []).append(editor.get("role", ""))
        if person is not None and (person.get("ref") or "").startswith("https://orcid.org/"):
            orcids[name] = person.get("ref")
    editors = tuple(Editor(split_name(n), tuple(r), orcids.get(n, "")) for n, r in roles.items())
    published = file_desc.find(f"{T}publicationStmt/{T}date")
    year = (published.get("when") or "")[:4] if published is not None else ""
    source = file_desc.find(f"{T}sourceDesc")
    witness = source.find(f"{T}bibl[@type='witness']") if source is not None else None
    ms_id = source.find(f".//{T}msDesc/{T}msIdentifier") if source is not None else None
    archive = location = kind = number = ""
    if ms_id is not None:
        archive = _text(ms_id.find(f"{T}repository"))
        location = ", ".join(p for p in (_text(ms_id.find(f"{T}collection")),
                                         _text(ms_id.find(f"{T}idno[@type='shelfmark']"))) if p)
        number = _text(ms_id.find(f"{T}idno[@type='document-number']"))
        kind = _text(ms_id.find(f"{T}msName")).removesuffix(f" No. {number}") if number else \
            _text(ms_id.find(f"{T}msName"))
    translator = ""
    if witness is not None:
        resp = witness.find(f"{T}respStmt")
        if resp is not None:
            translator = ", ".join(_text(n) for n in resp if n.tag != f"{T}resp")
    first = source.find(f"{T}bibl[@type='first-publication']") if source is not None else None
    return CiteInfo(
        authors=authors, recipients=tuple(recipients), editors=editors,
        edition_title=_text(file_desc.find(f"{T}seriesStmt/{T}title")),
        publisher=_text(file_desc.find(f"{T}publicationStmt/{T}publisher")), year=year,
        kind=kind, number=number, archive=archive, archive_location=location,
        witness_publisher=_text(witness.find(f"{T}publisher")) if witness is not None else "",
        witness_title=_text(witness.find(f"{T}title")) if witness is not None else "",
        witness_url=(witness.find(f"{T}ptr").get("target", "") if witness is not None
                     and witness.find(f"{T}ptr") is not None else ""),
        witness_id=_text(witness.find(f"{T}idno[@type='record']")) if witness is not None else "",
        translator=translator, first_published=_text(first))
