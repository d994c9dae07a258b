"""Exports for reuse and interchange: tei/*.xml -> files published with the site.

Everything here is derived from the TEI files alone (plus the edition settings), written
into the rendered site so that it is published, and linked by absolute URLs built on
``base_url`` of source/edition.toml::

    data/cmif.xml                                  CMIF v2 letter index (correspSearch)
    data/dts/entry.jsonld                          DTS 1.0 entry point (level 0: static files)
    data/dts/collection.jsonld                     DTS collection endpoint (root), and
    data/dts/collection/<id>{;nav=parents}.jsonld    per collection / resource
    data/dts/navigation/<id>{;ref=R}{;down=D}.jsonld DTS navigation, down to alignment units
    data/dts/document/<id>{;ref=R}.xml             DTS document endpoint (TEI)
    data/entities.jsonld                           schema.org Person/Place/Organization/Event
    data/cite/<id>.json  data/cite/<id>.bib        CSL-JSON and BibTeX for each document
    data/cite/edition.bib                          all documents in one BibTeX file
    sitemap.xml                                    every HTML page of the site
    search.html, search/                           the search page and index (edition.search)

The plain texts (text/<id>.<lang>.txt) and the TEI copies (tei/<id>.xml) are written by
edition.html with the rest of the site; the exports link to them. docs/exports.md tells
other projects how to use each file.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from . import xmlsafe
from .errors import EditionError, Problem
from .fingerprint import Store, code_hash, hash_bytes
from .metadata import EditionMeta, load_edition
from .paths import Project

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DTS_NS = "https://w3id.org/api/dts#"
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

# CMIF v2 vocabulary (https://lod.academy/cmif/vocab/terms). Written as full URIs rather
# than "cmif:" prefixes so that no prefixDef is needed to read them.
CMIF_VOCAB = "https://lod.academy/cmif/vocab/terms#"
CMIF_MENTIONS = {"person": "mentionsPerson", "place": "mentionsPlace", "org": "mentionsOrg",
                 "event": "mentionsEvent"}
# CMIF requires a Creative Commons licence for the file; the text it prescribes for each.
CMIF_LICENCES = {
    "https://creativecommons.org/licenses/by/4.0/":
        "This file is licensed under the terms of the Creative Commons License CC-BY 4.0",
    "https://creativecommons.org/publicdomain/zero/1.0/":
        "This file is licensed under the terms of the Creative Commons License CC0 1.0",
}

DTS_CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_VERSION = "1.0"
DTS_ROOT = "edition"  # the id of the root collection
# citeType of a unit, by TEI element: what a reader would call the passage.
CITE_TYPES = {"head": "heading", "seg": "line", "dateline": "dateline", "salute": "salutation",
              "p": "paragraph", "signed": "signature"}

BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# ============================================================================ TEI model

def _local(el: Any) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _refs(value: str | None) -> list[str]:
    """Local ids a pointer attribute names ("#a #b" -> ["a", "b"]); other URIs dropped."""
    return [tok[1:] for tok in (value or "").split() if tok.startswith("#") and len(tok) > 1]


def _uris(value: str | None) -> list[str]:
    """The absolute URIs among a pointer attribute's values (authority identifiers)."""
    return [tok for tok in (value or "").split() if re.match(r"https?://", tok)]


def _norm(text: str) -> str:
    return " ".join(text.split())


