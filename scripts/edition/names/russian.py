"""Russian declension of registered names: every case form of a nominative name, by
pymorphy3 for the words it knows and by the regular endings for foreign names (see
:class:`RussianDecliner`)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING, Any

from .tokens import HYPHENS

if TYPE_CHECKING:
    import pymorphy3

CASE_GROUPS = {
    "nomn": "nomn", "voct": "nomn",
    "gent": "gent", "gen1": "gent", "gen2": "gent",
    "datv": "datv",
    "accs": "accs", "acc2": "accs",
    "ablt": "ablt",
    "loct": "loct", "loc1": "loct", "loc2": "loct",
}
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
PROPER_TAGS = ("Surn", "Name", "Patr", "Geox", "Orgn", "Trad", "Abbr")
RU_VOWELS = set("аеёиоуыэюяъ")
SIBILANTS = set("жшчщц")
ORDINAL = re.compile(r"(\d+)[-\u2010\u2011]([а-яё]{1,3})", re.IGNORECASE)
# any ordinal adjective declines like any other; its endings stand in for the number's
ORDINAL_MODEL = "первый"


@lru_cache(maxsize=1)
def morph_analyzer() -> pymorphy3.MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


class RussianDecliner:
    """All case forms of a nominative Russian name.

    pymorphy3 declines the Russian words it knows. A name with a word it does not know is
    taken as a foreign name (Korean, Chinese, Japanese names in Cyrillic): pymorphy3
    would guess wrongly (a final syllable «-сену» as a form of «сено», the family name
    «Ли» as the particle «ли»), so only its last word is declined, by the regular endings
    of masculine nouns, and not at all when it ends in a vowel. A person's name of known
    words (first name, patronymic, surname) declines word by word; any other phrase is an
    adjective-noun group: the head noun and the adjectives before it agree in case and
    number, words after the head (a genitive complement: «управление штаба армии») stay
    as written."""

    def __init__(self) -> None:
        self.morph = morph_analyzer()

    def forms(self, form: str, kind: str) -> dict[str, set[str]]:
        """case -> spellings (lower case, words joined by single spaces)."""
        words = form.split()
        if not words:
            return {}
        known = [self._known(w) for w in words]
        if not all(known):
            return self._foreign(words, animate=kind == "person")
        if kind == "person":
            return self._person(words)
        result = self._phrase(words)
        if len(words) == 1 and self._is_place_name(words[0]):
            # The dictionary's foreign place names are not all right: it gives some of
            # them a fleeting vowel (-он, -она read like -ок, -ка). The regular endings are
            # added as well; a wrong extra form costs nothing, a missing one loses
            # mentions.
            for case, spellings in self._foreign(words, animate=False).items():
                result.setdefault(case, set()).update(spellings)
        return result

    def _is_place_name(self, word: str) -> bool:
        parse = self._noun_parse(word)
        return parse is not None and "Geox" in parse.tag

    def _known(self, word: str) -> bool:
        # Numbers and numbered ordinals («38», «38-я») are not names.
        if not any(c.isalpha() for c in word) or ORDINAL.fullmatch(word):
            return True
        return self.morph.word_is_known(word.lower())

    # foreign names: the last word takes the regular masculine endings
    def _foreign(self, words: list[str], animate: bool) -> dict[str, set[str]]:
        fixed = " ".join(words[:-1]).lower()
        prefix, last = _split_last_part(words[-1].lower())
        endings = _foreign_endings(last, animate)
        result: dict[str, set[str]] = {}
        for case, spellings in endings.items():
            for spelling in spellings:
                result.setdefault(case, set()).add(
                    f"{fixed} {prefix}{spelling}".strip())
        return result

    def _person(self, words: list[str]) -> dict[str, set[str]]:
        per_word = []
        for word in words:
            parse = self._person_parse(_split_last_part(word)[1])
            # A surname's lexeme holds the feminine forms too (-ов/-ова, -ский/-ская):
            # keep the gender of the name as written.
            gender = parse.tag.gender if parse is not None else None
            per_word.append(self._word_forms(word, self._person_parse, gender=gender))
        return _combine(per_word)

    def _phrase(self, words: list[str]) -> dict[str, set[str]]:
        head = self._head_index(words)
        if head is None:
            return {"nomn": {" ".join(words).lower()}}
        head_parse = self._noun_parse(_split_last_part(words[head])[1])
        assert head_parse is not None
        number = head_parse.tag.number or "sing"
        gender = head_parse.tag.gender
        animacy = head_parse.tag.animacy
        per_word: list[dict[str, set[str]]] = []
        for i, word in enumerate(words):
            if i == head:
                per_word.append(self._word_forms(word, lambda w: head_parse, number=number))
            elif i < head and ORDINAL.fullmatch(word):
                per_word.append(self._ordinal_forms(word, number, gender, animacy))
            elif i < head and self._adjective_parse(word) is not None:
                per_word.append(self._word_forms(
                    word, self._adjective_parse, number=number,
                    gender=gender if number == "sing" else None, animacy=animacy))
            else:
                per_word.append({case: {word.lower()} for case in CASES})
        return _combine(per_word)

    def _ordinal_forms(self, word: str, number: str, gender: str | None,
                       animacy: str | None) -> dict[str, set[str]]:
        """«5-я улица» -> «5-й улицы»: a numbered ordinal takes the ending of an
        ordinal adjective in agreement, abbreviated the usual way (-й, -я, -е, -го, -му,
        -м, -ю, -х, -ми)."""
        number_part = ORDINAL.fullmatch(word).group(1)  # type: ignore[union-attr]
        model = self._word_forms(ORDINAL_MODEL, self._adjective_parse, number=number,
                                 gender=gender if number == "sing" else None,
                                 animacy=animacy, keep_written=False)
        result: dict[str, set[str]] = {}
        for case, spellings in model.items():
            for spelling in spellings:
                result.setdefault(case, set()).add(f"{number_part}-{_ordinal_ending(spelling)}")
        result.setdefault("nomn", set()).add(word.lower())
        return result

    def _head_index(self, words: list[str]) -> int | None:
        for i, word in enumerate(words):
            last = _split_last_part(word)[1]
            if self._noun_parse(last) is None:
                continue
            next_is_noun = i + 1 < len(words) and self._noun_parse(
                _split_last_part(words[i + 1])[1]) is not None
            # «второе главное управление»: a word that can be an adjective in front of a
            # noun is a modifier, even if pymorphy3 also knows it as a noun («главное»).
            if self._adjective_parse(word) is not None and next_is_noun:
                continue
            return i
        return None

    def _parses(self, word: str) -> list[Any]:
        return [p for p in self.morph.parse(word.lower()) if p.tag.case == "nomn"]

    def _noun_parse(self, word: str) -> Any | None:
        parses = [p for p in self._parses(word) if p.tag.POS == "NOUN"]
        return parses[0] if parses else None

    def _adjective_parse(self, word: str) -> Any | None:
        last = _split_last_part(word)[1]
        parses = [p for p in self._parses(last) if p.tag.POS in ("ADJF", "PRTF")]
        return parses[0] if parses else None

    def _person_parse(self, word: str) -> Any | None:
        parses = [p for p in self._parses(word) if p.tag.POS == "NOUN"]
        parses.sort(key=lambda p: (not any(t in p.tag for t in PROPER_TAGS),
                                   p.tag.number != "sing"))
        return parses[0] if parses else None

    def _word_forms(self, word: str, choose: Any, number: str | None = None,
                    gender: str | None = None, animacy: str | None = None,
                    keep_written: bool = True) -> dict[str, set[str]]:
        prefix, last = _split_last_part(word.lower())
        parse = choose(last)
        if parse is None:
            return {case: {word.lower()} for case in CASES}
        number = number or parse.tag.number or "sing"
        result: dict[str, set[str]] = {}
        for form in parse.lexeme:
            tag = form.tag
            group = CASE_GROUPS.get(tag.case or "")
            if group is None or "Supr" in tag or "Cmp2" in tag:
                continue
            if tag.number is not None and tag.number != number:
                continue
            if gender and tag.gender is not None and tag.gender != gender:
                continue
            if animacy and tag.animacy is not None and tag.animacy != animacy:
                continue
            result.setdefault(group, set()).add(prefix + form.word)
        if keep_written:
            result.setdefault("nomn", set()).add(word.lower())
        return result


def _ordinal_ending(form: str) -> str:
    """The abbreviated ending of an ordinal adjective: the last letter, or the last two
    when they are consonant + vowel (первого -> го, первому -> му, первыми -> ми)."""
    if len(form) >= 2 and form[-1] in RU_VOWELS and form[-2] not in RU_VOWELS:
        return form[-2:]
    return form[-1]


def _split_last_part(word: str) -> tuple[str, str]:
    """«южно-корейское» -> («южно-», «корейское»): only the last part of a hyphenated
    compound declines."""
    for h in HYPHENS:
        if h in word:
            head, _, last = word.rpartition(h)
            return head + h, last
    return "", word


def _foreign_endings(word: str, animate: bool) -> dict[str, set[str]]:
    if not word or word[-1] in RU_VOWELS or not word[-1].isalpha():
        return {case: {word} for case in CASES}
    if word[-1] in "йь":
        stem = word[:-1]
        gen, dat, ins, loc = stem + "я", stem + "ю", {stem + "ем", stem + "ём"}, stem + "е"
    else:
        stem = word
        gen, dat, loc = stem + "а", stem + "у", stem + "е"
        ins = {stem + "ом"} | ({stem + "ем"} if word[-1] in SIBILANTS else set())
    return {
        "nomn": {word}, "gent": {gen}, "datv": {dat},
        "accs": {gen if animate else word}, "ablt": ins, "loct": {loc},
    }


def _combine(per_word: list[dict[str, set[str]]]) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for case in CASES:
        choices = [word.get(case) for word in per_word]
        if any(not c for c in choices):
            continue
        result[case] = {" ".join(combo) for combo in product(*choices)}  # type: ignore[arg-type]
    return result
