"""Running the compiled rules on documents (in this process, or a pool of forked
processes for large batches) and turning the SVRL report into findings with line and
column."""

from __future__ import annotations

import multiprocessing
import os
import xml.parsers.expat
from collections.abc import Iterator

from lxml import etree

from ..progress import note
from .confine import _CONFINED_TO, _unreadable_pointers
from .files import _Document
from .findings import SVRL_NS, Finding
from .schematron import edition_rules


def _start_positions(data: bytes) -> list[tuple[int, int]] | None:
    """(line, column) of every start tag in document order, both counted from 1.

    lxml knows only an element's line; expat also knows the column."""
    positions: list[tuple[int, int]] = []
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(_name: str, _attrs: object) -> None:
        positions.append((parser.CurrentLineNumber, parser.CurrentColumnNumber + 1))

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except (xml.parsers.expat.ExpatError, ValueError, LookupError):
        return None
    return positions


def _locate(tree: etree._ElementTree, location: str) -> etree._Element | None:
    try:
        found = tree.xpath(location)
    except (etree.XPathError, TypeError):
        return None
    if not isinstance(found, list) or not found:
        return None
    node = found[0]
    if isinstance(node, etree._Element):
        return node
    getparent = getattr(node, "getparent", None)  # an attribute value knows its element
    return getparent() if getparent else None



# Progress on stderr (edition.progress.note) for runs that take long by their size: a file
# this large takes seconds for the rules (about 1 s a MB, docs/performance.md); a run of
# this many files is announced every tenth of the way.
LARGE_FILE_BYTES = 2_000_000
MANY_FILES = 500


def is_long(documents: list[_Document]) -> bool:
    """Whether a run over these documents announces its progress."""
    return len(documents) >= MANY_FILES or any(d.size >= LARGE_FILE_BYTES for d in documents)


def _run_rules(doc: _Document, rules: etree.XSLT) -> list[Finding]:
    if doc.size >= LARGE_FILE_BYTES:
        note("validate", f"{doc.shown} ({doc.size / 1e6:.1f} MB): the edition's rules")
    tree = doc.parse()
    early = _unreadable_pointers(doc, tree)
    _CONFINED_TO.append(os.path.dirname(os.path.realpath(doc.path)))
    try:
        report = rules(tree)
    except etree.XSLTApplyError as err:
        # One document the rules cannot run on is one finding, never the end of the run.
        return [*early, Finding(doc.shown, None, None, "E-RULES", "edition",
                                f"the edition rules could not run on this file: {err}",
                                "correct the file (see the other findings), then validate again")]
    finally:
        _CONFINED_TO.pop()
    findings: list[Finding] = list(early)
    positions: list[tuple[int, int]] | None = None
    order: dict[etree._Element, int] = {}
    pattern = "E-UNKNOWN"
    for node in report.getroot():
        if not isinstance(node.tag, str):
            continue
        tag = etree.QName(node).localname
        if tag == "active-pattern":
            pattern = node.get("id") or pattern
            continue
        if tag not in ("failed-assert", "successful-report"):
            continue
        if positions is None:
            positions = _start_positions(doc.data) or []
            order = {el: i for i, el in enumerate(
                e for e in tree.iter() if isinstance(e.tag, str))}
        element = _locate(tree, node.get("location", ""))
        line: int | None = element.sourceline if element is not None else None
        column: int | None = None
        if element is not None and element in order and order[element] < len(positions):
            line, column = positions[order[element]]
        message = " ".join("".join(node.findtext(f"{{{SVRL_NS}}}text") or "").split())
        hint = " ".join(" ".join(d.itertext()).strip()
                        for d in node.iterfind(f"{{{SVRL_NS}}}diagnostic-reference"))
        hint = " ".join(hint.split())
        severity = "warning" if node.get("role") == "warning" else "error"
        findings.append(Finding(doc.shown, line, column, pattern, "edition", message, hint, severity))
    return findings


# Below this many files the rules run in this process: a pool costs more than it saves.
POOL_THRESHOLD = 40
_POOL_DOCUMENTS: list[_Document] = []


def _rules_at(index: int) -> list[Finding]:
    return _run_rules(_POOL_DOCUMENTS[index], edition_rules())


def _run_all_rules(documents: list[_Document], rules: etree.XSLT) -> list[Finding]:
    """The edition rules over every document; over a pool of forked processes (one per
    CPU) for large batches, while Jing runs beside them. The children inherit the parsed
    documents and the compiled rules, so nothing is parsed or compiled twice."""
    jobs = os.cpu_count() or 1
    if jobs < 2 or len(documents) < POOL_THRESHOLD:
        return [f for chunk in _counted((_run_rules(doc, rules) for doc in documents), len(documents))
                for f in chunk]
    global _POOL_DOCUMENTS
    _POOL_DOCUMENTS = documents
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            chunks = list(_counted(pool.imap(_rules_at, range(len(documents)),
                                             chunksize=max(1, len(documents) // (jobs * 8))),
                                   len(documents)))
    finally:
        _POOL_DOCUMENTS = []
    return [f for chunk in chunks for f in chunk]


def _counted(results: Iterator[list[Finding]], total: int) -> Iterator[list[Finding]]:
    """The results as they come, with a progress line every tenth of a run of MANY_FILES."""
    step = max(1, total // 10) if total >= MANY_FILES else 0
    for done, result in enumerate(results, 1):
        yield result
        if step and (done % step == 0 or done == total):
            note("validate", f"the edition's rules: {done:,} of {total:,} files")

