"""Recognise measures in running text, in Russian and English, as TEI ``<measure>``.

A quantity in figures or words, or a range of two («5–10 км», "from 5 to 10 miles",
«трёх-четырёх месяцев», "three or four months"), followed by a unit the table below knows:
distances (км, km, мили, английских миль, miles), weights (т, тонн, tons), percentages
(%, процентов, per cent) and durations (days, weeks, months, years, hours; дней, недель,
месяцев, лет, часов). A single quantity becomes ``quantity``; a range is a ``<num>`` inside
the measure with ``atLeast`` and ``atMost`` (both bounds, never the last alone; TEI puts
the range attributes on ``num``, not on ``measure``). A unit is recorded as written, normalised:
"tons" (of the English text) is ``ton``, «т»/«тонн» (metric) is ``t``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .datewords import NUMBER_WORDS, cases

# unit forms -> (unit code for @unit, type for @type)
_UNITS: dict[str, tuple[str, str]] = {}


def _add(forms: str, unit: str, kind: str) -> None:
    for form in forms.split("|"):
        for variant in cases(form):
            _UNITS[variant] = (unit, kind)


_add("км|км.|километр|километра|километров|километрах|kilometre|kilometres|kilometer|kilometers|"
     "km|km.", "km", "distance")
_add("миля|мили|миль|милях|милю|английских миль|английские мили|английской мили|английских милях|"
     "mile|miles|English mile|English miles", "mi", "distance")
_add("метров|метра|метр|metres|meters|metre|meter", "m", "distance")
_add("т|тонн|тонны|тонна|тоннах|tonnes|tonne|metric tons", "t", "weight")
_add("tons|ton", "ton", "weight")
_add("%|процентов|процента|процент|per cent|percent|per-cent", "percent", "percentage")
_add("час|часа|часов|hour|hours", "hour", "duration")
_add("сутки|суток|день|дня|дней|day|days", "day", "duration")
_add("неделя|недели|недель|неделю|week|weeks", "week", "duration")
_add("месяц|месяца|месяцев|month|months", "month", "duration")
_add("год|года|лет|year|years", "year", "duration")
UNITS = dict(_UNITS)

_unit_alt = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in sorted(UNITS, key=len, reverse=True))
_word_alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(NUMBER_WORDS, key=len, reverse=True))
_FIGURE = r"\d+(?:[.,]\d+)?"
_NUM = rf"(?:{_FIGURE}|(?:{_word_alt})(?!\w))"
_TO = r"(?:\s*[-‐‑–—]\s*|\s+(?:to|or|до|или)\s+)"
MEASURE_RE = re.compile(
    rf"(?<![\w.,/№-])(?:(?P<from>from|от)\s+)?(?P<q1>{_NUM})(?:{_TO}(?P<q2>{_NUM}))?\s*(?P<u>{_unit_alt})"
    # «т» is a unit only as a word of its own: not «т.е.», «т.к.», «т.д.»
    r"(?!\w|\.\w)")


@dataclass(frozen=True)
class MeasureSpan:
    """A measure in the text: ``attributes`` are TEI's (type, unit, quantity or atLeast and
    atMost). ``value`` is the quantity (the lower bound of a range)."""

    start: int
    end: int
    value: str
    unit: str
    type: str
    attributes: tuple[tuple[str, str], ...] = field(default=())
    # A range: the offsets of its numbers («5–10», "from 5 to 10") in the text, and its bounds.
    range: tuple[int, int, str, str] | None = None

    @property
    def attrs(self) -> dict[str, str]:
        return dict(self.attributes)


def _number(raw: str) -> float | None:
    raw = re.sub(r"\s+", " ", raw)
    if raw[0].isdigit():
        return float(raw.replace(",", "."))
    value = NUMBER_WORDS.get(raw)
    return float(value) if value else None


def _shown(value: float, raw: str) -> str:
    if raw[0].isdigit():
        return raw.replace(",", ".")
    return str(int(value)) if value == int(value) else str(value)


def find_measures(text: str) -> list[MeasureSpan]:
    """Measures in ``text``, in text order."""
    spans = []
    for m in MEASURE_RE.finditer(text):
        unit, kind = UNITS[re.sub(r"\s+", " ", m["u"])]
        q1 = _number(m["q1"])
        q2 = _number(m["q2"]) if m["q2"] else None
        if q1 is None or (m["q2"] and q2 is None):
            continue
        if kind == "duration" and unit == "year" and (q2 or q1) >= 100:
            continue  # «в 1950 году» is a year, not a duration
        if m["from"] and q2 is None:
            continue  # «от 5 км» alone: a distance from, not a measure of
        if m["u"] in ("т", "Т") and not m["q1"][0].isdigit():
            continue
        start = m.start("q1") if m["from"] is None else m.start()
        bounds = None
        if q2 is not None:
            if q2 < q1:
                continue
            attrs: tuple[tuple[str, str], ...] = (("type", kind), ("unit", unit))
            bounds = (start, m.end("q2"), _shown(q1, m["q1"]), _shown(q2, m["q2"]))
        else:
            attrs = (("type", kind), ("unit", unit), ("quantity", _shown(q1, m["q1"])))
        spans.append(MeasureSpan(start, m.end(), _shown(q1, m["q1"]), unit, kind, attrs, bounds))
    return spans
