"""Register facts and their sources (edition.registry.facts): every fact names a source a
reader can follow, offices carry their dates, a probable identification is encoded as
probable, names the edition wrote itself say so, persons sort by family name. The TEI of a
record points every fact at its source."""

from __future__ import annotations

from pathlib import Path

import pytest
from edition.errors import EditionError
from edition.registry import Registry
from edition.registry.facts import source_problem
from edition.tei import record, serialize
from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

PERSON = """\
[ivan-petrov]
name.en = "Ivan Petrov"
name.ru = "Иван Петров"
description.en = "An invented official."
description_source = "A. Author, An Invented Handbook (Moscow, 1990), p. 12"
{extra}
"""


def _load(tmp_path: Path, extra: str, file: str = "persons.toml", text: str = PERSON) -> Registry:
    folder = tmp_path / "registry"
    folder.mkdir(exist_ok=True)
    (folder / file).write_text(text.format(extra=extra), encoding="utf-8")
    return Registry.load(folder)


def _problems(tmp_path: Path, extra: str) -> list[str]:
    with pytest.raises(EditionError) as info:
        _load(tmp_path, extra)
    return [f"{p.line}: {p.message}" for p in info.value.problems]


@pytest.mark.parametrize("source, why", [
    ("shared/reference/facts.md (verified)", "local path"),
    ("../notes/people.toml", "local path"),
    ("/home/editor/sources.txt", "local path"),
    ("facts.md", "local path"),
    ("file:///tmp/x.html", "local path"),
    ("pub.dev, package geography (https://pub.dev/documentation/geography/latest/)", "package"),
    ("", "empty"),
])
def test_a_source_a_reader_cannot_follow_is_named_as_such(source: str, why: str) -> None:
    assert why in (source_problem(source) or "")


@pytest.mark.parametrize("source", [
    "https://www.wikidata.org/wiki/Q855",
    "Encyclopaedia Britannica, \"Mao Zedong\", https://www.britannica.com/biography/Mao-Zedong",
    "K. Weathersby, \"New Russian Documents on the Korean War\", CWIHP Bulletin 6-7 (1995/96), p. 69",
    "Archontology.org, https://archontology.org/nations/china/china-prc/00_1949_td_s.php",
])
def test_urls_and_bibliographic_references_are_sources(source: str) -> None:
    assert source_problem(source) is None


def test_life_dates_sourced_to_a_path_are_refused_with_the_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, 'birth = "1901-01-01"\ndates_source = "shared/reference/facts.md"')
    assert problems == ["7: [ivan-petrov]: the life dates: the source is a local path, which a reader "
                        "cannot follow ('shared/reference/facts.md')"]


def test_an_authority_verified_by_a_path_is_refused(tmp_path: Path) -> None:
    problems = _problems(tmp_path, '[[ivan-petrov.authority]]\ntype = "wikidata"\nid = "Q1"\n'
                         'verified = "shared/reference/facts.md"')
    assert any("local path" in p for p in problems)


def test_coordinates_from_a_package_documentation_are_refused(tmp_path: Path) -> None:
    place = '[kaluga]\nname.en = "Kaluga"\nname.ru = "Калуга"\ndescription.en = "A city."\n{extra}\n'
    with pytest.raises(EditionError, match="software package's documentation"):
        _load(tmp_path, 'coordinates = [54.5, 36.3]\ncoordinates_source = '
              '"https://pub.dev/documentation/geography/latest/x.html"', "places.toml", place)


def test_an_office_needs_a_title_a_date_and_a_source(tmp_path: Path) -> None:
    assert any("office 'Clerk' has no source" in p for p in _problems(
        tmp_path, '[[ivan-petrov.office]]\ntitle.en = "Clerk"\nfrom = "1950"'))
    assert any("office 'Clerk' has no date" in p for p in _problems(
        tmp_path, '[[ivan-petrov.office]]\ntitle.en = "Clerk"\nsource = "https://archive.test/1"'))


