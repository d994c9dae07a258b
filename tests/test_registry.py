"""The registry: the real records load and say what was verified; every kind of bad input
is reported with its file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS
from edition.errors import EditionError
from edition.registry import Entity, Registry

REPO = Path(__file__).resolve().parents[1]
REAL = CORPUS / "source" / "registry"

MINIMAL = """\
[korea]
name.en = "Korea"
name.ru = "Корея"
description.en = "Korea as a whole."
"""


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(REAL)


# --- the real registry ----------------------------------------------------------------------

def test_every_entity_the_documents_mention_is_registered(registry: Registry) -> None:
    assert set(registry.entities) >= {
        "stalin", "mao-zedong", "kim-il-sung", "li-kenong", "krasovsky",
        "korea", "north-korea", "south-korea", "beijing", "kaesong", "parallel-38",
        "north-korean-government", "south-korean-government", "chinese-volunteers",
        "united-nations", "second-main-administration", "korean-war"}
    assert list(registry.entities) == sorted(registry.entities)


def test_kinds_and_elements(registry: Registry) -> None:
    kinds = {e.id: (e.kind, e.element) for e in registry}
    assert kinds["stalin"] == ("person", "persName")
    assert kinds["kaesong"] == ("place", "placeName")
    assert kinds["parallel-38"] == ("place", "geogName")
    assert kinds["united-nations"] == ("org", "orgName")
    assert kinds["korean-war"] == ("event", "name")


def test_every_record_has_english_and_russian_names(registry: Registry) -> None:
    for entity in registry:
        assert entity.names.get("en") and entity.names.get("ru"), entity.id
        assert entity.description.get("en"), entity.id
        assert entity.forms.get("en") and entity.forms.get("ru"), entity.id


def test_filippov_is_a_pseudonym_of_stalin(registry: Registry) -> None:
    stalin = registry["stalin"]
    assert [p.names for p in stalin.pseudonyms] == [{"en": "Filippov", "ru": "Филиппов"}]
    assert "filippov" not in registry


def test_only_verified_authorities_are_recorded(registry: Registry) -> None:
    recorded = {(e.id, a.type, a.id) for e in registry for a in e.authorities}
    # facts.md verifies exactly these two; any other identifier needs a named source
    assert recorded == {("stalin", "wikidata", "Q855"), ("mao-zedong", "wikidata", "Q5816")}
    q855 = registry["stalin"].authorities[0]
    assert q855.uri == "http://www.wikidata.org/entity/Q855"
    assert q855.verified
    # Q39464 is Pol Pot: a remembered id put on Kim Il Sung would be a false statement
    assert registry["kim-il-sung"].authorities == ()


def test_dates_and_coordinates_carry_their_source(registry: Registry) -> None:
    for entity in registry:
        if entity.birth or entity.death:
            assert entity.dates_source, entity.id
        if entity.coordinates:
            assert entity.coordinates_source, entity.id
    li = registry["li-kenong"]
    assert (li.birth, li.death) == ("1899-09-15", "1962-02-09")
    assert registry["kaesong"].coordinates == (37.967, 126.55)
    # nothing verified about Krasovsky beyond what the telegram shows
    krasovsky = registry["krasovsky"]
    assert krasovsky.birth is None and krasovsky.death is None and not krasovsky.authorities


def test_records_know_their_file_and_line(registry: Registry) -> None:
    kaesong = registry["kaesong"]
    assert kaesong.file == REAL / "places.toml"
    lines = kaesong.file.read_text(encoding="utf-8").splitlines()
    assert lines[kaesong.line - 1].strip() == "[kaesong]"


def test_get_returns_none_for_an_unknown_id(registry: Registry) -> None:
    assert registry.get("stalin") is registry["stalin"]
    assert isinstance(registry.get("korea"), Entity)
    assert registry.get("nobody") is None


def test_ids_follow_the_pattern(registry: Registry) -> None:
    for entity_id in registry.entities:
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", entity_id)
        assert not re.match(r"(ru|en)-", entity_id)


def test_a_two_letter_word_of_another_language_may_start_an_id(tmp_path: Path) -> None:
    # "li" is a language code too, but not one the edition has texts in
    write(tmp_path, "persons.toml", MINIMAL.replace("[korea]", "[li-kenong]"))
    assert "li-kenong" in Registry.load(tmp_path)


# --- errors ---------------------------------------------------------------------------------

def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problem_of(folder: Path) -> tuple[Path, int | None, str]:
    with pytest.raises(EditionError) as info:
        Registry.load(folder)
    problem = info.value.problems[0]
    return Path(problem.file), problem.line, problem.message  # type: ignore[arg-type]


def test_minimal_record_loads(tmp_path: Path) -> None:
    write(tmp_path, "places.toml", MINIMAL)
    korea = Registry.load(tmp_path)["korea"]
    assert korea.forms == {"en": ("Korea",), "ru": ("Корея",)}
    assert korea.element == "placeName" and korea.line == 1


def test_toml_syntax_error_has_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "places.toml", MINIMAL + '\n[beijing]\nname.en = "Beijing\n')
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 7)
    assert "TOML syntax error" in message


def test_unknown_field(tmp_path: Path) -> None:
    path = write(tmp_path, "places.toml", MINIMAL + 'populaton = 5\n')
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 5)
    assert "unknown field 'populaton'" in message


def test_field_of_another_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "places.toml", MINIMAL + 'birth = "1900-01-01"\n')
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 5) and "unknown field 'birth' for a place" in message


def test_missing_required_field(tmp_path: Path) -> None:
    path = write(tmp_path, "places.toml", "\n\n[korea]\nname.en = \"Korea\"\n"
                 "description.en = \"Korea\"\n")
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 4)
    assert "missing required field name.ru" in message


def test_missing_description(tmp_path: Path) -> None:
    path = write(tmp_path, "places.toml", "[korea]\nname.en = \"Korea\"\nname.ru = \"Корея\"\n")
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 1) and "missing required field 'description'" in message


@pytest.mark.parametrize("bad_id", ["Korea", "ru-korea", "en-x", "korea_", "1korea",
                                    "north--korea", "resp-x", "align-x", "un", "ru"])
def test_bad_id(tmp_path: Path, bad_id: str) -> None:
    path = write(tmp_path, "places.toml", "# a comment\n"
                 + MINIMAL.replace("[korea]", f'["{bad_id}"]'))
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 2)
    assert "bad id" in message


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    write(tmp_path, "places.toml", MINIMAL)
    orgs = write(tmp_path, "orgs.toml", "\n" + MINIMAL)
    with pytest.raises(EditionError) as info:
        Registry.load(tmp_path)
    (problem,) = info.value.problems
    assert (problem.file, problem.line) in {(orgs, 2), (tmp_path / "places.toml", 1)}
    assert "duplicate id 'korea'" in problem.message
    assert "places.toml:1" in problem.hint or "orgs.toml:2" in problem.hint


@pytest.mark.parametrize("date", ["1951-02-30", "3.7.1951", "1951", "1951-7-3"])
def test_bad_date(tmp_path: Path, date: str) -> None:
    path = write(tmp_path, "persons.toml", f"""\
