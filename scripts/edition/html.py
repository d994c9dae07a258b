"""Render the HTML edition: tei/*.xml -> build/site/.

Two mechanisms, one per kind of page:

- a document page is a function of one TEI file: ``xslt/html.xsl`` renders it whole
  (compiled once, reused for every document);
- pages that span documents (home, registers, about) are rendered by jinja2 from the JSON
  summary the same stylesheet gives of each document (named template ``site-data``).

Layout of the site (all links relative, so it works over HTTP and from file://)::

    index.html  about.html  persons.html  places.html  organisations.html  events.html
    documents/<id>.html     tei/<id>.xml     text/<id>.<lang>.txt
    assets/edition.css      assets/edition.js
    pdf/<id>.pdf            (not written here: the build copies the PDF stage's output in)

Every page carries the Content-Security-Policy :data:`CSP` as a ``<meta http-equiv>``: it
allows the site's own files only and no inline script, so that even a text that escaped
escaping could neither run code nor make a request outside the site.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import __version__
from .errors import EditionError, Problem
from .fingerprint import Store, code_hash, hash_bytes
from .metadata import load_edition
from .paths import PACKAGE_DIR, XSLT_DIR, Project
from .progress import progress
from .summaries import Occurrences, Summaries, markup, write_text
from .summaries import registers as registers_of
from .ui import Words
from .workers import pool_map, use_pool
from .xsltrun import transform

STYLESHEET = XSLT_DIR / "html.xsl"
SITE_DIR = PACKAGE_DIR / "site"
TEMPLATES = SITE_DIR / "templates"
ASSETS = SITE_DIR / "assets"

# Register pages in navigation order: (register key as html.xsl's edn:register gives it,
# page title, singular label). The XSLT's $site-sections lists the same pages.
REGISTERS: tuple[tuple[str, str], ...] = (
    ("persons", "Persons"),
    ("places", "Places"),
    ("organisations", "Organisations"),
    ("events", "Events"),
)


def sections(search: bool = False) -> tuple[tuple[str, str], ...]:
    """The navigation: (href from the site root, key of its label in xslt/html/i18n.xsl);
    the search page when there is one."""
    return (
        ("index.html", "nav-documents"),
        *((f"{key}.html", f"nav-{key}") for key, _ in REGISTERS),
        *((("search.html", "nav-search"),) if search else ()),
        ("about.html", "nav-about"),
    )


# The language the edition's own prose (notes, registers, titles) is written in (html.xsl
# $interface-lang); the interface itself is in every language of xslt/html/i18n.xsl.
INTERFACE_LANG = "en"
# The interface languages' own names, for the switch.
UI_LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def page_context(project: Project, tei_file: Path, document_languages: dict[str, str]) -> dict[str, Any]:
    """What base.html needs besides the page's own values: the interface's words
    (edition.ui, from xslt/html/i18n.xsl), its languages, the edition's prose language."""
    words = Words.load(STYLESHEET, tei_file, document_languages)
    return {"ui": words.function(), "ui_langs": words.langs, "interface_lang": INTERFACE_LANG,
            "ui_table": lambda *keys: {k: dict(words.strings[k]) for k in keys},
            "ui_lang_names": {lang: UI_LANGUAGE_NAMES.get(lang, lang) for lang in words.langs}}


SECTIONS = sections(search=False)



def content_security_policy(script_hashes: Iterable[str] = (), *, wasm: bool = False) -> str:
    """The policy of every page: nothing but the site's own files ('self'), no inline
    script unless its hash is listed (``script_hash``), no plugins, no <base>, forms only
    to the site. ``wasm``: allow compiling WebAssembly (a search engine may need it).
    JSON-LD (``<script type="application/ld+json">``) is a data block that browsers never
    run, so it needs no hash."""
    script = ["'self'", *(f"'{h}'" for h in script_hashes), *(["'wasm-unsafe-eval'"] if wasm else [])]
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(script),
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def script_hash(source: str) -> str:
    """The CSP source for one inline script, exactly as written between its tags."""
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


CSP = content_security_policy()


