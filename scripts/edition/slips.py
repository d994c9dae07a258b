"""Probable slips in a Russian transcription: words the dictionary does not know that are
two known words run together («Сприветом» for «С приветом») or one letter away from a
known word.

The findings are listed for the editor with a suggested reading; nothing is corrected.
The editor decides, and records a correction with ``{sic as written|corrected}`` (the
witness stays as it is); the TEI header's correction statement counts the corrections
actually made. The dictionary is pymorphy3's (OpenCorpora); names of the register are
passed as ``known`` so that they are not taken for slips.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from .scriptcheck import Finding

RU_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
# Words of one letter that stand on their own (prepositions, conjunctions, particles).
ONE_LETTER_WORDS = frozenset("авикосуяж")
# Parts a split may not produce: dictionary entries that are abbreviations, initials or
# single letters read as names make every unknown word "splittable".
_WEAK_TAGS = ("Abbr", "Init", "Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Infr")
WORD_RE = re.compile(rf"[{RU_LETTERS}{RU_LETTERS.upper()}]+(?:-[{RU_LETTERS}{RU_LETTERS.upper()}]+)*")
MIN_SPLIT_LENGTH = 5    # shorter unknown words are abbreviations more often than slips
MIN_EDIT_LENGTH = 6     # a one-letter change of a short word finds a known word too easily
MAX_SUGGESTIONS = 3


@functools.cache
def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    """Whether the dictionary knows ``word`` (lower case) as an ordinary word."""
    morph = _morph()
    if not morph.word_is_known(word):
        return False
    return any(p.is_known and not any(t in p.tag for t in _WEAK_TAGS) for p in morph.parse(word))


def _part_ok(part: str) -> bool:
    if len(part) == 1:
        return part in ONE_LETTER_WORDS
    return len(part) >= 2 and is_known(part)


def splits(word: str) -> list[tuple[str, str]]:
    """Ways to read ``word`` as two known words, the most balanced first."""
    lower = word.lower()
    found = [(word[:i], word[i:]) for i in range(1, len(word))
             if _part_ok(lower[:i]) and _part_ok(lower[i:])]
    return sorted(found, key=lambda pair: -min(len(pair[0]), len(pair[1])))


def one_letter_away(word: str) -> list[str]:
    """Known words one letter away from ``word`` (a letter dropped, added, changed or two
    swapped), keeping the word's capitalisation."""
    lower = word.lower()
    candidates: dict[str, None] = {}
    for i in range(len(lower) + 1):
        for ch in RU_LETTERS:
            candidates[lower[:i] + ch + lower[i:]] = None
            if i < len(lower) and ch != lower[i]:
                candidates[lower[:i] + ch + lower[i + 1:]] = None
        if i < len(lower):
            candidates[lower[:i] + lower[i + 1:]] = None
        if i + 1 < len(lower):
            candidates[lower[:i] + lower[i + 1] + lower[i] + lower[i + 2:]] = None
    candidates.pop(lower, None)
    # ё and е are one letter to a Russian reader (and to the dictionary).
    known = [c for c in candidates if is_known(c) and c.replace("ё", "е") != lower.replace("ё", "е")]
    return [_like(word, c) for c in known]


def _like(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t«“\"'(—–-")
    return not before or before[-1] in ".!?:;"


def probable_slips(text: str, lang: str, known: Collection[str] = ()) -> list[Finding]:
    """Probable slips in ``text`` (only Russian is checked: ``lang`` "ru"), in text order.
    ``known``: lower-case words not to question (the register's name forms)."""
    if lang != "ru":
        return []
    findings: list[Finding] = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        lower = word.lower()
        if len(word) < MIN_SPLIT_LENGTH or lower in known or _morph().word_is_known(lower):
            continue
        if "-" in word and all(_part_ok(p) for p in lower.split("-")):
            continue
        pairs = splits(word)
        if word[:1].isupper() and not _sentence_start(text, m.start()):
            # A capitalised word inside a sentence is a name more often than a slip: it is
            # questioned only when a one-letter word (С, В, К) is glued to its front.
            pairs = [(left, right) for left, right in pairs if len(left) == 1]
        readings = [f"{left} {right}" for left, right in pairs]
        # Names are rarely in the dictionary: a capitalised word is questioned only as
        # words run together, never for a letter.
        near: list[str] = []
        if len(word) >= MIN_EDIT_LENGTH and not word[:1].isupper() and "-" not in word:
            dropped = {r.split(" ")[1 - i] for r in readings for i in (0, 1)
                       if len(r.split(" ")[i]) == 1}
            near = [w for w in one_letter_away(word) if w not in dropped]
        # A letter missed or doubled is a commoner slip than two words run together.
        suggestions = near + readings
        if not suggestions:
            continue
        shown = " or ".join(repr(w) for w in suggestions[:MAX_SUGGESTIONS])
        how = "two words run together" if not near else "a slip"
        findings.append(Finding(m.start(), m.end(), word, suggestions[0],
                                f"{word!r} is not in the dictionary; probably {how}: {shown}",
                                kind="slip-letter" if near else "slip-run-together"))
    return findings
