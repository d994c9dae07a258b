"""The published documents as the exports and the search read them: tei/*.xml -> a model.

One model of a TEI document (its titles, languages, divisions and alignment units, the
correspondence actions, the registry records of its standOff) that every export format
(edition.exports) and the search index (edition.search) are made from. It depends on
neither of them, so that they do not depend on each other through it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from . import xmlsafe
from .citation import CiteInfo, cite_info
from .errors import EditionError, Problem
from .paths import Project
from .progress import progress
from .spool import Spool, Spooled, read_place

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

# The elements that are alignment units inside a language division (docs/tei-conventions.md).
UNIT_TAGS = ("head", "seg", "dateline", "salute", "p", "signed")
# Registry record element -> register page of the site (xslt/common.xsl edn:register).
REGISTER_PAGES = {"person": "persons", "place": "places", "org": "organisations", "event": "events"}
# Name forms inside a registry record.
NAME_FORMS = ("persName", "placeName", "orgName", "geogName", "label", "name")
# Mentions in the text that point at registry records.
MENTION_TAGS = ("persName", "placeName", "orgName", "geogName", "name")


def local_name(el: Any) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def local_refs(value: str | None) -> list[str]:
    """Local ids a pointer attribute names ("#a #b" -> ["a", "b"]); other URIs dropped."""
    return [tok[1:] for tok in (value or "").split() if tok.startswith("#") and len(tok) > 1]


def uri_refs(value: str | None) -> list[str]:
    """The absolute URIs among a pointer attribute's values (authority identifiers)."""
    return [tok for tok in (value or "").split() if re.match(r"https?://", tok)]


def norm_space(text: str) -> str:
    return " ".join(text.split())


def plain_text(el: Any) -> str:
    """The reading text of an element, as edition.html's plain-text downloads give it:
    supplied text in brackets, gaps as their mark, corrections as corrected, notes left
    out (they are the edition's comments, not the document)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        name = local_name(node)
        if name == "note":
            return
        if name == "gap":
            parts.append(norm_space(node.get("rend") or "") or "[…]")
            return
        if name == "choice":
            pick = next((c for tag in ("corr", "reg", "sic", "orig")
                         for c in node if local_name(c) == tag), None)
            if pick is not None:
                walk(pick)
            return
        if name == "supplied":
            parts.append("[")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        if name == "supplied":
            parts.append("]")

    walk(el)
    return norm_space("".join(parts))


def item_label(el: Any) -> str:
    """The witness's number of a list item with a space ("1. ") when ``el`` is the item's
    first unit, else "": the TEI gives the number in the label before the item, outside
    the unit, and a reader sees it at the start of the unit (xslt/common.xsl,
    edn:item-label)."""
    item = el.getparent()
    if item is None or local_name(item) != "item" or el.getprevious() is not None:
        return ""
    label = item.getprevious()
    while label is not None and not isinstance(label.tag, str):  # comments, processing instructions
        label = label.getprevious()
    if label is None or local_name(label) != "label":
        return ""
    return plain_text(label) + " "


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    lang: str
    type: str


@dataclass(frozen=True, slots=True)
class Record:
    """A registry record from a document's standOff."""

    id: str
    kind: str  # person, place, org, event
    names: tuple[Name, ...]
    descriptions: tuple[tuple[str, str], ...]  # (lang, text)
    authorities: tuple[str, ...]
    birth: str | None = None
    death: str | None = None
    geo: tuple[float, float] | None = None

    @property
    def register(self) -> str:
        return REGISTER_PAGES[self.kind]

    def name(self, lang: str = "en") -> str:
        preferred = [n for n in self.names if n.type == "preferred"] or list(self.names)
        for n in preferred:
            if n.lang == lang:
                return n.text
        return preferred[0].text if preferred else self.id

    def all_names(self) -> list[str]:
        return list(dict.fromkeys(n.text for n in self.names))

    def description(self, lang: str) -> str | None:
        return next((text for code, text in self.descriptions if code == lang), None)


@dataclass(eq=False, slots=True)
class Unit:
    """An alignment unit: the finest citable passage, with its permalink id."""

    id: str
    lang: str
    n: str
    kind: str  # TEI element name
    text: str
    corresp: tuple[str, ...]
    mentions: tuple[str, ...]  # record ids, in order of first mention


