"""Characters of the wrong script: mixed words, look-alike words, look-alikes in numbers."""

from __future__ import annotations

import pytest
from edition.scriptcheck import mixed_scripts, source_text
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(("text", "lang", "word", "reading", "chars"), [
    # Latin H, A, M inside Russian text: a whole word of look-alikes
    ("Товарищ HAM ИР прибыл", "ru", "HAM", "НАМ", ("H", "A", "M")),
    # one Cyrillic letter in a Latin-typed word: read in the text's script
    ("Товарищ HAМ ИР", "ru", "HAМ", "НАМ", ("H", "A")),
    ("KИМ ИР СЕН", "ru", "KИМ", "КИМ", ("K",)),
    ("Сообщение пoлучено", "ru", "пoлучено", "получено", ("o",)),
    ("C приветом", "ru", "C", "С", ("C",)),
    ("Kim Il Sung and Мао", "en", "Мао", "Mao", ("М", "а", "о")),
    ("the Сhinese side", "en", "Сhinese", "Chinese", ("С",)),
    ("Βoston", "en", "Βoston", "Boston", ("Β",)),
])
def test_words_in_the_wrong_script_are_found_with_their_reading(
        text: str, lang: str, word: str, reading: str, chars: tuple[str, ...]) -> None:
    (finding,) = mixed_scripts(text, lang)
    assert (finding.word, finding.reading, finding.chars) == (word, reading, chars)
    assert text[finding.start:finding.end] == word
    assert finding.column == text.index(word) + 1
    for ch in chars:  # the message names each look-alike by its Unicode name
        assert f"U+{ord(ch):04X}" in finding.message


def test_a_mixed_word_without_a_reading_says_so() -> None:
    (finding,) = mixed_scripts("слово пиshет", "ru")
    assert finding.reading == ""
    assert "check the witness" in finding.message


@pytest.mark.parametrize(("text", "reading"), [
    ("on 1O July", "10"), ("195l", "1951"), ("З8 параллели", "38"), ("в 1О часов", "10"),
])
def test_letters_among_digits_are_found(text: str, reading: str) -> None:
    (finding,) = [f for f in mixed_scripts(text, None) if f.kind == "confusable-in-number"]
    assert finding.reading == reading


@pytest.mark.parametrize(("text", "char"), [("Sent 1.7.51 5꞉30", "꞉"), ("пункты 1‚ 2", "‚"),
                                            ("１９５１", "１")])
def test_look_alike_punctuation_and_digits_are_found(text: str, char: str) -> None:
    findings = mixed_scripts(text, None)
    assert findings and findings[0].word == char


@pytest.mark.parametrize(("text", "lang"), [
    ("Товарищ Филиппов! Получили Вашу телеграмму № 72/III.", "ru"),
    ("XX съезд, III Интернационал", "ru"),
    ("B-29 bombers on the 5th and 21st, 3rd Division", "en"),
    ("Kim Il Sung, Mao Zedong, Kaesong; No. 21405", "en"),
    ("ООН (UNO) и США", "ru"),
    ("по-видимому, 38-й параллели, 1-го числа", "ru"),
    ("Ch’oe Yong-gŏn and Pak Hŏn-yŏng", "en"),
])
def test_ordinary_text_gives_no_finding(text: str, lang: str) -> None:
    assert mixed_scripts(text, lang) == []


def test_the_source_line_keeps_its_columns_and_hides_the_witness_kept_on_purpose() -> None:
    line = r"Товарищ {sic HAM|НАМ} ИР, {@kim-il-sung KИМ} {!HAM} \[x\] {note a Мао}"
    masked = source_text(line)
    assert len(masked) == len(line)
    assert "HAM" not in masked            # as written in {sic …} and in {!…}: not questioned
    assert masked.index("НАМ") == line.index("НАМ")
    assert masked.index("KИМ") == line.index("KИМ")   # the text of a forced name is checked
    assert "kim-il-sung" not in masked and "note" not in masked
    words = {f.word for f in mixed_scripts(masked, "ru")}
    assert words == {"KИМ"}


CYRILLIC = st.text(st.sampled_from("абвгдежзийклмнопрстуфхцчшщыэюя"), min_size=1, max_size=12)
LATIN = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=12)


@settings(deadline=None)
@given(st.lists(CYRILLIC, min_size=1, max_size=8))
def test_property_text_in_one_script_is_clean(words: list[str]) -> None:
    assert mixed_scripts(" ".join(words), "ru") == []


@settings(deadline=None)
@given(st.lists(CYRILLIC, min_size=2, max_size=6), st.data())
def test_property_one_latin_look_alike_in_a_russian_word_is_found_and_read_back(
        words: list[str], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(words) - 1))
    word = words[index] + "о"
    words[index] = word.replace("о", "o")   # Latin o for every Cyrillic о
    text = " ".join(words)
    findings = [f for f in mixed_scripts(text, "ru") if f.start == text.index(words[index])]
    assert findings and findings[0].reading == word


@settings(deadline=None)
@given(st.lists(LATIN, min_size=1, max_size=8))
def test_property_english_text_is_clean(words: list[str]) -> None:
    assert mixed_scripts(" ".join(words), "en") == []
