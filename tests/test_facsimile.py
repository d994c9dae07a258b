"""Facsimile: page images of a witness -> TEI facsimile, static IIIF tiles, a manifest.

Every image here is SYNTHETIC (tests/synthetic_pages.py draws text on a page with
Pillow); the documents are copies of the project with page images added.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import TEST_SETTINGS, copy_project
from edition.encode import encode
from edition.errors import EditionError
from edition.facsimile import render_facsimiles
from edition.facsimile.manifest import manifest
from edition.facsimile.pages import witness_pages
from edition.facsimile.tiles import tile
from edition.fingerprint import Store
from edition.paths import Project
from edition.validate import validate_paths
from lxml import etree
from PIL import Image
from synthetic_pages import add_paged_document, write_pages, write_pdf

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
BASE = "https://example.org/edition/"


# ------------------------------------------------------------------ finding the pages

def test_pages_follow_file_names_with_numbers_as_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "witness" / "pages"
    for n in (10, 2, 1):
        Image.new("RGB", (100 + n, 200)).save(folder / f"page-{n}.png" if folder.exists()
                                              else _mk(folder) / f"page-{n}.png")
    pages = witness_pages(tmp_path / "doc")
    assert [(p.n, p.source.name, p.width) for p in pages] == [
        (1, "page-1.png", 101), (2, "page-2.png", 102), (3, "page-10.png", 110)]
    assert all(p.name == f"{p.n}-{p.digest[:12]}" for p in pages)


def _mk(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


def test_a_pdf_of_scans_gives_one_page_per_pdf_page_in_place(tmp_path: Path) -> None:
    folder = tmp_path / "doc" / "witness" / "pages"
    write_pages(folder, 1, fmt="TIFF", stem="a-")
    write_pdf(folder / "b.pdf", 2, size=(300, 420))
    pages = witness_pages(tmp_path / "doc")
    assert [(p.n, p.source.name, p.pdf_page, p.width, p.height) for p in pages] == [
        (1, "a-1.tif", None, 1200, 1700), (2, "b.pdf", 0, 300, 420), (3, "b.pdf", 1, 300, 420)]
    assert pages[1].digest != pages[2].digest


def test_a_document_without_pages_has_none(tmp_path: Path) -> None:
    assert witness_pages(tmp_path) == []


@pytest.mark.parametrize("name, data, says", [
    ("notes.txt", b"not a page", "not a page image"),
    ("page-1.jpg", b"\xff\xd8\xff broken", "cannot be read"),
    ("scan.pdf", b"%PDF-1.4 nonsense", "PDF"),
])
def test_what_is_not_a_page_is_refused_naming_the_file(tmp_path: Path, name: str, data: bytes,
                                                       says: str) -> None:
    folder = _mk(tmp_path / "witness" / "pages")
    (folder / name).write_bytes(data)
    with pytest.raises(EditionError) as err:
        witness_pages(tmp_path)
    problem = err.value.problems[0]
    assert problem.file is not None and Path(problem.file).name == name
    assert says in problem.message and problem.hint


# ------------------------------------------------------------------ tiles

def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_tiles_are_exactly_what_info_json_promises(tmp_path: Path) -> None:
    write_pages(tmp_path / "doc" / "witness" / "pages", 1, size=(1300, 1100))
    page = witness_pages(tmp_path / "doc")[0]
    out = tmp_path / "site" / page.name
    tile(page, out, f"{BASE}iiif/doc/{page.name}")
    info = json.loads((out / "info.json").read_text())
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert (info["type"], info["protocol"], info["profile"]) == (
        "ImageService3", "http://iiif.io/api/image", "level0")
    assert (info["id"], info["width"], info["height"]) == (f"{BASE}iiif/doc/{page.name}", 1300, 1100)
    # Every tile a level-0 client may ask for, computed from info.json as the Image API
    # says (region at each scale factor, size w,h), exists and has that size.
    expected = {"info.json", "full/max/0/default.jpg"}
    for spec in info["tiles"]:
        size = spec["width"]
        for factor in spec["scaleFactors"]:
            step = size * factor
            for y in range(0, info["height"], step):
                for x in range(0, info["width"], step):
                    w, h = min(step, info["width"] - x), min(step, info["height"] - y)
                    sw, sh = -(-w // factor), -(-h // factor)
                    if (x, y, w, h) == (0, 0, info["width"], info["height"]):
                        path = f"full/{sw},{sh}/0/default.jpg"
                    else:
                        path = f"{x},{y},{w},{h}/{sw},{sh}/0/default.jpg"
                    expected.add(path)
                    with Image.open(out / path) as image:
                        assert image.size == (sw, sh), path
    for size in info["sizes"]:
        expected.add(f"full/{size['width']},{size['height']}/0/default.jpg")
    assert _files(out) == expected
    with Image.open(out / "full/max/0/default.jpg") as whole:
        assert whole.size == (1300, 1100)
    # A JPEG scan is published as it is, not compressed again.
    assert (out / "full/max/0/default.jpg").read_bytes() == page.source.read_bytes()


def test_unchanged_pages_are_linked_from_the_last_site_not_tiled_again(tmp_path: Path) -> None:
    write_pages(tmp_path / "doc" / "witness" / "pages", 1, fmt="PNG")
    page = witness_pages(tmp_path / "doc")[0]
    store = Store(tmp_path / "cache")
    first = tmp_path / "one" / page.name
    assert tile(page, first, "https://a/1", store=store) is False
    second = tmp_path / "two" / page.name
    assert tile(page, second, "https://b/1", previous=first, store=store) is True
    tile_file = next(p for p in first.rglob("default.jpg"))
    assert (second / tile_file.relative_to(first)).stat().st_ino == tile_file.stat().st_ino
    assert _files(first) == _files(second)
    assert json.loads((second / "info.json").read_text())["id"] == "https://b/1"
    # Without the store's key the previous folder proves nothing: tiled again.
    third = tmp_path / "three" / page.name
    assert tile(page, third, "https://c/1", previous=first, store=Store(tmp_path / "other")) is False
    # A missing file in the previous folder: tiled again, not half reused.
    tile_file.unlink()
    fourth = tmp_path / "four" / page.name
    assert tile(page, fourth, "https://d/1", previous=first, store=store) is False
    assert _files(fourth) == _files(second)


# ------------------------------------------------------------------ TEI

@dataclass(frozen=True)
class Paged(Project):
    paged: str = ""  # the document with page images


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Paged:
    """A copy of the project one of whose documents has three synthetic pages, page
    beginnings and a zone (synthetic_pages.add_paged_document), encoded."""
    project = copy_project(tmp_path_factory.mktemp("paged"), TEST_SETTINGS)
    doc_id = add_paged_document(project)
    result = encode(project)
    assert not result.failed, result.problems
    return Paged(project.root, doc_id)


def _tei(project: Project, doc_id: str) -> etree._Element:
    return etree.parse(str(project.tei / f"{doc_id}.xml")).getroot()


def test_the_facsimile_has_a_surface_per_page_with_its_graphic(paged: Project) -> None:
    doc_id = paged.paged
    root = _tei(paged, doc_id)
    pages = witness_pages(paged.documents / doc_id)
    surfaces = root.findall(f"{TEI}facsimile/{TEI}surface")
    assert [s.get(XML_ID) for s in surfaces] == ["page.1", "page.2", "page.3"]
    for surface, page in zip(surfaces, pages, strict=True):
        graphic = surface.find(f"{TEI}graphic")
        assert graphic.get("url") == f"../iiif/{doc_id}/{page.name}/full/max/0/default.jpg"
        assert (graphic.get("width"), graphic.get("height")) == (f"{page.width}px", f"{page.height}px")
        assert (surface.get("lrx"), surface.get("lry")) == (str(page.width), str(page.height))
    assert [z.get(XML_ID).split(".")[1] for z in root.iter(f"{TEI}zone")] == ["2"]


def test_units_point_at_their_page_from_the_editors_marks_only(paged: Project) -> None:
    doc_id = paged.paged
    root = _tei(paged, doc_id)
    ru, en = root.findall(f".//{TEI}div[@{XML_ID}]")[:2]
    pbs = list(ru.iter(f"{TEI}pb"))
    assert [(pb.get("n"), pb.get("facs")) for pb in pbs] == [("1", "#page.1"), ("2", "#page.2"),
                                                             ("3", "#page.3")]
    units = [u for u in ru.iter() if u.get(XML_ID) and u.get("n")]
    assert all(u.get("facs") for u in units)
    zoned = [u for u in units if u.get("facs").count(".") == 2]
    assert [u.get("facs") for u in zoned] == [f"#page.2.{zoned[0].get(XML_ID)}"]
    # The translation has no marks: none of its units claims a page.
    assert not [u for u in en.iter() if u.get("facs")]


def test_the_tei_with_a_facsimile_validates(paged: Project) -> None:
    files = [paged.tei / f"{d}.xml" for d in paged.document_ids()]
    assert validate_paths(files) == []


def test_documents_without_images_keep_their_tei_byte_for_byte(paged: Paged, tmp_path: Path) -> None:
    plain = copy_project(tmp_path, TEST_SETTINGS)
    assert not encode(plain).failed
    others = [d for d in paged.document_ids() if d != paged.paged]
    assert others
    for doc_id in others:
        assert (paged.tei / f"{doc_id}.xml").read_bytes() == (plain.tei / f"{doc_id}.xml").read_bytes()


def test_a_mark_naming_a_missing_page_is_an_editors_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    doc = project.documents / project.document_ids()[0]
    write_pages(doc / "witness" / "pages", 1)
    text = (doc / "ru.txt").read_text(encoding="utf-8")
    first = next(i for i, line in enumerate(text.split("\n")) if line.strip() and not line.startswith("#"))
    lines = text.split("\n")
    lines.insert(first, "pb | 2")
    (doc / "ru.txt").write_text("\n".join(lines), encoding="utf-8")
    before = (project.tei / f"{doc.name}.xml").read_bytes()
    result = encode(project)
    problem = result.failed[doc.name][0]
    assert Path(problem.file).name == "ru.txt" and problem.line == first + 1
    assert "page 2" in problem.message and "1 page image" in problem.message
    assert (project.tei / f"{doc.name}.xml").read_bytes() == before


# ------------------------------------------------------------------ manifest and site files

def test_the_manifest_is_a_valid_presentation_3_manifest(paged: Project, tmp_path: Path) -> None:
    from iiif_prezi3 import Manifest

    doc_id = paged.paged
    site = tmp_path / "site"
    report = render_facsimiles(paged, site, BASE)
    assert (report.documents, report.pages, report.tiled) == (1, 3, 3)
    data = json.loads((site / "iiif" / doc_id / "manifest.json").read_text())
    Manifest.model_validate(data)  # iiif-prezi3's models of Presentation 3.0
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert data["id"] == f"{BASE}iiif/{doc_id}/manifest.json"
    assert set(data["label"]) >= {"en"} and data["metadata"]
    assert data["seeAlso"][0]["id"] == f"{BASE}tei/{doc_id}.xml"
    assert data["rights"].startswith("http://creativecommons.org/")
    pages = witness_pages(paged.documents / doc_id)
    canvases = data["items"]
    assert [c["id"] for c in canvases] == [f"{BASE}iiif/{doc_id}/canvas/{n}" for n in (1, 2, 3)]
    for canvas, page in zip(canvases, pages, strict=True):
        body = canvas["items"][0]["items"][0]["body"]
        service = body["service"][0]
        assert (canvas["width"], canvas["height"]) == (page.width, page.height)
        assert service["id"] == f"{BASE}iiif/{doc_id}/{page.name}"
        # the service and the image are files of the site, at the place their ids say
        local = site / service["id"].removeprefix(BASE)
        assert json.loads((local / "info.json").read_text())["id"] == service["id"]
        assert (site / body["id"].removeprefix(BASE)).is_file()
    assert (site / "assets" / "openseadragon" / "openseadragon.min.js").is_file()


def test_a_manifest_is_built_from_any_tei_with_a_facsimile(paged: Project) -> None:
    doc_id = paged.paged
    root = _tei(paged, doc_id)
    for el in root.findall(f".//{TEI}licence"):
        el.getparent().remove(el)
    data = manifest(root, doc_id, BASE)
    assert "rights" not in data and len(data["items"]) == 3


def test_a_site_without_images_gets_no_facsimile_files(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    report = render_facsimiles(project, tmp_path / "site", BASE)
    assert report.documents == 0
    assert not (tmp_path / "site").exists()


def test_changed_pages_without_re_encoding_are_reported(paged: Project, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    shutil.rmtree(project.tei)
    shutil.copytree(paged.tei, project.tei)
    with pytest.raises(EditionError) as err:
        render_facsimiles(project, tmp_path / "site", BASE)
    assert "edition encode" in err.value.problems[0].hint


def test_pages_of_documents_without_images_are_byte_for_byte_unchanged(paged: Paged, tmp_path: Path) -> None:
    from edition.html import render_site

    plain = copy_project(tmp_path / "plain", TEST_SETTINGS)
    assert not encode(plain).failed
    site_plain = render_site(plain, tmp_path / "site-plain")
    site_paged = render_site(paged, tmp_path / "site-paged")
    render_facsimiles(paged, site_paged, BASE)

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    before, after = files(site_plain), files(site_paged)
    own = {f"documents/{paged.paged}.html", f"tei/{paged.paged}.xml"}
    viewer = {"assets/facsimile.js", "assets/facsimile.css", "assets/openseadragon/openseadragon.min.js",
              "assets/openseadragon/LICENSE.txt"}
    added = {name for name in after if name.startswith(f"iiif/{paged.paged}/")}
    assert set(after) == set(before) | added | viewer
    changed = {name for name in before if before[name] != after[name]}
    assert changed <= own  # the document with images; nothing else moved by a byte


def test_a_publishers_manifest_is_recorded_and_linked_not_loaded(tmp_path: Path) -> None:
    from edition.html import Settings, document_page

    project = copy_project(tmp_path, TEST_SETTINGS)
    doc_id = project.document_ids()[0]
    meta = project.documents / doc_id / "metadata.toml"
    url = "https://iiif.example.net/records/17/manifest.json"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("[witness]\n", f'[witness]\niiif_manifest = "{url}"\n', 1), encoding="utf-8")
    result = encode(project)
    assert not result.failed, result.problems
    root = _tei(project, doc_id)
    assert [p.get("target") for p in root.iter(f"{TEI}ptr") if p.get("type") == "iiif-manifest"] == [url]
    assert root.find(f"{TEI}facsimile") is None
    page = document_page(project.tei / f"{doc_id}.xml", Settings.load(project))
    tree = etree.HTML(page.encode("utf-8"))
    assert tree.xpath("//section[@id='facsimile']//a/@href") == [url]
    assert not [e for e in tree.iter("img", "script") if url in (e.get("src") or "")]


# ------------------------------------------------------------------ PDF appendix

def test_the_pdf_has_no_facsimile_unless_the_edition_asks(paged: Paged) -> None:
    from edition.pdf import STYLESHEET, _edition_params
    from edition.xsltrun import transform

    params = _edition_params(paged)
    assert params["facsimile"] == "none" and "facsimile-images" not in params
    html = transform(STYLESHEET, (paged.tei / f"{paged.paged}.xml").resolve(), params=params)
    assert "facsimile-appendix" not in html and "<img" not in html


def test_pdf_facsimile_pages_puts_each_page_image_on_a_page_after_the_text(paged: Paged,
                                                                           tmp_path: Path) -> None:
    from edition.pdf import render_pdfs
    from pypdf import PdfReader

    project = copy_project(tmp_path / "p", TEST_SETTINGS)
    shutil.rmtree(project.source)
    shutil.copytree(paged.source, project.source)
    shutil.rmtree(project.tei)
    shutil.copytree(paged.tei, project.tei)
    settings = project.edition_file.read_text(encoding="utf-8")
    project.edition_file.write_text(
        settings.replace("[edition]\n", '[edition]\npdf_facsimile = "pages"\n', 1), encoding="utf-8")
    [result] = render_pdfs(project, tmp_path / "pdf", documents=[paged.paged], volume=False)
    reader = PdfReader(result.path)
    pages = witness_pages(project.documents / paged.paged)
    # Which page shows which image, as poppler's pdfimages reads the drawn page content.
    listing = subprocess.run(["pdfimages", "-list", str(result.path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    found = [(int(cols[0]) - 1, (int(cols[3]), int(cols[4]))) for cols in map(str.split, listing)]
    assert [size for _, size in found] == [(p.width, p.height) for p in pages]
    numbers = [n for n, _ in found]
    assert len(set(numbers)) == len(numbers)  # one to a page
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))  # consecutive, after the text
    assert "Facsimile" in reader.pages[numbers[0]].extract_text()


# ------------------------------------------------------------------ import

def test_import_takes_the_page_images_given_beside_the_record(tmp_path: Path) -> None:
    from edition.importer import import_records
    from import_records import TODAY, new_project, record, write_record

    project = new_project(tmp_path / "project")
    path = write_record(tmp_path, record(), name="record.txt")
    write_pages(tmp_path, 2, stem="record-")          # record-1.jpg, record-2.jpg: its pages
    write_pages(tmp_path, 1, stem="other-")           # another record's page: not taken
    [item] = import_records(project, [path], today=TODAY)
    folder = project.documents / item.doc_id / "witness" / "pages"
    assert sorted(p.name for p in folder.iterdir()) == ["record-1.jpg", "record-2.jpg"]
    assert (folder / "record-1.jpg").read_bytes() == (tmp_path / "record-1.jpg").read_bytes()
    assert "2 page image file(s) beside the record" in item.report
    assert [p.n for p in witness_pages(project.documents / item.doc_id)] == [1, 2]


def test_import_refuses_an_unreadable_page_image_naming_it(tmp_path: Path) -> None:
    from edition.importer import import_records
    from import_records import TODAY, new_project, record, write_record

    project = new_project(tmp_path / "project")
    path = write_record(tmp_path, record(), name="record.txt")
    (tmp_path / "record-1.png").write_bytes(b"\x89PNG broken")
    with pytest.raises(EditionError) as err:
        import_records(project, [path], today=TODAY)
    assert Path(err.value.problems[0].file).name == "record-1.png"
    assert not list(project.documents.glob("*/witness/pages"))
