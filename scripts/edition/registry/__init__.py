"""The entity registry: persons, places, organisations and events, one TOML file per kind
in ``source/registry/``. Everything the edition says about a named entity (preferred names,
the forms the matcher looks for, life dates, authority identifiers) comes from here.

The format is documented for editors in docs/registry.md. Every problem is reported with
the file and line of the record, because editors fix the registry by hand.

The package, one concern a module: :mod:`.fields` says what a registry file may hold,
:mod:`.records` are the records as the toolkit sees them, :mod:`.facts` the facts a record
asserts beyond its names, with their sources; :mod:`.locate` finds the line of a table or
key, :mod:`.check` checks one record and makes it an :class:`Entity`, :mod:`.load` reads
the folder into a :class:`Registry`."""

from .fields import FILES, ID_PATTERN, KIND_FIELDS, LANG_PATTERN, RESERVED_ID, Kind
from .load import Registry, load_registry
from .records import Authority, Entity, Pseudonym, all_names

__all__ = ["FILES", "ID_PATTERN", "KIND_FIELDS", "LANG_PATTERN", "RESERVED_ID", "Authority",
           "Entity", "Kind", "Pseudonym", "Registry", "all_names", "load_registry"]
