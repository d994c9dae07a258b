"""The ODD's Schematron is portable (edition.validate; schema/edition.odd): written in
XPath 2 with no extension function and no undeclared variable, it runs as it is under
SchXslt (the XSLT 2 ISO Schematron processor vendored in ../shared/vendor, as oXygen and
other projects would run it) and gives every shipped TEI file and every validator fixture
the same verdicts as `edition validate`, which runs it with libxslt after mapping it to
XPath 1 + EXSLT."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS, REPO
from edition import validate
from edition.paths import Project
from lxml import etree
from vendored import VENDOR, need, schxslt

SCH = "http://purl.oclc.org/dsdl/schematron"
FIXTURES = REPO / "tests" / "fixtures" / "validate"
# Files the rules run on: the shipped TEI and the fixtures that exercise each rule (the
# others are refused before the rules: not XML, unsafe XML, or not a TEI document).
UNSAFE = ("not-xml.xml", "doctype-entity.xml", "external-dtd.xml", "external-entity.xml")


def _is_tei(path: Path) -> bool:
    if path.name in UNSAFE:
        return False
    parser = etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True)
    return etree.parse(str(path), parser).getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"


FILES = [p for p in [*sorted(Project(CORPUS).tei.glob("*.xml")), *sorted(FIXTURES.glob("*.xml"))]
         if _is_tei(p)]


@pytest.fixture(scope="module")
def portable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schematron") / "edition.sch"
    validate.portable_schematron().write(str(path), encoding="UTF-8", xml_declaration=True)
    return path


def test_the_rules_use_no_extension_function(portable: Path) -> None:
    schema = etree.parse(str(portable)).getroot()
    assert schema.get("queryBinding") == "xslt2"
    declared = {ns.get("uri") for ns in schema.iter(f"{{{SCH}}}ns")}
    assert not [uri for uri in declared if "exslt.org" in uri]
    text = etree.tostring(schema, encoding="unicode")
    assert not re.search(r"\b(str|re|date|exsl|dyn|set|math):[a-z]", text.replace("xs:", ""))


def test_every_variable_the_rules_use_is_declared(portable: Path) -> None:
    schema = etree.parse(str(portable)).getroot()
    declared = {let.get("name") for let in schema.iter(f"{{{SCH}}}let")}
    used: set[str] = set()
    for el in schema.iter():
        for attr in ("value", "test", "context", "select"):
            expression = el.get(attr) or ""
            # a variable the expression binds itself (for/some/every $x in …) is declared there
            bound = set(re.findall(r"\b(?:for|some|every|let)\s+\$([\w-]+)", expression))
            used.update(set(re.findall(r"\$([\w-]+)", expression)) - bound)
    assert used - declared == set()


def test_the_subset_variable_lists_the_module_references() -> None:
    schema = validate.portable_schematron().getroot()
    let = next(e for e in schema.iter(f"{{{SCH}}}let") if e.get("name") == "edition-elements")
    listed = set(let.get("value").strip("' ").split())
    assert listed == validate.edition_elements()


def test_each_xpath1_replacement_still_matches_the_odd() -> None:
    """edition validate replaces these XPath 2 expressions by XPath 1 ones: each must
    still be in the ODD, or the rule would run unmapped (and fail) under libxslt."""
    odd = " ".join((REPO / "schema" / "edition.odd").read_text(encoding="utf-8").split())
    odd = odd.replace("&lt;", "<").replace("&gt;", ">")
    for xpath2 in validate.XPATH1:
        assert xpath2 in odd, xpath2


@pytest.fixture(scope="module")
def verdicts() -> dict[str, Counter[str]]:
    """edition validate's findings of the rules (not Jing's), per file: one run for all."""
    found: dict[str, Counter[str]] = {}
    for finding in validate.validate(FILES).findings:
        if finding.layer == "edition":
            found.setdefault(finding.file, Counter())[finding.rule] += 1
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schxslt_gives_the_verdicts_of_edition_validate(
        portable: Path, verdicts: dict[str, Counter[str]], path: Path) -> None:
    theirs = Counter(f.pattern for f in schxslt(portable, path))
    assert theirs == verdicts.get(validate._shown(path), Counter())


def test_the_comparison_sees_failures() -> None:
    """Most fixtures break a rule: the verdicts compared are not all empty."""
    assert len(FILES) > 20
    assert sum(1 for p in FILES if p.name.startswith("e-")) >= 15


# ============================================================ the compiled ODD (odd2relax)

CLOSED = {"div": "edition", "list": "ordered", "correspAction": "sent", "note": "editorial"}


@pytest.fixture(scope="module")
def compiled_rng(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ODD compiled as the TEI toolchain does it: odd2odd against the TEI P5 4.3.0
    subset, then odd2relax (the TEI Consortium's Stylesheets, vendored), in saxonche."""
    from saxonche import PySaxonProcessor

    stylesheets = need(VENDOR / "tei-stylesheets" / "odds")
    p5 = need(VENDOR / "tei-p5" / "p5subset.xml")
    folder = tmp_path_factory.mktemp("odd")
    proc = PySaxonProcessor(license=False)
    xslt = proc.new_xslt30_processor()
    odd2odd = xslt.compile_stylesheet(stylesheet_file=str(stylesheets / "odd2odd.xsl"))
    odd2odd.set_parameter("defaultSource", proc.make_string_value(p5.as_uri()))
    (folder / "compiled.odd").write_text(
        odd2odd.transform_to_string(source_file=str(REPO / "schema" / "edition.odd")), encoding="utf-8")
    odd2relax = xslt.compile_stylesheet(stylesheet_file=str(stylesheets / "odd2relax.xsl"))
    rng = folder / "edition.rng"
    rng.write_text(odd2relax.transform_to_string(source_file=str(folder / "compiled.odd")), encoding="utf-8")
    return rng


def jing(schema: Path, *files: Path) -> str:
    done = subprocess.run([str(Path(sys.executable).parent / "pyjing"), str(schema), *map(str, files)],
                          capture_output=True, text=True, timeout=300, check=False)
    return done.stdout + done.stderr


def test_the_compiled_odd_accepts_the_shipped_tei(compiled_rng: Path) -> None:
    assert jing(compiled_rng, *sorted(Project(CORPUS).tei.glob("*.xml"))) == ""


def test_the_compiled_odd_closes_the_value_lists_the_edition_uses(compiled_rng: Path, tmp_path: Path) -> None:
    """A value the encoder never writes (div type="bogus" …) is refused by the schema
    itself, not only by the edition's rules."""
    documents = sorted(Project(CORPUS).tei.glob("*.xml"))
    for element, value in CLOSED.items():
        for document in documents:
            tree = etree.parse(str(document))
            target = next((el for el in tree.iter(f"{{http://www.tei-c.org/ns/1.0}}{element}")
                           if el.get("type") == value), None)
            if target is not None:
                break
        assert target is not None, f"no {element} type={value} in the shipped TEI"
        target.set("type", "bogus")
        path = tmp_path / f"{element}.xml"
        tree.write(str(path), encoding="UTF-8", xml_declaration=True)
        assert 'value of attribute "type" is invalid' in jing(compiled_rng, path), element
