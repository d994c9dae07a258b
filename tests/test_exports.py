"""The exports for reuse (edition.exports): every file parses; the CMIF file has what the
CMIF requires and correspSearch reads; the static DTS API answers the calls a client
needs to walk each document down to its alignment units, one file per call and nothing
twice (docs/exports.md), with responses that have the members and fields DTS 1.0 requires
(JSON Schemas written from the specification, in tests/fixtures/dts/); plain text,
JSON-LD entities, CSL-JSON, BibTeX and the sitemap say what the TEI says; every address
is built on the one base_url setting.

The site is built once per module from the repository's tei/ (the real documents and
tei/registers.xml) into a temporary folder, and served by `edition serve`'s own server.
"""

from __future__ import annotations

import json
import re
import threading
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CORPUS, REPO, TEST_SETTINGS, make_project
from edition.errors import EditionError
from edition.exports import ExportReport, render_exports
from edition.exports.dts import CitableNode, navigation_calls
from edition.html import render_site
from edition.paths import Project
from edition.registry import load_registry
from edition.serve import make_server
from lxml import etree
from referencing import Registry, Resource

TEI_NS = "http://www.tei-c.org/ns/1.0"
DTS_NS = "https://w3id.org/api/dts#"
NS = {"tei": TEI_NS, "dts": DTS_NS, "xml": "http://www.w3.org/XML/1998/namespace",
      "sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMAS = REPO / "tests" / "fixtures" / "dts"
BASE = tomllib.loads(TEST_SETTINGS.read_text(encoding="utf-8"))["edition"]["base_url"]
UNIT_TAGS = ("head", "seg", "dateline", "salute", "p", "signed")
CMIF_BY = "https://creativecommons.org/licenses/by/4.0/"
# The authority files correspSearch links persons and organisations to (registry types).
PERSON_FILES = {"viaf", "gnd", "lc", "bnf", "ndl"}


@dataclass(frozen=True)
class Exported:
    project: Project
    site: Path
    report: ExportReport
    url: str  # where the site is served

    @property
    def data(self) -> Path:
        return self.site / "data"

    def json(self, rel: str) -> Any:
        return json.loads((self.data / rel).read_text(encoding="utf-8"))


def _export(folder: Path, base_url: str | None = None) -> tuple[Project, Path, ExportReport]:
    project = make_project(folder, CORPUS / "tei")
    if base_url is not None:
        settings = project.edition_file.read_text(encoding="utf-8")
        project.edition_file.write_text(settings.replace(f'base_url = "{BASE}"', f'base_url = "{base_url}"'),
                                        encoding="utf-8")
    site = render_site(project)
    return project, site, render_exports(project, site)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    project, site, report = _export(tmp_path_factory.mktemp("exports"))
    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Exported(project, site, report, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def documents() -> dict[str, etree._ElementTree]:
    """The TEI documents of the repository (not the registers file), by id."""
    return {p.stem: etree.parse(str(p)) for p in Project(CORPUS).tei_documents()}


@pytest.fixture(scope="module")
def registers() -> etree._ElementTree:
    return etree.parse(str(Project(CORPUS).registers_file))


def units(tree: etree._ElementTree) -> list[etree._Element]:
    """The alignment units of a document: the elements with an xml:id inside a language
    division that docs/tei-conventions.md calls units."""
    return [el for div in tree.iterfind("tei:text/tei:body/tei:div[@xml:lang]", NS) for el in units_in(div)]


def units_in(div: etree._Element) -> list[etree._Element]:
    return [el for el in div.iter(*(f"{{{TEI_NS}}}{t}" for t in UNIT_TAGS)) if el.get(XML_ID)]


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, b""


# ================================================================= every export parses

def test_every_export_parses(exported: Exported) -> None:
    files = [p for p in exported.data.rglob("*") if p.is_file()] + [exported.site / "sitemap.xml"]
    kinds = {p.suffix for p in files}
    assert kinds == {".xml", ".jsonld", ".json", ".bib", ".ris"}
    for path in files:
        if path.suffix == ".xml":
            etree.parse(str(path))
        elif path.suffix in (".json", ".jsonld"):
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".ris":
            lines = path.read_bytes().decode("utf-8").split("\r\n")
            assert lines[0] == "TY  - PCOMM" and lines[-2] == "ER  - ", path
            assert all(re.match(r"[A-Z][A-Z0-9]  - ", line) for line in lines[:-1]), path
        else:
            assert bibtex_entries(path.read_text(encoding="utf-8")), path


def test_the_report_counts_every_export_and_its_size(exported: Exported) -> None:
    assert set(exported.report.files) == {"cmif", "dts", "entities", "cite", "text", "search", "sitemap"}
    for group, written in exported.report.files.items():
        assert written.files > 0 and written.bytes > 0, group
        assert exported.report.size(group) == written.bytes
    on_disk = {"dts": exported.site / "data" / "dts", "cite": exported.site / "data" / "cite",
               "text": exported.site / "text"}
    for group, folder in on_disk.items():
        files = [p for p in folder.rglob("*") if p.is_file()]
        assert exported.report.files[group].files == len(files), group
        assert exported.report.size(group) == sum(p.stat().st_size for p in files), group
    assert exported.report.seconds["search index"] > 0


def test_exports_need_a_rendered_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, CORPUS / "tei")
    with pytest.raises(EditionError, match="not been rendered"):
        render_exports(project)


# ================================================================================ CMIF

@pytest.fixture(scope="module")
def cmif(exported: Exported) -> etree._ElementTree:
    return etree.parse(str(exported.data / "cmif.xml"))


def one(tree: etree._ElementTree | etree._Element, path: str) -> etree._Element:
    found = tree.xpath(path, namespaces=NS)
    assert len(found) == 1, f"{path}: {len(found)} found"
    return found[0]


def test_cmif_header_has_every_required_element(cmif: etree._ElementTree) -> None:
    """CMIF documentation, 'Information about the digital index of letters': all mandatory."""
    assert cmif.getroot().tag == f"{{{TEI_NS}}}TEI"
    header = "/tei:TEI/tei:teiHeader/tei:fileDesc"
    assert one(cmif, f"{header}/tei:titleStmt/tei:title").text.strip()
    assert one(cmif, f"{header}/tei:titleStmt/tei:editor").xpath("string()").strip()
    assert one(cmif, f"{header}/tei:publicationStmt/tei:publisher").xpath("string()").strip()
    assert one(cmif, f"{header}/tei:publicationStmt/tei:idno[@type='url']").text == BASE + "data/cmif.xml"
    when = one(cmif, f"{header}/tei:publicationStmt/tei:date").get("when")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})", when)  # xsd:dateTime
    licence = one(cmif, f"{header}/tei:publicationStmt/tei:availability/tei:licence")
    assert licence.get("target") == CMIF_BY
    assert "CC-BY 4.0" in licence.text
    bibl = one(cmif, f"{header}/tei:sourceDesc/tei:bibl")
    assert bibl.get("type") == "online"
    # The CMIF Schematron recommends a UUID in bibl/@xml:id (W0001).
    assert re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", bibl.get(XML_ID))
    assert one(cmif, "/tei:TEI/tei:text/tei:body/tei:p") is not None


