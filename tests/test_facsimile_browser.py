"""The facsimile view in Chromium: page images beside the text, zoom, page navigation,
unit<->page sync, keyboard, 375 px, accessibility, and no request outside the site.

The site is a copy of the project whose longest document has three SYNTHETIC page images
(tests/synthetic_pages.py: text drawn with Pillow), page beginnings and one zone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import TEST_SETTINGS, BuiltSite, _serve, copy_project
from edition.encode import encode
from edition.facsimile import render_facsimiles
from edition.html import Settings, render_site
from playwright.sync_api import Page
from synthetic_pages import add_paged_document
from test_site_browser import _csp_violations, open_page  # noqa: F401  (a fixture)

TILE = re.compile(r"/iiif/[^/]+/[^/]+/(\d+),(\d+),(\d+),(\d+)/(\d+),(\d+)/0/default\.jpg$")


@pytest.fixture(scope="module")
def facsimile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuiltSite, str]]:
    project = copy_project(tmp_path_factory.mktemp("facsimile-project"), TEST_SETTINGS)
    doc_id = add_paged_document(project)
    result = encode(project)
    assert not result.failed, result.problems
    site = render_site(project, tmp_path_factory.mktemp("facsimile-site") / "site")
    render_facsimiles(project, site, Settings.load(project).base_url)
    for built in _serve(BuiltSite("facsimile", project, site, 0.0)):
        yield built, doc_id


def _open(open_page, facsimile_site, width: int = 1280) -> tuple[Page, object]:  # noqa: F811
    site, doc_id = facsimile_site
    page, watch = open_page(f"{site.url}documents/{doc_id}.html", width=width)
    page.get_by_role("radio", name="Facsimile").check()
    page.wait_for_selector(".facsimile.facs-ready .openseadragon-canvas")
    page.wait_for_function("() => [...document.querySelectorAll('.facs-viewer canvas')]"
                           ".some(c => c.width > 0)")
    page.wait_for_load_state("networkidle")
    return page, watch


def _status(page: Page) -> str:
    return page.inner_text(".facs-status")


def _wait_page(page: Page, n: int) -> None:
    page.wait_for_function("() => document.querySelector('.facs-status').textContent"
                           f".startsWith('Page {n} of')")


def _tile_factors(watch) -> set[int]:
    """The scale factors of the tiles the viewer asked for (region width / size width)."""
    factors = set()
    for url in watch.requests:
        match = TILE.search(url)
        if match:
            factors.add(round(int(match[3]) / int(match[5])))
    return factors


def _units_of_page(page: Page, n: int) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('.parallel .unit[data-facs=\"page."
                         f"{n}\"]')].map(u => u.id)")


def test_the_view_shows_the_pages_from_the_site_only(facsimile_site, open_page):  # noqa: F811
    page, watch = _open(open_page, facsimile_site)
    site, doc_id = facsimile_site
    assert _status(page) == "Page 1 of 3"
    assert any(f"/iiif/{doc_id}/" in url and url.endswith("info.json") for url in watch.requests)
    assert _tile_factors(watch) or any("/full/" in u for u in watch.requests)
    assert watch.problems == []
    assert _csp_violations(page) == []
    # the translation is out of the way; the original and the pages side by side
    assert not page.locator(".parallel .side-translation .unit").first.is_visible()
    text = page.locator(".parallel").bounding_box()
    panel = page.locator(".facs-viewer").bounding_box()
    assert panel["x"] >= text["x"] + text["width"] - 1


def test_the_view_speaks_the_readers_interface_language(facsimile_site, open_page):  # noqa: F811
    """Headings, buttons, the page status the script writes and the image's label follow the
    interface language, as every other label of the page does."""
    page, _ = _open(open_page, facsimile_site)
    page.click("button[data-ui-choice='ru']")
    assert page.inner_text("#facsimile-h") == "Факсимиле"
    assert page.locator(".facs-next").inner_text().startswith("Следующая страница")
    page.click(".facs-next")
    _wait_page(page, 2)
    assert _status(page) == "Страница 2 из 3"
    page.click("button[data-ui-choice='en']")
    assert _status(page) == "Page 2 of 3"
    assert page.get_by_role("button", name="Zoom in").count() == 1


def test_zoom_loads_finer_tiles(facsimile_site, open_page):  # noqa: F811
    page, watch = _open(open_page, facsimile_site)
    before = min(_tile_factors(watch) or {99})
    for _ in range(4):
        page.click(".facs-zoom-in")
    page.wait_for_timeout(800)
    page.wait_for_load_state("networkidle")
    assert min(_tile_factors(watch)) < before
    assert min(_tile_factors(watch)) == 1
    assert watch.problems == []


def test_turning_a_page_shows_its_units(facsimile_site, open_page):  # noqa: F811
    page, _ = _open(open_page, facsimile_site)
    page.click(".facs-next")
    _wait_page(page, 2)
    assert page.get_attribute(".facs-pages a[aria-current=page]", "data-page") == "page.2"
    units = _units_of_page(page, 2)
    assert units
    marked = page.evaluate("() => [...document.querySelectorAll('.parallel .unit.on-page')].map(u => u.id)")
    assert marked == units
    top = page.evaluate(f"() => document.getElementById('{units[0]}').getBoundingClientRect().top")
    assert 0 <= top < 300  # the first unit of the page is brought into view


def test_scrolling_the_text_turns_to_the_units_page(facsimile_site, open_page):  # noqa: F811
    page, _ = _open(open_page, facsimile_site)
    last = _units_of_page(page, 3)[0]
    page.evaluate(f"() => document.getElementById('{last}').scrollIntoView()")
    _wait_page(page, 3)
    first = _units_of_page(page, 1)[0]
    page.evaluate(f"() => document.getElementById('{first}').scrollIntoView()")
    _wait_page(page, 1)


def test_a_zoned_unit_is_outlined_and_clicking_its_zone_shows_it(facsimile_site, open_page):  # noqa: F811
    page, _ = _open(open_page, facsimile_site)
    zoned = page.get_attribute(".parallel .unit[data-zone]", "id")
    page.evaluate(f"() => document.getElementById('{zoned}').scrollIntoView()")
    _wait_page(page, 2)
    mark = page.locator(".facs-zone-mark").bounding_box()
    assert mark and mark["width"] > 20 and mark["height"] > 10
    # Read on to the next unit (the outline goes), then click where the zone is.
    after = page.evaluate(f"() => document.getElementById('{zoned}').closest('.row')"
                          ".nextElementSibling.querySelector('.side-original .unit').id")
    page.evaluate(f"() => document.getElementById('{after}').scrollIntoView()")
    page.wait_for_selector(".facs-zone-mark", state="detached")
    page.mouse.click(mark["x"] + mark["width"] / 2, mark["y"] + mark["height"] / 2)
    # the unit is brought to the top of the window (below the sticky toolbar's margin)
    page.wait_for_function(
        f"() => Math.abs(document.getElementById('{zoned}').getBoundingClientRect().top) < 100")


def test_a_page_beginning_in_the_text_shows_its_page(facsimile_site, open_page):  # noqa: F811
    page, _ = _open(open_page, facsimile_site)
    page.locator(".parallel a.pb[data-page='page.3']").click()
    _wait_page(page, 3)


def test_the_viewer_works_from_the_keyboard(facsimile_site, open_page):  # noqa: F811
    page, _ = _open(open_page, facsimile_site)
    for control in (".facs-prev", ".facs-next", ".facs-zoom-in", ".facs-zoom-out", ".facs-home"):
        assert page.evaluate(f"() => document.querySelector('{control}').tagName") == "BUTTON"
    page.focus(".facs-next")
    page.keyboard.press("Enter")
    _wait_page(page, 2)
    page.keyboard.press("PageDown")
    _wait_page(page, 3)
    # the last page disables "Next": the focus moves to "Previous", not to the page
    assert page.evaluate("() => document.activeElement.className") == "facs-prev"
    page.keyboard.press("PageUp")
    _wait_page(page, 2)
    page.focus(".openseadragon-canvas")
    page.wait_for_timeout(800)  # the page turn's animation ends
    before = float(page.get_attribute("#facsimile", "data-zoom") or 1)
    for _ in range(4):
        page.keyboard.press("Shift+Equal")  # "+" on the keyboard; a held key's step ends first
        page.wait_for_timeout(400)
    page.wait_for_function(f"() => +document.getElementById('facsimile').dataset.zoom > {before * 1.2}")
    page.keyboard.press("Digit0")  # the whole page again
    page.wait_for_function("() => +document.getElementById('facsimile').dataset.zoom < 1.01")


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_violations_in_the_facsimile_view(facsimile_site, open_page, width: int):  # noqa: F811
    page, _ = _open(open_page, facsimile_site, width=width)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_at_375_the_pages_stack_above_the_text(facsimile_site, open_page):  # noqa: F811
    page, watch = _open(open_page, facsimile_site, width=375)
    viewer = page.locator(".facs-viewer").bounding_box()
    first = page.locator(".parallel .unit").first.bounding_box()
    assert viewer["width"] <= 375 and viewer["y"] + viewer["height"] <= first["y"] + 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    page.click(".facs-next")
    _wait_page(page, 2)
    assert watch.problems == []


def test_without_script_the_pages_are_links_to_the_images(facsimile_site, browser):
    site, doc_id = facsimile_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site.url}documents/{doc_id}.html")
    links = page.locator(".facs-pages a")
    assert links.count() == 3
    response = page.request.get(site.url + "documents/" + links.nth(1).get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "image/jpeg"
    context.close()


def test_the_choice_of_the_facsimile_view_survives_reload(facsimile_site, open_page):  # noqa: F811
    page, _ = _open(open_page, facsimile_site)
    page.reload()
    page.wait_for_selector(".facsimile.facs-ready .openseadragon-canvas")
    assert page.get_attribute("html", "data-view") == "facsimile"
    assert page.get_by_role("radio", name="Facsimile").is_checked()
    page.get_by_role("radio", name="Parallel").check()
    assert page.get_attribute("html", "data-view") == "parallel"
    assert not page.locator(".facs-viewer").is_visible()




# ------------------------------------------------------------ a standard IIIF viewer

MIRADOR = Path(__file__).resolve().parents[1] / ".cache" / "npm" / "mirador-4.0.0" / "mirador.min.js"
MIRADOR_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mirador</title>
<script src="mirador.min.js"></script></head>
<body><div id="viewer" style="position:absolute;inset:0"></div>
<script>
Mirador.viewer({id: "viewer", windows: [{manifestId: new URL("MANIFEST", location.href).href}],
                window: {sideBarOpen: false}});
</script></body></html>
"""


