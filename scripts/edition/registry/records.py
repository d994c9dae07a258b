"""The records of the registry as the rest of the toolkit sees them: an :class:`Entity` a
record, with its authority identifiers and pseudonyms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .facts import Identification, NameParts, NativeName, Office
from .fields import Kind


@dataclass(frozen=True)
class Authority:
    """An identifier of the entity in an authority file, with where it was verified."""

    type: str
    id: str
    uri: str
    verified: str


@dataclass(frozen=True)
class Pseudonym:
    """Another name a person is mentioned by; mentions of it are flagged as pseudonym."""

    names: dict[str, str]
    note: str = ""


@dataclass(frozen=True, eq=False)
class Entity:
    """One registry record."""

    id: str
    kind: Kind
    element: str
    names: dict[str, str]
    forms: dict[str, tuple[str, ...]]
    pseudonyms: tuple[Pseudonym, ...]
    description: dict[str, str]
    birth: str | None
    death: str | None
    dates_source: str | None
    coordinates: tuple[float, float] | None
    coordinates_source: str | None
    authorities: tuple[Authority, ...]
    file: Path
    line: int
    #: proposed automatically, not yet confirmed by an editor (``status = "draft"``)
    draft: bool = False
    # Facts with their sources (edition.registry.facts; docs/registry.md).
    description_source: str | None = None
    offices: tuple[Office, ...] = ()
    identification: Identification | None = None
    native: tuple[NativeName, ...] = ()
    parts: NameParts = NameParts()
    sort_key: str = ""
    backtranslated: tuple[str, ...] = ()



def all_names(entity: Entity) -> Mapping[str, tuple[str, ...]]:
    """Every form of the entity per language, pseudonyms included (for reports)."""
    result = {lang: list(forms) for lang, forms in entity.forms.items()}
    for pseudonym in entity.pseudonyms:
        for lang, name in pseudonym.names.items():
            result.setdefault(lang, []).append(name)
    return {lang: tuple(forms) for lang, forms in result.items()}
