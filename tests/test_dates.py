"""Dates in running text become TEI date attributes; impossible dates are errors. The
table of real expressions is tests/test_expressions.py; here, the behaviour of each form,
stated as properties over every date it can carry."""

from __future__ import annotations

import datetime as dt

import pytest
from edition.dates import DateError, find_dates
from edition.datewords import MONTH_EN
from edition.measures import find_measures
from hypothesis import given, settings
from hypothesis import strategies as st

WRITTEN = dt.date(1951, 7, 3)
# No deadline: the time of one example is not what these test (a busy machine is slow).
PROPERTY = settings(deadline=None)
DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31))
WRITTEN_DAYS = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2029, 12, 31))
EN_MONTHS = [m for m, n in sorted(MONTH_EN.items(), key=lambda i: i[1]) if m.istitle() and "." not in m]
RU_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
               "сентября", "октября", "ноября", "декабря"]


def only(text: str, written: dt.date = WRITTEN, report: bool = False) -> dict[str, str]:
    """The attributes of the one date in ``text``, checking that it spans all of it."""
    (span,) = find_dates(text, written, report=report)
    assert (span.start, span.end) == (0, len(text)), text[span.start:span.end]
    return span.attrs


@PROPERTY
@given(DAYS)
def test_property_numeric_dates(day: dt.date) -> None:
    assert only(f"{day.day}.{day.month}.{day.year}") == {"when": day.isoformat()}


@PROPERTY
@given(DAYS, WRITTEN_DAYS)
def test_property_two_digit_years_take_the_century_of_the_document(day: dt.date, written: dt.date) -> None:
    century = written.year // 100 * 100
    try:
        expected = day.replace(year=century + day.year % 100)
    except ValueError:  # 29 February of a year that has none in that century
        return
    assert only(f"{day.day}.{day.month}.{day.year % 100:02d}", written) == {"when": expected.isoformat()}


@PROPERTY
@given(DAYS, st.integers(0, 23), st.integers(0, 59), st.booleans())
def test_property_date_and_time_in_either_order(day: dt.date, hour: int, minute: int, first: bool) -> None:
    date, time = f"{day.day}.{day.month}.{day.year}", f"{hour}:{minute:02d}"
    text = f"{time} {date}" if first else f"{date} {time}"
    assert only(text) == {"when": f"{day.isoformat()}T{hour:02d}:{minute:02d}:00"}


@PROPERTY
@given(DAYS, st.integers(0, 27))
def test_property_day_ranges(day: dt.date, length: int) -> None:
    last = day + dt.timedelta(days=length)
    if last.month != day.month or length == 0:
        return
    expected = {"from": day.isoformat(), "to": last.isoformat()}
    assert only(f"{day.day}–{last.day}.{day.month}.{day.year}") == expected
    assert only(f"с {day.day} по {last.day} {RU_GENITIVE[day.month - 1]} {day.year} г.") == expected
    assert only(f"{day.day}-{last.day} {EN_MONTHS[day.month - 1]} {day.year}") == expected


@PROPERTY
@given(DAYS, st.integers(1, 60))
def test_property_periods_across_months(day: dt.date, length: int) -> None:
    last = day + dt.timedelta(days=length)
    if last.year != day.year or last.month == day.month:
        return
    expected = {"from": day.isoformat(), "to": last.isoformat()}
    assert only(f"{EN_MONTHS[day.month - 1]} {day.day} – {EN_MONTHS[last.month - 1]} {last.day}, "
                f"{day.year}") == expected
    assert only(f"{day.day}.{day.month}–{last.day}.{last.month}.{day.year}") == expected


@PROPERTY
@given(DAYS)
def test_property_month_names_in_both_languages(day: dt.date) -> None:
    expected = {"when": day.isoformat()}
    assert only(f"{EN_MONTHS[day.month - 1]} {day.day}, {day.year}") == expected
    assert only(f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}") == expected
    assert only(f"{day.day} {RU_GENITIVE[day.month - 1]} {day.year} г.") == expected
    assert only(f"{day.day} {RU_GENITIVE[day.month - 1].upper()} {day.year} ГОДА") == expected


@PROPERTY
@given(WRITTEN_DAYS, st.integers(1, 12), st.integers(1, 28), st.booleans())
def test_property_day_and_month_without_year_is_the_nearest_such_day(
        written: dt.date, month: int, day: int, report: bool) -> None:
    when = dt.date.fromisoformat(only(f"{day} {RU_GENITIVE[month - 1]}", written, report)["when"])
    assert (when.month, when.day) == (month, day)
    if report:
        assert when <= written and (written - when).days < 366
    else:
        assert abs((when - written).days) <= 183


@PROPERTY
@given(WRITTEN_DAYS, st.sampled_from([("вчера", -1), ("позавчера", -2), ("сегодня", 0), ("завтра", 1),
                                      ("послезавтра", 2), ("yesterday", -1), ("today", 0),
                                      ("tomorrow", 1), ("the day before yesterday", -2)]))