def plain_text(el: Any) -> str:
    """The reading text of an element, as edition.html's plain-text downloads give it:
    supplied text in brackets, gaps as their mark, corrections as corrected, notes left
    out (they are the edition's comments, not the document)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        name = _local(node)
        if name == "note":
            return
        if name == "gap":
            parts.append(_norm(node.get("rend") or "") or "[…]")
            return
        if name == "choice":
            pick = next((c for tag in ("corr", "reg", "sic", "orig")
                         for c in node if _local(c) == tag), None)
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
    return _norm("".join(parts))


@dataclass(frozen=True)
class Name:
    text: str
    lang: str
    type: str


@dataclass(frozen=True)
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


@dataclass(eq=False)
class Unit:
    """An alignment unit: the finest citable passage, with its permalink id."""

    id: str
    lang: str
    n: str
    kind: str  # TEI element name
    text: str
    corresp: tuple[str, ...]
    mentions: tuple[str, ...]  # record ids, in order of first mention


@dataclass(eq=False)
class Division:
    id: str
    lang: str
    type: str  # "edition" (the original) or "translation"
    units: list[Unit]
    corresp: tuple[str, ...]  # the divisions in other languages it corresponds to


@dataclass(frozen=True)
class Party:
    name: str
    refs: tuple[str, ...]  # local record ids
    uris: tuple[str, ...]  # authority URIs given in the TEI


@dataclass(frozen=True)
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
        for division in self.divisions:
            yield from division.units


def _mentions_in(el: Any) -> list[str]:
    """Record ids named by mentions inside an element, outside editorial notes."""
    ids: list[str] = []
    for node in el.iter(*(T + tag for tag in MENTION_TAGS)):
        if any(_local(a) == "note" for a in _ancestors_until(node, el)):
            continue
        ids.extend(_refs(node.get("ref")))
    return list(dict.fromkeys(ids))


def _ancestors_until(node: Any, stop: Any) -> Iterator[Any]:
    for ancestor in node.iterancestors():
        if ancestor is stop:
            return
        yield ancestor


def _record(el: Any) -> Record:
    kind = _local(el)
    names = tuple(
        Name(_norm("".join(c.itertext())), c.get(XML_LANG, ""), c.get("type", ""))
        for c in el if _local(c) in NAME_FORMS)
    descriptions = tuple(
        (c.get(XML_LANG, ""), _norm("".join(c.itertext())))
        for c in el if _local(c) == "note" and c.get("type") == "description")
    authorities = tuple(_norm(c.text or "") for c in el if _local(c) == "idno" and
                        re.match(r"https?://", _norm(c.text or "")))
    birth = next((c.get("when") for c in el if _local(c) == "birth" and c.get("when")), None)
    death = next((c.get("when") for c in el if _local(c) == "death" and c.get("when")), None)
    geo = None
    for g in el.iter(T + "geo"):
        parts = (g.text or "").replace(",", " ").split()
        if len(parts) == 2:
            geo = (float(parts[0]), float(parts[1]))
    return Record(el.get(XML_ID), kind, names, descriptions, authorities, birth, death, geo)


def _party(el: Any) -> Party:
    return Party(_norm("".join(el.itertext())), tuple(_refs(el.get("ref"))), tuple(_uris(el.get("ref"))))


def _parse(path: Path, data: bytes | None = None) -> Any:
    """Parse a TEI file (or its ``data``, already read) safely: entities are never
    expanded, no DTD or network is read."""
    try:
        if data is not None:
            return xmlsafe.parse_bytes(data, base_url=str(path.absolute())).getroot()
        return xmlsafe.parse_file(path).getroot()
    except xmlsafe.XmlProblem as err:
        raise EditionError(Problem(path, err.line, f"{err.message} [{err.rule}]", err.hint,
                                   column=err.column)) from None


def load_document(path: Path) -> Document:
    """Read one TEI file of tei/ into the model the exports are made from."""
    root = _parse(path)
    header = root.find(T + "teiHeader")
    if root.tag != T + "TEI" or header is None:
        raise EditionError(Problem(path, 1, "not a TEI document", "run `edition encode`"))
    doc_id = path.stem
    titles: dict[str, str] = {}
    for title in header.iterfind(f"{T}fileDesc/{T}titleStmt/{T}title"):
        titles.setdefault(title.get(XML_LANG, "en"), _norm("".join(title.itertext())))
    languages = {lang.get("ident"): _norm(lang.text or lang.get("ident"))
                 for lang in header.iterfind(f".//{T}langUsage/{T}language")}
    records = {}
    for kind in REGISTER_PAGES:
        for el in root.iterfind(f"{T}standOff//{T}{kind}"):
            record = _record(el)
            records[record.id] = record
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
            units.append(Unit(uid, lang, el.get("n", ""), _local(el), plain_text(el),
                              tuple(_refs(el.get("corresp"))), tuple(_mentions_in(el))))
        divisions.append(Division(div.get(XML_ID, lang), lang, div.get("type", ""), units,
                                  tuple(_refs(div.get("corresp")))))
    divisions.sort(key=lambda d: d.type != "edition")  # the original first
    actions = []
    for action in header.iterfind(f".//{T}correspDesc/{T}correspAction"):
        persons = tuple(_party(c) for c in action if _local(c) in ("persName", "orgName", "name"))
        places = tuple(_party(c) for c in action if _local(c) == "placeName")
        dates = tuple((attr, value) for d in action if _local(d) == "date"
                      for attr, value in sorted(d.attrib.items())
                      if attr in ("when", "notBefore", "notAfter", "from", "to"))
        actions.append(Action(action.get("type", ""), persons, places, dates))
    abstracts = {a.get(XML_LANG, "en"): _norm("".join(a.itertext()))
                 for a in header.iterfind(f".//{T}profileDesc/{T}abstract")}
    keywords = [_norm(t.text or "") for t in header.iterfind(f".//{T}keywords/{T}term")]
    published = header.findtext(f"{T}fileDesc/{T}publicationStmt/{T}date[@when]") or ""
    date_el = header.find(f"{T}fileDesc/{T}publicationStmt/{T}date")
    if date_el is not None and date_el.get("when"):
        published = date_el.get("when")
    prev = [r.get("target", "").removesuffix(".xml")
            for r in header.iterfind(f".//{T}correspContext/{T}ref[@type='prev']")]
    authors = [_norm("".join(a.itertext())) for a in header.iterfind(f"{T}fileDesc/{T}titleStmt/{T}author")]
    text = root.find(T + "text")
    mentions = _mentions_in(text) if text is not None else []
    has_notes = text is not None and text.find(f".//{T}note[@type='editorial']") is not None
    return Document(doc_id, path, titles, languages, divisions, authors, actions,
                    abstracts, keywords, published, records, mentions, prev, has_notes)


def load_documents(project: Project) -> list[Document]:
    """All documents of tei/, in reading order: by date, a reply after what it answers.
    The registers file (tei/registers.xml) is not a document: see load_registers."""
    files = project.tei_documents()
    if not files:
        raise EditionError(Problem(project.tei, None, "no TEI files to export",
                                   "run `edition encode` first"))
    docs = [load_document(f) for f in files]
    by_id = {d.id: d for d in docs}

    def depth(doc: Document, seen: frozenset[str] = frozenset()) -> int:
        prev = [p for p in doc.prev if p in by_id and p not in seen]
        return 1 + max((depth(by_id[p], seen | {doc.id}) for p in prev), default=-1)

    return sorted(docs, key=lambda d: (d.date or "9999", depth(d), d.id))


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
    root = _parse(path)
    if root.tag != T + "TEI" or root.find(T + "standOff") is None:
        raise EditionError(Problem(path, 1, "the registers file has no TEI standOff",
                                   "run `edition encode` to rewrite tei/"))
    records = {}
    for kind in REGISTER_PAGES:
        for el in root.iterfind(f"{T}standOff//{T}{kind}"):
            record = _record(el)
            records[record.id] = record
    return dict(sorted(records.items()))


# ================================================================================ URLs

@dataclass(frozen=True)
class Urls:
    """Every public address, built on base_url (one setting, source/edition.toml)."""

    base: str

    def page(self, doc_id: str) -> str:
        return f"{self.base}documents/{doc_id}.html"

    def unit(self, doc_id: str, unit_id: str) -> str:
        return f"{self.page(doc_id)}#{unit_id}"

    def register(self, record: Record) -> str:
        return f"{self.base}{record.register}.html#{record.id}"

    def tei(self, doc_id: str) -> str:
        return f"{self.base}tei/{doc_id}.xml"

    def text(self, doc_id: str, lang: str) -> str:
        return f"{self.base}text/{doc_id}.{lang}.txt"

    def pdf(self, doc_id: str) -> str:
        return f"{self.base}pdf/{doc_id}.pdf"

    def data(self, path: str) -> str:
        return f"{self.base}data/{path}"


# ============================================================================== writing

def _write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _write_json(path: Path, data: Any, *, compact: bool = False) -> Path:
    if compact:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return _write_bytes(path, (text + "\n").encode("utf-8"))


def _xml_bytes(root: Any) -> bytes:
    """Indented XML with the declaration most tools print (double quotes)."""
    etree.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8")


def _el(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    el = etree.SubElement(parent, T + tag if not tag.startswith("{") else tag)
    for key, value in attrs.items():
        el.set(XML_ID if key == "xml_id" else key, value)
    if text is not None:
        el.text = text
    return el


# ================================================================================= CMIF

def _cmif_date(value: str) -> str:
    # CMIF accepts YYYY-MM-DD, YYYY-MM and YYYY only: a time of day is dropped.
    return value[:10]


def _cmif_refs(party: Party, docs_records: dict[str, Record]) -> str:
    uris = list(party.uris)
    for rid in party.refs:
        record = docs_records.get(rid)
        if record:
            uris.extend(record.authorities)
    return " ".join(dict.fromkeys(uris))


def cmif(docs: list[Document], edition: EditionMeta, urls: Urls,
         records: dict[str, Record] | None = None) -> bytes:
    """The CMIF v2 file: one correspDesc per document, with sender, addressee, places and
    dates (CMIF v1), and in correspDesc/note the v2 statements: mentioned entities,
    language, the TEI file, and what the edition publishes."""
    licence_text = CMIF_LICENCES.get(edition.licence_url)
    if licence_text is None:
        raise EditionError(Problem(
            edition.path, None,
            f"CMIF needs CC BY 4.0 or CC0 for the letter metadata; licence_url is {edition.licence_url!r}",
            "set licence_url in source/edition.toml to one of: " + ", ".join(CMIF_LICENCES)))
    records = records if records is not None else all_records(docs)
    # A static id: the same edition (base_url) always gets the same UUID; xml:id must
    # start with a letter, hence the prefix.
    bibl_id = "cmif-" + str(uuid.uuid5(uuid.NAMESPACE_URL, urls.base))
    # The file changes when a document does: the latest publication date of the documents
    # (dates only in the TEI, so midnight UTC) rather than the build's clock.
    updated = max((d.published for d in docs if d.published), default="1970-01-01")

    tei = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    header = _el(tei, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", f"{edition.title.get('en') or edition.short_title}: index of letters")
    editor = _el(title_stmt, "editor", edition.encoder)
    if edition.contact_email:  # CMIF: "if available with an e-mail address in editor/email"
        _el(editor, "email", edition.contact_email)
    pub = _el(file_desc, "publicationStmt")
    publisher = _el(pub, "publisher")
    _el(publisher, "ref", edition.publisher, target=urls.base)
    _el(pub, "idno", urls.data("cmif.xml"), type="url")
    _el(pub, "date", when=f"{updated[:10]}T00:00:00Z")
    availability = _el(pub, "availability")
    _el(availability, "licence", licence_text, target=edition.licence_url)
    source = _el(file_desc, "sourceDesc")
    bibl = _el(source, "bibl", type="online", xml_id=bibl_id)
    _el(bibl, "title", edition.title.get("en") or edition.short_title).tail = ". "
    _el(bibl, "publisher", edition.publisher).tail = ". "
    _el(bibl, "ref", urls.base, target=urls.base)
    profile = _el(header, "profileDesc")
    for doc in docs:
        corresp = _el(profile, "correspDesc", key=doc.id, ref=urls.page(doc.id), source=f"#{bibl_id}")
        for kind in ("sent", "received"):
            action = doc.action(kind) or Action(kind, (), (), ())
            el = _el(corresp, "correspAction", type=kind)
            for person in action.persons or (Party("Unknown", (), ()),):
                attrs = {"ref": ref} if (ref := _cmif_refs(person, records)) else {}
                _el(el, "persName", person.name, **attrs)
            for place in action.places:
                attrs = {"ref": ref} if (ref := _cmif_refs(place, records)) else {}
                _el(el, "placeName", place.name, **attrs)
            dates = {attr: _cmif_date(value) for attr, value in action.dates}
            if "when" in dates:
                dates = {"when": dates["when"]}
            if dates:
                _el(el, "date", **dates)
        note = _el(corresp, "note")
        for rid in doc.mentions:
            record = records.get(rid)
            if record is None:
                continue
            # An entity without an authority identifier is named by its register entry:
            # CMIF v2 allows edition-internal URIs where no authority file has one.
            target = record.authorities[0] if record.authorities else urls.register(record)
            _el(note, "ref", record.name("en"), type=CMIF_VOCAB + CMIF_MENTIONS[record.kind], target=target)
        if doc.original is not None:
            _el(note, "ref", type=CMIF_VOCAB + "hasLanguage", target=doc.original.lang)
        _el(note, "ref", type=CMIF_VOCAB + "isAvailableAsTEIfile", target=urls.tei(doc.id))
        _el(note, "ref", type=CMIF_VOCAB + "isPublishedWith", target=CMIF_VOCAB + "transcription")
        if doc.has_notes:
            _el(note, "ref", type=CMIF_VOCAB + "isPublishedWith", target=CMIF_VOCAB + "comment")
    text = _el(tei, "text")
    body = _el(text, "body")
    _el(body, "p")
    return _xml_bytes(tei)


# ================================================================================== DTS

@dataclass(frozen=True)
class DtsPaths:
    """The static layout of the DTS API and its URI templates (RFC 6570). Optional
    parameters become path segments (`{;nav}` expands to ";nav=parents" or nothing), so
    that every valid call is a file."""

    urls: Urls

    @property
    def entry(self) -> str:
        return self.urls.data("dts/entry.jsonld")

    @property
    def collection_template(self) -> str:
        return self.urls.data("dts/collection{/id}{;nav}.jsonld")

    @property
    def navigation_template(self) -> str:
        return self.urls.data("dts/navigation/{resource}{;ref,down}.jsonld")

    @property
    def document_template(self) -> str:
        return self.urls.data("dts/document/{resource}{;ref}.xml")

    @staticmethod
    def collection_file(coll_id: str | None, nav: str | None = None) -> str:
        name = "collection" + (f"/{coll_id}" if coll_id else "")
        return name + (f";nav={nav}" if nav else "") + ".jsonld"

    @staticmethod
    def navigation_file(resource: str, ref: str | None = None, down: int | None = None) -> str:
        name = f"navigation/{resource}"
        if ref is not None:
            name += f";ref={ref}"
        if down is not None:
            name += f";down={down}"
        return name + ".jsonld"

    @staticmethod
    def document_file(resource: str, ref: str | None = None) -> str:
        return f"document/{resource}" + (f";ref={ref}" if ref else "") + ".xml"


@dataclass(eq=False)
class CitableNode:
    identifier: str
    level: int
    parent: str | None
    cite_type: str
    url: str
    lang: str
    relation: list[str]
    children: list[CitableNode] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "identifier": self.identifier,
            "@type": "CitableUnit",
            "level": self.level,
            "parent": self.parent,
            "citeType": self.cite_type,
            "@id": self.url,
        }
        dublin: dict[str, Any] = {"language": self.lang}
        if self.relation:
            dublin["relation"] = self.relation
        out["dublinCore"] = dublin
        return out


def _citation_tree(doc: Document, urls: Urls) -> list[CitableNode]:
    """Level 1: the language versions (TEI division ids); level 2: their alignment units,
    whose identifiers are the edition's permalink anchors."""
    tops = []
    for division in doc.divisions:
        relation = [urls.unit(doc.id, c) for c in division.corresp]
        top = CitableNode(division.id, 1, None, division.type or "text", urls.unit(doc.id, division.id),
                          division.lang, relation)
        for unit in division.units:
            top.children.append(CitableNode(
                unit.id, 2, division.id, CITE_TYPES.get(unit.kind, unit.kind), urls.unit(doc.id, unit.id),
                unit.lang, [urls.unit(doc.id, c) for c in unit.corresp]))
        tops.append(top)
    return tops