@dataclass(frozen=True)
class Settings:
    """Edition-wide values from source/edition.toml that pages show or cite."""

    title: str
    title_ru: str
    short_title: str
    base_url: str          # "" in a draft: pages then carry no public address at all
    publisher: str
    licence: str
    licence_url: str
    draft: bool = False    # a draft build: banner, noindex, no canonical or citation URL
    editors: tuple[tuple[str, str, str], ...] = ()   # (name, role label, ORCID URL)

    @classmethod
    def load(cls, project: Project, *, draft: bool = False) -> Settings:
        edition = load_edition(project.edition_file)
        return cls(
            title=edition.title["en"],
            title_ru=edition.title.get("ru", ""),
            short_title=edition.short_title or edition.title["en"],
            base_url="" if draft else edition.base_url,
            publisher=edition.publisher,
            licence=edition.licence,
            licence_url=edition.licence_url,
            draft=draft,
            editors=tuple((e.name, e.role_label, e.orcid_url) for e in edition.editors),
        )

    def xslt_params(self) -> dict[str, Any]:
        return {
            "edition-title": self.title,
            "short-title": self.short_title,
            "base-url": self.base_url,
            "publisher": self.publisher,
            "licence": self.licence,
            "licence-url": self.licence_url,
            "draft": self.draft,
            "csp": CSP,
        }


# What the site's pages are made with, besides the TEI and the settings (their key).
CODE: tuple[Path, ...] = (XSLT_DIR / "common.xsl", STYLESHEET, XSLT_DIR / "html", Path(__file__), SITE_DIR,
                          PACKAGE_DIR / "xsltrun.py")


def document_data(tei_file: Path) -> dict[str, Any]:
    """The JSON summary html.xsl gives of one document."""
    return document_data_from(_data_json(tei_file))


def document_data_from(text: str) -> dict[str, Any]:
    return markup(json.loads(text))


def _data_json(tei_file: Path) -> str:
    return transform(STYLESHEET, tei_file, params={"csp": CSP}, initial_template="site-data",
                     string_value=True)


def document_page(tei_file: Path, settings: Settings, *, search: bool = False,
                  titles: dict[str, str] | None = None) -> str:
    """The document page, as html.xsl renders it (``search``: link the search page;
    ``titles``: the titles of other documents by id, for the correspondence chain)."""
    return transform(STYLESHEET, tei_file, params={**settings.xslt_params(), "search": search,
                                                   "titles": titles or {}})


def _job(task: tuple[str, Path, Settings | None, bool, dict[str, str]]) -> str:
    """One transform, in whichever process runs it: ("data", file…) or ("page", file…)."""
    kind, tei_file, settings, search, titles = task
    if kind == "data":
        return _data_json(tei_file)
    assert settings is not None
    return document_page(tei_file, settings, search=search, titles=titles)


# Below this many transforms a pool costs more (its processes start and compile the
# stylesheet) than it saves.
POOL_THRESHOLD = 16