[someone]
name.en = "Someone"
name.ru = "Некто"
description.en = "test"
birth = "{date}"
dates_source = "test"
""")
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 5) and "bad date" in message


def test_dates_need_a_source(tmp_path: Path) -> None:
    path = write(tmp_path, "persons.toml", """\
[someone]
name.en = "Someone"
name.ru = "Некто"
description.en = "test"
death = 1962-02-09
""")
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 5) and "without dates_source" in message


@pytest.mark.parametrize("coordinates", ["[126.55, 37.967, 1]", "[137.967, 126.55]",
                                         "[37.967, 226.55]", "[\"37\", \"126\"]"])
def test_bad_coordinates(tmp_path: Path, coordinates: str) -> None:
    path = write(tmp_path, "places.toml", MINIMAL + f"coordinates = {coordinates}\n"
                 "coordinates_source = \"test\"\n")
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 5) and "coordinates" in message


def test_coordinates_out_of_range_say_so(tmp_path: Path) -> None:
    write(tmp_path, "places.toml", MINIMAL + "coordinates = [126.55, 37.967]\n"
          "coordinates_source = \"test\"\n")
    with pytest.raises(EditionError) as info:
        Registry.load(tmp_path)
    assert "out of range" in info.value.problems[0].message


def test_authority_without_verified(tmp_path: Path) -> None:
    path = write(tmp_path, "places.toml", MINIMAL + "\n[[korea.authority]]\n"
                 "type = \"wikidata\"\nid = \"Q18097\"\n")
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 6)
    assert "without 'verified'" in message


def test_bad_wikidata_id(tmp_path: Path) -> None:
    write(tmp_path, "places.toml", MINIMAL + "[[korea.authority]]\ntype = \"wikidata\"\n"
          "id = \"855\"\nverified = \"test\"\n")
    assert "bad Wikidata id" in problem_of(tmp_path)[2]


def test_non_wikidata_authority_needs_a_uri(tmp_path: Path) -> None:
    write(tmp_path, "places.toml", MINIMAL + "[[korea.authority]]\ntype = \"viaf\"\n"
          "id = \"1\"\nverified = \"test\"\n")
    assert "needs a uri" in problem_of(tmp_path)[2]


@pytest.mark.parametrize("uri", ["https://viaf.org/viaf/101 787139", "https://viaf"])
def test_an_authority_uri_that_is_not_a_web_address_is_an_error(tmp_path: Path, uri: str) -> None:
    """Not a validator failure later ("install what is missing") nor a link to a file named
    after the part after the space: the registry says which record and what to write."""
    write(tmp_path, "places.toml", MINIMAL + "[[korea.authority]]\ntype = \"viaf\"\n"
          f"id = \"1\"\nverified = \"test\"\nuri = \"{uri}\"\n")
    path, line, message = problem_of(tmp_path)
    assert path.name == "places.toml" and line == 5
    assert f"[korea]: authority viaf 1: uri {uri!r} is not a web address" in message


def test_bad_place_element(tmp_path: Path) -> None:
    path = write(tmp_path, "places.toml", MINIMAL + "element = \"orgName\"\n")
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 5) and "bad element" in message


def test_unknown_registry_file(tmp_path: Path) -> None:
    path = write(tmp_path, "people.toml", MINIMAL)
    file, line, message = problem_of(tmp_path)
    assert file == path and "unknown registry file" in message


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    write(tmp_path, "places.toml", MINIMAL + "colour = 1\nelement = \"x\"\n")
    with pytest.raises(EditionError) as info:
        Registry.load(tmp_path)
    assert [p.line for p in info.value.problems] == [5, 6]
    assert "places.toml:5: error:" in str(info.value)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(EditionError):
        Registry.load(tmp_path / "nowhere")


def test_a_broken_copy_of_the_real_registry_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "registry"
    shutil.copytree(REAL, copy)
    persons = copy / "persons.toml"
    text = persons.read_text(encoding="utf-8")
    assert "\nverified = " in text
    persons.write_text(text.replace("\nverified = ", "\nchecked = ", 1), encoding="utf-8")
    with pytest.raises(EditionError) as info:
        Registry.load(copy)
    messages = " ".join(p.message for p in info.value.problems)
    assert "unknown authority field 'checked'" in messages


# --- drafts: records proposed by edition import, not yet confirmed -----------------------------

DRAFT = """\
[world-council]
status = "draft"
name.en = "World Council for the Supporters of Peace"
name.ru = "Всемирный совет сторонников мира"
match.ru = ["Всемирный совет сторонников мира", "Всемирного совета сторонников мира"]
description.en = ""
"""


def test_a_draft_needs_neither_both_languages_nor_a_description(tmp_path: Path) -> None:
    write(tmp_path, "orgs.toml", DRAFT.replace('name.en = "World Council for the Supporters of Peace"\n', ""))
    write(tmp_path, "places.toml", MINIMAL)
    registry = Registry.load(tmp_path)
    draft = registry["world-council"]
    assert draft.draft and not registry["korea"].draft
    assert draft.names == {"ru": "Всемирный совет сторонников мира"}
    assert draft.description == {}
    assert [e.id for e in registry.drafts] == ["world-council"]


def test_a_confirmed_record_still_needs_both_names_and_a_description(tmp_path: Path) -> None:
    path = write(tmp_path, "orgs.toml", DRAFT.replace('status = "draft"\n', ""))
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 5) and "description.en must be a non-empty string" in message


def test_a_status_other_than_draft_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "orgs.toml", DRAFT.replace('"draft"', '"confirmed"'))
    file, line, message = problem_of(tmp_path)
    assert (file, line) == (path, 2) and "bad status 'confirmed'" in message
