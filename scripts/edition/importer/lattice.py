"""The alignment lattice (Gale and Church): the cost of each bead — its lengths under a
normal model of the length ratio, the prior of its shape, the evidence of :mod:`.signals` —
the best path (Viterbi) and each bead's posterior probability (forward-backward)."""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .signals import NAME_ALIKE, Features, kind_family

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


# --- the cost of a bead --------------------------------------------------------------------

def norm_sf(x: float) -> float:
    """P(|Z| > x) for a standard normal Z."""
    return math.erfc(abs(x) / math.sqrt(2))


@dataclass
class Score:
    cost: float
    signals: list[str]


@dataclass
class Span:
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


def span_of(features: list[Features]) -> Span:
    first = features[0]
    if len(features) == 1:
        return Span(first.length, first.point, 0, first.numbers, first.dates, first.names,
                     first.questions, first.exclamations, first.quotes, kind_family(first.kind),
                     first.archival, first.alike)
    return Span(sum(f.length for f in features), first.point,
                 sum(1 for f in features[1:] if f.point),
                 sum((f.numbers for f in features), Counter()),
                 frozenset().union(*(f.dates for f in features)),
                 frozenset().union(*(f.names for f in features)),
                 sum(f.questions for f in features), sum(f.exclamations for f in features),
                 any(f.quotes for f in features), kind_family(first.kind), first.archival,
                 frozenset().union(*(f.alike for f in features)))


@lru_cache(maxsize=65536)
def names_alike(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= NAME_ALIKE


class Scorer:
    def __init__(self, orig: list[Features], trans: list[Features], ratio: float,
                 trans_broken: bool, orig_broken: bool,
                 evidence: dict[tuple[int, int, int, int], tuple[float, list[str]]] | None = None):
        self.orig = orig
        self.trans = trans
        self.ratio = ratio
        self.trans_broken = trans_broken
        self.orig_broken = orig_broken
        self.orig_kinds = Counter(kind_family(f.kind) for f in orig)
        self.trans_kinds = Counter(kind_family(f.kind) for f in trans)
        self.spans: dict[tuple[int, int, int], Span] = {}
        # positions (between two units, 1..len-1) where a text marks an omission […]
        self.orig_omissions: frozenset[int] = frozenset()
        self.trans_omissions: frozenset[int] = frozenset()
        # what the texts say of a bead does not depend on the length ratio: kept across passes
        self.evidence_cache = evidence if evidence is not None else {}

    def _side(self, side: int, i: int, d: int) -> Span:
        key = (side, i, d)
        span = self.spans.get(key)
        if span is None:
            span = self.spans[key] = span_of((self.orig if side == 0 else self.trans)[i:i + d])
        return span

    def bead(self, i: int, j: int, di: int, dj: int) -> Score:
        """The cost of joining orig[i:i+di] with trans[j:j+dj]."""
        n, m = len(self.orig), len(self.trans)
        if di == 0 or dj == 0:
            return self._alone(i, j, di, dj, n, m)
        if any(k in self.orig_omissions for k in range(i + 1, i + di)) or \
                any(k in self.trans_omissions for k in range(j + 1, j + dj)):
            return Score(math.inf, [])  # units an omission mark separates are never joined
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
        cost += min(-math.log(max(norm_sf(delta), 1e-12)), MAX_LENGTH_COST)
        signals.append(f"length {t.length / expected:.2f}")
        return Score(cost, signals + evidence_signals)

    @staticmethod
    def _evidence(o: Span, t: Span) -> tuple[float, list[str]]:
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
            alike = sorted(w for w in o.alike if any(names_alike(w, x) for x in t.alike))
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

    def _alone(self, i: int, j: int, di: int, dj: int, n: int, m: int) -> Score:
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
            return Score(LOST_COST, ["the other text breaks off before it"])
        if (j in self.trans_omissions) if di else (i in self.orig_omissions):
            return Score(OMITTED_COST, [OMITTED_SIGNAL])
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
        if f.archival and counterpart_kind[kind_family(f.kind)] == 0:
            cost -= 0.3
            signals.append(f"{f.kind}: the other text has none")
        return Score(cost, signals)


# --- the lattice ---------------------------------------------------------------------------

def logsumexp(values: list[float]) -> float:
    if not values:
        return -math.inf
    top = max(values)
    if top == -math.inf:
        return top
    return top + math.log(sum(math.exp(v - top) for v in values))


#: texts up to this many units on each side are aligned over the whole lattice
FULL_LATTICE = 80


def band(n: int, m: int) -> Callable[[int, int], bool]:
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
class Solution:
    ratio: float
    cost: float                                              # of the best path
    path: list[tuple[int, int, int, int, Score]]
    posterior: dict[tuple[int, int, int, int], float]        # of each bead on it


def solve(scorer: Scorer, n: int, m: int) -> Solution:
    """Best path (Viterbi) and the posterior of every bead on it (forward-backward)."""
    scores: dict[tuple[int, int, int, int], Score] = {}

    def score(i: int, j: int, di: int, dj: int) -> Score:
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
    allowed = band(n, m)
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
            forward[i][j] = logsumexp(terms)
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
            backward[i][j] = logsumexp(terms)
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
    return Solution(scorer.ratio, best[n][m], path, posterior)
