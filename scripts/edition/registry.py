"""The entity registry: persons, places, organisations and events, one TOML file per kind
in ``source/registry/``. Everything the edition says about a named entity (preferred names,
the forms the matcher looks for, life dates, authority identifiers) comes from here.

The format is documented for editors in docs/registry.md. Every problem is reported with
the file and line of the record, because editors fix the registry by hand."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import registry_facts as facts
from .errors import EditionError, Problem
from .registry_facts import Identification, NameParts, NativeName, Office
from .sourcefiles import MAX_ID, read_toml

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
    # Facts with their sources (edition.registry_facts; docs/registry.md).
    description_source: str | None = None
    offices: tuple[Office, ...] = ()
    identification: Identification | None = None
    native: tuple[NativeName, ...] = ()
    parts: NameParts = NameParts()
    sort_key: str = ""
    backtranslated: tuple[str, ...] = ()


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


# --- one file ---------------------------------------------------------------------------

class _Locator:
    """Line numbers for tables and keys: tomllib reports none once the text has parsed."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.tables: dict[str, int] = {}
        header = re.compile(r"^\s*\[\s*(?:\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9_-]+))\s*\]")
        for number, line in enumerate(self.lines, start=1):
            m = header.match(line)
            if m:
                key = m.group(1) or m.group(2) or m.group(3)
                self.tables.setdefault(key, number)

    def table(self, key: str) -> int:
        return self.tables.get(key, 1)

    def key(self, table: str, key: str) -> int:
        """Line of `key = …`, `key.sub = …` or `[[table.key]]` within the table, else the
        table's line."""
        start = self.table(table)
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*(?:\.|=)|\[\[\s*"
                             rf"{re.escape(table)}\.{re.escape(key)}\s*\]\])")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if re.match(r"^\s*\[(?!\[)", line) and not line.strip().startswith(f"[{table}."):
                break
            if pattern.match(line):
                return number
        return start


def _load_file(path: Path, kind: Kind, problems: list[Problem]) -> list[Entity]:
    try:
        data, text = read_toml(path)  # not UTF-8, a BOM, a character XML cannot carry, syntax
    except EditionError as err:
        problems.extend(err.problems)
        return []
    locate = _Locator(text)
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
        checker = _RecordChecker(path, kind, entity_id, line, locate, problems)
        entity = checker.build(record)
        if entity is not None:
            entities.append(entity)
    return entities


class _RecordChecker:
    def __init__(self, path: Path, kind: Kind, entity_id: str, line: int,
                 locate: _Locator, problems: list[Problem]):
        self.path = path
        self.kind = kind
        self.id = entity_id
        self.line = line
        self.locate = locate
        self.problems = problems
        self.ok = True

    def error(self, key: str | None, message: str, hint: str = "") -> None:
        line = self.locate.key(self.id, key) if key else self.line
        self.problems.append(Problem(self.path, line, f"[{self.id}]: {message}", hint))
        self.ok = False

    def build(self, record: dict[str, Any]) -> Entity | None:
        self._check_id()
        allowed = KIND_FIELDS[self.kind]
        for key in record:
            if key not in allowed:
                self.error(key, f"unknown field {key!r} for a {self.kind}",
                           "fields of a " + self.kind + ": " + ", ".join(sorted(allowed)))
        draft = self._status(record)
        # A draft holds what the import found: the names of the languages that name it,
        # and no description until an editor writes one.
        names = self._texts(record, "name", required=() if draft else REQUIRED_LANGUAGES)
        if draft:
            described = record.get("description")
            if isinstance(described, dict):  # description.en = "" waits for the editor
                record = {**record, "description": {k: v for k, v in described.items() if v != ""}}
            description = (self._texts(record, "description", required=())
                           if record.get("description") else {})
        else:
            description = self._texts(record, "description", required=("en",))
        forms = self._forms(record, names)
        pseudonyms = self._pseudonyms(record.get("pseudonyms"))
        birth = self._date(record, "birth")
        death = self._date(record, "death")
        dates_source = self._optional_text(record, "dates_source")
        if (birth or death) and not dates_source:
            self.error("birth" if birth else "death", "life dates without dates_source",
                       "add dates_source = \"where the dates were verified\", "
                       "or remove the dates")
        if birth and death and birth > death:
            self.error("death", f"death {death} is before birth {birth}")
        coordinates = self._coordinates(record)
        coordinates_source = self._optional_text(record, "coordinates_source")
        if coordinates and not coordinates_source:
            self.error("coordinates", "coordinates without coordinates_source",
                       "add coordinates_source = \"where they were verified\", "
                       "or remove them")
        element = self._element(record)
        authorities = self._authorities(record.get("authority"))
        report = self._report
        for key, value, what in (("dates_source", dates_source, "the life dates"),
                                 ("coordinates_source", coordinates_source, "the coordinates")):
            if value:
                facts.check_source(value, key, report, what)
        description_source = self._optional_text(record, "description_source")
        if description_source:
            facts.check_source(description_source, "description_source", report, "the description")
        parts = facts.name_parts(record, names.get("en"), report)
        native = facts.native_names(record.get("native"), report)
        offices = facts.offices(record.get("office"), report)
        identification = facts.identification(record.get("identification"), report)
        backtranslated = facts.backtranslated(record.get("backtranslated"), names, report)
        if not self.ok:
            return None
        return Entity(
            id=self.id, kind=self.kind, element=element, names=names, forms=forms,
            pseudonyms=pseudonyms, description=description, birth=birth, death=death,
            dates_source=dates_source, coordinates=coordinates,
            coordinates_source=coordinates_source, authorities=authorities,
            file=self.path, line=self.line, draft=draft,
            description_source=description_source, offices=offices,
            identification=identification, native=native, parts=parts,
            sort_key=facts.default_sort_key(self.kind, names.get("en") or next(iter(names.values()), self.id),
                                            parts),
            backtranslated=backtranslated)

    def _report(self, key: str | None, message: str, hint: str = "") -> None:
        self.error(key, message, hint)

    def _status(self, record: dict[str, Any]) -> bool:
        value = record.get("status")
        if value is None:
            return False
        if value not in STATUSES:
            self.error("status", f"bad status {value!r}",
                       'the only status is "draft" (proposed by edition import, not yet '
                       "confirmed); a confirmed record has no status line")
            return False
        return True

    def _check_id(self) -> None:
        if not ID_PATTERN.fullmatch(self.id):
            self.error(None, f"bad id {self.id!r}",
                       "ids are lower-case letters and digits in hyphen-joined parts, "
                       "starting with a letter: e.g. smith-john, lake-12")
        elif RESERVED_ID.match(self.id):
            self.error(None, f"bad id {self.id!r}: it could collide with the TEI ids of "
                       "language divisions, alignment units, notes or responsibilities",
                       "do not start an id with a two-letter part (a language code), "
                       "'resp-' or 'align-'; e.g. write 'lake-12', not 'ru-12'")

    def _texts(self, record: dict[str, Any], key: str,
               required: tuple[str, ...]) -> dict[str, str]:
        value = record.get(key)
        if value is None:
            first = required[0] if required else "en"
            self.error(None, f"missing required field {key!r}",
                       f"add {key}.{first} = \"…\""
                       + "".join(f" and {key}.{lang}" for lang in required[1:]))
            return {}
        if not isinstance(value, dict):
            self.error(key, f"{key!r} must be a table of languages",
                       f"write {key}.en = \"…\"")
            return {}
        if not value and not required:
            self.error(key, f"{key!r} has no language",
                       f"write {key}.en = \"…\" or {key}.ru = \"…\"")
            return {}
        result: dict[str, str] = {}
        for lang, text in value.items():
            if not LANG_PATTERN.fullmatch(lang):
                self.error(key, f"{key}.{lang}: {lang!r} is not a language code",
                           "use ISO 639-1 codes such as en, ru")
            elif not isinstance(text, str) or not text.strip():
                self.error(key, f"{key}.{lang} must be a non-empty string")
            else:
                result[lang] = text.strip()
        for lang in required:
            if lang not in value:
                self.error(key, f"missing required field {key}.{lang}",
                           f"add {key}.{lang} = \"…\"")
        return result

    def _forms(self, record: dict[str, Any],
               names: dict[str, str]) -> dict[str, tuple[str, ...]]:
        forms = {lang: (name,) for lang, name in names.items()}
        value = record.get("match")
        if value is None:
            return forms
        if not isinstance(value, dict):
            self.error("match", "'match' must be a table of languages",
                       "write match.en = [\"…\", \"…\"]")
            return forms
        for lang, items in value.items():
            if isinstance(items, str):
                items = [items]
            if (not LANG_PATTERN.fullmatch(lang) or not isinstance(items, list)
                    or not items or not all(isinstance(i, str) and i.strip() for i in items)):
                self.error("match", f"match.{lang} must be a non-empty list of strings",
                           f"write match.{lang} = [\"…\"]")
                continue
            forms[lang] = tuple(dict.fromkeys(i.strip() for i in items))
        return forms

    def _pseudonyms(self, value: Any) -> tuple[Pseudonym, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error("pseudonyms", "'pseudonyms' must be a list of tables",
                       "write pseudonyms = [{ en = \"…\", ru = \"…\", note = \"…\" }]")
            return ()
        result = []
        for item in value:
            if not isinstance(item, dict):
                self.error("pseudonyms", "each pseudonym must be a table",
                           "write { en = \"…\", ru = \"…\", note = \"…\" }")
                continue
            names = {}
            for lang, text in item.items():
                if lang == PSEUDONYM_NOTE:
                    continue
                if not LANG_PATTERN.fullmatch(lang) or not isinstance(text, str) \
                        or not text.strip():
                    self.error("pseudonyms", f"pseudonym field {lang!r} is not a "
                               "language with a non-empty name",
                               "keys are language codes, plus an optional note")
                    continue
                names[lang] = text.strip()
            if not names:
                self.error("pseudonyms", "a pseudonym without any name")
                continue
            note = item.get(PSEUDONYM_NOTE, "")
            if not isinstance(note, str):
                self.error("pseudonyms", "the note of a pseudonym must be a string")
                note = ""
            result.append(Pseudonym(names, note.strip()))
        return tuple(result)

    def _optional_text(self, record: dict[str, Any], key: str) -> str | None:
        value = record.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"{key!r} must be a non-empty string")
            return None
        return value.strip()

    def _date(self, record: dict[str, Any], key: str) -> str | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            # An unquoted TOML date arrives as a date object; it is just as good.
            return value.isoformat()
        if isinstance(value, str) and ISO_DATE.fullmatch(value):
            try:
                datetime.date.fromisoformat(value)
                return value
            except ValueError:
                pass
        self.error(key, f"bad date {key} = {value!r}",
                   "write an ISO date that exists, YYYY-MM-DD (e.g. 1878-12-18); "
                   "leave the field out when the date is not verified")
        return None

    def _coordinates(self, record: dict[str, Any]) -> tuple[float, float] | None:
        value = record.get("coordinates")
        if value is None:
            return None
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int | float) and not isinstance(v, bool)
                           for v in value)):
            self.error("coordinates", "coordinates must be [latitude, longitude]",
                       "write coordinates = [37.967, 126.550] (decimal degrees)")
            return None
        lat, lon = float(value[0]), float(value[1])
        if not -90 <= lat <= 90 or not -180 <= lon <= 180:
            self.error("coordinates", f"coordinates out of range: [{lat}, {lon}]",
                       "latitude is between -90 and 90, longitude between -180 and 180; "
                       "is the order [latitude, longitude]?")
            return None
        return (lat, lon)

    def _element(self, record: dict[str, Any]) -> str:
        value = record.get("element")
        if value is None:
            return DEFAULT_ELEMENT[self.kind]
        if value not in PLACE_ELEMENTS:
            self.error("element", f"bad element {value!r}",
                       "a place is encoded as placeName (default) or geogName "
                       "(geographic features such as a line of latitude)")
            return DEFAULT_ELEMENT[self.kind]
        return str(value)

    def _authorities(self, value: Any) -> tuple[Authority, ...]:
        if value is None:
            return ()
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            self.error("authority", "authority must be written as [[id.authority]] tables")
            return ()
        result = []
        for item in value:
            if not isinstance(item, dict):
                self.error("authority", "each authority must be a table")
                continue
            unknown = set(item) - AUTHORITY_FIELDS
            for key in sorted(unknown):
                self.error("authority", f"unknown authority field {key!r}",
                           "authority fields: " + ", ".join(sorted(AUTHORITY_FIELDS)))
            kind, ident = item.get("type"), item.get("id")
            verified, uri = item.get("verified"), item.get("uri")
            if not isinstance(kind, str) or not kind or not isinstance(ident, str) or not ident:
                self.error("authority", "an authority needs type and id",
                           "write type = \"wikidata\" and id = \"Q…\"")
                continue
            if not isinstance(verified, str) or not verified.strip():
                self.error("authority", f"authority {kind} {ident} without 'verified'",
                           "add verified = \"where the identifier was checked\"; an "
                           "unverified identifier must not be recorded")
                continue
            if facts.check_source(verified, "authority", self._report,
                                  f"authority {kind} {ident}: 'verified'") is None:
                continue
            if kind == "wikidata":
                if not WIKIDATA_ID.fullmatch(ident):
                    self.error("authority", f"bad Wikidata id {ident!r}",
                               "Wikidata ids are Q followed by digits, e.g. Q855")
                    continue
                canonical = f"http://www.wikidata.org/entity/{ident}"
                if uri is not None and uri != canonical:
                    self.error("authority", f"uri {uri!r} is not the Wikidata entity "
                               f"uri of {ident}", f"leave uri out (it is {canonical})")
                    continue
                uri = canonical
            elif not isinstance(uri, str) or not uri.startswith(("http://", "https://")):
                self.error("authority", f"authority {kind} {ident} needs a uri",
                           "add uri = \"https://…\" (only Wikidata uris are derived)")
                continue
            result.append(Authority(kind, ident, uri, verified.strip()))
        return tuple(result)


def all_names(entity: Entity) -> Mapping[str, tuple[str, ...]]:
    """Every form of the entity per language, pseudonyms included (for reports)."""
    result = {lang: list(forms) for lang, forms in entity.forms.items()}
    for pseudonym in entity.pseudonyms:
        for lang, name in pseudonym.names.items():
            result.setdefault(lang, []).append(name)
    return {lang: tuple(forms) for lang, forms in result.items()}