def test_an_identification_needs_certainty_reasoning_and_source(tmp_path: Path) -> None:
    base = '[ivan-petrov.identification]\nname.en = "Ivan Ivanovich Petrov"\n'
    assert any("identification cert" in p for p in _problems(
        tmp_path, base + 'reasoning = "r"\nsource = "https://archive.test/1"'))
    assert any("needs its reasoning" in p for p in _problems(
        tmp_path, base + 'cert = "high"\nsource = "https://archive.test/1"'))
    assert any("identification has no source" in p
               for p in _problems(tmp_path, base + 'cert = "high"\nreasoning = "r"'))


def test_family_and_given_must_make_the_name(tmp_path: Path) -> None:
    assert any("do not make the name" in p for p in _problems(tmp_path, 'family = "Ivanov"\ngiven = "Ivan"'))


FULL = PERSON.format(extra="""\
family = "Petrov"
given = "Ivan"
backtranslated = ["ru"]
native = { uk = "Іван Петров", source = "https://archive.test/names" }
birth = "1901-02-03"
dates_source = "https://archive.test/dates"
[[ivan-petrov.office]]
title.en = "Chairman of the Invented Committee"
from = "1949-10"
to = "1954"
source = "https://archive.test/offices"
[ivan-petrov.identification]
cert = "medium"
name.en = "Ivan Ivanovich Petrov"
reasoning = "The same surname and office."
source = "A. Author, An Invented Handbook (Moscow, 1990), p. 12"
""")


@pytest.fixture
def petrov(tmp_path: Path) -> etree._Element:
    registry = _load(tmp_path, "", text=FULL.replace("{", "{{").replace("}", "}}"))
    return record(registry.entities["ivan-petrov"])


def test_every_fact_of_the_record_points_to_its_source(petrov: etree._Element) -> None:
    bibls = {b.get(XML_ID): "".join(b.itertext()) for b in petrov.iter(f"{TEI}bibl")}
    assert list(bibls) == [f"ivan-petrov-src-{n}" for n in range(1, len(bibls) + 1)]
    facts = [el for el in petrov if etree.QName(el).localname in ("birth", "occupation")
             or el.get("type") in ("original", "identification")]
    assert len(facts) == 5  # name in its script, birth, office, identification and its reasoning
    for fact in facts:
        assert bibls[fact.get("source")[1:]].startswith(("https://", "A. Author"))
    ref = next(petrov.iter(f"{TEI}ref"))
    assert ref.get("target") == ref.text and ref.text.startswith("https://archive.test/")


def test_a_probable_identification_is_encoded_as_probable(petrov: etree._Element) -> None:
    ident = [el for el in petrov if el.get("type") == "identification"]
    assert [(etree.QName(el).localname, el.get("cert"), el.get("resp")) for el in ident] == [
        ("persName", "medium", "#resp-edition"), ("note", "medium", "#resp-edition")]


def test_office_dates_and_the_sort_key_follow_the_family_name(petrov: etree._Element) -> None:
    office = petrov.find(f"{TEI}occupation")
    assert (office.get("from"), office.get("to"), office.get("type")) == ("1949-10", "1954", "office")
    assert petrov.get("sortKey") == "petrov_ivan"
    english = petrov.find(f"{TEI}persName[@type='preferred']")
    assert [etree.QName(c).localname for c in english] == ["forename", "surname"]
    assert "".join(english.itertext()) == "Ivan Petrov"


def test_a_name_the_edition_wrote_itself_carries_its_responsibility(petrov: etree._Element) -> None:
    russian = [el for el in petrov if el.get("type") == "preferred"
               and el.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"]
    assert russian[0].get("resp") == "#resp-edition"
    text = serialize(etree.ElementTree(petrov)).decode()
    assert "«" not in text and "this edition's own translation" in text


def test_a_person_without_family_name_sorts_by_the_last_word(tmp_path: Path) -> None:
    entity = _load(tmp_path, "").entities["ivan-petrov"]
    assert entity.sort_key == "Petrov Ivan"