def _cite_structure(tops: list[CitableNode]) -> list[dict[str, Any]]:
    structure: dict[str, list[str]] = {}
    for top in tops:
        kinds = structure.setdefault(top.cite_type, [])
        for child in top.children:
            if child.cite_type not in kinds:
                kinds.append(child.cite_type)
    return [{"@type": "CiteStructure", "citeType": kind,
             "citeStructure": [{"@type": "CiteStructure", "citeType": c} for c in children]}
            for kind, children in structure.items()]


def _walk(nodes: list[CitableNode]) -> Iterator[CitableNode]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _depth(nodes: list[CitableNode]) -> int:
    return max((n.level for n in _walk(nodes)), default=0)


def _downs(height: int) -> list[int]:
    """The `down` values answered below a node whose subtree goes `height` levels deeper:
    1 (its children) and -1 (all of it), and each depth in between, the only others whose
    answer differs from both. (down=height, or more, answers what -1 answers.)"""
    return [*range(1, max(height, 2)), -1] if height > 0 else []


def navigation_calls(tops: list[CitableNode]) -> Iterator[tuple[CitableNode | None, int | None,
                                                                 list[CitableNode] | None]]:
    """The Navigation calls the static API answers for one citation tree, as (ref, down,
    member), member None where the response has none. The set is what a client needs to
    walk the tree and that is not the same answer under another name (docs/exports.md,
    "Which navigation calls exist"):

    - without ref: `down` 1 (the top level) and -1 (the whole tree);
    - every unit: `ref` alone (the unit);
    - a unit with children: `ref` with `down` 1 (it and its children) and -1 (its subtree).

    Not written: `down=0` (a unit and its siblings: the parent's `down=1`, or the top level),
    and `down` on a unit without children (the unit alone, as `ref` gives it). Each would
    be one file per unit, and `down=0` repeats every sibling in every sibling's file."""
    nodes = list(_walk(tops))
    # At least down=1 and -1 without ref, even for a tree without units: DTS answers
    # them with an empty member array then, not with an error.
    for down in _downs(max(_depth(tops), 1)):
        yield None, down, [n for n in nodes if down == -1 or n.level <= down]
    for node in nodes:
        yield node, None, None
        subtree = list(_walk([node]))
        for down in _downs(_depth([node]) - node.level):
            yield node, down, [n for n in subtree if down == -1 or n.level <= node.level + down]


