"""What a record states in words (edition.importer.citation): the citation line, archival
references as written, the parties and number in the publisher's title, the id's words."""

from __future__ import annotations

import pytest
from edition.importer.citation import parse_citation, parse_reference, parse_source, parse_title, slug_word


def test_a_citation_line_gives_title_date_archive_references_translator_and_url() -> None:
    c = parse_citation("\"Letter No. 12, A to B,\" May 05, 1950, History and Public Policy Program Digital "
                       "Archive, APRF, f. 45, op. 1, d. 334, ll. 1-3. Translated by V. Zubok. "
                       "https://example.org/document/1")
    assert (c.title, c.date, c.archive) == ("Letter No. 12, A to B", "May 05, 1950",
                                            "History and Public Policy Program Digital Archive")
    assert [(r.repository, r.collection, r.idno) for r in c.references] == [
        ("APRF", "f. 45, op. 1, d. 334", "ll. 1-3")]
    assert c.translator == "V. Zubok" and c.url == "https://example.org/document/1"


def test_references_are_kept_as_written_and_split_at_semicolons() -> None:
    refs, translator = parse_source("Archive of the President of the Russian Federation (APRF), fond 45, "
                                    "opis 1, delo 339, listy 17-19; AVPRF, f. 06, op. 10, p. 2, d. 8, l. 5. "
                                    "Translated by Kathryn Weathersby.")
    assert [(r.repository, r.collection, r.idno) for r in refs] == [
        ("Archive of the President of the Russian Federation (APRF)", "fond 45, opis 1, delo 339",
         "listy 17-19"),
        ("AVPRF", "f. 06, op. 10, p. 2, d. 8", "l. 5")]
    assert translator == "Kathryn Weathersby"


def test_a_reference_part_that_is_neither_collection_nor_leaves_is_a_note() -> None:
    ref = parse_reference("RGASPI, f. 558, op. 11, d. 342, ll. 3-4, copy")
    assert (ref.repository, ref.collection, ref.idno, ref.note) == ("RGASPI", "f. 558, op. 11, d. 342",
                                                                    "ll. 3-4", "copy")


@pytest.mark.parametrize(("title", "facts"), [
    ("Ciphered Telegram No. 21405, Mao Zedong to Cde. Filippov [Stalin]",
     ("Ciphered Telegram", "21405", "Mao Zedong", "Cde. Filippov [Stalin]", "")),
    ("Ciphered Telegram No. 2950, Filippov [Stalin] to Krasovsky, for Cde. Mao Zedong",
     ("Ciphered Telegram", "2950", "Filippov [Stalin]", "Krasovsky", "Cde. Mao Zedong")),
    ("Letter from Kim Il Sung to Stalin", ("Letter", "", "Kim Il Sung", "Stalin", "")),
    ("Memorandum on the situation", ("", "", "", "", "")),
])
def test_the_publishers_title_names_kind_number_and_parties(title: str, facts: tuple) -> None:
    t = parse_title(title)
    assert (t.kind, t.number, t.sender, t.addressee, t.recipient) == facts


@pytest.mark.parametrize(("name", "word"), [
    ("Cde. Filippov [Stalin]", "filippov"), ("Mao Zedong", "mao"), ("V. M. Molotov", "molotov"),
    ("Comrade Kim Il Sung", "kim"), ("Gen. Peng Dehuai", "peng"), ("Đilas", "dilas"),
    ("Władysław Gomułka", "wladyslaw"),
])
def test_the_word_of_a_name_in_a_document_id(name: str, word: str) -> None:
    assert slug_word(name) == word
