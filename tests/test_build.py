"""`edition build`: incremental, crash-safe, deterministic, and honest about failures.

Every test builds a copy of the project in a temporary folder; most leave the PDFs out
(they have their own tests in test_pdf.py) to keep the runs short, and one builds all."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TEST_SETTINGS, copy_project
from edition.build import Options, run_build
from edition.build import run as build_run
from edition.paths import Project

ROOT = Path(__file__).resolve().parents[1]
TELEGRAM = "1951-07-03-mao-to-filippov"
REPLY = "1951-07-03-filippov-to-mao"
SITE_ONLY = Options(pdf=False, quiet=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder (links followed), by relative path."""
    folder = folder.resolve()
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    folder = folder.resolve()
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file()}


def edit_transcription(project: Project, doc_id: str, old: str, new: str) -> None:
    path = project.documents / doc_id / "en.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    witness = project.documents / doc_id / "witness" / "en.txt"
    witness.write_text(witness.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project", TEST_SETTINGS)


def test_a_build_publishes_the_site_through_the_current_tree(project: Project) -> None:
    report = run_build(project, SITE_ONLY)
    assert not report.failed
    site = project.build / "site"
    assert site.is_symlink() and (site / "index.html").is_file()
    assert (site / "documents" / f"{TELEGRAM}.html").is_file()
    assert report.documents == 2 and report.pages >= 5


def test_a_no_op_rebuild_changes_nothing(project: Project) -> None:
    run_build(project, SITE_ONLY)
    before, times = snapshot(project.build / "site"), mtimes(project.build / "site")
    tree = (project.build / ".trees" / "current").resolve()
    report = run_build(project, SITE_ONLY)
    assert report.reused == ["everything"]
    assert (project.build / ".trees" / "current").resolve() == tree
    assert snapshot(project.build / "site") == before
    assert mtimes(project.build / "site") == times


def test_touching_a_file_without_changing_it_rebuilds_nothing(project: Project) -> None:
    run_build(project, SITE_ONLY)
    (project.documents / TELEGRAM / "en.txt").touch()
    report = run_build(project, SITE_ONLY)
    assert report.reused == ["site"]
    assert "site" not in report.seconds


def test_changing_one_document_rewrites_its_tei_and_rebuilds_the_site(project: Project) -> None:
    run_build(project, SITE_ONLY)
    reply_tei = (project.tei / f"{REPLY}.xml").read_bytes()
    before = snapshot(project.build / "site")
    edit_transcription(project, TELEGRAM, "Comrade", "Comrade-EDITED")
    report = run_build(project, SITE_ONLY)
    assert not report.failed and "site" in report.seconds
    assert (project.tei / f"{REPLY}.xml").read_bytes() == reply_tei
    after = snapshot(project.build / "site")
    changed = {path for path in after if before.get(path) != after[path]}
    assert f"documents/{TELEGRAM}.html" in changed
    assert f"documents/{REPLY}.html" not in changed


def test_after_one_document_changes_the_others_dts_files_are_linked_not_made_again(
        project: Project) -> None:
    run_build(project, SITE_ONLY)
    passages = project.build / "site" / "data" / "dts" / "document"
    before = {p.name: p.stat().st_ino for p in passages.iterdir()}
    edit_transcription(project, TELEGRAM, "Comrade", "Comrade-EDITED")
    run_build(project, SITE_ONLY)
    after = {p.name: p.stat().st_ino for p in passages.iterdir()}
    reply = [name for name in after if name.startswith(REPLY)]
    telegram = [name for name in after if name.startswith(TELEGRAM)]
    assert reply and all(after[name] == before[name] for name in reply)
    assert telegram and all(after[name] != before.get(name) for name in telegram)
    # What the incremental build published is what a clean build makes.
    incremental = snapshot(project.build / "site")
    shutil.rmtree(project.build)
    run_build(project, SITE_ONLY)
    assert snapshot(project.build / "site") == incremental


def test_a_changed_stylesheet_rebuilds_exactly_the_stage_made_with_it(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in for a print stylesheet: the PDF stage is made with it, the site is not.
    stylesheet = tmp_path / "print-extra.xsl"
    stylesheet.write_text("<!-- version 1 -->")
    monkeypatch.setattr(build_run, "PDF_CODE", (*build_run.PDF_CODE, stylesheet))
    made: list[str] = []
    monkeypatch.setattr(build_run, "make_pdf",
                        lambda project, tree, options, store: (made.append("pdf"), (tree / "pdf").mkdir()))
    run_build(project, Options(quiet=True))
    assert made == ["pdf"]
    stylesheet.write_text("<!-- version 2 -->")
    report = run_build(project, Options(quiet=True))
    assert made == ["pdf", "pdf"]
    assert report.reused == ["site"]


def test_a_failing_document_is_reported_and_the_others_are_built(project: Project) -> None:
    run_build(project, SITE_ONLY)
    old_telegram = (project.tei / f"{TELEGRAM}.xml").read_bytes()
    (project.documents / TELEGRAM / "ru.txt").write_text("p @p1 | {unbalanced\n", encoding="utf-8")
    edit_transcription(project, REPLY, "Comrade", "Comrade-EDITED")
    report = run_build(project, SITE_ONLY)
    assert list(report.failed) == [TELEGRAM]
    assert (project.tei / f"{TELEGRAM}.xml").read_bytes() == old_telegram
    page = (project.build / "site" / "documents" / f"{REPLY}.html").read_text(encoding="utf-8")
    assert "Comrade-EDITED" in page
    assert (project.build / "site" / "documents" / f"{TELEGRAM}.html").is_file()


def test_the_command_exits_1_when_a_document_failed(project: Project, capsys) -> None:
    from edition.cli import main

    (project.documents / TELEGRAM / "ru.txt").write_text("p @p1 | {unbalanced\n", encoding="utf-8")
    assert main(["--root", str(project.root), "build", "--no-pdf"]) == 1
    err = capsys.readouterr().err
    assert "ru.txt:1" in err and "failed" in err


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = copy_project(tmp_path / "a", TEST_SETTINGS), copy_project(tmp_path / "b", TEST_SETTINGS)
    run_build(first, Options(quiet=True))
    run_build(second, Options(quiet=True))
    a, b = snapshot(first.build / "site"), snapshot(second.build / "site")
    assert a.keys() == b.keys()
    assert [path for path in a if a[path] != b[path]] == []
    assert snapshot(first.build / "pdf") == snapshot(second.build / "pdf")
    assert snapshot(first.build / "pdf")


def _command(project: Project) -> list[str]:
    return [sys.executable, "-m", "edition.cli", "--root", str(project.root), "build", "--no-pdf"]


def _new_tree(project: Project, current: Path) -> Path | None:
    trees = [p for p in (project.build / ".trees").glob("tree-*") if p.resolve() != current]
    return trees[0] if trees else None


# When to kill: while starting up; once the new tree exists (encoding done, rendering
# begun); once the new tree holds pages (rendering nearly done, not yet published).
KILL_POINTS = {
    "starting": lambda project, current: True,
    "rendering": lambda project, current: _new_tree(project, current) is not None,
    "publishing": lambda project, current: (tree := _new_tree(project, current)) is not None
    and (tree / "site" / "index.html").is_file(),
}


@pytest.mark.parametrize("point", sorted(KILL_POINTS))
def test_a_build_killed_half_way_leaves_the_previous_build_intact(project: Project, point: str) -> None:
    subprocess.run(_command(project), check=True, capture_output=True)
    before = snapshot(project.build / "site")
    current = (project.build / ".trees" / "current").resolve()
    edit_transcription(project, TELEGRAM, "Comrade", "Comrade-EDITED")
    process = subprocess.Popen(_command(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not KILL_POINTS[point](project, current) and process.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the build ended before the kill point"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(project.build / "site") == before
    # and the next build completes from whatever the killed one left
    subprocess.run(_command(project), check=True, capture_output=True)
    page = project.build / "site" / "documents" / f"{TELEGRAM}.html"
    assert "Comrade-EDITED" in page.read_text(encoding="utf-8")
    assert [p.name for p in (project.build / ".trees").iterdir() if p.name != "current"] == \
        [(project.build / ".trees" / "current").resolve().name]


# --- draft register records: publishing them is the editor's explicit choice ------------------

def _with_a_draft(tmp_path: Path) -> Project:
    from conftest import fixture_project

    project = fixture_project(tmp_path)
    places = project.registry / "places.toml"
    places.write_text(places.read_text(encoding="utf-8").replace(
        "[northtown]\n", "[northtown]\nstatus = \"draft\"\n"), encoding="utf-8")
    return project


def test_the_build_refuses_drafts_unless_the_editor_allows_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from edition.cli import main as cli

    project = _with_a_draft(tmp_path)
    assert cli(["--root", str(project.root), "build", "--no-pdf"]) == 1
    err = capsys.readouterr().err
    assert "places.toml:3" in err and "northtown" in err and "allow_drafts = true" in err
    assert not (project.root / "build").exists() and not project.tei.exists()


def test_allowed_drafts_are_built_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _with_a_draft(tmp_path)
    settings = project.edition_file
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[edition]\n", "[edition]\nallow_drafts = true\n"), encoding="utf-8")
    build_run._check_drafts(project)
    err = capsys.readouterr().err
    assert "warning: 1 draft register record(s)" in err and "northtown (places.toml:3)" in err
# --- publishing and drafts ------------------------------------------------------------------

def _settings(project: Project, old: str, new: str) -> None:
    text = project.edition_file.read_text(encoding="utf-8")
    assert old in text
    project.edition_file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _cli(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "edition.cli", "--root", str(project.root), "build",
                           "--no-pdf", *args], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("base", ["", "https://example.org/edition/"])
def test_a_publishing_build_without_a_real_address_is_refused(project: Project, base: str) -> None:
    _settings(project, 'base_url = "https://edition.test/edition/"', f'base_url = "{base}"')
    result = _cli(project)
    assert result.returncode == 1
    assert "base_url" in result.stderr and "edition build --draft" in result.stderr
    assert "edition.toml:" in result.stderr  # the file and line to fix
    assert not (project.build / "site").exists()


def test_a_publishing_build_without_editors_is_refused(project: Project) -> None:
    text = project.edition_file.read_text(encoding="utf-8")
    project.edition_file.write_text(text.split("[[edition.editors]]")[0], encoding="utf-8")
    result = _cli(project)
    assert result.returncode == 1 and "no editor is named" in result.stderr


def test_a_draft_says_so_on_every_page_and_carries_no_address(project: Project) -> None:
    _settings(project, 'base_url = "https://edition.test/edition/"', 'base_url = ""')
    result = _cli(project, "--draft-unless-published")
    assert result.returncode == 0, result.stderr
    assert "DRAFT" in result.stdout
    site = project.build / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="draft-banner"' in html, page
        assert '<meta name="robots" content="noindex, nofollow">' in html, page
        assert 'rel="canonical"' not in html, page
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".jsonld", ".xml", ".bib", ".ris", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert "example.org" not in text and "edition.test" not in text, path


def test_with_an_address_and_editors_the_same_command_publishes(project: Project) -> None:
    result = _cli(project, "--draft-unless-published")
    assert result.returncode == 0, result.stderr
    assert "DRAFT" not in result.stdout
    html = (project.build / "site" / "documents" / f"{TELEGRAM}.html").read_text(encoding="utf-8")
    assert "draft-banner" not in html
    assert f'<link rel="canonical" href="https://edition.test/edition/documents/{TELEGRAM}.html">' in html


def test_a_tree_is_link_copied_and_removed_entry_by_entry(tmp_path: Path) -> None:
    """The build reuses and removes trees of millions of files without reading a folder's
    listing whole: hard links for files, the same links, nested folders; removing follows
    no link out of the tree."""
    from edition.build.trees import link_copy, remove

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("kept")
    tree = tmp_path / "tree"
    (tree / "a" / "b").mkdir(parents=True)
    for i in range(300):
        (tree / "a" / f"{i}.json").write_text(str(i))
    (tree / "a" / "b" / "deep.txt").write_text("deep")
    (tree / "top.html").write_text("top")
    (tree / "to-file").symlink_to("top.html")
    (tree / "to-outside").symlink_to(outside, target_is_directory=True)

    copy = tmp_path / "copy"
    link_copy(tree, copy)
    files = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*"))
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*")) == files
    assert (copy / "a" / "7.json").stat().st_ino == (tree / "a" / "7.json").stat().st_ino
    assert os.readlink(copy / "to-file") == "top.html"
    assert (copy / "to-outside").is_symlink()

    remove(tree)
    remove(copy)
    assert not tree.exists() and not copy.exists()
    assert (outside / "keep.txt").read_text() == "kept"
