"""What the alignment compares in two units: lengths, numbered points, numbers, dates, names
(through the registry, and written alike in both scripts), punctuation, quotation marks and
the kind of unit. Used by :mod:`.lattice` to price a link; documented in docs/alignment.md."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..registry import Registry


class UnitLike(Protocol):
    """What a unit must have to be compared (:class:`.align.Unit` has it)."""

    kind: str
    text: str


SKIPPED_KINDS = ("gap",)
ARCHIVAL_KINDS = ("head", "seg", "dateline", "trailer")

POINT = re.compile(r"^\W{0,3}?(\d{1,3}|[IVX]{1,5}|[a-zа-я])[.)]\s")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
TERMINAL = re.compile(r"[.!?…:;)\]\"'»”“]\s*$")
QUOTES = "\"“”«»„"
ANCHOR_DATE = dt.date(1900, 1, 1)
YEAR = re.compile(r"\d{4}|\.\d{2}(?!\d)")


TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
                     "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
                     "", "e", "yu", "ya"], strict=True))
# Words capitalised by position or courtesy, not because they name something.
COURTESY = frozenset({"comrade", "comrades", "cde", "mr", "mrs", "товарищ", "товарищу", "товарища",
                      "товарищем", "товарищи", "тов", "вы", "вас", "вам", "вами", "ваш", "ваше",
                      "ваша", "ваши", "вашу", "вашего", "вашей", "вашим", "i"})
NAME_ALIKE = 0.75


def translit(text: str) -> str:
    """Latin letters for Cyrillic ones (a rough, one-way transliteration: enough to see that
    КИМ and KIM, Филиппов and FILIPPOV are one name)."""
    text = unicodedata.normalize("NFC", text.casefold()).replace("ё", "е")
    return "".join(TRANSLIT.get(c, c) for c in text if c.isalpha() or c == " ")


def name_words(text: str) -> frozenset[str]:
    """Words that look like names (capitalised inside a sentence, or in capitals), in Latin
    letters: compared across languages and scripts without the registry."""
    found = set()
    for m in re.finditer(r"\w+", text):
        word = m.group()
        if len(word) < 3 or not word[0].isupper() or word.casefold() in COURTESY or word.isdigit():
            continue
        before = text[:m.start()].rstrip(" \"“”«»„'(")
        if not word.isupper() and (not before or before[-1] in ".!?:;…" or before[-1].isdigit()):
            continue  # a capital at a sentence's start says nothing
        found.add(translit(word))
    return frozenset(found)


@dataclass
class Features:
    length: int
    kind: str
    point: str | None
    numbers: Counter[str]
    dates: frozenset[str]
    names: frozenset[str]
    questions: int
    exclamations: int
    quotes: bool
    archival: bool
    alike: frozenset[str] = frozenset()


def kind_family(kind: str) -> str:
    return kind.split(".")[0]


def dates_in(text: str) -> tuple[list[str], str]:
    """ISO dates in the text (the archive's d.m.yyyy, month names, two-digit years read in
    one fixed century on both sides, so that they compare), and the text without them."""
    try:
        from ..dates import DateError, find_dates
    except ImportError:  # pragma: no cover - the recogniser is part of the package
        return [], text
    try:
        spans = find_dates(text, ANCHOR_DATE)
    except DateError:
        return [], text
    found, rest, last = [], [], 0
    for span in spans:
        if not span.value or not any(ch.isdigit() for ch in text[span.start:span.end]):
            continue  # "yesterday": a word both languages have, but no anchor
        written = text[span.start:span.end]
        day = span.value[:10]
        # A date written without its year («3 июля») compares by month and day only.
        found.append(day if YEAR.search(written) else "--" + day[5:])
        rest.append(text[last:span.start])
        last = span.end
    rest.append(text[last:])
    return found, " ".join(rest)


def features(unit: UnitLike, lang: str, registry: Registry | None) -> Features:
    text = unit.text
    point_match = POINT.match(text.lstrip())
    point = point_match.group(1) if point_match and unit.kind.startswith("item") else None
    if point_match and point is None and point_match.group(1).isdigit():
        point = point_match.group(1)
    body = text.lstrip()[point_match.end():] if point_match else text
    dates, rest = dates_in(body)
    numbers = Counter(m.group().rstrip(".,") for m in NUMBER.finditer(rest))
    names: frozenset[str] = frozenset()
    if registry is not None and len(registry):
        from ..names import find_mentions

        names = frozenset(ref for m in find_mentions(text, lang, registry) for ref in m.refs)
    return Features(
        length=len(" ".join(text.split())),
        kind=unit.kind,
        point=point,
        numbers=numbers,
        dates=frozenset(dates),
        names=names,
        questions=text.count("?"),
        exclamations=text.count("!"),
        quotes=any(q in text for q in QUOTES),
        archival=kind_family(unit.kind) in ARCHIVAL_KINDS,
        alike=name_words(text),
    )


def broken_off(units: Sequence[UnitLike]) -> bool:
    """Does the text end in the middle of a word (a copy that breaks off)?"""
    for unit in reversed(units):
        if unit.kind in SKIPPED_KINDS:
            continue
        text = unit.text.rstrip()
        # A signature or heading ends without a full stop ("ФИЛИППОВ", "MAO ZEDONG"); a
        # sentence that stops at a lower-case letter after a few words has broken off.
        if kind_family(unit.kind) in (*ARCHIVAL_KINDS, "signed") or len(text.split()) < 4:
            return False
        return text[-1].isalpha() and text[-1].islower() and not TERMINAL.search(text)
    return False
