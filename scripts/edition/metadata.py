"""Load and check a document's metadata.toml and the edition's edition.toml.

The fields of both files are declared in :mod:`edition.metaschema`; this module checks a
file against them, then reads it into the typed records below (the rest of the toolkit
never sees the TOML)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import metaschema
from .errors import EditionError, Problem
from .metaschema import EDITOR_ROLES, LANG_RE, WHEN_RE
from .sourcefiles import document_id_problem, read_toml

DOC_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
__all__ = ["DOC_ID_RE", "LANG_RE", "WHEN_RE", "load_document", "load_edition", "DocumentMeta",
           "EditionMeta", "Editor", "Witness", "Archival", "ArchivalNumber", "ArchivalReference"]


@dataclass(frozen=True)
class Action:
    """One correspondence action (sent, received, transmitted)."""

    type: str
    persons: tuple[str, ...]
    place: str | None
    date: str | None


@dataclass(frozen=True)
class Responsibility:
    what: str
    who: str  # a free name, or "edition" for this edition's editors


@dataclass(frozen=True)
class Change:
    when: str
    what: str


@dataclass(frozen=True)
class Witness:
    """The publisher's record the texts come from; every string verbatim, "" = unknown."""

    publisher: str
    title: str
    date: str = ""
    url: str = ""
    record_id: str = ""
    summary: str = ""
    rights: str = ""
    citation: str = ""
    translator: str = ""
    first_published: str = ""
    unknown: tuple[str, ...] = ()
    note: str = ""
    iiif_manifest: str = ""  # a IIIF manifest of the page images, published elsewhere


@dataclass(frozen=True)
class ArchivalNumber:
    value: str
    where: str  # heading | trailer | title | catalogue | other
    note: str = ""


@dataclass(frozen=True)
class ArchivalReference:
    repository: str = ""
    collection: str = ""
    idno: str = ""
    note: str = ""

    def as_written(self) -> str:
        return ", ".join(p for p in (self.repository, self.collection, self.idno) if p)


@dataclass(frozen=True)
class Archival:
    kind: str = ""
    number: str = ""          # the edition's choice; "" none
    number_reason: str = ""
    number_cert: str = ""     # "" not in doubt; high, medium, low (TEI @cert)
    numbers: tuple[ArchivalNumber, ...] = ()
    references: tuple[ArchivalReference, ...] = ()
    note: str = ""

    @property
    def conflicting(self) -> bool:
        return len({n.value for n in self.numbers}) > 1


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    path: Path
    date: dt.date | None      # None: the date of writing is unknown
    languages: tuple[str, ...]
    original: str             # "" unknown; not in languages: the document is a translation only
    title: dict[str, str]
    witness: Witness
    archival: Archival
    actions: tuple[Action, ...]
    keywords: dict[str, tuple[str, ...]]
    responsibility: tuple[Responsibility, ...]
    changes: tuple[Change, ...]
    answers: str | None = None
    answered_by: tuple[str, ...] = field(default=())
    headnote: dict[str, str] = field(default_factory=dict)

    @property
    def translation_only(self) -> bool:
        """No original-language text is present (or its language is unknown)."""
        return self.original not in self.languages

    def entity_ids(self) -> set[str]:
        ids = set()
        for action in self.actions:
            ids.update(action.persons)
            if action.place:
                ids.add(action.place)
        return ids


@dataclass(frozen=True)
class Editor:
    name: str
    role: str   # a key of metaschema.EDITOR_ROLES
    orcid: str = ""

    @property
    def role_label(self) -> str:
        return EDITOR_ROLES[self.role]

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid.removeprefix('https://orcid.org/')}" if self.orcid else ""


# Addresses reserved for examples (RFC 2606, RFC 6761) or that cannot be public: they
# stand for "not yet known", and a publishing build refuses them as it refuses an empty
# base_url. (.test, reserved for testing, is left usable: the test suite publishes there.)
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")
PLACEHOLDER_TLDS = ("example", "invalid", "localhost")


