"""Recognise dates and measures in running text, in Russian and English.

Dates become ISO 8601 (``@when``): ``31.1.1950`` (day.month.year, the archive's
order), ``2.1.50`` (two-digit year, century taken from the document's date),
``09:30 2.1.1950`` (date and time), ``January 2, 1950``, ``2 January``/«2 января» (year from
the document's date), and the relative words ``yesterday``/«вчера», ``today``/«сегодня»,
``tomorrow``/«завтра», resolved against the date the document was written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS_EN = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS_RU = {name: i for i, name in enumerate(
    ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
     "сентября", "октября", "ноября", "декабря"], start=1)}
RELATIVE = {"yesterday": -1, "today": 0, "tomorrow": 1, "вчера": -1, "сегодня": 0, "завтра": 1}

_en = "|".join(MONTHS_EN)
_ru = "|".join(MONTHS_RU)
_NUMERIC = r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?!\d)"
DATE_PATTERNS = [
    re.compile(r"(?<![\d.:])(?P<H>\d{1,2}):(?P<M>\d{2})\s+" + _NUMERIC),
    re.compile(r"(?<![\d.])" + _NUMERIC),
    re.compile(rf"\b(?P<mon>{_en})\s+(?P<d>\d{{1,2}}),\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{_en})(?:\s+(?P<y>\d{{4}}))?\b", re.IGNORECASE),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{_ru})(?:\s+(?P<y>\d{{4}}))?(?!\w)", re.IGNORECASE),
    re.compile(r"(?<!\w)(?P<rel>" + "|".join(RELATIVE) + r")(?!\w)", re.IGNORECASE),
]

# Units we know how to normalise: the text's words -> a unit code for @unit.
UNITS = {
    "english miles": "mi", "english mile": "mi", "miles": "mi", "mile": "mi",
    "английских миль": "mi", "английские мили": "mi", "английской мили": "mi",
    "миль": "mi", "мили": "mi", "kilometres": "km", "kilometers": "km", "km": "km",
    "километров": "km", "километра": "km", "км": "km",
}
UNIT_TYPES = {"mi": "distance", "km": "distance"}
MEASURE_RE = re.compile(
    r"(?<![\d.])(?P<q>\d+(?:[.,]\d+)?)\s+(?P<u>"
    + "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
    + r")(?!\w)", re.IGNORECASE)


class DateError(ValueError):
    """A date in the text that cannot exist (31.2.1950)."""

    def __init__(self, text: str, reason: str):
        super().__init__(f"{text!r} is not a possible date: {reason}")
        self.text = text


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    value: str          # ISO date for dates; quantity for measures
    unit: str = ""
    type: str = ""


def _year(raw: str | None, written: dt.date) -> int:
    if raw is None:
        return written.year
    if len(raw) == 2:
        return written.year // 100 * 100 + int(raw)
    return int(raw)


def find_dates(text: str, written: dt.date) -> list[Span]:
    """Dates in ``text``, earliest first, never overlapping; raise DateError on impossible ones."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            if groups.get("rel"):
                when = (written + dt.timedelta(days=RELATIVE[groups["rel"].lower()])).isoformat()
            else:
                month = int(groups["m"]) if groups.get("m") else \
                    (MONTHS_EN.get(groups["mon"].lower()) or MONTHS_RU[groups["mon"].lower()])
                try:
                    day = dt.date(_year(groups.get("y"), written), month, int(groups["d"]))
                except ValueError as err:
                    raise DateError(m.group(0), str(err)) from err
                when = day.isoformat()
                if groups.get("H"):
                    hour, minute = int(groups["H"]), int(groups["M"])
                    if hour > 23 or minute > 59:
                        raise DateError(m.group(0), "the time is out of range")
                    when += f"T{hour:02d}:{minute:02d}:00"
            spans.append(Span(m.start(), m.end(), when))
            taken.append((m.start(), m.end()))
    return sorted(spans, key=lambda s: s.start)


def find_measures(text: str) -> list[Span]:
    spans = []
    for m in MEASURE_RE.finditer(text):
        unit = UNITS[m["u"].lower()]
        spans.append(Span(m.start(), m.end(), m["q"].replace(",", "."), unit, UNIT_TYPES[unit]))
    return spans
