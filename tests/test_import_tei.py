"""The folders `edition import` writes encode, with no hand edit, to the right TEI.

The shipped records (../shared) are imported into a fresh project whose registry is this
test's fixture (a copy of the edition's register) and the TEI they encode to is compared,
unit by unit, with the TEI of the hand-prepared edition: tests/fixtures/import/hand/ is a
copy of its two source folders (transcriptions by hand, metadata, witness), encoded here by
the same code, so that the comparison holds whatever the recognisers become and whatever
source/ becomes: the same units in the same order, the same alignment (both 1:n places of the
telegram), the same names (draft records aside), dates and measures. Synthetic records
generated here cover the variants real copies show; each must encode and validate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from edition.encode import check_witness, encode_documents
from edition.importer import import_records
from edition.markup import parse_file
from edition.registry import Registry
from import_records import (
    EN,
    FIXTURES,
    PUBLISHER,
    RU,
    SHARED_REPLY,
    SHARED_SEED,
    TODAY,
    letter,
    meta,
    new_project,
    record,
    run_on,
    shared,
    unregistered_parties,
    write_record,
)
from lxml import etree

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"


# --- comparing TEI with the hand-prepared edition ---------------------------------------------

def _witness_text(el: etree._Element) -> str:
    """A unit's text as the witness has it: without our notes and corrections."""
    out = [el.text or ""]
    for child in el:
        if etree.QName(child).localname not in ("note", "corr"):
            out.append(_witness_text(child))
        out.append(child.tail or "")
    return "".join(out)


def units(tree: etree._ElementTree) -> dict[str, list[dict]]:
    """Per language: each alignment unit's element, witness text, counterparts (by position),
    names (element, refs, text), dates (@when) and measures."""
    out: dict[str, list[dict]] = {}
    ids: dict[str, tuple[str, int]] = {}
    for div in tree.iterfind(".//tei:text//tei:div[@xml:lang]", {**NS, "xml": XML_NS}):
        lang = div.get(f"{{{XML_NS}}}lang")
        found = [el for el in div.iter() if el is not div and el.get(XML_ID)
                 and etree.QName(el).localname != "note"]
        out[lang] = []
        for position, el in enumerate(found):
            ids[el.get(XML_ID)] = (lang, position)
            out[lang].append({
                "element": etree.QName(el).localname,
                "text": _witness_text(el),
                "corresp": el.get("corresp", ""),
                "flag": el.get("ana", ""),
                "names": [(etree.QName(n).localname, n.get("ref"), "".join(n.itertext()))
                          for n in el.iter() if n.get("ref") and n is not el],
                "dates": [n.get("when") for n in el.iter("{*}date")],
                "measures": [(n.get("quantity"), n.get("unit")) for n in el.iter("{*}measure")],
                "in_item": any(etree.QName(a).localname == "item" for a in el.iterancestors()),
            })
    for lang_units in out.values():
        for unit in lang_units:
            unit["corresp"] = sorted(ids[t.lstrip("#")] for t in unit["corresp"].split())
            unit["flag"] = "lost" if "lost" in unit["flag"] else "unaligned" if unit["flag"] else ""
    return out


def correspondence(tree: etree._ElementTree) -> list[tuple]:
    """Each correspAction: its type, the registry ids of persons and place, its date."""
    out = []
    for action in tree.iterfind(".//tei:correspAction", NS):
        refs = [tuple(r for r in (n.get("ref") or "").split() if r.startswith("#"))
                for n in action if etree.QName(n).localname in ("persName", "orgName", "placeName")]
        dates = [d.get("when") for d in action.iterfind("tei:date", NS)]
        out.append((action.get("type"), refs, dates))
    return out


def without_drafts(names: list[tuple[str, str, str]], drafts: set[str]) -> list[tuple[str, str, str]]:
    return [n for n in names if not set(n[1].replace("#", "").split()) & drafts]


def imported_tei(tmp_path: Path, record_path: Path) -> tuple[etree._ElementTree, set[str], str]:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [record_path], today=TODAY, publisher=PUBLISHER)
    encode_documents(project)
    drafts = {e.id for e in Registry.load(project.registry).drafts}
    return etree.parse(str(project.tei / f"{item.doc_id}.xml")), drafts, item.doc_id