def _dublin_core_document(doc: Document, edition: EditionMeta) -> dict[str, Any]:
    dc: dict[str, Any] = {
        "title": [{"lang": lang, "value": title} for lang, title in doc.titles.items()],
        "language": list(doc.languages),
        "creator": [{"lang": "en", "value": a} for a in doc.authors],
        "publisher": [{"lang": "en", "value": edition.publisher}],
        "license": edition.licence_url,
    }
    if doc.date:
        dc["date"] = doc.date
    if doc.abstracts:
        dc["description"] = [{"lang": lang, "value": text} for lang, text in doc.abstracts.items()]
    if doc.keywords:
        dc["subject"] = [{"lang": "en", "value": k} for k in doc.keywords]
    return dc


def _dts_resource(doc: Document, edition: EditionMeta, urls: Urls, paths: DtsPaths,
                  tops: list[CitableNode], full: bool = True) -> dict[str, Any]:
    """The Resource as the Collection endpoint gives it (`full`), or as every Navigation
    response must repeat it: then only the members the specification requires of a
    Resource there (as in its own examples), since that copy is in every navigation file
    and the rest is one collection call away."""
    tree: dict[str, Any] = {"@type": "CitationTree"}
    if full:
        tree["description"] = ("Language versions of the document (the original first), each "
                               "divided into alignment units: the passages the edition aligns "
                               "across languages and gives permalinks to.")
    tree["citeStructure"] = _cite_structure(tops)
    resource: dict[str, Any] = {"@id": doc.id, "@type": "Resource"}
    if full:
        resource.update({"title": doc.title("en"), "totalParents": 1, "totalChildren": 0})
    resource.update({
        "collection": urls.data(f"dts/collection/{doc.id}{{;nav}}.jsonld"),
        "navigation": urls.data(f"dts/navigation/{doc.id}{{;ref,down}}.jsonld"),
        "document": urls.data(f"dts/document/{doc.id}{{;ref}}.xml"),
        "citationTrees": [tree],
    })
    if full:
        resource["dtsVersion"] = DTS_VERSION
        if doc.abstracts.get("en"):
            resource["description"] = doc.abstracts["en"]
        resource["dublinCore"] = _dublin_core_document(doc, edition)
        resource["download"] = urls.tei(doc.id)
        resource["mediaTypes"] = ["application/tei+xml"]
    return resource


