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

An ``item`` line is a numbered point: its text begins with the witness's own number of the
point (``1.``, ``2)``, ``(3)``, ``a)``, ``IV.``), which the transcription keeps like any other
witness text; the encoder puts it into the TEI's ``label`` before the ``item``
(:func:`split_enumerator`).

:func:`witness_text` undoes the markup: it gives back the witness text exactly.

The package: :mod:`.nodes` (what a parse gives), :mod:`.blocks` (block lines),
:mod:`.inline` (inline markup), :mod:`.items` (the numbers of items), :mod:`.witness`
(back to the witness text).
"""

from __future__ import annotations

from .blocks import HEAD_RE, parse_file, parse_text
from .inline import MAX_NESTING, parse_inline
from .items import ENUMERATOR_RE, enumerator_value, split_enumerator
from .nodes import (
    BLOCK_KINDS,
    CONTAINERS,
    ENTITY_ID_RE,
    ESCAPABLE,
    FLAGS,
    ISO_DATE_RE,
    LABEL_RE,
    PAGE_BREAK,
    PAGE_RE,
    TYPE_RE,
    TYPED_KINDS,
    WITNESS_GAPS,
    ZONE_RE,
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
    Supplied,
    Text,
    Transcription,
)
from .witness import escape, inline_witness, witness_lines, witness_text

__all__ = [
    "BLOCK_KINDS", "CONTAINERS", "ENTITY_ID_RE", "ENUMERATOR_RE", "ESCAPABLE", "FLAGS", "HEAD_RE",
    "ISO_DATE_RE", "LABEL_RE", "MAX_NESTING", "PAGE_BREAK", "PAGE_RE", "TYPED_KINDS", "TYPE_RE",
    "WITNESS_GAPS", "ZONE_RE", "Block", "Choice", "DateSpan", "Entity", "Gap", "Inline", "Measure",
    "Name", "Note", "Quote", "Supplied", "Text", "Transcription", "enumerator_value", "escape",
    "inline_witness", "parse_file", "parse_inline", "parse_text", "split_enumerator", "witness_lines",
    "witness_text",
]
