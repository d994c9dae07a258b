"""Names no register record covers, proposed as draft records for the editor to confirm.

Candidates come from natasha's recogniser (Russian, when the ``suggest`` extra is
installed) and from capitalisation (runs of capitalised words, joined by the lower-case
words that link the parts of a name: "Council for the Supporters of Peace"); what the
registry's matcher already finds is left out (:mod:`edition.candidates`). A candidate of
one language is paired with one of the other language in the *aligned* unit: by
transliteration where the name is transcribed (КИМ ИР СЕН / KIM IL SUNG), else as the
only unpaired candidates on both sides of the link («Всемирного совета сторонников мира» /
"World Council for the Supporters of Peace"). The Russian name is put in the nominative
with pymorphy3 where it can be (the head noun and the adjectives before it); the forms
as found stay as match forms. Forms of one name in several cases are one draft.

A draft says only what the texts say: names, a kind (person, place, organisation, event)
when the evidence gives one, otherwise a guess marked as unsure; no description, no dates,
no identifiers. It is written with ``status = "draft"`` (docs/registry.md)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..candidates import FUNCTION_WORDS, natasha_tagger
from ..names import find_mentions, morph_analyzer
from ..registry import FILES, ID_PATTERN, RESERVED_ID, Registry
from .align import ARCHIVAL_KINDS, Link, Unit, translit

KIND_FILES = {kind: name for name, kind in FILES.items()}
# Lower-case words that join the capitalised parts of one name.
CONNECTORS = {"en": {"of", "for", "the", "on", "de"}, "ru": set()}
# Head words that tell the kind of an English name (the last capitalised word's family).
KIND_WORDS = {
    "org": {"council", "committee", "government", "party", "army", "administration",
            "ministry", "organization", "organisation", "commission", "staff", "bureau",
            "union", "league", "front", "agency", "office", "nations", "volunteers",
            "troops", "forces", "navy", "command", "assembly", "congress", "parliament",
            "court", "bank", "company", "department", "institute", "academy"},
    "event": {"war", "conference", "revolution", "treaty", "battle", "armistice",
              "agreement", "campaign", "offensive", "uprising", "meeting", "summit"},
    "place": {"river", "sea", "ocean", "mountains", "mountain", "island", "islands",
              "lake", "bay", "strait", "peninsula", "province", "city", "district",
              "region", "parallel", "valley", "port", "border"},
}
# Russian head nouns (dictionary form) that say what kind of thing a name names.
_RU_ORG_HEADS = ("правительство армия партия комитет комиссия совет министерство управление штаб "
                 "войско фронт союз организация лига конгресс съезд ассамблея агентство бюро "
                 "департамент институт академия командование")
_RU_EVENT_HEADS = "война конференция революция договор соглашение совещание восстание"
RU_HEAD_WORDS = {**dict.fromkeys(_RU_ORG_HEADS.split(), "org"),
                 **dict.fromkeys(_RU_EVENT_HEADS.split(), "event")}
HEAD_WORDS = frozenset(w for kind in ("org", "event") for w in KIND_WORDS[kind]) - {"meeting", "border"}
NATASHA_KINDS = {"PER": "person", "LOC": "place", "ORG": "org"}
MORPH_KINDS = (("Name", "person"), ("Surn", "person"), ("Patr", "person"),
               ("Geox", "place"), ("Orgn", "org"))
WORD = re.compile(r"\w+(?:[-\u2010\u2011'’]\w+)*")
SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|[\"“”«»„(\[]\s*|^\s*\d+[.)]\s*)$")
PAIR_SIMILARITY = 0.55
# A form of address or a title just before a name says it names a person.
TITLE_BEFORE = re.compile(r"(?:\b(?:comrade|cde\.?|mr\.?|mrs\.?|general|marshal|premier|chairman|minister)"
                          r"|(?<!\w)(?:товарищ[ауе]?м?|тов\.|маршал[ауе]?|генерал[ауе]?|премьер[ауе]?"
                          r"|председател[ьяюе]м?))\s+$", re.IGNORECASE)
COORDINATION = re.compile(r" (?:and|or|и|или) ")
# The labels of archival routing lines ("From … Received 13:55", "Copies: …", «Получена»).
_ROUTING = ("received sent copies copy series from to no number ciphered telegram "
            "получена получено отправлена отправлено копии экз серия шифртелеграмма телеграмма")
ROUTING_WORDS = frozenset(_ROUTING.split())
DEMONYM = re.compile(r"(?:ese|ish|ian|ean|an|ans|eans|ians)$")


@dataclass
class Candidate:
    """A stretch of one unit that looks like a name no record covers."""

    lang: str
    unit: int
    text: str
    kind: str | None      # what the evidence says, None: nothing
    source: str           # "natasha ORG", "capitals", "capitalised"
    case: str | None = None  # the grammatical case a title before it shows («товарища» -> gent)


@dataclass
class Draft:
    """A proposed register record."""

    id: str
    kind: str                                  # person, place, org or event (a guess if not sure)
    kind_sure: bool
    names: dict[str, str]                      # lang -> preferred name (Russian: nominative)
    forms: dict[str, list[str]]                # lang -> forms as found in the texts
    evidence: list[str] = field(default_factory=list)


# --- candidates ------------------------------------------------------------------------------

def _capitalised(text: str, lang: str) -> list[tuple[int, int]]:
    """Runs of capitalised words, joined by connectors, without a lone sentence-initial
    ordinary word."""
    stop = FUNCTION_WORDS.get(lang, frozenset())
    connectors = CONNECTORS.get(lang, set())
    words = list(WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        w = words[k].group()
        if not (w[0].isupper() and any(c.isalpha() for c in w)) or _stop(w, stop):
            k += 1
            continue
        run = [words[k]]
        j = k + 1
        while j < len(words):
            gap = text[run[-1].end():words[j].start()]
            if gap not in (" ", "\u00a0"):
                break
            nxt = words[j].group()
            if len(nxt) > 1 and len(run[-1].group()) > 1 and nxt.isupper() != run[-1].group().isupper():
                break  # "BEIJING Received": capitals and capitalised are two things
            if nxt[0].isupper() and not _stop(nxt, stop):
                run.append(words[j])
                j += 1
                continue
            # connectors count only between two capitalised words
            link = j
            while link < len(words) and words[link].group().casefold() in connectors \
                    and text[words[link - 1].end():words[link].start()] == " ":
                link += 1
            if link > j and link < len(words) and words[link].group()[0].isupper() \
                    and text[words[link - 1].end():words[link].start()] == " ":
                run.extend(words[j:link + 1])
                j = link + 1
                continue
            break
        # "Korean People's government", "Korean war": a lower-case head word that says
        # what the capitalised words name belongs to the name
        if lang == "en" and j < len(words) and words[j].group() in HEAD_WORDS \
                and text[run[-1].end():words[j].start()] == " ":
            run.append(words[j])
            j += 1
        k = j
        if lang == "ru":
            while run and _ordinary_ru(run[0].group()):
                run = run[1:]
            while run and _ordinary_ru(run[-1].group()):
                run = run[:-1]
        if not run:
            continue
        first = run[0].group()
        before = text[:run[0].start()]
        if len(run) == 1 and (not first.isupper() or len(first) < 2) and \
                (SENTENCE_START.search(before) or sum(c.isalpha() for c in first) < 2):
            continue
        spans.append((run[0].start(), run[-1].end()))
    return spans


def _stop(word: str, stop: frozenset[str]) -> bool:
    # «ЛИ» in capitals is a name, «Ли» at a sentence's start the particle
    return word.casefold() in stop and not (word.isupper() and len(word) > 1)


def _ordinary_ru(word: str) -> bool:
    if word.isupper():
        return False
    morph = morph_analyzer()
    if not morph.word_is_known(word.lower()):
        return False
    return not any(any(g in p.tag for g, _ in MORPH_KINDS) for p in morph.parse(word))


def _natasha(text: str) -> list[tuple[int, int, str]]:
    tagger = natasha_tagger()
    if tagger is None:
        return []
    from natasha import Doc

    segmenter, ner = tagger
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(ner)
    return [(s.start, s.stop, s.type) for s in doc.spans if s.type in NATASHA_KINDS]


def candidates(unit: Unit, index: int, lang: str, registry: Registry,
               use_natasha: bool = True) -> list[Candidate]:
    text = unit.text
    letters = [c for c in text if c.isalpha()]
    if unit.kind.split(".")[0] in ARCHIVAL_KINDS and letters and \
            sum(c.isupper() for c in letters) >= 0.7 * len(letters):
        return []  # an archival heading in capitals: its capitals say nothing
    covered = [(m.start, m.end) for m in find_mentions(text, lang, registry)] if len(registry) else []
    found: list[tuple[int, int, str | None, str]] = []
    if use_natasha and lang == "ru":
        found += [(s, e, NATASHA_KINDS[t], f"natasha {t}") for s, e, t in _natasha(text)]
    for s, e in _capitalised(text, lang):
        if not any(s < fe and fs < e for fs, fe, _, _ in found):
            words = text[s:e]
            found.append((s, e, None, "capitals" if words.isupper() else "capitalised"))
    if lang == "ru":
        found = [_with_head_noun(text, *f) for f in found]
    found.sort()
    result = []
    for k, (s, e, kind, source) in enumerate(found):
        if any(s < ce and cs < e for cs, ce in covered):
            continue
        piece = text[s:e].strip(" -'\"“”«»,.;:!?()[]")
        # "North and South Korea", «Северной и Южной Кореи»: the first shares the last word
        if k + 1 < len(found) and len(piece.split()) == 1 and \
                COORDINATION.fullmatch(text[e:found[k + 1][0]]):
            piece = piece + " " + text[found[k + 1][0]:found[k + 1][1]].split()[-1]
        if sum(c.isalpha() for c in piece) < 2 or not _name_like(piece, lang):
            continue
        title = TITLE_BEFORE.search(text[:s])
        case = _title_case(title.group().strip()) if title and lang == "ru" else None
        if kind is None and title:
            kind, source = "person", source + ", after a title"  # «товарищу КИМ ИР СЕНУ», "Comrade Li"
        result.append(Candidate(lang, index, piece, kind, source, case))
    return result


def _with_head_noun(text: str, start: int, end: int, kind: str | None,
                    source: str) -> tuple[int, int, str | None, str]:
    """«Южно-Корейского правительства»: capitalised adjectives and the lower-case noun they
    qualify, when that noun says what kind of thing is named (an organisation, an event)."""
    morph = morph_analyzer()
    own = RU_HEAD_WORDS.get(morph.parse(text[start:end].split()[-1].lower())[0].normal_form)
    if own:  # natasha calls «Корейского Народного правительства» a place: its noun says not
        return start, end, own, source
    m = re.match(r" (\w+)", text[end:])
    if not m:
        return start, end, kind, source
    last = text[start:end].split()[-1].split("-")[-1].lower()
    adjective = any(p.tag.POS in ("ADJF", "PRTF") for p in morph.parse(last)[:2])
    head = morph.parse(m.group(1))[0]
    head_kind = RU_HEAD_WORDS.get(head.normal_form)
    if adjective and head_kind and m.group(1).islower():
        return start, end + m.end(), head_kind, source
    return start, end, kind, source


def _title_case(title: str) -> str | None:
    """The case of a Russian title word («товарища» gent, «товарищу» datv, «товарищем» ablt)."""
    morph = morph_analyzer()
    cases = {p.tag.case for p in morph.parse(title.lower().rstrip(".")) if p.tag.POS == "NOUN"}
    if cases and cases <= {"gent", "accs"}:
        return "gent"  # a person's accusative is the genitive: the name's ending is the same
    return next(iter(cases)) if len(cases) == 1 else None


# Regular endings of a foreign masculine name in the oblique cases (names.py declines the
# other way): «КЭ-НУНА» after «товарища» is the genitive of «КЭ-НУН».
FOREIGN_ENDINGS = {"gent": ("а",), "datv": ("у",), "ablt": ("ом", "ем"), "loct": ("е",)}
RU_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def _base_form(c: Candidate) -> str | None:
    """The nominative of a foreign person's name seen only in an oblique case, by its
    regular ending; None when that cannot be told."""
    if c.case not in FOREIGN_ENDINGS:
        return None
    for ending in FOREIGN_ENDINGS[c.case]:
        if c.text.lower().endswith(ending) and len(c.text) > len(ending) + 1 \
                and c.text[-len(ending) - 1].lower() in RU_CONSONANTS:
            return c.text[:-len(ending)]
    return None


def _name_like(piece: str, lang: str) -> bool:
    """Not a demonym or an adjective alone ("Korean", «Южно-Корейского»), not an ordinary
    word capitalised at a sentence's start («Члены»)."""
    words = piece.split()
    if len(words) == 1 and piece.casefold() in ROUTING_WORDS:
        return False
    if lang == "en":
        return not (len(words) == 1 and DEMONYM.search(piece) and not piece.isupper())
    if lang == "ru" and not piece.isupper():
        morph = morph_analyzer()
        if len(words) == 1 and _ordinary_ru(piece):
            return False
        parses = [morph.parse(w.lower())[0] for w in words]
        if all(p.tag.POS in ("ADJF", "PRTF") for p in parses) and \
                all(morph.word_is_known(w.lower()) for w in _parts(words)):
            return False
    return True


