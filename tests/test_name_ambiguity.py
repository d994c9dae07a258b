"""Names several register records match alike, and names typed in mixed scripts: never a
silent drop. The encoder refuses them with the transcription's file:line:column, the records
and their registry file:line, and what to do; a hand mark ``{@id …}`` settles an ambiguity;
``edition entities`` lists both. Temporary copies of the tests' corpus (tests/fixtures/corpus)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import copy_project
from edition.candidates import report_candidates
from edition.check import check
from edition.cli import main as cli
from edition.encode import encode_documents
from edition.errors import EditionError
from edition.names import find_ambiguities, find_mentions
from edition.paths import Project
from edition.registry import Registry

TELEGRAM = "1951-07-03-mao-to-filippov"
NAMESAKE = """
[namesake]
name.en = "Ivan Stalin"
name.ru = "Иван Сталин"
match.en = ["Stalin", "Ivan Stalin"]
match.ru = ["Сталин", "Иван Сталин"]
description.en = "An invented person who shares a family name with another record."
description.ru = "Вымышленное лицо с той же фамилией."
description_source = "Invented for the tests, https://example.org/namesake"
"""
LETTER_META = """date = "1951-07-05"
languages = ["ru", "en"]
original = "ru"
[title]
en = "A synthetic test letter"
[witness]
publisher = "Test Archive"
title = "Synthetic letter"
date = "July 5, 1951"
[sent]
persons = ["mao-zedong"]
place = "beijing"
date = "1951-07-05"
[received]
persons = ["stalin"]
[[responsibility]]
what = "Texts"
who = "Test Archive"
[[responsibility]]
what = "Encoding"
who = "edition"
[[change]]
when = "1951-07-05"
what = "Synthetic test document."
"""
LETTER = "1951-07-05-test"


def with_namesake(tmp_path: Path) -> tuple[Project, int]:
    """The corpus with a second record whose match forms include "Stalin"; its line."""
    project = copy_project(tmp_path)
    persons = project.registry / "persons.toml"
    text = persons.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    persons.write_text(text + NAMESAKE, encoding="utf-8")
    return project, line


def add_letter(project: Project, ru: str, en: str) -> None:
    folder = project.documents / LETTER
    folder.mkdir()
    (folder / "metadata.toml").write_text(LETTER_META, encoding="utf-8")
    (folder / "ru.txt").write_text(ru, encoding="utf-8")
    (folder / "en.txt").write_text(en, encoding="utf-8")


def refs_in(tei: Path) -> list[str]:
    return re.findall(r'ref="#([^"]+)"', tei.read_text(encoding="utf-8"))


# --- the matcher ---------------------------------------------------------------------------

def test_a_spelling_two_records_share_is_an_ambiguity_not_a_mention(tmp_path: Path) -> None:
    project, _ = with_namesake(tmp_path)
    registry = Registry.load(project.registry)
    text = "Copies: Stalin (2). Joseph Stalin and Ivan Stalin met Mao."
    mentions = find_mentions(text, "en", registry)
    assert [(text[m.start:m.end], m.refs) for m in mentions] == [
        ("Joseph Stalin", ("stalin",)), ("Ivan Stalin", ("namesake",)), ("Mao", ("mao-zedong",))]
    found = find_ambiguities(text, "en", registry)
    assert [(text[a.start:a.end], a.refs) for a in found] == [("Stalin", ("namesake", "stalin"))]


def test_declined_forms_of_a_shared_name_are_ambiguous_too(tmp_path: Path) -> None:
    project, _ = with_namesake(tmp_path)
    registry = Registry.load(project.registry)
    text = "Письмо Сталину от Мао."
    assert [text[a.start:a.end] for a in find_ambiguities(text, "ru", registry)] == ["Сталину"]
    assert all("stalin" not in m.refs for m in find_mentions(text, "ru", registry))


def test_without_a_second_record_nothing_is_ambiguous(tmp_path: Path) -> None:
    registry = Registry.load(copy_project(tmp_path).registry)
    text = "Copies: Stalin (2). Письмо Сталину."
    assert find_ambiguities(text, "en", registry) == []
    assert [m.refs for m in find_mentions(text, "en", registry)] == [("stalin",)]


# --- encode --------------------------------------------------------------------------------

def test_encode_refuses_an_ambiguous_name_where_it_stands(tmp_path: Path) -> None:
    project, namesake_line = with_namesake(tmp_path)
    tei = project.tei / f"{TELEGRAM}.xml"
    before = tei.read_bytes()
    with pytest.raises(EditionError) as info:
        encode_documents(project, [TELEGRAM])
    en = project.documents / TELEGRAM / "en.txt"
    source = en.read_text(encoding="utf-8").split("\n")
    ours = [p for p in info.value.problems if p.file == en]
    assert ours, [str(p) for p in info.value.problems]
    for problem in ours:
        assert problem.severity == "error"
        assert source[problem.line - 1][problem.column - 1:].startswith("Stalin")
        assert "stalin (" in problem.message and "namesake (" in problem.message
        assert f"persons.toml:{namesake_line}" in problem.message
        assert "{@namesake Stalin}" in problem.hint or "{@stalin Stalin}" in problem.hint
        assert "match forms more specific" in problem.hint
    # every line of the English text that says "Stalin" alone is reported
    alone = {n for n, line in enumerate(source, 1) if re.search(r"(?<!Joseph )\bStalin\b", line)
             and not line.startswith("#")}
    assert {p.line for p in ours} == alone
    assert tei.read_bytes() == before  # the document keeps its previous TEI


def test_the_command_exits_1_and_says_what_to_do(tmp_path: Path, capsys) -> None:
    with_namesake(tmp_path)
    assert cli(["--root", str(tmp_path), "encode", TELEGRAM]) == 1
    err = capsys.readouterr().err
    assert "en.txt:" in err and "matches 2 register records alike" in err
    assert "what to do: mark the mention by hand" in err


def test_check_reports_it_with_the_other_documents_problems(tmp_path: Path) -> None:
    project, _ = with_namesake(tmp_path)
    report = check(project, [TELEGRAM], validate=False)
    errors = [p for p in report.problems.get(TELEGRAM, []) if "register records alike" in p.message]
    assert errors and all(p.file == project.documents / TELEGRAM / "en.txt" for p in errors)


def test_a_hand_mark_settles_the_ambiguity(tmp_path: Path) -> None:
    project, _ = with_namesake(tmp_path)
    add_letter(project, "p @p1 | Письмо {@stalin Сталину} и {@namesake Сталину}.\n",
               "p @p1 | A letter to {@stalin Stalin} and to {@namesake Stalin}.\n")
    encode_documents(project, [LETTER])
    assert refs_in(project.tei / f"{LETTER}.xml").count("stalin") == 2
    assert refs_in(project.tei / f"{LETTER}.xml").count("namesake") == 2


def test_an_unmarked_mention_beside_a_hand_marked_one_is_still_refused(tmp_path: Path) -> None:
    project, _ = with_namesake(tmp_path)
    add_letter(project, "p @p1 | Письмо {@stalin Сталину}.\n",
               "p @p1 | A letter to {@stalin Stalin}; Stalin answered.\n")
    with pytest.raises(EditionError) as info:
        encode_documents(project, [LETTER])
    [problem] = info.value.problems
    assert problem.file == project.documents / LETTER / "en.txt"
    assert (problem.line, problem.column) == (1, len("p @p1 | A letter to {@stalin Stalin}; ") + 1)


# --- mixed scripts ------------------------------------------------------------------------

def test_encode_refuses_a_latin_name_with_a_cyrillic_letter(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    add_letter(project, "p @p1 | Письмо Сталину.\n", "p @p1 | A letter to St\u0430lin.\n")
    with pytest.raises(EditionError) as info:
        encode_documents(project, [LETTER])
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (1, len("p @p1 | A letter to ") + 1)
    assert "CYRILLIC SMALL LETTER A" in problem.message and "'Stalin'" in problem.message
    assert not (project.tei / f"{LETTER}.xml").exists()


def test_encode_refuses_a_registry_name_with_a_cyrillic_letter(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    persons = project.registry / "persons.toml"
    persons.write_text(persons.read_text(encoding="utf-8").replace(
        'match.en = ["Stalin",', 'match.en = ["St\u0430lin", "Stalin",', 1), encoding="utf-8")
    with pytest.raises(EditionError) as info:
        encode_documents(project)
    assert any(p.file == persons and "[stalin]" in p.message and "CYRILLIC" in p.message
               for p in info.value.problems)


# --- edition entities -------------------------------------------------------------------

def test_entities_lists_ambiguous_names_with_their_records(tmp_path: Path) -> None:
    project, namesake_line = with_namesake(tmp_path)
    out = io.StringIO()
    report_candidates(project, TELEGRAM, use_natasha=False, out=out)
    text = out.getvalue()
    assert "names several records match alike" in text
    assert re.search(rf": Stalin  -> namesake \(\S*persons.toml:{namesake_line}\), stalin \(", text)
    assert "{@id name}" in text
    # an ambiguous name is registered: it is not offered as an unregistered candidate
    assert not re.search(r": Stalin  \[", text)


def test_entities_says_when_a_name_mixes_scripts(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    add_letter(project, "p @p1 | Письмо Сталину.\n", "p @p1 | A letter to St\u0430lin.\n")
    out = io.StringIO()
    report_candidates(project, LETTER, use_natasha=False, out=out)
    text = out.getvalue()
    assert "wrong script" in text and "en.txt:1:21" in text and "'Stalin'" in text


def test_entities_says_when_a_registry_name_mixes_scripts(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    persons = project.registry / "persons.toml"
    persons.write_text(persons.read_text(encoding="utf-8").replace(
        'match.en = ["Stalin",', 'match.en = ["St\u0430lin", "Stalin",', 1), encoding="utf-8")
    out = io.StringIO()
    report_candidates(project, TELEGRAM, use_natasha=False, out=out)
    assert "[stalin] the en name 'Stаlin'" in out.getvalue()
