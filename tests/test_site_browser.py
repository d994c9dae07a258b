"""The built site in a real browser (Debian's Chromium through Playwright), served over
HTTP on 127.0.0.1 and opened from file://. Both sites of conftest.py: the real documents
and the invented fixture documents."""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlparse

import html5lib
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import BuiltSite
from edition.html import CSP
from playwright.sync_api import Browser, BrowserContext, Page

REGISTER_PAGES = ["persons.html", "places.html", "organisations.html", "events.html"]


# Runs in every page before its own scripts (Playwright injects it past the page's CSP):
# records each Content-Security-Policy violation the page reports.
RECORD_CSP_VIOLATIONS = """window.cspViolations = [];
document.addEventListener('securitypolicyviolation',
    e => window.cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline')));"""


class Watch:
    """Everything a page does wrong: console errors, script errors, failed requests,
    error responses, any request that leaves the site, and any dialog (alert) it opens."""

    def __init__(self, page: Page, allowed_prefix: str) -> None:
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.aborted: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.problems.append(f"script error: {err}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda res: res.status >= 400 and self.problems.append(
            f"HTTP {res.status}: {res.url}"))
        page.on("request", self._request)
        self.allowed_prefix = allowed_prefix

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _failed(self, request: Any) -> None:
        # Leaving a page aborts what it still loads (the browser fetches the icon after
        # "load"): kept apart, and required empty where a test stays on its page.
        if request.failure == "net::ERR_ABORTED":
            self.aborted.append(request.url)
        else:
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        self.problems.append(f"dialog opened: {dialog.type} {dialog.message}")
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)
        if not request.url.startswith(self.allowed_prefix):
            self.problems.append(f"request outside the site: {request.url}")


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., tuple[Page, Watch]]]:
    """Open a URL in a fresh browser context at a given width; returns (page, watch)."""
    contexts: list[BrowserContext] = []

    def opener(url: str, width: int = 1280, height: int = 900,
               allowed: str | None = None) -> tuple[Page, Watch]:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        contexts.append(context)
        page = context.new_page()
        prefix = allowed or ("file://" if url.startswith("file:") else
                             f"{urlparse(url).scheme}://{urlparse(url).netloc}/")
        watch = Watch(page, prefix)
        page.goto(url, wait_until="load")
        return page, watch

    yield opener
    for context in contexts:
        context.close()


def _csp_violations(page: Page) -> list[str]:
    return page.evaluate("() => window.cspViolations")


def _biggest_document(site: BuiltSite) -> str:
    return max(site.documents, key=lambda d: (site.path / "documents" / f"{d}.html").stat().st_size)


# --------------------------------------------------------------------------- every page

def test_every_page_loads_without_errors_or_outside_requests(site: BuiltSite, open_page):
    assert len(site.pages) >= len(site.documents) + 6
    for path in site.pages:
        page, watch = open_page(site.url + path)
        page.wait_for_load_state("networkidle")
        assert watch.problems == [] and watch.aborted == [], f"{path}: {watch.problems} {watch.aborted}"
        assert _csp_violations(page) == [], path
        assert any(url.endswith("assets/edition.css") for url in watch.requests)
        assert any(url.endswith("assets/edition.js") for url in watch.requests)


# ----------------------------------------------------------- content security policy