def _parts(words: list[str]) -> list[str]:
    return [part for w in words for part in re.split(r"[-\u2010\u2011]", w) if part]


# --- Russian nominative --------------------------------------------------------------------

def _keep_case(model: str, word: str) -> str:
    """``word`` in the capitals of ``model``, part by part of a hyphenated compound."""
    models, parts = re.split(r"([-\u2010\u2011])", model), re.split(r"([-\u2010\u2011])", word)
    if len(models) != len(parts):
        models, parts = [model], [word]
    out = []
    for m, w in zip(models, parts, strict=True):
        if m.isupper():
            out.append(w.upper())
        elif m[:1].isupper():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return "".join(out)


def nominative_ru(name: str) -> str:
    """«Всемирного совета сторонников мира» -> «Всемирный совет сторонников мира»: the head
    noun (the first noun) and the adjectives before it in the nominative, the rest as
    written. Words pymorphy3 does not know (foreign names) are left as written."""
    if name.isupper():
        return name  # names in capitals are foreign names or acronyms: pymorphy3 misreads them
    morph = morph_analyzer()
    words = name.split()
    parses = []
    for w in words:
        options = [p for p in morph.parse(w.lower()) if morph.word_is_known(w.lower())]
        parses.append(options)
    head = next((i for i, opts in enumerate(parses)
                 if opts and opts[0].tag.POS == "NOUN"), None)
    if head is None:
        return name
    noun = parses[head][0]
    number = noun.tag.number or "sing"
    out = []
    for i, w in enumerate(words):
        if i > head or not parses[i]:
            out.append(w)
            continue
        p = parses[i][0]
        wanted = {"nomn", number}
        if i < head and p.tag.POS in ("ADJF", "PRTF") and number == "sing" and noun.tag.gender:
            wanted.add(noun.tag.gender)
        form = p.inflect(wanted) if (i == head or p.tag.POS in ("ADJF", "PRTF")) else None
        out.append(_keep_case(w, form.word) if form else w)
    return " ".join(out)


