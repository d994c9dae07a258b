"""Say where in the source a problem of the TEI comes from.

The validator reports lines of a TEI file; the editor never wrote that file (and before
``edition encode`` it does not even exist). This module takes a finding on an encoded
document and points at what the editor wrote: the transcription line of the unit the
element belongs to, the registry record a standOff copy comes from, or the part of
metadata.toml the header element is made from. The TEI element is named in the message,
for those who read TEI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .errors import Problem
from .markup import Block, parse_file
from .paths import REGISTERS_ID, Project
from .registry import Registry

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Which part of metadata.toml a header element is made from (its nearest listed ancestor).
HEADER_SOURCES = {
    "correspAction": "sent", "correspDesc": "sent", "correspContext": "answers",
    "titleStmt": "title", "sourceDesc": "witness", "msDesc": "archival", "msIdentifier": "archival",
    "bibl": "witness", "revisionDesc": "change", "change": "change", "keywords": "keywords",
    "textClass": "keywords", "abstract": "witness", "langUsage": "languages", "respStmt": "responsibility",
    "publicationStmt": "", "encodingDesc": "",
}


# What the editor does about a rule's finding, in the words of docs/source-format.md and
# docs/registry.md; the rule's own hint (in TEI terms) follows for those who read TEI.
_TOOLKIT = ("the source cannot cause this: it is a fault of the toolkit; report it with this "
            "message (and run `edition check` again after updating)")
EDITOR_HINTS = {
    "E-REPLY-DATE": "check `date` (and [sent] date) in this metadata.toml and in that of the document "
                    "it answers, and whether `answers` names the right document",
    "E-DATE-VALID": "check the date written here: a {date ISO …} mark needs a real day (YYYY-MM-DD), "
                    "a metadata date likewise",
    "E-NAME-EMPTY": "a name mark needs text: write {@id the name as written}",
    "E-RECORD-NAME": "give the register record its name.en and name.ru (docs/registry.md)",
    "E-HEADER-CORRESP": "check [sent] and [received] in metadata.toml: persons = [register ids], and "
                        "a date for [sent]",
    "E-HEADER-LANGUSAGE": "check `languages` in metadata.toml: one <lang>.txt for each",
    "E-HEADER-AVAILABILITY": "check `licence` in source/edition.toml and `rights` in [witness]",
    "E-HEADER-ESSENTIALS": "check [title] and [witness] in metadata.toml (docs/source-format.md)",
    "W-DRAFT-RECORD": "confirm the draft record: check its names and facts, then remove "
                      "status = \"draft\" (docs/registry.md)",
    "E-FACS-RESOLVES": "check the page images in witness/pages/ and the page marks of the transcription",
    "E-ALIGN-COMPLETE": "check the @labels: each on both sides, or flagged unaligned/lost",
    "E-ALIGN-SYMMETRIC": _TOOLKIT, "E-ALIGN-LANGUAGE": _TOOLKIT, "E-UNIT-NUMBER": _TOOLKIT,
    "E-LIST-LABEL": _TOOLKIT,
    "E-ID-PATTERN": "check the ids: register ids and @labels are lower-case letters, digits and '-'",
    "E-TEI-SUBSET": _TOOLKIT, "E-REF-RESOLVES": "check the register ids named here ({@id …}, "
                    "persons = [...], place = \"…\"): each must be a record of source/registry/; and "
                    "`answers`: the document it names must encode too (see its own errors)",
    "E-RECORD-USED": _TOOLKIT,
}


@dataclass(frozen=True)
class Origin:
    """Where a TEI element comes from: a source file, a line there, and words for the message."""

    file: Path
    line: int | None
    what: str


def _element_at(root: etree._Element, line: int | None) -> etree._Element:
    """The element a validator line points into: the last one starting on or before it."""
    if line is None:
        return root
    found = root
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.sourceline is not None and el.sourceline <= line:
            found = el
        elif el.sourceline is not None and el.sourceline > line:
            break
    return found


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _line_in_toml(path: Path, key: str) -> int | None:
    if not key or not path.is_file():
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    match = re.search(rf"^[ \t]*(\[+[ \t]*{re.escape(key)}(\.\w+)?[ \t]*\]+|{re.escape(key)}(\.\w+)?[ \t]*=)",
                      text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None


class SourceMap:
    """Maps elements of one document's TEI to the source files of that document."""

    def __init__(self, project: Project, doc_id: str, registry: Registry | None):
        self.project, self.doc_id, self.registry = project, doc_id, registry
        self.folder = project.documents / doc_id
        self._blocks: dict[str, dict[str, Block]] = {}

    def _units(self, lang: str) -> dict[str, Block]:
        if lang not in self._blocks:
            path = self.folder / f"{lang}.txt"
            units: dict[str, Block] = {}
            try:
                for block in parse_file(path, lang).blocks:
                    if block.label:
                        units[f"{lang}-{block.key}" + (f"-{block.part}" if block.part else "")] = block
            except Exception:  # noqa: BLE001 - a file that does not parse has its own error
                pass
            self._blocks[lang] = units
        return self._blocks[lang]

    def origin(self, root: etree._Element, line: int | None) -> Origin:
        el = _element_at(root, line)
        name = f"<{_local(el)}>"
        ancestry = [el, *el.iterancestors()]
        # a register record (standOff copy in a document, or the registers file)
        for node in ancestry:
            record_id = node.get(XML_ID)
            if record_id and self.registry is not None and record_id in self.registry.entities:
                entity = self.registry.entities[record_id]
                return Origin(entity.file, entity.line, f"{name} of the register record [{record_id}]")
        # a unit of the text
        for node in ancestry:
            unit_id = node.get(XML_ID) or ""
            lang = unit_id.split("-", 1)[0]
            block = self._units(lang).get(unit_id) if lang else None
            if block is not None:
                return Origin(self.folder / f"{lang}.txt", block.line,
                              f"{name} in the line labelled @{block.label}")
        for node in ancestry:
            if _local(node) == "div" and node.get(XML_LANG):
                lang = node.get(XML_LANG)
                return Origin(self.folder / f"{lang}.txt", None, f"{name} in the {lang} text")
        # the header, made from metadata.toml (the registers file's from edition.toml)
        if self.doc_id == REGISTERS_ID:
            return Origin(self.project.edition_file, None, f"{name} of the registers file")
        metadata = self.folder / "metadata.toml"
        for node in ancestry:
            key = HEADER_SOURCES.get(_local(node))
            if key is not None:
                return Origin(metadata, _line_in_toml(metadata, key),
                              f"{name} of the header" + (f", made from [{key}]" if key else ""))
        return Origin(metadata if metadata.is_file() else self.folder, None, f"{name} of the document")

    def problem(self, root: etree._Element | None, line: int | None, column: int | None, rule: str,
                message: str, hint: str, severity: str = "error") -> Problem:
        """A validator finding, restated at its origin in the source."""
        if root is None:
            return Problem(self.folder, None, f"[{rule}] {message}", EDITOR_HINTS.get(rule, hint),
                           severity=severity)
        origin = self.origin(root, line)
        editor = EDITOR_HINTS.get(rule) or "check this line of the source against docs/source-format.md"
        return Problem(origin.file, origin.line, f"[{rule}] {message} ({origin.what})",
                       editor + (f" (in TEI terms: {hint})" if hint else ""), severity=severity)


def parse_tei(data: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
