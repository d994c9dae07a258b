"""`edition check`: every problem of a project at once, each at the source file and line
the editor wrote, nothing written; exit 0 on a clean project."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import fixture_project
from edition.check import check
from edition.cli import main as cli
from edition.encode import encode_documents
from edition.paths import Project

FIRST = "1950-01-31-ivanov-to-petrov"
REPLY = "1950-02-02-petrov-to-ivanov"


def snapshot(root: Path) -> dict[str, str]:
    """Every file under the project with its content hash: what 'nothing written' means."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def rewrite(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


@pytest.fixture
def encoded(tmp_path: Path) -> Project:
    project = fixture_project(tmp_path)
    encode_documents(project)
    return project


def test_a_clean_project_passes_and_nothing_is_written(encoded: Project,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(encoded.root)
    assert cli(["--root", str(encoded.root), "check"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out
    assert snapshot(encoded.root) == before


def test_every_source_problem_is_reported_at_once_in_source_terms(encoded: Project,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    docs = encoded.documents
    # the register: a record without its English name
    registry_line = rewrite(encoded.registry / "places.toml", 'name.en = "Northtown"\n', "")
    # the first document: Latin look-alikes in a name, a slip, and a line that is not markup
    ru = docs / FIRST / "ru.txt"
    script_line = rewrite(ru, "Нам Ир", "HAM Ир")
    slip_line = rewrite(ru, "Вашу телеграмму", "Вашутелеграмму")
    with ru.open("a", encoding="utf-8") as out:
        out.write("para @p9 | this kind does not exist\n")
    kind_line = ru.read_text(encoding="utf-8").count("\n")
    # the reply: its transcription no longer gives back its witness; its metadata has a bad date
    witness_line = rewrite(docs / REPLY / "ru.txt", "трёх четырёх", "трёх пяти")
    meta_line = rewrite(docs / REPLY / "metadata.toml", 'date = "1950-02-02"', 'date = "2.2.1950"')
    before = snapshot(encoded.root)

    report = check(encoded)
    shown = "\n".join(report.lines())
    assert snapshot(encoded.root) == before
    places = {(Path(str(p.file)).name, p.line) for p in report.errors}
    assert ("places.toml", None) in places or any(
        Path(str(p.file)).name == "places.toml" for p in report.errors), shown
    assert ("ru.txt", script_line) in places and ("ru.txt", kind_line) in places, shown
    assert ("metadata.toml", meta_line) in places, shown
    assert [w for w in report.warnings if w.line == slip_line and "'Вашу телеграмму'" in w.message], shown
    reply_places = {(Path(str(p.file)).name, p.line) for p in report.problems[REPLY]}
    assert ("ru.txt", witness_line) in reply_places, shown
    assert registry_line > 0
    # nothing points at a TEI file that was not written, nothing says only "fix it"
    for problem in report.errors + report.warnings:
        assert "tei/" not in str(problem.file) and "as it would be written" not in str(problem)
        assert problem.hint and problem.hint.strip().lower() not in ("fix it", "see above")
    assert cli(["--root", str(encoded.root), "check"]) == 1
    assert capsys.readouterr().out.count("error:") >= 4


def test_validation_findings_point_at_the_metadata_and_lines_they_come_from(encoded: Project) -> None:
    # the reply is now dated before the letter it answers: a rule of the encoded TEI
    meta = encoded.documents / REPLY / "metadata.toml"
    text = meta.read_text(encoding="utf-8").replace('"1950-02-02"', '"1950-01-30"')
    meta.write_text(text, encoding="utf-8")
    # and the first letter has an impossible date in its Russian text
    date_line = rewrite(encoded.documents / FIRST / "ru.txt", "от 29 января", "от 31.2.1950")
    report = check(encoded)
    (reply,) = [p for p in report.errors if "E-REPLY-DATE" in p.message]
    assert Path(str(reply.file)) == meta and reply.line is not None
    assert "answers" in reply.hint
    (impossible,) = [p for p in report.errors if "31.2.1950" in p.message]
    assert (Path(str(impossible.file)).name, impossible.line) == ("ru.txt", date_line)
    assert impossible.column is not None


def test_a_stale_tei_file_is_named_with_the_command_that_refreshes_it(encoded: Project) -> None:
    rewrite(encoded.documents / FIRST / "en.txt", "Yesterday", "Today")
    report = check(encoded, [FIRST])
    (stale,) = report.errors
    assert Path(str(stale.file)) == encoded.tei / f"{FIRST}.xml"
    assert f"edition encode {FIRST}" in stale.hint


def test_unknown_document_ids_are_named(encoded: Project) -> None:
    (problem,) = check(encoded, ["no-such-document"]).errors
    assert "no such document" in problem.message and FIRST in problem.hint
