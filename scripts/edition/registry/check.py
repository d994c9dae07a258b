"""One record of a registry file checked field by field and made an :class:`Entity`; every
problem names the record's file and the line of its field."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..metaschema import URL_RE
from . import facts
from .fields import (
    AUTHORITY_FIELDS,
    DEFAULT_ELEMENT,
    ID_PATTERN,
    ISO_DATE,
    KIND_FIELDS,
    LANG_PATTERN,
    PLACE_ELEMENTS,
    PSEUDONYM_NOTE,
    REQUIRED_LANGUAGES,
    RESERVED_ID,
    STATUSES,
    WIKIDATA_ID,
    Kind,
)
from .locate import Locator
from .records import Authority, Entity, Pseudonym


class RecordChecker:
    """One record's table: :meth:`build` gives its :class:`Entity`, or None once every
    problem of the record is reported."""

    def __init__(self, path: Path, kind: Kind, entity_id: str, line: int,
                 locate: Locator, problems: list[Problem]):
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
            elif not URL_RE.match(uri):  # a space or a bare host: not an address a link can hold
                self.error("authority", f"authority {kind} {ident}: uri {uri!r} is not a web address",
                           "write the address as the authority gives it, without spaces, e.g. "
                           "uri = \"https://viaf.org/viaf/101787139\"")
                continue
            result.append(Authority(kind, ident, uri, verified.strip()))
        return tuple(result)
