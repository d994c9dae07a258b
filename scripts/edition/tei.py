"""Build one TEI P5 document from a document's sources (docs/tei-conventions.md).

Input: the document's metadata, its annotated transcriptions (one per language), the
registry, the edition settings and the other documents' metadata (for the
correspondence chain). Output: an lxml tree; :func:`serialize` gives the bytes.
Everything is ordered by the sources or sorted, so the same input gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import __version__
from .errors import EditionError, Problem
from .markup import (
    Block,
    Choice,
    DateSpan,
    Gap,
    Inline,
    Measure,
    Name,
    Note,
    Quote,
    Supplied,
    Text,
    Transcription,
)
from .metadata import DocumentMeta, EditionMeta
from .paths import REGISTERS_ID
from .registry import Entity, Registry

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"

RESP_WITNESS = "resp-witness"
RESP_EDITION = "resp-edition"
ALIGN_UNALIGNED = "align-unaligned"
ALIGN_LOST = "align-lost"
ALIGN_INTERPS = {
    "unaligned": (ALIGN_UNALIGNED, "The unit has no counterpart in the text of the other "
                  "language: that text never had it (for example an archival heading that "
                  "only the translation's copy reproduces)."),
    "lost": (ALIGN_LOST, "The unit's counterpart is missing from the witness of the other "
             "language: the copy used is incomplete there."),
}
LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "zh": "Chinese", "ko": "Korean",
                  "de": "German", "fr": "French", "ja": "Japanese", "pl": "Polish"}
LIST_ELEMENTS = {"person": "listPerson", "place": "listPlace", "org": "listOrg",
                 "event": "listEvent"}
RECORD_ELEMENTS = {"person": "person", "place": "place", "org": "org", "event": "event"}
NAME_IN_RECORD = {"person": "persName", "place": "placeName", "org": "orgName"}


def E(tag: str, *children: object, **attrs: str | None) -> etree._Element:
    """Make a TEI element; keyword ``lang``/``id`` become xml:lang/xml:id, None drops."""
    el = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS} if tag == "TEI" else None)
    for key, value in attrs.items():
        if value is None:
            continue
        name = {"lang": XML_LANG, "id": XML_ID}.get(key, key.rstrip("_"))
        el.set(name, value)
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            _append_text(el, child)
        else:
            el.append(child)  # type: ignore[arg-type]
    return el


def _append_text(el: etree._Element, text: str) -> None:
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + text
    else:
        el.text = (el.text or "") + text


@dataclass
class _Division:
    lang: str
    transcription: Transcription
    note_count: int = 0
    used: set[str] = field(default_factory=set)      # registry ids mentioned
    features: set[str] = field(default_factory=set)  # kinds of intervention used


class Builder:
    def __init__(self, doc: DocumentMeta, texts: dict[str, Transcription], registry: Registry,
                 edition: EditionMeta, corpus: dict[str, DocumentMeta]):
        self.doc, self.texts, self.registry, self.edition, self.corpus = (
            doc, texts, registry, edition, corpus)
        self.divisions = [_Division(lang, texts[lang]) for lang in doc.languages]
        self.used_interps: set[str] = set()

    # --- whole document ---------------------------------------------------------------
    def build(self) -> etree._ElementTree:
        self._check_alignment()
        body = E("body", *(self._division(d) for d in self.divisions))
        header = self._header()
        tei = E("TEI", header, self._standoff(), E("text", body))
        # standOff belongs between teiHeader and text
        return etree.ElementTree(tei)

    # --- alignment ------------------------------------------------------------------------
    def _units(self, division: _Division) -> list[Block]:
        return [b for b in division.transcription.blocks if b.label]

    def _check_alignment(self) -> None:
        problems: list[Problem] = []
        self.groups: dict[str, dict[str, list[Block]]] = {}
        for division in self.divisions:
            seen: dict[str, Block] = {}
            for block in self._units(division):
                assert block.label is not None
                if block.label in seen:
                    problems.append(Problem(division.transcription.path, block.line,
                                            f"label @{block.label} is used twice (also line "
                                            f"{seen[block.label].line})",
                                            "give every line its own label; parts are @x.1, @x.2"))
                seen[block.label] = block
                self.groups.setdefault(block.key or "", {}).setdefault(division.lang, []).append(block)
        for key, sides in self.groups.items():
            for division in self.divisions:
                blocks = sides.get(division.lang, [])
                others = [lang for lang in sides if lang != division.lang]
                for block in blocks:
                    if len(blocks) > 1 and block.part is None:
                        problems.append(Problem(division.transcription.path, block.line,
                                                f"@{block.label} is one of several @{key} units",
                                                f"number the parts: @{key}.1, @{key}.2"))
                    flagged = set(block.flags) & set(ALIGN_INTERPS)
                    if flagged and others:
                        problems.append(Problem(division.transcription.path, block.line,
                                                f"@{block.label} is marked {sorted(flagged)[0]} but "
                                                f"the {others[0]} text has @{key}",
                                                "remove the flag or the other side's label"))
                    if not flagged and len(sides) < len(self.divisions):
                        missing = [d for d in self.divisions if d.lang not in sides]
                        problems.append(Problem(
                            division.transcription.path, block.line,
                            f"alignment label @{block.label} has no counterpart in "
                            f"{missing[0].transcription.path.name}",
                            f"add @{key} to the matching line of {missing[0].transcription.path.name}, "
                            "or mark this line 'unaligned' (the other text has none) or 'lost' "
                            "(its counterpart is missing from the witness)"))
        if problems:
            raise EditionError(problems)

    def _unit_id(self, lang: str, block: Block) -> str:
        return f"{lang}-{block.key}" + (f"-{block.part}" if block.part else "")

    def _unit_attrs(self, lang: str, block: Block, n: int) -> dict[str, str | None]:
        attrs: dict[str, str | None] = {"id": self._unit_id(lang, block), "n": str(n)}
        flagged = [f for f in block.flags if f in ALIGN_INTERPS]
        if flagged:
            interp = ALIGN_INTERPS[flagged[0]][0]
            self.used_interps.add(flagged[0])
            attrs["ana"] = f"#{interp}"
        else:
            sides = self.groups[block.key or ""]
            targets = [self._unit_id(other, b) for other in self.doc.languages if other != lang
                       for b in sides.get(other, [])]
            attrs["corresp"] = " ".join(f"#{t}" for t in targets)
        return attrs

    # --- text ----------------------------------------------------------------------------
    def _division(self, division: _Division) -> etree._Element:
        lang = division.lang
        others = [f"#{x}" for x in self.doc.languages if x != lang]
        div = E("div", type_="edition" if lang == self.doc.original else "translation",
                lang=lang, id=lang, corresp=" ".join(others) or None)
        path = division.transcription.path
        phase = "top"
        opener = closer = current_list = current_item = None
        n = 0
        for block in division.transcription.blocks:
            if block.kind == "gap":
                current_list = current_item = None
                for item in self._inline(block.inlines[0], division):
                    div.append(item)  # type: ignore[arg-type]
                continue
            n += 1
            attrs = self._unit_attrs(lang, block, n)
            if block.kind == "head":
                if phase != "top":
                    raise EditionError(Problem(path, block.line, "a head line must come before "
                                               "the opener and the text",
                                               "move the heading lines to the top"))
                el = E(block.kind, type_=block.type, **attrs)
                div.append(self._inline_container(el, block.inlines, division))
            elif block.kind in ("salute", "dateline", "seg") and phase in ("top", "opener"):
                phase = "opener"
                if opener is None:
                    opener = E("opener")
                    div.append(opener)
                el = E(block.kind, type_=block.type if block.kind == "seg" else None, **attrs)
                opener.append(self._inline_container(el, block.inlines, division))
            elif block.kind in ("salute", "dateline", "seg", "signed"):
                phase = "closer"
                if closer is None:
                    closer = E("closer")
                    div.append(closer)
                    current_list = current_item = None
                el = E(block.kind, type_=block.type if block.kind == "seg" else None, **attrs)
                closer.append(self._inline_container(el, block.inlines, division))
            else:  # p or item
                if phase == "closer":
                    raise EditionError(Problem(path, block.line, "a paragraph after the closing lines",
                                               "closing lines (signed, …) come after the text"))
                phase = "body"
                el = self._inline_container(E("p", **attrs), block.inlines, division)
                if block.kind == "item":
                    if current_list is None:
                        current_list = E("list", type_="ordered")
                        div.append(current_list)
                    number = _leading_number(block.inlines)
                    current_item = E("item", el, n=number)
                    current_list.append(current_item)
                elif block.continues_item:
                    assert current_item is not None
                    current_item.append(el)
                else:
                    current_list = current_item = None
                    div.append(el)
        return div

    def _inline_container(self, el: etree._Element, nodes: list[Inline],
                          division: _Division) -> etree._Element:
        for node in nodes:
            for item in self._inline(node, division):
                if isinstance(item, str):
                    _append_text(el, item)
                else:
                    el.append(item)
        return el

    def _inline(self, node: Inline, division: _Division) -> Iterator[str | etree._Element]:
        if isinstance(node, Text):
            yield node.value
        elif isinstance(node, Name):
            for ref in node.refs:
                division.used.add(ref)
            attrs = {"ref": " ".join(f"#{r}" for r in node.refs)}
            if node.element == "name":
                el = E("name", type_="event", **attrs)
            else:
                el = E(node.element, type_="pseudonym" if node.pseudonym else None, **attrs)
            yield self._inline_container(el, node.children, division)
        elif isinstance(node, DateSpan):
            division.features.add("date")
            yield self._inline_container(E("date", when=node.when), node.children, division)
        elif isinstance(node, Measure):
            division.features.add("measure")
            yield self._inline_container(E("measure", type_=node.type, quantity=node.quantity,
                                           unit=node.unit), node.children, division)
        elif isinstance(node, Quote):
            division.features.add("quote")
            yield self._inline_container(E("quote"), node.children, division)
        elif isinstance(node, Supplied):
            division.features.add("supplied")
            yield self._inline_container(E("supplied", reason="clarification",
                                           resp=f"#{RESP_WITNESS}"), node.children, division)
        elif isinstance(node, Gap):
            if node.rend is not None:
                division.features.add("gap-witness")
                yield E("gap", reason=node.reason, resp=f"#{RESP_WITNESS}", rend=node.rend)
            else:
                division.features.add("gap-edition")
                yield E("gap", reason=node.reason, resp=f"#{RESP_EDITION}")
        elif isinstance(node, Choice):
            division.features.add("choice")
            yield E("choice", E("sic", node.sic), E("corr", node.corr, resp=f"#{RESP_EDITION}"))
        elif isinstance(node, Note):
            division.features.add("note")
            division.note_count += 1
            note = E("note", type_="editorial", id=f"{division.lang}-note-{division.note_count}",
                     resp=f"#{RESP_EDITION}",
                     lang="en" if division.lang != "en" else None)
            yield self._inline_container(note, node.children, division)
        else:  # pragma: no cover - the parser makes no other node
            raise TypeError(node)

    # --- header ----------------------------------------------------------------------
    def _entity(self, entity_id: str, where: Path | None = None) -> Entity:
        entity = self.registry.entities.get(entity_id)
        if entity is None:
            raise EditionError(Problem(where or self.doc.path, None,
                                       f"{entity_id!r} names no registry record",
                                       "add it to source/registry/ or correct the id"))
        return entity

    def _ref(self, entity: Entity) -> str:
        return " ".join([f"#{entity.id}", *(a.uri for a in entity.authorities if a.uri)])

    def _agent(self, entity_id: str) -> etree._Element:
        entity = self._entity(entity_id)
        tag = {"person": "persName", "org": "orgName"}.get(entity.kind)
        if tag is None:
            raise EditionError(Problem(self.doc.path, None,
                                       f"{entity_id!r} is a {entity.kind}, not a person or organisation",
                                       "name a person or an organisation as sender or addressee"))
        return E(tag, entity.names["en"], ref=self._ref(entity))

    def _header(self) -> etree._Element:
        doc, edition = self.doc, self.edition
        title_stmt = E("titleStmt")
        for lang in ("en", *sorted(k for k in doc.title if k != "en")):
            title_stmt.append(E("title", doc.title[lang], type_="main", lang=lang))
        for action in doc.actions:
            if action.type == "sent":
                for person in action.persons:
                    entity = self._entity(person)
                    title_stmt.append(E("author", entity.names["en"], ref=f"#{entity.id}"))
        for resp in doc.responsibility:
            if resp.who == "edition":
                title_stmt.append(E("respStmt", E("resp", resp.what), E("name", edition.encoder),
                                    id=RESP_EDITION))
            elif resp.who == doc.witness.get("publisher"):
                title_stmt.append(E("respStmt", E("resp", resp.what), E("orgName", resp.who),
                                    id=RESP_WITNESS))
            else:
                title_stmt.append(E("respStmt", E("resp", resp.what), E("name", resp.who)))
        ids = {el.get(XML_ID) for el in title_stmt.iter(f"{{{TEI_NS}}}respStmt")}
        for needed, label in ((RESP_WITNESS, doc.witness.get("publisher", "")),
                              (RESP_EDITION, edition.encoder)):
            if needed not in ids:
                raise EditionError(Problem(doc.path, None,
                                           f"no [[responsibility]] entry for {label!r}",
                                           "add [[responsibility]] entries for the witness's "
                                           "publisher and for \"edition\""))

        rights = [p.strip() for p in str(doc.witness.get("rights", "")).split("\n") if p.strip()]
        availability = E("availability",
                         E("licence", edition.licence, target=edition.licence_url),
                         *(E("p", p) for p in rights) if rights else
                         [E("p", "The rights statement of the witness's publisher is not in the "
                             "copy used: unknown.")],
                         status="restricted" if rights else "unknown")
        published = max((c.when for c in doc.changes), default=doc.date.isoformat())
        publication = E("publicationStmt",
                        E("publisher", edition.publisher),
                        E("idno", doc.id, type_="edition"),
                        E("date", when=published),
                        availability)
        series = E("seriesStmt", E("title", edition.title["en"], lang="en"))

        witness = doc.witness
        bibl = E("bibl", type_="witness")
        bibl.append(E("title", witness["title"]))
        bibl.append(E("date", witness.get("date", ""), when=doc.date.isoformat()))
        bibl.append(E("publisher", witness["publisher"]))
        if witness.get("url"):
            bibl.append(E("ptr", target=witness["url"]))
        if witness.get("note"):
            bibl.append(E("note", witness["note"]))
        unknown = list(witness.get("unknown", []))
        if not witness.get("url"):
            unknown.insert(0, "the address of the publication")
        if unknown:
            bibl.append(E("note", "Not in the copy used, and so unknown to this edition: "
                          + "; ".join(unknown) + ".", type_="unknown"))
        archival = doc.archival
        ms_id = E("msIdentifier")
        if archival.get("repository"):
            ms_id.append(E("repository", archival["repository"]))
        if archival.get("reference"):
            ms_id.append(E("idno", archival["reference"], type_="shelfmark"))
        if archival.get("number"):
            ms_id.append(E("idno", archival["number"], type_="document-number"))
        for variant in archival.get("number_variants", []):
            ms_id.append(E("altIdentifier", E("idno", variant, type_="document-number"),
                           type_="variant"))
        kind = archival.get("kind", "document")
        ms_id.append(E("msName", f"{kind[:1].upper()}{kind[1:]}"
                       + (f" No. {archival['number']}" if archival.get("number") else ""),
                       lang="en"))
        ms_paras = []
        missing = [label for key, label in (("repository", "the holding archive"),
                                             ("reference", "the archival reference"))
                   if not archival.get(key)]
        if missing:
            ms_paras.append(E("p", "Unknown: " + " and ".join(missing)
                              + " (not given in the copy used)."))
        if archival.get("note"):
            ms_paras.append(E("p", archival["note"]))
        ms_desc = E("msDesc", ms_id, *ms_paras, lang="en")
        source_desc = E("sourceDesc", bibl, ms_desc)
        file_desc = E("fileDesc", title_stmt, publication, series, source_desc)

        return E("teiHeader", file_desc, self._encoding_desc(), self._profile_desc(),
                 self._revision_desc())

    def _encoding_desc(self) -> etree._Element:
        features = set().union(*(d.features for d in self.divisions))
        edition = self.edition
        project = E("projectDesc", E("p", f"{edition.title['en']}. This file is one document of "
                                     "the edition, self-contained: its standOff holds the "
                                     "register records of everything it names."))
        editorial: list[etree._Element] = []
        editorial.append(E("correction", E("p",
            "The witness is transcribed character for character; nothing is silently "
            "corrected. " + ("Obvious slips are kept and corrected beside them "
            "(choice: sic as written, corr as corrected, by this edition)." if "choice" in features
            else "No slip needed correcting.")), status="high"))
        editorial.append(E("normalization", E("p",
            "None: spelling, capitals (including names in capitals), punctuation and "
            "quotation marks of the witness are kept.")))
        editorial.append(E("quotation", E("p",
            "Quotation marks are kept as characters of the witness. "
            + ("A numbered proposal whose quotation the witness closes in the same paragraph "
               "is also encoded as quote; a quotation the witness leaves open is left as "
               "text and explained in a note." if "quote" in features else "")),
            marks="all"))
        editorial.append(E("hyphenation", E("p", "The witness has no end-of-line hyphenation; "
                                           "hyphens are part of the words."), eol="none"))
        editorial.append(E("segmentation", E("p",
            "Each paragraph, heading, opener and closer line of each language is an alignment "
            "unit with an xml:id (language, label, part) and a number (n). Aligned units point "
            "at each other with corresp in both directions; where the languages divide a "
            "passage differently, one unit points at several. A unit without counterpart "
            "carries ana pointing to an interpretation in standOff that says why.")))
        interp = ["Names of persons, places, organisations and events are marked by matching "
                  "the edition's registry (inflected Russian forms included) and link to the "
                  "records in standOff with ref; a pseudonym is marked type=\"pseudonym\" and "
                  "points to the person it names. Adjectives and demonyms derived from a place "
                  "name are not marked as that place."]
        if "date" in features:
            interp.append("Dates are normalised to ISO 8601 in when; day.month.year is the "
                          "witness's order; two-digit years and relative words such as "
                          "\"yesterday\" are resolved against the document's date.")
        if "measure" in features:
            interp.append("Measures give their quantity and unit.")
        editorial.append(E("interpretation", E("p", " ".join(interp))))
        interventions = []
        if "supplied" in features:
            interventions.append("Words in square brackets were supplied by the editors of "
                                 "the witness: supplied, resp pointing to them.")
        if "gap-witness" in features:
            interventions.append("Omission marks of the witness are gap reason=\"omitted\" with "
                                 "the witness's own mark in rend.")
        if "gap-edition" in features:
            interventions.append("Text missing from the copy used is marked gap by this "
                                 "edition, with a note.")
        if "note" in features:
            interventions.append("Notes of this edition are note type=\"editorial\".")
        if interventions:
            editorial.append(E("p", " ".join(interventions)))
        app = E("appInfo", E("application", E("label", "edition toolkit"), ident="edition",
                             version=__version__))
        return E("encodingDesc", project, E("editorialDecl", *editorial), app)

    def _profile_desc(self) -> etree._Element:
        doc = self.doc
        actions = []
        for action in doc.actions:
            parts: list[etree._Element] = [self._agent(p) for p in action.persons]
            if action.place:
                place = self._entity(action.place)
                parts.append(E(place.element if place.element != "name" else "placeName",
                               place.names["en"], ref=self._ref(place)))
            if action.date:
                parts.append(E("date", when=action.date))
            actions.append(E("correspAction", *parts, type_=action.type))
        context = []
        if doc.answers:
            other = self.corpus.get(doc.answers)
            if other is None:
                raise EditionError(Problem(doc.path, None, f"answers = {doc.answers!r}: no such document",
                                           "name a folder of source/documents/"))
            context.append(E("ref", "Answers: " + other.title["en"], type_="prev",
                             target=f"{other.id}.xml"))
        for reply in doc.answered_by:
            other = self.corpus[reply]
            context.append(E("ref", "Answered by: " + other.title["en"], type_="next",
                             target=f"{other.id}.xml"))
        corresp = E("correspDesc", *actions, E("correspContext", *context) if context else None)
        languages = E("langUsage", *(E("language", LANGUAGE_NAMES.get(lang, lang), ident=lang)
                                     for lang in doc.languages))
        summary = doc.witness.get("summary")
        abstract = E("abstract", E("p", summary), resp=f"#{RESP_WITNESS}", lang="en") if summary else None
        keywords = None
        if doc.keywords:
            keywords = E("textClass", *(E("keywords", *(E("term", t) for t in terms), lang=lang)
                                        for lang, terms in sorted(doc.keywords.items())))
        creation = E("creation", E("date", when=doc.date.isoformat()))
        return E("profileDesc", creation, languages, abstract, keywords, corresp)

    def _revision_desc(self) -> etree._Element:
        return E("revisionDesc", *(E("change", c.what, when=c.when, who=f"#{RESP_EDITION}")
                                   for c in self.doc.changes))

    # --- standOff -----------------------------------------------------------------------
    def _standoff(self) -> etree._Element:
        used: set[str] = set().union(*(d.used for d in self.divisions))
        used |= self.doc.entity_ids()
        for entity_id in sorted(used):
            self._entity(entity_id)
        standoff = E("standOff")
        if self.used_interps:
            standoff.append(E("interpGrp", *(E("interp", ALIGN_INTERPS[k][1], id=ALIGN_INTERPS[k][0])
                                              for k in sorted(self.used_interps)),
                              type_="alignment", lang="en"))
        standoff.extend(record_lists(self.registry.entities[i] for i in sorted(used)))
        return standoff


def record(entity: Entity) -> etree._Element:
    """The register record of one entity, as it stands in every file that names it."""
    el = E(RECORD_ELEMENTS[entity.kind], id=entity.id)
    idnos = [E("idno", a.uri or a.id, type_=a.type) for a in entity.authorities]
    if entity.kind == "event":
        for idno in idnos:
            el.append(idno)
        for lang in _langs(entity.names):
            el.append(E("label", entity.names[lang], type_="preferred", lang=lang))
    else:
        name_tag = NAME_IN_RECORD[entity.kind]
        if entity.kind == "place" and entity.element == "geogName":
            name_tag = "geogName"
        for lang in _langs(entity.names):
            el.append(E(name_tag, entity.names[lang], type_="preferred", lang=lang))
        for pseudonym in entity.pseudonyms:
            for lang in _langs(pseudonym.names):
                el.append(E(name_tag, pseudonym.names[lang], type_="pseudonym", lang=lang))
        if entity.kind != "place":  # TEI wants a place's idno after its notes, others' here
            el.extend(idnos)
        if entity.kind == "person":
            if entity.birth:
                el.append(E("birth", when=entity.birth))
            if entity.death:
                el.append(E("death", when=entity.death))
        if entity.coordinates:
            lat, lon = entity.coordinates
            el.append(E("location", E("geo", f"{lat} {lon}")))
    for lang in _langs(entity.description):
        el.append(E("note", entity.description[lang], type_="description", lang=lang))
    sources = [f"{a.type} {a.id}: {a.verified}" for a in entity.authorities]
    if entity.dates_source:
        sources.append(f"life dates: {entity.dates_source}")
    if entity.coordinates_source:
        sources.append(f"coordinates: {entity.coordinates_source}")
    for pseudonym in entity.pseudonyms:
        if pseudonym.note:
            el.append(E("note", pseudonym.note, type_="pseudonym", lang="en"))
    if sources:
        el.append(E("note", "Verified: " + "; ".join(sources) + ".", type_="sources", lang="en"))
    if entity.kind == "place":
        el.extend(idnos)
    return el


def record_lists(entities: Iterable[Entity]) -> list[etree._Element]:
    """listPerson, listPlace, listOrg, listEvent (those not empty) holding the records, in
    the order of the given entities: one shape for the registers file and every standOff."""
    by_kind: dict[str, list[Entity]] = {}
    for entity in entities:
        by_kind.setdefault(entity.kind, []).append(entity)
    return [E(LIST_ELEMENTS[kind], *(record(e) for e in by_kind[kind]))
            for kind in ("person", "place", "org", "event") if by_kind.get(kind)]


def build_registers(registry: Registry, edition: EditionMeta) -> etree._ElementTree:
    """The edition's canonical registers: one TEI file (teiHeader and standOff, no text)
    holding every record of the registry. Each document's standOff copies the records it
    names from the same :func:`record`, so the two never disagree."""
    title = edition.title["en"]
    header = E("teiHeader",
               E("fileDesc",
                 E("titleStmt", E("title", f"{title}: registers of persons, places, "
                                  "organisations and events", type_="main", lang="en"),
                   E("respStmt", E("resp", "Compiled and encoded by"), E("name", edition.encoder),
                     id=RESP_EDITION)),
                 E("publicationStmt", E("publisher", edition.publisher),
                   E("idno", REGISTERS_ID, type_="edition"),
                   E("availability", E("licence", edition.licence, target=edition.licence_url))),
                 E("seriesStmt", E("title", title, lang="en")),
                 E("sourceDesc", E("p", "Born digital: compiled by the editors from the "
                                   "edition's registry. Each record says where its authority "
                                   "identifiers, life dates and coordinates were verified; "
                                   "what is not given there is unknown to the edition.",
                                   lang="en"))),
               E("encodingDesc", E("projectDesc", E("p", f"{title}. The canonical registers of "
                                   "the edition: every document's standOff holds copies of the "
                                   "records it names, with the same xml:id.", lang="en")),
                 E("appInfo", E("application", E("label", "edition toolkit"), ident="edition",
                                version=__version__))),
               E("profileDesc", E("langUsage", *(E("language", LANGUAGE_NAMES.get(lang, lang),
                                                   ident=lang)
                                                 for lang in _registry_languages(registry)))))
    root = E("TEI", header, E("standOff", *record_lists(registry.entities.values())),
             lang="en")
    return etree.ElementTree(root)


def _registry_languages(registry: Registry) -> list[str]:
    langs: set[str] = set()
    for entity in registry.entities.values():
        langs.update(entity.names, entity.description)
        for pseudonym in entity.pseudonyms:
            langs.update(pseudonym.names)
    return _langs(dict.fromkeys(langs, ""))


def _langs(values: dict[str, str]) -> list[str]:
    return sorted(values, key=lambda lang: (lang != "en", lang))


def _leading_number(nodes: list[Inline]) -> str | None:
    if nodes and isinstance(nodes[0], Text):
        digits = ""
        for ch in nodes[0].value:
            if not ch.isdigit():
                break
            digits += ch
        return digits or None
    return None


def build_document(doc: DocumentMeta, texts: dict[str, Transcription], registry: Registry,
                   edition: EditionMeta, corpus: dict[str, DocumentMeta]) -> etree._ElementTree:
    return Builder(doc, texts, registry, edition, corpus).build()


# Elements whose content is text: indentation inside them would add characters to the
# text, so the indenter leaves them exactly as built.
TEXT_ELEMENTS = {"p", "head", "seg", "salute", "dateline", "signed", "note", "quote", "title",
                 "resp", "name", "persName", "placeName", "orgName", "geogName", "label",
                 "term", "licence", "change", "interp", "date", "publisher", "msName", "idno",
                 "repository", "geo"}


def _indent(el: etree._Element, level: int = 0) -> None:
    if etree.QName(el).localname in TEXT_ELEMENTS or not len(el):
        return
    if el.text and el.text.strip():
        return  # mixed content: leave it alone
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


def serialize(tree: etree._ElementTree) -> bytes:
    root = tree.getroot()
    _indent(root)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + etree.tostring(tree, encoding="UTF-8", xml_declaration=False) + b"\n")


def iter_names(tree: etree._ElementTree) -> Iterable[etree._Element]:
    return tree.iter(*(f"{{{TEI_NS}}}{t}" for t in ("persName", "placeName", "orgName",
                                                     "geogName", "name")))
