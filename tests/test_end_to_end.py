"""A new document, added by files only, goes all the way: source/documents/<id>/ ->
`edition encode` -> valid TEI -> HTML page -> PDF -> every export.

The document is synthetic (invented for the test, in a copy of the project): what an
editor following docs/adding-a-document.md writes, and nothing else. The search tests
(tests/test_search_browser.py) reuse the same copy.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CORPUS, TEST_SETTINGS
from edition.encode import encode_documents
from edition.exports import ExportReport, render_exports
from edition.html import render_site
from edition.paths import Project
from edition.pdf import render_pdfs
from edition.validate import validate_paths
from lxml import etree
from pypdf import PdfReader

NEW_ID = "1951-07-06-test-to-filippov"
NS = {"tei": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace",
      "sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# What `edition new` scaffolds and an editor fills in (docs/source-format.md). Facts are
# invented for the test and marked as such; no field is guessed for the real documents.
NEW_META = """date = "1951-07-06"
languages = ["ru", "en"]
original = "ru"
answers = "1951-07-03-filippov-to-mao"

[title]
en = "A synthetic test telegram to Filippov, 6 July 1951"
ru = "Синтетическая тестовая телеграмма Филиппову, 6 июля 1951 г."

[witness]
publisher = "Test Archive"
title = "Synthetic test telegram"
date = "July 6, 1951"

[sent]
persons = ["mao-zedong"]
place = "beijing"
date = "1951-07-06"

[received]
persons = ["stalin"]

[keywords]
en = ["Test"]

[[responsibility]]
what = "Texts"
who = "Test Archive"

[[responsibility]]
what = "Encoding"
who = "edition"

