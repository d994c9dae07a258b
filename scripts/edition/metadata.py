"""Load and check a document's metadata.toml and the edition's edition.toml."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EditionError, Problem

DOC_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
LANG_RE = re.compile(r"[a-z]{2,3}\Z")
WHEN_RE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?\Z")


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
    who: str  # a free name, or "edition" for this edition's encoder


@dataclass(frozen=True)
class Change:
    when: str
    what: str


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    path: Path
    date: dt.date
    languages: tuple[str, ...]
    original: str
    title: dict[str, str]
    witness: dict[str, Any]
    archival: dict[str, Any]
    actions: tuple[Action, ...]
    keywords: dict[str, tuple[str, ...]]
    responsibility: tuple[Responsibility, ...]
    changes: tuple[Change, ...]
    answers: str | None = None
    answered_by: tuple[str, ...] = field(default=())

    def entity_ids(self) -> set[str]:
        ids = set()
        for action in self.actions:
            ids.update(action.persons)
            if action.place:
                ids.add(action.place)
        return ids


@dataclass(frozen=True)
class EditionMeta:
    path: Path
    title: dict[str, str]
    short_title: str
    base_url: str
    encoder: str
    publisher: str
    licence: str
    licence_url: str
    # Whom to write to about the edition's data (the CMIF editor's e-mail); optional.
    contact_email: str | None = None
    # Publish draft register records (proposed by `edition import`, unconfirmed) as such;
    # without it the build refuses while drafts remain (docs/registry.md).
    allow_drafts: bool = False


EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


def _load_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise EditionError(Problem(path, None, "file not found", "create it (see docs/)")) from err
    except UnicodeDecodeError as err:
        raise EditionError(Problem(path, None, "the file is not UTF-8", "save it as UTF-8")) from err
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        if line is None:
            match = re.search(r"line (\d+)", str(err))
            line = int(match.group(1)) if match else None
        raise EditionError(Problem(path, line, f"TOML syntax: {err}",
                                   "fix the syntax (strings in double quotes, one key a line)")) from err


def _line_of(text: str, key: str) -> int | None:
    # [ \t]*, not \s*: white space before a key must not reach back over blank lines
    pattern = re.compile(rf"^[ \t]*(\[+[ \t]*{re.escape(key)}[ \t]*\]+|{re.escape(key)}[ \t]*=)", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _check_keys(data: dict[str, Any], allowed: set[str], path: Path, text: str, where: str) -> None:
    for key in data:
        if key not in allowed:
            raise EditionError(Problem(path, _line_of(text, key), f"unknown field {key!r}{where}",
                                       f"allowed: {', '.join(sorted(allowed))}"))


def load_edition(path: Path) -> EditionMeta:
    data, text = _load_toml(path)
    section = data.get("edition")
    if not isinstance(section, dict):
        raise EditionError(Problem(path, 1, "missing [edition] table", "see docs/source-format.md"))
    required = {"title", "short_title", "base_url", "encoder", "publisher", "licence", "licence_url"}
    _check_keys(section, required | {"contact_email", "allow_drafts"}, path, text, " in [edition]")
    for key in sorted(required):
        if key not in section:
            raise EditionError(Problem(path, None, f"[edition] lacks {key!r}", "add it"))
    base = section["base_url"]
    if not base.endswith("/"):
        raise EditionError(Problem(path, _line_of(text, "base_url"), "base_url must end with '/'",
                                   "add the trailing slash"))
    email = section.get("contact_email")
    if email is not None and (not isinstance(email, str) or not EMAIL_RE.match(email)):
        raise EditionError(Problem(path, _line_of(text, "contact_email"),
                                   f"contact_email {email!r} is not an e-mail address",
                                   'write it as name@example.org, or leave the line out'))
    allow_drafts = section.get("allow_drafts", False)
    if not isinstance(allow_drafts, bool):
        raise EditionError(Problem(path, _line_of(text, "allow_drafts"),
                                   f"allow_drafts must be true or false, not {allow_drafts!r}",
                                   "write allow_drafts = true (without quotes), or leave the line out"))
    return EditionMeta(path, dict(section["title"]), section["short_title"], base,
                       section["encoder"], section["publisher"], section["licence"],
                       section["licence_url"], email, allow_drafts)


DOC_FIELDS = {"date", "languages", "original", "title", "witness", "archival", "sent",
              "received", "transmitted", "keywords", "responsibility", "change", "answers"}
WITNESS_FIELDS = {"publisher", "title", "date", "url", "summary", "rights", "unknown", "note"}
ARCHIVAL_FIELDS = {"kind", "number", "number_variants", "repository", "reference", "note"}
ACTION_FIELDS = {"persons", "place", "date"}


def load_document(folder: Path) -> DocumentMeta:
    path = folder / "metadata.toml"
    data, text = _load_toml(path)
    doc_id = folder.name
    if not DOC_ID_RE.match(doc_id):
        raise EditionError(Problem(folder, None, f"bad document id {doc_id!r}",
                                   "name the folder with lower-case letters, digits and '-'"))
    _check_keys(data, DOC_FIELDS, path, text, "")

    def need(key: str) -> Any:
        if key not in data:
            raise EditionError(Problem(path, None, f"missing field {key!r}",
                                       "see docs/source-format.md for the fields"))
        return data[key]

    raw_date = need("date")
    try:
        written = raw_date if isinstance(raw_date, dt.date) else dt.date.fromisoformat(str(raw_date))
    except ValueError as err:
        raise EditionError(Problem(path, _line_of(text, "date"), f"date {raw_date!r} is not YYYY-MM-DD",
                                   "write the date of writing as e.g. \"1950-01-31\"")) from err
    languages = tuple(need("languages"))
    for lang in languages:
        if not LANG_RE.match(lang):
            raise EditionError(Problem(path, _line_of(text, "languages"), f"bad language code {lang!r}",
                                       "use ISO 639 codes such as \"ru\", \"en\""))
    original = need("original")
    if original not in languages:
        raise EditionError(Problem(path, _line_of(text, "original"),
                                   f"original {original!r} is not among languages",
                                   "set original to the language the document was written in, "
                                   "one of languages"))
    title = need("title")
    if "en" not in title:
        raise EditionError(Problem(path, _line_of(text, "title"), "title needs an English title (en)",
                                   "add en = \"…\" under [title]"))
    witness = need("witness")
    _check_keys(witness, WITNESS_FIELDS, path, text, " in [witness]")
    archival = data.get("archival", {})
    _check_keys(archival, ARCHIVAL_FIELDS, path, text, " in [archival]")
    actions = []
    for kind in ("sent", "transmitted", "received"):
        if kind in data:
            section = data[kind]
            _check_keys(section, ACTION_FIELDS, path, text, f" in [{kind}]")
            when = section.get("date")
            if when is not None and not WHEN_RE.match(str(when)):
                raise EditionError(Problem(path, _line_of(text, kind), f"[{kind}] date {when!r} is not ISO",
                                           "write YYYY-MM-DD or YYYY-MM-DDThh:mm:ss"))
            actions.append(Action(kind, tuple(section.get("persons", ())), section.get("place"),
                                  str(when) if when is not None else None))
    for kind in ("sent", "received"):
        if kind not in data:
            raise EditionError(Problem(path, None, f"missing [{kind}] table",
                                       "name who sent and who received the letter"))
    keywords = {lang: tuple(terms) for lang, terms in data.get("keywords", {}).items()}
    responsibility = tuple(Responsibility(r["what"], r["who"]) for r in data.get("responsibility", ()))
    changes = tuple(Change(str(c["when"]), c["what"]) for c in data.get("change", ()))
    if not changes:
        raise EditionError(Problem(path, None, "no [[change]] entry: the TEI revisionDesc needs one",
                                   'add [[change]] with when = "YYYY-MM-DD" and what = "Transcribed '
                                   'and encoded."'))
    for change in changes:
        if not WHEN_RE.match(change.when):
            raise EditionError(Problem(path, _line_of(text, change.when),
                                       f"[[change]] date {change.when!r} is not ISO",
                                       "write YYYY-MM-DD"))
    answers = data.get("answers")
    return DocumentMeta(doc_id, path, written, languages, original, dict(title), dict(witness),
                        archival, tuple(actions), keywords, responsibility, changes, answers)