@dataclass(frozen=True)
class EditionMeta:
    path: Path
    title: dict[str, str]
    short_title: str
    base_url: str             # "" when the public address is not yet known
    publisher: str
    licence: str
    licence_url: str
    editors: tuple[Editor, ...] = ()
    # Whom to write to about the edition's data (the CMIF editor's e-mail); optional.
    contact_email: str | None = None
    # Publish draft register records (proposed by `edition import`, unconfirmed) as such;
    # without it the build refuses while drafts remain (docs/registry.md).
    allow_drafts: bool = False
    # The page images in the PDFs: "none", "thumbnails" or "pages" (docs/facsimile.md).
    pdf_facsimile: str = "none"

    @property
    def publishable(self) -> bool:
        """A real public address is set (a publishing build needs one)."""
        return bool(self.base_url) and not is_placeholder_url(self.base_url)

    @property
    def encoder(self) -> str:
        """Who answers for the encoding: the editors by name, else the publisher."""
        return "; ".join(e.name for e in self.editors_by_role()) or self.publisher

    def editors_by_role(self) -> tuple[Editor, ...]:
        """The editors once each, general editors first, then in file order."""
        order = list(EDITOR_ROLES)
        seen: dict[str, Editor] = {}
        for editor in sorted(self.editors, key=lambda e: order.index(e.role)):
            seen.setdefault(editor.name, editor)
        return tuple(seen.values())


def is_placeholder_url(url: str) -> bool:
    """True for an address that can only be an example (example.org, *.invalid, localhost)."""
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/", 1)[0].split(":", 1)[0]
    return (host in PLACEHOLDER_TLDS or host.rsplit(".", 1)[-1] in PLACEHOLDER_TLDS
            or any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS))


EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


def _load_toml(path: Path) -> tuple[dict[str, Any], str]:
    return read_toml(path)


