"""Recognise dates and times in running text, in Russian and English, as TEI attributes.

Each date found is a :class:`Span` whose ``attributes`` are those of TEI ``<date>``:

- one day or moment: ``when`` (``1951-07-03``, ``1951-07-01T05:30:00``; a time zone only
  where the text states one: ``GMT``/``UTC``, «по Гринвичу»);
- a period: ``from``/``to`` («2–3.7.51», "2-3 July", «с 5 по 10 июля», "June 30 – July 2",
  "June–July 1951");
- a date known to lie within bounds: ``notBefore``/``notAfter`` ("between 5 and 10 July",
  "last night");
- an approximate date (примерно, около, приблизительно, about, approximately, around,
  "on or about", circa): the same value with ``precision="low"``; the qualifier is part of
  the marked text.

A day and month without a year ("January 31", «21 февраля», "the third of July", "the
31st") take the year from the document's date: the date nearest to it, and for a report
(``report=True``: an account of what happened) the nearest date on or before it. Two-digit
years (``3.7.51``) take the century of the document's date. Relative words (вчера,
позавчера, сегодня, завтра, послезавтра; yesterday, today, tomorrow, "the day before
yesterday", "the day after tomorrow", "last night") are resolved against the document's
date; «на днях», "the other day" are dates that cannot be resolved and are marked without
a value. Numbers that are not dates are left alone: telegram numbers ("No. 21405",
«№ 72/III»), points ("1, 2 and 3"), «38 параллели», day-month pairs without a year in
figures ("5.7", which may be a decimal).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .datewords import (
    APPROX,
    MONTH_EN,
    MONTH_RU,
    ORDINAL_EN,
    ORDINAL_RU,
    RELATIVE,
    UNRESOLVABLE,
    month_number,
    ordinal_day,
)
from .measures import find_measures  # noqa: F401 - kept importable from here (older callers)

# Attributes in the order they are written.
ATTRIBUTE_ORDER = ("when", "from", "to", "notBefore", "notAfter", "precision", "cert")


class DateError(ValueError):
    """A date in the text that cannot exist (31.2.1950, 25:61, a period that ends before it
    begins)."""

    def __init__(self, text: str, reason: str):
        super().__init__(f"{text!r} is not a possible date: {reason}")
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class Span:
    """A date in the text: ``start``/``end`` index the text; ``attributes`` are TEI's
    (empty for a date that cannot be resolved); ``value`` the first ISO value (``when``,
    ``from`` or ``notBefore``), for callers that want one date."""

    start: int
    end: int
    value: str
    attributes: tuple[tuple[str, str], ...] = field(default=())
    kind: str = "date"

    @property
    def attrs(self) -> dict[str, str]:
        return dict(self.attributes)


# --- building blocks ---------------------------------------------------------------------

def _alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first; a space matches any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_en_month = _alternation(MONTH_EN)
_ru_month = _alternation(MONTH_RU)
_en_ord = _alternation(ORDINAL_EN)
_ru_ord = _alternation(ORDINAL_RU)
DASH = r"\s*[-‐‑–—]\s*"
SUFFIX = r"(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[6-9]|20)\d\d"
RU_YEAR_TAIL = r"(?:\s*(?i:г\.|гг\.|года|году|год)(?!\w))?"
EN_YEAR = rf"(?:,?\s+(?:of\s+)?(?P<y>{YEAR4}|'\d\d))?"
TIME = r"(?P<H>\d{1,2}):(?P<M>\d\d)"   # out-of-range values are reported, not skipped
ZONE = r"(?:\s*(?P<zone>GMT|UTC|Z|по\s+Гринвичу))?"
NUMERIC = r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?!\d|\.\d)"
LEFT = r"(?<![\w.:/№-])"          # not inside a number, a word or a reference like 72/3
RIGHT = r"(?![\w])"


@dataclass(frozen=True)
class _Form:
    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str], _Resolver], dict[str, str] | list[tuple[tuple[int, int], dict[str, str]]]]


class _Resolver:
    def __init__(self, written: dt.date, report: bool):
        self.written, self.report = written, report

    def year(self, raw: str | None) -> int | None:
        if not raw:
            return None
        raw = raw.lstrip("'")
        if len(raw) == 2:
            return self.written.year // 100 * 100 + int(raw)
        return int(raw)

    def day(self, text: str, day: int, month: int, year: int | None) -> dt.date:
        """A real day; without a year, the one nearest the document's date (on or before it
        for a report)."""
        if year is not None:
            try:
                return dt.date(year, month, day)
            except ValueError as err:
                raise DateError(text, str(err)) from err
        candidates = []
        for y in (self.written.year - 1, self.written.year, self.written.year + 1):
            try:
                candidates.append(dt.date(y, month, day))
            except ValueError:
                continue
        if self.report:
            candidates = [c for c in candidates if c <= self.written]
        if not candidates:
            raise DateError(text, f"there is no day {day} in month {month}")
        return min(candidates, key=lambda c: (abs((c - self.written).days), c > self.written))

    def day_of_month(self, text: str, day: int) -> dt.date:
        """"The 31st": the nearest day with that number on or before the document's date."""
        if not 1 <= day <= 31:
            raise DateError(text, f"there is no day {day}")
        month, year = self.written.month, self.written.year
        for _ in range(13):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                candidate = None
            if candidate is not None and candidate <= self.written:
                return candidate
            month, year = (month - 1, year) if month > 1 else (12, year - 1)
        raise DateError(text, f"there is no day {day}")  # pragma: no cover - unreachable


