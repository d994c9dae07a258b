"""`edition import` (edition.importer.run): a record in, a complete document folder out (the
witness byte for byte, transcriptions, metadata.toml from what the record states, a report),
or an error naming file and line and nothing written. That the folders encode to the right
TEI is tests/test_import_tei.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from edition.cli import main as cli
from edition.encode import check_witness
from edition.errors import EditionError
from edition.importer import import_records
from edition.markup import parse_file
from edition.paths import Project
from edition.registry import Registry
from hypothesis import given, settings
from hypothesis import strategies as st
from import_records import (
    EN,
    PUBLISHER,
    RU,
    TODAY,
    meta,
    new_project,
    record,
    run_on,
    unregistered_parties,
    write_record,
)

# --- what is written -------------------------------------------------------------------------

def test_a_run_on_record_is_cut_into_units_and_its_witness_is_the_line(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    path = write_record(tmp_path, record(ru=run_on(RU)))
    [item] = import_records(project, [path], today=TODAY)
    folder = project.documents / item.doc_id
    witness = (folder / "witness" / "ru.txt").read_text("utf-8")
    assert witness == run_on(RU)[0] + "\n"
    ru = parse_file(folder / "ru.txt", "ru")
    assert [b.kind for b in ru.blocks] == ["gap", "dateline", "salute", "p", "item", "p", "item", "p",
                                           "signed", "gap"]
    assert all(b.runs_on for b in ru.blocks[:-1])
    assert "run-on lines cut into units" in item.report


def test_crlf_is_normalised_in_the_witness_and_the_report_says_so(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, record(newline="\r\n"))], today=TODAY)
    witness = (project.documents / item.doc_id / "witness" / "en.txt").read_bytes()
    assert b"\r" not in witness and witness.decode().splitlines() == EN
    assert "CRLF, normalised to LF" in item.report


def test_a_translation_only_record_is_never_an_original(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    labels_without_language = [x for x in record(en=EN).split("###\n")[1].split("\n")
                               if x not in ("Language", "Russian")]
    [stated] = import_records(project, [write_record(tmp_path, record(ru=None), "a.txt")], today=TODAY)
    data = meta(project, stated.doc_id)
    assert data["languages"] == ["en"] and data["original"] == "ru"      # the record says Russian
    project2 = new_project(tmp_path / "p2")
    [unstated] = import_records(project2, [write_record(tmp_path, record(ru=None, labels=[
        x for x in labels_without_language if x]), "b.txt")], today=TODAY)
    data = meta(project2, unstated.doc_id)
    assert data["languages"] == ["en"] and data["original"] == ""       # unknown, not English


def test_three_archival_references_each_as_written(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, record())], today=TODAY)
    data = meta(project, item.doc_id)
    assert [(r["repository"], r["collection"], r["idno"]) for r in data["archival"]["references"]] == [
        ("APRF", "f. 45, op. 1, d. 348", "ll. 4-6"),
        ("AVPRF", "f. 059a, op. 5a, d. 5, p. 11", "ll. 1-2"),
        ("RGASPI", "f. 558, op. 11, d. 342", "l. 3")]
    witness = data["witness"]
    assert witness["translator"] == "Jane Translator"
    assert witness["url"] == "https://digitalarchive.example.org/document/900001"
    assert witness["record_id"] == "900001" and witness["citation"].startswith("\"Ciphered Telegram No. 4711")
    assert witness["summary"] == "Mao Zedong reports on the draft agreement and asks for advice."
    assert witness["unknown"] == ["Associated Places"]
    assert data["date"] == "1952-08-08" and data["original"] == "ru"
    assert data["sent"] == {"persons": ["mao-zedong"], "date": "1952-08-08"}
    assert data["received"] == {"persons": ["stalin"], "date": "1952-08-08T09:30:00"}
    assert data["keywords"]["en"] == ["Korean War, 1950-1953", "Armistice negotiations"]


def test_an_empty_metadata_section_leaves_everything_unknown(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, record(labels=[]))], today=TODAY,
                            publisher=PUBLISHER)
    data = meta(project, item.doc_id)
    assert data["witness"]["summary"] == "" and data["witness"]["rights"] == ""
    assert "Summary" in data["witness"]["unknown"] and "Record ID" in data["witness"]["unknown"]
    assert data["archival"].get("references", []) == []
    assert "the archival reference" in item.report and "the translator" in item.report


def test_the_id_is_date_sender_and_addressee_else_the_record_id(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, record())], today=TODAY)
    assert item.doc_id == "1952-08-08-mao-to-filippov"
    untitled = record().replace("Ciphered Telegram No. 4711, Mao Zedong to Filippov [Stalin]\n",
                                "Untitled\n")
    [item] = import_records(project, [write_record(tmp_path, untitled, "b.txt")], today=TODAY)
    assert item.doc_id == "record-900001"


# --- bad input: exit 1, file:line, what to do, nothing written --------------------------------

def snapshot(project: Project) -> dict[str, bytes]:
    return {str(p.relative_to(project.root)): p.read_bytes()
            for p in sorted(project.source.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("text", "fragment"), [
    (record().replace("###\n", ""), "no '###'"),
    ("###\nSummary\nx\n", "no language block"),
    (record().replace("Record ID\n", "Record Identifier:\n"), "unknown label"),
])
def test_a_bad_record_exits_1_and_writes_nothing(tmp_path: Path, capsys, text: str, fragment: str) -> None:
    project = new_project(tmp_path / "project")
    good = write_record(tmp_path, record(), "good.txt")
    bad = write_record(tmp_path, text, "bad.txt")
    before = snapshot(project)
    assert cli(["--root", str(project.root), "import", str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert fragment in err and "bad.txt:" in err and "what to do" in err
    assert snapshot(project) == before


def test_a_record_that_is_not_utf8_exits_1(tmp_path: Path, capsys) -> None:
    project = new_project(tmp_path / "project")
    path = tmp_path / "bad.txt"
    path.write_bytes(record().encode("cp1251", errors="replace"))
    before = snapshot(project)
    assert cli(["--root", str(project.root), "import", str(path)]) == 1
    assert re.search(r"bad\.txt:\d+: error: the record is not UTF-8", capsys.readouterr().err)
    assert snapshot(project) == before


def test_a_taken_id_is_an_error_naming_the_existing_folder(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    path = write_record(tmp_path, record())
    import_records(project, [path], today=TODAY)
    before = snapshot(project)
    with pytest.raises(EditionError) as info:
        import_records(project, [path], today=TODAY)
    assert "1952-08-08-mao-to-filippov" in info.value.problems[0].message
    assert str(project.documents / "1952-08-08-mao-to-filippov") in info.value.problems[0].message
    assert info.value.problems[0].line == 2  # the publisher's title, which names the parties
    assert snapshot(project) == before
    [item] = import_records(project, [path], doc_id="1952-08-08-mao-to-filippov-copy", today=TODAY)
    assert (project.documents / item.doc_id / "metadata.toml").is_file()


def test_two_records_with_one_id_write_nothing(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    a = write_record(tmp_path, record(), "a.txt")
    b = write_record(tmp_path, record(), "b.txt")
    with pytest.raises(EditionError) as info:
        import_records(project, [a, b], today=TODAY)
    assert "also the id of" in info.value.problems[0].message
    assert not any(project.documents.iterdir())


def test_the_publisher_is_the_citations_else_the_editions_else_an_error(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [cited] = import_records(project, [write_record(tmp_path, record(), "a.txt")], today=TODAY)
    cited_by = "History and Public Policy Program Digital Archive"
    assert meta(project, cited.doc_id)["witness"]["publisher"] == cited_by
    uncited = record(labels=[]).replace("August 8, 1952", "August 9, 1952")
    [item] = import_records(project, [write_record(tmp_path, uncited, "b.txt")], today=TODAY)
    assert meta(project, item.doc_id)["witness"]["publisher"] == cited_by
    assert "the publisher the edition's other documents name" in item.report
    empty = new_project(tmp_path / "empty")
    with pytest.raises(EditionError) as info:
        import_records(empty, [write_record(tmp_path, uncited, "c.txt")], today=TODAY)
    assert "does not name its publisher" in info.value.problems[0].message
    assert "--publisher" in info.value.problems[0].hint


# --- no record makes the importer fail with anything but an editor's error ----------------------

RU_WORDS = ["Товарищ", "ФИЛИППОВ!", "Прошу", "сообщить", "1.", "“пункт”.", "[…]", "3.7.1951", "МАО", "г.",
            "и"]
EN_WORDS = ["Comrade", "FILIPPOV!", "I", "ask", "you", "2.", "\"point\".", "[...]", "No.", "3305", "MAO",
            "To"]
META_LINES = ["Summary", "Author(s):", "Rights", "Record ID", "12", "Language", "Russian", "Foo Bar:", "text",
              "\"Title,\" July 3, 1951, History and Public Policy Program Digital Archive, APRF, f. 1. "
              "Translated by X. https://example.org/1", "July 3, 1951", "Title, A to B", ""]


@settings(deadline=None, max_examples=25)
@given(ru=st.lists(st.lists(st.sampled_from(RU_WORDS), min_size=1, max_size=8).map(" ".join), max_size=4),
       en=st.lists(st.lists(st.sampled_from(EN_WORDS), min_size=1, max_size=8).map(" ".join), max_size=4),
       meta_lines=st.lists(st.sampled_from(META_LINES), max_size=6), separator=st.booleans())
def test_any_record_imports_or_fails_with_file_line_and_hint(tmp_path_factory, ru: list[str], en: list[str],
                                                             meta_lines: list[str], separator: bool) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    project = new_project(folder / "project")
    text = "\n".join([*ru, *en, *(["###"] if separator else []), *meta_lines]) + "\n"
    path = write_record(folder, text)
    try:
        [item] = import_records(project, [path], today=TODAY, publisher=PUBLISHER, use_natasha=False,
                                doc_id="fuzz")
    except EditionError as err:
        assert all(p.file is not None and p.hint for p in err.problems)
        assert not (project.documents / "fuzz").exists()
        return
    for lang in meta(project, item.doc_id)["languages"]:
        folder_ = project.documents / "fuzz"
        check_witness(parse_file(folder_ / f"{lang}.txt", lang),
                      (folder_ / "witness" / f"{lang}.txt").read_text("utf-8"), f"{lang}.txt")


def test_a_record_whose_language_is_not_among_its_texts_holds_translations_only(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    text = record().replace("Language\nRussian\n", "Language\nChinese\n")
    [item] = import_records(project, [write_record(tmp_path, text)], today=TODAY)
    data = meta(project, item.doc_id)
    assert data["languages"] == ["ru", "en"] and data["original"] == "zh"
    assert "translation only: the original (zh) is not in the record" in item.report


def test_parties_no_record_covers_become_draft_records(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, unregistered_parties())], today=TODAY,
                            publisher=PUBLISHER, use_natasha=False)
    assert item.doc_id == "1952-08-08-peng-to-gao"
    data = meta(project, item.doc_id)
    assert data["sent"]["persons"] == ["peng-dehuai"] and data["received"]["persons"] == ["gao-gang"]
    registry = Registry.load(project.registry)
    # the sender's draft is the one proposed from the signature (both languages), the
    # addressee's is made from the title (the texts never name him)
    assert registry["peng-dehuai"].draft and registry["peng-dehuai"].names["ru"] == "Пэн Дэхуай"
    assert registry["gao-gang"].draft and registry["gao-gang"].names == {"en": "Gao Gang"}
    assert "'gao-gang' is a draft this import proposed" in item.report


def test_a_record_in_three_languages_is_refused_with_the_line_of_the_third(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    text = record().replace("CIPHERED TELEGRAM No. 4711\n", "毛泽东同志：\n我们收到了你的电报。\n"
                            "我们同意。\nCIPHERED TELEGRAM No. 4711\n")
    with pytest.raises(EditionError) as info:
        import_records(project, [write_record(tmp_path, text)], today=TODAY)
    problem = info.value.problems[0]
    assert "3 languages (ru, zh, en)" in problem.message and problem.line == 18 and problem.hint
    assert not any(project.documents.iterdir())


def test_a_project_that_cannot_be_written_exits_2_without_a_traceback(tmp_path: Path, capsys) -> None:
    project = new_project(tmp_path / "project")
    path = write_record(tmp_path, record())
    project.documents.rmdir()
    project.documents.write_text("not a folder")   # what a full disk or a read-only tree would do
    assert cli(["--root", str(project.root), "import", str(path), "--no-natasha"]) == 2
    err = capsys.readouterr().err
    assert f"{project.documents}: error: cannot write: " in err and "nothing was imported" in err
    assert "Traceback" not in err
    assert project.documents.read_text() == "not a folder"