def test_cmif_has_one_correspdesc_per_letter_linked_by_its_url(
        cmif: etree._ElementTree, documents: dict[str, etree._ElementTree]) -> None:
    descs = cmif.xpath("//tei:profileDesc/tei:correspDesc", namespaces=NS)
    assert sorted(d.get("key") for d in descs) == sorted(documents)
    bibl_id = one(cmif, "//tei:sourceDesc/tei:bibl").get(XML_ID)
    for desc in descs:
        assert desc.get("ref") == f"{BASE}documents/{desc.get('key')}.html"
        assert desc.get("source") == f"#{bibl_id}"  # Schematron E0003


def test_cmif_actions_give_sender_addressee_places_dates_and_authority_ids(
        cmif: etree._ElementTree, documents: dict[str, etree._ElementTree]) -> None:
    registry = load_registry(CORPUS / "source" / "registry")
    for desc in cmif.xpath("//tei:correspDesc", namespaces=NS):
        tei = documents[desc.get("key")]
        # Schematron E0001/E0002: both actions; nothing but names and dates inside them.
        assert [a.get("type") for a in desc.iterfind("tei:correspAction", NS)] == ["sent", "received"]
        for action in desc.iterfind("tei:correspAction", NS):
            assert not (action.text or "").strip()
            assert {etree.QName(c).localname for c in action} <= {"persName", "orgName", "placeName", "date"}
            source = one(tei, f"//tei:correspDesc/tei:correspAction[@type='{action.get('type')}']")
            persons = action.findall("tei:persName", NS)
            assert persons, "a sender or addressee is mandatory ('Unknown' if unknown)"
            expected = source.findall("tei:persName", NS)
            assert [p.text for p in persons] == [" ".join(p.xpath("string()").split()) for p in expected]
            for person, origin in zip(persons, expected, strict=True):
                ids = [r[1:] for r in (origin.get("ref") or "").split() if r.startswith("#")]
                uris = [a.uri for rid in ids for a in registry[rid].authorities if a.type in PERSON_FILES]
                # An authority id exactly where the registry has a verified one that
                # correspSearch accepts (its check warns about any other).
                assert (person.get("ref") or "").split() == uris
            places = action.findall("tei:placeName", NS)
            assert [p.text for p in places] == [p.xpath("string()").strip()
                                                for p in source.findall("tei:placeName", NS)]
            for place in places:
                ids = [r[1:] for o in source.findall("tei:placeName", NS)
                       for r in (o.get("ref") or "").split() if r.startswith("#")]
                uris = [a.uri for rid in ids for a in registry[rid].authorities if a.type == "geonames"]
                assert (place.get("ref") or "").split() == uris
            for date in action.findall("tei:date", NS):
                attrs = dict(date.attrib)
                assert attrs and set(attrs) <= {"when", "from", "to", "notBefore", "notAfter"}  # E0004
                assert all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v) for v in attrs.values())
            source_date = source.find("tei:date", NS)
            if source_date is not None and source_date.get("when"):
                assert action.find("tei:date", NS).get("when") == source_date.get("when")[:10]
            else:
                assert action.find("tei:date", NS) is None  # an unknown date is left out


