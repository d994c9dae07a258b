"""What the parts of one document's TEI share while it is built: the sources, the registry,
and what the text has used so far (names, kinds of intervention, alignment interpretations)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import EditionError, Problem
from ..markup import Block, Transcription
from ..metadata import DocumentMeta, EditionMeta
from ..registry import Entity, Registry
from .xml import E


@dataclass
class _Division:
    lang: str
    transcription: Transcription
    note_count: int = 0
    corrections: int = 0                              # {sic …|…} made by this edition
    used: set[str] = field(default_factory=set)      # registry ids mentioned
    features: set[str] = field(default_factory=set)  # kinds of intervention used


class BuildState:
    """The sources of one document and what building its text has collected."""

    def __init__(self, doc: DocumentMeta, texts: dict[str, Transcription], registry: Registry,
                 edition: EditionMeta, corpus: Mapping[str, DocumentMeta]):
        self.doc, self.texts, self.registry, self.edition, self.corpus = (
            doc, texts, registry, edition, corpus)
        self.divisions = [_Division(lang, texts[lang]) for lang in doc.languages]
        self.used_interps: set[str] = set()
        # alignment key -> language -> the units carrying it (filled by the text check)
        self.groups: dict[str, dict[str, list[Block]]] = {}
        # Each unit's visible number, its alignment row's (TextBuilder._row_numbers).
        self.rows: dict[int, int] = {}

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
        return E(tag, self.registry.name(entity.id, "en"), ref=self._ref(entity))

