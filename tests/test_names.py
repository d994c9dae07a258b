"""The name matcher on the real registry: every name form of both telegrams in both
languages (the sentences are copied from the witnesses), plus what must not match."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import CORPUS
from edition.names import Mention, RussianDecliner, find_mentions, matcher_for
from edition.registry import Registry

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(CORPUS / "source" / "registry")


def found(text: str, lang: str, registry: Registry) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[m.start:m.end], m.refs) for m in find_mentions(text, lang, registry)]


# --- the telegram of 3 July 1951, Russian ------------------------------------------------

RU_SEED = [
    ("Товарищ Филиппов!", [("Филиппов", ("stalin",))]),
    ("должны в пределах всех границ Кореи прекратить огонь и приостановить все другие "
     "враждебные действия”.", [("Кореи", ("korea",))]),
    ("2. “Сухопутные, военно-морские и военно-воздушные силы обеих сторон должны отойти на "
     "расстояние 10 английских миль от 38 параллели и в районе 10 английских миль к югу и "
     "северу от 38 параллели создать буферную зону.",
     [("38 параллели", ("parallel-38",)), ("38 параллели", ("parallel-38",))]),
    ("то есть севернее 38 параллели под юрисдикцией Корейского Народного правительства, а "
     "южнее 38 параллели под юрисдикцией Южно-Корейского правительства.",
     [("38 параллели", ("parallel-38",)),
      ("Корейского Народного правительства", ("north-korean-government",)),
      ("38 параллели", ("parallel-38",)),
      ("Южно-Корейского правительства", ("south-korean-government",))]),
    ("(включая сухопутные, морские и воздушные перевозки) извне в Корею, а также "
     "вышеуказанные перевозки на передовую линию на территории Кореи”.",
     [("Корею", ("korea",)), ("Кореи", ("korea",))]),
    ("В данный комитет должно войти равное количество представителей нейтральных "
     "государств, не принимавших участия в корейской войне и избранных обеими сторонами”.",
     [("корейской войне", ("korean-war",))]),
    ("“Члены” контрольного комитета, предложенные противником, будут наблюдать за нашими "
     "военными перевозками на китайско-корейской границе и на важных пунктах коммуникаций "
     "Кореи.", [("Кореи", ("korea",))]),
    ("Однако противником взято в плен сравнительно большее количество северокорейцев, "
     "которые уже включены в состав южно-корейских войск", []),
    ("1. “Все иностранные войска, в том числе китайские добровольческие войска, в "
     "определённый срок (например, в течение трёх-четырёх месяцев) должны отдельными "
     "партиями полностью уйти из Северной и Южной Кореи”.",
     [("китайские добровольческие войска", ("chinese-volunteers",)),
      ("Северной и Южной Кореи", ("north-korea", "south-korea"))]),
    ("2. “Беженцы Северной и Южной Кореи в определённый срок (например, в течение "
     "нескольких месяцев) должны возвратиться в районы, где они проживали прежде”.",
     [("Северной и Южной Кореи", ("north-korea", "south-korea"))]),
    ("Товарищ КИМ ИР СЕН настаивает на выдвижении этого пункта.",
     [("КИМ ИР СЕН", ("kim-il-sung",))]),
    ("По-видимому, между представителями Северной и Южной Кореи по данному вопросу "
     "возникнет много разногласий и споров",
     [("Северной и Южной Кореи", ("north-korea", "south-korea"))]),
    ("Кроме того, вчера мы послали заместителя министра иностранных дел товарища ЛИ "
     "КЭ-НУНА и его помощников в Корею. Примерно 5.7.1951 г. он прибудет к товарищу КИМ "
     "ИР СЕНУ и обсудит с ним и другими товарищами различные вопросы",
     [("ЛИ КЭ-НУНА", ("li-kenong",)), ("Корею", ("korea",)),
      ("КИМ ИР СЕНУ", ("kim-il-sung",))]),
    ("После этого он направится в окрестности Кайдзъё, откуда тайно будет руководить "
     "переговорами.", [("Кайдзъё", ("kaesong",))]),
    ("Посылаю Вам также телеграмму, в которой изложено мнение товарища КИМ ИР СЕНА по "
     "данному вопросу.", [("КИМ ИР СЕНА", ("kim-il-sung",))]),
    ("МАО ЦЗЭДУН.", [("МАО ЦЗЭДУН", ("mao-zedong",))]),
    ("Прошу Вас изучить и сообщить, должна ли наша сторона выдвигать этот пункт.", []),
]

# --- the reply, Russian ------------------------------------------------------------------

RU_REPLY = [
    ("Тов. МАО ЦЗЭДУНУ.", [("МАО ЦЗЭДУНУ", ("mao-zedong",))]),
    ("Вторую часть третьего пункта можно снять, но если американцы выдвинут такое "
     "предложение, его можно принять.", []),
    ("Но если американцы выдвинут предложение о контрольной комиссии от ООН, то это "
     "предложение следует отклонить, сославшись на то, что ООН занимает положение "
     "воюющей стороны", [("ООН", ("united-nations",)), ("ООН", ("united-nations",))]),
    ("ФИЛИППОВ", [("ФИЛИППОВ", ("stalin",))]),
]

# --- the telegram, English ---------------------------------------------------------------

EN_SEED = [
    ("Ciphered Telegram No. 21405, Mao Zedong to Cde. Filippov [Stalin]",
     [("Mao Zedong", ("mao-zedong",)), ("Filippov", ("stalin",)), ("Stalin", ("stalin",))]),
    ("SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY",
     [("SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY",
       ("second-main-administration",))]),
    ("Copies: Stalin (2)", [("Stalin", ("stalin",))]),
    ("From BEIJING Received 13:55 3.7.1951", [("BEIJING", ("beijing",))]),
    ("To Comrade FILIPPOV [Stalin]", [("FILIPPOV", ("stalin",)), ("Stalin", ("stalin",))]),
    ("Comrade FILIPPOV!", [("FILIPPOV", ("stalin",))]),
    ("must within all the borders of Korea cease fire and halt all other hostile actions.\"",
     [("Korea", ("korea",))]),
    ("to the north of the 38th parallel under the jurisdiction of the Korean People's "
     "government and to the south of the 38th parallel under the jurisdiction of the "
     "South-Korean government.\"",
     [("38th parallel", ("parallel-38",)),
      ("Korean People's government", ("north-korean-government",)),
      ("38th parallel", ("parallel-38",)),
      ("South-Korean government", ("south-korean-government",))]),
    ("\"Both sides must cease the transport of arms, troops and reinforcements (including "
     "land, sea and air transport) into Korea from outside the country and also the "
     "aforementioned transports to the front line on the territory of Korea.\"",
     [("Korea", ("korea",)), ("Korea", ("korea",))]),
    ("representatives of neutral states that have not taken part in the Korean war and "
     "that have been selected by both sides.\"", [("Korean war", ("korean-war",))]),
    ("\"Members\" of the control committee proposed by the enemy will monitor our military "
     "transport on the Chinese-Korean border and at important communications points in "
     "Korea.", [("Korea", ("korea",))]),
    ("However, the enemy has taken prisoner a relatively larger number of North Koreans, "
     "who have already been included in the ranks of the South Korean troops", []),
    ("1. \"All foreign troops including Chinese volunteer troops must completely leave "
     "North and South Korea within a specified period of time",
     [("Chinese volunteer troops", ("chinese-volunteers",)),
      ("North and South Korea", ("north-korea", "south-korea"))]),
    ("refugees of North and South Korea must be returned to the areas where they lived "
     "previously.\"", [("North and South Korea", ("north-korea", "south-korea"))]),
    ("Comrade KIM IL SUNG insists on advancing this point.",
     [("KIM IL SUNG", ("kim-il-sung",))]),
    ("many arguments will arise between the representatives of North and South Korea, which "
     "can have an influence", [("North and South Korea", ("north-korea", "south-korea"))]),
    ("Furthermore, yesterday we sent Deputy Minister of Foreign Affairs Comrade Li Kenong "
     "and his assistant to Korea. He will arrive approximately on 5.7.1951 and will "
     "discuss with Comrade KIM IL SUNG and other comrades",
     [("Li Kenong", ("li-kenong",)), ("Korea", ("korea",)),
      ("KIM IL SUNG", ("kim-il-sung",))]),
    ("After this he will go to the area of Kaesong, whence he will secretly lead the "
     "negotiations.", [("Kaesong", ("kaesong",))]),
    ("I am also sending you the telegram which lays out the opinion of Comrade KIM IL SUNG "
     "on this question.", [("KIM IL SUNG", ("kim-il-sung",))]),
    ("MAO ZEDONG", [("MAO ZEDONG", ("mao-zedong",))]),
    ("Mao Zedong writes Stalin on the Chinese position for a ceasefire in the Korean War "
     "which the Chinese side will propose at an upcoming meeting with the UN negotiators. "
     "Mao asks Stalin for his opinion on the Chinese position.",
     [("Mao Zedong", ("mao-zedong",)), ("Stalin", ("stalin",)),
      ("Korean War", ("korean-war",)), ("UN", ("united-nations",)),
      ("Mao", ("mao-zedong",)), ("Stalin", ("stalin",))]),
]

# --- the reply, English ------------------------------------------------------------------

EN_REPLY = [
    ("BEIJING, TO KRASOVSKY.", [("BEIJING", ("beijing",)), ("KRASOVSKY", ("krasovsky",))]),
    ("For Comrade MAO ZEDONG.", [("MAO ZEDONG", ("mao-zedong",))]),
    ("\"To Comrade MAO ZEDONG.", [("MAO ZEDONG", ("mao-zedong",))]),
    ("But if the Americans advance a proposal about a control commission from the UN, then "
     "this proposal should be reject", [("UN", ("united-nations",))]),
    ("Ciphered Telegram No. 2950, Filippov [Stalin] to Krasovsky, for Cde. Mao Zedong",
     [("Filippov", ("stalin",)), ("Stalin", ("stalin",)), ("Krasovsky", ("krasovsky",)),
      ("Mao Zedong", ("mao-zedong",))]),
]


@pytest.mark.parametrize(("text", "expected"), RU_SEED + RU_REPLY)
def test_russian_sentences(text: str, expected: list, registry: Registry) -> None:
    assert found(text, "ru", registry) == expected


@pytest.mark.parametrize(("text", "expected"), EN_SEED + EN_REPLY)
def test_english_sentences(text: str, expected: list, registry: Registry) -> None:
    assert found(text, "en", registry) == expected


# --- element, pseudonym flag, offsets -----------------------------------------------------

def test_pseudonym_is_flagged_and_the_real_name_is_not(registry: Registry) -> None:
    text = "Comrade FILIPPOV [Stalin]"
    mentions = find_mentions(text, "en", registry)
    assert [(m.pseudonym, m.element) for m in mentions] == [(True, "persName"),
                                                           (False, "persName")]
    ru = find_mentions("Прошу передать Филиппову.", "ru", registry)
    assert [(m.refs, m.pseudonym) for m in ru] == [(("stalin",), True)]


def test_elements_follow_the_kind_and_the_record(registry: Registry) -> None:
    text = ("Кайдзъё у 38 параллели; Корейское Народное правительство; корейская война; "
            "Мао Цзэдун")
    assert [m.element for m in find_mentions(text, "ru", registry)] == [
        "placeName", "geogName", "orgName", "name", "persName"]


def test_mentions_are_sorted_and_do_not_overlap(registry: Registry) -> None:
    text = " ".join(t for t, _ in EN_SEED)
    mentions = find_mentions(text, "en", registry)
    assert mentions == sorted(mentions, key=lambda m: m.start)
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start


# --- Russian declension -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "ref"), [
    ("с Кореей", "Кореей", "korea"),
    ("о Корее", "Корее", "korea"),
    ("Корея", "Корея", "korea"),
    ("в Северной Корее", "Северной Корее", "north-korea"),
    ("Южную Корею", "Южную Корею", "south-korea"),
    ("из Пекина", "Пекина", "beijing"),
    ("в Пекине", "Пекине", "beijing"),
    ("письмо Филиппову", "Филиппову", "stalin"),
    ("с товарищем Филипповым", "Филипповым", "stalin"),
    ("с Ким Ир Сеном", "Ким Ир Сеном", "kim-il-sung"),
    ("о Ким Ир Сене", "Ким Ир Сене", "kim-il-sung"),
    ("с Ли Кэ-нуном", "Ли Кэ-нуном", "li-kenong"),
    ("к Мао Цзэдуну", "Мао Цзэдуну", "mao-zedong"),
    ("Иосифа Виссарионовича Сталина", "Иосифа Виссарионовича Сталина", "stalin"),
    ("Красовскому", "Красовскому", "krasovsky"),
    ("у 38-й параллели", "38-й параллели", "parallel-38"),
    ("вдоль 38-ю параллель", "38-ю параллель", "parallel-38"),
    ("в Кайдзъё", "Кайдзъё", "kaesong"),
    ("под Кэсоном", "Кэсоном", "kaesong"),
    ("Корейскому Народному правительству", "Корейскому Народному правительству",
     "north-korean-government"),
    ("южнокорейского правительства", "южнокорейского правительства",
     "south-korean-government"),
    ("с китайскими добровольческими войсками", "китайскими добровольческими войсками",
     "chinese-volunteers"),
    ("китайских народных добровольцев", "китайских народных добровольцев",
     "chinese-volunteers"),
    ("Организации Объединённых Наций", "Организации Объединённых Наций", "united-nations"),
    ("Организации Объединенных Наций", "Организации Объединенных Наций", "united-nations"),
    ("после Корейской войны", "Корейской войны", "korean-war"),
    ("Вторым главным управлением Генерального штаба Советской армии",
     "Вторым главным управлением Генерального штаба Советской армии",
     "second-main-administration"),
])
def test_russian_inflected_forms(text: str, surface: str, ref: str,
                                 registry: Registry) -> None:
    assert found(text, "ru", registry) == [(surface, (ref,))]


def test_foreign_names_decline_only_their_last_word() -> None:
    forms = RussianDecliner().forms("Ким Ир Сен", "person")
    assert forms["datv"] == {"ким ир сену"}
    assert forms["gent"] == {"ким ир сена"}
    assert forms["ablt"] == {"ким ир сеном"}
    # pymorphy3 alone reads СЕНУ as «сено» (сено, сена, сену, сеном, сене, сёна …): the
    # name must have exactly the regular masculine forms and nothing from that lexeme
    last_words = {f.split()[-1] for fs in forms.values() for f in fs}
    assert last_words == {"сен", "сена", "сену", "сеном", "сене"}


def test_foreign_names_ending_in_a_vowel_do_not_decline() -> None:
    forms = RussianDecliner().forms("Кайдзъё", "place")
    assert all(spellings == {"кайдзъё"} for spellings in forms.values())


def test_dictionary_place_names_also_take_the_regular_endings() -> None:
    # pymorphy3's dictionary declines «Кэсон» with a fleeting vowel («Кэсна»)
    forms = RussianDecliner().forms("Кэсон", "place")
    assert {"кэсона"} <= forms["gent"] and {"кэсоном"} <= forms["ablt"]


def test_foreign_inanimate_accusative_is_the_nominative() -> None:
    # a name the dictionary does not know (checked: pymorphy3 word_is_known is False)
    forms = RussianDecliner().forms("Пханмунджом", "place")
    assert forms["accs"] == {"пханмунджом"} and forms["gent"] == {"пханмунджома"}
    assert RussianDecliner().forms("Ли Кэ-нун", "person")["accs"] == {"ли кэ-нуна"}


def test_adjectives_agree_with_their_noun() -> None:
    forms = RussianDecliner().forms("Корейское Народное правительство", "org")
    assert forms["gent"] == {"корейского народного правительства"}
    assert forms["ablt"] == {"корейским народным правительством"}
    # the genitive complement after the head stays as written
    complement = RussianDecliner().forms("Организация Объединённых Наций", "org")
    assert complement["datv"] == {"организации объединённых наций"}


def test_a_surname_keeps_its_gender() -> None:
    forms = RussianDecliner().forms("Красовский", "person")
    assert "красовская" not in forms["nomn"] and "красовской" not in forms["gent"]


# --- negative cases: adjectives, demonyms, compounds, acronyms ------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("в корейской войне", "ru"),
    ("корейский народ", "ru"),
    ("северокорейцев и южнокорейцев", "ru"),
    ("на китайско-корейской границе", "ru"),
    ("южно-корейских войск", "ru"),
    ("the Korean war", "en"),
    ("Korean troops", "en"),
    ("North Koreans and South Koreans", "en"),
    ("South Korean troops", "en"),
    ("on the Chinese-Korean border", "en"),
])
def test_adjectives_and_demonyms_are_not_the_place(text: str, lang: str,
                                                   registry: Registry) -> None:
    refs = {ref for m in find_mentions(text, lang, registry) for ref in m.refs}
    assert not refs & {"korea", "north-korea", "south-korea"}


def test_the_korean_peoples_government_is_the_organisation(registry: Registry) -> None:
    text = "under the jurisdiction of the Korean People's government"
    assert found(text, "en", registry) == [("Korean People's government",
                                            ("north-korean-government",))]
    text = "с Корейским Народным правительством"
    assert found(text, "ru", registry) == [("Корейским Народным правительством",
                                            ("north-korean-government",))]


def test_word_boundaries(registry: Registry) -> None:
    assert found("Korean", "en", registry) == []
    assert found("Koreas", "en", registry) == []
    assert found("корейской", "ru", registry) == []
    assert found("Кореянка", "ru", registry) == []
    # a hyphenated compound is one word: no name is found inside it
    assert found("a Korea-wide truce", "en", registry) == []
    # a possessive ending is not part of the word
    assert found("Korea's borders", "en", registry) == [("Korea", ("korea",))]


def test_acronyms_match_only_in_capitals(registry: Registry) -> None:
    assert found("the UN commission", "en", registry) == [("UN", ("united-nations",))]
    assert found("un homme", "en", registry) == []
    assert found("от ООН", "ru", registry) == [("ООН", ("united-nations",))]
    assert found("оон", "ru", registry) == []


def test_the_particle_li_is_not_li_kenong(registry: Registry) -> None:
    assert found("должна ли наша сторона", "ru", registry) == []
    assert found("ЛИ КЭ-НУНА", "ru", registry) == [("ЛИ КЭ-НУНА", ("li-kenong",))]


# --- quotation marks and letter case -------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "surface", "ref"), [
    ("«Кореи»", "ru", "Кореи", "korea"),
    ("“Корею”", "ru", "Корею", "korea"),
    ("„Пекин“", "ru", "Пекин", "beijing"),
    ("\"Korea\"", "en", "Korea", "korea"),
    ("'Kaesong'", "en", "Kaesong", "kaesong"),
    ("“Li Kenong”", "en", "Li Kenong", "li-kenong"),
    ("MAO ZEDONG", "en", "MAO ZEDONG", "mao-zedong"),
    ("mao zedong", "en", "mao zedong", "mao-zedong"),
    ("ФИЛИППОВУ", "ru", "ФИЛИППОВУ", "stalin"),
    ("КОРЕИ", "ru", "КОРЕИ", "korea"),
    ("Korean People’s government", "en", "Korean People’s government",
     "north-korean-government"),
])
def test_quotes_and_case(text: str, lang: str, surface: str, ref: str,
                         registry: Registry) -> None:
    assert found(text, lang, registry) == [(surface, (ref,))]


def test_a_name_broken_over_lines_is_one_mention(registry: Registry) -> None:
    assert found("товарища КИМ\nИР СЕНА", "ru", registry) == [("КИМ\nИР СЕНА",
                                                              ("kim-il-sung",))]


# --- coordination ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "surface"), [
    ("North and South Korea", "en", "North and South Korea"),
    ("South or North Korea", "en", "South or North Korea"),
    ("Северная и Южная Корея", "ru", "Северная и Южная Корея"),
    ("в Северной и Южной Корее", "ru", "Северной и Южной Корее"),
    ("Северную и Южную Корею", "ru", "Северную и Южную Корею"),
])
def test_coordinated_names(text: str, lang: str, surface: str, registry: Registry) -> None:
    (mention,) = find_mentions(text, lang, registry)
    assert text[mention.start:mention.end] == surface
    assert set(mention.refs) == {"north-korea", "south-korea"}
    assert mention.element == "placeName"


def test_coordination_needs_the_same_case(registry: Registry) -> None:
    # «Северная» (nominative) does not coordinate with «Южной Кореи» (genitive)
    assert found("Северная и Южной Кореи", "ru", registry) == [
        ("Южной Кореи", ("south-korea",))]


def test_separate_full_names_stay_separate(registry: Registry) -> None:
    assert found("North Korea and South Korea", "en", registry) == [
        ("North Korea", ("north-korea",)), ("South Korea", ("south-korea",))]


def test_coordination_is_generic(tmp_path: Path) -> None:
    (tmp_path / "places.toml").write_text("""
