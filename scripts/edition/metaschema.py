"""The fields of the editor-written settings files, declared in one place.

``metadata.toml`` (one per document) and ``source/edition.toml`` are described here as
data: every key, its type, whether it is required, and what it means. The loaders in
:mod:`edition.metadata` check a file against these declarations (unknown keys, missing
keys, wrong types, values outside a closed list) before reading it, and any other check
(a schema export, a linter, the docs) can read the same declarations instead of
restating them. docs/source-format.md is the prose version.

Types (``Field.type``):

- ``string``: a one-line string; ``""`` means unknown where ``Field.empty`` allows it;
- ``text``: a string that may span lines (a rights statement, a summary);
- ``date``: ``YYYY-MM-DD`` (a TOML date is accepted too);
- ``when``: ``YYYY-MM-DD`` or ``YYYY-MM-DDThh:mm:ss``;
- ``lang``: an ISO 639 code; ``langs``: a list of them;
- ``strings``: a list of strings; ``id``/``ids``: registry ids;
- ``bool``: true or false (no quotes);
- ``url``: an absolute http(s) address; ``orcid``: an ORCID iD ``0000-0000-0000-000X``;
- ``by-lang``: a table of strings keyed by language code (``[title] en = "…"``);
- ``by-lang-list``: a table of string lists keyed by language code (``[keywords]``);
- ``table``: a sub-table with its own ``fields``; ``tables``: an array of such tables.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .sourcefiles import NOT_XML


@dataclass(frozen=True)
class Field:
    key: str
    type: str
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    # Replaced keys: the loader refuses them with this hint instead of "unknown field".
    replaced_by: str = ""


LANG_RE = re.compile(r"[a-z]{2,3}\Z")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
WHEN_RE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?\Z")
URL_RE = re.compile(r"https?://[^\s/]+\.[^\s/]+(/\S*)?\Z")
ORCID_RE = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]\Z")

# Where a number the document carries stands on it (docs/source-format.md).
NUMBER_PLACES = ("heading", "trailer", "title", "catalogue", "other")
# Roles of the edition's editors, and how the pages name them.
EDITOR_ROLES = {
    "general-editor": "General editor",
    "transcription": "Transcription",
    "translation-review": "Translation review",
    "encoding": "Encoding",
}

WITNESS = (
    Field("publisher", "string", True, "the publisher of the copy transcribed, as it names itself"),
    Field("title", "string", True, "the publisher's title of the record, verbatim"),
    Field("date", "string", False, "the publisher's date, verbatim"),
    Field("url", "url", False, "the publisher's record URL; \"\" = unknown"),
    Field("record_id", "string", False, "the publisher's record id; \"\" = unknown"),
    Field("summary", "text", False, "the publisher's summary, verbatim; \"\" = none/unknown"),
    Field("rights", "text", False, "the publisher's rights statement, verbatim; \"\" = unknown"),
    Field("citation", "text", False, "the publisher's citation line, verbatim"),
    Field("translator", "string", False, "the translator, as the record names them"),
    Field("first_published", "text", False,
          "bibliographic reference of the first publication of the text, where known"),
    Field("unknown", "strings", False, "labels of the record whose values were empty or missing"),
    Field("note", "text", False, "the editor's note on the copy"),
    Field("iiif_manifest", "url", False,
          "the URL of a IIIF manifest of the copy's page images, where its publisher has one "
          "(instead of, or besides, images in witness/pages/); \"\" = none"),
)

ARCHIVAL_NUMBER = (
    Field("value", "string", True, "the number as written"),
    Field("where", "string", True, "where it stands on the document", choices=NUMBER_PLACES),
    Field("note", "text", False, "e.g. an interpretation of the number, given as such"),
)

ARCHIVAL_REFERENCE = (
    Field("repository", "string", False, "the holding archive, as written (e.g. an acronym)"),
    Field("collection", "string", False, "fond, opis, delo … as written"),
    Field("idno", "string", False, "the item: leaves, pages … as written"),
    Field("note", "text", False, ""),
)

ARCHIVAL = (
    Field("kind", "string", False, "what the document is: letter, ciphered telegram …"),
    Field("number", "string", False, "the edition's choice among the numbers; \"\" = none"),
    Field("number_reason", "text", False, "why that number (evidence), required when numbers conflict"),
    Field("number_cert", "string", False, "how sure the choice is; \"\" = not in doubt",
          choices=("", "high", "medium", "low")),
    Field("numbers", "tables", False, "every number the document carries", fields=ARCHIVAL_NUMBER),
    Field("references", "tables", False, "archival references, each as written",
          fields=ARCHIVAL_REFERENCE),
    Field("note", "text", False, ""),
    Field("number_variants", "strings", replaced_by=(
        "write each number as [[archival.numbers]] with value and where "
        "(heading, trailer, title, catalogue, other)")),
    Field("repository", "string", replaced_by=(
        "write the reference as [[archival.references]] with repository, collection, idno")),
    Field("reference", "string", replaced_by=(
        "write the reference as [[archival.references]] with repository, collection, idno")),
)

ACTION = (
    Field("persons", "ids", False, "registry ids"),
    Field("place", "id", False, "a registry id of a place"),
    Field("date", "when", False, "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss"),
)

DOCUMENT = (
    Field("date", "date", True, "date of writing, ISO; \"\" if unknown"),
    Field("languages", "langs", True, "the languages present, one <lang>.txt each"),
    Field("original", "string", True,
          "language of the original; \"\" = unknown; not in languages = translation only"),
    Field("answers", "id", False, "the document this one replies to"),
    Field("title", "by-lang", True, "the edition's title of the document; en required"),
    Field("headnote", "by-lang", False, "the editor's few sentences of context, from sourced facts"),
    Field("witness", "table", True, "the publisher's record the texts come from", fields=WITNESS),
    Field("archival", "table", False, "the archival original, as far as known", fields=ARCHIVAL),
    Field("sent", "table", True, "", fields=ACTION),
    Field("received", "table", True, "", fields=ACTION),
    Field("transmitted", "table", False, "", fields=ACTION),
    Field("keywords", "by-lang-list", False, "subject terms per language"),
    Field("responsibility", "tables", False, "who did what", fields=(
        Field("what", "string", True), Field("who", "string", True,
                                               "a name, or \"edition\" for this edition's editors"))),
    Field("change", "tables", True, "the revision history", fields=(
        Field("when", "date", True), Field("what", "text", True))),
)

EDITOR = (
    Field("name", "string", True, "the editor's name as it is to be cited"),
    Field("role", "string", True, "what the editor did", choices=tuple(EDITOR_ROLES)),
    Field("orcid", "orcid", False, "ORCID iD, 0000-0000-0000-000X"),
)

EDITION = (
    Field("title", "by-lang", True, "the edition's title; en required"),
    Field("short_title", "string", True, ""),
    Field("base_url", "string", True,
          "the public address the site is published at, ending in '/'; \"\" = not yet known "
          "(only `edition build --draft` then builds)"),
    Field("publisher", "string", True, "who publishes the edition"),
    Field("licence", "string", True, "licence of the encoding, notes and registers"),
    Field("licence_url", "url", True, ""),
    Field("contact_email", "string", False, "whom to write to about the data"),
    Field("allow_drafts", "bool", False,
          "publish draft register records as such (else the build refuses while drafts remain)"),
    Field("editors", "tables", False, "the edition's editors, each with a role", fields=EDITOR),
    Field("pdf_facsimile", "string", False,
          "the page images in the PDFs, after each document's text: \"none\" (the default), "
          "\"thumbnails\" (four to a page) or \"pages\" (one to a page, at print resolution)",
          choices=("", "none", "thumbnails", "pages")),
    Field("encoder", "string", replaced_by=(
        "name the editors as [[edition.editors]] with name, role (general-editor, transcription, "
        "translation-review, encoding) and optional orcid")),
)

EDITION_FILE = (Field("edition", "table", True, "", fields=EDITION),)


def _strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings_in(v)]
    return []


def _type_ok(value: Any, kind: str) -> str | None:
    """None if ``value`` fits ``kind``, else what was expected, in the editor's words."""
    if kind not in ("table", "tables"):  # a table's own fields are checked one by one
        for text in _strings_in(value):
            bad = NOT_XML.search(text)
            if bad:
                return (f"text XML can carry: it holds the character U+{ord(bad.group()):04X} "
                        f"at position {bad.start() + 1} (invisible in most editors; retype it)")
    if kind in ("string", "id", "text", "url", "orcid"):
        if not isinstance(value, str):
            return "a string in double quotes"
        if kind == "string" and "\n" in value:
            return "one line"
        if kind == "url" and value and not URL_RE.match(value):
            return "an http(s) address, or \"\""
        if kind == "orcid" and value and not ORCID_RE.match(value.removeprefix("https://orcid.org/")):
            return "an ORCID iD such as 0000-0002-1825-0097"
        return None
    if kind == "bool":
        return None if isinstance(value, bool) else "true or false (without quotes)"
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return None
        if isinstance(value, str) and (value == "" or DATE_RE.match(value)):
            return None
        return "a date YYYY-MM-DD in quotes, or \"\" if unknown"
    if kind == "when":
        if isinstance(value, (dt.date, dt.datetime)):
            return None
        ok = isinstance(value, str) and WHEN_RE.match(value)
        return None if ok else "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss"
    if kind == "lang":
        return None if isinstance(value, str) and LANG_RE.match(value) else "an ISO 639 code such as \"ru\""
    if kind in ("langs", "strings", "ids"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "a list of strings, e.g. [\"a\", \"b\"]"
        if kind == "langs" and not all(LANG_RE.match(v) for v in value):
            return "a list of ISO 639 codes such as [\"ru\", \"en\"]"
        if kind == "langs" and len(set(value)) != len(value):
            return "a list naming each language once, e.g. [\"ru\", \"en\"]"
        return None
    if kind == "by-lang":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return "a table of strings by language (en = \"…\")"
        return None if all(LANG_RE.match(k) for k in value) else "language codes as keys"
    if kind == "by-lang-list":
        if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(i, str) for i in v) for v in value.values()):
            return "a table of string lists by language (en = [\"…\"])"
        return None if all(LANG_RE.match(k) for k in value) else "language codes as keys"
    if kind == "table":
        return None if isinstance(value, dict) else "a [table]"
    if kind == "tables":
        return None if isinstance(value, list) and all(isinstance(v, dict) for v in value) \
            else "an array of tables, [[…]]"
    raise ValueError(f"unknown field type {kind!r}")


