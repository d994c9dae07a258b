"""The exports as the clients that consume them read them (docs/exports.md, "Tested with"):
correspSearch's submission check and the CMIF schema on data/cmif.xml; the DTS reference
validator against the static API served on 127.0.0.1; dapytains, the DTS reference
implementation, on our TEI; the JSON-LD expanded by rdflib.

The validators are the ones vendored in ../shared/vendor (tests/vendored.py runs them);
a test skips, saying why, when they are not there. The site is built once for this module
from the tests' copy of the edition (tests/fixtures/corpus), with base_url set to the
address it is served at, so that a client can follow every link the exports give.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
import requests
from conftest import CORPUS, REPO, make_project
from edition.documents import load_documents, load_registers
from edition.exports import ExportReport, render_exports
from edition.exports.cmif import missing_authorities
from edition.html import render_site
from edition.paths import Project
from edition.serve import make_server
from lxml import etree
from uritemplate import URITemplate
from vendored import VENDOR, need, schxslt

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS}
# rdflib's JSON-LD parser warns about its own use of ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


@dataclass(frozen=True)
class Served:
    project: Project
    site: Path
    report: ExportReport
    base: str  # base_url, where the site is served

    @property
    def cmif(self) -> Path:
        return self.site / "data" / "cmif.xml"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("clients")
    project = make_project(folder, CORPUS / "tei")
    site = folder / "build" / "site"
    site.mkdir(parents=True)
    server = make_server(site, 0)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    settings = project.edition_file.read_text(encoding="utf-8")
    project.edition_file.write_text(re.sub(r'(?m)^base_url = ".*"$', f'base_url = "{base}"', settings),
                                    encoding="utf-8")
    render_site(project, site)
    report = render_exports(project, site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Served(project, site, report, base)
    finally:
        server.shutdown()
        server.server_close()


# ============================================================================ CMIF

def test_cmif_is_valid_against_the_cmif_schema(served: Served) -> None:
    schema = etree.RelaxNG(etree.parse(str(need(VENDOR / "cmif" / "cmi-customization.rng"))))
    document = etree.parse(str(served.cmif))
    assert schema.validate(document), schema.error_log


def test_correspsearch_check_finds_no_error(served: Served) -> None:
    """correspSearch's own submission check: errors (E…) refuse the file; its warnings
    (W…) say what correspSearch cannot use. The only warning allowed is for an authority
    file it does not know, and the register has none such in correspAction (see below)."""
    findings = schxslt(need(VENDOR / "cmif" / "correspsearch-check.sch"), served.cmif)
    errors = [f for f in findings if f.role == "error" or f.text.startswith("[E")]
    assert errors == []
    assert [f for f in findings if f.text.startswith("[W")] == []


def test_cmif_v2_statements_use_the_prefix_correspsearch_keeps(served: Served) -> None:
    """correspSearch's ingest keeps a correspDesc/note statement only where ref/@type is
    written "cmif:…"; the language is a URL (its check refuses a bare code)."""
    root = etree.parse(str(served.cmif))
    types = {r.get("type") for r in root.iterfind(".//tei:correspDesc/tei:note/tei:ref", NS)}
    assert types and all(t.startswith("cmif:") for t in types), types
    languages = root.xpath("//tei:ref[@type='cmif:hasLanguage']/@target", namespaces=NS)
    assert languages and all(re.fullmatch(r"http://id\.loc\.gov/vocabulary/iso639-[12]/[a-z]{2,3}", t)
                             for t in languages), languages


def test_cmif_gives_only_authority_ids_correspsearch_accepts(served: Served) -> None:
    root = etree.parse(str(served.cmif))
    names = "//tei:correspAction/*[self::tei:persName or self::tei:orgName]/@ref"
    for ref in root.xpath(names, namespaces=NS):
        assert all(re.match(r"https?://(d-nb\.info/gnd/|viaf\.org/viaf/|catalogue\.bnf\.fr/|lccn\.loc\.gov/|"
                            r"id\.ndl\.go\.jp/)", u) for u in ref.split()), ref
    for ref in root.xpath("//tei:correspAction/tei:placeName/@ref", namespaces=NS):
        assert all(re.match(r"https?://(www|sws)\.geonames\.org/\d+", u) for u in ref.split()), ref


def test_each_correspondent_without_an_accepted_id_is_a_warning(served: Served) -> None:
    root = etree.parse(str(served.cmif))
    bare = {el.text for el in root.iterfind(".//tei:correspAction/*", NS)
            if etree.QName(el).localname in ("persName", "orgName", "placeName") and not el.get("ref")
            and el.text != "Unknown"}
    warned = "\n".join(w for w in served.report.warnings if w.startswith("warning: cmif:"))
    for name in bare:
        assert name in warned, name


def test_a_correspondent_loses_its_accepted_id_and_the_editor_is_warned(served: Served) -> None:
    """Without its VIAF id, a sender is written without @ref, and the warning names the
    record and the registry file to put a verified one in."""
    docs = load_documents(served.project)
    records = dict(load_registers(served.project, docs))
    sender = next(r for d in docs for a in d.actions if a.type == "sent" for p in a.persons for r in p.refs)
    records[sender] = dataclasses.replace(records[sender], authorities=("https://viaf.org/viaf/1",))
    assert not [w for w in missing_authorities(docs, records) if f"({sender})" in w]
    records[sender] = dataclasses.replace(records[sender], authorities=("http://www.wikidata.org/entity/Q1",))
    warning = next(w for w in missing_authorities(docs, records) if f"({sender})" in w)
    assert "VIAF, GND" in warning and "source/registry/persons.toml" in warning


# ============================================================================= DTS

# The validator's checks that need `start`/`end` (ranges): the specification's conformance
# section exempts level 0 (static files) from ranges, the validator does not. Only these
# may fail, and only for that reason.
RANGE_CHECKS = {
    "test_json_response_uri_templates[None]": "Parameter `start` must be contained",
    "test_readable_collection_response_additional_required_properties[None]":
        "Parameter `start` must be contained",
    "test_navigation_range_response_validity[None]": "",  # asks for a range: 404, no response to check
}


def run_dts_validator(served: Served, resource: str, report: Path) -> dict[str, str]:
    """Run the vendored validator's test suite against the served API for one document;
    the failures it reports, by test name, with their messages."""
    validator = need(VENDOR / "dts-validator")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(validator), str(REPO / "tests")]),
           "PYTHONDONTWRITEBYTECODE": "1", "EDITION_DTS_RESOURCE": resource}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", str(validator / "tests"), "-q", "-o", "log_cli=false",
         "--entry-endpoint", f"{served.base}data/dts/entry.jsonld", "-p", "dts_validator_plugin",
         "-p", "no:cacheprovider", "-p", "no:playwright", "--junitxml", str(report)],
        env=env, capture_output=True, text=True, timeout=300, check=False)
    assert report.is_file(), done.stdout[-2000:] + done.stderr[-2000:]
    cases = list(etree.parse(str(report)).iter("testcase"))
    assert len(cases) > 20, "the validator ran its checks"
    failed = {}
    for case in cases:
        for outcome in ("failure", "error"):
            if case.find(outcome) is not None:
                failed[case.get("name")] = case.find(outcome).get("message") or ""
    return failed


def test_the_dts_reference_validator_passes_but_for_ranges(served: Served, tmp_path: Path) -> None:
    root = json.loads((served.site / "data" / "dts" / "collection.jsonld").read_text(encoding="utf-8"))
    resources = [m["@id"] for m in root["member"]]
    assert resources
    for resource in resources:
        failures = run_dts_validator(served, resource, tmp_path / f"{resource}.xml")
        unexpected = {name: message for name, message in failures.items()
                      if name not in RANGE_CHECKS or RANGE_CHECKS[name] not in message}
        assert not unexpected, (resource, unexpected)


def test_every_navigation_call_the_templates_allow_answers(served: Served) -> None:
    """Every (ref, down) a client can build from a Resource's template, with the
    identifiers the API lists and `down` within the depth of the citation tree it
    declares (-1, 0 … depth; without ref 1 … depth and -1), answers 200 over HTTP."""
    root = json.loads((served.site / "data" / "dts" / "collection.jsonld").read_text(encoding="utf-8"))
    checked = 0
    for member in root["member"]:
        template = URITemplate(member["navigation"])
        structure = member["citationTrees"][0]["citeStructure"]
        depth = 1 + max((_cite_depth(s) for s in structure), default=0)
        whole = requests.get(template.expand(resource=member["@id"], down=-1), timeout=10).json()
        calls = [{"down": d} for d in [*range(1, depth + 1), -1]]
        for unit in whole["member"]:
            calls += [{"ref": unit["identifier"]}]
            calls += [{"ref": unit["identifier"], "down": d} for d in [*range(0, depth + 1), -1]]
        for values in calls:
            # As strings: uritemplate expands the integer 0 as if it were empty (";down").
            url = template.expand(resource=member["@id"], **{k: str(v) for k, v in values.items()})
            answer = requests.get(url, timeout=10)
            assert answer.status_code == 200, url
            checked += 1
    assert checked > 100


def _cite_depth(structure: dict[str, object]) -> int:
    children = structure.get("citeStructure") or []
    return 1 + max((_cite_depth(c) for c in children), default=0) if children else 0


def test_dts_responses_read_as_linked_data_give_each_resource_one_absolute_iri(served: Served) -> None:
    """Expanded as JSON-LD (rdflib; DTS's remote context replaced by its vocabulary, since
    tests make no network request), every subject is an absolute IRI, and a document is
    the same IRI in the collection and in each navigation response."""
    dts = served.site / "data" / "dts"
    files = [dts / "collection.jsonld", *sorted((dts / "collection").glob("*.jsonld")),
             *sorted((dts / "navigation").glob("*;down=-1.jsonld"))]
    resources: dict[str, set[str]] = {}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        context = data["@context"]
        assert isinstance(context, list) and context[1]["@base"] == f"{served.base}data/dts/"
        data["@context"] = [{"@vocab": "https://w3id.org/api/dts#"}, context[1]]
        graph = rdflib.Graph().parse(data=json.dumps(data), format="json-ld", base=path.as_uri())
        subjects = {str(s) for s in graph.subjects() if isinstance(s, rdflib.URIRef)}
        assert subjects and all(s.startswith(served.base) for s in subjects), (path.name, subjects)
        for member in [data.get("resource"), *data.get("member", [])]:
            if isinstance(member, dict) and member.get("@type") == "Resource":
                iri = next(s for s in subjects if s.endswith("/" + member["@id"]))
                resources.setdefault(member["@id"], set()).add(iri)
    assert resources
    assert all(len(iris) == 1 for iris in resources.values()), resources


# ======================================================================== dapytains

DAPYTAINS = REPO / ".venv-dapytains" / "bin" / "python"


def test_dapytains_builds_our_citation_tree_and_serves_our_passages(served: Served) -> None:
    """dapytains (the DTS reference implementation, PyPI), given our TEI, reads the
    refsDecl/citeStructure and builds the tree of the static API: the same identifiers,
    levels, parents, unit names and kinds; and the passage it serves for each unit has
    the text of our document endpoint's passage."""
    if not DAPYTAINS.exists():
        pytest.skip("dapytains' environment (.venv-dapytains) is missing: run scripts/setup.sh --test")
    files = served.project.tei_documents()
    done = subprocess.run([str(DAPYTAINS), str(REPO / "tests" / "dapytains_tree.py"), *map(str, files)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    theirs = json.loads(done.stdout)
    dts = served.site / "data" / "dts"
    for path in files:
        read = theirs[str(path)]
        ours = json.loads((dts / "navigation" / f"{path.stem};down=-1.jsonld").read_text(encoding="utf-8"))
        assert [(u["identifier"], u["level"], u["parent"], u["citeType"],
                 u["dublinCore"]["http://purl.org/dc/terms/type"]) for u in read["tree"]] == \
            [(u["identifier"], u["level"], u["parent"], u["citeType"], [u["dublinCore"]["type"]])
             for u in ours["member"]]
        structure = ours["resource"]["citationTrees"][0]["citeStructure"]
        assert _cite_types(structure) == _cite_types([read["citeStructure"]])
        for unit in ours["member"]:
            passage = etree.parse(str(dts / "document" / f"{path.stem};ref={unit['identifier']}.xml"))
            text = " ".join("".join(passage.find(".//{https://w3id.org/api/dts#}wrapper").itertext()).split())
            assert read["passages"][unit["identifier"]] == text, unit["identifier"]


def _cite_types(structures: list[dict[str, object]]) -> list[object]:
    return [(s["citeType"], _cite_types(s.get("citeStructure") or [])) for s in structures]


# ========================================================================= JSON-LD

def test_entities_expand_to_absolute_iris_typed_dates_and_linked_authorities(served: Served) -> None:
    """data/entities.jsonld read as RDF (rdflib's JSON-LD parser; the context is inline):
    every record is an absolute IRI under base_url (none is a blank node),
    life dates are xsd dates, and sameAs links to IRIs, never to strings."""
    path = served.site / "data" / "entities.jsonld"
    data = json.loads(path.read_text(encoding="utf-8"))
    graph = rdflib.Graph().parse(data=json.dumps(data), format="json-ld", base="http://wrong.invalid/")
    schema = rdflib.Namespace("https://schema.org/")
    kinds = [schema.Person, schema.Place, schema.Organization, schema.Event]
    records = {s for kind in kinds for s in graph.subjects(rdflib.RDF.type, kind)}
    assert len(records) == len(data["@graph"])
    assert all(isinstance(s, rdflib.URIRef) and str(s).startswith(served.base) for s in records)
    dates = [o for p in (schema.birthDate, schema.deathDate) for o in graph.objects(None, p)]
    assert dates, "the registers give life dates"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    types = (xsd + "date", xsd + "gYearMonth", xsd + "gYear")
    assert all(isinstance(d, rdflib.Literal) and str(d.datatype) in types for d in dates)
    same = list(graph.objects(None, schema.sameAs))
    assert all(isinstance(o, rdflib.URIRef) for o in same)
    assert len(same) == sum(len(item.get("sameAs", [])) for item in data["@graph"])
