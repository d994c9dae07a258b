"""Search for the published site.

The index is built with Pagefind from the TEI, not by crawling the HTML: a document page
is one HTML page (``<html lang="en">``) holding both languages, and Pagefind keeps one
index per page language, so crawling would stem the Russian text as English. Instead each
alignment unit becomes one search record in its own language, whose URL is the unit's
permalink (``documents/<id>.html#<unit>``); register entries and document titles are
records too. Each unit's record also carries, at a lower weight, every name form of the
registry records it mentions, so that a name in one language finds the passage that
spells it in another, and a real name the passages that use a pseudonym.

Layout in the site::

    search.html                     the search page (scripts/edition/search/search.html)
    search/search.js, search.css    its script and style; search-file.js, a classic script
                                    that runs first and, from file://, says why it cannot search
    search/pagefind/<lang>/         one Pagefind bundle per language

One bundle per language, each loaded as its own Pagefind instance by search.js: Pagefind
stems a query with the language of the instance's primary index only, so a Russian index
merged into an English page's instance would be searched without Russian stemming.

Language handling is Pagefind's own, chosen by each record page's ``<html lang>``: the
Russian bundle uses its Snowball Russian stemmer (Иванов finds Иванову), which also
reads ё as е (еще finds ещё); the English bundle the English one. Nothing else is
configured: tests/test_search_browser.py checks both behaviours in a browser.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .documents import Document, Record, load_documents, load_registers
from .errors import EditionError, Problem
from .lifeline import die_with_parent
from .metadata import EditionMeta, load_edition
from .paths import PACKAGE_DIR, Project
from .progress import progress
from .ui import Words
from .written import Written

SEARCH_DIR = PACKAGE_DIR / "search"
INTERFACE_LANG = "en"
# Names of mentioned registry records count for less than the words of the passage, so
# that a passage with the very word ranks above one that names the same record otherwise.
NAMES_WEIGHT = "0.5"
# Files of a Pagefind bundle that only its ready-made UIs use; search.js uses the API.
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
                       "pagefind-component-ui.css", "pagefind-modular-ui.js",
                       "pagefind-modular-ui.css", "pagefind-highlight.js")


@dataclass(frozen=True)
class SearchRecord:
    """One search result as it will be indexed: a passage, a document or a register entry."""

    url: str  # relative to the site root, with the fragment
    lang: str
    title: str
    where: str
    text: str
    names: tuple[str, ...] = ()
    # The title and "where" in each interface language (("title-ru", "…"), ("where-ru", "…")),
    # which the search page shows in the reader's interface language.
    labels: tuple[tuple[str, str], ...] = ()

    def html(self) -> str:
        """The record as a small HTML page for Pagefind: the text to index and show in
        excerpts, the register names at a lower weight, and what a result displays."""
        meta = [("url", self.url), ("title", self.title), ("where", self.where), *self.labels]
        if self.names:
            meta.append(("names", "; ".join(self.names)))
        head = "".join(f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
                       for key, value in meta)
        names = (f'<p data-pagefind-weight="{NAMES_WEIGHT}">{html.escape(" · ".join(self.names))}</p>'
                 if self.names else "")
        return (f'<!DOCTYPE html><html lang="{self.lang}"><head><meta charset="utf-8">'
                f"<title>{html.escape(self.title)}</title>{head}</head>"
                f'<body><main data-pagefind-body><p>{html.escape(self.text)}</p>{names}</main>'
                f"</body></html>")


def _language_name(docs: Sequence[Document], code: str) -> str:
    for doc in docs:
        if code in doc.languages:
            return doc.languages[code]
    return code


def _labels(words: Words | None, titles: dict[str, str], key: str, *args: str,
            number: str = "") -> tuple[tuple[str, str], ...]:
    """A result's title and "where" in every interface language (``key`` and ``args``: the
    interface string of xslt/html/i18n.xsl; ``number``: the row's ¶ number)."""
    if words is None:
        return ()
    out = []
    for ui in words.langs:
        out.append((f"title-{ui}", titles.get(ui) or titles.get(INTERFACE_LANG, "")))
        out.append((f"where-{ui}", words.text(key, ui, *args) + (f", ¶ {number}" if number else "")))
    return tuple(out)


