"""Register records: the standOff of a document (the records it names and the alignment
interpretations it uses) and the record of one entity, shared with the registers file."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from ..registry import Entity
from .state import BuildState
from .xml import ALIGN_INTERPS, LIST_ELEMENTS, NAME_IN_RECORD, RECORD_ELEMENTS, E, draft_attrs


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
    """The register record of one entity, as it stands in every file that names it."""
    el = E(RECORD_ELEMENTS[entity.kind], id=entity.id, **draft_attrs(entity.draft))
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


def _langs(values: dict[str, str]) -> list[str]:
    return sorted(values, key=lambda lang: (lang != "en", lang))


