"""Reading the files editors write: TOML (metadata.toml, edition.toml, registry) and
texts (transcriptions, witnesses), before any field of them is looked at.

Every way a file can be unreadable is a problem at line and column: missing, not UTF-8
(the byte is named), a byte-order mark in TOML, a character XML cannot carry (a NUL, a
control character, U+FFFE), a TOML syntax error, nesting past any real need. What the
fields must be is declared once, in :mod:`edition.metaschema` (documents and settings)
and the registry's record checker (:mod:`edition.registry.check`); document ids are checked
here (length, characters, names the edition uses for its own files).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .errors import EditionError, Problem

# Characters XML 1.0 cannot carry (C0 controls but tab, newline, return; surrogates;
# U+FFFE, U+FFFF), and the C1 controls, which it may carry but no text of an edition means.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_ID = 64         # characters in an id (document folder, registry record)
MAX_DEPTH = 8       # tables and arrays inside one another in a TOML file


def depth(value: Any, level: int = 0) -> int:
    """How deep tables and lists nest in a parsed TOML value (stops counting past MAX_DEPTH)."""
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((depth(v, level + 1) for v in value), default=level + 1)
    return level


class KeyLines:
    """The line of each key of a TOML text (tomllib gives none once the text parsed):
    ``title.en``, ``witness.url``, ``change[1].what``. A key not written on a line of its
    own (inside an inline table or a multi-line array) gets its nearest written parent's."""

    def __init__(self, text: str) -> None:
        self.found: dict[str, int] = {}
        counts: dict[str, int] = {}
        table = ""
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), 1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            stripped = line.strip()
            header = re.match(r"(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$", stripped)
            if header and not re.match(r"[\w.\"' -]+=", stripped):
                name = ".".join(_key_parts(header.group(2)))
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    table = f"{name}[{index}]"
                else:
                    table = _indexed(name, counts)
                self.found.setdefault(table, number)
                continue
            assignment = re.match(r"((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|"
                                  r"[A-Za-z0-9_-]+))*)\s*=(.*)$", stripped)
            if assignment:
                key = ".".join(_key_parts(assignment.group(1)))
                full = f"{table}.{key}" if table else key
                self.found.setdefault(full, number)
                rest = assignment.group(2)
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_string = quote

    def line(self, key: str) -> int | None:
        while key:
            if key in self.found:
                return self.found[key]
            key = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", key) if re.search(r"(\.[^.\[]*|\[\d+\])$", key) \
                else ""
        return None


def _key_parts(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", text)]


def _indexed(name: str, counts: dict[str, int]) -> str:
    """``[change.sub]`` after ``[[change]]`` belongs to the last change."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        head = ".".join(parts[:i])
        if head in counts:
            return f"{head}[{counts[head] - 1}]" + ("." + ".".join(parts[i:]) if parts[i:] else "")
    return name


# ----------------------------------------------------------------------------------- ids

# Names the site, the TEI folder or the PDFs already use: a document so named would
# overwrite or collide with them (tei/registers.xml, index.html, edition.pdf, …).
RESERVED_DOCUMENT_IDS = frozenset({
    "registers", "edition", "index", "search", "about", "persons", "places", "orgs", "events",
    "documents", "data", "assets", "pdf", "tei", "text", "iiif", "sitemap", "site", "build", "source",
})
DOCUMENT_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def document_id_problem(doc_id: str) -> str | None:
    """What is wrong with a document id (a folder name), or None."""
    if not DOCUMENT_ID_RE.match(doc_id):
        return (f"bad document id {doc_id[:80]!r}: use lower-case letters, digits and '-', "
                "starting with a letter or digit")
    if len(doc_id) > MAX_ID:
        return f"the document id is {len(doc_id)} characters long; at most {MAX_ID} are allowed"
    if doc_id in RESERVED_DOCUMENT_IDS:
        return f"{doc_id!r} cannot be a document id: the edition uses the name for its own files"
    return None


# ------------------------------------------------------------------------------ reading

def _utf8(path: Path, raw: bytes) -> str:
    """The file's bytes as UTF-8, or a problem at the line and column of the first byte
    that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise EditionError(Problem(path, line, f"the file is not UTF-8 (byte 0x{raw[err.start]:02X} "
                                               "cannot be read)",
                                   "save it as UTF-8 (e.g. from Latin-1 or Windows-1252: "
                                   "iconv -f latin1 -t utf-8)", column=column)) from None


def _xml_characters(path: Path, text: str, detail: str, hint: str) -> None:
    """A problem at the first character XML cannot carry, if there is one."""
    bad = NOT_XML.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise EditionError(Problem(path, line, f"the character U+{ord(bad.group()):04X} cannot be "
                                               f"carried by XML{detail}", hint, column=column))


def read_text(path: Path) -> str:
    """A text file an editor wrote (a transcription, a witness): UTF-8, and only characters
    XML can carry; otherwise a problem at line and column. A leading BOM is dropped."""
    raw = path.read_bytes()
    text = _utf8(path, raw).removeprefix("\ufeff")
    _xml_characters(path, text, " (a control character or a non-character)",
                    "remove it (most editors do not show it: retype the word)")
    return text


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file an editor wrote; every way it can be unreadable is a problem at
    line and column: missing, not UTF-8, a byte-order mark, a character XML cannot carry,
    the TOML syntax."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EditionError(Problem(path, None, "file not found", "create it (see docs/)")) from None
    except IsADirectoryError:
        raise EditionError(Problem(path, None, "a folder where a TOML file is expected",
                                   "rename the folder")) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise EditionError(Problem(path, 1, "the file starts with a byte-order mark (BOM)",
                                   "save it as UTF-8 without BOM (most editors: 'UTF-8', not "
                                   "'UTF-8 with BOM')", column=1))
    text = _utf8(path, raw)
    _xml_characters(path, text, "", "remove it")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        raise EditionError(Problem(path, int(match.group(1)) if match else None,
                                   f"TOML syntax error: {message}",
                                   "fix the syntax (strings in double quotes, one key a line; "
                                   "see docs/source-format.md)",
                                   column=int(match.group(2)) if match else None)) from None
    except RecursionError:
        raise EditionError(Problem(path, None, "the file nests too deeply to read",
                                   f"at most {MAX_DEPTH} tables or lists inside one another")) from None
    if depth(data) > MAX_DEPTH:
        raise EditionError(Problem(path, None, f"tables and lists nest more than {MAX_DEPTH} deep",
                                   "no field of the edition's files nests so deep: see "
                                   "docs/source-format.md for the fields"))
    return data, text


