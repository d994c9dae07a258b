"""Shared fixtures: the HTML site built into temporary folders, a local HTTP server for
each, and Debian's Chromium for pytest-playwright.

Two sites are built once per session: ``edition`` from the repository's tei/ (the real
documents) and ``fixture`` from tests/fixtures/html/tei (small invented documents whose
every feature is known); a third, ``hostile`` (tests/fixtures/html/hostile: markup that
would run script if it were not escaped), when a test asks for it. Nothing depends on a
prior ``edition build``; the PDF stage is not run (see test_site_browser's crawl).
"""

from __future__ import annotations

import functools
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from edition.paths import Project

REPO = Path(__file__).resolve().parents[1]
# The edition settings every test project gets (never the shipped source/edition.toml).
TEST_SETTINGS = REPO / "tests" / "fixtures" / "edition.toml"
# The tests' frozen copy of the first edition (source/ and tei/): tests never read the
# project's own source/ and tei/, which editors change (tests/fixtures/corpus/README.md).
CORPUS = REPO / "tests" / "fixtures" / "corpus"
FIXTURE_TEI = REPO / "tests" / "fixtures" / "html" / "tei"
HOSTILE_TEI = REPO / "tests" / "fixtures" / "html" / "hostile"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, never a downloaded browser (`playwright install` is not used)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS,
            "headless": True}


@dataclass(frozen=True)
class BuiltSite:
    """A site rendered for the tests, and where it is served."""

    name: str
    project: Project
    path: Path
    seconds: float
    url: str = ""

    @property
    def documents(self) -> list[str]:
        return sorted(p.stem for p in (self.path / "documents").glob("*.html"))

    @property
    def pages(self) -> list[str]:
        """Every HTML page, as a path relative to the site root."""
        return sorted(p.relative_to(self.path).as_posix() for p in self.path.rglob("*.html")
                      if not p.is_symlink())


def copy_project(folder: Path, settings: Path | None = None) -> Project:
    """A throwaway copy of the tests' copy of the first edition (tests/fixtures/corpus):
    source/ and tei/ (and a marker file so that Project.locate finds it). ``settings``:
    edition settings to install instead of the copied ones (TEST_SETTINGS for a publishing
    build; tei/ is then stale until encoded)."""
    for name in ("source", "tei"):
        shutil.copytree(CORPUS / name, folder / name)
    if settings is not None:
        shutil.copyfile(settings, folder / "source" / "edition.toml")
    (folder / "pyproject.toml").write_text("")
    return Project(folder)


def generated_project(folder: Path, documents: int) -> Project:
    """A throwaway project of ``documents`` generated documents (benchmarks/generate.py:
    shaped like the shipped ones, replies among them) with the tests' settings. No tei/ yet."""
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    generate(documents, folder)
    shutil.copyfile(TEST_SETTINGS, folder / "source" / "edition.toml")
    return Project(folder)


FIXTURE_PROJECT = REPO / "tests" / "fixtures" / "project"


def fixture_project(folder: Path) -> Project:
    """A throwaway copy of the tests' own project (tests/fixtures/project: invented
    documents and registry), independent of what source/ holds today. No tei/ yet."""
    shutil.copytree(FIXTURE_PROJECT / "source", folder / "source")
    (folder / "pyproject.toml").write_text("")
    return Project(folder)


def make_project(folder: Path, tei_dir: Path) -> Project:
    """A throwaway project: the tests' edition settings and the given TEI files."""
    (folder / "source").mkdir(parents=True)
    shutil.copyfile(TEST_SETTINGS, folder / "source" / "edition.toml")
    shutil.copytree(tei_dir, folder / "tei")
    return Project(folder)


def _build(name: str, tei_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from edition.html import render_site

    if not sorted(tei_dir.glob("*.xml")):
        pytest.fail(f"no TEI files in {tei_dir} to build the {name} site from")
    project = make_project(tmp_path_factory.mktemp(f"site-{name}"), tei_dir)
    start = time.perf_counter()
    path = render_site(project)
    return BuiltSite(name, project, path, time.perf_counter() - start)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(site: BuiltSite) -> Iterator[BuiltSite]:
    """Serve the site on 127.0.0.1 (a free port) from a thread for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(site.path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield BuiltSite(site.name, site.project, site.path, site.seconds,
                        f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The real documents (tei/), built and served."""
    yield from _serve(_build("edition", CORPUS / "tei", tmp_path_factory))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The invented test documents (tests/fixtures/html/tei), built and served."""
    yield from _serve(_build("fixture", FIXTURE_TEI, tmp_path_factory))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """A document whose source texts carry script and markup payloads, built and served."""
    yield from _serve(_build("hostile", HOSTILE_TEI, tmp_path_factory))


@pytest.fixture(scope="session", params=["edition", "fixture"])
def site(request: pytest.FixtureRequest) -> BuiltSite:
    """Each built site in turn."""
    return request.getfixturevalue(f"{request.param}_site")