def _dts_root(docs: list[Document], edition: EditionMeta, urls: Urls, paths: DtsPaths) -> dict[str, Any]:
    return {
        "@id": DTS_ROOT,
        "@type": "Collection",
        "dtsVersion": DTS_VERSION,
        "title": edition.title.get("en") or edition.short_title,
        "totalParents": 0,
        "totalChildren": len(docs),
        "collection": paths.collection_template,
        "dublinCore": {
            "title": [{"lang": lang, "value": t} for lang, t in edition.title.items()],
            "publisher": [{"lang": "en", "value": edition.publisher}],
            "license": edition.licence_url,
        },
    }


def dts_collections(docs: list[Document], edition: EditionMeta,
                    urls: Urls) -> Iterator[tuple[str, bytes | dict[str, Any]]]:
    """The files of the DTS API that list documents: the entry point and the collections."""
    for doc in docs:
        if doc.id == DTS_ROOT:
            raise EditionError(Problem(doc.path, None,
                                       f"a document id {DTS_ROOT!r} clashes with the DTS root collection",
                                       "rename the document folder in source/documents/"))
    paths = DtsPaths(urls)
    context = {"@context": DTS_CONTEXT}
    yield "entry.jsonld", {
        **context,
        "@id": paths.entry,
        "@type": "EntryPoint",
        "dtsVersion": DTS_VERSION,
        "collection": paths.collection_template,
        "navigation": paths.navigation_template,
        "document": paths.document_template,
    }
    root = _dts_root(docs, edition, urls, paths)
    members = [_dts_resource(doc, edition, urls, paths, _citation_tree(doc, urls)) for doc in docs]
    for coll_id in (None, DTS_ROOT):
        yield paths.collection_file(coll_id), {**context, **root, "member": members}
        yield paths.collection_file(coll_id, "parents"), {**context, **root, "member": []}
    root_summary = {k: v for k, v in root.items() if k != "dtsVersion"}
    for doc, member in zip(docs, members, strict=True):
        yield paths.collection_file(doc.id), {**context, **member}
        yield paths.collection_file(doc.id, "parents"), {**context, **member, "member": [root_summary]}


