"""The registry of a project: every file of ``source/registry/`` read and checked, the
checks that span files (unique ids, ids that look like a language's TEI ids), and the
:class:`Registry` that the toolkit looks records up in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditionError, Problem
from ..sourcefiles import MAX_ID, read_toml
from .check import RecordChecker
from .fields import FILES, Kind
from .locate import Locator
from .records import Entity


@dataclass(frozen=True, eq=False)
class Registry:
    """All records of a project, by id (sorted). Compared and hashed by identity, so that
    matchers built from it can be cached per registry object."""

    folder: Path
    entities: dict[str, Entity] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Registry:
        return load_registry(folder)

    def get(self, entity_id: str) -> Entity | None:
        """The record with this id, or None (the caller knows where the id came from and
        reports it)."""
        return self.entities.get(entity_id)

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities.values())

    def __len__(self) -> int:
        return len(self.entities)

    def name(self, entity_id: str, lang: str) -> str:
        """The preferred name in ``lang``; a draft that has none in ``lang`` gives its name
        in another language rather than nothing."""
        names = self.entities[entity_id].names
        return names.get(lang) or next(iter(names.values()))

    @property
    def drafts(self) -> list[Entity]:
        """Records proposed automatically that an editor has not confirmed yet."""
        return [e for e in self.entities.values() if e.draft]


def load_registry(folder: Path) -> Registry:
    folder = Path(folder)
    if not folder.is_dir():
        raise EditionError(Problem(folder, None, "the registry folder does not exist",
                                   "create it with persons.toml, places.toml, orgs.toml "
                                   "and events.toml (see docs/registry.md)"))
    problems: list[Problem] = []
    found: dict[str, Entity] = {}
    for path in sorted(folder.glob("*.toml")):
        kind = FILES.get(path.name)
        if kind is None:
            problems.append(Problem(path, None, f"unknown registry file {path.name!r}",
                                    "registry files are " + ", ".join(FILES)))
            continue
        for entity in _load_file(path, kind, problems):
            previous = found.get(entity.id)
            if previous is not None:
                problems.append(Problem(
                    entity.file, entity.line, f"duplicate id {entity.id!r}",
                    f"it is already defined at {previous.file}:{previous.line}; "
                    "ids must be unique across all registry files"))
                continue
            found[entity.id] = entity
    problems += _language_prefixed_ids(found)
    if problems:
        raise EditionError(problems)
    return Registry(folder, dict(sorted(found.items())))


def _language_prefixed_ids(entities: dict[str, Entity]) -> list[Problem]:
    languages = {lang for e in entities.values() for lang in (*e.names, *e.forms)}
    return [Problem(e.file, e.line, f"[{e.id}]: bad id {e.id!r}: it starts with the "
                    f"language code {e.id.split('-')[0]!r} and could collide with the "
                    "TEI ids of that language's division (alignment units, notes)",
                    "choose an id that does not start with a language code and a hyphen")
            for e in entities.values()
            if "-" in e.id and e.id.split("-")[0] in languages]


def _load_file(path: Path, kind: Kind, problems: list[Problem]) -> list[Entity]:
    try:
        data, text = read_toml(path)  # not UTF-8, a BOM, a character XML cannot carry, syntax
    except EditionError as err:
        problems.extend(err.problems)
        return []
    locate = Locator(text)
    entities = []
    for entity_id, record in data.items():
        line = locate.table(entity_id)
        if not isinstance(record, dict):
            problems.append(Problem(path, line, f"{entity_id!r} is not a table",
                                    f"write each record as a table: [{entity_id}]"))
            continue
        if len(entity_id) > MAX_ID:
            problems.append(Problem(path, line, f"the id {entity_id[:40]!r}… is {len(entity_id)} "
                                    f"characters long; at most {MAX_ID} are allowed", "shorten it"))
            continue
        checker = RecordChecker(path, kind, entity_id, line, locate, problems)
        entity = checker.build(record)
        if entity is not None:
            entities.append(entity)
    return entities