[upper-volta]
name.en = "Upper Volta"
name.ru = "Верхняя Вольта"
description.en = "test"
[lower-volta]
name.en = "Lower Volta"
name.ru = "Нижняя Вольта"
description.en = "test"
[middle-volta]
name.en = "Middle Volta"
name.ru = "Средняя Вольта"
description.en = "test"
""", encoding="utf-8")
    registry = Registry.load(tmp_path)
    (m,) = find_mentions("Upper, Middle and Lower Volta", "en", registry)
    assert m.refs == ("upper-volta", "middle-volta", "lower-volta")
    (m,) = find_mentions("в Верхней и Нижней Вольте", "ru", registry)
    assert m.refs == ("upper-volta", "lower-volta")


# --- caching and speed ----------------------------------------------------------------------

def test_the_matcher_is_built_once_per_registry_and_language(registry: Registry) -> None:
    assert matcher_for(registry, "ru") is matcher_for(registry, "ru")
    assert matcher_for(registry, "ru") is not matcher_for(registry, "en")
    other = Registry.load(CORPUS / "source" / "registry")
    assert matcher_for(other, "ru") is not matcher_for(registry, "ru")


def test_matching_a_paragraph_is_fast(registry: Registry) -> None:
    paragraph = RU_SEED[12][0]
    find_mentions(paragraph, "ru", registry)
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        find_mentions(paragraph, "ru", registry)
    per_paragraph = (time.perf_counter() - start) / rounds
    # generous: measured ~0.1 ms; a slip back to per-call declension would take ~50 ms
    assert per_paragraph < 0.005


def test_unknown_language_finds_nothing(registry: Registry) -> None:
    assert find_mentions("Korea Корея", "de", registry) == []


def test_mention_is_a_value() -> None:
    assert Mention(0, 5, ("korea",), "placeName") == Mention(0, 5, ("korea",), "placeName",
                                                             False)


# --- whole witnesses: nothing found that the sentences above do not account for ------------

SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_258a02fb508c896b.txt"
REPLY = SHARED / "documents" / "1951-07-03-filippov-to-mao.txt"


def _language_lines(path: Path, lang: str) -> str:
    """The witness files hold Russian, then English; a line is Russian when it has
    Cyrillic letters."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cyrillic = [any("а" <= c.lower() <= "я" for c in line) for line in lines]
    return "\n".join(line for line, ru in zip(lines, cyrillic, strict=True)
                     if ru == (lang == "ru"))


