"""What a registry file may hold: the files and the kind of record each holds, the TEI
element of each kind, the fields of each kind, and the patterns of ids, language codes,
dates and Wikidata ids (docs/registry.md)."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["person", "place", "org", "event"]

#: registry file name -> kind of the records it holds
FILES: dict[str, Kind] = {
    "persons.toml": "person",
    "places.toml": "place",
    "orgs.toml": "org",
    "events.toml": "event",
}

#: the TEI element a mention of each kind is encoded with (docs/tei-conventions.md)
DEFAULT_ELEMENT: dict[Kind, str] = {
    "person": "persName",
    "place": "placeName",
    "org": "orgName",
    # TEI P5 4.3.0 has no eventName: events are <name type="event">.
    "event": "name",
}
PLACE_ELEMENTS = ("placeName", "geogName")

REQUIRED_LANGUAGES = ("en", "ru")

ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
# Registry ids share the xml:id space of a TEI file with language divisions ({lang}),
# alignment units and notes ({lang}-…), responsibilities and interpretations. Bare
# language codes and the resp-/align- prefixes are reserved here; so is "{lang}-" for
# every language the registry names things in (ru-, en-: the languages of the
# divisions), checked once all files are read. A two-letter word of another language
# stays usable (a two-letter family name); a clash with a unit of one document is the
# encoder's check.
RESERVED_ID = re.compile(r"^(?:[a-z]{2,3}$|resp-|align-)")
LANG_PATTERN = re.compile(r"[a-z]{2,3}")
ISO_DATE = re.compile(r"-?\d{4}-\d{2}-\d{2}")
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")

COMMON_FIELDS = {"name", "match", "description", "description_source", "authority", "status", "sort",
                 "backtranslated", "native"}
#: the values of a record's ``status``: "draft" is a record ``edition import`` proposed and
#: no editor has confirmed yet; a confirmed record has no status.
STATUSES = ("draft",)
KIND_FIELDS: dict[Kind, set[str]] = {
    "person": COMMON_FIELDS | {"pseudonyms", "birth", "death", "dates_source", "family", "given",
                               "office", "identification"},
    "place": COMMON_FIELDS | {"coordinates", "coordinates_source", "element"},
    "org": set(COMMON_FIELDS),
    "event": set(COMMON_FIELDS),
}
AUTHORITY_FIELDS = {"type", "id", "uri", "verified"}
PSEUDONYM_NOTE = "note"
