"""`edition import` (edition.importer.run): a record in, a complete document folder out that
encodes with no hand edit, or an error and nothing written.

The shipped records (../shared) are imported into a fresh project whose registry is this
test's fixture (a copy of the edition's register when the hand-prepared TEI was made) and
the TEI they encode to is compared, unit by unit, with tests/fixtures/import/expected/, a
copy of the hand-prepared edition's TEI: the same units in the same order, the same
alignment (both 1:n places of the telegram), the same names, dates and measures. Synthetic
records generated here cover the variants real copies show."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from edition.cli import main as cli
from edition.encode import check_witness, encode_documents
from edition.errors import EditionError
from edition.importer import import_records
from edition.markup import parse_file
from edition.paths import Project
from import_records import EN, RU, SHARED_REPLY, SHARED_SEED, letter, record, run_on
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "import"
SHARED = REPO.parent / "shared"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
TODAY = dt.date(2026, 12, 2)
# records without a citation line do not name their publisher: the tests name it
PUBLISHER = "Wilson Center Digital Archive, History and Public Policy Program"


def new_project(folder: Path) -> Project:
    """An empty edition: the fixture registry, the repository's edition settings, no documents."""
    (folder / "source" / "documents").mkdir(parents=True)
    shutil.copytree(FIXTURES / "registry", folder / "source" / "registry")
    shutil.copyfile(FIXTURES / "edition.toml", folder / "source" / "edition.toml")
    (folder / "tei").mkdir()
    (folder / "pyproject.toml").write_text("")
    return Project(folder)


def shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"../shared is absent here ({path}): the archive's records are not available")
    return path


def write_record(folder: Path, text: str, name: str = "record.txt") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def meta(project: Project, doc_id: str) -> dict:
    return tomllib.loads((project.documents / doc_id / "metadata.toml").read_text("utf-8"))


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


def without_drafts(names: list[tuple[str, str, str]], drafts: set[str]) -> list[tuple[str, str, str]]:
    return [n for n in names if not set(n[1].replace("#", "").split()) & drafts]


def imported_tei(tmp_path: Path, record_path: Path) -> tuple[etree._ElementTree, set[str], str]:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [record_path], today=TODAY, publisher=PUBLISHER)
    encode_documents(project)
    from edition.registry import Registry
    drafts = {e.id for e in Registry.load(project.registry).drafts}
    return etree.parse(str(project.tei / f"{item.doc_id}.xml")), drafts, item.doc_id


@pytest.mark.parametrize(("record_name", "expected"), [
    (SHARED_SEED, "1951-07-03-mao-to-filippov.xml"),
    (SHARED_REPLY, "1951-07-03-filippov-to-mao.xml"),
])
def test_a_shipped_record_imports_to_the_hand_prepared_edition(tmp_path: Path, record_name: str,
                                                                expected: str) -> None:
    tree, drafts, _ = imported_tei(tmp_path, shared(record_name))
    got = units(tree)
    want = units(etree.parse(str(FIXTURES / "expected" / expected)))
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


def test_a_run_on_record_is_cut_into_units_and_its_witness_is_the_line(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    path = write_record(tmp_path, record(ru=run_on(RU)))
    [item] = import_records(project, [path], today=TODAY)
    folder = project.documents / item.doc_id
    witness = (folder / "witness" / "ru.txt").read_text("utf-8")
    assert witness == run_on(RU)[0] + "\n"
    ru = parse_file(folder / "ru.txt", "ru")
    assert [b.kind for b in ru.blocks] == ["gap", "dateline", "salute", "p", "item", "p", "item", "p",
                                           "signed", "gap"]
    assert all(b.runs_on for b in ru.blocks[:-1])
    assert "run-on lines cut into units" in item.report


def test_crlf_is_normalised_in_the_witness_and_the_report_says_so(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, record(newline="\r\n"))], today=TODAY)
    witness = (project.documents / item.doc_id / "witness" / "en.txt").read_bytes()
    assert b"\r" not in witness and witness.decode().splitlines() == EN
    assert "CRLF, normalised to LF" in item.report


def test_a_translation_only_record_is_never_an_original(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    labels_without_language = [x for x in record(en=EN).split("###\n")[1].split("\n")
                               if x not in ("Language", "Russian")]
    [stated] = import_records(project, [write_record(tmp_path, record(ru=None), "a.txt")], today=TODAY)
    data = meta(project, stated.doc_id)
    assert data["languages"] == ["en"] and data["original"] == "ru"      # the record says Russian
    project2 = new_project(tmp_path / "p2")
    [unstated] = import_records(project2, [write_record(tmp_path, record(ru=None, labels=[
        x for x in labels_without_language if x]), "b.txt")], today=TODAY)
    data = meta(project2, unstated.doc_id)
    assert data["languages"] == ["en"] and data["original"] == ""       # unknown, not English
    encode_documents(project2)
    tree = etree.parse(str(project2.tei / f"{unstated.doc_id}.xml"))
    assert tree.find(".//tei:div[@type='edition']", NS) is None
    assert tree.find(".//tei:div[@type='translation']", NS) is not None


def test_three_archival_references_each_as_written(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, record())], today=TODAY)
    data = meta(project, item.doc_id)
    assert [(r["repository"], r["collection"], r["idno"]) for r in data["archival"]["references"]] == [
        ("APRF", "f. 45, op. 1, d. 348", "ll. 4-6"),
        ("AVPRF", "f. 059a, op. 5a, d. 5, p. 11", "ll. 1-2"),
        ("RGASPI", "f. 558, op. 11, d. 342", "l. 3")]
    witness = data["witness"]
    assert witness["translator"] == "Jane Translator"
    assert witness["url"] == "https://digitalarchive.example.org/document/900001"
    assert witness["record_id"] == "900001" and witness["citation"].startswith("\"Ciphered Telegram No. 4711")
    assert witness["summary"] == "Mao Zedong reports on the draft agreement and asks for advice."
    assert witness["unknown"] == ["Associated Places"]
    assert data["date"] == "1952-08-08" and data["original"] == "ru"
    assert data["sent"] == {"persons": ["mao-zedong"], "date": "1952-08-08"}
    assert data["received"] == {"persons": ["stalin"], "date": "1952-08-08T09:30:00"}
    assert data["keywords"]["en"] == ["Korean War, 1950-1953", "Armistice negotiations"]


