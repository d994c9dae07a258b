"""Text and registry forms cut into words for matching: each word folded (case, ё as е),
its offsets, and the gaps between words reduced to what matters (one space for any white
space, one hyphen, one apostrophe)."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"\w+")
HYPHENS = "-\u2010\u2011"
APOSTROPHES = "'\u2019\u02bc"


def fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


def normalise_gap(gap: str) -> str:
    """What separates two words, reduced to what matters for matching."""
    gap = re.sub(r"\s+", " ", gap)
    for h in HYPHENS:
        gap = gap.replace(h, "-")
    for a in APOSTROPHES:
        gap = gap.replace(a, "'")
    return gap


def is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Tokens:
    """A text cut into words: folded words, their offsets, and the gaps between them."""

    words: tuple[str, ...]
    raw: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    gaps: tuple[str, ...]  # gaps[i] lies between word i-1 and word i; gaps[0] before word 0
    tail: str

    @classmethod
    def of(cls, text: str) -> Tokens:
        words, raw, starts, ends, gaps = [], [], [], [], []
        last = 0
        for m in WORD.finditer(text):
            gaps.append(normalise_gap(text[last:m.start()]))
            raw.append(m.group())
            words.append(fold(m.group()))
            starts.append(m.start())
            ends.append(m.end())
            last = m.end()
        return cls(tuple(words), tuple(raw), tuple(starts), tuple(ends), tuple(gaps),
                   normalise_gap(text[last:]))

    def gap_after(self, i: int) -> str:
        return self.gaps[i + 1] if i + 1 < len(self.words) else self.tail