@dataclass(eq=False, slots=True)
class Division:
    id: str
    lang: str
    type: str  # "edition" (the original) or "translation"
    units: list[Unit]  # empty in a document of the index (see DocumentIndex); size says how many
    corresp: tuple[str, ...]  # the divisions in other languages it corresponds to
    size: int = -1  # how many units; -1: len(units)

    def __post_init__(self) -> None:
        if self.size < 0:
            self.size = len(self.units)


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    refs: tuple[str, ...]  # local record ids
    uris: tuple[str, ...]  # authority URIs given in the TEI


@dataclass(frozen=True, slots=True)
class Action:
    type: str
    persons: tuple[Party, ...]
    places: tuple[Party, ...]
    dates: tuple[tuple[str, str], ...]  # (attribute, value)


@dataclass(eq=False)
class Document:
    """What the exports need of one TEI file. It keeps no parsed tree, so that the
    memory of an export does not grow with the size of every document: the DTS passages
    read their file again (:func:`dts_document`)."""

    id: str
    path: Path
    titles: dict[str, str]
    languages: dict[str, str]  # code -> name, as langUsage gives them
    divisions: list[Division]
    authors: list[str]
    actions: list[Action]
    abstracts: dict[str, str]
    keywords: list[str]
    published: str
    records: dict[str, Record]
    mentions: list[str]  # record ids mentioned in the text, in order of first mention
    prev: list[str] = field(default_factory=list)
    has_notes: bool = False
    cite: CiteInfo = field(default_factory=CiteInfo)  # what a citation names (edition.citation)
    # Record id -> the units that name it, in document order (what :meth:`units` would
    # give, kept in a document of the index, which has no units).
    unit_mentions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # In a document of the index: where the whole document is (DocumentIndex.full).
    spooled: tuple[Path, int, int] | None = None

    def full(self) -> Document:
        """The document with its units: itself, or for a document of a
        :class:`DocumentIndex`, the whole model read back from the index's spool."""
        if self.spooled is None:
            return self
        path, offset, length = self.spooled
        doc: Document = read_place(path, (offset, length))
        return doc

    def title(self, lang: str = "en") -> str:
        return self.titles.get(lang) or next(iter(self.titles.values()), self.id)

    def action(self, kind: str) -> Action | None:
        return next((a for a in self.actions if a.type == kind), None)

    @property
    def date(self) -> str | None:
        """When it was sent, else received (YYYY-MM-DD); None if neither is known."""
        for kind in ("sent", "received"):
            action = self.action(kind)
            if action:
                for attr, value in action.dates:
                    if attr in ("when", "notBefore", "from"):
                        return value[:10]
        return None

    @property
    def original(self) -> Division | None:
        return next((d for d in self.divisions if d.type == "edition"), None) or \
            (self.divisions[0] if self.divisions else None)

    def units(self) -> Iterator[Unit]:
        for division in self.full().divisions:
            yield from division.units

    def unit_languages(self) -> list[str]:
        """The languages of its units, in order (without reading a spooled document)."""
        return list(dict.fromkeys(d.lang for d in self.divisions if d.size))


def _mentions_in(el: Any) -> list[str]:
    """Record ids named by mentions inside an element, outside editorial notes."""
    ids: list[str] = []
    for node in el.iter(*(T + tag for tag in MENTION_TAGS)):
        if any(local_name(a) == "note" for a in _ancestors_until(node, el)):
            continue
        ids.extend(local_refs(node.get("ref")))
    return list(dict.fromkeys(ids))


def _ancestors_until(node: Any, stop: Any) -> Iterator[Any]:
    for ancestor in node.iterancestors():
        if ancestor is stop:
            return
        yield ancestor


def _record(el: Any) -> Record:
    kind = local_name(el)
    names = tuple(
        Name(norm_space("".join(c.itertext())), c.get(XML_LANG, ""), c.get("type", ""))
        for c in el if local_name(c) in NAME_FORMS)
    descriptions = tuple(
        (c.get(XML_LANG, ""), norm_space("".join(c.itertext())))
        for c in el if local_name(c) == "note" and c.get("type") == "description")
    authorities = tuple(norm_space(c.text or "") for c in el if local_name(c) == "idno" and
                        re.match(r"https?://", norm_space(c.text or "")))
    birth = next((c.get("when") for c in el if local_name(c) == "birth" and c.get("when")), None)
    death = next((c.get("when") for c in el if local_name(c) == "death" and c.get("when")), None)
    geo = None
    for g in el.iter(T + "geo"):
        parts = (g.text or "").replace(",", " ").split()
        if len(parts) == 2:
            geo = (float(parts[0]), float(parts[1]))
    return Record(el.get(XML_ID), kind, names, descriptions, authorities, birth, death, geo)


