"""Search (edition.search) in a real browser: Debian's Chromium, the site served over HTTP
by `edition serve`'s own server. Russian queries are stemmed and read ё as е; a name
finds passages in both languages; every result links to its passage; from file:// the
page says why it cannot search.

The site is the edition plus the synthetic document of tests/test_end_to_end.py, whose
Russian text has «Филиппову» (no real passage declines the name that way).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from edition.serve import make_server
from playwright.sync_api import Page, expect
from test_end_to_end import NEW_ID, NewDocumentEdition, build_with_new_document

TELEGRAM = "1951-07-03-mao-to-filippov"


@dataclass(frozen=True)
class Served:
    edition: NewDocumentEdition
    url: str

    @property
    def site(self) -> Path:
        return self.edition.site


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    edition = build_with_new_document(tmp_path_factory.mktemp("search"))
    server = make_server(edition.site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Served(edition, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Hit:
    href: str  # absolute, as the browser resolved it
    where: str
    excerpt: str
    marked: list[str]

    @property
    def target(self) -> str:
        """documents/<id>.html#<unit> (or the register page and entry)."""
        parts = urlparse(self.href)
        return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def search(page: Page, served: Served, query: str, langs: tuple[str, ...] = ()) -> list[Hit]:
    params = f"q={quote(query)}" + "".join(f"&lang={lang}" for lang in langs)
    page.goto(f"{served.url}search.html?{params}")
    # Locators and expect(), not wait_for_function: the page's policy forbids the eval
    # that a JavaScript predicate given as a string needs.
    page.locator("body[data-search-ready='true']").wait_for(timeout=20_000)
    expect(page.locator("#search-status")).to_have_text(re.compile(r"results? for|Nothing found"),
                                                         timeout=20_000)
    hits = page.eval_on_selector_all(".search-result", """items => items.map(item => ({
        href: item.querySelector('a').href,
        where: item.querySelector('.search-result-where').textContent,
        excerpt: item.querySelector('.search-result-excerpt').textContent,
        marked: [...item.querySelectorAll('.search-result-excerpt mark')].map(m => m.textContent),
    }))""")
    return [Hit(**h) for h in hits]


def passages(hits: list[Hit]) -> list[str]:
    return [h.target for h in hits if h.target.startswith("documents/") and "#" in h.target]


def test_a_russian_name_finds_its_other_case_forms(page: Page, served: Served) -> None:
    hits = search(page, served, "Филиппов", langs=("ru",))
    found = passages(hits)
    assert f"documents/{NEW_ID}.html#ru-report" in found  # «…товарищу Филиппову, что…»
    hit = next(h for h in hits if h.target == f"documents/{NEW_ID}.html#ru-report")
    # The passage also lists the register's names of Stalin (Филиппов among them); the
    # mark on «Филиппову» shows that the passage's own word matched, by its stem.
    assert "Филиппову" in [m.strip(",.!?") for m in hit.marked]
    assert f"documents/{TELEGRAM}.html#ru-salute" in found  # the nominative as well


def test_russian_words_are_found_in_any_case_form(page: Page, served: Served) -> None:
    """A common noun, where no register name can help: the nominative singular finds the
    nominative plural."""
    hits = search(page, served, "представитель", langs=("ru",))
    hit = next(h for h in hits if h.target == f"documents/{NEW_ID}.html#ru-report")
    assert "представители" in [m.strip(",.!?") for m in hit.marked]


def test_e_finds_yo(page: Page, served: Served) -> None:
    """«еще» finds «ещё», and «ещё» finds the same passages."""
    plain = passages(search(page, served, "еще", langs=("ru",)))
    assert f"documents/{NEW_ID}.html#ru-end" in plain  # «Прошу ответить ещё сегодня.»
    assert f"documents/{TELEGRAM}.html#ru-further" in plain
    assert passages(search(page, served, "ещё", langs=("ru",))) == plain