@pytest.fixture(scope="module")
def mirador_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuiltSite, str]]:
    """The facsimile site published at the address it is served from (so that the
    manifest's absolute ids are this server's), beside a page that runs Mirador on it."""
    if not MIRADOR.is_file():
        pytest.skip("Mirador is not installed: run scripts/setup.sh --test (it fetches mirador 4.0.0 "
                    "from the npm registry)")
    project = copy_project(tmp_path_factory.mktemp("mirador-project"), TEST_SETTINGS)
    doc_id = add_paged_document(project)
    assert not encode(project).failed
    root = tmp_path_factory.mktemp("mirador-root")
    for served in _serve(BuiltSite("mirador", project, root, 0.0)):
        site = render_site(project, root / "site")
        render_facsimiles(project, site, served.url + "site/")
        (root / "viewer").mkdir()
        (root / "viewer" / "mirador.min.js").write_bytes(MIRADOR.read_bytes())
        (root / "viewer" / "index.html").write_text(
            MIRADOR_PAGE.replace("MANIFEST", f"../site/iiif/{doc_id}/manifest.json"), encoding="utf-8")
        yield served, doc_id


def test_the_manifest_opens_in_mirador_offline(mirador_site, open_page):  # noqa: F811
    site, doc_id = mirador_site
    page, watch = open_page(f"{site.url}viewer/index.html")
    # Mirador reads the manifest, shows its label, and draws the first canvas from our
    # level-0 tiles; it asks nothing of any other server.
    manifest = json.loads((site.path / "site" / "iiif" / doc_id / "manifest.json").read_text("utf-8"))
    label = manifest["label"]["en"][0]
    page.wait_for_function("label => document.body.innerText.includes(label)", arg=label, timeout=60000)
    page.wait_for_function("() => [...document.querySelectorAll('canvas')]"
                           ".some(c => c.width > 0 && c.height > 0)", timeout=60000)
    assert any(url.endswith(f"/iiif/{doc_id}/manifest.json") for url in watch.requests)

    def images() -> list[str]:
        return [u for u in watch.requests if f"/iiif/{doc_id}/" in u and u.endswith("default.jpg")]

    for _ in range(60):  # the viewer asks for the page's tiles once it has laid out
        if images():
            break
        page.wait_for_timeout(500)
    assert images()
    assert [p for p in watch.problems if "console" not in p] == []
    # the three canvases are Mirador's to page through
    page.keyboard.press("Escape")
    assert page.locator("[aria-label='Next item'], [aria-label='Next page']").count() >= 1