def _party(el: Any) -> Party:
    return Party(norm_space("".join(el.itertext())), tuple(local_refs(el.get("ref"))),
                 tuple(uri_refs(el.get("ref"))))


def parse(path: Path, data: bytes | None = None) -> Any:
    """Parse a TEI file (or its ``data``, already read) safely: entities are never
    expanded, no DTD or network is read."""
    try:
        if data is not None:
            return xmlsafe.parse_bytes(data, base_url=str(path.absolute())).getroot()
        return xmlsafe.parse_file(path).getroot()
    except xmlsafe.XmlProblem as err:
        raise EditionError(Problem(path, err.line, f"{err.message} [{err.rule}]", err.hint,
                                   column=err.column)) from None


def _standoff_records(root: Any) -> dict[str, Record]:
    """The registry records of a TEI file's standOff, by id, in document order."""
    records = {}
    for kind in REGISTER_PAGES:
        for el in root.iterfind(f"{T}standOff//{T}{kind}"):
            record = _record(el)
            records[record.id] = record
    return records


def load_document(path: Path, shared: dict[Record, Record] | None = None) -> Document:
    """Read one TEI file of tei/ into the model the exports are made from. ``shared``:
    records already read from other documents; an equal record is kept once (every
    document carries a copy of the records it names)."""
    root = parse(path)
    header = root.find(T + "teiHeader")
    if root.tag != T + "TEI" or header is None:
        raise EditionError(Problem(path, 1, "not a TEI document", "run `edition encode`"))
    doc_id = path.stem
    titles: dict[str, str] = {}
    for title in header.iterfind(f"{T}fileDesc/{T}titleStmt/{T}title"):
        titles.setdefault(title.get(XML_LANG, "en"), norm_space("".join(title.itertext())))
    languages = {lang.get("ident"): norm_space(lang.text or lang.get("ident"))
                 for lang in header.iterfind(f".//{T}langUsage/{T}language")}
    records = _standoff_records(root)
    if shared is not None:
        records = {rid: shared.setdefault(record, record) for rid, record in records.items()}
    divisions = []
    body = root.find(f"{T}text/{T}body")
    for div in (body.iterfind(T + "div") if body is not None else ()):
        lang = div.get(XML_LANG)
        if not lang:
            continue
        units = []
        for el in div.iter(*(T + tag for tag in UNIT_TAGS)):
            uid = el.get(XML_ID)
            if not uid:
                continue
            units.append(Unit(uid, lang, el.get("n", ""), local_name(el), item_label(el) + plain_text(el),
                              tuple(local_refs(el.get("corresp"))), tuple(_mentions_in(el))))
        divisions.append(Division(div.get(XML_ID, lang), lang, div.get("type", ""), units,
                                  tuple(local_refs(div.get("corresp")))))
    divisions.sort(key=lambda d: d.type != "edition")  # the original first
    actions = []
    for action in header.iterfind(f".//{T}correspDesc/{T}correspAction"):
        persons = tuple(_party(c) for c in action if local_name(c) in ("persName", "orgName", "name"))
        places = tuple(_party(c) for c in action if local_name(c) == "placeName")
        dates = tuple((attr, value) for d in action if local_name(d) == "date"
                      for attr, value in sorted(d.attrib.items())
                      if attr in ("when", "notBefore", "notAfter", "from", "to"))
        actions.append(Action(action.get("type", ""), persons, places, dates))
    # The publisher's summaries; the edition's headnote (resp #resp-edition) is not one.
    abstracts = {a.get(XML_LANG, "en"): norm_space("".join(a.itertext()))
                 for a in header.iterfind(f".//{T}profileDesc/{T}abstract")
                 if a.get("resp") != "#resp-edition"}
    keywords = [norm_space(t.text or "") for t in header.iterfind(f".//{T}keywords/{T}term")]
    published = header.findtext(f"{T}fileDesc/{T}publicationStmt/{T}date[@when]") or ""
    date_el = header.find(f"{T}fileDesc/{T}publicationStmt/{T}date")
    if date_el is not None and date_el.get("when"):
        published = date_el.get("when")
    prev = [r.get("target", "").removesuffix(".xml")
            for r in header.iterfind(f".//{T}correspContext/{T}ref[@type='prev']")]
    authors = [norm_space("".join(a.itertext()))
               for a in header.iterfind(f"{T}fileDesc/{T}titleStmt/{T}author")]
    text = root.find(T + "text")
    mentions = _mentions_in(text) if text is not None else []
    has_notes = text is not None and text.find(f".//{T}note[@type='editorial']") is not None
    unit_mentions: dict[str, list[str]] = {}
    for division in divisions:
        for unit in division.units:
            for rid in unit.mentions:
                unit_mentions.setdefault(rid, []).append(unit.id)
    return Document(doc_id, path, titles, languages, divisions, authors, actions,
                    abstracts, keywords, published, records, mentions, prev, has_notes,
                    cite_info(root), {rid: tuple(ids) for rid, ids in unit_mentions.items()})


