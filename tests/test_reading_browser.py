"""Reading a document page in Chromium (Playwright) as readers do: following a permalink,
citing a row by its number, reading a heading only one copy has, tapping a name on a touch
screen, choosing the interface language, dark mode, printing. The invented fixture
documents of conftest.py (tests/fixtures/html/tei): ``letter`` opens with a heading only
its English copy has and one-to-many rows; ``reply`` has a translation that breaks off."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import BuiltSite
from playwright.sync_api import Browser, BrowserContext, Page

WIDTHS = [1280, 375]


@pytest.fixture
def reader(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open a URL in a fresh context: a width, touch or not, a colour scheme, and what the
    browser remembers from earlier visits (localStorage of the edition)."""
    contexts: list[BrowserContext] = []

    def open_(url: str, width: int = 1280, touch: bool = False, scheme: str = "light",
              remembered: dict[str, str] | None = None) -> Page:
        context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=touch,
                                      is_mobile=touch, color_scheme=scheme)  # type: ignore[arg-type]
        if remembered:
            context.add_init_script("".join(f"localStorage.setItem('edition.{k}', '{v}');"
                                            for k, v in remembered.items()))
        contexts.append(context)
        page = context.new_page()
        page.goto(url, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


def covered(page: Page) -> float:
    """How far down the window the toolbar reaches where it is stuck to the top (else 0)."""
    return page.evaluate("""() => { const t = document.querySelector('.toolbar');
        if (!t || getComputedStyle(t).position !== 'sticky') return 0;
        const box = t.getBoundingClientRect();
        return box.top <= 1 ? box.bottom : 0; }""")


def rect(page: Page, element_id: str) -> dict[str, float]:
    return page.evaluate("id => document.getElementById(id).getBoundingClientRect().toJSON()", element_id)


# ------------------------------------------------------------------------- permalinks

@pytest.mark.parametrize("width", WIDTHS)
def test_a_permalink_lands_below_the_toolbar_with_its_counterpart_highlighted(
        fixture_site: BuiltSite, reader, width: int):
    page = reader(f"{fixture_site.url}documents/letter.html#en-p2", width=width)
    page.wait_for_timeout(100)
    box = rect(page, "en-p2")
    assert box["top"] >= covered(page) - 1, "the unit is under the toolbar"
    assert box["top"] < 800 / 2
    assert "is-target" in page.get_attribute("#en-p2", "class")
    assert "is-counterpart" in page.get_attribute("#ru-p2", "class")
    # A one-to-many row: the original's unit lights both parts of the translation.
    page.evaluate("() => { location.hash = '#ru-p1'; }")
    page.wait_for_timeout(100)
    assert all("is-counterpart" in page.get_attribute(f"#{i}", "class") for i in ("en-p1-1", "en-p1-2"))
    assert "is-counterpart" not in page.get_attribute("#ru-p2", "class")
    assert rect(page, "ru-p1")["top"] >= covered(page) - 1


def test_a_link_to_a_unit_the_view_hides_switches_the_view(fixture_site: BuiltSite, reader):
    page = reader(f"{fixture_site.url}documents/letter.html#en-p3", remembered={"view": "original"})
    page.wait_for_timeout(100)
    assert page.is_visible("#en-p3")
    assert page.get_attribute("html", "data-view") == "parallel"
    assert page.is_checked('input[name="view"][value="parallel"]')
    assert rect(page, "en-p3")["top"] >= covered(page) - 1


def test_keyboard_focus_is_never_under_the_toolbar(fixture_site: BuiltSite, reader):
    page = reader(f"{fixture_site.url}documents/letter.html")
    page.mouse.wheel(0, 400)
    hidden = []
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const el = document.activeElement;
            const t = document.querySelector('.toolbar');
            if (!el || !t || t.contains(el) || el === document.body) return null;
            if (t.getBoundingClientRect().top > 1) return null;  // not stuck: nothing under it
            const r = el.getBoundingClientRect();
            return r.height && r.bottom > 0
                ? [el.outerHTML.slice(0, 60), r.top, t.getBoundingClientRect().bottom] : null; }""")
        if info and info[1] < info[2] - 1:
            hidden.append(info)
    assert hidden == []


# ------------------------------------------------------------------- one number per row

@pytest.mark.parametrize("site_name", ["fixture", "edition"])
def test_each_row_shows_one_number_in_both_languages(request, reader, site_name: str):
    site: BuiltSite = request.getfixturevalue(f"{site_name}_site")
    for doc in site.documents:
        page = reader(f"{site.url}documents/{doc}.html")
        rows = page.evaluate("""() => [...document.querySelectorAll('.parallel .row:not(.row-labels)')]
            .map(row => [row.classList.contains('row-band'),
                         [...row.querySelectorAll('.unit[id] > .unit-n > [aria-hidden]')]
                             .map(n => n.textContent)])
            .filter(([band, numbers]) => numbers.length)""")
        # A band holds a run of one-sided rows, one number each; every other row shows one
        # number, in both its cells.
        numbered = [sorted(set(numbers), key=int) if band else sorted(set(numbers)) for band, numbers in rows]
        assert all(len(n) == 1 for n, (band, _) in zip(numbered, rows, strict=True) if not band), (doc, rows)
        assert any(len(numbers) == 2 for band, numbers in rows if not band), doc
        flat = [int(n) for numbers in numbered for n in numbers]
        assert flat == sorted(flat) and len(set(flat)) == len(flat), (doc, flat)


# ------------------------------------------------ units without a counterpart, lost text

@pytest.mark.parametrize("width", WIDTHS)
def test_a_heading_only_one_copy_has_is_a_compact_band_and_the_pairs_start_side_by_side(
        fixture_site: BuiltSite, reader, width: int):
    page = reader(f"{fixture_site.url}documents/letter.html", width=width)
    band = page.locator(".row-band").first
    assert band.locator("#en-head").count() == 1
    assert band.locator(".side-original .gap").count() == 1, "the Russian copy's gap shares the band"
    assert "Only in the English translation" in band.inner_text()
    box = band.bounding_box()
    main = page.locator("#parallel").bounding_box()
    assert box["width"] > 0.9 * main["width"], "the band runs across the page"
    assert box["height"] < 120
    if width == 1280:
        ru, en = rect(page, "ru-dateline"), rect(page, "en-dateline")
        assert abs(ru["top"] - en["top"]) < 2 and en["left"] - ru["left"] > 300


def test_a_translation_that_breaks_off_says_so_once(fixture_site: BuiltSite, reader):
    page = reader(f"{fixture_site.url}documents/reply.html")
    notes = page.locator(".parallel .side-translation .placeholder")
    assert notes.count() == 1
    text = notes.inner_text()
    assert "breaks off" in text and "¶ 4–5" in text
    assert page.locator(".row", has=page.locator("#ru-p2")).locator(".placeholder").count() == 1


# ------------------------------------------------------------------------------ touch

def test_on_a_touch_screen_the_first_tap_opens_the_card_and_the_second_follows(
        fixture_site: BuiltSite, reader):
    page = reader(f"{fixture_site.url}documents/letter.html", width=375, touch=True)
    name = page.locator(".parallel .side-translation a.name").first
    card = page.locator(f"#{name.get_attribute('aria-describedby')}")
    before = page.url
    name.tap()
    page.wait_for_timeout(150)
    assert page.url == before and card.is_visible()
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    # A tap elsewhere closes it; the next tap on the name opens it again, the one after
    # that follows the link to the register.
    page.locator("h1").tap()
    page.wait_for_timeout(150)
    assert not card.is_visible()
    name.tap()
    page.wait_for_timeout(100)
    with page.expect_navigation():
        name.tap()
    assert "s.html#" in page.url


# ------------------------------------------------------------------ interface language

def test_the_reader_chooses_russian_and_every_page_keeps_it(fixture_site: BuiltSite, reader):
    page = reader(f"{fixture_site.url}documents/letter.html")
    assert page.inner_text(".site-nav ul").split()[:1] == ["Documents"]
    page.click('button[data-ui-choice="ru"]')
    assert page.get_attribute("html", "lang") == "ru"
    nav = page.inner_text(".site-nav ul")
    assert "Документы" in nav and "Documents" not in nav
    assert page.inner_text("#text-h") == "Текст"
    for path in ("index.html", "persons.html", "about.html"):
        page.goto(f"{fixture_site.url}{path}", wait_until="load")
        assert page.get_attribute("html", "lang") == "ru", path
        assert "Документы" in page.inner_text(".site-nav"), path
        assert page.get_attribute('button[data-ui-choice="ru"]', "aria-pressed") == "true"
    # Every visible label says its language; the text the documents give keeps its own.
    page.goto(f"{fixture_site.url}documents/letter.html", wait_until="load")
    wrong = page.evaluate("""() => [...document.querySelectorAll('.ui')]
        .filter(s => s.getClientRects().length && s.closest('[lang]').lang !== 'ru').length""")
    assert wrong == 0


@pytest.mark.parametrize(("scheme", "ui"), [("light", "ru"), ("dark", "en"), ("dark", "ru")])
def test_axe_finds_no_violations_in_either_scheme_or_interface_language(
        site: BuiltSite, reader, scheme: str, ui: str):
    """The light scheme in English is test_site_browser's; here the other three."""
    for path in site.pages:
        page = reader(site.url + path, scheme=scheme, remembered={"ui": ui})
        assert page.get_attribute("html", "data-ui") == ui
        results = Axe().run(page)
        assert results.violations_count == 0, (path, results.generate_report())


def test_dark_mode_darkens_the_page(fixture_site: BuiltSite, reader):
    page = reader(f"{fixture_site.url}documents/letter.html", scheme="dark")
    background = page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
    channels = [int(c) for c in background[background.index("(") + 1:-1].split(",")[:3]]
    assert max(channels) < 60


# ------------------------------------------------------------------------------ print

def test_print_hides_controls_keeps_the_citation_whole_and_prints_addresses(
        fixture_site: BuiltSite, reader):
    page = reader(f"{fixture_site.url}documents/letter.html")
    page.emulate_media(media="print")
    for selector in (".toolbar", ".key", ".ui-switch", ".doc-links", ".site-nav"):
        assert not page.is_visible(selector), selector
    assert page.evaluate("() => getComputedStyle(document.querySelector('.citation')).breakInside") == "avoid"
    after: list[Any] = page.evaluate("""() => [...document.querySelectorAll('.downloads a')]
        .map(a => getComputedStyle(a, '::after').content)""")
    assert after and all("https://" in a for a in after), after