def dts_document(doc: Document, edition: EditionMeta,
                 urls: Urls) -> Iterator[tuple[str, bytes | dict[str, Any]]]:
    """The files of the DTS API about one document alone: its navigation responses and
    its passages. They depend on its TEI file and the base URL only (render_exports
    reuses them from the previous build when neither changed)."""
    paths = DtsPaths(urls)
    context = {"@context": DTS_CONTEXT}
    tops = _citation_tree(doc, urls)
    resource = _dts_resource(doc, edition, urls, paths, tops, full=False)
    for ref, down, units in navigation_calls(tops):
        name = paths.navigation_file(doc.id, ref.identifier if ref else None, down)
        nav: dict[str, Any] = {
            **context,
            "dtsVersion": DTS_VERSION,
            "@type": "Navigation",
            "@id": urls.data("dts/" + name),
            "resource": resource,
        }
        if ref is not None:
            nav["ref"] = ref.json()
        if units is not None:
            nav["member"] = [u.json() for u in units]
        yield name, nav

    data = doc.path.read_bytes()
    yield paths.document_file(doc.id), data
    tei = _parse(doc.path, data)
    # One pass over the document, not a search of the whole tree for every unit.
    elements: dict[str, Any] = {}
    for el in tei.iter():
        if isinstance(el.tag, str) and el.get(XML_ID):
            elements.setdefault(el.get(XML_ID), el)
    for node in _walk(tops):
        yield paths.document_file(doc.id, node.identifier), _dts_fragment(tei, elements[node.identifier])


def _dts_fragment(root: Any, source: Any) -> bytes:
    """A passage as the DTS document endpoint returns it: TEI root, the passage in
    dts:wrapper, and beside it the standOff records and interpretations the passage
    points to, so that its names and alignment notes can be resolved."""
    ref = source.get(XML_ID)
    tei = etree.Element(T + "TEI", nsmap={None: TEI_NS, "dts": DTS_NS})
    wrapper = etree.SubElement(tei, f"{{{DTS_NS}}}wrapper")
    wrapper.set("ref", f"//*[@xml:id='{ref}']")
    # The passage is spliced in after indenting: indenting would add white space to its
    # mixed content, and white space there is text.
    etree.SubElement(wrapper, f"{{{DTS_NS}}}passage")
    pointed = {target for el in source.iter() if isinstance(el.tag, str)
               for attr in ("ref", "ana") for target in _refs(el.get(attr))}
    stand_off = root.find(T + "standOff")
    if pointed and stand_off is not None:
        context = etree.SubElement(tei, T + "standOff")
        for group in stand_off:
            kept = [c for c in group if isinstance(c.tag, str) and c.get(XML_ID) in pointed]
            if kept:
                group_copy = etree.SubElement(context, group.tag, dict(group.attrib))
                group_copy.extend(copy.deepcopy(c) for c in kept)
    out = _xml_bytes(tei)
    passage = copy.deepcopy(source)
    passage.tail = None
    text = etree.tostring(passage, encoding="unicode")
    # Serialised on its own the passage repeats the TEI namespace declaration that its new
    # TEI parent already makes.
    text = text.replace(f' xmlns="{TEI_NS}"', "", 1)
    return out.replace(b"<dts:passage/>", text.encode("utf-8"), 1)