@dataclass(frozen=True)
class Finding:
    """One way a settings table departs from its declaration."""

    path: tuple[str, ...]   # the keys down to the field, e.g. ("archival", "numbers", "where")
    message: str
    hint: str


def check(data: dict[str, Any], fields: tuple[Field, ...], path: tuple[str, ...] = ()) -> list[Finding]:
    """Every departure of ``data`` from ``fields``, in file order of the declarations."""
    found: list[Finding] = []
    known = {f.key: f for f in fields}
    where = f" in [{'.'.join(path)}]" if path else ""
    for key in data:
        spec = known.get(key)
        if spec is None:
            allowed = ", ".join(f.key for f in fields if not f.replaced_by)
            found.append(Finding((*path, key), f"unknown field {key!r}{where}", f"allowed: {allowed}"))
        elif spec.replaced_by:
            found.append(Finding((*path, key), f"field {key!r}{where} is no longer used",
                                 spec.replaced_by + " (docs/source-format.md)"))
    for spec in fields:
        if spec.replaced_by:
            continue
        if spec.key not in data:
            if spec.required:
                found.append(Finding((*path, spec.key), f"missing field {spec.key!r}{where}",
                                     f"add it: {spec.doc}" if spec.doc else "add it"))
            continue
        value = data[spec.key]
        expected = _type_ok(value, spec.type)
        if expected:
            found.append(Finding((*path, spec.key), f"{spec.key!r}{where} must be {expected}",
                                 f"found {value!r}"))
            continue
        if spec.choices and value not in spec.choices:
            found.append(Finding((*path, spec.key), f"{spec.key!r}{where} is {value!r}",
                                 "write one of: " + ", ".join(spec.choices)))
        if spec.type == "table":
            found.extend(check(value, spec.fields, (*path, spec.key)))
        elif spec.type == "tables":
            for item in value:
                found.extend(check(item, spec.fields, (*path, spec.key)))
    return found
