"""The transcription format: a line-based light markup, parsed into blocks of inline nodes.

One line is one block (a paragraph, an opener or closer line, a heading)::

    KIND[.TYPE] [@LABEL] [FLAG…] | TEXT

``KIND`` names the TEI element the block becomes (``p``, ``item``, ``head``, ``seg``,
``dateline``, ``salute``, ``signed``, ``gap``); ``@LABEL`` is the alignment label shared
with the other language's transcription (``@p3``; ``@p3.1`` and ``@p3.2`` are two parts
aligned together with ``@p3`` on the other side); flags are ``unaligned`` (the other text
has no such unit) and ``lost`` (the other text's unit is missing from its witness).
A ``p`` line indented by white space continues the ``item`` above it.
A line whose TEXT ends with a single unescaped backslash ends its unit there while the
witness line goes on in the next block: the edition's segmentation of a run-on witness
line, which removes nothing from the witness (:func:`witness_text` joins the two blocks
without a line break).

Facsimile marks (for a document with page images, docs/facsimile.md): a line
``pb | N`` says that page image N begins before the next block (it adds no text); the
word ``page=N`` before ``|`` puts one unit on page N, ``zone=N:ULX,ULY,LRX,LRY`` on a
rectangle of it (pixels of the image, from its top left corner).

Inline markup in TEXT (everything else is witness text, kept character for character)::

    [text]          a supplement the witness's editors bracketed     -> <supplied>
    […]  [...]      an omission marked in the witness                -> <gap rend="…">
    {sic A|B}       our correction: A as written, B corrected       -> <choice>
    {note text}     our editorial note at this point                 -> <note>
    {gap reason}    text missing from the witness (we mark it)        -> <gap reason>
    {@id text}      text names registry record id (forces a match)   -> persName/placeName/…
    {!text}         text names nothing (suppresses automatic names)
    {date ISO text} text is a date the recogniser misses             -> <date when>
    {date A/B text} text is a period the recogniser misses           -> <date from to>
    \\[ \\] \\{ \\} \\| \\\\   a literal markup character

:func:`witness_text` undoes the markup: it gives back the witness text exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EditionError, Problem

BLOCK_KINDS = ("gap", "head", "seg", "dateline", "salute", "p", "item", "signed")
TYPED_KINDS = ("head", "seg")
FLAGS = ("unaligned", "lost")
PAGE_BREAK = "pb"
PAGE_RE = re.compile(r"page=([1-9][0-9]*)\Z")
ZONE_RE = re.compile(r"zone=([1-9][0-9]*):([0-9]+),([0-9]+),([0-9]+),([0-9]+)\Z")
WITNESS_GAPS = ("[…]", "[...]")
ESCAPABLE = "[]{}|\\"

LABEL_RE = re.compile(r"[a-z][a-z0-9]*(?:\.[0-9]+)?\Z")
TYPE_RE = re.compile(r"[a-z][a-z0-9-]*\Z")
ENTITY_ID_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
ISO_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?\Z")


# --- inline nodes -------------------------------------------------------------------

@dataclass
class Text:
    value: str


@dataclass
class Supplied:
    children: list[Inline]


@dataclass
class Gap:
    """An omission. ``rend`` is the witness's own mark, or None for one we declare."""

    reason: str
    rend: str | None = None


@dataclass
class Choice:
    sic: str
    corr: str


@dataclass
class Note:
    children: list[Inline]


@dataclass
class Entity:
    """A name the editor marked by hand; ``ref`` None means "names nothing"."""

    ref: str | None
    children: list[Inline]


@dataclass
class DateSpan:
    """A date: ``when`` (the editor's ``{date ISO …}``), or the recogniser's TEI
    ``attributes`` (when, from/to, notBefore/notAfter, precision); neither for a date no
    reader can resolve («на днях»)."""

    when: str
    children: list[Inline]
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def tei_attributes(self) -> dict[str, str]:
        if self.attributes:
            return dict(self.attributes)
        if "/" in self.when:
            first, last = self.when.split("/")
            return {"from": first, "to": last}
        return {"when": self.when} if self.when else {}


# Produced by the annotators (names, dates, measures, quotations), never by the parser.
@dataclass
class Name:
    element: str
    refs: tuple[str, ...]
    pseudonym: bool
    children: list[Inline]


@dataclass
class Measure:
    type: str
    quantity: str
    unit: str
    children: list[Inline]
    attributes: tuple[tuple[str, str], ...] = ()   # TEI's: type, unit, quantity
    # A range («5–10 км»): where its numbers stand in the text, and its bounds (TEI <num>
    # carries atLeast/atMost; <measure> cannot).
    range: tuple[int, int, str, str] | None = None

    @property
    def tei_attributes(self) -> dict[str, str]:
        return dict(self.attributes) or {"type": self.type, "quantity": self.quantity, "unit": self.unit}


@dataclass
class Quote:
    children: list[Inline]