# --- pairing across languages ---------------------------------------------------------------

def similarity(a: Candidate, b: Candidate) -> float:
    x, y = translit(a.text), translit(b.text)
    return difflib.SequenceMatcher(None, x, y).ratio()


def _compatible(a: Candidate, b: Candidate) -> bool:
    return _kinds_agree(guess_kind(a), guess_kind(b))


def pair(left: list[Candidate], right: list[Candidate]) -> list[tuple[Candidate | None, Candidate | None]]:
    """Candidates of one aligned link paired across languages."""
    pairs: list[tuple[Candidate | None, Candidate | None]] = []
    free_l, free_r = list(left), list(right)
    scored = sorted(((similarity(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)),
                    reverse=True)
    used_l: set[int] = set()
    used_r: set[int] = set()
    for score, i, j in scored:
        if score < PAIR_SIMILARITY or i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((left[i], right[j]))
    free_l = [c for i, c in enumerate(left) if i not in used_l]
    free_r = [c for j, c in enumerate(right) if j not in used_r]
    # What is left over on both sides in the same order and number is a translated name.
    if len(free_l) == len(free_r) and all(_compatible(a, b) for a, b in zip(free_l, free_r, strict=True)):
        pairs += list(zip(free_l, free_r, strict=True))
    else:
        pairs += [(a, None) for a in free_l] + [(None, b) for b in free_r]
    return pairs


# --- kinds -----------------------------------------------------------------------------------

def _head_kind(c: Candidate) -> str | None:
    words = c.text.split()
    if not words:
        return None
    if c.lang == "ru":
        return RU_HEAD_WORDS.get(morph_analyzer().parse(words[-1].lower())[0].normal_form)
    last = words[-1].casefold() if c.lang == "en" else ""
    return next((kind for kind, heads in KIND_WORDS.items() if last in heads), None)


def guess_kind(c: Candidate) -> tuple[str, bool]:
    if c.kind:
        return c.kind, True
    words = c.text.split()
    if c.lang == "ru":
        morph = morph_analyzer()
        for w in words:
            for p in morph.parse(w.lower())[:2]:
                for grammeme, kind in MORPH_KINDS:
                    if grammeme in p.tag and morph.word_is_known(w.lower()):
                        return kind, False
    last = words[-1].casefold() if words else ""
    for kind, heads in KIND_WORDS.items():
        if last in heads or any(w.casefold() in heads for w in words[:1]):
            return kind, True
    if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) or c.text.isupper():
        return "person", False  # a few capitalised words and no word of an institution
    return "org", False


