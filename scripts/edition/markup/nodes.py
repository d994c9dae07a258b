"""The parsed transcription: its inline nodes, its blocks and the format's fixed vocabularies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

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
