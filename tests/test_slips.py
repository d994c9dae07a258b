"""Probable slips in Russian: listed with a suggested reading, never corrected."""

from __future__ import annotations

import pytest
from edition.slips import is_known, one_letter_away, probable_slips, splits
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(("text", "word", "reading"), [
    ("Сприветом ФИЛИППОВ", "Сприветом", "С приветом"),
    ("создать буфернойзоны", "буфернойзоны", "буферной зоны"),
    ("наша телеграма получена", "телеграма", "телеграмма"),
    ("отвод войск противнка", "противнка", "противника"),
])
def test_slips_are_listed_with_a_reading(text: str, word: str, reading: str) -> None:
    (finding,) = probable_slips(text, "ru")
    assert (finding.word, finding.reading) == (word, reading)
    assert text[finding.start:finding.end] == word
    assert repr(reading) in finding.message


@pytest.mark.parametrize("text", [
    "Товарищ Филиппов! Вашу телеграмму от 3 июля получили.",
    "Сухопутные, военно-морские и военно-воздушные силы обеих сторон по-видимому отойдут.",
    "Беженцы Северной и Южной Кореи должны вернуться; вышеуказанные пункты.",
    "МАО ЦЗЭДУН",
    "Кайдзъё",  # a place name the dictionary does not know: capitalised, questioned only if it splits
])
def test_ordinary_text_and_names_give_no_slip(text: str) -> None:
    assert probable_slips(text, "ru") == []


def test_registered_names_are_not_slips() -> None:
    # a name form the register knows is never questioned, however close to a common word
    assert probable_slips("отряд партизанв", "ru") != []
    assert probable_slips("отряд партизанв", "ru", known={"партизанв"}) == []


def test_only_russian_is_checked() -> None:
    assert probable_slips("Sincerelyyours", "en") == []


@given(st.sampled_from(["приветом", "телеграмму", "противника", "предложение", "буферной",
                        "совещании", "представителей", "перемирия"]),
       st.sampled_from(["с", "в", "зоны", "войск", "сторон"]))
@settings(max_examples=40, deadline=None)
def test_property_two_known_words_run_together_split_back(first: str, second: str) -> None:
    word = second + first
    if is_known(word):
        return
    assert (second, first) in splits(word)


@given(st.sampled_from(["телеграмму", "противника", "предложение", "совещании", "представителей"]),
       st.data())
@settings(max_examples=40, deadline=None)
def test_property_a_dropped_letter_is_found_again(word: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(1, len(word) - 2))
    slip = word[:i] + word[i + 1:]
    if is_known(slip):
        return
    assert word in one_letter_away(slip)
