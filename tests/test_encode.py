"""The encoder: source/ gives tei/ byte for byte; names, dates and alignment are complete;
a new document needs only files; bad input fails clearly and leaves tei/ untouched."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS, copy_project
from edition.cli import main as cli
from edition.encode import encode_documents, encode_one, load_sources
from edition.errors import EditionError
from edition.paths import Project
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
PROJECT = Project(CORPUS)
NS = {"tei": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TELEGRAM = "1951-07-03-mao-to-filippov"
REPLY = "1951-07-03-filippov-to-mao"


@pytest.fixture(scope="module")
def trees() -> dict[str, etree._ElementTree]:
    sources = load_sources(PROJECT)
    return {doc_id: etree.ElementTree(etree.fromstring(encode_one(PROJECT, sources, doc_id)))
            for doc_id in sources.corpus}


# --- freshness and determinism ----------------------------------------------------

def test_committed_tei_is_what_the_sources_encode_to() -> None:
    """Fails when source/ or the encoder changed and tei/ was not regenerated."""
    assert encode_documents(PROJECT, check_only=True)


def test_encoding_twice_gives_identical_bytes() -> None:
    sources = load_sources(PROJECT)
    for doc_id in sources.corpus:
        assert encode_one(PROJECT, sources, doc_id) == encode_one(PROJECT, load_sources(PROJECT), doc_id)


def test_check_reports_a_stale_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    target = project.tei / f"{TELEGRAM}.xml"
    target.write_bytes(target.read_bytes().replace(b"Korea", b"Corea", 1))
    with pytest.raises(EditionError) as info:
        encode_documents(project, check_only=True)
    assert "stale" in str(info.value)
    assert cli(["--root", str(tmp_path), "encode", "--check"]) == 1


# --- names ----------------------------------------------------------------------------

def mentions(tree: etree._ElementTree, lang: str) -> list[tuple[str, str, str]]:
    div = tree.find(f".//tei:div[@xml:lang='{lang}']", NS)
    return [(etree.QName(el).localname, el.get("ref"), "".join(el.itertext()))
            for el in div.iter() if el.get("ref") and etree.QName(el).localname in
            ("persName", "placeName", "orgName", "geogName", "name")]


EXPECTED_NAMES = {
    (TELEGRAM, "ru"): [
        ("persName", "#stalin", "Филиппов"), ("placeName", "#korea", "Кореи"),
        ("geogName", "#parallel-38", "38 параллели"),
        ("orgName", "#north-korean-government", "Корейского Народного правительства"),
        ("orgName", "#south-korean-government", "Южно-Корейского правительства"),
        ("placeName", "#korea", "Корею"), ("name", "#korean-war", "корейской войне"),
        ("orgName", "#chinese-volunteers", "китайские добровольческие войска"),
        ("placeName", "#north-korea #south-korea", "Северной и Южной Кореи"),
        ("persName", "#kim-il-sung", "КИМ ИР СЕН"), ("persName", "#li-kenong", "ЛИ КЭ-НУНА"),
        ("persName", "#kim-il-sung", "КИМ ИР СЕНУ"), ("placeName", "#kaesong", "Кайдзъё"),
        ("persName", "#kim-il-sung", "КИМ ИР СЕНА"), ("persName", "#mao-zedong", "МАО ЦЗЭДУН"),
    ],
    (TELEGRAM, "en"): [
        ("orgName", "#second-main-administration",
         "SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY"),
        ("persName", "#stalin", "Stalin"), ("placeName", "#beijing", "BEIJING"),
        ("persName", "#stalin", "FILIPPOV"), ("placeName", "#korea", "Korea"),
        ("geogName", "#parallel-38", "38th parallel"),
        ("orgName", "#north-korean-government", "Korean People's government"),
        ("orgName", "#south-korean-government", "South-Korean government"),
        ("name", "#korean-war", "Korean war"),
        ("orgName", "#chinese-volunteers", "Chinese volunteer troops"),
        ("placeName", "#north-korea #south-korea", "North and South Korea"),
        ("persName", "#kim-il-sung", "KIM IL SUNG"), ("persName", "#li-kenong", "Li Kenong"),
        ("placeName", "#kaesong", "Kaesong"), ("persName", "#mao-zedong", "MAO ZEDONG"),
    ],
    (REPLY, "ru"): [("persName", "#mao-zedong", "МАО ЦЗЭДУНУ"), ("orgName", "#united-nations", "ООН"),
                    ("persName", "#stalin", "ФИЛИППОВ")],
    (REPLY, "en"): [("persName", "#krasovsky", "KRASOVSKY"), ("placeName", "#beijing", "BEIJING"),
                    ("persName", "#mao-zedong", "MAO ZEDONG"), ("orgName", "#united-nations", "UN")],
}


@pytest.mark.parametrize(("doc_id", "lang"), sorted(EXPECTED_NAMES))
def test_every_expected_mention_is_marked(trees, doc_id: str, lang: str) -> None:
    found = set(mentions(trees[doc_id], lang))
    missing = [m for m in EXPECTED_NAMES[doc_id, lang] if m not in found]
    assert not missing


def test_pseudonym_mentions_are_typed_and_point_to_stalin(trees) -> None:
    for tree in trees.values():
        for el in tree.iterfind(".//tei:text//tei:persName[@type='pseudonym']", NS):
            assert el.get("ref") == "#stalin"
            assert "".join(el.itertext()).lower() in ("филиппов", "filippov")
    telegram_en = trees[TELEGRAM].find(".//tei:div[@xml:lang='en']", NS)
    pseudonyms = telegram_en.findall(".//tei:persName[@type='pseudonym']", NS)
    assert len(pseudonyms) == 2  # "To Comrade FILIPPOV", "Comrade FILIPPOV!"


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "северокорейцев"), ("ru", "южно-корейских"), ("ru", "китайско-корейской"),
    ("en", "North Koreans"), ("en", "South Korean troops"), ("en", "Chinese-Korean"),
])
def test_adjectives_and_demonyms_are_not_places(trees, lang: str, text: str) -> None:
    div = trees[TELEGRAM].find(f".//tei:div[@xml:lang='{lang}']", NS)
    for el in div.iter(f"{{{NS['tei']}}}placeName"):
        assert text not in "".join(el.itertext())
    assert text in "".join(div.itertext())


def test_every_local_ref_resolves_within_the_file(trees) -> None:
    for tree in trees.values():
        ids = {el.get(XML_ID) for el in tree.iter() if el.get(XML_ID)}
        for el in tree.iter():
            for attr in ("ref", "corresp", "ana", "resp", "who", "source"):
                for pointer in (el.get(attr) or "").split():
                    if pointer.startswith("#"):
                        assert pointer[1:] in ids, (attr, pointer)


def test_standoff_holds_exactly_the_records_the_file_uses(trees) -> None:
    for tree in trees.values():
        records = {el.get(XML_ID) for el in tree.iterfind(".//tei:standOff//*[@xml:id]", NS)
                   if not el.get(XML_ID).startswith("align-") and etree.QName(el).localname != "bibl"}
        used = {p[1:] for el in tree.iter() for p in (el.get("ref") or "").split() if p.startswith("#")}
        assert records == used


def test_the_registers_file_holds_every_registry_record_once() -> None:
    registers = etree.parse(str(PROJECT.tei / "registers.xml"))
    assert registers.find("tei:text", NS) is None
    ids = [el.get(XML_ID) for el in registers.iterfind("tei:standOff/*/*", NS)]
    assert sorted(ids) == sorted(load_sources(PROJECT).registry.entities)
    assert len(ids) == len(set(ids))


def test_each_standoff_record_is_a_copy_of_the_registers_record(trees) -> None:
    registers = etree.parse(str(PROJECT.tei / "registers.xml"))
    canonical = {el.get(XML_ID): etree.tostring(el, method="c14n")
                 for el in registers.iterfind("tei:standOff/*/*", NS)}
    for tree in trees.values():
        for el in tree.iterfind("tei:standOff/*/*[@xml:id]", NS):
            if el.get(XML_ID).startswith("align-"):
                continue
            assert etree.tostring(el, method="c14n") == canonical[el.get(XML_ID)]


def test_a_document_may_not_be_called_registers(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    shutil.copytree(project.documents / TELEGRAM, project.documents / "registers")
    with pytest.raises(EditionError, match="cannot be a document id"):
        encode_documents(project)


# --- dates and measures -----------------------------------------------------------------

EXPECTED_DATES = {
    (TELEGRAM, "ru"): [("1950-06-25", "25.6.1950"), ("1951-07-02", "вчера"),
                       ("1951-07-05", "Примерно 5.7.1951 г.")],
    (TELEGRAM, "en"): [("1951-07-03T13:55:00", "13:55 3.7.1951"), ("1950-06-25", "25.6.1950"),
                       ("1951-07-02", "yesterday"), ("1951-07-05", "approximately on 5.7.1951"),
                       ("1951-07-03", "3.7.51")],
    (REPLY, "ru"): [("1951-07-03", "3 июля")],
    (REPLY, "en"): [("1951-07-03", "3 July")],
}


@pytest.mark.parametrize(("doc_id", "lang"), sorted(EXPECTED_DATES))
def test_every_date_in_the_text_is_marked_with_iso_when(trees, doc_id: str, lang: str) -> None:
    div = trees[doc_id].find(f".//tei:div[@xml:lang='{lang}']", NS)
    dates = [(el.get("when"), el.text) for el in div.iterfind(".//tei:date", NS)]
    assert dates == EXPECTED_DATES[doc_id, lang]


def test_distances_are_measures(trees) -> None:
    for lang, text in (("ru", "10 английских миль"), ("en", "10 English miles")):
        div = trees[TELEGRAM].find(f".//tei:div[@xml:lang='{lang}']", NS)
        measures = div.findall(".//tei:measure[@type='distance']", NS)
        assert [(m.get("quantity"), m.get("unit"), m.text) for m in measures] == [("10", "mi", text)] * 2


# --- alignment ------------------------------------------------------------------------------

def units(tree: etree._ElementTree, lang: str) -> list[etree._Element]:
    div = tree.find(f".//tei:div[@xml:lang='{lang}']", NS)
    return [el for el in div.iterdescendants() if el.get(XML_ID) and "-note-" not in el.get(XML_ID)]


def test_alignment_is_complete_and_symmetric(trees) -> None:
    for tree in trees.values():
        by_id = {el.get(XML_ID): el for el in tree.iter() if el.get(XML_ID)}
        for lang in ("ru", "en"):
            for unit in units(tree, lang):
                assert unit.get("corresp") or unit.get("ana") in ("#align-unaligned", "#align-lost")
                for target in (unit.get("corresp") or "").split():
                    other = by_id[target[1:]]
                    assert f"#{unit.get(XML_ID)}" in other.get("corresp").split()
                    assert other.getparent() is not None and target[1:3] != lang


def test_the_telegram_has_one_to_many_alignments(trees) -> None:
    one_to_many = {u.get(XML_ID): u.get("corresp").split() for u in units(trees[TELEGRAM], "ru")
                   if len((u.get("corresp") or "").split()) > 1}
    assert one_to_many == {"ru-add1c": ["#en-add1c-1", "#en-add1c-2"],
                           "ru-sending": ["#en-sending-1", "#en-sending-2"]}


def test_units_without_counterpart_say_why(trees) -> None:
    header = [u.get(XML_ID) for u in units(trees[TELEGRAM], "en") if u.get("ana")]
    assert header == ["en-h1", "en-h2", "en-copies", "en-received", "en-series", "en-address",
                      "en-number", "en-sentdate"]
    lost = [u.get(XML_ID) for u in units(trees[REPLY], "ru") if u.get("ana") == "#align-lost"]
    assert lost == ["ru-p2", "ru-signed"]


def test_units_are_numbered_by_alignment_row(trees) -> None:
    """One number per row of the parallel text, shared by counterparts: "¶ 12" names one
    place in both languages. Rows are numbered 1, 2, 3 … without gaps; a unit without a
    counterpart has a number of its own."""
    for tree in trees.values():
        both = units(tree, "ru") + units(tree, "en")
        by_id = {u.get(XML_ID): u for u in both}
        for unit in both:
            for target in (unit.get("corresp") or "").split():
                assert by_id[target[1:]].get("n") == unit.get("n"), unit.get(XML_ID)
            if unit.get("ana"):
                assert [u.get(XML_ID) for u in both if u.get("n") == unit.get("n")] == [unit.get(XML_ID)]
        for lang in ("ru", "en"):
            numbers = [int(u.get("n")) for u in units(tree, lang)]
            assert numbers == sorted(numbers)
        rows = sorted({int(u.get("n")) for u in both})
        assert rows == list(range(1, len(rows) + 1))


def test_the_reply_and_the_telegram_point_at_each_other(trees) -> None:
    prev = trees[REPLY].find(".//tei:correspContext/tei:ref[@type='prev']", NS)
    nxt = trees[TELEGRAM].find(".//tei:correspContext/tei:ref[@type='next']", NS)
    assert prev.get("target") == f"{TELEGRAM}.xml" and nxt.get("target") == f"{REPLY}.xml"


def test_incomplete_translation_is_marked_and_explained(trees) -> None:
    p1 = trees[REPLY].find(".//tei:p[@xml:id='en-p1']", NS)
    gap = p1.find("tei:gap", NS)
    assert gap.get("reason") == "incomplete-witness"
    assert "".join(p1.itertext()).split("reject")[0].endswith("should be ")
    assert p1.find("tei:note", NS) is not None
    head_note = trees[REPLY].find(".//tei:head[@xml:id='en-h1']/tei:note", NS)
    assert "2950" in "".join(head_note.itertext()) and "3950" in "".join(head_note.itertext())


# --- a new document needs only files ------------------------------------------------------

THIRD_META = """date = "1951-07-05"
languages = ["ru", "en"]
original = "ru"
answers = "1951-07-03-filippov-to-mao"
[title]
en = "A synthetic test letter"
[witness]
publisher = "Test Archive"
title = "Synthetic letter"
date = "July 5, 1951"
[sent]
persons = ["mao-zedong"]
place = "beijing"
date = "1951-07-05"
[received]
persons = ["stalin"]
[[responsibility]]
what = "Texts"
who = "Test Archive"
[[responsibility]]
what = "Encoding"
who = "edition"
[[change]]
when = "1951-07-05"
what = "Synthetic test document."
"""
THIRD_RU = """salute @salute | Товарищ Филиппов!
p @p1 | Вчера {@kaesong Кэсон} посетил товарищ Ли Кэ-нун [sic]{note A test note.}.
p @p2 | Конец {sic телеграмы|телеграммы}.
"""
THIRD_EN = """salute @salute | Comrade Filippov!
p @p1.1 | Yesterday Comrade Li Kenong visited Kaesong [sic].
p @p1.2 | A second sentence & <script>alert(1)</script>.
p @p2 | The end of the telegram.
"""


def add_third(project: Project, ru: str = THIRD_RU, en: str = THIRD_EN, meta: str = THIRD_META) -> Path:
    folder = project.documents / "1951-07-05-test"
    folder.mkdir()
    (folder / "metadata.toml").write_text(meta, encoding="utf-8")
    (folder / "ru.txt").write_text(ru, encoding="utf-8")
    (folder / "en.txt").write_text(en, encoding="utf-8")
    return folder


def test_a_third_document_needs_only_files_in_source(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    add_third(project)
    report = encode_documents(project)
    assert any("1951-07-05-test" in line for line in report)
    tree = etree.parse(str(project.tei / "1951-07-05-test.xml"))
    assert tree.find(".//tei:p[@xml:id='ru-p1']", NS).get("corresp") == "#en-p1-1 #en-p1-2"
    assert tree.find(".//tei:text//tei:date", NS).get("when") == "1951-07-04"
    refs = {el.get("ref") for el in tree.iterfind(".//tei:text//*[@ref]", NS)}
    assert {"#stalin", "#kaesong", "#li-kenong"} <= refs
    # the reply now knows it was answered
    reply = etree.parse(str(project.tei / f"{REPLY}.xml"))
    assert reply.find(".//tei:correspContext/tei:ref[@type='next']", NS).get("target") == \
        "1951-07-05-test.xml"


def test_markup_characters_from_the_text_are_escaped(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    add_third(project)
    encode_documents(project)
    raw = (project.tei / "1951-07-05-test.xml").read_bytes()
    assert b"&amp; &lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert b"<script>" not in raw


# --- numbered lists: the witness's numbers ---------------------------------------------------

def _witness_form(el: etree._Element) -> str:
    """The witness text an encoded element holds: the supplement brackets kept, an omission
    as the witness's mark, a correction as written, the edition's notes left out."""
    name = etree.QName(el).localname
    if name == "note":
        return ""
    if name == "gap":
        return el.get("rend") or ""
    if name == "choice":
        return _witness_form(el.find("tei:sic", NS))
    inner = (el.text or "") + "".join(_witness_form(child) + (child.tail or "") for child in el)
    return f"[{inner}]" if name == "supplied" else inner


def test_the_witness_number_of_each_list_item_is_the_label_before_it(trees) -> None:
    """TEI Guidelines, <label>: in an ordered list it records "the numbers or letters which
    mark list items", synonymous with item/@n; the item's text goes on without it."""
    lists = trees[TELEGRAM].findall(".//tei:text//tei:list", NS)
    assert len(lists) == 4
    for found in lists:
        children = [etree.QName(c).localname for c in found]
        assert children == ["label", "item"] * (len(children) // 2)
        for label, item in zip(found[::2], found[1::2], strict=True):
            assert label.text == f"{item.get('n')}."
            assert not "".join(item[0].itertext()).startswith(label.text)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_character_of_a_numbered_point_stays_in_the_tei_in_order(trees, lang: str) -> None:
    """The transcription keeps the number; the TEI moves it into the label, losing nothing:
    label, a space, then the point's first unit give back the witness's line."""
    from edition.markup import inline_witness, parse_file

    transcription = parse_file(CORPUS / "source" / "documents" / TELEGRAM / f"{lang}.txt", lang)
    items = [b for b in transcription.blocks if b.kind == "item"]
    assert items
    tree = trees[TELEGRAM]
    for block in items:
        unit = tree.find(f".//tei:p[@xml:id='{lang}-{block.label}']", NS)
        label = unit.getparent().getprevious()
        assert etree.QName(label).localname == "label"
        assert f"{label.text} {_witness_form(unit)}" == inline_witness(block.inlines)


@pytest.mark.parametrize(("ru_points", "en_points", "labels"), [
    (["(а) Первый пункт.", "(б) Второй пункт."], ["(a) The first point.", "(b) The second point."],
     ["(а)", "(б)"]),
    (["1. Первый пункт.", "Второй пункт без номера."], ["1. The first point.", "The second point."], []),
])
def test_a_list_is_labelled_only_when_every_item_begins_with_its_number(
        tmp_path: Path, ru_points: list[str], en_points: list[str], labels: list[str]) -> None:
    """TEI lists are all items, or all label and item pairs: a list one of whose points
    has no number of the witness keeps every number in its items' text."""
    project = copy_project(tmp_path)

    def with_list(text: str, points: list[str]) -> str:
        lines = "".join(f"item @i{k} | {point}\n" for k, point in enumerate(points, 1))
        return text.replace("p @p2 |", lines + "p @p2 |")

    add_third(project, with_list(THIRD_RU, ru_points), with_list(THIRD_EN, en_points))
    encode_documents(project)
    tree = etree.parse(str(project.tei / "1951-07-05-test.xml"))
    found = tree.find(".//tei:div[@xml:lang='ru']/tei:list", NS)
    assert [label.text for label in found.iterfind("tei:label", NS)] == labels
    points = ["".join(item.itertext()).strip() for item in found.iterfind("tei:item", NS)]
    if labels:
        assert points == ["Первый пункт.", "Второй пункт."]
        assert [item.get("n") for item in found.iterfind("tei:item", NS)] == ["а", "б"]
    else:
        assert points == ru_points


def test_a_page_that_begins_with_a_numbered_point_begins_before_its_number(tmp_path: Path) -> None:
    from synthetic_pages import write_pages

    project = copy_project(tmp_path)
    ru = "pb | 1\n" + THIRD_RU.replace("p @p2 |", "pb | 2\nitem @i1 | 1. Первый пункт.\np @p2 |")
    en = THIRD_EN.replace("p @p2 |", "item @i1 | 1. The first point.\np @p2 |")
    folder = add_third(project, ru, en)
    write_pages(folder / "witness" / "pages", 2)
    encode_documents(project)
    tree = etree.parse(str(project.tei / "1951-07-05-test.xml"))
    found = tree.find(".//tei:div[@xml:lang='ru']/tei:list", NS)
    assert [etree.QName(c).localname for c in found] == ["pb", "label", "item"]
    assert found[0].get("n") == "2"
    assert found.find("tei:item/tei:p", NS).get("facs") == "#page.2"
    assert found.find("tei:item/tei:p/tei:pb", NS) is None


# --- bad input: clear errors, nothing overwritten --------------------------------------------

@pytest.mark.parametrize(("ru", "en", "fragment", "line"), [
    (THIRD_RU.replace("{@kaesong", "{@nowhere"), THIRD_EN, "names no registry record", 2),
    (THIRD_RU, THIRD_EN.replace("p @p2 |", "p @p3 |"), "no counterpart", 3),
    (THIRD_RU.replace("Вчера", "31.2.1951"), THIRD_EN, "not a possible date", 2),
    (THIRD_RU.replace("[sic]", "[sic"), THIRD_EN, "never closed", 2),
    (THIRD_RU, THIRD_EN.replace("@p1.1", "@p1"), "one of several", 2),
])
def test_bad_input_is_reported_and_tei_is_untouched(tmp_path: Path, ru: str, en: str,
                                                    fragment: str, line: int) -> None:
    project = copy_project(tmp_path)
    add_third(project, ru, en)
    before = {p.name: p.read_bytes() for p in project.tei.glob("*.xml")}
    with pytest.raises(EditionError) as info:
        encode_documents(project)
    problem = info.value.problems[0]
    assert fragment in problem.message
    assert problem.line == line and problem.hint
    assert {p.name: p.read_bytes() for p in project.tei.glob("*.xml")} == before
    assert not list(project.tei.glob(".staging-*"))


def test_non_utf8_transcription_fails_through_the_command(tmp_path: Path, capsys) -> None:
    project = copy_project(tmp_path)
    folder = add_third(project)
    (folder / "ru.txt").write_bytes(THIRD_RU.encode("cp1251"))
    assert cli(["--root", str(tmp_path), "encode"]) == 1
    err = capsys.readouterr().err
    assert "ru.txt:1" in err and "UTF-8" in err and "what to do" in err
    assert not (project.tei / "1951-07-05-test.xml").exists()


def test_transcription_that_drifts_from_its_witness_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project.documents / TELEGRAM / "en.txt"
    path.write_text(path.read_text("utf-8").replace("ceasefire", "cease-fire", 1), "utf-8")
    with pytest.raises(EditionError) as info:
        encode_documents(project)
    assert "no longer gives back the witness" in info.value.problems[0].message
    assert info.value.problems[0].line is not None


def test_mention_counts_per_type_and_language(trees) -> None:
    """Not a fixed number: every type and language has mentions, and the counts are
    printed for the closing note (pytest -s)."""
    for doc_id, tree in sorted(trees.items()):
        for lang in ("ru", "en"):
            counts = Counter(kind for kind, _, _ in mentions(tree, lang))
            print(doc_id, lang, dict(sorted(counts.items())))
            assert counts["persName"] >= 1


def test_new_scaffolds_a_folder_that_encode_explains(tmp_path: Path, capsys) -> None:
    project = copy_project(tmp_path)
    assert cli(["--root", str(tmp_path), "new", "1951-07-10-test"]) == 0
    folder = project.documents / "1951-07-10-test"
    assert {p.name for p in folder.iterdir()} == {"metadata.toml", "ru.txt", "en.txt", "witness"}
    assert cli(["--root", str(tmp_path), "new", "1951-07-10-test"]) == 1  # never overwrites
    # the unfilled template is refused with a message about the date, not a traceback
    assert cli(["--root", str(tmp_path), "encode"]) == 1
    assert "metadata.toml" in capsys.readouterr().err


def test_without_java_encode_refuses_to_write_unvalidated_tei(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    project = copy_project(tmp_path)
    before = {p.name: p.read_bytes() for p in project.tei.glob("*.xml")}
    add_third(project)
    env = {**os.environ, "PATH": "/nonexistent", "JAVA_HOME": "/nonexistent"}
    run = subprocess.run([sys.executable, "-m", "edition.cli", "--root", str(project.root), "encode"],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 2  # the command could not run (README: exit codes)
    assert "could not be validated" in run.stderr and "Traceback" not in run.stderr
    assert {p.name: p.read_bytes() for p in project.tei.glob("*.xml")} == before


# --- the faithfulness check and the edition's segmentation --------------------------------

RUN_ON_WITNESS = "[…] Dear comrade! We arrived on 5.7.1951. The rest follows. KIM\nNo. 12\n"
RUN_ON_TEXT = ("gap | […] \\\nsalute @s | Dear comrade! \\\np @p1 | We arrived on 5.7.1951. \\\n"
               "p @p2 | The rest follows. \\\nsigned @n | KIM\nseg.number @num unaligned | No. 12\n")


def test_a_run_on_witness_line_cut_into_units_passes_the_faithfulness_check() -> None:
    from edition.encode import check_witness
    from edition.markup import parse_text

    check_witness(parse_text(RUN_ON_TEXT, "en", "en.txt"), RUN_ON_WITNESS, "en.txt")


def test_a_change_inside_a_run_on_line_is_reported_at_the_line_of_its_unit() -> None:
    from edition.encode import check_witness
    from edition.markup import parse_text

    changed = parse_text(RUN_ON_TEXT.replace("arrived", "arived").replace("No. 12", "No. 13"),
                         "en", "en.txt")
    with pytest.raises(EditionError) as info:
        check_witness(changed, RUN_ON_WITNESS, "en.txt")
    problem = info.value.problems[0]
    assert problem.line == 3 and "line 1," in problem.message and "rived" in problem.message


def test_blank_lines_between_the_witness_paragraphs_are_not_text() -> None:
    from edition.encode import check_witness
    from edition.markup import parse_text

    transcription = parse_text("p @a | One.\np @b | Two.\n", "en", "en.txt")
    check_witness(transcription, "\nOne.\n\n\nTwo.\n", "en.txt")
    with pytest.raises(EditionError) as info:
        check_witness(transcription, "One.\n\nTwo!\n", "en.txt")
    assert "line 3" in info.value.problems[0].message


# --- draft register records: automatic, unconfirmed identifications --------------------------

def test_a_draft_record_is_encoded_as_an_automatic_unconfirmed_identification(tmp_path: Path) -> None:
    from conftest import fixture_project
    from edition.validate import validate

    project = fixture_project(tmp_path)
    places = project.registry / "places.toml"
    places.write_text(places.read_text(encoding="utf-8").replace(
        "[northtown]\n", "[northtown]\nstatus = \"draft\"\n"), encoding="utf-8")
    encode_documents(project)
    ns = {"tei": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace"}
    doc = etree.parse(str(project.tei / "1950-01-31-ivanov-to-petrov.xml"))
    mentions = doc.findall(".//tei:text//tei:placeName[@ref='#northtown']", ns)
    assert mentions and all((m.get("cert"), m.get("resp")) == ("low", "#resp-auto-names")
                            for m in mentions)
    (record,) = doc.findall(".//tei:standOff//tei:place", ns)
    assert (record.get("cert"), record.get("resp")) == ("low", "#resp-auto-names")
    # confirmed records and their mentions say nothing of the kind
    assert not doc.findall(".//tei:persName[@cert]", ns) and not doc.findall(".//tei:person[@cert]", ns)
    (resp,) = doc.findall(".//tei:titleStmt/tei:respStmt[@xml:id='resp-auto-names']", ns)
    assert "not yet confirmed" in "".join(resp.itertext())
    registers = etree.parse(str(project.tei / "registers.xml"))
    assert registers.findall(".//tei:respStmt[@xml:id='resp-auto-names']", ns)
    report = validate([project.tei])
    assert not report.errors
    naming = {p.name for p in project.tei.glob("*.xml")
              if b'ref="#northtown"' in p.read_bytes() or p.name == "registers.xml"}
    assert {(Path(f.file).name, f.rule) for f in report.warnings} == {
        (name, "W-DRAFT-RECORD") for name in naming}


def test_a_killed_runs_staging_folder_is_removed_by_the_next_run_even_with_nothing_to_write(
        tmp_path: Path) -> None:
    """encode stages each document's TEI in tei/.staging-* as it is made; a run killed on
    the way leaves that folder, and the next run removes it, also when tei/ is fresh."""
    project = copy_project(tmp_path)
    left = project.tei / ".staging-killed"
    left.mkdir()
    (left / f"{TELEGRAM}.xml").write_bytes(b"<half")
    before = {p.name: p.read_bytes() for p in project.tei.glob("*.xml")}
    encode_documents(project)
    assert not list(project.tei.glob(".staging-*"))
    assert {p.name: p.read_bytes() for p in project.tei.glob("*.xml")} == before