Inline = Text | Supplied | Gap | Choice | Note | Entity | DateSpan | Name | Measure | Quote
CONTAINERS = (Supplied, Note, Entity, DateSpan, Name, Measure, Quote)


# --- blocks -------------------------------------------------------------------------

@dataclass
class Block:
    kind: str
    line: int
    inlines: list[Inline]
    type: str | None = None
    label: str | None = None
    flags: tuple[str, ...] = ()
    continues_item: bool = False
    # The witness line goes on in the next block (the line ended with a run-on mark "\\"):
    # the unit ends here, the witness has no line break here.
    runs_on: bool = False
    page_break: int | None = None   # a `pb | N` line before this block: page N begins here
    page_break_line: int | None = None  # … and the line it is on
    page: int | None = None         # page=N / zone=N:…: the page image the unit is on
    zone: tuple[int, int, int, int] | None = None  # zone=…: ulx, uly, lrx, lry in its pixels

    @property
    def key(self) -> str | None:
        """The alignment group: the label without its part number."""
        return self.label.split(".")[0] if self.label else None

    @property
    def part(self) -> str | None:
        return self.label.split(".")[1] if self.label and "." in self.label else None


@dataclass
class Transcription:
    path: Path
    lang: str
    blocks: list[Block] = field(default_factory=list)


# --- parsing ------------------------------------------------------------------------

HEAD_RE = re.compile(r"(?P<indent>[ \t]*)(?P<head>[^|]*?)[ \t]*\|(?: (?P<text>.*)|(?P<empty>))\Z")


def parse_file(path: Path, lang: str) -> Transcription:
    """Parse one transcription file; raise EditionError naming file and line."""
    from .sourcefiles import read_text

    return parse_text(read_text(path), lang, path)


def parse_text(text: str, lang: str, path: Path | str = "<text>") -> Transcription:
    path = Path(path)
    result = Transcription(path=path, lang=lang)
    problems: list[Problem] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    page_break: tuple[int, int] | None = None  # (page, line) of a pb waiting for its block
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            if line.split("|", 1)[0].split() == [PAGE_BREAK]:
                if page_break is not None:
                    raise EditionError(Problem(path, number, f"two page beginnings in a row (line "
                                               f"{page_break[1]} and this one) with no text between",
                                               "remove one of the 'pb' lines"))
                page_break = (_page_number(line, number, path), number)
                continue
            block = _parse_block(line, number, path)
            if page_break is not None:
                block.page_break, block.page_break_line = page_break
                page_break = None
            result.blocks.append(block)
        except EditionError as err:
            problems.extend(err.problems)
    if page_break is not None:
        problems.append(Problem(path, page_break[1], "a page beginning ('pb') after the last block",
                                "a 'pb | N' line goes before the first block of page N"))
    if problems:
        raise EditionError(problems)
    if result.blocks and result.blocks[-1].runs_on:
        raise EditionError(Problem(path, result.blocks[-1].line,
                                   "the last line ends with the run-on mark '\\' but no line follows",
                                   "remove the final backslash (write \\\\ for a literal backslash)"))
    _check_items(result, path)
    return result


def _split_run_on(text: str) -> tuple[str, bool]:
    """Strip a final run-on mark: a backslash that escapes nothing (an odd run of them)."""
    trailing = len(text) - len(text.rstrip("\\"))
    if trailing % 2:
        return text[:-1], True
    return text, False


def _page_number(line: str, number: int, path: Path) -> int:
    value = line.split("|", 1)[1].strip() if "|" in line else ""
    if not value.isdigit() or int(value) < 1:
        raise EditionError(Problem(path, number,
                                   f"a page beginning needs the page's number: {line.strip()!r}",
                                   "write 'pb | N', N the number of the page image (1 for the first "
                                   "file in witness/pages/)"))
    return int(value)