# ============================================================================ entities

SCHEMA_TYPES = {"person": "Person", "place": "Place", "org": "Organization", "event": "Event"}


def occurrences(docs: list[Document], urls: Urls) -> dict[str, list[dict[str, Any]]]:
    """Where each record occurs: per document (in reading order) the document page as a
    schema.org CreativeWork, with the passages that name the record as its parts. A
    record the document names only in its header (sender, addressee) has no parts."""
    found: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        units: dict[str, list[str]] = {}
        for unit in doc.units():
            for rid in unit.mentions:
                units.setdefault(rid, []).append(urls.unit(doc.id, unit.id))
        named = dict.fromkeys([*doc.mentions, *doc.records, *(r for a in doc.actions
                                                                for p in (*a.persons, *a.places)
                                                                for r in p.refs)])
        for rid in named:
            work: dict[str, Any] = {"@id": urls.page(doc.id), "@type": "CreativeWork",
                                    "name": doc.title("en")}
            if units.get(rid):
                work["hasPart"] = [{"@id": url} for url in units[rid]]
            found.setdefault(rid, []).append(work)
    return found


def entities(docs: list[Document], urls: Urls, records: dict[str, Record] | None = None) -> dict[str, Any]:
    """schema.org descriptions of every registry record (the canonical registers when
    given), with sameAs authority links (the registry records only identifiers someone
    verified) and where the documents mention them (subjectOf)."""
    records = records if records is not None else all_records(docs)
    mentioned_in = occurrences(docs, urls)
    graph = []
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
            item["birthDate"] = record.birth
        if record.death:
            item["deathDate"] = record.death
        if record.geo:
            item["geo"] = {"@type": "GeoCoordinates", "latitude": record.geo[0],
                           "longitude": record.geo[1]}
        if mentioned_in.get(record.id):
            item["subjectOf"] = mentioned_in[record.id]
        graph.append(item)
    # An inline context rather than the remote https://schema.org one, so that the file
    # can be processed offline; url and sameAs are declared as links, as schema.org does.
    context = {"@vocab": "https://schema.org/", "url": {"@type": "@id"}, "sameAs": {"@type": "@id"}}
    return {"@context": context, "@graph": graph}


# ============================================================================ citations

