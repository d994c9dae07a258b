"""Cutting a language block into units (edition.importer.segment): opener and closer lines by
their shape, numbered points and the paragraphs commenting them, and run-on lines cut into
units whose texts, joined, are the witness line again."""

from __future__ import annotations

import datetime as dt

from edition.importer.record import LanguageBlock, Line
from edition.importer.segment import segment
from hypothesis import given, settings
from hypothesis import strategies as st
from import_records import EN, RU, run_on

DAY = dt.date(1952, 8, 8)


def block(lines: list[str], script: str = "latin") -> LanguageBlock:
    return LanguageBlock(script, [Line(n, text) for n, text in enumerate(lines, start=1)])


def kinds(lines: list[str], script: str = "latin") -> list[str]:
    return [s.kind for s in segment(block(lines, script), DAY).segments]


def test_opener_body_and_closer_of_a_translation() -> None:
    assert kinds(EN) == [
        "head", "seg.copies", "dateline", "seg.address", "dateline", "salute",
        "p", "item", "itemp", "item", "itemp", "itemp", "p", "p",
        "signed", "seg.number", "dateline"]


def test_opener_body_and_closer_of_an_original() -> None:
    assert kinds(RU, "cyrillic") == [
        "gap", "dateline", "salute", "p", "item", "itemp", "item", "itemp", "p", "p", "signed", "gap"]


def test_points_carry_their_number_and_list() -> None:
    segs = segment(block(["Intro:", "1. \"A.\"", "Comment.", "2. \"B.\"", "Finally, the points above.",
                          "More points:", "1. \"C.\"", "MAO"]), DAY).segments
    assert [(s.kind, s.point, s.list_no) for s in segs if s.kind in ("item", "itemp")] == [
        ("item", "1", 1), ("itemp", "", 1), ("item", "2", 1), ("item", "1", 2)]


def test_an_address_line_just_before_the_text_is_the_salutation() -> None:
    assert kinds(["BEIJING, TO KRASOVSKY.", "For Comrade MAO.", "\"To Comrade MAO.",
                  "We received your telegram and agree with the first point of it."]) == [
        "seg.address", "seg.address", "salute", "p"]


def test_a_text_that_breaks_off_mid_word_is_truncated() -> None:
    assert segment(block(["Comrade X!", "We received your telegram and this proposal should be reject"]),
                   DAY).truncated
    assert not segment(block(["Comrade X!", "We received your telegram.", "MAO"]), DAY).truncated


def test_a_run_on_line_is_cut_into_units_without_losing_a_character() -> None:
    line = run_on(RU)[0]
    result = segment(block([line], "cyrillic"), DAY)
    assert [s.kind for s in result.segments] == [
        "gap", "dateline", "salute", "p", "item", "itemp", "item", "p", "signed", "gap"]
    assert "".join(s.text for s in result.segments) == line
    assert [s.runs_on for s in result.segments] == [True] * 9 + [False]
    assert result.run_on_lines == [1]


def test_a_run_on_translation_is_cut_the_same_way() -> None:
    body = EN[4:15]  # dateline … signature, without the archival header and trailer
    line = run_on(body)[0]
    result = segment(block([line]), DAY)
    texts = [s.text for s in result.segments]
    assert "".join(texts) == line
    assert result.segments[0].kind == "dateline" and texts[0] == "Pyongyang, 8 August 1952 "
    assert result.segments[1].kind == "salute" and texts[1] == "Comrade FILIPPOV! "
    assert result.segments[-1].kind == "signed" and texts[-1] == "MAO ZEDONG"
    assert [s.point for s in result.segments if s.kind == "item"] == ["1", "2"]


def test_a_paragraph_naming_a_comrade_is_not_cut() -> None:
    line = "Comrade KIM IL SUNG insists on advancing this point. However, it is very difficult."
    assert [s.text for s in segment(block(["Dear comrade!", line, "MAO"]), DAY).segments][1] == line