def test_every_page_carries_the_content_security_policy(site: BuiltSite):
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["default-src"] == "'none'", "what is not allowed below is forbidden"
    for kind in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        assert directives[kind] == "'self'", f"{kind}: the site's own files only"
    for path in site.pages:
        tree = html5lib.HTMLParser(namespaceHTMLElements=False).parse((site.path / path).read_bytes())
        head = list(tree.find("head"))
        policies = [e for e in head if e.tag == "meta"
                    and (e.get("http-equiv") or "").lower() == "content-security-policy"]
        assert [e.get("content") for e in policies] == [CSP], path
        # Before anything it governs: only the charset comes first.
        assert head.index(policies[0]) == 1 and head[0].get("charset"), path
        # No inline script: every script is a file, or JSON-LD (data a browser never runs).
        for script in tree.iter("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (path, script.attrib)


def test_the_policy_is_enforced_and_the_page_works_under_it(site: BuiltSite, open_page):
    page, watch = open_page(f"{site.url}documents/{_biggest_document(site)}.html")
    # The page's own script ran (it set the view from the radios) under the policy...
    page.locator('input[name="view"][value="original"]').check()
    assert page.evaluate("() => document.documentElement.dataset.view") == "original"
    assert _csp_violations(page) == [] and watch.problems == []
    # ...and script put into the page inline, or fetched from elsewhere, does not run.
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = true'; document.body.append(s);
        const i = document.createElement('img'); i.src = 'https://example.org/x.png';
        document.body.append(i); }""")
    page.wait_for_function("() => window.cspViolations.length >= 2")
    assert page.evaluate("() => window.injected") is None
    assert sorted(v.split()[0] for v in _csp_violations(page)) == ["img-src", "script-src-elem"]
    # The browser announces the image request, then refuses to send it.
    assert "request failed: https://example.org/x.png (csp)" in watch.problems


# ------------------------------------------------------------------- hostile input

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def test_source_texts_with_markup_show_as_text_and_run_nothing(hostile_site: BuiltSite, open_page):
    """Transcription, note, register name and description, title, summary, keyword and
    link targets of tests/fixtures/html/hostile carry script; all of it must stay text."""
    shown: dict[str, str] = {}
    for path in hostile_site.pages:
        page, watch = open_page(hostile_site.url + path)
        cards = []
        for holder in page.locator(".has-card").all():  # open every card: names, notes
            holder.locator("a, [tabindex]").first.focus()
            cards.append(holder.locator(".card").first.inner_text())
        page.wait_for_load_state("networkidle")
        assert watch.dialogs == [], path
        # The payloads made no element: the only scripts and images are the site's own.
        assert page.evaluate("() => [...document.scripts].filter(s => !s.src && s.type !== "
                             "'application/ld+json').length") == 0, path
        assert page.locator("img").count() == 0, path
        assert page.locator('[href^="javascript:" i]').count() == 0, path
        assert _csp_violations(page) == [], f"{path}: escaping failed, the policy caught it"
        assert watch.problems == [], path
        shown[path] = "\n".join([page.locator("body").inner_text(), *cards])
        if path.startswith("documents/"):
            data = page.locator('script[type="application/ld+json"]').text_content()
            assert json.loads(data)["name"].startswith("Letter </script><script>alert(1)</script>")
    document = shown["documents/hostile.html"]
    for text in ("Text <script>alert(1)</script> from", "Текст <script>alert(1)</script> от",
                 "Note <script>alert(1)</script> and <img src=x onerror=alert(1)>",
                 "Description <script>alert(1)</script> and <img src=x onerror=alert(1)>",
                 "Summary <script>alert(1)</script>"):
        assert text in document, text
    register = shown["persons.html"]
    for text in ("Mallory <img src=x onerror=alert(1)>", "Мэллори <script>alert(1)</script>",
                 "Description <script>alert(1)</script>", "Sources <img src=x onerror=alert(1)>"):
        assert text in register, text
    assert "Summary <script>alert(1)</script>" in shown["index.html"]
    assert "About <script>alert(1)</script> the project" in shown["encoding.html"]
    assert all(payload in document for payload in PAYLOADS)


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_violations(site: BuiltSite, open_page, width: int):
    axe = Axe()
    pages = ["index.html", "about.html", *REGISTER_PAGES,
             *(f"documents/{d}.html" for d in site.documents)]
    for path in pages:
        page, _ = open_page(site.url + path, width=width)
        results = axe.run(page)
        assert results.violations_count == 0, f"{path} at {width}px:\n{results.generate_report()}"


def test_axe_with_one_language_shown_and_a_card_open(site: BuiltSite, open_page):
    page, _ = open_page(f"{site.url}documents/{_biggest_document(site)}.html")
    page.locator('input[name="view"][value="original"]').check()
    page.locator(".parallel a.name").first.focus()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


# ---------------------------------------------------------------------------- alignment

def _row_tops(page: Page) -> list[list[Any]]:
    return page.evaluate("""() => [...document.querySelectorAll('.parallel .row:not(.row-band)')]
        .map(row => [row.querySelector('.side-original .unit'), row.querySelector('.side-translation .unit')])
        .filter(([a, b]) => a && b)
        .map(([a, b]) => [a.id, b.id, a.getBoundingClientRect().top, b.getBoundingClientRect().top])""")


def test_aligned_units_start_at_the_same_height_at_1280(site: BuiltSite, open_page):
    for doc in site.documents:
        page, _ = open_page(f"{site.url}documents/{doc}.html", width=1280)
        rows = _row_tops(page)
        assert len(rows) >= 2, doc
        for ru_id, en_id, ru_top, en_top in rows:
            assert abs(ru_top - en_top) < 2, f"{doc}: {ru_id} at {ru_top}, {en_id} at {en_top}"
        # Every correspondence is kept within one row, in both directions.
        split = page.evaluate("""() => [...document.querySelectorAll('.unit[data-corresp]')]
            .filter(u => u.dataset.corresp.split(' ').some(id => {
                const other = document.getElementById(id);
                return !other || other.closest('.row') !== u.closest('.row'); }))
            .map(u => u.id)""")
        assert split == [], doc
        # The two columns really are side by side (not stacked).
        ru_id, en_id = rows[-1][:2]
        left = page.evaluate("ids => ids.map(id => document.getElementById(id).getBoundingClientRect().left)",
                             [ru_id, en_id])
        assert left[1] - left[0] > 300


def test_one_to_many_groups_share_a_row(fixture_site: BuiltSite, open_page):
    page, _ = open_page(f"{fixture_site.url}documents/letter.html")
    row = page.locator(".row", has=page.locator("#ru-p1"))
    assert row.locator(".side-translation .unit").evaluate_all("us => us.map(u => u.id)") == \
        ["en-p1-1", "en-p1-2"]
    tops = page.evaluate("""() => ['ru-p1', 'en-p1-1', 'ru-p2', 'en-p2']
        .map(id => document.getElementById(id).getBoundingClientRect())""")
    assert abs(tops[0]["top"] - tops[1]["top"]) < 2
    # The English side of the group is the longer: the next pair still starts level.
    assert tops[1]["height"] > 1.5 * tops[0]["height"]
    assert abs(tops[2]["top"] - tops[3]["top"]) < 2


def test_lost_counterparts_are_explained(fixture_site: BuiltSite, open_page):
    page, _ = open_page(f"{fixture_site.url}documents/reply.html")
    row = page.locator(".row", has=page.locator("#ru-p2"))
    placeholder = row.locator(".side-translation .placeholder")
    assert placeholder.is_visible()
    assert "counterpart of ¶" in placeholder.inner_text()


# ------------------------------------------------------------------------- narrow screen

def test_no_horizontal_scrolling_at_375(site: BuiltSite, open_page):
    for path in site.pages:
        page, _ = open_page(site.url + path, width=375)
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{path}: content {widths[0]}px in {widths[1]}px"


def test_units_interleave_at_375(site: BuiltSite, open_page):
    page, _ = open_page(f"{site.url}documents/{_biggest_document(site)}.html", width=375)
    rows = _row_tops(page)
    assert rows
    for ru_id, en_id, _, _ in rows:
        ru, en = page.evaluate("ids => ids.map(id => document.getElementById(id).getBoundingClientRect())",
                               [ru_id, en_id])
        assert ru["bottom"] <= en["top"] + 1, f"{ru_id} should come before {en_id}"


def test_cards_stay_inside_a_narrow_window(site: BuiltSite, open_page):
    page, _ = open_page(f"{site.url}documents/{_biggest_document(site)}.html", width=375)
    names = page.locator(".parallel a.name")
    for i in range(min(names.count(), 12)):
        name = names.nth(i)
        name.focus()
        card = page.locator(f"#{name.get_attribute('aria-describedby')}")
        box = card.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, f"card {i}: {box}"


# ------------------------------------------------------------------------------ switches

def test_view_switch_keeps_the_reading_position_and_survives_reload(site: BuiltSite, open_page):
    doc = _biggest_document(site)
    page, watch = open_page(f"{site.url}documents/{doc}.html")
    rows = _row_tops(page)
    ru_id, en_id = rows[len(rows) // 2][:2]
    # Read from this row: its first unit just below the (sticky) switches.
    page.evaluate("""id => window.scrollTo(0, document.getElementById(id).getBoundingClientRect().top
        + scrollY - document.querySelector('.toolbar').getBoundingClientRect().height - 1)""", ru_id)

    def top(unit_id: str) -> float:
        return page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", unit_id)

    reading_at = top(ru_id)
    assert 0 < reading_at < 200
    page.locator('input[name="view"][value="original"]').check()
    assert page.locator(f"#{en_id}").is_hidden()
    assert page.locator(f"#{ru_id}").is_visible()
    assert abs(top(ru_id) - reading_at) < 2, "the unit read should stay where it was"

    page.locator('input[name="view"][value="translation"]').check()
    assert page.locator(f"#{ru_id}").is_hidden()
    assert abs(top(en_id) - reading_at) < 2, "its counterpart should take its place"

    page.reload(wait_until="load")
    assert page.locator('input[name="view"][value="translation"]').is_checked()
    assert page.locator(f"#{ru_id}").is_hidden()
    assert page.locator(f"#{en_id}").is_visible()
    assert page.evaluate("() => localStorage.getItem('edition.view')") == "translation"

    page.locator('input[name="view"][value="parallel"]').check()
    assert page.locator(f"#{ru_id}").is_visible() and page.locator(f"#{en_id}").is_visible()
    assert watch.problems == []


def test_correction_switch_shows_either_reading(site: BuiltSite, open_page):
    docs = [d for d in site.documents
            if 'class="has-card choice"' in (site.path / "documents" / f"{d}.html").read_text()]
    assert docs, "some document should have a correction"
    page, _ = open_page(f"{site.url}documents/{docs[0]}.html")
    corr, sic = page.locator(".choice .corr").first, page.locator(".choice .sic").first
    assert corr.is_visible() and sic.is_hidden()
    page.locator('input[name="reading"][value="sic"]').check()
    assert sic.is_visible() and corr.is_hidden()
    page.reload(wait_until="load")
    assert page.locator('input[name="reading"][value="sic"]').is_checked()
    assert sic.is_visible() and corr.is_hidden()
    sic.focus()
    card = page.locator(f"#{sic.get_attribute('aria-describedby')}")
    assert card.is_visible() and "The witness reads" in card.inner_text()


# -------------------------------------------------------------------- names and registers

def test_name_cards_open_on_hover_and_focus_and_close_with_escape(site: BuiltSite, open_page):
    page, _ = open_page(f"{site.url}documents/{_biggest_document(site)}.html")
    name = page.locator(".parallel a.name").first
    card = page.locator(f"#{name.get_attribute('aria-describedby')}")
    assert card.is_hidden()
    name.hover()
    assert card.is_visible()
    assert "Register entry" in card.inner_text()
    card.hover()  # the pointer can move onto the card without it closing
    assert card.is_visible()
    page.mouse.move(0, 0)
    assert card.is_hidden()
    name.focus()
    assert card.is_visible()
    page.keyboard.press("Escape")
    assert card.is_hidden()
    page.keyboard.press("Tab")  # into the card's first link: the card opens again
    page.keyboard.press("Shift+Tab")
    assert card.is_visible()


def test_pseudonym_card_names_the_person(site: BuiltSite, open_page):
    for doc in site.documents:
        page, _ = open_page(f"{site.url}documents/{doc}.html")
        pseudonyms = page.locator(".parallel a.name-pseudonym")
        if pseudonyms.count():
            pseudonym = pseudonyms.first
            pseudonym.hover()
            text = page.locator(f"#{pseudonym.get_attribute('aria-describedby')}").inner_text()
            assert re.search(r"is a\s+pseudonym of\s+\S", text), text
            return
    pytest.fail("no pseudonym in any document")


def test_name_leads_to_its_register_entry_and_back_to_the_unit(site: BuiltSite, open_page):
    doc = _biggest_document(site)
    page, watch = open_page(f"{site.url}documents/{doc}.html")
    kinds = page.evaluate("""() => [...new Set([...document.querySelectorAll('.parallel a.name')]
        .map(a => a.className.match(/name-(person|place|org|geog|event)/)[1]))]""")
    assert {"person", "place"} <= set(kinds)
    for kind in kinds:
        page.goto(f"{site.url}documents/{doc}.html")
        name = page.locator(f".parallel a.name-{kind}").first
        unit_id = name.evaluate("a => a.closest('.unit').id")
        href = name.get_attribute("href")
        record = href.split("#")[1]
        name.click()
        page.wait_for_url(re.compile(rf"\.html#{re.escape(record)}$"))
        entry = page.locator(f"article.entry#{record}")
        assert entry.is_visible()
        assert page.evaluate("() => document.querySelector(':target').id") == record
        back = entry.locator(f'a[href="documents/{doc}.html#{unit_id}"]')
        assert back.count() == 1, f"{record}: no occurrence link to {unit_id}"
        back.click()
        page.wait_for_url(re.compile(rf"#{re.escape(unit_id)}$"))
        assert page.locator(f"#{unit_id} a.name[href$='#{record}']").count() >= 1
    assert watch.problems == []


# -------------------------------------------------------------------------- keyboard

def test_controls_are_reachable_by_keyboard_with_visible_focus(site: BuiltSite, open_page):
    page, _ = open_page(f"{site.url}documents/{_biggest_document(site)}.html")
    reached: set[str] = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.tagName, e.className || '', e.type || '', s.outlineStyle,
                    parseFloat(s.outlineWidth)]; }""")
        tag, cls, typ, style, width = info
        key = "radio" if typ == "radio" else cls.split()[0] if cls else tag.lower()
        reached.add(key)
        if tag != "BODY":
            assert style != "none" and width >= 2, f"focus not visible on {info}"
    assert {"skip-link", "radio", "name", "unit-n"} <= reached, reached
    # Switch with the keyboard alone.
    page.locator('input[name="view"]').first.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.documentElement.dataset.view") == "original"


