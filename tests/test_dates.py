"""Dates and measures in running text become ISO values; impossible dates are errors."""

from __future__ import annotations

import datetime as dt

import pytest
from edition.dates import DateError, find_dates, find_measures

WRITTEN = dt.date(1951, 7, 3)


@pytest.mark.parametrize(("text", "found", "when"), [
    ("до 25.6.1950 года", "25.6.1950", "1950-06-25"),
    ("before 25.6.1950, in", "25.6.1950", "1950-06-25"),
    ("Примерно 5.7.1951 г. он", "5.7.1951", "1951-07-05"),
    ("approximately on 5.7.1951 and", "5.7.1951", "1951-07-05"),
    ("From BEIJING Received 13:55 3.7.1951", "13:55 3.7.1951", "1951-07-03T13:55:00"),
    ("3.7.51", "3.7.51", "1951-07-03"),
    ("July 3, 1951", "July 3, 1951", "1951-07-03"),
    ("your telegram of 3 July. With", "3 July", "1951-07-03"),
    ("Вашу телеграмму от 3 июля получили", "3 июля", "1951-07-03"),
    ("вчера мы послали", "вчера", "1951-07-02"),
    ("Furthermore, yesterday we sent", "yesterday", "1951-07-02"),
    ("Кроме того, Вчера", "Вчера", "1951-07-02"),
])
def test_dates_are_found_and_normalised(text: str, found: str, when: str) -> None:
    (span,) = find_dates(text, WRITTEN)
    assert text[span.start:span.end] == found
    assert span.value == when


@pytest.mark.parametrize("text", ["пунктов 1, 2 и 3. В", "No. 21405", "No. 3305",
                                  "within three-four months", "38 параллели"])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text, WRITTEN) == []


@pytest.mark.parametrize("text", ["31.2.1951", "до 30.2.1950 года", "25:61 3.7.1951", "32 July"])
def test_impossible_dates_are_errors(text: str) -> None:
    with pytest.raises(DateError):
        find_dates(text, WRITTEN)


@pytest.mark.parametrize(("text", "found"), [
    ("на расстояние 10 английских миль от", "10 английских миль"),
    ("a distance of 10 English miles and", "10 English miles"),
])
def test_distances_become_measures(text: str, found: str) -> None:
    (span,) = find_measures(text)
    assert text[span.start:span.end] == found
    assert (span.value, span.unit, span.type) == ("10", "mi", "distance")
