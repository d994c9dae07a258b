"""Progress: the bar draws only on a terminal and only for long stages; long runs of
`edition encode` and `edition validate` say what they are doing, ordinary runs nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from edition import progress as progress_module
from edition.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_items_pass_through_unchanged_and_nothing_is_drawn_off_a_terminal(monkeypatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(progress_module.sys, "stderr", err)
    assert list(progress(range(100), 100, "encode")) == list(range(100))
    assert err.getvalue() == ""


def test_a_long_stage_on_a_terminal_shows_its_count_and_clears_the_line(monkeypatch) -> None:
    err = Terminal()
    monkeypatch.setattr(progress_module.sys, "stderr", err)
    assert list(progress(iter(range(60)), 60, "encode")) == list(range(60))
    drawn = err.getvalue()
    assert "encode [" in drawn and "] 1/60" in drawn and "60/60" in drawn
    assert drawn.endswith("\r")


def test_a_short_stage_draws_nothing_even_on_a_terminal(monkeypatch) -> None:
    err = Terminal()
    monkeypatch.setattr(progress_module.sys, "stderr", err)
    list(progress(range(3), 3, "encode"))
    assert err.getvalue() == ""


# --------------------------------------------------------------------------- lines for long runs
# `edition encode` and `edition validate` say what they are doing when a run is long by its
# size (a large document, many files); thresholds are lowered here so that the fixtures
# count as large, and left as they are to check that an ordinary run says nothing.

VALIDATE_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "validate"


def test_validating_a_large_file_announces_it_and_the_wait_for_jing(
        monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    from edition.validate import rules, validate

    telegram, reply = VALIDATE_FIXTURES / "telegram.xml", VALIDATE_FIXTURES / "reply.xml"
    monkeypatch.setattr(rules, "LARGE_FILE_BYTES", telegram.stat().st_size)
    assert reply.stat().st_size < telegram.stat().st_size
    assert validate([telegram, reply]).findings == []
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "edition validate: 2 file(s), 0.0 MB: TEI P5 (Jing) and the edition's rules"
    announced = [line for line in lines[1:] if line.endswith("the edition's rules")]
    assert len(announced) == 1
    assert announced[0].startswith("edition validate: ")
    assert announced[0].endswith("telegram.xml (0.0 MB): the edition's rules")
    assert lines[-1] == "edition validate: waiting for Jing (TEI P5)"


def test_validating_many_files_counts_them(monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    from edition.validate import rules, validate

    monkeypatch.setattr(rules, "MANY_FILES", 3)
    files = [VALIDATE_FIXTURES / name for name in ("telegram.xml", "reply.xml", "registers.xml")]
    assert validate(files).findings == []
    err = capsys.readouterr().err
    assert "edition validate: 3 file(s)" in err
    for done in (1, 2, 3):
        assert f"edition validate: the edition's rules: {done} of 3 files\n" in err


def test_an_ordinary_validation_says_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    from edition.validate import validate

    files = [VALIDATE_FIXTURES / name for name in ("telegram.xml", "reply.xml", "registers.xml")]
    assert validate(files).findings == []
    assert capsys.readouterr().err == ""


def test_encoding_a_large_document_announces_each_stage(
        tmp_path: Path, monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import copy_project
    from edition import encode

    project = copy_project(tmp_path)
    sources = encode.load_sources(project)
    doc_id = sorted(sources.corpus)[0]
    languages = sources.corpus[doc_id].languages
    encode.encode_one(project, sources, doc_id)
    assert capsys.readouterr().err == ""  # an ordinary document: nothing
    monkeypatch.setattr(encode, "LARGE_TEXT_BYTES", 1)
    encode.encode_one(project, sources, doc_id)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == len(languages) + 1
    for line, lang in zip(lines, languages, strict=False):
        assert line.startswith(f"edition encode: {doc_id} (") and line.endswith(
            f"MB of text): reading and annotating {lang}.txt")
    assert lines[-1] == f"edition encode: {doc_id}: building the TEI"