# ------------------------------------------------------------------------- print

def test_print_style_shows_both_languages_without_controls(site: BuiltSite, open_page):
    page, _ = open_page(f"{site.url}documents/{_biggest_document(site)}.html")
    page.locator('input[name="view"][value="original"]').check()
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden()
    assert page.locator(".toolbar").is_hidden()
    row = page.locator(".parallel .row:not(.row-labels)").first
    columns = row.evaluate("r => getComputedStyle(r).gridTemplateColumns.split(' ').length")
    assert columns == 2
    assert page.locator(".parallel .side-translation .unit").first.is_visible()


# ------------------------------------------------------------------------- file://

def test_site_works_from_file_urls(site: BuiltSite, open_page):
    doc = _biggest_document(site)
    page, watch = open_page((site.path / "documents" / f"{doc}.html").as_uri())
    page.locator('input[name="view"][value="translation"]').check()
    assert page.locator(".parallel .side-original .unit").first.is_hidden()
    page.locator('input[name="view"][value="parallel"]').check()
    page.locator(".parallel a.name").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and ".html#" in page.url
    assert page.locator(":target").count() == 1
    page.wait_for_load_state("networkidle")
    assert _csp_violations(page) == []
    assert watch.problems == []


# ------------------------------------------------------------- crawl (HTTP, no browser)