# --- drafts ----------------------------------------------------------------------------------

def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", translit(text) if re.search("[а-яё]", text.casefold()) else
                  unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode())
    return slug.strip("-")[:48].strip("-") or "name"


def _draft_id(names: Mapping[str, str], taken: set[str]) -> str:
    base = _slug(names.get("en") or next(iter(names.values())))
    if not ID_PATTERN.fullmatch(base) or RESERVED_ID.match(base) or \
            base.split("-")[0] in ("en", "ru"):
        base = "draft-" + base
    if not ID_PATTERN.fullmatch(base):
        base = "draft-name"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _same(a: str, b: str, lang: str, kind: str) -> bool:
    """Are two forms one name (the same words, or case forms of one another)?"""
    fa, fb = a.casefold().replace("ё", "е"), b.casefold().replace("ё", "е")
    if fa == fb or _key(a, lang) == _key(b, lang):
        return True
    if lang != "ru":
        return False
    forms_a, forms_b = _declined(a, kind), _declined(b, kind)
    return fb in forms_a or fa in forms_b or bool(forms_a & forms_b)


@lru_cache(maxsize=4096)
def _declined(name: str, kind: str) -> frozenset[str]:
    from ..names import RussianDecliner

    return frozenset(s for spellings in RussianDecliner().forms(name, kind).values() for s in spellings)