@pytest.mark.skipif(not SEED.is_file() or not REPLY.is_file(),
                    reason="the shared witness texts are not beside the repository")
@pytest.mark.parametrize(("path", "lang", "expected"), [
    (SEED, "ru", {"stalin": 1, "korea": 5, "parallel-38": 4, "north-korean-government": 1,
                  "south-korean-government": 1, "korean-war": 1, "chinese-volunteers": 1,
                  "north-korea+south-korea": 3, "kim-il-sung": 3, "li-kenong": 1,
                  "kaesong": 1, "mao-zedong": 1}),
    (SEED, "en", {"mao-zedong": 4, "stalin": 8, "second-main-administration": 1,
                  "beijing": 1, "korea": 5, "parallel-38": 4, "north-korean-government": 1,
                  "south-korean-government": 1, "korean-war": 2, "chinese-volunteers": 1,
                  "north-korea+south-korea": 3, "kim-il-sung": 3, "li-kenong": 1,
                  "kaesong": 1, "united-nations": 1}),
    (REPLY, "ru", {"mao-zedong": 1, "united-nations": 2, "stalin": 1}),
    (REPLY, "en", {"beijing": 1, "krasovsky": 2, "mao-zedong": 3, "united-nations": 1,
                   "stalin": 2}),
])
def test_whole_witnesses(path: Path, lang: str, expected: dict[str, int],
                         registry: Registry) -> None:
    counts: dict[str, int] = {}
    for line in _language_lines(path, lang).splitlines():
        for m in find_mentions(line, lang, registry):
            key = "+".join(m.refs)
            counts[key] = counts.get(key, 0) + 1
    assert counts == expected
