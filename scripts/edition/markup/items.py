"""The witness's own numbers of list items.

An ``item`` line's text begins with the number the witness gives the point ("1. “Both
sides …”"). TEI records such a number in a ``label`` before the ``item`` (the Guidelines,
the ``label`` element: "Labels may also be used to record explicitly the numbers or
letters which mark list items in ordered lists … the label element is synonymous with
the n attribute on the item element"), which keeps its characters in the text, where
``item/@n`` alone would drop them. Renderers then show the number once: the TEI
Consortium's stylesheets no longer number an ``<ol>`` whose items begin with their number.
"""

from __future__ import annotations

import re

from .nodes import Inline, Text

# A number, an upper-case Roman numeral or a single letter, closed by "." or ")", or in
# brackets; then white space (the point's text follows). Lower-case Roman numerals are
# left out: "did." or "mix." would pass for one.
ENUMERATOR_RE = re.compile(r"(\((?:\d+|[IVXLCDM]+|[^\W\d_])\)|(?:\d+(?:\.\d+)*|[IVXLCDM]+|[^\W\d_])[.)])\s+")


def split_enumerator(inlines: list[Inline]) -> tuple[str, list[Inline]] | None:
    """The witness's number at the start of an item's text and the text after it (the
    white space between them is neither's), or None when the text begins otherwise or is
    nothing but the number."""
    if not inlines or not isinstance(inlines[0], Text):
        return None
    first = inlines[0].value
    match = ENUMERATOR_RE.match(first)
    if match is None:
        return None
    rest = first[match.end():]
    after = ([Text(rest)] if rest else []) + inlines[1:]
    if not after:
        return None
    return match.group(1), after


def enumerator_value(enumerator: str) -> str:
    """The number of a label as ``item/@n`` gives it: "1." -> "1", "(a)" -> "a"."""
    return enumerator.strip("().")
