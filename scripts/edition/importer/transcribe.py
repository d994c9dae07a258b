"""Write the transcription files: one block line per unit, with alignment labels made from
the aligner's links, the run-on marks of cut lines, and the markup the witness needs.

Labels say what a unit is, so that the permalinks read well: ``salute``, ``p3``,
``point2`` (a numbered point), ``point2c1`` (the first paragraph commenting it),
``list2point1`` (a point of a second list), ``h1`` (a heading line), ``copies``,
``received`` (a routing line), ``signed``, ``enddate`` (a date after the signature). A
link that joins several units of one side numbers them (``p7.1``, ``p7.2``); a unit
without counterpart carries the link's flag (``unaligned`` or ``lost``). The editor
changes the alignment by changing the labels (docs/adding-a-document.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..markup import ESCAPABLE
from ..scriptcheck import Finding, mixed_scripts
from .align import LOW_CONFIDENCE, Link
from .segment import ROUTING, ROUTING_RE, Segment

_NON_LABEL = re.compile(r"[^a-z0-9]")


@dataclass
class Placed:
    """A unit's place in the alignment: its label, flags and the link it belongs to."""

    label: str | None
    flags: tuple[str, ...] = ()
    link: Link | None = None


@dataclass(frozen=True)
class Correction:
    """A reading the importer recorded with {sic …|…}: a word in the wrong script."""

    line: int
    word: str
    reading: str
    message: str


def place_units(sides: Sequence[Sequence[Segment]], links: Sequence[Link]) -> list[list[Placed]]:
    """Labels and flags for every unit of the (one or two) sides, from the links in text order."""
    placed: list[list[Placed]] = [[Placed(None) for _ in side] for side in sides]
    used: set[str] = set()
    counters: dict[str, int] = {}
    last_item: list[str] = ["", ""]
    comments: dict[str, int] = {}

    def unique(name: str) -> str:
        candidate, k = name, 1
        while candidate in used:
            k += 1
            candidate = f"{name}{k}"
        used.add(candidate)
        return candidate

    def count(kind: str) -> int:
        counters[kind] = counters.get(kind, 0) + 1
        return counters[kind]

    for link in links:
        members = [(0, i) for i in link.original] + [(1, i) for i in link.translation]
        if not members:
            continue
        if link.flag == "skipped":
            continue
        side, index = members[0]
        first = sides[side][index]
        family = first.family
        if family == "head":
            name = f"h{count('head')}"
        elif family == "seg":
            name = _NON_LABEL.sub("", first.kind.split(".", 1)[1]) or "seg"
        elif family == "dateline":
            routing = ROUTING_RE.match(first.text.strip())
            signed_at = next((k for k, seg in enumerate(sides[side]) if seg.kind == "signed"), None)
            name = ROUTING[routing["word"].lower()] if routing else \
                "enddate" if signed_at is not None and index > signed_at else "dateline"
        elif family in ("salute", "signed"):
            name = family
        elif family == "item":
            name = f"point{first.point}" if first.list_no <= 1 else f"list{first.list_no}point{first.point}"
            last_item[side] = name
        elif family == "itemp" and last_item[side]:
            item = last_item[side]
            comments[item] = comments.get(item, 0) + 1
            name = f"{item}c{comments[item]}"
        else:
            name = f"p{count('p')}"
        label = unique(name)
        for s, group in ((0, link.original), (1, link.translation)):
            if s >= len(sides):
                continue
            flags = (link.flag,) if link.flag in ("unaligned", "lost") and len(sides) > 1 else ()
            for part, i in enumerate(group, start=1):
                placed[s][i] = Placed(label if len(group) == 1 else f"{label}.{part}", flags, link)
    return placed


def escape_witness(text: str, readings: dict[int, tuple[int, str]] | None = None) -> str:
    """Witness text as transcription text: markup characters escaped, except the archive's
    own brackets ([Stalin], […]) which the format reads as supplement and omission.
    ``readings`` maps a start position to (end, reading): that stretch is written
    {sic as written|reading}."""
    keep = _balanced_brackets(text)
    readings = readings or {}
    out = []
    i = 0
    while i < len(text):
        if i in readings:
            end, reading = readings[i]
            out.append(f"{{sic {text[i:end]}|{reading}}}")
            i = end
            continue
        ch = text[i]
        out.append("\\" + ch if ch in ESCAPABLE and not (ch in "[]" and i in keep) else ch)
        i += 1
    return "".join(out)


def _balanced_brackets(text: str) -> set[int]:
    """Positions of '[' and ']' that pair up around some text."""
    keep: set[int] = set()
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "[":
            stack.append(i)
        elif ch == "]" and stack:
            start = stack.pop()
            if text[start + 1:i].strip():
                keep.update((start, i))
    return keep


@functools.lru_cache(maxsize=4096)
def script_findings(text: str, lang: str) -> tuple[Finding, ...]:
    """The wrong-script words of a unit (asked twice per unit: for the text and the report)."""
    return tuple(mixed_scripts(text, lang))


def with_corrections(text: str, lang: str, line: int, corrections: list[Correction]) -> str:
    """The escaped text, with each word in the wrong script recorded as {sic word|reading}:
    the witness keeps the word, the reading is the edition's (the encoder refuses mixed
    scripts that carry no reading)."""
    readings: dict[int, tuple[int, str]] = {}
    pos = 0
    for f in script_findings(text, lang):
        if not f.reading or f.reading == f.word or f.start < pos \
                or any(ch in ESCAPABLE for ch in text[f.start:f.end] + f.reading):
            continue
        readings[f.start] = (f.end, f.reading)
        corrections.append(Correction(line, f.word, f.reading, f.message))
        pos = f.end
    return escape_witness(text, readings)


def transcription_text(segments: Sequence[Segment], placed: Sequence[Placed], lang: str, *,
                       header: Sequence[str], truncated: bool,
                       corrections: list[Correction]) -> str:
    """The transcription file of one language."""
    lines = [f"# {h}" for h in header]
    lines.append("")
    previous = ""
    last_text = max((k for k, s in enumerate(segments) if s.kind != "gap"), default=-1)
    for k, (seg, where) in enumerate(zip(segments, placed, strict=True)):
        link = where.link
        if link is not None and link.confidence < LOW_CONFIDENCE:
            evidence = "; ".join(link.signals) or "no evidence"
            lines.append(f"# review: alignment confidence {link.confidence:.2f} ({evidence})")
        text = with_corrections(seg.text, lang, seg.line, corrections)
        if truncated and k == last_text:
            # the copy breaks off here: the edition says so (an omission it marks itself)
            text += "{gap incomplete-witness}"
        if seg.runs_on:
            text += "\\"
        if seg.kind == "gap":
            lines.append(f"gap | {text}")
            previous = "gap"
            continue
        kind = seg.kind
        indent = ""
        if kind == "itemp":
            if previous in ("item", "itemp"):
                kind, indent = "p", "  "
            else:
                kind = "p"
        head = " ".join([kind, f"@{where.label}", *where.flags])
        lines.append(f"{indent}{head} | {text}")
        previous = seg.kind
    return "\n".join(lines) + "\n"