def propose(units_by_lang: Mapping[str, Sequence[Unit]], links: Sequence[Link], registry: Registry,
            *, original_lang: str, translation_lang: str, use_natasha: bool = True) -> list[Draft]:
    """Draft records for the names in the units that no record covers, one record per
    entity: a name and its translation in aligned units are one draft, and so are the case
    forms of one Russian name."""
    found = {lang: [candidates(u, k, lang, registry, use_natasha) for k, u in enumerate(units)]
             for lang, units in units_by_lang.items()}
    groups: list[dict[str, list[Candidate]]] = []
    seen: set[int] = set()
    for link in links:
        left = [c for k in link.original for c in found.get(original_lang, [])[k]] \
            if original_lang in found else []
        right = [c for k in link.translation for c in found.get(translation_lang, [])[k]] \
            if translation_lang in found else []
        left, right = _distinct(left), _distinct(right)
        if link.original and link.translation:
            pairs = pair(left, right)
        else:
            pairs = [(c, None) for c in left] + [(None, c) for c in right]
        for a, b in pairs:
            groups.append({c.lang: [c] for c in (a, b) if c is not None})
        seen.update(id(c) for k in link.original for c in found.get(original_lang, [[]] * (k + 1))[k])
        seen.update(id(c) for k in link.translation for c in found.get(translation_lang, [[]] * (k + 1))[k])
    for lang, per_unit in found.items():  # languages without alignment (one-language records)
        for cands in per_unit:
            groups += [{lang: [c]} for c in cands if id(c) not in seen]

    merged: list[dict[str, list[Candidate]]] = []
    for group in groups:
        kind, sure = _group_kind(group)
        target = next((m for m in merged if _kinds_agree((kind, sure), _group_kind(m)) and any(
            _same(c.text, d.text, lang, kind) for lang in group for c in group[lang]
            for d in m.get(lang, []))), None)
        if target is None:
            merged.append({lang: list(cs) for lang, cs in group.items()})
        else:
            for lang, cs in group.items():
                target.setdefault(lang, []).extend(cs)

    taken = set(registry.entities)
    drafts = []
    for group in merged:
        kind, sure = _group_kind(group)
        names: dict[str, str] = {}
        forms: dict[str, list[str]] = {}
        evidence = []
        for lang in sorted(group, key=lambda x: (x != "en", x)):
            texts = list(dict.fromkeys(c.text for c in group[lang]))
            forms[lang] = texts
            names[lang] = _preferred(texts, lang, kind if sure else "person")
            bases = {_base_form(c) for c in group[lang]} if lang == "ru" and kind == "person" else {None}
            if None not in bases and len(bases) == 1:
                # every form stands after a title in an oblique case: its regular ending removed
                names[lang] = _title(bases.pop())
            units = units_by_lang[lang]
            evidence += [f"{lang} line {units[c.unit].line}: {c.text!r} ({c.source})" for c in group[lang]]
        drafts.append(Draft(_draft_id(names, taken), kind, sure, names, forms, evidence))
    return drafts


