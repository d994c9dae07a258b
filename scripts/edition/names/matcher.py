"""Reading a text for the registered names of one language: :class:`Matcher` holds every
spelling of every record, indexed by first word, and finds the mentions (and the stretches
several records match alike) word by word; :func:`find_mentions` and
:func:`find_ambiguities` use one matcher per registry and language."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..registry import Registry
from .russian import RussianDecliner
from .tokens import Tokens
from .variants import ANY_CASE, Variant, resolve_collision, variants_of

#: coordinating conjunctions per language, for "North and South X"
CONJUNCTIONS: dict[str, frozenset[str]] = {
    "en": frozenset({"and", "or"}),
    "ru": frozenset({"и", "или"}),
}


@dataclass(frozen=True)
class Mention:
    """A stretch of text naming one registered entity, or several coordinated ones."""

    start: int
    end: int
    refs: tuple[str, ...]
    element: str
    pseudonym: bool = False


@dataclass(frozen=True)
class Ambiguity:
    """A stretch of text that the forms of several records match alike: none is linked."""

    start: int
    end: int
    refs: tuple[str, ...]  # the records, sorted by id


@dataclass(frozen=True)
class _Ambiguous:
    words: tuple[str, ...]
    gaps: tuple[str, ...]
    acronym: bool
    refs: tuple[str, ...]


class Matcher:
    """All variants of all registered names of one language, indexed by first word."""

    def __init__(self, registry: Registry, lang: str):
        self.lang = lang
        self.conjunctions = CONJUNCTIONS.get(lang, frozenset())
        decliner = RussianDecliner() if lang == "ru" else None
        by_key: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Variant]] = {}
        for entity in registry.entities.values():
            for variant in variants_of(entity, lang, decliner):
                by_key.setdefault((variant.words, variant.gaps), []).append(variant)
        self.first: dict[str, list[Variant]] = {}
        # spellings several records give alike, by first word: reported, never linked
        self.ambiguous: dict[str, list[_Ambiguous]] = {}
        for (words, gaps), variants in by_key.items():
            chosen = resolve_collision(variants)
            if chosen is not None:
                self.first.setdefault(chosen.words[0], []).append(chosen)
            else:
                refs = tuple(sorted({v.entity for v in variants}))
                self.ambiguous.setdefault(words[0], []).append(
                    _Ambiguous(words, gaps, any(v.acronym for v in variants), refs))
        for candidates in self.first.values():
            candidates.sort(key=lambda v: -len(v.words))
        for spellings in self.ambiguous.values():
            spellings.sort(key=lambda a: -len(a.words))

    def find(self, text: str) -> list[Mention]:
        return self.find_all(text)[0]

    def find_all(self, text: str) -> tuple[list[Mention], list[Ambiguity]]:
        """The mentions, and the stretches several records match alike (not linked)."""
        tokens = Tokens.of(text)
        mentions: list[Mention] = []
        ambiguities: list[Ambiguity] = []
        i = 0
        n = len(tokens.words)
        while i < n:
            found = self._coordinated(tokens, i) or self._simple(tokens, i)
            unsure = self._ambiguous_at(tokens, i)
            # the longest match wins, as between two mentions: "Joseph Stalin" of one
            # record is no ambiguity although "Stalin" alone would be
            if unsure is not None and (found is None or unsure[1] > found[1]):
                ambiguities.append(unsure[0])
                i = unsure[1]
                continue
            if found is None:
                i += 1
                continue
            mention, next_i = found
            mentions.append(mention)
            i = next_i
        return mentions, ambiguities

    def _ambiguous_at(self, tokens: Tokens, i: int) -> tuple[Ambiguity, int] | None:
        if not self._free_start(tokens, i):
            return None
        for a in self.ambiguous.get(tokens.words[i], ()):
            end = i + len(a.words)
            if self._matches(tokens, i, a.words, a.gaps, a.acronym) and self._free_end(tokens, end - 1):
                return Ambiguity(tokens.starts[i], tokens.ends[end - 1], a.refs), end
        return None

    def _matches(self, tokens: Tokens, i: int, words: tuple[str, ...],
                 gaps: tuple[str, ...], acronym: bool) -> bool:
        if i + len(words) > len(tokens.words):
            return False
        for k, word in enumerate(words):
            if tokens.words[i + k] != word:
                return False
            if k and tokens.gaps[i + k] != gaps[k - 1]:
                return False
            if acronym and not tokens.raw[i + k].isupper():
                return False
        return True

    def _free_start(self, tokens: Tokens, i: int) -> bool:
        # never start inside a hyphenated compound
        return not (i > 0 and tokens.gaps[i] == "-")

    def _free_end(self, tokens: Tokens, last: int) -> bool:
        return not (last + 1 < len(tokens.words) and tokens.gaps[last + 1] == "-")

    def _simple(self, tokens: Tokens, i: int) -> tuple[Mention, int] | None:
        if not self._free_start(tokens, i):
            return None
        for v in self.first.get(tokens.words[i], ()):
            end = i + len(v.words)
            if self._matches(tokens, i, v.words, v.gaps, v.acronym) and \
                    self._free_end(tokens, end - 1):
                return Mention(tokens.starts[i], tokens.ends[end - 1], (v.entity,),
                               v.element, v.pseudonym), end
        return None

    def _coordinated(self, tokens: Tokens, i: int) -> tuple[Mention, int] | None:
        """«Северной и Южной X»: modifiers of names sharing one head word, joined by
        commas and a conjunction, the head written once at the end."""
        if not self.conjunctions or not self._free_start(tokens, i):
            return None
        for first in self.first.get(tokens.words[i], ()):
            if len(first.words) < 2 or first.pseudonym:
                continue
            result = self._coordination_from(tokens, i, first)
            if result is not None:
                return result
        return None

    def _coordination_from(self, tokens: Tokens, i: int,
                           first: Variant) -> tuple[Mention, int] | None:
        mods = first.words[:-1]
        if not self._matches(tokens, i, mods, first.gaps[:-1], first.acronym):
            return None
        members = [first]
        cases = set(first.cases)
        j = i + len(mods)
        n = len(tokens.words)
        while j < n:
            gap = tokens.gaps[j]
            if gap == " " and tokens.words[j] in self.conjunctions:
                if j + 1 >= n or tokens.gaps[j + 1] != " ":
                    return None
                last = self._member(tokens, j + 1, first, members, cases, full=True)
                if last is None:
                    return None
                member, end = last
                members.append(member)
                if not self._free_end(tokens, end - 1):
                    return None
                refs = tuple(dict.fromkeys(m.entity for m in members))
                return Mention(tokens.starts[i], tokens.ends[end - 1], refs,
                               first.element, False), end
            if gap.strip() == ",":
                middle = self._member(tokens, j, first, members, cases, full=False)
                if middle is None:
                    return None
                member, j = middle
                members.append(member)
                continue
            return None
        return None

    def _member(self, tokens: Tokens, j: int, first: Variant, members: list[Variant],
                cases: set[str], full: bool) -> tuple[Variant, int] | None:
        for v in self.first.get(tokens.words[j], ()):
            if (len(v.words) < 2 or v.head != first.head or v.pseudonym
                    or v.element != first.element
                    or any(v.entity == m.entity for m in members)):
                continue
            shared = cases & v.cases if ANY_CASE not in cases | v.cases else cases
            if not shared:
                continue
            if full:
                ok = self._matches(tokens, j, v.words, v.gaps, v.acronym)
                end = j + len(v.words)
            else:
                ok = self._matches(tokens, j, v.words[:-1], v.gaps[:-1], v.acronym)
                end = j + len(v.words) - 1
            if ok:
                cases.intersection_update(shared)
                return v, end
        return None


_MATCHERS: weakref.WeakKeyDictionary[Registry, dict[str, Matcher]] = (
    weakref.WeakKeyDictionary())


def matcher_for(registry: Registry, lang: str) -> Matcher:
    """The matcher of a registry and language, built on first use and kept while the
    registry object lives: building declines every name, matching runs per paragraph."""
    per_lang = _MATCHERS.setdefault(registry, {})
    matcher = per_lang.get(lang)
    if matcher is None:
        matcher = per_lang[lang] = Matcher(registry, lang)
    return matcher


def find_mentions(text: str, lang: str, registry: Registry) -> list[Mention]:
    """Registered names in ``text`` (language ``lang``), sorted and non-overlapping."""
    return matcher_for(registry, lang).find(text)


def find_ambiguities(text: str, lang: str, registry: Registry) -> list[Ambiguity]:
    """Stretches of ``text`` that several records' forms match alike, so that none is
    linked: the editor marks the mention by hand or makes one record's forms more specific."""
    return matcher_for(registry, lang).find_all(text)[1]