def test_cmif_v2_notes_name_mentions_language_and_tei_file(
        cmif: etree._ElementTree, documents: dict[str, etree._ElementTree]) -> None:
    vocab = "cmif:"  # the prefix form correspSearch's ingest reads
    for desc in cmif.xpath("//tei:correspDesc", namespaces=NS):
        refs = {(r.get("type"), r.get("target")) for r in desc.iterfind("tei:note/tei:ref", NS)}
        assert (vocab + "isAvailableAsTEIfile", f"{BASE}tei/{desc.get('key')}.xml") in refs
        original = one(documents[desc.get("key")], "//tei:body/tei:div[@type='edition']").get(XML_LANG)
        assert (vocab + "hasLanguage", f"http://id.loc.gov/vocabulary/iso639-1/{original}") in refs
        mentioned = {t for kind, t in refs if kind.startswith(vocab + "mentions")}
        assert mentioned and all(t.startswith(("http://", "https://")) for t in mentioned)


def test_cmif_refuses_a_licence_correspsearch_cannot_take(tmp_path: Path) -> None:
    project = make_project(tmp_path, CORPUS / "tei")
    settings = project.edition_file.read_text(encoding="utf-8")
    project.edition_file.write_text(
        settings.replace(f'licence_url = "{CMIF_BY}"', 'licence_url = "https://example.org/all-rights"'),
        encoding="utf-8")
    render_site(project)
    with pytest.raises(EditionError, match="CC BY 4.0") as info:
        render_exports(project)
    assert "licence_url" in str(info.value)
    assert not (project.build / "site" / "data" / "cmif.xml").exists()


def test_cmif_editor_carries_the_contact_email_when_the_edition_gives_one(tmp_path: Path) -> None:
    project = make_project(tmp_path, CORPUS / "tei")
    settings = project.edition_file.read_text(encoding="utf-8")
    assert "contact_email" not in tomllib.loads(settings)["edition"]  # the shipped edition names none
    render_site(project)
    render_exports(project, with_search=False)
    header = "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:editor"
    assert etree.parse(str(project.build / "site" / "data" / "cmif.xml")).xpath(
        f"{header}/tei:email", namespaces=NS) == []

    project.edition_file.write_text(
        settings.replace("[edition]\n", '[edition]\ncontact_email = "editor@example.org"\n', 1),
        encoding="utf-8")
    render_site(project)
    render_exports(project, with_search=False)
    cmif = etree.parse(str(project.build / "site" / "data" / "cmif.xml"))
    assert one(cmif, f"{header}/tei:email").text == "editor@example.org"
    assert one(cmif, header).text.strip()  # the editor's name stays


# ================================================================================= DTS

@pytest.fixture(scope="module")
def schemas() -> dict[str, jsonschema.protocols.Validator]:
    loaded = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")}
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in loaded.values())
    validators = {}
    for name, schema in loaded.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[name.removesuffix(".schema.json")] = jsonschema.Draft202012Validator(
            schema, registry=registry, format_checker=jsonschema.FormatChecker())
    assert set(validators) == {"entry", "collection", "navigation", "document"}
    return validators


def dts_files(exported: Exported, kind: str) -> list[Path]:
    root = exported.data / "dts"
    if kind == "entry":
        return [root / "entry.jsonld"]
    if kind == "collection":
        return sorted(root.glob("collection*.jsonld")) + sorted((root / "collection").glob("*.jsonld"))
    return sorted((root / kind).iterdir())


@pytest.mark.parametrize("kind", ["entry", "collection", "navigation"])
def test_every_dts_response_matches_the_specification(
        exported: Exported, schemas: dict[str, Any], kind: str) -> None:
    files = dts_files(exported, kind)
    assert files
    for path in files:
        errors = sorted(schemas[kind].iter_errors(json.loads(path.read_text(encoding="utf-8"))), key=str)
        assert not errors, f"{path.name}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_schemas_reject_what_the_specification_forbids(
        schemas: dict[str, Any], exported: Exported) -> None:
    """The schemas are not vacuous: a response missing a required member fails."""
    entry = exported.json("dts/entry.jsonld")
    assert schemas["entry"].is_valid(entry)
    assert not schemas["entry"].is_valid({k: v for k, v in entry.items() if k != "navigation"})
    collection = exported.json("dts/collection.jsonld")
    member = collection["member"][0]
    assert not schemas["collection"].is_valid({**collection, "member": [{**member, "document": None}]})
    assert not schemas["collection"].is_valid({k: v for k, v in collection.items() if k != "totalChildren"})
    resource = member["@id"]
    nav = exported.json(f"dts/navigation/{resource};down=-1.jsonld")
    unit = nav["member"][-1]
    assert not schemas["navigation"].is_valid({**nav, "member": [{**unit, "parent": None}]})
    assert not schemas["navigation"].is_valid({k: v for k, v in nav.items() if k != "resource"})


def navigation_tree(tree: etree._ElementTree) -> list[tuple[str, list[str]]]:
    """A document's citation tree from its TEI: each language division with its units."""
    return [(div.get(XML_ID), [u.get(XML_ID) for u in units_in(div)])
            for div in tree.iterfind("tei:text/tei:body/tei:div[@xml:lang]", NS)]


