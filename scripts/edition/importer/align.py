"""Align the units of an original with the units of its translation.

The method is Gale and Church's ("A program for aligning sentences in bilingual corpora",
Computational Linguistics 19, 1993): a dynamic programme over the two sequences of units
whose steps ("beads") join 1:1, 1:2, 2:1, 1:3, 3:1 units, or leave one unit without a
counterpart (1:0, 0:1). Each bead costs the negative log-probability of its character
lengths under a normal model of the translation's length ratio, plus the prior of its
shape. To that cost the texts' own evidence is added, because archival documents carry
much of it: numbered points ("1." / «1.»), numbers, dates (normalised, so that 3.7.51 and
3.7.1951 agree), names the registry resolves in both languages, question and exclamation
marks, quotation marks, and the kind of unit the importer found (a salutation pairs with a
salutation; an archival heading line usually has no counterpart).

Confidence is the posterior probability of a bead, computed by the forward-backward
algorithm over the same lattice: it says how much of the probability of all alignments
goes through this link, so a link the evidence leaves open gets a low value instead of a
silent guess. Links below :data:`LOW_CONFIDENCE` are for the editor to review.

Lines only one side carries (the translation's archival header, routing lines, a trailer)
cost less at the edges of the text than inside it. A text that breaks off (its last unit
ends in the middle of a word) makes the other side's remaining units "lost", not
"unaligned", and its last unit is not penalised for being short.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..registry import Registry

#: links whose confidence is below this are listed for the editor's review
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Unit:
    """One unit of one language, as the importer segmented it."""

    kind: str   # head, seg.<type>, dateline, salute, p, item, itemp, signed, gap, trailer…
    text: str   # the unit's witness text (with the archive's brackets as written)
    line: int   # 1-based line in the record file, for reports


@dataclass(frozen=True)
class Link:
    """Units of the original aligned with units of the translation. One side empty: a unit
    without counterpart; ``flag`` then says why, in the transcription format's words:
    ``unaligned`` (the other text never had it), ``lost`` (the other text had it but its
    witness breaks off), or ``skipped`` (not an alignment unit at all: an omission mark)."""

    original: tuple[int, ...]
    translation: tuple[int, ...]
    confidence: float
    signals: tuple[str, ...]
    flag: str = ""

    @property
    def low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


# Bead shapes and their prior costs (-log p). Gale and Church measured 1:1 0.89,
# 1:0 + 0:1 0.0099, 2:1 + 1:2 0.089; 1:3 and 3:1 are rarer still.
BEADS: dict[tuple[int, int], float] = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.0099 / 2),
    (0, 1): -math.log(0.0099 / 2),
    (2, 1): -math.log(0.089 / 2),
    (1, 2): -math.log(0.089 / 2),
    (3, 1): -math.log(0.005),
    (1, 3): -math.log(0.005),
}
# A unit only one side has costs less before the first or after the last unit of the other
# side: headers, routing lines and trailers stand there.
EDGE_COST = 1.5
ARCHIVAL_EDGE_COST = 0.5
# The other side's units after a text that breaks off mid-word are lost, as expected.
LOST_COST = 0.2
# A unit where the other text marks an omission ([…]) is lost from that copy.
OMITTED_COST = 1.0
OMITTED_SIGNAL = "the other text marks an omission here"
# Variance of the translation's length per character of the original (Gale and Church).
VARIANCE = 6.8
MAX_LENGTH_COST = 10.0
SKIPPED_KINDS = ("gap",)
ARCHIVAL_KINDS = ("head", "seg", "dateline", "trailer")

POINT = re.compile(r"^\W{0,3}?(\d{1,3}|[IVX]{1,5}|[a-zа-я])[.)]\s")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
TERMINAL = re.compile(r"[.!?…:;)\]\"'»”“]\s*$")
QUOTES = "\"“”«»„"
_ANCHOR_DATE = dt.date(1900, 1, 1)
YEAR = re.compile(r"\d{4}|\.\d{2}(?!\d)")
#: the translation's length per character of the original, before the text says better
DEFAULT_RATIO = 1.0


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
class _Features:
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


def _kind_family(kind: str) -> str:
    return kind.split(".")[0]


def _dates(text: str) -> tuple[list[str], str]:
    """ISO dates in the text (the archive's d.m.yyyy, month names, two-digit years read in
    one fixed century on both sides, so that they compare), and the text without them."""
    try:
        from ..dates import DateError, find_dates
    except ImportError:  # pragma: no cover - the recogniser is part of the package
        return [], text
    try:
        spans = find_dates(text, _ANCHOR_DATE)
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


def features(unit: Unit, lang: str, registry: Registry | None) -> _Features:
    text = unit.text
    point_match = POINT.match(text.lstrip())
    point = point_match.group(1) if point_match and unit.kind.startswith("item") else None
    if point_match and point is None and point_match.group(1).isdigit():
        point = point_match.group(1)
    body = text.lstrip()[point_match.end():] if point_match else text
    dates, rest = _dates(body)
    numbers = Counter(m.group().rstrip(".,") for m in NUMBER.finditer(rest))
    names: frozenset[str] = frozenset()
    if registry is not None and len(registry):
        from ..names import find_mentions

        names = frozenset(ref for m in find_mentions(text, lang, registry) for ref in m.refs)
    return _Features(
        length=len(" ".join(text.split())),
        kind=unit.kind,
        point=point,
        numbers=numbers,
        dates=frozenset(dates),
        names=names,
        questions=text.count("?"),
        exclamations=text.count("!"),
        quotes=any(q in text for q in QUOTES),
        archival=_kind_family(unit.kind) in ARCHIVAL_KINDS,
        alike=name_words(text),
    )


def broken_off(units: Sequence[Unit]) -> bool:
    """Does the text end in the middle of a word (a copy that breaks off)?"""
    for unit in reversed(units):
        if unit.kind in SKIPPED_KINDS:
            continue
        text = unit.text.rstrip()
        # A signature or heading ends without a full stop ("ФИЛИППОВ", "MAO ZEDONG"); a
        # sentence that stops at a lower-case letter after a few words has broken off.
        if _kind_family(unit.kind) in (*ARCHIVAL_KINDS, "signed") or len(text.split()) < 4:
            return False
        return text[-1].isalpha() and text[-1].islower() and not TERMINAL.search(text)
    return False


# --- the cost of a bead --------------------------------------------------------------------

def _norm_sf(x: float) -> float:
    """P(|Z| > x) for a standard normal Z."""
    return math.erfc(abs(x) / math.sqrt(2))


@dataclass
class _Score:
    cost: float
    signals: list[str]


@dataclass
class _Span:
    """The features of one to three consecutive units of one side, summed."""

    length: int
    point: str | None
    inner_points: int
    numbers: Counter[str]
    dates: frozenset[str]
    names: frozenset[str]
    questions: int
    exclamations: int
    quotes: bool
    kind: str
    archival: bool
    alike: frozenset[str]


def _span(features: list[_Features]) -> _Span:
    first = features[0]
    if len(features) == 1:
        return _Span(first.length, first.point, 0, first.numbers, first.dates, first.names,
                     first.questions, first.exclamations, first.quotes, _kind_family(first.kind),
                     first.archival, first.alike)
    return _Span(sum(f.length for f in features), first.point,
                 sum(1 for f in features[1:] if f.point),
                 sum((f.numbers for f in features), Counter()),
                 frozenset().union(*(f.dates for f in features)),
                 frozenset().union(*(f.names for f in features)),
                 sum(f.questions for f in features), sum(f.exclamations for f in features),
                 any(f.quotes for f in features), _kind_family(first.kind), first.archival,
                 frozenset().union(*(f.alike for f in features)))


@lru_cache(maxsize=65536)
def _alike(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= NAME_ALIKE


class _Scorer:
    def __init__(self, orig: list[_Features], trans: list[_Features], ratio: float,
                 trans_broken: bool, orig_broken: bool,
                 evidence: dict[tuple[int, int, int, int], tuple[float, list[str]]] | None = None):
        self.orig = orig
        self.trans = trans
        self.ratio = ratio
        self.trans_broken = trans_broken
        self.orig_broken = orig_broken
        self.orig_kinds = Counter(_kind_family(f.kind) for f in orig)
        self.trans_kinds = Counter(_kind_family(f.kind) for f in trans)
        self.spans: dict[tuple[int, int, int], _Span] = {}
        # positions (between two units, 1..len-1) where a text marks an omission […]
        self.orig_omissions: frozenset[int] = frozenset()
        self.trans_omissions: frozenset[int] = frozenset()
        # what the texts say of a bead does not depend on the length ratio: kept across passes
        self.evidence_cache = evidence if evidence is not None else {}

    def _side(self, side: int, i: int, d: int) -> _Span:
        key = (side, i, d)
        span = self.spans.get(key)
        if span is None:
            span = self.spans[key] = _span((self.orig if side == 0 else self.trans)[i:i + d])
        return span

    def bead(self, i: int, j: int, di: int, dj: int) -> _Score:
        """The cost of joining orig[i:i+di] with trans[j:j+dj]."""
        n, m = len(self.orig), len(self.trans)
        if di == 0 or dj == 0:
            return self._alone(i, j, di, dj, n, m)
        if any(k in self.orig_omissions for k in range(i + 1, i + di)) or \
                any(k in self.trans_omissions for k in range(j + 1, j + dj)):
            return _Score(math.inf, [])  # units an omission mark separates are never joined
        o = self._side(0, i, di)
        t = self._side(1, j, dj)
        key = (i, j, di, dj)
        cached = self.evidence_cache.get(key)
        if cached is None:
            cached = self.evidence_cache[key] = self._evidence(o, t)
        evidence_cost, evidence_signals = cached
        signals: list[str] = []
        if (di, dj) != (1, 1):
            signals.append(f"{di}:{dj}")
        cost = BEADS[(di, dj)] + evidence_cost
        # lengths
        expected = max(o.length * self.ratio, 1.0)
        delta = (t.length - expected) / math.sqrt(max(o.length, 1) * VARIANCE)
        truncated = self.trans_broken and j + dj == m and delta < 0
        truncated_o = self.orig_broken and i + di == n and delta > 0
        if truncated or truncated_o:
            delta = 0.0
            signals.append("text breaks off")
        # Capped: a free rendering must not outweigh every other piece of evidence.
        cost += min(-math.log(max(_norm_sf(delta), 1e-12)), MAX_LENGTH_COST)
        signals.append(f"length {t.length / expected:.2f}")
        return _Score(cost, signals + evidence_signals)

    @staticmethod
    def _evidence(o: _Span, t: _Span) -> tuple[float, list[str]]:
        cost = 0.0
        signals: list[str] = []
        # numbered points
        po, pt = o.point, t.point
        if po and pt:
            if po == pt:
                cost -= 3.0
                signals.append(f"point {po}")
            else:
                cost += 6.0
                signals.append(f"points differ ({po} / {pt})")
        elif po or pt:
            cost += 1.5
        cost += 8.0 * (o.inner_points + t.inner_points)  # a point starts a bead, never sits inside
        # numbers and dates
        if o.numbers or t.numbers:
            shared = o.numbers & t.numbers
            unshared = sum(((o.numbers - t.numbers) + (t.numbers - o.numbers)).values())
            if shared:
                cost -= min(sum(shared.values()), 4) * 1.2
                signals.append("numbers " + ", ".join(sorted(shared)))
            cost += min(unshared, 6) * 0.8
        if o.dates or t.dates:
            both = o.dates & t.dates
            cost -= 3.0 * len(both)
            signals.extend(f"date {d}" for d in sorted(both))
            cost += 1.5 * len(o.dates ^ t.dates)
        # names
        if o.names or t.names:
            both = o.names & t.names
            cost -= min(len(both), 3) * 1.5
            signals.extend(f"name {x}" for x in sorted(both))
            cost += min(len(o.names ^ t.names), 4) * 0.5
        # names written alike in both texts, whether the registry knows them or not
        if o.alike and t.alike:
            alike = sorted(w for w in o.alike if any(_alike(w, x) for x in t.alike))
            if alike:
                cost -= min(len(alike), 3) * 0.8
                signals.append("names alike: " + ", ".join(alike))
        # punctuation that survives translation
        if o.questions and t.questions:
            cost -= 1.0
            signals.append("question")
        cost += 1.2 * abs(o.questions - t.questions)
        if o.exclamations and t.exclamations:
            cost -= 0.8
            signals.append("exclamation")
        cost += 0.6 * abs(o.exclamations - t.exclamations)
        if o.quotes != t.quotes:
            cost += 0.5
        # the kind of unit
        if o.kind == t.kind:
            if o.kind not in ("p", "item", "itemp"):
                cost -= 1.0
                signals.append(f"kind {o.kind}")
        elif o.archival != t.archival:
            cost += 2.0
        return cost, signals

    def _alone(self, i: int, j: int, di: int, dj: int, n: int, m: int) -> _Score:
        if di:
            f = self.orig[i]
            at_edge = j == 0 or j == m
            lost = self.trans_broken and j == m
            counterpart_kind = self.trans_kinds
        else:
            f = self.trans[j]
            at_edge = i == 0 or i == n
            lost = self.orig_broken and i == n
            counterpart_kind = self.orig_kinds
        if lost:
            return _Score(LOST_COST, ["the other text breaks off before it"])
        if (j in self.trans_omissions) if di else (i in self.orig_omissions):
            return _Score(OMITTED_COST, [OMITTED_SIGNAL])
        signals = []
        if at_edge:
            # a header or trailer line is short; a whole paragraph without counterpart is rarer
            cost = ARCHIVAL_EDGE_COST if f.archival else EDGE_COST + min(f.length / 200, 2.0)
            signals.append("before the other text begins" if (j == 0 if di else i == 0)
                           else "after the other text ends")
        else:
            cost = BEADS[(di, dj)]
        if f.point:  # numbered points are translated with their numbers
            cost += 4.0
        if f.archival and counterpart_kind[_kind_family(f.kind)] == 0:
            cost -= 0.3
            signals.append(f"{f.kind}: the other text has none")
        return _Score(cost, signals)


# --- the lattice ---------------------------------------------------------------------------

def _logsumexp(values: list[float]) -> float:
    if not values:
        return -math.inf
    top = max(values)
    if top == -math.inf:
        return top
    return top + math.log(sum(math.exp(v - top) for v in values))


#: texts up to this many units on each side are aligned over the whole lattice
FULL_LATTICE = 80


def _band(n: int, m: int) -> Callable[[int, int], bool]:
    """The cells a long text's alignment may pass through: near the diagonal from the
    start, near the one to the end (a missing head or tail shifts the texts against each
    other) and near the straight line between the corners. Short texts use every cell."""
    if max(n, m) <= FULL_LATTICE:
        return lambda i, j: True
    width = max(12, math.ceil(0.12 * max(n, m)))
    slope = m / n if n else 0.0

    def allowed(i: int, j: int) -> bool:
        return (abs(j - i) <= width or abs((m - j) - (n - i)) <= width
                or abs(j - i * slope) <= width)
    return allowed


@dataclass
class _Solution:
    ratio: float
    cost: float                                              # of the best path
    path: list[tuple[int, int, int, int, _Score]]
    posterior: dict[tuple[int, int, int, int], float]        # of each bead on it


def _solve(scorer: _Scorer, n: int, m: int) -> _Solution:
    """Best path (Viterbi) and the posterior of every bead on it (forward-backward)."""
    scores: dict[tuple[int, int, int, int], _Score] = {}

    def score(i: int, j: int, di: int, dj: int) -> _Score:
        key = (i, j, di, dj)
        s = scores.get(key)
        if s is None:
            s = scores[key] = scorer.bead(i, j, di, dj)
        return s

    inf = math.inf
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    forward = [[-inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    forward[0][0] = 0.0
    allowed = _band(n, m)
    for i in range(n + 1):
        for j in range(m + 1):
            if (i == 0 and j == 0) or not allowed(i, j):
                continue
            terms = []
            for di, dj in BEADS:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or best[pi][pj] == inf:
                    continue
                c = score(pi, pj, di, dj).cost
                if best[pi][pj] + c < best[i][j]:
                    best[i][j] = best[pi][pj] + c
                    back[i][j] = (di, dj)
                terms.append(forward[pi][pj] - c)
            forward[i][j] = _logsumexp(terms)
    backward = [[-inf] * (m + 1) for _ in range(n + 1)]
    backward[n][m] = 0.0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if (i == n and j == m) or not allowed(i, j):
                continue
            terms = []
            for di, dj in BEADS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m or backward[ni][nj] == -inf:
                    continue
                terms.append(backward[ni][nj] - score(i, j, di, dj).cost)
            backward[i][j] = _logsumexp(terms)
    total = forward[n][m]
    path = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None
        di, dj = step
        path.append((i - di, j - dj, di, dj, score(i - di, j - dj, di, dj)))
        i, j = i - di, j - dj
    path.reverse()
    posterior = {}
    for pi, pj, di, dj, s in path:
        posterior[(pi, pj, di, dj)] = math.exp(
            forward[pi][pj] - s.cost + backward[pi + di][pj + dj] - total)
    return _Solution(scorer.ratio, best[n][m], path, posterior)


def _measured_ratio(solution: _Solution, o_feat: list[_Features], t_feat: list[_Features],
                    t_broken: bool, o_broken: bool) -> float | None:
    """The translation's length per character of the original, over the links the
    solution is sure of (a link where a text breaks off left out)."""
    n, m = len(o_feat), len(t_feat)
    lo = lt = 0
    for i, j, di, dj, _ in solution.path:
        if di and dj and solution.posterior[(i, j, di, dj)] > 0.5 and not (
                (t_broken and j + dj == m) or (o_broken and i + di == n)):
            lo += sum(f.length for f in o_feat[i:i + di])
            lt += sum(f.length for f in t_feat[j:j + dj])
    return min(max(lt / lo, 0.5), 2.0) if lo > 200 and lt else None


def _ratio(orig: list[_Features], trans: list[_Features], broken: bool) -> float:
    if broken:  # a text that breaks off says nothing of the ratio as a whole
        return DEFAULT_RATIO
    lo = sum(f.length for f in orig if not f.archival) or sum(f.length for f in orig)
    lt = sum(f.length for f in trans if not f.archival) or sum(f.length for f in trans)
    if not lo or not lt:
        return DEFAULT_RATIO
    return min(max(lt / lo, 0.5), 2.0)


def align(original: Sequence[Unit], translation: Sequence[Unit], *, original_lang: str,
          translation_lang: str, registry: Registry | None = None) -> list[Link]:
    """Links between the units of an original and of its translation, in text order. Every
    unit index of both sides is in exactly one link; units with no counterpart are links
    with the other side empty."""
    o_idx = [k for k, u in enumerate(original) if u.kind not in SKIPPED_KINDS]
    t_idx = [k for k, u in enumerate(translation) if u.kind not in SKIPPED_KINDS]
    o_gaps, t_gaps = _omissions(original, o_idx), _omissions(translation, t_idx)
    o_feat = [features(original[k], original_lang, registry) for k in o_idx]
    t_feat = [features(translation[k], translation_lang, registry) for k in t_idx]
    t_broken = broken_off(translation)
    o_broken = broken_off(original)
    n, m = len(o_feat), len(t_feat)

    # The length ratio is a parameter of the model: of the candidate ratios (the usual one,
    # the texts' overall one, then the one measured on the best alignment's confident
    # links) the alignment takes the most likely, i.e. the cheapest best path.
    evidence: dict[tuple[int, int, int, int], tuple[float, list[str]]] = {}

    def solve(ratio: float) -> _Solution:
        scorer = _Scorer(o_feat, t_feat, ratio, t_broken, o_broken, evidence)
        scorer.orig_omissions, scorer.trans_omissions = o_gaps, t_gaps
        return _solve(scorer, n, m)

    overall = _ratio(o_feat, t_feat, t_broken or o_broken)
    ratios = [DEFAULT_RATIO] if abs(overall - DEFAULT_RATIO) < 0.05 else [DEFAULT_RATIO, overall]
    best = min((solve(r) for r in ratios), key=lambda s: s.cost)
    measured = _measured_ratio(best, o_feat, t_feat, t_broken, o_broken)
    if measured is not None and abs(measured - best.ratio) > 0.01:
        refined = solve(measured)
        if refined.cost <= best.cost:
            best = refined
    path, posterior = best.path, best.posterior

    beads: list[Link] = []
    for i, j, di, dj, s in path:
        flag = ""
        if not (di and dj):
            lost = (di and t_broken and j == m) or (dj and o_broken and i == n) \
                or OMITTED_SIGNAL in s.signals
            flag = "lost" if lost else "unaligned"
        confidence = posterior[(i, j, di, dj)]
        signals = tuple(s.signals)
        if di and not dj and j == m and m and not t_broken and not o_feat[i].archival:
            # A translation that ends with a whole sentence cannot say whether the rest
            # was never translated or its copy is incomplete: the editor decides.
            confidence = min(confidence, LOW_CONFIDENCE / 2)
            signals += ("the translation ends before it: not translated, or its copy incomplete?",)
        beads.append(Link(tuple(o_idx[i:i + di]), tuple(t_idx[j:j + dj]),
                          round(confidence, 3), signals, flag))
    return _with_skipped(beads, original, translation)


def _omissions(units: Sequence[Unit], kept: list[int]) -> frozenset[int]:
    """Positions inside a text (between its k-1th and kth alignment unit) where it marks an
    omission: the other text's units there are lost from this copy, not absent from it. The
    ends are left out: an omission mark before the first or after the last unit stands for
    a heading or trailer the copy leaves out, which the other text's copy may never have
    had."""
    return frozenset(k for k in range(1, len(kept))
                     if any(units[x].kind in SKIPPED_KINDS for x in range(kept[k - 1] + 1, kept[k])))


def _with_skipped(beads: list[Link], original: Sequence[Unit],
                  translation: Sequence[Unit]) -> list[Link]:
    """The beads in text order, with each omission mark where it stands in its text."""
    pending_o = [k for k, u in enumerate(original) if u.kind in SKIPPED_KINDS]
    pending_t = [k for k, u in enumerate(translation) if u.kind in SKIPPED_KINDS]
    links: list[Link] = []

    def flush(o_before: float, t_before: float) -> None:
        while pending_o and pending_o[0] < o_before:
            links.append(Link((pending_o.pop(0),), (), 1.0, ("omission mark",), "skipped"))
        while pending_t and pending_t[0] < t_before:
            links.append(Link((), (pending_t.pop(0),), 1.0, ("omission mark",), "skipped"))

    for bead in beads:
        flush(bead.original[0] if bead.original else -1,
              bead.translation[0] if bead.translation else -1)
        links.append(bead)
    flush(math.inf, math.inf)
    return links


def review(links: Sequence[Link]) -> list[Link]:
    """The links an editor must look at: below LOW_CONFIDENCE, omission marks aside."""
    return [link for link in links if link.flag != "skipped" and link.low]
