"""Block lines: ``KIND[.TYPE] [@LABEL] [FLAG…] | TEXT`` into blocks, items checked."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import EditionError, Problem
from .inline import parse_inline
from .nodes import (
    BLOCK_KINDS,
    FLAGS,
    LABEL_RE,
    PAGE_BREAK,
    PAGE_RE,
    TYPE_RE,
    TYPED_KINDS,
    ZONE_RE,
    Block,
    Gap,
    Text,
    Transcription,
)

# --- parsing ------------------------------------------------------------------------

HEAD_RE = re.compile(r"(?P<indent>[ \t]*)(?P<head>[^|]*?)[ \t]*\|(?: (?P<text>.*)|(?P<empty>))\Z")


def parse_file(path: Path, lang: str) -> Transcription:
    """Parse one transcription file; raise EditionError naming file and line."""
    from ..sourcefiles import read_text

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
