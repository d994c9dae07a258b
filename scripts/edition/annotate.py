"""Add the markup an editor does not write by hand: names, dates, measures, quotations.

Runs on the parser's blocks and returns new inline trees; the witness text is
unchanged (tested: ``witness_text`` before and after is the same).

Order matters: quotations first (they only look at the block's top level), then
names, then dates and measures in the text names left over. Editorial notes are
annotated as English, the language they are written in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from .dates import DateError, find_dates
from .errors import EditionError, Problem
from .markup import (
    Block,
    Choice,
    DateSpan,
    Entity,
    Gap,
    Inline,
    Measure,
    Name,
    Note,
    Quote,
    Text,
    Transcription,
)
from .measures import find_measures
from .names import Ambiguity, Mention, find_mentions, matcher_for
from .registry import Registry

NOTE_LANG = "en"
QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"'}


class _Context:
    def __init__(self, path: Path, block: Block, registry: Registry, written: dt.date | None,
                 report: bool = False):
        self.path, self.block, self.registry, self.written = path, block, registry, written
        self.report = report
        self.problems: list[Problem] = []

    def ambiguous(self, context: str, found: Ambiguity) -> None:
        """Several records match ``context[found.start:found.end]`` alike: an error, for the
        editor settles it, not the matcher (docs/registry.md, "How matching works")."""
        text = context[found.start:found.end]
        column = self._column(context)
        if column is None or self._line()[column - 1 + found.start:column - 1 + found.end] != text:
            column = self._column(text)
        else:
            column += found.start
        records = [self.registry.entities[ref] for ref in found.refs]
        where = ", ".join(f"{e.id} ({e.file}:{e.line})" for e in records)
        self.problems.append(Problem(
            self.path, self.block.line,
            f"{text!r} matches {len(records)} register records alike, so it is linked to none: {where}",
            f"mark the mention by hand with the record meant, e.g. {{@{records[0].id} {text}}}; or, "
            "if one record should never match this text, make its match forms more specific "
            "(docs/registry.md, \"How matching works\")",
            column=column))

    def fail(self, message: str, hint: str, text: str | None = None) -> EditionError:
        """A problem at the block's line; at the column where ``text`` stands in it, if given."""
        return EditionError(Problem(self.path, self.block.line, message, hint,
                                    column=self._column(text) if text else None))

    def _line(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8").split("\n")[self.block.line - 1]
        except (OSError, IndexError, UnicodeDecodeError):
            return ""

    def _column(self, text: str) -> int | None:
        at = self._line().find(text) if text else -1
        return at + 1 if at >= 0 else None


def annotate(transcription: Transcription, registry: Registry, written: dt.date | None, *,
             report: bool = False) -> Transcription:
    """``written``: the document's date, against which dates without a year and relative
    words are resolved (None: the document is undated); ``report``: the document is an
    account of what happened, so a day without a year is the nearest one on or before
    ``written`` (see :mod:`edition.dates`)."""
    blocks = []
    problems: list[Problem] = []
    for block in transcription.blocks:
        ctx = _Context(transcription.path, block, registry, written, report)
        inlines = _wrap_quote(block.inlines) if block.kind == "item" else block.inlines
        blocks.append(replace(block, inlines=_annotate(inlines, transcription.lang, ctx, names=True)))
        problems += ctx.problems
    if problems:
        raise EditionError(problems)
    return replace(transcription, blocks=blocks)


def _mentions(text: str, lang: str, ctx: _Context) -> list[Mention]:
    """The mentions in ``text``; each stretch several records match alike is reported."""
    mentions, ambiguities = matcher_for(ctx.registry, lang).find_all(text)
    for found in ambiguities:
        ctx.ambiguous(text, found)
    return mentions


# --- quotations -----------------------------------------------------------------------

def _wrap_quote(nodes: list[Inline]) -> list[Inline]:
    """In a numbered proposal ("1. “…”."), wrap the quotation when the witness closes it
    within the line; an unclosed quotation stays plain text (the editor notes it)."""
    if not nodes or not isinstance(nodes[0], Text):
        return nodes
    first = nodes[0].value
    stripped = first.lstrip("0123456789").lstrip(".").lstrip()
    open_at = len(first) - len(stripped)
    if not stripped or stripped[0] not in QUOTE_PAIRS:
        return nodes
    opener = stripped[0]
    closer = QUOTE_PAIRS[opener]
    # Find the matching close in top-level text: nesting for paired marks, the last
    # one for straight quotes (which must then come in an even number).
    positions: list[tuple[int, int]] = []
    for index, node in enumerate(nodes):
        if isinstance(node, Text):
            start = open_at + 1 if index == 0 else 0
            positions += [(index, i) for i in range(start, len(node.value))
                          if node.value[i] in (opener, closer)]
    close: tuple[int, int] | None = None
    if opener == closer:
        if positions and len(positions) % 2 == 1:
            close = positions[-1]
    else:
        depth = 1
        for index, i in positions:
            ch = nodes[index].value[i]  # type: ignore[union-attr]
            depth += 1 if ch == opener and ch != closer else -1
            if depth == 0:
                close = (index, i)
                break
    if close is None:
        return nodes
    c_index, c_pos = close
    before = Text(first[:open_at])
    if c_index == 0:
        inner: list[Inline] = [Text(first[open_at:c_pos + 1])]
        after_text = first[c_pos + 1:]
        rest = nodes[1:]
    else:
        last = nodes[c_index]
        assert isinstance(last, Text)
        inner = [Text(first[open_at:]), *nodes[1:c_index], Text(last.value[:c_pos + 1])]
        after_text = last.value[c_pos + 1:]
        rest = nodes[c_index + 1:]
    out: list[Inline] = [before] if before.value else []
    out.append(Quote(inner))
    if after_text:
        out.append(Text(after_text))
    return out + list(rest)


# --- names, dates, measures ---------------------------------------------------------

def _annotate(nodes: list[Inline], lang: str, ctx: _Context, names: bool) -> list[Inline]:
    out: list[Inline] = []
    for index, node in enumerate(nodes):
        if names and isinstance(node, (Text, Choice)) and _in_corrected_run(nodes, index):
            if index == 0 or not isinstance(nodes[index - 1], (Text, Choice)):
                out.extend(_annotate_corrected(_run_from(nodes, index), lang, ctx))
        elif isinstance(node, Text):
            out.extend(_annotate_text(node.value, lang, ctx, names))
        elif isinstance(node, Entity):
            children = _annotate(node.children, lang, ctx, names=False)
            if node.ref is None:
                out.extend(children)
                continue
            entity = ctx.registry.entities.get(node.ref)
            if entity is None:
                raise ctx.fail(f"{{@{node.ref} …}} names no registry record",
                               "add the record to source/registry/ or correct the id")
            text = "".join(n.value for n in node.children if isinstance(n, Text))
            pseudonym = any(m.pseudonym and node.ref in m.refs
                            for m in find_mentions(text, lang, ctx.registry))
            out.append(Name(entity.element, (node.ref,), pseudonym, children))
        elif isinstance(node, Note):
            out.append(Note(_annotate(node.children, NOTE_LANG, ctx, names)))
        elif isinstance(node, (Gap, Choice, DateSpan)):
            out.append(node)
        else:  # Supplied, Quote and the other containers
            out.append(replace(node, children=_annotate(node.children, lang, ctx, names)))
    return out


def _run_from(nodes: list[Inline], index: int) -> list[Text | Choice]:
    run: list[Text | Choice] = []
    while index < len(nodes) and isinstance(nodes[index], (Text, Choice)):
        run.append(nodes[index])  # type: ignore[arg-type]
        index += 1
    return run


def _in_corrected_run(nodes: list[Inline], index: int) -> bool:
    """Whether nodes[index] belongs to a run of text and corrections holding a correction."""
    start = index
    while start > 0 and isinstance(nodes[start - 1], (Text, Choice)):
        start -= 1
    return any(isinstance(n, Choice) for n in _run_from(nodes, start))


def _annotate_corrected(run: list[Text | Choice], lang: str, ctx: _Context) -> list[Inline]:
    """Names in text holding corrections are matched on the corrected reading («{sic HAM|НАМ}
    ИР» names the record of НАМ ИР); a name covers whole corrections only, and the witness
    reading stays in the <sic>."""
    reading = "".join(n.value if isinstance(n, Text) else n.corr for n in run)
    bounds: list[tuple[int, int]] = []
    pos = 0
    for n in run:
        size = len(n.value if isinstance(n, Text) else n.corr)
        bounds.append((pos, pos + size))
        pos += size

    def cuts_choice(at: int) -> bool:
        return any(isinstance(n, Choice) and s < at < e for n, (s, e) in zip(run, bounds, strict=True))

    def piece(start: int, end: int, with_names: bool) -> list[Inline]:
        out: list[Inline] = []
        for n, (s, e) in zip(run, bounds, strict=True):
            if e <= start or s >= end:
                continue
            if isinstance(n, Choice):
                out.append(n)
            elif with_names:
                out.append(Text(n.value[max(start, s) - s:min(end, e) - s]))
            else:
                out.extend(_annotate_text(n.value[max(start, s) - s:min(end, e) - s], lang, ctx, False))
        return out

    out: list[Inline] = []
    pos = 0
    for m in _mentions(reading, lang, ctx):
        if cuts_choice(m.start) or cuts_choice(m.end):
            continue
        out.extend(piece(pos, m.start, False))
        out.append(Name(m.element, tuple(m.refs), m.pseudonym, piece(m.start, m.end, True)))
        pos = m.end
    out.extend(piece(pos, len(reading), False))
    return out


def _relative_range(bounds: tuple[int, int, str, str] | None,
                    start: int) -> tuple[int, int, str, str] | None:
    return None if bounds is None else (bounds[0] - start, bounds[1] - start, bounds[2], bounds[3])


def _annotate_text(text: str, lang: str, ctx: _Context, names: bool) -> list[Inline]:
    spans: list[tuple[int, int, Inline]] = []
    if names:
        for m in _mentions(text, lang, ctx):
            spans.append((m.start, m.end, Name(m.element, tuple(m.refs), m.pseudonym,
                                               [Text(text[m.start:m.end])])))
    try:
        # An undated document gives no reference for "yesterday" or a two-digit year: its
        # dates are left unmarked rather than resolved against a guess.
        dates = find_dates(text, ctx.written, report=ctx.report) if ctx.written else []
    except DateError as err:
        raise ctx.fail(str(err), "if the witness has this date, keep it and record the reading "
                       f"with {{sic {err.text}|…}}; if the transcription is wrong, correct it; if the "
                       "text is not a date, mark it {!…}", err.text) from err
    others: list[tuple[int, int, Inline]] = [
        (s.start, s.end, DateSpan(s.value, [Text(text[s.start:s.end])], s.attributes)) for s in dates]
    others += [(s.start, s.end, Measure(s.type, s.value, s.unit, [Text(text[s.start:s.end])],
                                        s.attributes, _relative_range(s.range, s.start)))
               for s in find_measures(text)]
    for start, end, node in sorted(others, key=lambda s: s[0]):
        if not any(start < e and s < end for s, e, _ in spans):
            spans.append((start, end, node))
    spans.sort(key=lambda s: s[0])
    out: list[Inline] = []
    pos = 0
    for start, end, node in spans:
        if start > pos:
            out.append(Text(text[pos:start]))
        out.append(node)
        pos = end
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out