def answered_navigation(doc_id: str, tree: etree._ElementTree) -> list[dict[str, str]]:
    """The navigation calls the static API answers (docs/exports.md): every call the
    template allows with `down` within the depth D of the citation tree: without ref,
    down 1 … D and -1; every division and unit alone, and with down 0 … D and -1."""
    depth = 2 if any(children for _, children in navigation_tree(tree)) else 1
    downs = [str(d) for d in range(1, depth + 1)] + ["-1"]
    calls = [{"resource": doc_id, "down": d} for d in downs]
    for division, children in navigation_tree(tree):
        for ref in (division, *children):
            calls.append({"resource": doc_id, "ref": ref})
            calls += [{"resource": doc_id, "ref": ref, "down": d} for d in ("0", *downs)]
    return calls


def test_entry_point_templates_expand_to_files_for_every_call_the_api_answers(
        exported: Exported, documents: dict[str, etree._ElementTree]) -> None:
    """Level 0 (static files): every call built from the URI templates with the identifiers
    the API itself lists, among those the API answers, is a file of the site."""
    entry = exported.json("dts/entry.jsonld")
    assert entry["@id"] == BASE + "data/dts/entry.jsonld"
    calls = [expand(entry["collection"], {}), expand(entry["collection"], {"nav": "parents"})]
    root = exported.json("dts/collection.jsonld")
    for member in [root, *root["member"]]:
        calls += [expand(entry["collection"], {"id": member["@id"]}),
                  expand(entry["collection"], {"id": member["@id"], "nav": "parents"}),
                  expand(member["collection"], {}), expand(member["collection"], {"nav": "parents"})]
    for doc_id, tree in documents.items():
        ids = [div.get(XML_ID) for div in tree.iterfind("tei:text/tei:body/tei:div[@xml:lang]", NS)]
        ids += [u.get(XML_ID) for u in units(tree)]
        for template in (entry["navigation"], exported.json(f"dts/collection/{doc_id}.jsonld")["navigation"]):
            calls += [expand(template, values) for values in answered_navigation(doc_id, tree)]
        for template in (entry["document"], exported.json(f"dts/collection/{doc_id}.jsonld")["document"]):
            values = {"resource": doc_id} if "{resource}" in template else {}
            calls += [expand(template, values)] + [expand(template, {**values, "ref": r}) for r in ids]
    missing = [c for c in calls if not (exported.site / c.removeprefix(BASE)).is_file()]
    assert all(c.startswith(BASE) for c in calls)
    assert not missing, missing[:5]
    assert len(calls) > 200


def test_navigation_writes_every_call_within_the_depth_of_the_tree(
        exported: Exported, documents: dict[str, etree._ElementTree]) -> None:
    """Every call the template allows within the citation tree is a file, and nothing
    else is: D + 1 calls without ref and D + 3 per unit (alone, down 0 … D, -1)."""
    entry = exported.json("dts/entry.jsonld")
    expected = {expand(entry["navigation"], values).removeprefix(BASE + "data/dts/navigation/")
                for doc_id, tree in documents.items() for values in answered_navigation(doc_id, tree)}
    written = {p.name for p in (exported.data / "dts" / "navigation").iterdir()}
    assert written == expected
    for doc_id, tree in documents.items():
        nodes = sum(1 + len(children) for _, children in navigation_tree(tree))
        assert len([n for n in written if n.startswith(doc_id + ";")]) == 3 + nodes * 5


def test_down_zero_gives_the_siblings_and_a_unit_without_children_has_nothing_below(
        exported: Exported, documents: dict[str, etree._ElementTree]) -> None:
    """A unit's siblings (`down=0`) are its parent's `down=1` members; below a unit
    without children there is only the unit, at any `down`."""
    for doc_id, tree in documents.items():
        whole = exported.json(f"dts/navigation/{doc_id};down=-1.jsonld")["member"]
        top = exported.json(f"dts/navigation/{doc_id};down=1.jsonld")["member"]
        assert top == [m for m in whole if m["parent"] is None]
        for division, children in navigation_tree(tree):
            below = exported.json(f"dts/navigation/{doc_id};ref={division};down=1.jsonld")
            assert below["ref"] == below["member"][0]
            # the siblings a down=0 call on any of these units would list, in order
            assert [m["identifier"] for m in below["member"][1:]] == children
            assert below["member"][1:] == [m for m in whole if m["parent"] == division]
            subtree = exported.json(f"dts/navigation/{doc_id};ref={division};down=-1.jsonld")
            assert subtree["member"] == below["member"]
            for unit in children:
                assert not [m for m in whole if m["parent"] == unit]  # no children: nothing below
                siblings = exported.json(f"dts/navigation/{doc_id};ref={unit};down=0.jsonld")
                assert siblings["member"] == below["member"][1:]
                for down in ("1", "2", "-1"):
                    alone = exported.json(f"dts/navigation/{doc_id};ref={unit};down={down}.jsonld")
                    assert [m["identifier"] for m in alone["member"]] == [unit]