def _distinct(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per name within a link (a name said twice, in two cases, is one)."""
    return list({_key(c.text, c.lang): c for c in reversed(cands)}.values())[::-1]


@lru_cache(maxsize=4096)
def _key(text: str, lang: str) -> str:
    """The name with each Russian word in its dictionary form («Корею», «Кореи» -> «корея»)."""
    folded = text.casefold().replace("ё", "е")
    if lang != "ru":
        return folded
    morph = morph_analyzer()
    return " ".join(morph.parse(w)[0].normal_form if morph.word_is_known(w) else w
                    for w in folded.split())


def _kinds_agree(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
    return a[0] == b[0] or not (a[1] and b[1])


def _group_kind(group: Mapping[str, Iterable[Candidate]]) -> tuple[str, bool]:
    # a head word ("government", "war") says more than natasha's label of the other language
    worded = [k for cs in group.values() for c in cs if (k := _head_kind(c))]
    if worded:
        return max(sorted(set(worded)), key=worded.count), True
    guesses = [guess_kind(c) for cs in group.values() for c in cs]
    sure = [k for k, s in guesses if s]
    if sure:
        return max(set(sure), key=sure.count), True
    kinds = [k for k, _ in guesses]
    return max(sorted(set(kinds)), key=kinds.count), False


def _preferred(texts: list[str], lang: str, kind: str) -> str:
    return _title(_nominative(texts, lang, kind))


def _title(name: str) -> str:
    """A name the texts write in capitals (KIM IL SUNG) is named in title case; the
    capitals stay a match form."""
    if not name.isupper() or len(name.split()) == 1 and len(name) <= 4:
        return name  # an acronym (UN, ООН) stays as it is
    # a hyphenated part stays lower case, as in «Ли Кэ-нун», "Kim Il-sung"
    return re.sub(r"\w+(?:[-\u2010\u2011]\w+)*", lambda m: m.group()[:1] + m.group()[1:].lower(), name)


def _nominative(texts: list[str], lang: str, kind: str) -> str:
    if lang != "ru" or kind == "person":
        # A person's name: the shortest form, of which the others are case forms
        # («Филиппов», not pymorphy3's «Филиппы»).
        return min(texts, key=len)
    # Of the case forms found, the one the others are declensions of is the nominative.
    for text in sorted(texts, key=len):
        if all(_same(text, other, lang, kind) for other in texts):
            nominative = nominative_ru(text)
            return nominative
    return nominative_ru(texts[0])


# --- writing -------------------------------------------------------------------------------

def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(draft: Draft) -> str:
    """The TOML of one draft record (docs/registry.md)."""
    lines = [f"[{draft.id}]", 'status = "draft"']
    if not draft.kind_sure:
        lines.insert(0, f"# kind unsure: proposed as {draft.kind}; move the record to the right file if not")
    lines.insert(0, "# proposed by edition import from " + "; ".join(draft.evidence[:4]))
    for lang in draft.names:
        lines.append(f"name.{lang} = {_toml_string(draft.names[lang])}")
    for lang, forms in draft.forms.items():
        all_forms = list(dict.fromkeys([draft.names[lang], *forms]))
        lines.append(f"match.{lang} = [" + ", ".join(_toml_string(f) for f in all_forms) + "]")
    lines.append('description.en = ""')
    return "\n".join(lines) + "\n"


def write_drafts(drafts: Sequence[Draft], registry_dir: Path) -> list[Path]:
    """Append the drafts to the registry's TOML files (one per kind); returns the files
    changed. Existing records are never touched."""
    changed = []
    for kind, name in KIND_FILES.items():
        mine = [d for d in drafts if d.kind == kind]
        if not mine:
            continue
        path = Path(registry_dir) / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        text = old.rstrip("\n") + ("\n\n" if old.strip() else "") + "\n".join(render(d) for d in mine)
        tmp = path.with_suffix(".toml.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        changed.append(path)
    return changed
