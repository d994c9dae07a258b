"""Register records: the standOff of a document (the records it names and the alignment
interpretations it uses) and the record of one entity, shared with the registers file."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from ..registry import Entity
from .state import BuildState
from .xml import (
    ALIGN_INTERPS,
    LANGUAGE_NAMES,
    LIST_ELEMENTS,
    NAME_IN_RECORD,
    RECORD_ELEMENTS,
    RESP_EDITION,
    E,
    draft_attrs,
)


class StandoffBuilder(BuildState):
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
    """The register record of one entity, as it stands in every file that names it.

    Every fact carries ``@source`` pointing to the record's list of sources (a
    ``note type="sources"`` holding one ``bibl`` per source, URLs as ``ref``); names the
    edition wrote itself carry ``@resp`` of the edition; a probable identification is a
    ``persName type="identification"`` with ``@cert``, and its reasoning a note."""
    sources = _Sources(entity.id)
    el = E(RECORD_ELEMENTS[entity.kind], id=entity.id, sortKey=sort_key(entity.sort_key),
           **draft_attrs(entity.draft))
    idnos = [E("idno", a.uri or a.id, type_=a.type, source=sources.ref(a.verified))
             for a in entity.authorities]
    if entity.kind == "event":
        for idno in idnos:
            el.append(idno)
        for lang in _langs(entity.names):
            el.append(E("label", entity.names[lang], type_="preferred", lang=lang,
                        **_edition_name(entity, lang)))
    else:
        name_tag = NAME_IN_RECORD[entity.kind]
        if entity.kind == "place" and entity.element == "geogName":
            name_tag = "geogName"
        for lang in _langs(entity.names):
            el.append(_preferred(entity, name_tag, lang))
        for native in entity.native:
            el.append(E(name_tag, native.text, type_="original", lang=native.lang,
                        source=sources.ref(native.source)))
        for pseudonym in entity.pseudonyms:
            for lang in _langs(pseudonym.names):
                el.append(E(name_tag, pseudonym.names[lang], type_="pseudonym", lang=lang))
        ident = entity.identification
        if ident is not None:
            for lang in _langs(ident.names):
                el.append(E(name_tag, ident.names[lang], type_="identification", lang=lang,
                            cert=ident.cert, resp=f"#{RESP_EDITION}", source=sources.ref(ident.source)))
        if entity.kind != "place":  # TEI wants a place's idno after its notes, others' here
            el.extend(idnos)
        if entity.kind == "person":
            if entity.birth:
                el.append(E("birth", when=entity.birth, source=sources.ref(entity.dates_source)))
            if entity.death:
                el.append(E("death", when=entity.death, source=sources.ref(entity.dates_source)))
            for office in entity.offices:
                for lang in _langs(office.title):
                    el.append(E("occupation", office.title[lang], type_="office", lang=lang,
                                from_=office.start or None, to=office.end or None,
                                when=office.when or None, source=sources.ref(office.source)))
        if entity.coordinates:
            lat, lon = entity.coordinates
            el.append(E("location", E("geo", f"{lat} {lon}"), source=sources.ref(entity.coordinates_source)))
    described = sources.ref(entity.description_source)
    for lang in _langs(entity.description):
        el.append(E("note", entity.description[lang], type_="description", lang=lang, source=described))
    if entity.identification is not None:
        ident = entity.identification
        el.append(E("note", ident.reasoning, type_="identification", lang="en", cert=ident.cert,
                    resp=f"#{RESP_EDITION}", source=sources.ref(ident.source)))
    for pseudonym in entity.pseudonyms:
        if pseudonym.note:
            el.append(E("note", pseudonym.note, type_="pseudonym", lang="en"))
    for lang in entity.backtranslated:
        el.append(E("note", f"The {LANGUAGE_NAMES.get(lang, lang)} name is this edition's own "
                    "translation: no source of the edition writes it.", type_="name", lang="en",
                    resp=f"#{RESP_EDITION}"))
    if sources.bibls:
        el.append(E("note", E("listBibl", *sources.bibls), type_="sources", lang="en"))
    if entity.kind == "place":
        el.extend(idnos)
    return el


def sort_key(key: str) -> str | None:
    """A sort key as TEI writes it (one word): lower case, spaces as underscores."""
    word = re.sub(r"\s+", "_", key.strip().lower())
    return word or None


class _Sources:
    """The sources of one record, each listed once, with the ids the facts point to."""

    def __init__(self, entity_id: str):
        self.entity_id = entity_id
        self.ids: dict[str, str] = {}
        self.bibls: list[etree._Element] = []

    def ref(self, text: str | None) -> str | None:
        if not text:
            return None
        if text not in self.ids:
            self.ids[text] = f"{self.entity_id}-src-{len(self.ids) + 1}"
            self.bibls.append(E("bibl", *_linked(text), id=self.ids[text]))
        return f"#{self.ids[text]}"


URL = re.compile(r"https?://[^\s;]*[^\s;,.)]")


def _linked(text: str) -> list[object]:
    """A source as text with its addresses as ``ref`` elements a reader can follow."""
    parts: list[object] = []
    pos = 0
    for match in URL.finditer(text):
        parts.append(text[pos:match.start()])
        parts.append(E("ref", match.group(0), target=match.group(0)))
        pos = match.end()
    parts.append(text[pos:])
    return [p for p in parts if p != ""]


def _edition_name(entity: Entity, lang: str) -> dict[str, str]:
    return {"resp": f"#{RESP_EDITION}"} if lang in entity.backtranslated else {}


def _preferred(entity: Entity, tag: str, lang: str) -> etree._Element:
    """The preferred name; in English with its parts (surname, forename) in the order the
    name is written, where the record gives them."""
    name = entity.names[lang]
    parts = entity.parts
    el = E(tag, type_="preferred", lang=lang, **_edition_name(entity, lang))
    if tag == "persName" and lang == "en" and parts.family and parts.given:
        family, given = E("surname", parts.family), E("forename", parts.given)
        if name == f"{parts.family} {parts.given}":
            el.extend([family, given])
        else:
            el.extend([given, family])
        el[0].tail = " "
    else:
        el.text = name
    return el


def record_lists(entities: Iterable[Entity]) -> list[etree._Element]:
    """listPerson, listPlace, listOrg, listEvent (those not empty) holding the records, in
    the order of the given entities: one shape for the registers file and every standOff."""
    by_kind: dict[str, list[Entity]] = {}
    for entity in entities:
        by_kind.setdefault(entity.kind, []).append(entity)
    return [E(LIST_ELEMENTS[kind], *(record(e) for e in by_kind[kind]))
            for kind in ("person", "place", "org", "event") if by_kind.get(kind)]


def _langs(values: dict[str, str]) -> list[str]:
    return sorted(values, key=lambda lang: (lang != "en", lang))