def load_documents(project: Project, spool: Path | None = None) -> Sequence[Document]:
    """All documents of tei/, in reading order: by date, a reply after what it answers.
    The registers file (tei/registers.xml) is not a document: see load_registers.
    ``spool``: a file to keep the documents in, for an edition too large to hold them all
    (:class:`DocumentIndex`)."""
    files = project.tei_documents()
    if not files:
        raise EditionError(Problem(project.tei, None, "no TEI files to export",
                                   "run `edition encode` first"))
    shared: dict[Record, Record] = {}
    if spool is None:
        docs = [load_document(f, shared) for f in files]
        return [docs[i] for i in reading_order([(d.id, d.date, d.prev) for d in docs])]
    index = DocumentIndex(spool)
    for f in progress(files, len(files), "documents"):
        index.add(load_document(f, shared))
    return index.ordered()


def reading_order(docs: list[tuple[str, str | None, list[str]]]) -> list[int]:
    """The positions of the documents (id, date, ids of those it answers) in reading order:
    by date (undated last), a reply after what it answers, then by id."""
    by_id = {doc_id: (date, prev) for doc_id, date, prev in docs}

    def depth(doc_id: str, seen: frozenset[str] = frozenset()) -> int:
        prev = [p for p in by_id[doc_id][1] if p in by_id and p not in seen]
        return 1 + max((depth(p, seen | {doc_id}) for p in prev), default=-1)

    return sorted(range(len(docs)), key=lambda i: (docs[i][1] or "9999", depth(docs[i][0]), docs[i][0]))


class DocumentIndex(Spooled[Document]):
    """The documents, kept in a spool file rather than in memory, for an edition of any
    size: each whole (:meth:`Document.full`, for the exports made one document at a time:
    DTS passages, search records) and each without its units (what the exports that span
    documents read: titles, dates, actions, records, which units name which record). An
    item is read from the file each time it is asked for, so that the memory of the
    exports does not grow with the number of documents (at 10,000 documents the light
    documents alone held 86 MiB, docs/performance.md); a caller that needs documents
    again later keeps their positions, not the documents."""

    def __init__(self, path: Path) -> None:
        self._spool = Spool(path)
        super().__init__(path, [])  # the places of the light documents
        self._keys: list[tuple[str, str | None, list[str]]] = []  # what reading_order needs

    def add(self, doc: Document) -> None:
        whole = self._spool.add(doc)
        light = copy.copy(doc)
        light.divisions = [Division(d.id, d.lang, d.type, [], d.corresp, d.size) for d in doc.divisions]
        light.spooled = (self.path, *whole)
        self.places.append(self._spool.add(light))
        self._keys.append((doc.id, doc.date, doc.prev))

    def ordered(self) -> DocumentIndex:
        """The same documents in reading order (:func:`reading_order`)."""
        order = reading_order(self._keys)
        self.places = [self.places[i] for i in order]
        self._keys = [self._keys[i] for i in order]
        return self

    def ids(self) -> list[str]:
        return [doc_id for doc_id, _, _ in self._keys]


def all_records(docs: Iterable[Document]) -> dict[str, Record]:
    """The registry records of all documents, merged by id (each file carries the same
    record for the same id), sorted by id so that output does not depend on file order."""
    merged: dict[str, Record] = {}
    for doc in docs:
        for rid, record in doc.records.items():
            merged.setdefault(rid, record)
    return dict(sorted(merged.items()))


def load_registers(project: Project, docs: Iterable[Document]) -> dict[str, Record]:
    """Every registry record of the edition, sorted by id: from the canonical registers
    file tei/registers.xml, which holds all of them (also those no document names yet);
    the documents' standOffs are copies of its records. Without that file (a project of
    TEI files alone), the records the documents carry."""
    path = project.registers_file
    if not path.is_file():
        return all_records(docs)
    root = parse(path)
    if root.tag != T + "TEI" or root.find(T + "standOff") is None:
        raise EditionError(Problem(path, 1, "the registers file has no TEI standOff",
                                   "run `edition encode` to rewrite tei/"))
    records = _standoff_records(root)
    return dict(sorted(records.items()))
