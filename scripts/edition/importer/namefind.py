"""Finding names no register record covers in one unit, and what the texts tell of them:
candidates from natasha's recogniser (Russian, with the ``suggest`` extra) and from
capitalisation, their kind (person, place, organisation, event) where the evidence gives
one, and the grammar of Russian names (nominative, case endings of foreign names).
:mod:`.proposals` pairs them across languages and makes draft records of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..candidates import FUNCTION_WORDS, natasha_spans, ordinary_russian_word, trim_ordinary_russian
from ..names import matcher_for, morph_analyzer
from ..registry import Registry
from .align import ARCHIVAL_KINDS, Unit

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
# the grammemes that make a capitalised word a name here (not an ordinary word)
PROPER_KINDS = tuple(g for g, _ in MORPH_KINDS)
WORD = re.compile(r"\w+(?:[-\u2010\u2011'’]\w+)*")
SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|[\"“”«»„(\[]\s*|^\s*\d+[.)]\s*)$")
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
            run = trim_ordinary_russian(run, PROPER_KINDS)
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


def _natasha(text: str) -> list[tuple[int, int, str]]:
    return [span for span in natasha_spans(text) if span[2] in NATASHA_KINDS]


def candidates(unit: Unit, index: int, lang: str, registry: Registry,
               use_natasha: bool = True) -> list[Candidate]:
    text = unit.text
    letters = [c for c in text if c.isalpha()]
    if unit.kind.split(".")[0] in ARCHIVAL_KINDS and letters and \
            sum(c.isupper() for c in letters) >= 0.7 * len(letters):
        return []  # an archival heading in capitals: its capitals say nothing
    # a name several records match alike is registered (the encoder asks the editor to
    # settle it): proposing yet another record for it would only add to the ambiguity
    covered: list[tuple[int, int]] = []
    if len(registry):
        mentions, ambiguities = matcher_for(registry, lang).find_all(text)
        covered = [(m.start, m.end) for m in mentions] + [(a.start, a.end) for a in ambiguities]
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


# Regular endings of a foreign masculine name in the oblique cases (names/russian.py declines the
# other way): «КЭ-НУНА» after «товарища» is the genitive of «КЭ-НУН».
FOREIGN_ENDINGS = {"gent": ("а",), "datv": ("у",), "ablt": ("ом", "ем"), "loct": ("е",)}
RU_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def base_form(c: Candidate) -> str | None:
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
        if len(words) == 1 and ordinary_russian_word(piece, PROPER_KINDS):
            return False
        parses = [morph.parse(w.lower())[0] for w in words]
        if all(p.tag.POS in ("ADJF", "PRTF") for p in parses) and \
                all(morph.word_is_known(w.lower()) for w in _parts(words)):
            return False
    return True


def _parts(words: list[str]) -> list[str]:
    return [part for w in words for part in re.split(r"[-\u2010\u2011]", w) if part]


# --- Russian nominative --------------------------------------------------------------------

def keep_case(model: str, word: str) -> str:
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
        out.append(keep_case(w, form.word) if form else w)
    return " ".join(out)


# --- kinds -----------------------------------------------------------------------------------

def head_kind(c: Candidate) -> str | None:
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
