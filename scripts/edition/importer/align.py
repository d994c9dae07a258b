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

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lattice import OMITTED_SIGNAL, Scorer, Solution, solve
from .signals import ARCHIVAL_KINDS, SKIPPED_KINDS, Features, broken_off, features, translit

if TYPE_CHECKING:
    from ..registry import Registry

# The signals and the lattice live in .signals and .lattice; what callers of the alignment
# use is here.
__all__ = ["ARCHIVAL_KINDS", "LOW_CONFIDENCE", "SKIPPED_KINDS", "Link", "Unit", "align", "broken_off",
           "review", "translit"]

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


#: the translation's length per character of the original, before the text says better
DEFAULT_RATIO = 1.0


def _measured_ratio(solution: Solution, o_feat: list[Features], t_feat: list[Features],
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


def _ratio(orig: list[Features], trans: list[Features], broken: bool) -> float:
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

    def run(ratio: float) -> Solution:
        scorer = Scorer(o_feat, t_feat, ratio, t_broken, o_broken, evidence)
        scorer.orig_omissions, scorer.trans_omissions = o_gaps, t_gaps
        return solve(scorer, n, m)

    overall = _ratio(o_feat, t_feat, t_broken or o_broken)
    ratios = [DEFAULT_RATIO] if abs(overall - DEFAULT_RATIO) < 0.05 else [DEFAULT_RATIO, overall]
    best = min((run(r) for r in ratios), key=lambda s: s.cost)
    measured = _measured_ratio(best, o_feat, t_feat, t_broken, o_broken)
    if measured is not None and abs(measured - best.ratio) > 0.01:
        refined = run(measured)
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
