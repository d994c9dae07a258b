"""The expression table (tests/fixtures/expressions/table.tsv): date, time and measure
expressions as archival telegrams and reports write them, in Russian and English, each
with the TEI the encoder must give. Known limitations are listed in the table as
``xfail`` and counted; run this file with ``-rA`` or see the summary test for the share."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from edition.dates import find_dates
from edition.measures import find_measures

TABLE = Path(__file__).parent / "fixtures" / "expressions" / "table.tsv"
TAG = re.compile(r"</?(?:date|measure|num)\b[^>]*>")


@dataclass(frozen=True)
class Case:
    line: int
    lang: str
    kind: str
    written: dt.date
    report: bool
    expected: str
    known_failure: bool

    @property
    def text(self) -> str:
        return TAG.sub("", self.expected).replace("&amp;", "&")

    @property
    def id(self) -> str:
        return f"{self.line}-{self.lang}-{self.kind}"


def load_table() -> list[Case]:
    cases = []
    for number, raw in enumerate(TABLE.read_text(encoding="utf-8").split("\n"), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        known = raw.startswith("xfail ")
        lang, kind, written, report, expected = raw.removeprefix("xfail ").split("\t")
        cases.append(Case(number, lang, kind, dt.date.fromisoformat(written), report == "report",
                          expected, known))
    return cases


CASES = load_table()


def _attrs(pairs: tuple[tuple[str, str], ...]) -> str:
    return "".join(f' {k}="{v}"' for k, v in pairs)


def mark_up(text: str, written: dt.date, report: bool) -> str:
    """The text with the dates and measures the recognisers find, written as the encoder
    writes them (dates before measures where they overlap, as in edition.annotate)."""
    found: list[tuple[int, int, str]] = []
    for d in find_dates(text, written, report=report):
        found.append((d.start, d.end, f"<date{_attrs(d.attributes)}>{text[d.start:d.end]}</date>"))
    for m in find_measures(text):
        if any(m.start < e and s < m.end for s, e, _ in found):
            continue
        inner = text[m.start:m.end]
        if m.range:
            first, last = m.range[0] - m.start, m.range[1] - m.start
            inner = (f'{inner[:first]}<num atLeast="{m.range[2]}" atMost="{m.range[3]}">'
                     f"{inner[first:last]}</num>{inner[last:]}")
        found.append((m.start, m.end, f"<measure{_attrs(m.attributes)}>{inner}</measure>"))
    out, pos = [], 0
    for start, end, tei in sorted(found):
        out += [text[pos:start], tei]
        pos = end
    return "".join(out + [text[pos:]])


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_expression_gives_the_expected_tei(case: Case) -> None:
    got = mark_up(case.text, case.written, case.report)
    if case.known_failure:
        if got == case.expected:
            pytest.fail(f"line {case.line} now passes: remove its 'xfail' mark")
        pytest.xfail(f"known limitation (table line {case.line})")
    assert got == case.expected


def test_the_table_is_large_and_covers_both_languages_and_every_kind() -> None:
    by_lang = Counter(c.lang for c in CASES)
    kinds = {c.kind for c in CASES}
    assert len(CASES) >= 150
    assert min(by_lang["ru"], by_lang["en"]) >= 60
    assert {"date", "time", "range", "relative", "approx", "month-year", "year", "ordinal",
            "not-date", "measure", "duration"} <= kinds
    for lang in ("ru", "en"):
        assert {c.kind for c in CASES if c.lang == lang} == kinds


def test_summary_the_share_the_recognisers_get_right(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the table's size per language and kind and the share right (run with -s)."""
    right = Counter()
    total = Counter()
    for case in CASES:
        key = (case.lang, case.kind)
        total[key] += 1
        right[key] += mark_up(case.text, case.written, case.report) == case.expected
    lines = [f"{lang} {kind:<11} {right[(lang, kind)]:>3}/{total[(lang, kind)]:<3}"
             for lang, kind in sorted(total)]
    share = sum(right.values()) / sum(total.values())
    with capsys.disabled():
        print("\nexpression table: " + "; ".join(lines))
        print(f"expression table: {sum(right.values())}/{sum(total.values())} right ({share:.1%})")
    # every failure is a listed known limitation, never a silent one
    assert sum(right.values()) == sum(1 for c in CASES if not c.known_failure)