def search_records(docs: Sequence[Document], registers: dict[str, Record],
                   words: Words | None = None) -> list[SearchRecord]:
    """Every record of the index, in a fixed order (documents in reading order, then the
    register sorted by id), so that the index comes out the same from the same TEI.
    ``words``: the interface's words, for results labelled in every interface language."""
    return list(iter_search_records(docs, registers, words))


def iter_search_records(docs: Sequence[Document], registers: dict[str, Record],
                        words: Words | None = None) -> Iterator[SearchRecord]:
    """The records of :func:`search_records` one by one, as the index takes them."""
    names_of: dict[str, str] = {}  # as _language_name gives them, without a search per unit
    for doc in docs:
        for code, name in doc.languages.items():
            names_of.setdefault(code, name)
    for doc in progress(docs, len(docs), "search records"):
        doc = doc.full()  # noqa: PLW2901 - with its units, one document at a time
        records: list[SearchRecord] = []
        titles = {lang: doc.title(lang) for lang in (words.langs if words else ())}
        for lang, title in doc.titles.items():
            parts = [title]
            if doc.abstracts.get(lang):
                parts.append(doc.abstracts[lang])
            if lang == INTERFACE_LANG:
                parts.extend(doc.keywords)
            records.append(SearchRecord(f"documents/{doc.id}.html", lang, doc.title(INTERFACE_LANG),
                                        "Document", " ".join(parts),
                                        labels=_labels(words, titles, "search-document")))
        for division in doc.divisions:
            side = "original" if division.type == "edition" else "translation"
            where = f"{names_of.get(division.lang, division.lang)} {side}"
            for unit in division.units:
                if not unit.text:
                    continue
                names = tuple(dict.fromkeys(
                    name for rid in unit.mentions if rid in doc.records
                    for name in doc.records[rid].all_names()))
                records.append(SearchRecord(
                    f"documents/{doc.id}.html#{unit.id}", unit.lang, doc.title(INTERFACE_LANG),
                    f"{where}, ¶ {unit.n}" if unit.n else where, unit.text, names,
                    _labels(words, titles, f"{side}-label", f"lang:{division.lang}",
                            number=str(unit.n or ""))))
        yield from records
    for record in registers.values():
        yield from _register_records(record, docs, words)


def _register_records(record: Record, docs: Sequence[Document], words: Words | None) -> list[SearchRecord]:
    langs = list(dict.fromkeys([n.lang for n in record.names] + [lang for lang, _ in record.descriptions]))
    out = []
    for lang in langs:
        own = [n.text for n in record.names if n.lang == lang]
        description = record.description(lang) or ""
        others = tuple(n for n in record.all_names() if n not in own)
        titles = {ui: record.name(ui) for ui in (words.langs if words else ())}
        out.append(SearchRecord(f"{record.register}.html#{record.id}", lang, record.name(INTERFACE_LANG),
                                f"Register of {record.register}", " ".join([*own, description]).strip(),
                                others, _labels(words, titles, f"nav-{record.register}")))
    return out


@dataclass
class SearchReport:
    files: Written = field(default_factory=Written)  # how many files, bytes
    languages: list[str] = field(default_factory=list)
    records: int = 0
    index_seconds: float = 0.0
    parts_indexed: int = 0  # Pagefind runs; the other parts were reused unchanged
    warning: str | None = None


# Records one Pagefind process indexes at most. Pagefind builds its index in memory: for
# records of 60 words, its peak was 123 MiB at 2,000 records, 275 MiB at 5,000 and
# 1,460 MiB at 30,000 (and 676 MiB for the records of 1,000 shipped-like documents). A
# language with more records is indexed in parts, one process after the other, and
# search.js merges the parts into one search (Pagefind's mergeIndex): the peak is one
# part's, whatever the size of the edition.
PART_RECORDS = 2000