def test_kaesong_finds_passages_in_both_languages(page: Page, served: Served) -> None:
    found = passages(search(page, served, "Kaesong"))
    assert f"documents/{NEW_ID}.html#en-report" in found
    assert f"documents/{NEW_ID}.html#ru-report" in found  # «Кэсон»
    # The telegram's Russian calls the city by its Japanese name «Кайдзъё»; the register
    # entry links it to Kaesong, and so does the search.
    assert f"documents/{TELEGRAM}.html#ru-sending" in found
    assert {t.split("#")[1].split("-")[0] for t in found} == {"ru", "en"}


def test_the_language_boxes_limit_the_search(page: Page, served: Served) -> None:
    english = passages(search(page, served, "Kaesong", langs=("en",)))
    assert english and all("#en-" in t for t in english)


def test_a_result_opens_its_passage(page: Page, served: Served) -> None:
    search(page, served, "Филиппов", langs=("ru",))
    page.click(f"a.search-result-title[href*='documents/{NEW_ID}.html?'][href$='#ru-report']")
    page.wait_for_url(re.compile(rf"/documents/{NEW_ID}\.html\?hl=[^#]+#ru-report$"))
    target = page.locator(":target")
    assert target.get_attribute("id") == "ru-report"
    assert "Филиппову" in target.inner_text()
    # The words found are marked in the passage, which stands below the toolbar.
    assert "Филиппову" in target.locator("mark.hit").all_inner_texts()
    toolbar = page.locator(".toolbar").bounding_box()
    assert target.bounding_box()["y"] >= toolbar["y"] + toolbar["height"] - 1


def test_back_from_a_result_finds_the_query_and_its_results(page: Page, served: Served) -> None:
    page.goto(f"{served.url}search.html")
    page.locator("body[data-search-ready='true']").wait_for(timeout=20_000)
    page.fill("#search-q", "Kaesong")  # typed, never submitted
    expect(page.locator("#search-status")).to_have_text(re.compile(r"results? for"), timeout=20_000)
    page.locator("a.search-result-title").first.click()
    page.wait_for_load_state("load")
    page.go_back()
    page.locator("body[data-search-ready='true']").wait_for(timeout=20_000)
    assert page.input_value("#search-q") == "Kaesong"
    expect(page.locator("#search-status")).to_have_text(re.compile(r"results? for “Kaesong”"), timeout=20_000)


def test_one_hit_per_page_or_entry_and_excerpts_end_on_words(page: Page, served: Served) -> None:
    hits = search(page, served, "Kaesong")
    targets = [h.target for h in hits]
    assert len(targets) == len(set(targets)), targets
    for hit in hits:
        text = hit.excerpt.strip()
        # Either the passage's own start and end, or an ellipsis where it was cut.
        assert not re.search(r"\w…|…\w", text), text


def test_nothing_found_says_so(page: Page, served: Served) -> None:
    assert search(page, served, "Zzyzxqwv") == []
    assert "Nothing found" in page.inner_text("#search-status")


def test_the_page_runs_under_its_content_security_policy(page: Page, served: Served) -> None:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((served.url, "data:")) else outside.append(r.url))
    assert search(page, served, "Kaesong")
    assert violations == [] and outside == []


def test_from_file_the_page_says_why_it_cannot_search(page: Page, served: Served) -> None:
    page.goto((served.site / "search.html").as_uri())
    status = page.locator("#search-status")
    status.wait_for()
    text = status.inner_text()
    assert "file://" in text and "edition serve" in text and "http://127.0.0.1" in text
    assert "search-status-error" in (status.get_attribute("class") or "")
    assert page.locator("#search-q").is_disabled()