def test_a_deeper_citation_tree_gets_every_depth() -> None:
    """The rule does not depend on the two levels of the shipped documents: with a tree
    D levels deep, `down` 1 … D and -1 without ref, and for every node its `ref` alone
    and with `down` 0 … D and -1."""
    def node(name: str, level: int, parent: str | None, *children: CitableNode) -> CitableNode:
        return CitableNode(name, level, parent, "part", f"#{name}", "en", [], list(children))

    tree = [node("book", 1, None,
                 node("ch1", 2, "book", node("p1", 3, "ch1"), node("p2", 3, "ch1")),
                 node("ch2", 2, "book")),
            node("notes", 1, None)]
    calls = {(ref.identifier if ref else None, down): [m.identifier for m in members or []]
             for ref, down, members in navigation_calls(tree)}
    names = ["book", "ch1", "p1", "p2", "ch2", "notes"]
    assert sorted(calls, key=str) == sorted(
        [(None, 1), (None, 2), (None, 3), (None, -1)]
        + [(n, d) for n in names for d in (None, 0, 1, 2, 3, -1)], key=str)
    assert calls[(None, 1)] == ["book", "notes"]
    assert calls[(None, 2)] == ["book", "ch1", "ch2", "notes"]
    assert calls[(None, -1)] == ["book", "ch1", "p1", "p2", "ch2", "notes"]  # document order
    assert calls[("book", 1)] == ["book", "ch1", "ch2"]
    assert calls[("book", -1)] == calls[("book", 2)] == ["book", "ch1", "p1", "p2", "ch2"]
    assert calls[("p1", 0)] == ["p1", "p2"]
    assert calls[("ch2", 0)] == ["ch1", "ch2"]
    assert calls[("notes", 0)] == ["book", "notes"]
    assert calls[("p1", None)] == []
    assert calls[("p1", 2)] == ["p1"]


def test_navigation_repeats_the_resource_as_briefly_as_dts_allows(
        exported: Exported, schemas: dict[str, Any]) -> None:
    """Each navigation response carries the Resource with the members DTS requires there
    (and nothing else: they are many files); they are the collection's own values."""
    required = schemas["collection"].schema["$defs"]["resource"]["required"]
    for path in sorted((exported.data / "dts" / "navigation").iterdir()):
        resource = json.loads(path.read_text(encoding="utf-8"))["resource"]
        assert sorted(resource) == sorted(required), path.name
        full = exported.json(f"dts/collection/{resource['@id']}.jsonld")
        assert {k: full[k] for k in ("@id", "@type", "collection", "navigation", "document")} == \
            {k: resource[k] for k in ("@id", "@type", "collection", "navigation", "document")}
        assert [t["citeStructure"] for t in resource["citationTrees"]] == \
            [t["citeStructure"] for t in full["citationTrees"]]


def expand(template: str, values: dict[str, str | None]) -> str:
    """RFC 6570 expansion for the operators the static API uses: simple, "/" and ";"."""
    def one_expression(match: re.Match[str]) -> str:
        op, names = match.group(1), match.group(2).split(",")
        defined = [(n, values[n]) for n in names if values.get(n) is not None]
        if op == "/":
            return "".join(f"/{v}" for _, v in defined)
        if op == ";":
            return "".join(f";{n}={v}" for n, v in defined)
        return ",".join(v for _, v in defined)

    return re.sub(r"\{([/;]?)([A-Za-z0-9_,]+)\}", one_expression, template)


def test_the_root_collection_lists_every_document(exported: Exported, documents: dict[str, Any]) -> None:
    root = exported.json("dts/collection.jsonld")
    assert root["@type"] == "Collection" and root["totalParents"] == 0
    assert root["totalChildren"] == len(root["member"]) == len(documents)
    assert sorted(m["@id"] for m in root["member"]) == sorted(documents)
    for member in root["member"]:
        assert member["@type"] == "Resource"
        assert member["download"] == f"{BASE}tei/{member['@id']}.xml"
        parents = exported.json(f"dts/collection/{member['@id']};nav=parents.jsonld")
        assert [p["@id"] for p in parents["member"]] == [root["@id"]]