def _run_jobs(tasks: list[tuple[str, Path, Settings | None, bool, dict[str, str]]],
              jobs: int) -> Iterator[str]:
    """The tasks' results in order, as they are made."""
    if not use_pool(jobs, len(tasks), POOL_THRESHOLD):
        yield from map(_job, tasks)
        return
    # spawn, not fork: each worker starts its own saxonche (a forked native runtime is
    # not something to rely on).
    yield from progress(pool_map(_job, tasks, jobs=jobs, context="spawn",
                                 chunksize=max(1, len(tasks) // (jobs * 16))),
                        len(tasks), f"html {tasks[0][0]}")


def _memo(store: Store | None, files: list[Path], key_of: Callable[[Path], str], kind: str,
          task_of: Callable[[Path], tuple[str, Path, Settings | None, bool, dict[str, str]]],
          jobs: int) -> Iterator[tuple[Path, str]]:
    """Each file's result, from the store when its key is there, else made (in parallel):
    the stored ones first, then the made ones as they come, so that a caller writing them
    out holds one at a time."""
    keys = {path: key_of(path) for path in files} if store is not None else {}
    missing = []
    for path in files:
        cached = store.get(kind, keys[path]) if store is not None else None
        if cached is None:
            missing.append(path)
        else:
            yield path, cached.decode("utf-8")
    for path, text in zip(missing, _run_jobs([task_of(p) for p in missing], jobs), strict=True):
        if store is not None:
            store.put(kind, keys[path], text.encode("utf-8"))
        yield path, text


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def _write(path: Path, text: str) -> None:
    write_text(path, text)


def _stream(path: Path, template: Any, **context: Any) -> None:
    """Render a page into its file as the template produces it: a page that lists every
    document or occurrence is never held whole (the same bytes as ``_write``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        template.stream(**context).dump(handle)


def render_site(project: Project, out: Path | None = None, *, search: bool = False,
                store: Store | None = None, jobs: int = 1, draft: bool = False) -> Path:
    """Render the whole site into ``out`` (default build/site/), replacing what was there.
    ``search``: the build will add the search page (edition.search); the navigation of
    every page links it. ``draft``: a draft build (docs/html.md). ``store``: reuse the
    transforms of earlier builds whose inputs are unchanged (edition.fingerprint).
    ``jobs``: processes for the transforms."""
    tei_files = project.tei_documents()
    if not tei_files:
        raise EditionError(Problem(project.tei, None, "no TEI files to render",
                                   "run `edition encode` first"))
    settings = Settings.load(project, draft=draft)
    site = out or project.build / "site"
    if site.is_symlink() or site.is_file():
        site.unlink()
    elif site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)

    # Two passes: the summaries first (they give the titles the pages' chain links need),
    # then the pages. Each result is kept in the store by a key of what it is made from.
    # A summary is reduced as it arrives (edition.summaries): the texts are written out at
    # once, and what the pages that span documents need is kept in one copy, so that the
    # memory does not grow with the size of every document.
    with tempfile.TemporaryDirectory(prefix="edition-site-") as tmp:
        occurrences = Occurrences(Path(tmp))
        try:
            _render_pages(project, site, settings, tei_files, search, store, jobs, occurrences, Path(tmp))
        finally:
            occurrences.close()
    shutil.copytree(ASSETS, site / "assets")
    # Pages link pdf/<id>.pdf; the build copies the PDF stage's build/pdf/*.pdf there
    # (a copy, not a link, so that the site folder can be published as it is).
    return site


def _render_pages(project: Project, site: Path, settings: Settings, tei_files: list[Path], search: bool,
                  store: Store | None, jobs: int, occurrences: Occurrences, spool: Path) -> None:
    tei = {path: hash_bytes(path.read_bytes()) for path in tei_files}
    code = code_hash(*CODE)
    reduced = Summaries(site, occurrences, spool)
    for path, text in _memo(store, tei_files, lambda p: hash_bytes("data", code, tei[p]),
                            "html-data", lambda p: ("data", p, None, search, {}), jobs):
        reduced.add(path, text)
    heads = reduced.heads
    titles = {head.id: head.title for head in heads.values()}

    def neighbours(path: Path) -> dict[str, str]:
        head = heads[path]
        return {i: titles[i] for i in (*head.prev, *head.next) if i in titles}

    params = json.dumps(settings.xslt_params(), sort_keys=True)
    pages = _memo(store, tei_files, lambda p: hash_bytes("page", code, params, str(search), tei[p],
                                                         json.dumps(neighbours(p), sort_keys=True)),
                  "html-page", lambda p: ("page", p, settings, search, neighbours(p)), jobs)
    for tei_file, page in pages:
        _write(site / "documents" / f"{heads[tei_file].id}.html", page)
    docs = reduced.in_reading_order(tei_files)

    env = _environment()
    lang_names = {lang["code"]: lang["name"] for d in docs for lang in d["languages"]}
    common = {"settings": settings, "sections": sections(search), "root": "", "lang_names": lang_names,
              "csp": CSP, **page_context(project, tei_files[0], lang_names)}
    _stream(site / "index.html", env.get_template("index.html"),
            **common, documents=docs, titles=titles, page_title="Documents")
    registers = registers_of(docs, occurrences, [key for key, _ in REGISTERS])
    for key, title in REGISTERS:
        _stream(site / f"{key}.html", env.get_template("register.html"),
                **common, register=key, page_title=title, entries=registers[key], titles=titles)
    about = list(dict.fromkeys(d["about_html"] for d in docs if d["about_html"]))
    published = max((d["published"] for d in docs if d.get("published")), default="")
    _stream(site / "about.html", env.get_template("about.html"),
            **common, page_title="About this edition", documents=docs, published=published,
            version=__version__)
    _write(site / "encoding.html", env.get_template("encoding.html").render(
        **common, page_title="How the documents are encoded", about=[Markup(a) for a in about]))
