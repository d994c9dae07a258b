"""Inline markup of a block's text (brackets and braces) into inline nodes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import EditionError, Problem
from .nodes import (
    ENTITY_ID_RE,
    ESCAPABLE,
    ISO_DATE_RE,
    TYPE_RE,
    WITNESS_GAPS,
    Choice,
    DateSpan,
    Entity,
    Gap,
    Inline,
    Note,
    Supplied,
    Text,
)

# Brackets and braces inside one another: no witness needs more than a few; past this
# the line is a slip (or hostile), and the parser's recursion must not reach Python's limit.
MAX_NESTING = 32


class _Cursor:
    def __init__(self, text: str, path: Path, line: int, offset: int):
        self.text, self.pos, self.path, self.line, self.offset = text, 0, path, line, offset
        self.depth = 0

    def error(self, message: str, hint: str, at: int | None = None) -> EditionError:
        col = self.offset + (self.pos if at is None else at) + 1
        return EditionError(Problem(self.path, self.line, message, hint, column=col))


def parse_inline(text: str, path: Path | str = "<text>", line: int = 1, offset: int = 0) -> list[Inline]:
    cursor = _Cursor(text, Path(path), line, offset)
    nodes = _parse_until(cursor, closing=None)
    return nodes


def _append_text(nodes: list[Inline], value: str) -> None:
    if not value:
        return
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1].value += value
    else:
        nodes.append(Text(value))


def _parse_until(cur: _Cursor, closing: str | None) -> list[Inline]:
    if cur.depth >= MAX_NESTING:
        raise cur.error(f"brackets and braces nest more than {MAX_NESTING} deep here",
                        "close the ones you opened, or escape literal brackets as \\[ \\]")
    cur.depth += 1
    try:
        return _parse_nodes(cur, closing)
    finally:
        cur.depth -= 1


def _parse_nodes(cur: _Cursor, closing: str | None) -> list[Inline]:
    nodes: list[Inline] = []
    start = cur.pos
    text = cur.text
    while cur.pos < len(text):
        ch = text[cur.pos]
        if ch == "\\":
            if cur.pos + 1 >= len(text) or text[cur.pos + 1] not in ESCAPABLE:
                raise cur.error("a backslash must escape one of [ ] { } | \\",
                                "write \\\\ for a literal backslash")
            _append_text(nodes, text[cur.pos + 1])
            cur.pos += 2
        elif closing is not None and ch == closing:
            return nodes
        elif ch == "[":
            for mark in WITNESS_GAPS:
                if text.startswith(mark, cur.pos):
                    nodes.append(Gap(reason="omitted", rend=mark))
                    cur.pos += len(mark)
                    break
            else:
                opened = cur.pos
                cur.pos += 1
                children = _parse_until(cur, "]")
                cur.pos += 1
                if not children:
                    raise cur.error("empty brackets []", "remove them", at=opened)
                nodes.append(Supplied(children))
        elif ch == "{":
            nodes.append(_parse_brace(cur))
        elif ch in "]}":
            raise cur.error(f"'{ch}' closes nothing", f"escape a literal bracket as \\{ch}")
        else:
            # consume a run of plain characters at once
            nxt = cur.pos + 1
            while nxt < len(text) and text[nxt] not in "\\[]{}":
                nxt += 1
            _append_text(nodes, text[cur.pos:nxt])
            cur.pos = nxt
    if closing is not None:
        opening = "[" if closing == "]" else "{"
        raise cur.error(f"'{opening}' is never closed (missing '{closing}')",
                        f"close it with '{closing}', or escape a literal bracket as \\{opening}",
                        at=start - 1)
    return nodes


def _plain(cur: _Cursor, stop: str) -> str:
    """Read escaped plain text up to an unescaped character of ``stop``."""
    out = []
    text = cur.text
    while cur.pos < len(text) and text[cur.pos] not in stop:
        if text[cur.pos] == "\\":
            if cur.pos + 1 >= len(text) or text[cur.pos + 1] not in ESCAPABLE:
                raise cur.error("a backslash must escape one of [ ] { } | \\",
                                "write \\\\ for a literal backslash")
            out.append(text[cur.pos + 1])
            cur.pos += 2
        elif text[cur.pos] in "[{":
            raise cur.error(f"'{text[cur.pos]}' is not allowed here", "escape it with a backslash")
        else:
            out.append(text[cur.pos])
            cur.pos += 1
    return "".join(out)


def _parse_brace(cur: _Cursor) -> Inline:
    opened = cur.pos
    text = cur.text
    cur.pos += 1
    if text.startswith("@", cur.pos):
        match = re.compile(r"@([a-z][a-z0-9-]*) ").match(text, cur.pos)
        if not match:
            raise cur.error("'{@' needs a registry id and a space: {@id text}",
                            "write e.g. {@record-id NAME AS WRITTEN}")
        ref = match.group(1)
        if not ENTITY_ID_RE.match(ref):
            raise cur.error(f"bad registry id {ref!r}", "ids are lower-case words joined by '-'")
        cur.pos = match.end()
        children = _parse_until(cur, "}")
        cur.pos += 1
        return Entity(ref=ref, children=children)
    if text.startswith("!", cur.pos):
        cur.pos += 1
        children = _parse_until(cur, "}")
        cur.pos += 1
        return Entity(ref=None, children=children)
    match = re.compile(r"([a-z]+) ").match(text, cur.pos)
    keyword = match.group(1) if match else ""
    if keyword == "sic":
        cur.pos = match.end()
        sic = _plain(cur, "|}")
        if cur.pos >= len(text) or text[cur.pos] != "|":
            raise cur.error("{sic …} needs both readings: {sic as written|corrected}",
                            "add '|' and the corrected reading", at=opened)
        cur.pos += 1
        corr = _plain(cur, "}")
        if cur.pos >= len(text):
            raise cur.error("missing '}'", "close {sic …}", at=opened)
        cur.pos += 1
        if not sic or not corr:
            raise cur.error("{sic …} needs both readings non-empty", "write {sic a|b}", at=opened)
        return Choice(sic=sic, corr=corr)
    if keyword == "note":
        cur.pos = match.end()
        children = _parse_until(cur, "}")
        cur.pos += 1
        if not children:
            raise cur.error("empty note", "write the note's text", at=opened)
        return Note(children)
    if keyword == "gap":
        cur.pos = match.end()
        reason = _plain(cur, "}").strip()
        cur.pos += 1
        if not TYPE_RE.match(reason):
            raise cur.error(f"bad gap reason {reason!r}",
                            "one lower-case word or hyphenated words: {gap incomplete-witness}",
                            at=opened)
        return Gap(reason=reason, rend=None)
    if keyword == "date":
        cur.pos = match.end()
        m = re.compile(r"(\S+) ").match(text, cur.pos)
        if not m or not all(_valid_iso(part) for part in m.group(1).split("/", 1)) or \
                ("/" in m.group(1) and m.group(1).split("/")[0] > m.group(1).split("/")[1]):
            raise cur.error("{date …} needs an ISO date (or a period FIRST/LAST) and the text: "
                            "{date 1950-01-02 вчера}, {date 1950-01-02/1950-01-05 2–5 января}",
                            "write the date as YYYY-MM-DD (or YYYY-MM-DDThh:mm, YYYY-MM, YYYY), "
                            "a period as two such dates joined by '/'", at=opened)
        cur.pos = m.end()
        children = _parse_until(cur, "}")
        cur.pos += 1
        return DateSpan(when=m.group(1), children=children)
    raise cur.error("unknown markup after '{'",
                    "use {@id text}, {!text}, {sic a|b}, {note text}, {gap reason}, "
                    "{date ISO text}, or escape a literal brace as \\{", at=opened)


def _valid_iso(value: str) -> bool:
    if not ISO_DATE_RE.match(value):
        return False
    try:
        if len(value) == 4:
            return True
        if len(value) == 7:
            return 1 <= int(value[5:]) <= 12
        if "T" in value:
            dt.datetime.fromisoformat(value)
        else:
            dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