def test_navigation_reaches_every_paragraph_with_its_permalink(
        exported: Exported, documents: dict[str, etree._ElementTree]) -> None:
    for doc_id, tree in documents.items():
        nav = exported.json(f"dts/navigation/{doc_id};down=-1.jsonld")
        members = nav["member"]
        divisions = tree.xpath("tei:text/tei:body/tei:div[@xml:lang]", namespaces=NS)
        expected = []
        for div in divisions:
            expected.append((div.get(XML_ID), 1, None))
            expected += [(u.get(XML_ID), 2, div.get(XML_ID)) for u in units_in(div)]
        # Document order, pre-order depth first, as DTS requires.
        assert [(m["identifier"], m["level"], m["parent"]) for m in members] == expected
        by_id = {m["identifier"]: m for m in members}
        paragraphs = tree.xpath("//tei:body//tei:p[@xml:id]", namespaces=NS)
        assert paragraphs
        for p in paragraphs:
            unit = by_id[p.get(XML_ID)]
            assert (unit["citeType"], unit["dublinCore"]["type"]) == ("passage", "paragraph")
            assert unit["@id"] == f"{BASE}documents/{doc_id}.html#{p.get(XML_ID)}"
            language = p.xpath("string(ancestor::tei:div[@xml:lang][1]/@xml:lang)", namespaces=NS)
            assert unit["dublinCore"]["language"] == language
            # the aligned passage in the other language
            partners = (p.get("corresp") or "").split()
            assert unit["dublinCore"].get("relation", []) == \
                [f"{BASE}documents/{doc_id}.html{c}" for c in partners]
            # cited by its row number, which its counterparts share ("¶ 12")
            assert unit["dublinCore"]["title"] == f"¶ {p.get('n')}"
            assert all(by_id[c[1:]]["dublinCore"]["title"] == unit["dublinCore"]["title"] for c in partners)
        top = exported.json(f"dts/navigation/{doc_id};down=1.jsonld")["member"]
        assert [m["identifier"] for m in top] == [d.get(XML_ID) for d in divisions]
        sibling = paragraphs[0].get(XML_ID)
        parent = by_id[sibling]["parent"]
        around = exported.json(f"dts/navigation/{doc_id};ref={parent};down=1.jsonld")
        assert around["ref"] == by_id[parent]
        assert sibling in [m["identifier"] for m in around["member"]]
        assert {m["parent"] for m in around["member"][1:]} == {parent}
        alone = exported.json(f"dts/navigation/{doc_id};ref={sibling}.jsonld")
        assert "member" not in alone and alone["ref"] == by_id[sibling]


@pytest.fixture(scope="module")
def document_calls(documents: dict[str, etree._ElementTree]) -> list[tuple[str, str | None]]:
    calls: list[tuple[str, str | None]] = []
    for doc_id, tree in documents.items():
        calls.append((doc_id, None))
        calls += [(doc_id, div.get(XML_ID)) for div in tree.iterfind("tei:text/tei:body/tei:div", NS)]
        calls += [(doc_id, u.get(XML_ID)) for u in units(tree)]
    return calls


def test_document_endpoint_answers_with_tei_over_http(
        exported: Exported, schemas: dict[str, Any], document_calls: list[tuple[str, str | None]]) -> None:
    for doc_id, ref in document_calls:
        path = f"data/dts/document/{doc_id}" + (f";ref={ref}" if ref else "") + ".xml"
        status, headers, body = fetch(exported.url + path)
        described: dict[str, Any] = {"status": status, "headers": headers, "ref": ref, "wellFormed": False}
        if status == 200:
            root = etree.fromstring(body)
            described.update(wellFormed=True, root=root.tag, wrapper=None)
            wrapper = root.find("dts:wrapper", NS)
            if wrapper is not None:
                described["wrapper"] = {"ref": wrapper.get("ref"), "children": len(wrapper),
                                        "text": wrapper.xpath("string()")}
        errors = list(schemas["document"].iter_errors(described))
        assert not errors, f"{path}: {errors[0].message}"
        assert headers["link"] == f'</data/dts/collection/{doc_id}.jsonld>; rel="collection"'


def test_document_passages_are_the_tei_passages(
        exported: Exported, documents: dict[str, etree._ElementTree],
        document_calls: list[tuple[str, str | None]]) -> None:
    for doc_id, ref in document_calls:
        name = f"{doc_id};ref={ref}.xml" if ref else f"{doc_id}.xml"
        answer = etree.parse(str(exported.data / "dts" / "document" / name))
        if ref is None:
            assert etree.tostring(answer, method="c14n") == etree.tostring(documents[doc_id], method="c14n")
            continue
        original = one(documents[doc_id], f"//*[@xml:id='{ref}']")
        wrapper = one(answer, "/tei:TEI/dts:wrapper")
        assert [etree.tostring(c, method="c14n", exclusive=True) for c in wrapper] == \
            [etree.tostring(_without_tail(original), method="c14n", exclusive=True)]
        # the records the passage names come with it, so that its names resolve
        named = {r[1:] for el in original.iter() if isinstance(el.tag, str)
                 for r in (el.get("ref") or "").split() if r.startswith("#")}
        given = {el.get(XML_ID) for el in answer.iterfind("tei:standOff/*/*", NS)}
        assert named <= given


def _without_tail(el: etree._Element) -> etree._Element:
    from copy import deepcopy

    copy = deepcopy(el)
    copy.tail = None
    return copy


def test_dts_json_is_served_as_json_ld(exported: Exported) -> None:
    status, headers, _ = fetch(exported.url + "data/dts/entry.jsonld")
    assert status == 200 and headers["content-type"] == "application/ld+json"
    status, _, _ = fetch(exported.url + "data/dts/navigation/no-such-document;down=1.jsonld")
    assert status == 404  # an unknown resource is Not Found, as DTS asks


# ========================================================================= plain text