def _fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local server
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as err:
        return err.code, b"", ""


def _links(document: Any) -> list[str]:
    found = []
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        for attr in ("href", "src"):
            value = element.get(attr)
            if value and tag in ("a", "link", "script", "img"):
                if tag == "link" and element.get("rel", "").startswith("schema."):
                    continue  # a vocabulary's name, not a resource
                found.append(value)
    return found


def test_crawl_finds_no_broken_internal_link(site: BuiltSite):
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    queue = [site.url + "index.html"]
    ids: dict[str, list[str]] = {}
    status: dict[str, int] = {}
    fragments: list[tuple[str, str, str]] = []
    broken: list[str] = []
    pdf_links: set[str] = set()
    cite_links: set[str] = set()
    while queue:
        url = queue.pop()
        if url in ids:
            continue
        code, body, _ = _fetch(url)
        assert code == 200, url
        document = parser.parse(body)
        ids[url] = [e.get("id") for e in document.iter() if isinstance(e.tag, str) and e.get("id")]
        assert len(ids[url]) == len(set(ids[url])), f"duplicate ids in {url}"
        for link in _links(document):
            target, fragment = urldefrag(urljoin(url, link))
            if not target.startswith(site.url):
                assert urlparse(target).scheme in ("http", "https"), f"{url}: {link}"
                continue
            relative = target[len(site.url):]
            if relative.startswith("pdf/") and not (site.path / "pdf").is_dir():
                pdf_links.add(relative)  # the build copies the PDFs in later: see below
                continue
            if relative.startswith("data/cite/") and not (site.path / "data").is_dir():
                cite_links.add(relative)  # written by the exports stage: see below
                continue
            if target not in status:
                status[target] = _fetch(target)[0]
            if status[target] != 200:
                broken.append(f"{url} -> {link} (HTTP {status[target]})")
            elif target.endswith(".html"):
                queue.append(target)
                if fragment:
                    fragments.append((url, target, fragment))
    broken += [f"{source} -> {target}#{fragment}: no such id" for source, target, fragment
               in fragments if fragment not in ids[target]]
    assert broken == []
    assert {u[len(site.url):] for u in ids} == set(site.pages), "pages no link reaches"
    # Documents link pdf/<id>.pdf. The build copies build/pdf/*.pdf there after the PDF
    # stage, which these sites skip (it takes about a second a document, and test_pdf
    # checks the PDFs themselves): when pdf/ exists its links are fetched like any other,
    # else they must at least name this site's documents.
    assert pdf_links <= {f"pdf/{d}.pdf" for d in site.documents}
    assert not (site.path / "pdf").is_symlink()
    # The citation files come from the exports stage (test_exports, test_citation): these
    # sites are rendered without it, so their links must at least name this site's documents.
    assert cite_links <= {f"data/cite/{d}.{ext}" for d in site.documents for ext in ("json", "ris", "bib")}