def test_an_empty_metadata_section_leaves_everything_unknown(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, record(labels=[]))], today=TODAY,
                            publisher=PUBLISHER)
    data = meta(project, item.doc_id)
    assert data["witness"]["summary"] == "" and data["witness"]["rights"] == ""
    assert "Summary" in data["witness"]["unknown"] and "Record ID" in data["witness"]["unknown"]
    assert data["archival"].get("references", []) == []
    assert "the archival reference" in item.report and "the translator" in item.report


def test_the_id_is_date_sender_and_addressee_else_the_record_id(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [item] = import_records(project, [write_record(tmp_path, record())], today=TODAY)
    assert item.doc_id == "1952-08-08-mao-to-filippov"
    untitled = record().replace("Ciphered Telegram No. 4711, Mao Zedong to Filippov [Stalin]\n",
                                "Untitled\n")
    [item] = import_records(project, [write_record(tmp_path, untitled, "b.txt")], today=TODAY)
    assert item.doc_id == "record-900001"


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


# --- bad input: exit 1, file:line, what to do, nothing written --------------------------------

def snapshot(project: Project) -> dict[str, bytes]:
    return {str(p.relative_to(project.root)): p.read_bytes()
            for p in sorted(project.source.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("text", "fragment"), [
    (record().replace("###\n", ""), "no '###'"),
    ("###\nSummary\nx\n", "no language block"),
    (record().replace("Record ID\n", "Record Identifier:\n"), "unknown label"),
])
def test_a_bad_record_exits_1_and_writes_nothing(tmp_path: Path, capsys, text: str, fragment: str) -> None:
    project = new_project(tmp_path / "project")
    good = write_record(tmp_path, record(), "good.txt")
    bad = write_record(tmp_path, text, "bad.txt")
    before = snapshot(project)
    assert cli(["--root", str(project.root), "import", str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert fragment in err and "bad.txt:" in err and "what to do" in err
    assert snapshot(project) == before


def test_a_record_that_is_not_utf8_exits_1(tmp_path: Path, capsys) -> None:
    project = new_project(tmp_path / "project")
    path = tmp_path / "bad.txt"
    path.write_bytes(record().encode("cp1251", errors="replace"))
    before = snapshot(project)
    assert cli(["--root", str(project.root), "import", str(path)]) == 1
    assert re.search(r"bad\.txt:\d+: error: the record is not UTF-8", capsys.readouterr().err)
    assert snapshot(project) == before


def test_a_taken_id_is_an_error_naming_the_existing_folder(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    path = write_record(tmp_path, record())
    import_records(project, [path], today=TODAY)
    before = snapshot(project)
    with pytest.raises(EditionError) as info:
        import_records(project, [path], today=TODAY)
    assert "1952-08-08-mao-to-filippov" in info.value.problems[0].message
    assert str(project.documents / "1952-08-08-mao-to-filippov") in info.value.problems[0].message
    assert snapshot(project) == before
    [item] = import_records(project, [path], doc_id="1952-08-08-mao-to-filippov-copy", today=TODAY)
    assert (project.documents / item.doc_id / "metadata.toml").is_file()


def test_two_records_with_one_id_write_nothing(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    a = write_record(tmp_path, record(), "a.txt")
    b = write_record(tmp_path, record(), "b.txt")
    with pytest.raises(EditionError) as info:
        import_records(project, [a, b], today=TODAY)
    assert "also the id of" in info.value.problems[0].message
    assert not any(project.documents.iterdir())


def test_the_publisher_is_the_citations_else_the_editions_else_an_error(tmp_path: Path) -> None:
    project = new_project(tmp_path / "project")
    [cited] = import_records(project, [write_record(tmp_path, record(), "a.txt")], today=TODAY)
    cited_by = "History and Public Policy Program Digital Archive"
    assert meta(project, cited.doc_id)["witness"]["publisher"] == cited_by
    uncited = record(labels=[]).replace("August 8, 1952", "August 9, 1952")
    [item] = import_records(project, [write_record(tmp_path, uncited, "b.txt")], today=TODAY)
    assert meta(project, item.doc_id)["witness"]["publisher"] == cited_by
    assert "the publisher the edition's other documents name" in item.report
    empty = new_project(tmp_path / "empty")
    with pytest.raises(EditionError) as info:
        import_records(empty, [write_record(tmp_path, uncited, "c.txt")], today=TODAY)
    assert "does not name its publisher" in info.value.problems[0].message
    assert "--publisher" in info.value.problems[0].hint