def test_plain_text_per_language_matches_the_tei(
        exported: Exported, documents: dict[str, etree._ElementTree]) -> None:
    """Every unit's reading text (notes left out, corrections as corrected) is in the
    text file of its language, in document order."""
    texts = list((exported.site / "text").glob("*.txt"))
    assert sorted(p.name for p in texts) == sorted(
        f"{doc_id}.{div.get(XML_LANG)}.txt" for doc_id, tree in documents.items()
        for div in tree.iterfind("tei:text/tei:body/tei:div[@xml:lang]", NS))
    for doc_id, tree in documents.items():
        for div in tree.iterfind("tei:text/tei:body/tei:div[@xml:lang]", NS):
            text = " ".join((exported.site / "text" / f"{doc_id}.{div.get(XML_LANG)}.txt")
                            .read_text(encoding="utf-8").split())
            position = 0
            for unit in units_in(div):
                reading = _reading(unit)
                found = text.find(reading, position)
                assert found >= 0, f"{doc_id} {unit.get(XML_ID)}: {reading[:60]!r} not in order"
                position = found + len(reading)


def _reading(unit: etree._Element) -> str:
    """The reading text as docs/tei-conventions.md defines it: the witness's supplements
    in its brackets, its gaps as its mark, corrections as corrected, our notes left out."""
    def text(el: etree._Element) -> str:
        name = etree.QName(el).localname
        if name in ("note", "sic", "orig"):
            return ""
        if name == "gap":
            return el.get("rend") or "[…]"
        inner = (el.text or "") + "".join(text(c) + (c.tail or "") for c in el if isinstance(c.tag, str))
        return f"[{inner}]" if name == "supplied" else inner

    return " ".join(text(unit).split())


# ============================================================================ entities

SCHEMA_ORG = {"person": "Person", "place": "Place", "org": "Organization", "event": "Event"}


def test_entities_are_schema_org_records_of_the_whole_register(
        exported: Exported, registers: etree._ElementTree) -> None:
    data = exported.json("entities.jsonld")
    assert data["@context"]["@vocab"] == "https://schema.org/"
    graph = {item["@id"]: item for item in data["@graph"]}
    records = registers.xpath("/tei:TEI/tei:standOff/*/*[@xml:id]", namespaces=NS)
    assert records and len(graph) == len(records)
    pages = {"person": "persons", "place": "places", "org": "organisations", "event": "events"}
    registry = load_registry(CORPUS / "source" / "registry")
    for record in records:
        kind = etree.QName(record).localname
        item = graph[f"{BASE}{pages[kind]}.html#{record.get(XML_ID)}"]
        assert item["@type"] == SCHEMA_ORG[kind]
        names = {n["@value"] for n in item["name"]} if isinstance(item["name"], list) else {item["name"]}
        assert names & {" ".join(n.xpath("string()").split()) for n in record.xpath("*[@type='preferred']")}
        # sameAs only where the registry has a verified authority identifier
        verified = [a.uri for a in registry[record.get(XML_ID)].authorities if a.verified.strip()]
        assert item.get("sameAs", []) == verified
        for key, tag in (("birthDate", "birth"), ("deathDate", "death")):
            when = record.xpath(f"string(tei:{tag}/@when)", namespaces=NS)
            assert (item[key]["@value"] if key in item else None) == (when or None)
    assert any("sameAs" in item for item in graph.values())
    assert any("sameAs" not in item for item in graph.values())


def test_entities_say_where_the_documents_mention_them(
        exported: Exported, documents: dict[str, etree._ElementTree]) -> None:
    graph = {item["@id"].rsplit("#", 1)[1]: item for item in exported.json("entities.jsonld")["@graph"]}
    for doc_id, tree in documents.items():
        for unit in units(tree):
            named = {r[1:] for el in unit.iter()
                     if isinstance(el.tag, str) and etree.QName(el).localname != "note"
                     and not el.xpath("ancestor::tei:note", namespaces=NS)
                     for r in (el.get("ref") or "").split() if r.startswith("#")}
            for rid in named:
                works = {w["@id"]: w for w in graph[rid]["subjectOf"]}
                page = f"{BASE}documents/{doc_id}.html"
                assert {"@id": f"{page}#{unit.get(XML_ID)}"} in works[page]["hasPart"]


# =========================================================================== citations

def bibtex_entries(text: str) -> dict[str, dict[str, str]]:
    """A small BibTeX reader: @type{key, field = {value} | number | macro, ...}, braces balanced."""
    entries: dict[str, dict[str, str]] = {}
    pos = 0
    while (start := text.find("@", pos)) >= 0:
        head = re.compile(r"@(\w+)\{([^,\s]+),").match(text, start)
        assert head, f"no entry head at {start}"
        key, fields, pos = head.group(2), {"ENTRYTYPE": head.group(1).lower()}, head.end()
        while True:
            m = re.compile(r"\s*(\w+)\s*=\s*").match(text, pos)
            if not m:
                break
            pos = m.end()
            if text[pos] == "{":
                depth, end = 0, pos
                while True:
                    depth += {"{": 1, "}": -1}.get(text[end], 0) if text[end - 1] != "\\" else 0
                    if depth == 0:
                        break
                    end += 1
                fields[m.group(1).lower()], pos = text[pos + 1:end], end + 1
            else:
                value = re.compile(r"[\w-]+").match(text, pos)
                assert value, f"bad value at {pos}"
                fields[m.group(1).lower()], pos = value.group(0), value.end()
            comma = re.compile(r"\s*,").match(text, pos)
            if not comma:
                break
            pos = comma.end()
        close = re.compile(r"\s*\}").match(text, pos)
        assert close, f"entry {key} not closed"
        pos = close.end()
        assert key not in entries, f"duplicate key {key}"
        entries[key] = fields
    return entries