def test_every_page_is_valid_html5(site: BuiltSite):
    for path in site.pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse((site.path / path).read_bytes())
        except html5lib.html5parser.ParseError as err:
            pytest.fail(f"{path}: {err}")
        assert not parser.errors, f"{path}: {parser.errors}"


def test_every_block_of_text_says_its_language(site: BuiltSite):
    for doc in site.documents:
        parser = html5lib.HTMLParser(namespaceHTMLElements=False)
        tree = parser.parse((site.path / "documents" / f"{doc}.html").read_bytes())
        assert tree.get("lang") == "en"
        cells = [e for e in tree.iter("div") if "cell" in (e.get("class") or "").split()]
        assert cells
        for cell in cells:
            assert cell.get("lang") in ("ru", "en"), cell.attrib


def test_same_chrome_on_xslt_and_jinja_pages(site: BuiltSite):
    """html.xsl and base.html each write the site header and footer; they must agree."""
    def chrome(path: Path, prefix: str) -> tuple[str, str]:
        text = path.read_text()
        header = re.search(r'<header class="site-header">.*?</header>', text, re.S).group(0)
        footer = re.search(r'<footer class="site-footer">.*?</footer>', text, re.S).group(0)
        return header.replace(prefix, ""), footer

    doc = chrome(site.path / "documents" / f"{site.documents[0]}.html", "../")
    for page in ["index.html", "about.html", *REGISTER_PAGES]:
        assert chrome(site.path / page, "\x00") == doc, page