@pytest.fixture(scope="module")
def hand_prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The TEI folder of the hand-prepared edition (the fixture's copy of its sources)."""
    project = new_project(tmp_path_factory.mktemp("hand") / "project")
    for folder in sorted((FIXTURES / "hand").iterdir()):
        shutil.copytree(folder, project.documents / folder.name)
    encode_documents(project)
    return project.tei


@pytest.mark.parametrize(("record_name", "expected"), [
    (SHARED_SEED, "1951-07-03-mao-to-filippov.xml"),
    (SHARED_REPLY, "1951-07-03-filippov-to-mao.xml"),
])
def test_a_shipped_record_imports_to_the_hand_prepared_edition(tmp_path: Path, record_name: str,
                                                                expected: str, hand_prepared: Path) -> None:
    tree, drafts, _ = imported_tei(tmp_path, shared(record_name))
    got = units(tree)
    want = units(etree.parse(str(hand_prepared / expected)))
    assert sorted(got) == sorted(want)
    for lang in want:
        assert len(got[lang]) == len(want[lang]), lang
        for mine, theirs in zip(got[lang], want[lang], strict=True):
            assert mine["element"] == theirs["element"], (lang, theirs["text"][:40])
            assert mine["text"] == theirs["text"]
            assert mine["corresp"] == theirs["corresp"], (lang, theirs["text"][:40])
            assert mine["flag"] == theirs["flag"], (lang, theirs["text"][:40])
            assert mine["in_item"] == theirs["in_item"], (lang, theirs["text"][:40])
            assert without_drafts(mine["names"], drafts) == theirs["names"], (lang, theirs["text"][:40])
            assert mine["dates"] == theirs["dates"] and mine["measures"] == theirs["measures"]
    # the correspondence: who sent, transmitted and received it, where and when
    assert correspondence(tree) == correspondence(etree.parse(str(hand_prepared / expected)))


def test_the_telegrams_alignment_has_both_one_to_two_places(tmp_path: Path) -> None:
    tree, _, _ = imported_tei(tmp_path, shared(SHARED_SEED))
    ru = units(tree)["ru"]
    one_to_two = [u for u in ru if len(u["corresp"]) == 2]
    assert len(one_to_two) == 2
    assert all(len(u["corresp"]) == 1 for u in ru if u not in one_to_two)



# --- synthetic records: every variant imports and encodes with no hand edit --------------------

VARIANTS = {
    "full record": {},
    "no blank lines, heading after ###": {"heading_first": False},
    "blank lines doubled": {"blank_lines": 2},
    "CRLF": {"newline": "\r\n"},
    "run-on original": {"ru": run_on(RU)},
    "run-on translation": {"en": [*EN[:4], *run_on(EN[4:15]), *EN[15:]]},
    "truncated translation": {"en": [*EN[:10], "The enemy will possibly insist on anoth"]},
    "translation only": {"ru": None},
    "original only": {"en": None},
    "empty metadata section": {"labels": []},
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_record_variants_import_and_encode_with_no_hand_edit(tmp_path: Path, variant: str) -> None:
    project = new_project(tmp_path / "project")
    path = write_record(tmp_path, record(**VARIANTS[variant]))
    [item] = import_records(project, [path], today=TODAY, publisher=PUBLISHER)
    folder = project.documents / item.doc_id
    data = meta(project, item.doc_id)
    for lang in data["languages"]:
        # the witness is the record's block; the transcription gives it back
        check_witness(parse_file(folder / f"{lang}.txt", lang),
                      (folder / "witness" / f"{lang}.txt").read_text("utf-8"), f"{lang}.txt")
    encode_documents(project)
    assert (project.tei / f"{item.doc_id}.xml").is_file()



def test_a_translation_only_document_has_no_edition_division(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    labels = [x for x in record(en=EN).split("###\n")[1].split("\n")
              if x and x not in ("Language", "Russian")]
    [item] = import_records(project, [write_record(tmp_path, record(ru=None, labels=labels))], today=TODAY)
    assert meta(project, item.doc_id)["original"] == ""
    encode_documents(project)
    tree = etree.parse(str(project.tei / f"{item.doc_id}.xml"))
    assert tree.find(".//tei:div[@type='edition']", NS) is None
    assert tree.find(".//tei:div[@type='translation']", NS) is not None


def test_a_letter_of_another_shape_imports_and_encodes(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, letter())], today=TODAY, publisher=PUBLISHER)
    assert item.doc_id == "1951-07-08-kim-to-stalin"
    data = meta(project, item.doc_id)
    assert data["sent"] == {"persons": ["kim-il-sung"], "date": "1951-07-08"}
    assert data["received"] == {"persons": ["stalin"]}
    encode_documents(project)
    tree = etree.parse(str(project.tei / f"{item.doc_id}.xml"))
    ru = units(tree)["ru"]
    assert [u["element"] for u in ru] == ["head", "seg", "seg", "salute", "p", "p", "p", "p", "salute",
                                          "signed", "dateline"]
    assert all(u["corresp"] for u in ru)




def test_two_translations_of_an_original_the_record_names_are_both_translations(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    text = record().replace("Language\nRussian\n", "Language\nChinese\n")
    [item] = import_records(project, [write_record(tmp_path, text)], today=TODAY)
    encode_documents(project)
    tree = etree.parse(str(project.tei / f"{item.doc_id}.xml"))
    assert tree.find(".//tei:div[@type='edition']", NS) is None
    assert len(tree.findall(".//tei:text//tei:div[@type='translation']", NS)) == 2


def test_a_record_whose_parties_no_record_covers_encodes_with_draft_identifications(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, unregistered_parties())], today=TODAY,
                            publisher=PUBLISHER, use_natasha=False)
    encode_documents(project)
    tree = etree.parse(str(project.tei / f"{item.doc_id}.xml"))
    assert [refs for _, refs, _ in correspondence(tree)] == [[("#peng-dehuai",)], [("#gao-gang",)]]