def test_property_relative_words(written: dt.date, word_offset: tuple[str, int]) -> None:
    word, offset = word_offset
    assert only(word, written) == {"when": (written + dt.timedelta(days=offset)).isoformat()}


@PROPERTY
@given(DAYS, st.sampled_from(["примерно", "около", "приблизительно", "about", "approximately",
                              "on or about", "around"]))
def test_property_approximations_keep_the_value_and_say_it_is_approximate(day: dt.date, word: str) -> None:
    assert only(f"{word} {day.day}.{day.month}.{day.year}") == {"when": day.isoformat(), "precision": "low"}


@PROPERTY
@given(st.integers(1800, 2099), st.integers(1, 12))
def test_property_months_and_years(year: int, month: int) -> None:
    assert only(f"{EN_MONTHS[month - 1]} {year}") == {"when": f"{year}-{month:02d}"}
    assert (only(f"{RU_GENITIVE[month - 1]} {year} года") == {"when": f"{year}-{month:02d}"})
    assert only(f"{year} г.") == {"when": str(year)}


@PROPERTY
@given(st.integers(1, 99999), st.integers(1, 40))
def test_property_numbers_that_are_not_dates(number: int, point: int) -> None:
    for text in (f"No. {number}", f"№ {number}", f"№ {number}/III", f"пунктов {point}, {point + 1} и "
                 f"{point + 2}", f"points {point}, {point + 1} and {point + 2}", f"{point} параллели",
                 f"the {point}th parallel"):
        assert find_dates(text, WRITTEN) == [], text


@pytest.mark.parametrize("text", ["31.2.1951", "до 30.2.1950 года", "25:61 3.7.1951", "32 July",
                                  "10–5 июля", "13:75 1.7.51", "5.13.1951"])
def test_impossible_dates_are_errors(text: str) -> None:
    with pytest.raises(DateError) as info:
        find_dates(text, WRITTEN)
    assert info.value.text in text


@PROPERTY
@given(st.integers(1, 500), st.integers(0, 500),
       st.sampled_from([("км", "km"), ("km", "km"), ("миль", "mi"), ("miles", "mi"), ("тонн", "t"),
                        ("tons", "ton"), ("%", "percent"), ("месяцев", "month"), ("days", "day")]))
def test_property_measures_keep_both_bounds_of_a_range(low: int, extra: int, unit: tuple[str, str]) -> None:
    high = low + extra
    word, code = unit
    (single,) = find_measures(f"{low} {word}")
    assert (single.attrs["unit"], single.attrs["quantity"], single.range) == (code, str(low), None)
    (ranged,) = find_measures(f"{low}–{high} {word}")
    assert ranged.attrs["unit"] == code and "quantity" not in ranged.attrs
    assert ranged.range is not None and ranged.range[2:] == (str(low), str(high))


ORDINALS_EN = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
               "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
               "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second",
               "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh",
               "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first"]
ORDINALS_RU = ["первого", "второго", "третьего", "четвёртого", "пятого", "шестого", "седьмого",
               "восьмого", "девятого", "десятого", "одиннадцатого", "двенадцатого", "тринадцатого",
               "четырнадцатого", "пятнадцатого", "шестнадцатого", "семнадцатого", "восемнадцатого",
               "девятнадцатого", "двадцатого", "двадцать первого", "двадцать второго",
               "двадцать третьего", "двадцать четвёртого", "двадцать пятого", "двадцать шестого",
               "двадцать седьмого", "двадцать восьмого", "двадцать девятого", "тридцатого",
               "тридцать первого"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@PROPERTY
@given(DAYS)
def test_property_ordinal_words_in_both_languages(day: dt.date) -> None:
    expected = {"when": day.isoformat()}
    assert only(f"the {ORDINALS_EN[day.day - 1]} of {EN_MONTHS[day.month - 1]} {day.year}") == expected
    assert only(f"{ORDINALS_RU[day.day - 1]} {RU_GENITIVE[day.month - 1]} {day.year} года") == expected


@PROPERTY
@given(DAYS)
def test_property_roman_months_and_iso_dates(day: dt.date) -> None:
    expected = {"when": day.isoformat()}
    assert only(f"{day.day}.{ROMAN[day.month - 1]}.{day.year}") == expected
    assert only(day.isoformat()) == expected


@PROPERTY
@given(WRITTEN_DAYS, st.integers(1, 31))
def test_property_the_nth_is_the_latest_such_day_on_or_before_the_document(written: dt.date, n: int) -> None:
    (span,) = find_dates(f"your telegram of the {n}th.", written)
    when = dt.date.fromisoformat(span.attrs["when"])
    assert when.day == n and when <= written and (written - when).days < 92


@PROPERTY
@given(DAYS, st.integers(1, 27))
def test_property_two_days_of_a_month_are_two_dates(day: dt.date, gap: int) -> None:
    other = day + dt.timedelta(days=gap)
    if other.month != day.month:
        return
    text = f"{day.day} и {other.day} {RU_GENITIVE[day.month - 1]} {day.year} г."
    assert [s.attrs for s in find_dates(text, WRITTEN)] == [{"when": day.isoformat()},
                                                            {"when": other.isoformat()}]
