"""What an editor trying the toolkit on unseen telegrams found silently wrong (issue 11,
"Why"), each case now right in the TEI or reported at the source file and line with what
to do. The documents are written into a copy of the tests' invented project."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fixture_project
from edition.check import check
from edition.encode import encode_documents
from edition.errors import EditionError
from edition.paths import Project
from lxml import etree

NS = {"tei": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace"}
DOC = "1950-01-31-ivanov-to-petrov"


def write_units(project: Project, lang: str, lines: list[str]) -> Path:
    """Replace the paragraph of the first invented telegram by ``lines`` (p @p1, @p2, …),
    both languages keeping their labels aligned."""
    path = project.documents / DOC / f"{lang}.txt"
    head = "salute @salute | Товарищ Петров!" if lang == "ru" else "salute @salute | Comrade Petrov!"
    units = [f"p @p{i} | {text}" for i, text in enumerate(lines, start=1)]
    sign = "signed @signed | ИВАНОВ" if lang == "ru" else "signed @signed | IVANOV"
    path.write_text("\n".join([head, *units, sign]) + "\n", encoding="utf-8")
    return path


def encoded(project: Project, ru: list[str], en: list[str]) -> etree._ElementTree:
    write_units(project, "ru", ru)
    write_units(project, "en", en)
    encode_documents(project)
    return etree.parse(str(project.tei / f"{DOC}.xml"))


def dates(tree: etree._ElementTree, lang: str) -> list[tuple[str, dict[str, str]]]:
    div = tree.find(f".//tei:div[@xml:lang='{lang}']", NS)
    return [("".join(d.itertext()), dict(d.attrib)) for d in div.iterfind(".//tei:date", NS)]


def test_periods_are_periods_and_ranges_keep_both_bounds(tmp_path: Path) -> None:
    tree = encoded(fixture_project(tmp_path),
                   ["Совещание 2–3.7.51 в 5–10 км от линии."],
                   ["The meeting of 2-3 July, 5–10 km from the line."])
    assert dates(tree, "ru") == [("2–3.7.51", {"from": "1951-07-02", "to": "1951-07-03"})]
    assert dates(tree, "en") == [("2-3 July", {"from": "1950-07-02", "to": "1950-07-03"})]
    for lang in ("ru", "en"):
        (measure,) = tree.findall(f".//tei:div[@xml:lang='{lang}']//tei:measure", NS)
        (num,) = measure.findall("tei:num", NS)
        assert (measure.get("unit"), num.get("atLeast"), num.get("atMost")) == ("km", "5", "10")
        assert measure.get("quantity") is None


def test_days_without_a_year_and_the_time_of_sending_are_kept(tmp_path: Path) -> None:
    tree = encoded(fixture_project(tmp_path),
                   ["Отправлено 1.7.51 5:30."],
                   ["On January 31 and February 3 they met. Sent 1.7.51 5:30"])
    assert dates(tree, "en") == [("January 31", {"when": "1950-01-31"}),
                                 ("February 3", {"when": "1950-02-03"}),
                                 ("1.7.51 5:30", {"when": "1951-07-01T05:30:00"})]
    assert dates(tree, "ru") == [("1.7.51 5:30", {"when": "1951-07-01T05:30:00"})]


def test_latin_look_alikes_in_a_name_are_reported_not_registered(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    ru = write_units(project, "ru", ["Прибыл HAM ИР."])
    write_units(project, "en", ["Nam Ir arrived."])
    with pytest.raises(EditionError) as info:
        encode_documents(project)
    (problem,) = [p for p in info.value.problems if Path(str(p.file)) == ru]
    assert (problem.line, problem.column) == (2, len("p @p1 | Прибыл ") + 1)
    assert "{sic HAM|НАМ}" in problem.hint
    # the remedy the hint gives: the witness kept, the reading recorded, the name found
    write_units(project, "ru", ["Прибыл {sic HAM|НАМ} ИР."])
    encode_documents(project)
    tree = etree.parse(str(project.tei / f"{DOC}.xml"))
    (name,) = tree.findall(".//tei:div[@xml:lang='ru']//tei:persName[@ref='#nam-ir']", NS)
    assert name.xpath("string(tei:choice/tei:sic)", namespaces=NS) == "HAM"


def test_a_run_together_slip_is_listed_and_the_header_tells_the_corrections_made(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    tree = encoded(project, ["Сприветом."], ["With greetings."])
    statement = tree.xpath("string(//tei:correction)", namespaces=NS)
    assert "made no correction" in statement
    slips = [p for p in check(project).warnings if "Сприветом" in p.message]
    assert slips and slips[0].line == 2 and "{sic Сприветом|С приветом}" in slips[0].hint
    tree = encoded(project, ["{sic Сприветом|С приветом}."], ["With greetings."])
    statement = tree.xpath("string(//tei:correction)", namespaces=NS)
    assert "corrected 1 slip" in statement and "Russian" in statement


def test_a_failing_rule_points_at_the_source_never_at_an_unwritten_tei_file(tmp_path: Path) -> None:
    project = fixture_project(tmp_path)
    encode_documents(project)
    meta = project.documents / "1950-02-02-petrov-to-ivanov" / "metadata.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('"1950-02-02"', '"1950-01-30"'),
                    encoding="utf-8")
    with pytest.raises(EditionError) as info:
        encode_documents(project)
    for problem in info.value.problems:
        assert "tei/" not in str(problem.file) and "as it would be written" not in str(problem)
        assert problem.hint.strip().lower() not in ("fix it", "see above", "see saxon's message above")
    assert any(Path(str(p.file)) == meta and p.line for p in info.value.problems)


def test_an_xslt_failure_names_the_document_and_what_to_run(tmp_path: Path) -> None:
    from edition.xsltrun import transform

    stylesheet = tmp_path / "fails.xsl"
    stylesheet.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="/"><xsl:sequence select="error((), \'cannot render\')"/></xsl:template>'
        "</xsl:stylesheet>", encoding="utf-8")
    project = fixture_project(tmp_path / "p")
    encode_documents(project)
    with pytest.raises(EditionError) as info:
        transform(stylesheet, project.tei / f"{DOC}.xml")
    (problem,) = info.value.problems
    assert DOC in problem.message and "cannot render" in problem.message
    assert f"edition check {DOC}" in problem.hint


def test_an_invalid_new_document_is_named_by_check_and_by_the_build(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from edition.cli import main as cli

    project = fixture_project(tmp_path)
    ru = write_units(project, "ru", ["Прибыл HAM ИР."])
    write_units(project, "en", ["Nam Ir arrived."])
    assert cli(["--root", str(project.root), "check"]) == 1
    assert f"{ru}:2:" in capsys.readouterr().out
    assert cli(["--root", str(project.root), "build", "--no-pdf"]) == 1
    assert f"{ru}:2:" in capsys.readouterr().err
