"""importer.proposals: names no register record covers become draft records, one per entity,
paired across languages through the alignment; nothing is invented.

Units come from the copies of the shipped transcriptions in tests/fixtures/align (see
test_align.py); an empty registry makes every name unregistered."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from edition.importer.align import Unit, align
from edition.importer.proposals import Draft, nominative_ru, propose, render, write_drafts
from edition.names import find_mentions
from edition.registry import Registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_align import FIXTURES, hand_prepared


def drafts_of(name: str, registry: Registry) -> list[Draft]:
    ru, en, _ = hand_prepared(name)
    links = align(ru, en, original_lang="ru", translation_lang="en", registry=registry)
    return propose({"ru": ru, "en": en}, links, registry, original_lang="ru", translation_lang="en")


@pytest.fixture(scope="module")
def empty() -> Registry:
    return Registry.load(FIXTURES / "empty-registry")


@pytest.fixture(scope="module")
def telegram_drafts(empty: Registry) -> dict[str, Draft]:
    return {d.names.get("en", d.names.get("ru")): d for d in drafts_of("telegram", empty)}


def test_a_name_and_its_transcription_in_aligned_units_are_one_draft(telegram_drafts: dict) -> None:
    kim = telegram_drafts["Kim Il Sung"]
    assert kim.kind == "person"
    assert kim.names == {"en": "Kim Il Sung", "ru": "Ким Ир Сен"}
    # the case forms the Russian text uses are one record, kept as match forms
    assert set(kim.forms["ru"]) == {"КИМ ИР СЕН", "КИМ ИР СЕНУ", "КИМ ИР СЕНА"}
    assert telegram_drafts["Kaesong"].names["ru"] == "Кайдзъё"
    assert telegram_drafts["Mao Zedong"].names["ru"] == "Мао Цзэдун"


def test_a_foreign_name_seen_only_after_a_title_loses_the_regular_ending(telegram_drafts: dict) -> None:
    """«товарища ЛИ КЭ-НУНА»: the title is genitive, so is the name; its nominative «Ли Кэ-нун»."""
    li = telegram_drafts["Li Kenong"]
    assert li.kind == "person" and li.kind_sure
    assert li.names["ru"] == "Ли Кэ-нун" and li.forms["ru"] == ["ЛИ КЭ-НУНА"]


def test_the_russian_name_is_put_in_the_nominative(telegram_drafts: dict) -> None:
    assert telegram_drafts["Korea"].names["ru"] == "Корея"
    # one record, though one unit names it in two cases and another aligns only one of them
    assert [d.id for d in telegram_drafts.values() if d.names.get("ru") == "Корея"] == ["korea"]
    assert set(telegram_drafts["Korea"].forms["ru"]) == {"Кореи", "Корею"}
    assert telegram_drafts["North Korea"].names["ru"] == "Северная Корея"
    assert telegram_drafts["South Korea"].names["ru"] == "Южная Корея"


def test_an_organisation_named_by_adjectives_and_a_head_noun_is_paired(telegram_drafts: dict) -> None:
    """«… под юрисдикцией Корейского Народного правительства, а южнее … Южно-Корейского
    правительства» / "… the Korean People's government … the South-Korean government"."""
    assert telegram_drafts["Korean People's government"].names["ru"] == "Корейское Народное правительство"
    assert telegram_drafts["South-Korean government"].names["ru"] == "Южно-Корейское правительство"
    assert {telegram_drafts[n].kind for n in ("Korean People's government", "South-Korean government")} \
        == {"org"}
    assert telegram_drafts["Korean war"].kind == "event"


def test_drafts_invent_nothing(telegram_drafts: dict) -> None:
    for draft in telegram_drafts.values():
        record = tomllib.loads(render(draft))[draft.id]
        assert set(record) <= {"status", "name", "match", "description"}
        assert record["status"] == "draft" and record["description"] == {"en": ""}


def test_routing_labels_and_demonyms_are_not_names(telegram_drafts: dict) -> None:
    assert not {"Received", "Copies", "English", "Korean", "Chinese"} & set(telegram_drafts)


def test_an_unsure_kind_says_so(telegram_drafts: dict) -> None:
    deputy = telegram_drafts["Deputy Minister of Foreign Affairs"]
    assert not deputy.kind_sure and "kind unsure" in render(deputy)


def test_registered_names_are_not_proposed() -> None:
    registry = Registry.load(FIXTURES / "registry")
    names = {d.names.get("en") for d in drafts_of("telegram", registry)}
    assert "Kim Il Sung" not in names and "Korea" not in names and "Mao Zedong" not in names
    assert "Li Kenong" in names


def test_the_reply_pairs_an_acronym_with_its_translation(empty: Registry) -> None:
    drafts = {d.names.get("en"): d for d in drafts_of("reply", empty)}
    assert drafts["UN"].names == {"en": "UN", "ru": "ООН"}


def test_an_organisation_and_its_translation_are_one_record(empty: Registry) -> None:
    ru = [Unit("p", "Мы направили письмо в адрес Всемирного совета сторонников мира.", 1)]
    en = [Unit("p", "We sent a letter to the World Council for the Supporters of Peace.", 2)]
    links = align(ru, en, original_lang="ru", translation_lang="en")
    drafts = propose({"ru": ru, "en": en}, links, empty, original_lang="ru", translation_lang="en")
    assert len(drafts) == 1
    council = drafts[0]
    assert council.kind == "org"
    assert council.names == {"en": "World Council for the Supporters of Peace",
                             "ru": "Всемирный совет сторонников мира"}
    assert council.forms["ru"] == ["Всемирного совета сторонников мира"]


def test_nominative() -> None:
    assert nominative_ru("Всемирного совета сторонников мира") == "Всемирный совет сторонников мира"
    assert nominative_ru("Корейского Народного правительства") == "Корейское Народное правительство"
    assert nominative_ru("ФИЛИППОВ") == "ФИЛИППОВ"


def test_written_drafts_load_as_drafts_and_their_forms_match(tmp_path: Path, empty: Registry) -> None:
    folder = tmp_path / "registry"
    shutil.copytree(FIXTURES / "registry", folder)
    before = (folder / "persons.toml").read_text(encoding="utf-8")
    ru = [Unit("p", "Мы направили письмо в адрес Всемирного совета сторонников мира.", 1)]
    en = [Unit("p", "We sent a letter to the World Council for the Supporters of Peace.", 2)]
    links = align(ru, en, original_lang="ru", translation_lang="en")
    drafts = propose({"ru": ru, "en": en}, links, Registry.load(folder),
                     original_lang="ru", translation_lang="en")
    changed = write_drafts(drafts, folder)
    assert changed == [folder / "orgs.toml"]
    assert (folder / "persons.toml").read_text(encoding="utf-8") == before
    registry = Registry.load(folder)
    assert [e.id for e in registry.drafts] == [drafts[0].id]
    assert not registry["kim-il-sung"].draft
    mentions = find_mentions("в адрес Всемирного совета сторонников мира", "ru", registry)
    assert [m.refs for m in mentions] == [(drafts[0].id,)]


words = st.sampled_from(["Иван", "ПЕТРОВ", "Совет", "мира", "Москва", "Кореи", "и", "the", "Council", "of",
                         "Peace", "KIM", "Li", "North", "and", "South", "war", "government", "«Север»",
                         "O'Brien", "back\\\\slash", "\"quoted\"", "1950", "Ёлкин", "-", "."])
texts = st.lists(words, max_size=12).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(texts, min_size=1, max_size=4), st.lists(texts, min_size=1, max_size=4))
def test_any_drafts_written_load_back_as_drafts(tmp_path_factory: pytest.TempPathFactory,
                                                ru_texts: list[str], en_texts: list[str]) -> None:
    """Whatever the texts, the drafts proposed are written as TOML the registry loads: each
    a draft, with unique ids, names and match forms it was given, and nothing else."""
    folder = tmp_path_factory.mktemp("registry")
    shutil.copytree(FIXTURES / "registry", folder, dirs_exist_ok=True)
    registry = Registry.load(folder)
    ru = [Unit("p", t, k) for k, t in enumerate(ru_texts)]
    en = [Unit("p", t, k) for k, t in enumerate(en_texts)]
    links = align(ru, en, original_lang="ru", translation_lang="en")
    drafts = propose({"ru": ru, "en": en}, links, registry, original_lang="ru", translation_lang="en",
                     use_natasha=False)
    assert len({d.id for d in drafts}) == len(drafts)
    write_drafts(drafts, folder)
    loaded = Registry.load(folder)
    assert sorted(e.id for e in loaded.drafts) == sorted(d.id for d in drafts)
    for draft in drafts:
        entity = loaded[draft.id]
        assert entity.kind == draft.kind and entity.names == draft.names
        assert entity.description == {} and not entity.authorities and entity.birth is None



def test_a_name_two_records_share_is_not_proposed_again(tmp_path: Path, empty: Registry) -> None:
    """The encoder asks the editor to settle it; a third record would only add to it."""
    from edition.importer.namefind import candidates

    unit = Unit("p", "Yesterday we met Comrade Stalin in the Kremlin.", 1)
    assert "Stalin" in {c.text for c in candidates(unit, 0, "en", empty, use_natasha=False)}
    shutil.copytree(FIXTURES / "registry", tmp_path / "registry")
    persons = tmp_path / "registry" / "persons.toml"
    persons.write_text(persons.read_text(encoding="utf-8") + """
[namesake]
name.en = "Ivan Stalin"
name.ru = "Иван Сталин"
match.en = ["Stalin"]
match.ru = ["Сталин"]
description.en = "An invented person who shares a family name with another record."
description.ru = "Вымышленное лицо с той же фамилией."
description_source = "Invented for the tests, https://example.org/namesake"
""", encoding="utf-8")
    registry = Registry.load(tmp_path / "registry")
    assert find_mentions(unit.text, "en", registry) == []  # ambiguous: linked to neither
    assert "Stalin" not in {c.text for c in candidates(unit, 0, "en", registry, use_natasha=False)}