def _parts(records: list[SearchRecord]) -> list[list[SearchRecord]]:
    return [records[i:i + PART_RECORDS] for i in range(0, len(records), PART_RECORDS)] or [[]]


def part_folders(lang: str, records: int) -> list[str]:
    """The bundle folders of one language under search/pagefind/: ``<lang>`` for the first
    part (the instance a query runs in), ``<lang>-2``, ``<lang>-3``… for the others."""
    count = max(1, -(-records // PART_RECORDS))
    return [lang] + [f"{lang}-{k}" for k in range(2, count + 1)]


# Written into each part's folder: the hash of what the part was made from (its records'
# pages and the Pagefind version). A part of the published site whose key equals the one
# a build computes is linked into the new site instead of indexed again.
PART_KEY = "edition-part.key"


def _part_key(part: list[SearchRecord]) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(f"pagefind {version('pagefind')}\0".encode())
    for record in part:
        digest.update(record.html().encode("utf-8") + b"\0")
    return digest.hexdigest()


def _reuse(previous: Path | None, target: Path, key: str) -> bool:
    """Link a part of the previous (published) index into ``target`` if its key matches."""
    if previous is None:
        return False
    old = previous / target.name
    try:
        if (old / PART_KEY).read_text(encoding="utf-8") != key:
            return False
        shutil.copytree(old, target, copy_function=os.link)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def _write_bundles(out: Path, by_lang: dict[str, list[SearchRecord]],
                   previous: Path | None = None) -> int:
    """Pagefind bundles of the records of each language (see :class:`_Bundles`). Returns
    how many parts were indexed."""
    with _Bundles(out, list(by_lang), previous) as bundles:
        for records in by_lang.values():
            for record in records:
                bundles.add(record)
    return bundles.indexed


class _Bundles:
    """Pagefind bundles per language, in parts (see PART_RECORDS), by Pagefind's own
    indexer over a folder of record pages. (Its Python API answers each added page after a
    fixed 0.1 s poll, which made the same index take 100 times as long.) Records are added
    one by one, in index order, and a part is indexed as soon as it is full: no more than
    a part's records a language are held, whatever the size of the edition. A record's
    page is named by its position, and its real URL, with the fragment a file name cannot
    carry, is its "url" meta. ``previous``: the published site's search/pagefind/, whose
    parts with an unchanged key are linked instead of indexed again."""

    def __init__(self, out: Path, langs: list[str], previous: Path | None = None) -> None:
        self.out = out
        self.previous = previous
        self.pending: dict[str, list[SearchRecord]] = {lang: [] for lang in langs}
        self.parts = dict.fromkeys(langs, 0)
        self.counts = dict.fromkeys(langs, 0)  # records per language
        self.indexed = 0  # Pagefind runs; the other parts were reused unchanged
        self._tmp = tempfile.TemporaryDirectory(prefix="edition-search-")

    def __enter__(self) -> _Bundles:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        try:
            if kind is None:
                for lang, pending in self.pending.items():
                    if pending or not self.parts[lang]:  # a language without records: one empty part
                        self._index(lang)
        finally:
            self._tmp.cleanup()

    def add(self, record: SearchRecord) -> None:
        """Index ``record`` in its language's bundle; one of a language no bundle is for
        is left out."""
        pending = self.pending.get(record.lang)
        if pending is None:
            return
        pending.append(record)
        self.counts[record.lang] += 1
        if len(pending) == PART_RECORDS:
            self._index(record.lang)

    def _index(self, lang: str) -> None:
        part = self.pending[lang]
        self.parts[lang] += 1
        folder = lang if self.parts[lang] == 1 else f"{lang}-{self.parts[lang]}"
        key = _part_key(part)
        if not _reuse(self.previous, self.out / folder, key):
            pages = Path(self._tmp.name) / folder
            pages.mkdir()
            for i, record in enumerate(part, 1):
                (pages / f"{i:05d}.html").write_text(record.html(), encoding="utf-8")
            cmd = [sys.executable, "-m", "pagefind", "--site", str(pages),
                   "--output-path", str(self.out / folder), "--silent"]
            done = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=die_with_parent)
            if done.returncode != 0 or not (self.out / folder / "pagefind-entry.json").is_file():
                raise EditionError(Problem(self.out / folder, None,
                                           "Pagefind could not build the search index",
                                           (done.stderr or done.stdout).strip()[-2000:]))
            shutil.rmtree(pages)
            for name in UNUSED_BUNDLE_FILES:
                (self.out / folder / name).unlink(missing_ok=True)
            (self.out / folder / PART_KEY).write_text(key, encoding="utf-8")
            self.indexed += 1
        part.clear()


def _environment() -> Environment:
    from .html import TEMPLATES

    # The page extends the site's own layout (edition.html's base.html), so that it has
    # the same header, navigation and footer as every other page.
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(str(SEARCH_DIR)), FileSystemLoader(str(TEMPLATES))]),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_search(project: Project, site: Path | None = None, *, docs: Sequence[Document] | None = None,
                  edition: EditionMeta | None = None,
                  records: dict[str, Record] | None = None, draft: bool = False,
                  previous: Path | None = None) -> SearchReport:
    """Write search.html, its assets and the Pagefind index into the rendered site.
    ``previous``: the published site, whose index parts are reused where unchanged."""
    from .html import STYLESHEET, Settings, content_security_policy, page_context, sections

    site = site or project.build / "site"
    docs = docs if docs is not None else load_documents(project)
    edition = edition or load_edition(project.edition_file)
    report = SearchReport()
    registers = records if records is not None else load_registers(project, docs)
    tei_files = project.tei_documents()
    codes = list(dict.fromkeys(lang for doc in docs for lang in doc.unit_languages()))
    words = None
    if tei_files:
        words = Words.load(STYLESHEET, tei_files[0], {code: _language_name(docs, code) for code in codes})
    # The interface language's bundle first: it is the one a reader most likely types in.
    order = sorted(codes, key=lambda code: (code != INTERFACE_LANG, code))
    report.languages = order

    out = site / "search"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    available = True
    try:
        import pagefind.index  # noqa: F401
    except ImportError:
        available = False
        report.warning = ("search: the Python package pagefind is not installed, so the site has no "
                          "search index; run scripts/setup.sh (or .venv/bin/pip install -e .) to install it")
    # The records go to Pagefind as they are made, a part at a time (_Bundles).
    start = time.perf_counter()
    old = previous / "search" / "pagefind" if previous is not None else None
    counts = dict.fromkeys(order, 0)
    with _Bundles(out / "pagefind", order if available else [],
                  old if old is not None and old.is_dir() else None) as bundles:
        for entry in iter_search_records(docs, registers, words):
            report.records += 1
            if entry.lang in counts:
                counts[entry.lang] += 1
                bundles.add(entry)
    if available:
        report.parts_indexed = bundles.indexed
        report.index_seconds = time.perf_counter() - start

    for asset in ("search.js", "search-file.js", "search.css"):
        shutil.copyfile(SEARCH_DIR / asset, out / asset)
    config = {
        "available": available,
        "languages": [{"code": code, "name": _language_name(docs, code),
                       "bundle": f"search/pagefind/{code}/",
                       "parts": [f"search/pagefind/{folder}/"
                                 for folder in part_folders(code, counts[code])[1:]]}
                      for code in order],
    }
    # The site's policy (edition.html), plus WebAssembly: Pagefind searches in WASM.
    page = _environment().get_template("search.html").render(
        settings=Settings.load(project, draft=draft), sections=sections(True), root="", page_title="Search",
        **page_context(project, project.tei_documents()[0],
                       {c["code"]: c["name"] for c in config["languages"]}),
        csp=content_security_policy(wasm=True),
        config=config, languages=[c["name"] for c in config["languages"]])
    (site / "search.html").write_text(page, encoding="utf-8", newline="\n")
    for folder, _dirs, names in os.walk(out):
        report.files.add_all(Path(folder) / name for name in names)
    report.files.add(site / "search.html")
    return report