def _line_of(text: str, key: str) -> int | None:
    # [ \t]*, not \s*: white space before a key must not reach back over blank lines
    pattern = re.compile(rf"^[ \t]*(\[+[ \t]*{re.escape(key)}[ \t]*\]+|{re.escape(key)}[ \t]*=)", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def line_of_key(path: Path, key: str) -> int | None:
    """The line a key or table is written on in a settings file (None if it is not)."""
    try:
        return _line_of(path.read_text(encoding="utf-8"), key)
    except (OSError, UnicodeDecodeError):
        return None


def _line_at(text: str, keys: tuple[str, ...]) -> int | None:
    """The line of a nested key: after its table's header where the file has one
    (``[archival]``, ``[[archival.numbers]]``), else wherever the dotted key is written."""
    start = 0
    for depth in range(len(keys) - 1, 0, -1):
        table = re.escape(".".join(keys[:depth]))
        header = re.search(rf"^[ \t]*\[+[ \t]*{table}[ \t]*\]+", text, re.M)
        if header:
            start = header.start()
            break
    last = re.escape(keys[-1])
    # [ \t]*, not \s*: white space before a key must not reach back over blank lines
    found = re.compile(rf"^[ \t]*(\[+[ \t]*[\w.]*{last}[ \t]*\]+|[\w.]*\b{last}[ \t]*=)", re.M).search(
        text, start)
    if not found:
        return _line_of(text, keys[0]) if len(keys) > 1 else None
    return text.count("\n", 0, found.start()) + 1


def _check(data: dict[str, Any], fields: tuple[metaschema.Field, ...], path: Path, text: str) -> None:
    findings = metaschema.check(data, fields)
    if findings:
        raise EditionError([Problem(path, _line_at(text, f.path), f.message, f.hint) for f in findings])


def load_edition(path: Path) -> EditionMeta:
    data, text = _load_toml(path)
    if not isinstance(data.get("edition"), dict):
        raise EditionError(Problem(path, 1, "missing [edition] table", "see docs/source-format.md"))
    _check(data, metaschema.EDITION_FILE, path, text)
    section = data["edition"]
    if "en" not in section["title"]:
        raise EditionError(Problem(path, _line_of(text, "title"), "[edition] title needs en",
                                   'add title.en = "…"'))
    base = section["base_url"].strip()
    if base and not base.endswith("/"):
        raise EditionError(Problem(path, _line_of(text, "base_url"), "base_url must end with '/'",
                                   "add the trailing slash"))
    if base and not metaschema.URL_RE.match(base):
        raise EditionError(Problem(path, _line_of(text, "base_url"),
                                   f"base_url {base!r} is not an http(s) address",
                                   'write the public address, e.g. "https://host/edition/", or ""'))
    email = section.get("contact_email")
    if email is not None and not EMAIL_RE.match(email):
        raise EditionError(Problem(path, _line_of(text, "contact_email"),
                                   f"contact_email {email!r} is not an e-mail address",
                                   'write it as name@host.org, or leave the line out'))
    editors = tuple(Editor(e["name"].strip(), e["role"], e.get("orcid", "").strip())
                    for e in section.get("editors", ()))
    for editor in editors:
        if not editor.name:
            raise EditionError(Problem(path, _line_of(text, "edition.editors"), "an editor without a name",
                                       "write the name as it is to be cited, or remove the entry"))
    return EditionMeta(path, dict(section["title"]), section["short_title"], base,
                       section["publisher"], section["licence"], section["licence_url"],
                       editors, email, section.get("allow_drafts", False),
                       section.get("pdf_facsimile") or "none")


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _archival(data: dict[str, Any], path: Path, text: str) -> Archival:
    numbers = tuple(ArchivalNumber(str(n["value"]).strip(), n["where"], n.get("note", ""))
                    for n in data.get("numbers", ()))
    references = tuple(ArchivalReference(r.get("repository", ""), r.get("collection", ""),
                                         r.get("idno", ""), r.get("note", ""))
                       for r in data.get("references", ()))
    for ref in references:
        if not ref.as_written():
            raise EditionError(Problem(path, _line_at(text, ("archival", "references")),
                                       "an [[archival.references]] entry with nothing in it",
                                       "write repository, collection and idno as the record gives them, "
                                       "or remove the entry"))
    archival = Archival(data.get("kind", ""), str(data.get("number", "")).strip(),
                        data.get("number_reason", ""), data.get("number_cert", ""), numbers,
                        references, data.get("note", ""))
    values = {n.value for n in numbers}
    if archival.number and numbers and archival.number not in values:
        raise EditionError(Problem(path, _line_at(text, ("archival", "number")),
                                   f"number {archival.number!r} is none of the numbers the document "
                                   f"carries ({', '.join(sorted(values))})",
                                   "choose one of the [[archival.numbers]] values, or add the number "
                                   "there with where it stands"))
    if archival.number and archival.conflicting and not archival.number_reason.strip():
        raise EditionError(Problem(path, _line_at(text, ("archival", "number")),
                                   "the numbers conflict and the choice has no reason",
                                   "add number_reason = \"…\": the evidence for the number chosen"))
    return archival


def load_document(folder: Path) -> DocumentMeta:
    path = folder / "metadata.toml"
    doc_id = folder.name
    wrong = document_id_problem(doc_id)
    if wrong is not None:
        raise EditionError(Problem(folder, None, wrong,
                                   "rename the folder, e.g. 1950-01-31-sender-to-addressee"))
    data, text = _load_toml(path)
    _check(data, metaschema.DOCUMENT, path, text)

    raw_date = data["date"]
    written: dt.date | None = None
    if raw_date != "":
        try:
            written = raw_date if isinstance(raw_date, dt.date) else dt.date.fromisoformat(raw_date)
        except ValueError as err:
            raise EditionError(Problem(path, _line_of(text, "date"), f"date {raw_date!r} does not exist",
                                       "write the date of writing as YYYY-MM-DD, or \"\" if unknown"
                                       )) from err
    languages = tuple(data["languages"])
    if not languages:
        raise EditionError(Problem(path, _line_of(text, "languages"), "no languages",
                                   'list the languages present, e.g. ["ru", "en"]'))
    original = data["original"]
    if original and not LANG_RE.match(original):
        raise EditionError(Problem(path, _line_of(text, "original"), f"bad language code {original!r}",
                                   "an ISO 639 code such as \"ru\", or \"\" if unknown"))
    title = data["title"]
    if "en" not in title:
        raise EditionError(Problem(path, _line_of(text, "title"), "title needs an English title (en)",
                                   "add en = \"…\" under [title]"))
    raw_witness = data["witness"]
    witness = Witness(**{k: (tuple(v) if k == "unknown" else v) for k, v in raw_witness.items()})
    archival = _archival(data.get("archival", {}), path, text)
    actions = []
    for kind in ("sent", "transmitted", "received"):
        if kind in data:
            section = data[kind]
            when = section.get("date")
            actions.append(Action(kind, _strings(section.get("persons")), section.get("place"),
                                  str(when) if when is not None else None))
    keywords = {lang: _strings(terms) for lang, terms in data.get("keywords", {}).items()}
    responsibility = tuple(Responsibility(r["what"], r["who"]) for r in data.get("responsibility", ()))
    changes = tuple(Change(str(c["when"]), c["what"]) for c in data["change"])
    if not changes:
        raise EditionError(Problem(path, None, "no [[change]] entry: the TEI revisionDesc needs one",
                                   'add [[change]] with when = "YYYY-MM-DD" and what = "Transcribed '
                                   'and encoded."'))
    return DocumentMeta(doc_id, path, written, languages, original, dict(title), witness,
                        archival, tuple(actions), keywords, responsibility, changes,
                        data.get("answers"), headnote=dict(data.get("headnote", {})))