def _period(text: str, first: dt.date, last: dt.date) -> dict[str, str]:
    if last < first:
        raise DateError(text, f"the period ends ({last.isoformat()}) before it begins "
                        f"({first.isoformat()})")
    return {"from": first.isoformat(), "to": last.isoformat()}


def _month(m: re.Match[str], group: str) -> int:
    return int(m[group]) if m[group].isdigit() else month_number(m[group])


# --- forms -------------------------------------------------------------------------------

def _numeric(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    day = r.day(m[0], int(m["d"]), _checked_month(m, "m"), r.year(m["y"]))
    return {"when": day.isoformat()}


def _checked_month(m: re.Match[str], group: str) -> int:
    month = int(m[group])
    if not 1 <= month <= 12:
        raise DateError(m[0], f"there is no month {month}")
    return month


ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
         "XI": 11, "XII": 12}


def _roman(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    return {"when": r.day(m[0], int(m["d"]), ROMAN[m["rm"]], r.year(m["y"])).isoformat()}


def _day_list(m: re.Match[str], r: _Resolver) -> list[tuple[tuple[int, int], dict[str, str]]]:
    """"5 and 10 July", «5 и 10 июля»: two days of one month, each its own date."""
    month, year = _month(m, "mon"), r.year(m["y"])
    return [(m.span("first"), {"when": r.day(m[0], int(m["d1"]), month, year).isoformat()}),
            (m.span("second"), {"when": r.day(m[0], int(m["d2"]), month, year).isoformat()})]


def _night(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    month, year = _month(m, "mon"), r.year(m["y"])
    return _period(m[0], r.day(m[0], int(m["d1"]), month, year), r.day(m[0], int(m["d2"]), month, year))


def _part_of_month(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    """"early July 1951", «в конце июня»: the month, approximately (the text says which part,
    the value cannot)."""
    month, year = _month(m, "mon"), r.year(m["y"])
    if year is None:
        year = r.day(m[0], 1, month, None).year
    return {"when": f"{year:04d}-{month:02d}", "precision": "low"}


def _iso(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    return {"when": r.day(m[0], int(m["d"]), _checked_month(m, "m"), int(m["y"])).isoformat()}


def _hours_day_month(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    day = r.day(m[0], int(m["d"]), _month(m, "mon"), r.year(m["y"]))
    return {"when": f"{day.isoformat()}T{m['H']}:{m['M']}:00"}


def _with_time(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    if int(m["H"]) > 23 or int(m["M"]) > 59:
        raise DateError(m[0], f"there is no time {m['H']}:{m['M']}")
    day = r.day(m[0], int(m["d"]), _checked_month(m, "m"), r.year(m["y"]))
    when = f"{day.isoformat()}T{int(m['H']):02d}:{m['M']}:00"
    if m["zone"]:
        when += "Z"
    return {"when": when}


def _numeric_day_range(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    month, year = _checked_month(m, "m"), r.year(m["y"])
    return _period(m[0], r.day(m[0], int(m["d1"]), month, year), r.day(m[0], int(m["d2"]), month, year))


def _numeric_month_range(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    year = r.year(m["y"])
    first_year = r.year(m["y1"]) if m["y1"] else year
    return _period(m[0], r.day(m[0], int(m["d1"]), _checked_month(m, "m1"), first_year),
                   r.day(m[0], int(m["d2"]), _checked_month(m, "m"), year))


def _day_month(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    day = int(m["d"]) if m["d"] else ordinal_day(m["od"])
    return {"when": r.day(m[0], day, _month(m, "mon"), r.year(m["y"])).isoformat()}


def _day_range(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    month, year = _month(m, "mon"), r.year(m["y"])
    first_month = _month(m, "mon1") if m["mon1"] else month
    first = r.day(m[0], int(m["d1"]), first_month, year)
    last = r.day(m[0], int(m["d2"]), month, year)
    if year is None and first_month > month:  # "30 December – 2 January" across a year's end
        first = first.replace(year=first.year - 1)
    values = _period(m[0], first, last)
    if m.groupdict().get("between"):
        return {"notBefore": values["from"], "notAfter": values["to"]}
    return values


def _month_year(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    year = r.year(m["y"])
    assert year is not None
    return {"when": f"{year:04d}-{_month(m, 'mon'):02d}"}


def _month_range(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    year = r.year(m["y"])
    assert year is not None
    first, last = _month(m, "mon1"), _month(m, "mon")
    if last < first:
        raise DateError(m[0], "the period ends before it begins")
    return {"from": f"{year:04d}-{first:02d}", "to": f"{year:04d}-{last:02d}"}


def _year(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    return {"when": m["y"]}


def _year_range(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    if int(m["y2"]) < int(m["y1"]):
        raise DateError(m[0], "the period ends before it begins")
    return {"from": m["y1"], "to": m["y2"]}


def _nth(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    day = m["d"] or m.groupdict().get("d2")
    assert day is not None
    return {"when": r.day_of_month(m[0], int(day)).isoformat()}


def _relative(m: re.Match[str], r: _Resolver) -> dict[str, str]:
    word = re.sub(r"\s+", " ", m["rel"])
    if word in UNRESOLVABLE:
        return {}
    offset = RELATIVE[word]
    if isinstance(offset, tuple):  # "last night": the night before the document's date
        return {"notBefore": (r.written + dt.timedelta(days=offset[0])).isoformat(),
                "notAfter": (r.written + dt.timedelta(days=offset[1])).isoformat()}
    return {"when": (r.written + dt.timedelta(days=offset)).isoformat()}


_EN_DAY = rf"(?P<d>\d{{1,2}}){SUFFIX}"
_RU_DAY = r"(?P<d>\d{1,2})(?:-?го)?"
_rel = _alternation([*RELATIVE, *UNRESOLVABLE])

FORMS: list[_Form] = [
    # 30.6–2.7.51, 30.6.51–2.7.51
    _Form("numeric month range", re.compile(
        LEFT + r"(?P<d1>\d{1,2})\.(?P<m1>\d{1,2})(?:\.(?P<y1>\d{4}|\d{2}))?" + DASH
        + r"(?P<d2>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?!\d|\.\d)"), _numeric_month_range),
    # 2–3.7.51
    _Form("numeric day range", re.compile(
        LEFT + r"(?P<d1>\d{1,2})" + DASH + r"(?P<d2>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?!\d|\.\d)"),
        _numeric_day_range),
    # 13:55 3.7.1951; 1.7.51 5:30; 1.7.51 в 5:30 GMT
    _Form("time and date", re.compile(LEFT + TIME + r"\s+" + NUMERIC + ZONE), _with_time),
    _Form("date and time", re.compile(
        LEFT + NUMERIC + r"(?:\s*(?:г\.|года))?,?\s+(?:в\s+|at\s+)?" + TIME + r"(?!\d)" + ZONE), _with_time),
    # 13 ч. 55 м. 3.7.51 (the telegraph office's form)
    _Form("ru time and date", re.compile(
        LEFT + r"(?P<H>\d{1,2})\s*ч\.?\s*(?P<M>\d\d)\s*м(?:ин)?\.?\s+" + NUMERIC + ZONE), _with_time),
    # 0530 hours 1 July (military)
    _Form("en hours day month", re.compile(
        rf"{LEFT}(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)\s+hours,?\s+(?P<d>\d{{1,2}}){SUFFIX}\s+(?:of\s+)?"
        rf"(?P<mon>{_en_month}){EN_YEAR}{RIGHT}"), _hours_day_month),
    _Form("iso", re.compile(r"(?<![\w.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])"), _iso),
    _Form("numeric", re.compile(LEFT + NUMERIC + r"(?:\s*г\.(?!\w))?"), _numeric),
    # 10.VII, 10.VII.51: the month in Roman figures
    _Form("roman month", re.compile(
        LEFT + r"(?P<d>\d{1,2})\.(?P<rm>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
        r"(?:\.(?P<y>\d{4}|\d{2}))?(?![\w.]\w|[/\w])(?:\s*г\.(?!\w))?"), _roman),
    # June 30 – July 2, 1951; 30 June – 2 July 1951
    _Form("en month-day range", re.compile(
        rf"\b(?P<mon1>{_en_month})\s+(?P<d1>\d{{1,2}}){SUFFIX}{DASH}(?P<mon>{_en_month})\s+"
        rf"(?P<d2>\d{{1,2}}){SUFFIX}{EN_YEAR}{RIGHT}"), _day_range),
    _Form("en day-month range", re.compile(
        rf"{LEFT}(?P<d1>\d{{1,2}}){SUFFIX}\s+(?P<mon1>{_en_month}){DASH}(?P<d2>\d{{1,2}}){SUFFIX}\s+"
        rf"(?P<mon>{_en_month}){EN_YEAR}{RIGHT}"), _day_range),
    # July 2-3, 1951; 2-3 July; from 5 to 10 July; between 5 and 10 July
    _Form("en day range", re.compile(
        rf"(?P<between>(?<!\w)between\s+)?\b(?P<mon>{_en_month})\s+(?P<d1>\d{{1,2}}){SUFFIX}"
        rf"(?:{DASH}|\s+(?:to|through|till|until)\s+|(?(between)\s+and\s+|(?!)))"
        rf"(?P<d2>\d{{1,2}}){SUFFIX}{EN_YEAR}{RIGHT}(?P<mon1>)"), _day_range),
    _Form("en day range before month", re.compile(
        rf"(?:\b(?:from\s+(?:the\s+)?|(?P<between>between\s+(?:the\s+)?)))?{LEFT}(?P<d1>\d{{1,2}}){SUFFIX}"
        rf"(?:{DASH}|\s+(?:to|through|till|until)\s+(?:the\s+)?|(?(between)\s+and\s+(?:the\s+)?|(?!)))"
        rf"(?P<d2>\d{{1,2}}){SUFFIX}\s+"
        rf"(?:of\s+)?(?P<mon>{_en_month}){EN_YEAR}{RIGHT}(?P<mon1>)"), _day_range),
    # с 5 по 10 июля 1951 г.; 5–10 июля; с 30 июня по 2 июля; между 5 и 10 июля
    _Form("ru day range", re.compile(
        rf"(?:(?<!\w)(?:с|от)\s+|(?P<between>(?<!\w)между\s+))?{LEFT}(?P<d1>\d{{1,2}})(?:-?го)?"
        rf"(?:\s+(?P<mon1>{_ru_month}))?(?:{DASH}|\s+(?:по|до)\s+|(?(between)\s+и\s+|(?!)))"
        rf"(?P<d2>\d{{1,2}})(?:-?го)?\s+"
        rf"(?P<mon>{_ru_month})(?:\s+(?P<y>{YEAR4}){RU_YEAR_TAIL})?{RIGHT}"), _day_range),
    # в ночь с 2 на 3 июля
    _Form("ru night", re.compile(
        rf"(?<!\w)(?:ночь|ночи|ночью)\s+с\s+(?P<d1>\d{{1,2}})(?:-?го)?\s+на\s+(?P<d2>\d{{1,2}})(?:-?е)?\s+"
        rf"(?P<mon>{_ru_month})(?:\s+(?P<y>{YEAR4}){RU_YEAR_TAIL})?{RIGHT}"), _night),
    # 5 и 10 июля; July 2nd and 3rd
    _Form("ru day list", re.compile(
        rf"{LEFT}(?P<first>(?P<d1>\d{{1,2}})(?:-?го)?)\s+(?:и|или)\s+(?P<second>(?P<d2>\d{{1,2}})(?:-?го)?\s+"
        rf"(?P<mon>{_ru_month})(?:\s+(?P<y>{YEAR4}){RU_YEAR_TAIL})?){RIGHT}"), _day_list),
    _Form("en day list", re.compile(
        rf"\b(?P<first>(?P<mon>{_en_month})\s+(?P<d1>\d{{1,2}}){SUFFIX})\s+(?:and|or)\s+"
        rf"(?P<second>(?P<d2>\d{{1,2}}){SUFFIX})(?:,?\s+(?P<y>{YEAR4}))?{RIGHT}"), _day_list),
    _Form("en day list before month", re.compile(
        rf"{LEFT}(?P<first>(?P<d1>\d{{1,2}}){SUFFIX})\s+(?:and|or)\s+(?P<second>(?P<d2>\d{{1,2}}){SUFFIX}\s+"
        rf"(?:of\s+)?(?P<mon>{_en_month}){EN_YEAR}){RIGHT}"), _day_list),
    # early July 1951; в конце июня
    _Form("part of month", re.compile(
        rf"(?:\b(?:[Ee]arly|[Ll]ate|[Mm]id-|(?:at\s+)?the\s+(?:end|beginning|middle)\s+of)\s*"
        rf"|(?<!\w)(?:начале|конце|середине|первой\s+половине|второй\s+половине|начала|конца|середины)\s+)"
        rf"(?P<mon>{_en_month}|{_ru_month})(?:,?\s+(?:of\s+)?(?P<y>{YEAR4}){RU_YEAR_TAIL})?{RIGHT}"),
        _part_of_month),
    # June–July 1951; июнь–июль 1951 г.
    _Form("month range", re.compile(
        rf"\b(?P<mon1>{_en_month}|{_ru_month}){DASH}(?P<mon>{_en_month}|{_ru_month})\s+(?:of\s+)?"
        rf"(?P<y>{YEAR4}){RU_YEAR_TAIL}{RIGHT}"), _month_range),
    # July 3, 1951; July 3rd; July the third
    _Form("en month day", re.compile(
        rf"\b(?P<mon>{_en_month})\s+(?:(?P<d>\d{{1,2}}){SUFFIX}|the\s+(?P<od>{_en_ord})){EN_YEAR}"
        rf"(?![\w:.]\d|\w)"), _day_month),
    # 3 July 1951; 3rd of July; the third of July
    _Form("en day month", re.compile(
        rf"(?:{LEFT}{_EN_DAY}|\b(?:the\s+)?(?P<od>{_en_ord}))\s+(?:of\s+)?(?P<mon>{_en_month})"
        rf"{EN_YEAR}{RIGHT}"), _day_month),
    # 3 июля 1951 г.; третьего июля
    _Form("ru day month", re.compile(
        rf"(?:{LEFT}{_RU_DAY}|(?<!\w)(?P<od>{_ru_ord}))\s+(?P<mon>{_ru_month})"
        rf"(?:\s+(?P<y>{YEAR4}){RU_YEAR_TAIL})?{RIGHT}"), _day_month),
    # July 1951; в июле 1951 года
    _Form("month year", re.compile(
        rf"\b(?P<mon>{_en_month}|{_ru_month})\s+(?:of\s+)?(?P<y>{YEAR4}){RU_YEAR_TAIL}{RIGHT}"), _month_year),
    # 1950–1951 гг.; in 1950-1951
    _Form("year range", re.compile(
        rf"{LEFT}(?P<y1>{YEAR4}){DASH}(?P<y2>{YEAR4})(?:\s*(?i:гг\.|годах|годы|годов)|(?=\s*[,.;)]|\s*\Z))"
        r"(?![\w-])"), _year_range),
    # 1951 г., в 1951 году; in 1951, since 1950
    _Form("ru year", re.compile(rf"{LEFT}(?P<y>{YEAR4})\s*(?:г\.|года|году|год)(?!\w)"), _year),
    _Form("en year", re.compile(
        rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|till|by|for|during|of|early|late)\s+(?P<span>(?P<y>{YEAR4}))"
        r"(?![\w/]|[.-]\d)"), _year),
    # on the 31st; of the 3rd inst.; 31-го числа; от 31-го
    _Form("en nth", re.compile(
        r"\b(?:on|of|by)\s+(?P<span>the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)(?:\s+inst\.?)?)"
        r"(?=\s*[,.;:)]|\s*\Z)"), _nth),
    _Form("ru nth", re.compile(
        r"(?<![\w-])(?P<d>\d{1,2})-?го\s+(?:числа|сего\s+месяца|текущего\s+месяца|с\.\s*м\.)"
        r"|(?<!\w)от\s+(?P<span>(?P<d2>\d{1,2})-?го)(?=\s*[,.;:)])"), _nth),
    _Form("relative", re.compile(rf"(?<!\w)(?P<rel>{_rel})(?!\w)"), _relative),
]
APPROX_RE = re.compile(r"(?<!\w)(?:" + _alternation(APPROX) + r")(?:\s+(?:on|in|at|в|к))?\s+\Z")


def find_dates(text: str, written: dt.date, *, report: bool = False) -> list[Span]:
    """Dates in ``text``, in text order, never overlapping (of two that overlap, the one
    found by the earlier form wins, and the forms are ordered from the most specific).
    ``written`` is the document's date, against which dates without a year and relative
    words are resolved; ``report``: take the nearest day on or before it (an account of
    what happened), not the nearest either way. Raises DateError on an impossible date."""
    resolver = _Resolver(written, report)
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for form in FORMS:
        for m in form.pattern.finditer(text):
            whole = m.span("span") if "span" in m.groupdict() and m["span"] else m.span()
            if any(whole[0] < e and s < whole[1] for s, e in taken):
                continue
            built = form.build(m, resolver)
            # a list ("5 and 10 July") gives one date per member
            parts = built if isinstance(built, list) else [(whole, built)]
            for (start, end), attrs in parts:
                approx = APPROX_RE.search(text, 0, start)
                if approx and attrs and not any(s < start and approx.start() < e for s, e in taken):
                    start = approx.start()
                    attrs["precision"] = "low"
                ordered = tuple((k, attrs[k]) for k in ATTRIBUTE_ORDER if k in attrs)
                value = attrs.get("when") or attrs.get("from") or attrs.get("notBefore") or ""
                spans.append(Span(start, end, value, ordered, form.name))
                taken.append((start, end))
    return sorted(spans, key=lambda s: s.start)