# ----------------------------------------------------------------------- screenshots

@pytest.mark.parametrize(("width", "height"), [(1280, 860), (375, 760)])
def test_screenshots_of_a_document_page(edition_site: BuiltSite, open_page, tmp_path: Path,
                                        width: int, height: int):
    """The screenshots in docs/html.md, taken from the real site. They are written to
    docs/images/html-<width>.png only when EDITION_SCREENSHOTS is set (to that folder):
    EDITION_SCREENSHOTS=docs/images .venv/bin/pytest tests/test_site_browser.py -k screenshots"""
    page, watch = open_page(f"{edition_site.url}documents/{_biggest_document(edition_site)}.html",
                            width=width, height=height)
    # A few rows into the text, below the sticky switches, with a name's card open.
    ru_id, en_id = _row_tops(page)[2][:2]
    page.evaluate("""id => window.scrollTo(0, document.getElementById(id).getBoundingClientRect().top
        + scrollY - document.querySelector('.toolbar').getBoundingClientRect().height - 24)""", ru_id)
    names = page.locator(f"#{ru_id} a.name, #{en_id} a.name")
    if names.count():
        names.first.focus()
    shot = tmp_path / f"html-{width}.png"
    page.screenshot(path=str(shot))
    assert watch.problems == []
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == width and int.from_bytes(png[20:24], "big") == height
    target = os.environ.get("EDITION_SCREENSHOTS")
    if target:
        from PIL import Image  # Pillow comes with WeasyPrint

        # 128 colours keep text sharp at under half the size of the full-colour image.
        Path(target).mkdir(parents=True, exist_ok=True)
        Image.open(shot).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT) \
            .save(Path(target) / shot.name, optimize=True)


# --------------------------------------------------------------------------- citation

def test_cite_this_paragraph_gives_the_paragraph_permalink_and_copies_it(fixture_site: BuiltSite, open_page):
    page, watch = open_page(f"{fixture_site.url}documents/letter.html#en-salute")
    text = page.locator("#cite-paragraph-text")
    text.wait_for(state="visible")
    citation = text.inner_text()
    assert citation.endswith("documents/letter.html#en-salute"), citation
    assert citation.startswith(page.locator("#citation").get_attribute("data-citation"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#cite-copy").click()
    page.wait_for_function("() => document.getElementById('cite-copy').textContent !== "
                           "'Copy the citation of this paragraph'")
    assert page.evaluate("() => navigator.clipboard.readText()") == citation
    # Another paragraph's number followed: the citation follows it.
    page.locator("#en-dateline .unit-n").click()
    page.wait_for_function("() => document.getElementById('cite-paragraph-text').textContent"
                           ".endsWith('#en-dateline')")
    assert not watch.problems