def test_the_indexes_use_pagefinds_language_support(served: Served) -> None:
    """One bundle per language of the texts, each indexed in its own language (which is
    what gives Russian stemming), with every passage of that language in it."""
    bundles = served.site / "search" / "pagefind"
    for lang in ("ru", "en"):
        entry = json.loads((bundles / lang / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang]
        assert (bundles / lang / f"wasm.{lang}.pagefind").is_file()
    config = json.loads(served.site.joinpath("search.html").read_text(encoding="utf-8")
                        .split("data-config='", 1)[1].split("'", 1)[0])
    assert [(c["code"], c["bundle"]) for c in config["languages"]] == \
        [("en", "search/pagefind/en/"), ("ru", "search/pagefind/ru/")]


def test_edition_serve_serves_the_site_on_localhost(served: Served, tmp_path: Path) -> None:
    """`edition serve --port N` in its own process, then stopped (by its pid)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "edition.cli", "--root", str(served.edition.project.root), "serve",
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        body = b""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/search.html", timeout=2) as answer:
                    body = answer.read()
                    break
            except OSError:
                time.sleep(0.1)
        assert b'id="search-form"' in body
        entry = f"http://127.0.0.1:{port}/search/pagefind/ru/pagefind-entry.json"
        with urllib.request.urlopen(entry) as answer:
            assert answer.headers["Content-Type"].startswith("application/json")
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_edition_serve_without_a_site_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "edition.cli", "--root", str(tmp_path), "serve", "--port", "0"],
        capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "edition build" in done.stderr


@pytest.fixture(scope="module")
def served_in_parts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, dict]]:
    """The invented test documents' site with its index written in parts of 3 records, as a
    large edition's is (edition.search.PART_RECORDS): more than one Pagefind bundle per
    language, merged by the page into one search."""
    from conftest import FIXTURE_TEI, make_project
    from edition import search as search_module
    from edition.documents import load_documents, load_registers
    from edition.html import render_site

    project = make_project(tmp_path_factory.mktemp("parts"), FIXTURE_TEI)
    saved = search_module.PART_RECORDS
    search_module.PART_RECORDS = 3
    try:
        site = render_site(project, search=True)
        docs = load_documents(project)
        records = search_module.search_records(docs, load_registers(project, docs))
        search_module.render_search(project, site)
    finally:
        search_module.PART_RECORDS = saved
    by_lang: dict[str, list] = {}
    for record in records:
        by_lang.setdefault(record.lang, []).append(record)
    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", site, by_lang
    finally:
        server.shutdown()
        server.server_close()


def test_an_index_in_parts_is_searched_as_one(page: Page, served_in_parts) -> None:
    """The last record of each language sits in the last part; a word of it finds it."""
    url, site, by_lang = served_in_parts
    for lang, records in by_lang.items():
        parts = -(-len(records) // 3)
        assert parts > 1, "the fixture is too small to be indexed in parts"
        assert (site / "search" / "pagefind" / f"{lang}-{parts}" / "pagefind-entry.json").is_file()
        last = records[-1]
        word = max(re.findall(r"\w{4,}", last.text), key=len)
        page.goto(f"{url}search.html?q={quote(word)}&lang={lang}")
        page.locator("body[data-search-ready='true']").wait_for(timeout=20_000)
        expect(page.locator("#search-status")).to_have_text(re.compile(r"results? for"), timeout=20_000)
        # Without the words-to-mark (?hl=) a hit's link to a passage carries.
        hrefs = page.eval_on_selector_all(".search-result a", "links => links.map(a => a.href)")
        hrefs = [re.sub(r"\?[^#]*", "", href) for href in hrefs]
        assert url + last.url in hrefs, (lang, word, hrefs)


def test_results_are_labelled_in_the_readers_interface_language(page: Page, served: Served) -> None:
    """A result's title and where it stands follow the interface language, as every label
    of the page does: the Russian interface shows the Russian title and «Оригинал (…)»."""
    hits = search(page, served, "Филиппов", langs=("ru",))
    assert any(h.where.startswith("Russian original, ¶") for h in hits)
    page.click("button[data-ui-choice='ru']")
    wheres = page.locator(".search-result-where").all_inner_texts()
    assert any(w.startswith("Оригинал (") and "¶" in w for w in wheres), wheres
    titles = page.locator(".search-result-title").all_inner_texts()
    assert any(t.startswith("Шифртелеграмма") for t in titles), titles