[[change]]
when = "1951-07-06"
what = "Synthetic test document."
"""
NEW_RU = """salute @salute | Товарищ Филиппов!
p @report | Сообщаю товарищу Филиппову, что наши представители прибыли в Кэсон.
p @end | Прошу ответить ещё сегодня.
signed @signed | МАО ЦЗЭДУН
"""
NEW_EN = """salute @salute | Comrade Filippov!
p @report | I report to Comrade Filippov that our representatives have arrived in Kaesong.
p @end | Please answer today.
signed @signed | MAO ZEDONG
"""


@dataclass(frozen=True)
class NewDocumentEdition:
    project: Project
    encoded: list[str]
    site: Path
    exports: ExportReport


def add_new_document(project: Project) -> Path:
    folder = project.documents / NEW_ID
    folder.mkdir()
    (folder / "metadata.toml").write_text(NEW_META, encoding="utf-8")
    (folder / "ru.txt").write_text(NEW_RU, encoding="utf-8")
    (folder / "en.txt").write_text(NEW_EN, encoding="utf-8")
    return folder


def build_with_new_document(folder: Path) -> NewDocumentEdition:
    """A copy of the project with the new document: encoded into its tei/, rendered as a
    site with every export and the search index."""
    for name in ("source", "tei"):
        shutil.copytree(CORPUS / name, folder / name)
    shutil.copyfile(TEST_SETTINGS, folder / "source" / "edition.toml")
    (folder / "pyproject.toml").write_text("")
    project = Project(folder)
    add_new_document(project)
    encoded = [str(line) for line in encode_documents(project)]
    site = render_site(project)
    return NewDocumentEdition(project, encoded, site, render_exports(project, site))


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> NewDocumentEdition:
    return build_with_new_document(tmp_path_factory.mktemp("end-to-end"))


def test_the_encoder_writes_valid_tei_for_the_new_document(edition: NewDocumentEdition) -> None:
    tei = edition.project.tei / f"{NEW_ID}.xml"
    assert tei.is_file()
    assert any(NEW_ID in line for line in edition.encoded)
    assert validate_paths([tei, *edition.project.tei_documents(), edition.project.registers_file]) == []
    tree = etree.parse(str(tei))
    assert tree.find(".//tei:p[@xml:id='ru-report']", NS).get("corresp") == "#en-report"
    refs = {el.get("ref") for el in tree.iterfind(".//tei:text//*[@ref]", NS)}
    assert {"#stalin", "#kaesong", "#mao-zedong"} <= refs
    # the document it answers now points to it
    answered = etree.parse(str(edition.project.tei / "1951-07-03-filippov-to-mao.xml"))
    assert answered.find(".//tei:correspContext/tei:ref[@type='next']", NS).get("target") == f"{NEW_ID}.xml"


def test_the_site_has_a_page_for_it(edition: NewDocumentEdition) -> None:
    page = edition.site / "documents" / f"{NEW_ID}.html"
    html = etree.parse(str(page), etree.HTMLParser())
    for unit in ("ru-report", "en-report", "ru-signed", "en-signed"):
        assert html.xpath(f"//*[@id='{unit}']"), unit
    text = " ".join(html.xpath("string(//body)").split())
    assert "Сообщаю товарищу Филиппову" in text and "arrived in Kaesong" in text
    index = (edition.site / "index.html").read_text(encoding="utf-8")
    assert f"documents/{NEW_ID}.html" in index


def test_it_prints_as_a_pdf(edition: NewDocumentEdition, tmp_path: Path) -> None:
    [pdf] = render_pdfs(edition.project, tmp_path, documents=[NEW_ID], volume=False)
    assert pdf.path == tmp_path / f"{NEW_ID}.pdf" and pdf.pages >= 1
    reader = PdfReader(str(pdf.path))
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    assert "Филиппову" in text and "Kaesong" in text
    assert len(reader.pages) == pdf.pages


def test_every_export_includes_it(edition: NewDocumentEdition) -> None:
    data = edition.site / "data"
    cmif = etree.parse(str(data / "cmif.xml"))
    [desc] = cmif.xpath(f"//tei:correspDesc[@key='{NEW_ID}']", namespaces=NS)
    assert desc.xpath("string(tei:correspAction[@type='sent']/tei:date/@when)", namespaces=NS) == "1951-07-06"
    collection = json.loads((data / "dts" / "collection.jsonld").read_text(encoding="utf-8"))
    assert NEW_ID in [m["@id"] for m in collection["member"]]
    navigation_file = data / "dts" / "navigation" / f"{NEW_ID};down=-1.jsonld"
    navigation = json.loads(navigation_file.read_text(encoding="utf-8"))
    assert {"ru-report", "en-report"} <= {m["identifier"] for m in navigation["member"]}
    assert (data / "dts" / "document" / f"{NEW_ID};ref=ru-report.xml").is_file()
    entities = json.loads((data / "entities.jsonld").read_text(encoding="utf-8"))
    kaesong = next(item for item in entities["@graph"] if item["@id"].endswith("#kaesong"))
    page = next(w for w in kaesong["subjectOf"] if w["@id"].endswith(f"documents/{NEW_ID}.html"))
    assert {p["@id"].rsplit("#", 1)[1] for p in page["hasPart"]} == {"ru-report", "en-report"}
    [csl] = json.loads((data / "cite" / f"{NEW_ID}.json").read_text(encoding="utf-8"))
    assert csl["issued"] == {"date-parts": [[1951, 7, 6]]}
    assert f"@misc{{{NEW_ID}," in (data / "cite" / "edition.bib").read_text(encoding="utf-8")
    for lang in ("ru", "en"):
        assert (edition.site / "text" / f"{NEW_ID}.{lang}.txt").is_file()
    sitemap = etree.parse(str(edition.site / "sitemap.xml"))
    assert any(loc.text.endswith(f"documents/{NEW_ID}.html") for loc in sitemap.iterfind("sm:url/sm:loc", NS))
    bundles = edition.site / "search" / "pagefind"
    assert {p.name for p in bundles.iterdir()} == {"ru", "en"}
