"""Reading a record as the archive publishes it (edition.importer.record): the texts found
by script, the publisher's date and title wherever they stand, the labels and their values,
and bad records refused with the line and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from edition.errors import EditionError
from edition.importer.record import parse_record, read_record
from import_records import CITATION, EN, HEADING, RU, SHARED_REPLY, SHARED_SEED, record

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"../shared is absent here ({path}): the archive's records are not available")
    return path


def test_the_seed_has_date_and_title_first_then_russian_then_english() -> None:
    rec = read_record(shared(SHARED_SEED))
    assert rec.date.text == "July 3, 1951" and rec.title.text.startswith("Ciphered Telegram No. 21405")
    assert [b.script for b in rec.blocks] == ["cyrillic", "latin"]
    ru, en = rec.blocks
    # the omission marks belong to the Russian text they close, not to the English
    assert ru.lines[0].text == "[…]" and ru.lines[-1].text == "[…]"
    assert en.lines[0].text.startswith("SECOND MAIN ADMINISTRATION") and en.lines[-1].text == "3.7.51"
    assert rec.summary.text.startswith("Mao Zedong writes Stalin")
    assert rec.value("Rights").startswith("The History and Public Policy Program welcomes")
    assert "Author(s)" in rec.unknown_labels() and "Rights" not in rec.unknown_labels()


def test_the_reply_has_its_date_and_title_after_the_separator() -> None:
    rec = read_record(shared(SHARED_REPLY))
    assert rec.date.text == "July 3, 1951" and "No. 2950" in rec.title.text
    assert rec.date.number > rec.separator
    ru, en = rec.blocks
    # a blank line separates the texts: "[...]" after it opens the English
    assert ru.lines[-1].text == "[…]" and en.lines[0].text == "[...]"
    assert en.lines[-1].text.endswith("should be reject")
    assert rec.summary is None and rec.fields == {}


def test_labels_values_citation_and_summary_of_a_full_record() -> None:
    rec = parse_record(record())
    assert rec.summary.text == "Mao Zedong reports on the draft agreement and asks for advice."
    assert rec.value("Author(s)") == "Mao Zedong"
    assert rec.value("Subjects Discussed").split("\n") == ["Korean War, 1950-1953", "Armistice negotiations"]
    assert rec.value("Record ID") == "900001" and rec.value("Language") == "Russian"
    assert rec.citation.text == CITATION
    assert rec.unknown_labels() == ["Associated Places"]


@pytest.mark.parametrize("variant", [
    {"blank_lines": 1}, {"blank_lines": 2}, {"between": ""}, {"between": "   "},
    {"newline": "\r\n"}, {"heading_first": False},
])
def test_layout_variants_give_the_same_texts(variant: dict) -> None:
    rec = parse_record(record(**variant))
    ru, en = rec.blocks
    assert [line.text for line in ru.lines if line.text.strip()] == RU
    assert [line.text for line in en.lines if line.text.strip()] == EN
    assert (rec.date.text, rec.title.text) == tuple(HEADING)
    assert rec.line_endings == ("CRLF" if variant.get("newline") == "\r\n" else "LF")


def test_a_language_block_keeps_its_lines_byte_for_byte() -> None:
    text = record(blank_lines=1)
    rec = parse_record(text)
    witness = rec.blocks[0].witness()
    assert witness.strip("\n").split("\n") == "\n".join([*RU]).replace("\n", "\n\n").split("\n")


def test_one_language_only() -> None:
    rec = parse_record(record(ru=None))
    assert [b.script for b in rec.blocks] == ["latin"]
    rec = parse_record(record(en=None))
    assert [b.script for b in rec.blocks] == ["cyrillic"]


def test_a_latin_word_line_inside_the_russian_stays_russian() -> None:
    rec = parse_record(record(ru=[*RU[:4], "SERIES G", *RU[4:]]))
    assert len(rec.blocks) == 2 and "SERIES G" in rec.blocks[0].witness()


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("Товарищ!\nText.\n", 2, "no '###'"),
    ("\n\n###\nSummary\nx\n", 3, "no language block"),
    ("Товарищ!\n###\nSummary\nx\nOriginal Language:\nRussian\n", 5, "unknown label"),
    ("Товарищ!\n###\nRecord ID\n1\nRecord ID\n2\n", 5, "appears twice"),
    ("Товарищ!\nHello.\nMore.\nAnd more.\nТоварищ снова!\n###\n", 5, "second cyrillic text"),
])
def test_bad_records_are_refused_with_line_and_hint(text: str, line: int, fragment: str) -> None:
    with pytest.raises(EditionError) as info:
        parse_record(text, "rec.txt")
    problem = info.value.problems[0]
    assert fragment in problem.message and problem.line == line and problem.hint
    assert str(problem.file) == "rec.txt"


def test_a_record_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "rec.txt"
    path.write_bytes(b"July 3, 1951\nTitle\n" + "Товарищ!\n###\n".encode("cp1251"))
    with pytest.raises(EditionError) as info:
        read_record(path)
    assert info.value.problems[0].line == 3 and "UTF-8" in info.value.problems[0].message


def test_chinese_and_korean_texts_are_blocks_of_their_own() -> None:
    rec = parse_record("毛泽东同志：\n我们收到了你的电报。\nComrade Mao!\nWe received your telegram.\n###\n")
    assert [b.script for b in rec.blocks] == ["han", "latin"]
    rec = parse_record("김일성 동지\nComrade Kim\n###\n")
    assert [b.script for b in rec.blocks] == ["hangul", "latin"]
