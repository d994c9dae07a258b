"""Proofreading a transcription: wrong-script characters stop the encoder with the file,
line and column the editor wrote; probable slips are listed, never corrected; a correction
the editor records is what the names match and what the header counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fixture_project
from edition.encode import encode_documents
from edition.errors import EditionError
from edition.proofread import known_words, proofread_file, proofread_text
from edition.registry import Registry
from lxml import etree

DOC = "1950-01-31-ivanov-to-petrov"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}


def _rewrite(path: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in ``path``; the 1-based line where it stands."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def test_a_name_typed_in_latin_look_alikes_stops_the_encoder_at_its_column(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    ru = project.documents / DOC / "ru.txt"
    line = _rewrite(ru, "Нам Ир", "HAM Ир")          # Latin H, A, M
    column = ru.read_text(encoding="utf-8").split("\n")[line - 1].index("HAM") + 1
    with pytest.raises(EditionError) as info:
        encode_documents(project)
    (problem,) = [p for p in info.value.problems if Path(p.file) == ru]
    assert (Path(problem.file), problem.line, problem.column) == (ru, line, column)
    for code in ("U+0048", "U+0041", "U+004D"):
        assert code in problem.message
    assert "{sic HAM|НАМ}" in problem.hint
    assert str(problem).startswith(f"{ru}:{line}:{column}: error:")
    assert not (project.tei / f"{DOC}.xml").exists()   # nothing written


def test_the_recorded_correction_is_what_the_name_matches(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    _rewrite(project.documents / DOC / "ru.txt", "Нам Ир", "{sic HAM|Нам} Ир")
    encode_documents(project)
    tree = etree.parse(str(project.tei / f"{DOC}.xml"))
    (name,) = tree.xpath("//tei:div[@xml:lang='ru']//tei:persName[@ref='#nam-ir']", namespaces=NS)
    assert name.xpath("string(tei:choice/tei:sic)", namespaces=NS) == "HAM"
    assert name.xpath("string(tei:choice/tei:corr)", namespaces=NS) == "Нам"
    statement = tree.xpath("string(//tei:correction)", namespaces=NS)
    assert "corrected 1 slip" in statement and "Russian" in statement


def test_a_slip_is_a_warning_with_its_reading_and_the_header_says_no_correction(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    ru = project.documents / DOC / "ru.txt"
    line = _rewrite(ru, "Вашу телеграмму", "Вашутелеграмму")
    (problem,) = proofread_file(ru, "ru", known_words(Registry.load(project.registry)))
    assert (problem.severity, problem.line) == ("warning", line)
    assert "'Вашу телеграмму'" in problem.message
    assert "{sic Вашутелеграмму|Вашу телеграмму}" in problem.hint
    encode_documents(project)       # a warning does not stop the encoder
    statement = etree.parse(str(project.tei / f"{DOC}.xml")).xpath("string(//tei:correction)",
                                                                      namespaces=NS)
    assert "made no correction" in statement


def test_the_witness_as_written_in_a_correction_is_not_questioned_again() -> None:
    text = "p @p1 | {sic Сприветом|С приветом} и {sic HAM|НАМ} ИР, в Северград\n"
    assert proofread_text(text, "ru", "ru.txt") == []


def test_a_wrong_script_in_the_corrected_reading_is_still_an_error() -> None:
    text = "p @p1 | {sic HAM|HAМ} ИР\n"
    (problem,) = proofread_text(text, "ru", "ru.txt")
    assert problem.severity == "error" and problem.column == text.index("HAМ") + 1


def test_register_forms_are_not_slips() -> None:
    text = "p @p1 | отряд партизанв\n"
    assert proofread_text(text, "ru", "ru.txt")
    assert proofread_text(text, "ru", "ru.txt", known={"партизанв"}) == []


def test_a_register_form_in_the_wrong_script_is_an_error_at_the_record(tmp_path: Path) -> None:
    """Adding the corrupted form to the register would hide the corruption: refused."""
    project = fixture_project(tmp_path)
    persons = project.registry / "persons.toml"
    line = _rewrite(persons, 'match.ru = ["Нам Ир"]', 'match.ru = ["Нам Ир", "HAM ИР"]')
    with pytest.raises(EditionError) as info:
        encode_documents(project)
    (problem,) = info.value.problems
    assert Path(problem.file) == persons and problem.line is not None and problem.line <= line
    assert "nam-ir" in problem.message and "U+0048" in problem.message and "'НАМ ИР'" in problem.hint