def _date_parts(date: str | None) -> list[int]:
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
    parts = _date_parts(doc.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if doc.original is not None:
        item["language"] = doc.original.lang
    item["container-title"] = edition.title.get("en") or edition.short_title
    item["publisher"] = edition.publisher
    item["URL"] = urls.page(doc.id)
    if doc.abstracts.get("en"):
        item["abstract"] = doc.abstracts["en"]
    if doc.keywords:
        item["keyword"] = ", ".join(doc.keywords)
    if doc.published:
        item["available-date"] = {"date-parts": [_date_parts(doc.published)]}
    return [item]


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
    parts = _date_parts(doc.date)
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
    fields.append(("url", urls.page(doc.id)))
    lines = [f"@misc{{{doc.id},"]
    for i, (key, value) in enumerate(fields):
        raw = key == "month"  # a month macro, not a string
        sep = "," if i < len(fields) - 1 else ""
        lines.append(f"  {key} = {value}{sep}" if raw else f"  {key} = {{{value}}}{sep}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ============================================================================= sitemap

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(site: Path, docs: list[Document], urls: Urls) -> bytes:
    """Every HTML page of the site (as written by the time this runs), with its date: a
    document page the publication date of its TEI, the other pages the latest of those."""
    published = {d.id: d.published for d in docs if d.published}
    latest = max(published.values(), default="")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not any(part.startswith(".") for part in p.relative_to(site).parts)
                   and p.relative_to(site).parts[0] not in ("search", "data", "pdf"))
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for page in pages:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = urls.base + page
        is_document = page.startswith("documents/")
        date = published.get(page[len("documents/"):-len(".html")]) if is_document else latest
        if date:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = date
    return _xml_bytes(root)


# ============================================================================== driver

@dataclass
class ExportReport:
    site: Path
    files: dict[str, list[Path]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def size(self, group: str) -> int:
        return sum(p.stat().st_size for p in self.files.get(group, []))

    def summary(self) -> str:
        parts = [f"{group} {len(paths)} files {self.size(group) / 1024:.0f} KiB"
                 + (f" {self.seconds[group]:.2f} s" if group in self.seconds else "")
                 for group, paths in self.files.items()]
        return "\n".join(["exports: " + "; ".join(parts), *self.warnings])


def _write_dts(docs: list[Document], edition: EditionMeta, urls: Urls, folder: Path,
               previous: Path | None, store: Store | None) -> list[Path]:
    """Write the DTS API into ``folder``. A document's own files (dts_document) are
    hard-linked from the previous build's when the store knows them under the same key,
    i.e. when its TEI file, the base URL and this module are unchanged: after one
    document changes, the others' 80-odd files each are not made again. Linking is safe
    because a build never writes a file twice, so no tree changes a file it shares."""
    def write(rel: str, content: bytes | dict[str, Any]) -> Path:
        if isinstance(content, dict):
            # Navigation responses are many and repeat the resource: compact JSON halves them.
            return _write_json(folder / rel, content, compact=rel.startswith("navigation/"))
        return _write_bytes(folder / rel, content)

    written = [write(rel, content) for rel, content in dts_collections(docs, edition, urls)]
    code = code_hash(Path(__file__))
    earlier = previous / "data" / "dts" if previous is not None else None
    for doc in docs:
        key = hash_bytes("dts", code, DTS_VERSION, urls.base, doc.path.read_bytes())
        names = store.get("dts-files", key) if store is not None and earlier is not None else None
        if names is not None and earlier is not None:
            linked = _link_all(earlier, folder, json.loads(names))
            if linked is not None:
                written.extend(linked)
                continue
        made = [write(rel, content) for rel, content in dts_document(doc, edition, urls)]
        written.extend(made)
        if store is not None:
            store.put("dts-files", key,
                      json.dumps([p.relative_to(folder).as_posix() for p in made]).encode("utf-8"))
    return written


def _link_all(source: Path, target: Path, names: list[str]) -> list[Path] | None:
    """Hard-link the named files from ``source`` into ``target``; None, with nothing left
    behind, when one of them is not there."""
    done: list[Path] = []
    try:
        for name in names:
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            os.link(source / name, path)
            done.append(path)
    except OSError:
        for path in done:
            path.unlink()
        return None
    return done


def render_exports(project: Project, site: Path | None = None, *, with_search: bool = True,
                   previous: Path | None = None, store: Store | None = None) -> ExportReport:
    """Write every export into the rendered site (default build/site/, which edition.html
    must have written first: it replaces the whole folder), then the search page and
    index (edition.search), then the sitemap, which lists the pages of both.
    ``previous`` (the site of the last build) and ``store``: reuse the DTS files of
    unchanged documents (see _write_dts)."""
    site = site or project.build / "site"
    if not site.is_dir():
        raise EditionError(Problem(site, None, "the site has not been rendered",
                                   "run `edition build` (the HTML stage writes the site first)"))
    edition = load_edition(project.edition_file)
    urls = Urls(edition.base_url)
    docs = load_documents(project)
    records = load_registers(project, docs)
    report = ExportReport(site)

    data = site / "data"
    if data.exists():
        shutil.rmtree(data)

    start = time.perf_counter()
    report.files["cmif"] = [_write_bytes(data / "cmif.xml", cmif(docs, edition, urls, records))]
    report.seconds["cmif"] = time.perf_counter() - start

    start = time.perf_counter()
    report.files["dts"] = _write_dts(docs, edition, urls, data / "dts", previous, store)
    report.seconds["dts"] = time.perf_counter() - start

    start = time.perf_counter()
    report.files["entities"] = [_write_json(data / "entities.jsonld", entities(docs, urls, records))]
    report.seconds["entities"] = time.perf_counter() - start

    start = time.perf_counter()
    cite = []
    for doc in docs:
        cite.append(_write_json(data / "cite" / f"{doc.id}.json", csl(doc, edition, urls)))
        cite.append(_write_bytes(data / "cite" / f"{doc.id}.bib", bibtex(doc, edition, urls).encode("utf-8")))
    combined = "\n".join(bibtex(doc, edition, urls) for doc in docs)
    cite.append(_write_bytes(data / "cite" / "edition.bib", combined.encode("utf-8")))
    report.files["cite"] = cite
    report.seconds["cite"] = time.perf_counter() - start

    report.files["text"] = sorted((site / "text").glob("*.txt")) if (site / "text").is_dir() else []

    if with_search:
        from .search import render_search

        start = time.perf_counter()
        search_report = render_search(project, site, docs=docs, edition=edition, records=records)
        report.files["search"] = search_report.files
        report.seconds["search"] = time.perf_counter() - start
        report.seconds["search index"] = search_report.index_seconds
        if search_report.warning:
            report.warnings.append(search_report.warning)

    start = time.perf_counter()
    report.files["sitemap"] = [_write_bytes(site / "sitemap.xml", sitemap(site, docs, urls))]
    report.seconds["sitemap"] = time.perf_counter() - start
    return report