def _sent(tree: etree._ElementTree) -> str:
    return tree.xpath("string(//tei:correspAction[@type='sent']/tei:date/@when)", namespaces=NS)[:10]


def test_csl_json_cites_each_document(exported: Exported, documents: dict[str, etree._ElementTree]) -> None:
    for doc_id, tree in documents.items():
        [item] = exported.json(f"cite/{doc_id}.json")
        assert item["id"] == doc_id and item["type"] == "personal_communication"
        title = one(tree, "//tei:titleStmt/tei:title[@xml:lang='en']").xpath("string()").strip()
        assert item["title"] == title
        written = [a.xpath("string()").strip() for a in tree.iterfind(".//tei:titleStmt/tei:author", NS)]
        # A name in parts (family, given, where the register gives them), else whole.
        assert [a.get("literal") or {f"{a['given']} {a['family']}", f"{a['family']} {a['given']}"}
                & {name} and name for a, name in zip(item["author"], written, strict=True)] == written
        assert item["issued"]["date-parts"] == [[int(p) for p in _sent(tree).split("-")]]
        assert item["URL"] == f"{BASE}documents/{doc_id}.html"
        assert item["language"] == one(tree, "//tei:body/tei:div[@type='edition']").get(XML_LANG)
        assert item["recipient"]


def test_bibtex_cites_each_document_and_the_edition(
        exported: Exported, documents: dict[str, etree._ElementTree]) -> None:
    everything = bibtex_entries((exported.data / "cite" / "edition.bib").read_text(encoding="utf-8"))
    assert sorted(everything) == sorted(documents)
    for doc_id, tree in documents.items():
        [(key, entry)] = bibtex_entries((exported.data / "cite" / f"{doc_id}.bib")
                                        .read_text(encoding="utf-8")).items()
        assert key == doc_id and entry == everything[doc_id]
        assert entry["ENTRYTYPE"] == "misc"
        year, month, day = _sent(tree).split("-")
        assert (entry["year"], entry["day"]) == (year, str(int(day)))
        assert entry["month"] == ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                  "nov", "dec"][int(month) - 1]
        assert entry["url"] == f"{BASE}documents/{doc_id}.html"
        assert entry["title"].strip("{}") == \
            one(tree, "//tei:titleStmt/tei:title[@xml:lang='en']").xpath("string()").strip()


def test_bibtex_escapes_what_latex_would_read_as_commands() -> None:
    from edition.exports.bibtex import _bibtex_escape

    assert _bibtex_escape("50% & $5 #1 a_b {x}") == r"50\% \& \$5 \#1 a\_b \{x\}"


# ============================================================================= sitemap

def test_sitemap_lists_every_page(exported: Exported) -> None:
    sitemap = etree.parse(str(exported.site / "sitemap.xml"))
    locs = [loc.text for loc in sitemap.iterfind("sm:url/sm:loc", NS)]
    pages = sorted(p.relative_to(exported.site).as_posix() for p in exported.site.rglob("*.html")
                   if not p.relative_to(exported.site).as_posix().startswith(("pdf/", "search/")))
    assert "search.html" in pages and "index.html" in pages
    assert sorted(locs) == sorted(BASE + page for page in pages)
    for url in sitemap.iterfind("sm:url", NS):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", url.findtext("sm:lastmod", namespaces=NS))


# ==================================================================== base URL, repeat

def test_base_url_is_one_setting(tmp_path: Path) -> None:
    other = "https://editions.example.net/korea-1951/"
    _, site, _ = _export(tmp_path, other)
    texts = [(site / "sitemap.xml").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (site / "data").rglob("*")
              if p.is_file() and "document" not in p.parts]
    joined = "\n".join(texts)
    assert BASE not in joined
    assert joined.count(other) > 1000
    cmif = etree.parse(str(site / "data" / "cmif.xml"))
    assert one(cmif, "//tei:publicationStmt/tei:idno").text == other + "data/cmif.xml"


def test_exports_are_byte_identical_when_built_twice(tmp_path: Path, exported: Exported) -> None:
    _, site, _ = _export(tmp_path)
    first = {p.relative_to(exported.site): p.read_bytes() for p in exported.site.rglob("*")
             if p.is_file() and p.relative_to(exported.site).parts[0] in ("data", "search", "sitemap.xml")}
    second = {p.relative_to(site): p.read_bytes() for p in site.rglob("*")
              if p.is_file() and p.relative_to(site).parts[0] in ("data", "search", "sitemap.xml")}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_a_second_export_replaces_the_first(tmp_path: Path) -> None:
    project, site, _ = _export(tmp_path)
    stale = site / "data" / "dts" / "navigation" / "gone;down=1.jsonld"
    stale.write_text("{}", encoding="utf-8")
    render_exports(project, site, with_search=False)
    assert not stale.exists()