def _parse_block(line: str, number: int, path: Path) -> Block:
    match = HEAD_RE.match(line)
    if not match:
        raise EditionError(Problem(
            path, number, "a block line needs 'KIND [@LABEL] | text'",
            "start the line with a kind (p, item, head, seg, dateline, salute, signed, gap), "
            "then ' | ' and the text; comment lines start with '#'"))
    words = match["head"].split()
    if not words:
        raise EditionError(Problem(path, number, "the line has no block kind before '|'",
                                   "write e.g. 'p @p1 | text'"))
    kind, _, type_ = words[0].partition(".")
    if kind not in BLOCK_KINDS:
        raise EditionError(Problem(path, number, f"unknown block kind {kind!r}",
                                   f"use one of: {', '.join(BLOCK_KINDS)}"))
    if type_ and (kind not in TYPED_KINDS or not TYPE_RE.match(type_)):
        raise EditionError(Problem(path, number, f"{words[0]!r}: a type is allowed on "
                                   f"{', '.join(TYPED_KINDS)} only, as lower-case letters",
                                   "write e.g. 'seg.copies @copies | …'"))
    label = None
    flags: list[str] = []
    page: int | None = None
    zone: tuple[int, int, int, int] | None = None
    for word in words[1:]:
        if word.startswith("@"):
            if label is not None:
                raise EditionError(Problem(path, number, "two labels on one line",
                                           "give each line one @label"))
            label = word[1:]
            if not LABEL_RE.match(label):
                raise EditionError(Problem(
                    path, number, f"bad label {word!r}",
                    "labels are lower-case letters and digits, starting with a letter, "
                    "optionally with a part number: @p3, @p3.1"))
        elif word in FLAGS:
            flags.append(word)
        elif word.startswith(("page=", "zone=")):
            if page is not None:
                raise EditionError(Problem(path, number, "two page or zone marks on one line",
                                           "give a unit one page=N or one zone=N:ulx,uly,lrx,lry"))
            page, zone = _facs_mark(word, number, path)
        else:
            raise EditionError(Problem(path, number, f"unexpected word {word!r} before '|'",
                                       f"after the kind come @label, flags ({', '.join(FLAGS)}) "
                                       "and a page=N or zone=N:ulx,uly,lrx,lry mark"))
    column_offset = match.start("text") if match["text"] is not None else len(line)
    text, runs_on = _split_run_on(match["text"] or "")
    if runs_on and not text:
        raise EditionError(Problem(path, number, "a run-on mark '\\' on a line with no text",
                                   "a unit holds some of the witness line: put its text before the '\\'"))
    inlines = parse_inline(text, path, number, column_offset)
    block = Block(kind=kind, type=type_ or None, label=label, flags=tuple(flags), line=number,
                  inlines=inlines, continues_item=bool(match["indent"]), runs_on=runs_on,
                  page=page, zone=zone)
    if kind == "gap":
        # A gap cut from a run-on line may keep the white space that follows the mark.
        rest_blank = all(isinstance(n, Text) and not n.value.strip() for n in inlines[1:])
        if label or flags or page or not (inlines and isinstance(inlines[0], Gap) and rest_blank):
            raise EditionError(Problem(path, number, "a gap line holds one omission mark and no label",
                                       "write 'gap | […]' or 'gap | {gap reason}'"))
    elif label is None:
        raise EditionError(Problem(path, number, f"the {kind} line has no alignment @label",
                                   "add a label shared with the other language, e.g. @p4"))
    if block.continues_item and kind != "p":
        raise EditionError(Problem(path, number, "only a 'p' line can be indented (to continue an item)",
                                   "remove the indentation"))
    return block


def _facs_mark(word: str, number: int, path: Path) -> tuple[int, tuple[int, int, int, int] | None]:
    if match := PAGE_RE.match(word):
        return int(match[1]), None
    if match := ZONE_RE.match(word):
        ulx, uly, lrx, lry = (int(match[i]) for i in range(2, 6))
        if lrx > ulx and lry > uly:
            return int(match[1]), (ulx, uly, lrx, lry)
        raise EditionError(Problem(path, number, f"{word!r}: the zone's lower right corner must be "
                                   "right of and below its upper left one",
                                   "write zone=PAGE:ULX,ULY,LRX,LRY, e.g. zone=2:100,340,1100,520"))
    raise EditionError(Problem(path, number, f"bad page mark {word!r}",
                               "write page=N (N counts the page images from 1) or "
                               "zone=N:ULX,ULY,LRX,LRY in pixels of that image"))


def _check_items(transcription: Transcription, path: Path) -> None:
    previous: Block | None = None
    for block in transcription.blocks:
        if block.continues_item and (previous is None or previous.kind not in ("item", "p")
                                     or (previous.kind == "p" and not previous.continues_item)):
            raise EditionError(Problem(path, block.line, "an indented paragraph must follow an item",
                                       "indent only paragraphs that belong to the numbered item above"))
        previous = block


# --- inline parsing -----------------------------------------------------------------

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


# --- back to the witness ------------------------------------------------------------

def inline_witness(nodes: list[Inline]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, Supplied):
            out.append("[" + inline_witness(node.children) + "]")
        elif isinstance(node, Gap):
            out.append(node.rend or "")
        elif isinstance(node, Choice):
            out.append(node.sic)
        elif isinstance(node, Note):
            continue
        else:
            out.append(inline_witness(node.children))
    return "".join(out)


def witness_text(transcription: Transcription) -> str:
    """The witness text the transcription encodes: markup removed, one block a line, except
    that a block which runs on (ends with the run-on mark) continues on the same line."""
    return "".join(inline_witness(block.inlines) + ("" if block.runs_on else "\n")
                   for block in transcription.blocks)


def witness_lines(transcription: Transcription) -> list[list[Block]]:
    """The blocks of each witness line, in order (one block, or several cut from a run-on line)."""
    lines: list[list[Block]] = []
    current: list[Block] = []
    for block in transcription.blocks:
        current.append(block)
        if not block.runs_on:
            lines.append(current)
            current = []
    if current:
        lines.append(current)
    return lines


def escape(text: str) -> str:
    """Escape witness text so that it parses back to itself."""
    return "".join("\\" + ch if ch in ESCAPABLE else ch for ch in text)