def test_a_letter_with_classification_copy_address_and_closing_greeting() -> None:
    ru = ["Строго секретно", "Экз. № 2", "ЦК ВКП(б)", "товарищу СТАЛИНУ И.В.", "Дорогой товарищ Сталин!",
          "Сообщаю Вам о положении дел на фронте. Противник ведёт активные действия.",
          "Прошу Вас рассмотреть следующие вопросы:", "1) о поставках вооружения;", "2) о подготовке кадров.",
          "С коммунистическим приветом,", "КИМ ИР СЕН", "8 июля 1951 г."]
    assert kinds(ru, "cyrillic") == ["head", "seg.copies", "seg.heading", "seg.address", "salute", "p", "p",
                                     "item", "item", "salute", "signed", "dateline"]
    en = ["TOP SECRET", "Copy No. 2", "To the CC VKP(b)", "to Comrade STALIN I.V.", "Dear Comrade Stalin!",
          "I report to you on the situation at the front.", "With communist greetings,", "KIM IL SUNG",
          "8 July 1951"]
    assert kinds(en) == ["head", "seg.copies", "seg.address", "seg.address", "salute", "p", "salute",
                         "signed", "dateline"]


def test_heading_routing_and_trailer_lines_run_into_the_text_are_cut_too() -> None:
    line = run_on(EN)[0]
    result = segment(block([line]), DAY)
    assert "".join(s.text for s in result.segments) == line
    assert [s.kind for s in result.segments] == [
        "head", "seg.copies", "dateline", "seg.address", "dateline", "salute", "p", "item", "itemp", "item",
        # the comment on point 2 runs into the paragraph that looks back on the points: one paragraph
        "p", "signed", "seg.number", "dateline"]
    assert [s.text.strip() for s in result.segments[-3:]] == ["MAO ZEDONG", "No. 812", "8.8.52"]


def test_a_paragraph_ending_in_a_date_keeps_it() -> None:
    line = "Dear comrade! We shall arrive on 5.7.1951"
    assert [s.kind for s in segment(block([line]), DAY).segments] == ["salute", "p"]


# --- whatever the line, the units give it back -------------------------------------------

TOKENS = ["Comrade", "FILIPPOV", "Товарищ", "ФИЛИППОВ", "Тов.", "Dear", "To", "From", "Copies:", "No.",
          "1.", "2.", "3)", "“", "”", "\"", "«", "»", "[…]", "[...]", "[Stalin]", "[", "]", "{", "}", "|",
          "\\", "!", ".", ",", ":", "3.7.1951", "13:55", "5", "July", "июля", "text", "текст", "MAO",
          "ZEDONG", "above", "вышеуказанные", "г.", "Pyongyang,", "the", "и"]


@settings(deadline=None, max_examples=300)
@given(st.lists(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25).map(" ".join),
                min_size=1, max_size=6))
def test_any_text_segments_into_units_that_give_back_every_line(lines: list[str]) -> None:
    from edition.encode import check_witness
    from edition.importer.align import Link
    from edition.importer.transcribe import place_units, transcription_text
    from edition.markup import parse_text

    text_block = block(lines)
    segs = segment(text_block, DAY).segments
    # each witness line is the concatenation of its units
    by_line: dict[int, str] = {}
    for s in segs:
        by_line[s.line] = by_line.get(s.line, "") + s.text
    assert [by_line[n] for n in sorted(by_line)] == [line for line in lines if line.strip()]
    # and the transcription written from them parses and passes the faithfulness check
    links = [Link((i,), (), 1.0, (), "skipped" if s.kind == "gap" else "") for i, s in enumerate(segs)]
    [placed] = place_units([segs], links)
    source = transcription_text(segs, placed, "en", header=[], truncated=False, corrections=[])
    check_witness(parse_text(source, "en", "en.txt"), text_block.witness(), "en.txt")


def test_a_text_in_a_script_without_capitals() -> None:
    assert kinds(["菲利波夫同志：", "我们收到了你的电报。我们同意你的意见。", "毛泽东"], "han") == [
        "salute", "p", "signed"]
