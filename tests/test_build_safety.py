"""`edition build` under faults: killed builds, failed builds, two builds at once.

The rule under test: every file of the published tree is made by the build that
published it, or reused from the previously *published* tree under a key that proves its
inputs unchanged. So after any kill or failure, one more build gives exactly what a clean
build of the same sources gives, and nothing (no process, no temporary folder) is left.

The default runs use the shipped-like project of two documents and leave the PDFs out;
the 1,000-document run with five kill points is marked ``slow``."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import TEST_SETTINGS, copy_project
from edition.build import FAULT_POINTS, Options, run_build
from edition.paths import Project
from mounts import mounted

ROOT = Path(__file__).resolve().parents[1]
TELEGRAM = "1951-07-03-mao-to-filippov"
SITE_ONLY = Options(pdf=False, quiet=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below a folder (links followed), by relative path."""
    folder = folder.resolve()
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def edit_register(project: Project, old: str, new: str) -> None:
    """Change a register record's description: every document naming it changes."""
    path = project.registry / "persons.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_description(project: Project) -> str:
    """The start of the first English description in persons.toml (edits append to it)."""
    assert 'description.en = "' in (project.registry / "persons.toml").read_text(encoding="utf-8")
    return 'description.en = "'


def command(project: Project, *extra: str) -> list[str]:
    return [sys.executable, "-m", "edition.cli", "--root", str(project.root), "build", *extra]


def run(project: Project, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(project, *extra), capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def clean_build(sources: Project, folder: Path, *extra: str) -> dict[str, bytes]:
    """What a clean build of the same sources publishes."""
    clean = Project(folder)
    for name in ("source", "tei"):
        shutil.copytree(sources.root / name, folder / name)
    (folder / "pyproject.toml").write_text("")
    done = run(clean, *extra)
    assert done.returncode == 0, done.stderr
    return snapshot(clean.build / "site")


def marked_processes(mark: str) -> list[int]:
    """Processes whose environment carries ``mark`` (a build and everything it started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if f"EDITION_TEST_MARK={mark}".encode() in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_gone(mark: str, seconds: float = 10.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := marked_processes(mark)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A project built once; tests copy it (build/ included) and change the copy."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project", TEST_SETTINGS)
    done = run(project, "--no-pdf")
    assert done.returncode == 0, done.stderr
    return project


def copy_built(built: Project, folder: Path) -> Project:
    shutil.copytree(built.root, folder, symlinks=True)
    return Project(folder)


# --------------------------------------------------------------------------- stale data

def test_a_failed_build_never_leaves_stale_dts_files_in_a_later_build(built: Project, tmp_path: Path) -> None:
    """The adversarial run's repro: build, change a register description, a build that
    fails after the site stage (no fonts for the PDFs), build, build --force. The DTS
    passages must carry the change, as a clean build's do."""
    project = copy_built(built, tmp_path / "project")
    description = first_description(project)
    edit_register(project, description, description + "CHANGED-IN-REGISTER ")
    nofonts = tmp_path / "fonts.conf"
    nofonts.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    failed = run(project, env={"FONTCONFIG_FILE": str(nofonts)})
    assert failed.returncode == 2, failed.stderr  # a missing font: the command could not run
    assert "font" in failed.stderr and "Traceback" not in failed.stderr
    assert run(project, "--no-pdf").returncode == 0
    passages = project.build / "site" / "data" / "dts" / "document"
    changed = [p for p in passages.iterdir() if "CHANGED-IN-REGISTER" in p.read_text(encoding="utf-8")]
    assert changed, "the DTS passages still show the old register description"
    assert differences(snapshot(project.build / "site"),
                       clean_build(project, tmp_path / "clean", "--no-pdf")) == []
    assert run(project, "--no-pdf", "--force").returncode == 0
    assert differences(snapshot(project.build / "site"),
                       clean_build(project, tmp_path / "clean2", "--no-pdf")) == []


def test_force_takes_nothing_from_the_cache(built: Project, tmp_path: Path) -> None:
    """--force makes every result again: a corrupted cache entry does not survive it."""
    project = copy_built(built, tmp_path / "project")
    for entry in (project.build / ".cache").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"corrupted")
    description = first_description(project)
    edit_register(project, description, description + "X ")
    assert run(project, "--no-pdf", "--force").returncode == 0
    assert differences(snapshot(project.build / "site"),
                       clean_build(project, tmp_path / "clean", "--no-pdf")) == []


@pytest.mark.parametrize("point", [p for p in FAULT_POINTS if p != "pdf"])
def test_a_build_killed_at_any_point_then_rebuilt_equals_a_clean_build(
        built: Project, tmp_path: Path, point: str) -> None:
    project = copy_built(built, tmp_path / "project")
    description = first_description(project)
    edit_register(project, description, description + "FIRST-EDIT ")
    mark = uuid.uuid4().hex
    killed = run(project, "--no-pdf", env={"EDITION_FAULT_AT": point, "EDITION_TEST_MARK": mark})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert wait_gone(mark) == []
    # a second change after the kill: what the killed build made must not be reused
    edit_register(project, description + "FIRST-EDIT ", description + "SECOND-EDIT ")
    assert run(project, "--no-pdf").returncode == 0
    assert differences(snapshot(project.build / "site"),
                       clean_build(project, tmp_path / "clean", "--no-pdf")) == []
    trees = [p.name for p in (project.build / ".trees").iterdir() if p.name != "current"]
    assert trees == [(project.build / ".trees" / "current").resolve().name]


def test_ctrl_c_during_the_pdfs_leaves_the_published_build_and_a_rebuild_equals_a_clean_build(
        built: Project, tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the build's whole process group, as a terminal sends it) while
    the PDFs are being laid out: the build stops, its workers with it, build/site is the
    previous build's, and the next build publishes what a clean build publishes."""
    project = copy_built(built, tmp_path / "project")
    before = snapshot(project.build / "site")
    description = first_description(project)
    edit_register(project, description, description + "INTERRUPTED ")
    mark = uuid.uuid4().hex
    build = subprocess.Popen(command(project, "--jobs", "2"), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, start_new_session=True,
                             env={**os.environ, "EDITION_TEST_MARK": mark},
                             # as from a terminal, even when these tests run in the
                             # background of a shell (which starts them ignoring SIGINT)
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    trees = project.build / ".trees"
    deadline = time.monotonic() + 600
    while not [t for t in trees.glob("tree-*/pdf/*.pdf")] and build.poll() is None:
        assert time.monotonic() < deadline, "the PDF stage never began"
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it could be interrupted"
    os.killpg(build.pid, signal.SIGINT)
    _, err = build.communicate(timeout=120)
    assert build.returncode in (130, -signal.SIGINT), err
    assert "Traceback" not in err
    assert wait_gone(mark) == []
    assert snapshot(project.build / "site") == before
    assert run(project, "--no-pdf").returncode == 0
    assert differences(snapshot(project.build / "site"),
                       clean_build(project, tmp_path / "clean", "--no-pdf")) == []
    assert [p.name for p in trees.iterdir() if p.name != "current"] == [(trees / "current").resolve().name]


def test_a_build_with_nothing_to_do_still_removes_what_a_killed_build_left(
        built: Project, tmp_path: Path) -> None:
    """A build killed while removing the previous tree (after publishing its own) leaves
    that tree half-removed; the next build, even with nothing to rebuild, removes it."""
    project = copy_built(built, tmp_path / "project")
    assert run(project, "--no-pdf").returncode == 0  # the copy's own build: the next has nothing to do
    trees = project.build / ".trees"
    left = trees / "tree-killed-while-removed"
    (left / "site" / "documents").mkdir(parents=True)
    (left / "site" / "documents" / "page.html").write_text("<html/>")
    done = run(project, "--no-pdf")
    assert done.returncode == 0 and "nothing changed" in done.stdout, done.stdout + done.stderr
    assert [p.name for p in trees.iterdir() if p.name != "current"] == [(trees / "current").resolve().name]


# --------------------------------------------------------------------- processes, temp

def test_workers_die_with_a_killed_build_and_no_temporary_folder_is_left(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(24, tmp_path / "project")
    project = Project(tmp_path / "project")
    (project.root / "pyproject.toml").write_text("")
    shutil.copyfile(TEST_SETTINGS, project.edition_file)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    mark = uuid.uuid4().hex
    env = {**os.environ, "EDITION_TEST_MARK": mark, "TMPDIR": str(tmp)}
    build = subprocess.Popen(command(project, "--no-pdf", "--jobs", "2"), env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    workers: list[int] = []
    while build.poll() is None and time.monotonic() < deadline:
        workers = [pid for pid in marked_processes(mark) if pid != build.pid]
        if workers:
            break
        time.sleep(0.01)
    assert workers, "the build never started a worker"
    os.kill(build.pid, signal.SIGKILL)
    # returns once no process holds the build's standard output any more
    build.communicate(timeout=30)
    assert wait_gone(mark) == []
    assert list(tmp.iterdir()) == []
    done = run(project, "--no-pdf", env={"TMPDIR": str(tmp)})
    assert done.returncode == 0, done.stderr
    assert list(tmp.iterdir()) == []
    assert not list((project.build / ".trees" / "current").resolve().glob(".tmp*"))


# ------------------------------------------------------------------ lock and serve

def test_two_builds_at_once_take_turns_and_both_succeed(built: Project, tmp_path: Path) -> None:
    project = copy_built(built, tmp_path / "project")
    description = first_description(project)
    edit_register(project, description, description + "CONCURRENT ")
    first = subprocess.Popen(command(project, "--no-pdf", "--force"), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while (project.build / ".lock").read_text().strip() != str(first.pid):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    second = run(project, "--no-pdf", "--force")
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert "another build of this project is running" in second.stderr
    assert differences(snapshot(project.build / "site"),
                       clean_build(project, tmp_path / "clean", "--no-pdf")) == []


def test_serve_keeps_serving_the_published_site_across_rebuilds(built: Project, tmp_path: Path) -> None:
    import threading
    import urllib.request

    from edition.serve import make_server

    project = copy_built(built, tmp_path / "project")
    server = make_server(project.build / "site", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    try:
        assert urllib.request.urlopen(url).status == 200
        run_build(project, Options(pdf=False, quiet=True, force=True))
        with urllib.request.urlopen(url) as answer:
            assert answer.status == 200 and b"<html" in answer.read()
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------------ exit codes

def test_a_missing_root_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "edition.cli", "--root", str(tmp_path / "nowhere"),
                           "build"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "no edition project here" in done.stderr and "Traceback" not in done.stderr


def test_no_java_exits_2(built: Project, tmp_path: Path) -> None:
    project = copy_built(built, tmp_path / "project")
    description = first_description(project)
    edit_register(project, description, description + "NEEDS-VALIDATION ")
    tei = snapshot(project.tei)
    # A PATH with Python's folder only: no java to run Jing with.
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "python").symlink_to(sys.executable)
    done = run(project, "--no-pdf", env={"PATH": str(bindir), "JAVA_HOME": str(tmp_path / "nojava")})
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "Java" in done.stderr
    assert snapshot(project.tei) == tei


def test_a_read_only_build_folder_exits_2(built: Project, tmp_path: Path) -> None:
    project = copy_built(built, tmp_path / "project")
    edit_register(project, first_description(project), first_description(project) + "READ-ONLY ")
    before = snapshot(project.build / "site")
    trees = project.build / ".trees"
    if os.geteuid() == 0:
        with mounted(str(trees), trees, "--bind", "-o", "ro"):
            done = run(project, "--no-pdf")
    else:
        trees.chmod(0o555)
        try:
            done = run(project, "--no-pdf")
        finally:
            trees.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(project.build / "site") == before


def test_a_full_disk_exits_2_and_leaves_the_published_site(tmp_path: Path) -> None:
    """A real full file system: build/ on a small tmpfs, filled up after a first build."""
    project = copy_project(tmp_path / "project", TEST_SETTINGS)
    project.build.mkdir()
    with mounted("tmpfs", project.build, "-t", "tmpfs", "-o", "size=40m"):
        assert run(project, "--no-pdf").returncode == 0
        before = snapshot(project.build / "site")
        free = shutil.disk_usage(project.build).free
        (project.build / "filler").write_bytes(b"\0" * (free - 200_000))
        edit_register(project, first_description(project), first_description(project) + "FULL ")
        done = run(project, "--no-pdf", "--force")
        assert done.returncode == 2, done.stderr
        assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
        assert snapshot(project.build / "site") == before
        (project.build / "filler").unlink()
        assert run(project, "--no-pdf").returncode == 0


# ------------------------------------------------------------------------ slow run

def digests(folder: Path) -> dict[str, str]:
    """Like :func:`snapshot`, by content hash: a 1,000-document site does not fit in memory."""
    folder = folder.resolve()
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def building_tree(project: Project) -> Path | None:
    """The tree a running build is writing (not the published one), if there is one."""
    trees = project.build / ".trees"
    current = (trees / "current").resolve() if (trees / "current").is_symlink() else None
    found = [t for t in trees.glob("tree-*") if t.resolve() != current] if trees.is_dir() else []
    return found[0] if found else None


def count(folder: Path, pattern: str = "*") -> int:
    try:
        return sum(1 for _ in folder.glob(pattern))
    except OSError:  # removed while counting
        return 0


@dataclass
class Seen:
    """What a running build has written so far, as seen from outside."""

    project: Project
    documents: int
    published_before: str | None  # the tree published when the build began

    @property
    def tree(self) -> Path | None:
        return building_tree(self.project)

    @property
    def published(self) -> str | None:
        current = self.project.build / ".trees" / "current"
        return current.resolve().name if current.is_symlink() else None


# Moments of a build, each recognised from outside by what the build has written so far:
# a kill there lands inside that piece of work, whatever the machine's speed.
KILL_POINTS: dict[str, Callable[[Seen], bool]] = {
    # The first build of the run has no TEI yet: encode stages every document in tei/.
    "encoding": lambda seen: count(seen.project.tei, ".staging-*/*.xml") >= seen.documents // 2,
    "pages": lambda seen: (tree := seen.tree) is not None
    and count(tree / "site" / "documents", "*.html") >= seen.documents // 2,
    "search index": lambda seen: (tree := seen.tree) is not None
    and count(tree / ".tmp", "**/edition-search-*") > 0,
    "DTS files": lambda seen: (tree := seen.tree) is not None
    and count(tree / "site" / "data" / "dts" / "document") >= seen.documents // 2,
    "removing the old tree": lambda seen: seen.published != seen.published_before
    and seen.published_before is not None
    and (seen.project.build / ".trees" / seen.published_before).exists(),
}


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("EDITION_SLOW"), reason="a long run: set EDITION_SLOW=1")
def test_a_thousand_documents_killed_at_five_points_rebuild_to_a_clean_build(tmp_path: Path) -> None:
    """SIGKILL at five moments of a 1,000-document build (half-way through encoding,
    half-way through the pages, while Pagefind indexes, half-way through the DTS files, and just
    after publishing while the old tree is removed), a rebuild after each; the result
    equals a clean build, with no process or temporary folder left. Run with
    EDITION_SLOW=1; it takes tens of minutes."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    documents = int(os.environ.get("EDITION_KILL_DOCUMENTS", "1000"))
    generate(documents, tmp_path / "reference")
    reference = Project(tmp_path / "reference")
    (reference.root / "pyproject.toml").write_text("")
    shutil.copyfile(TEST_SETTINGS, reference.edition_file)
    start = time.monotonic()
    assert run(reference, "--no-pdf").returncode == 0
    clean_seconds = time.monotonic() - start
    clean = digests(reference.build / "site")
    shutil.rmtree(reference.build)

    project = Project(tmp_path / "project")
    shutil.copytree(reference.source, project.source)  # tei/ is made by the first (killed) build
    (project.root / "pyproject.toml").write_text("")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    killed_after = {}
    for point, reached in KILL_POINTS.items():
        mark = uuid.uuid4().hex
        begun = time.monotonic()
        build = subprocess.Popen(command(project, "--no-pdf", "--force"), stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL,
                                 env={**os.environ, "EDITION_TEST_MARK": mark, "TMPDIR": str(tmp)})
        seen = Seen(project, documents, None)
        seen.published_before = seen.published
        while build.poll() is None and not reached(seen):
            time.sleep(0.02)
        assert build.poll() is None, f"the build ended before it was {point}"
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        killed_after[point] = time.monotonic() - begun
        assert wait_gone(mark) == []
        assert list(tmp.iterdir()) == []
        assert run(project, "--no-pdf", env={"TMPDIR": str(tmp)}).returncode == 0
        assert differences(digests(project.build / "site"), clean) == [], point
        assert list(project.tei.glob(".*")) == []
        assert [t.name for t in (project.build / ".trees").iterdir() if t.name != "current"] == [
            (project.build / ".trees" / "current").resolve().name]
    print(f"\n{documents} documents ({len(clean):,} files), clean build {clean_seconds:.1f} s; killed "
          + ", ".join(f"{point} after {seconds:.1f} s" for point, seconds in killed_after.items())
          + "; each rebuild identical to the clean build")


# ------------------------------------------------------------- one bad document

def test_a_document_that_cannot_be_rendered_is_left_out_and_the_others_are_published(
        built: Project, tmp_path: Path) -> None:
    """A TEI file the renderers refuse (here one with a DOCTYPE, which no stage parses)
    is reported in source terms and left out; every other document is published, as a
    clean build without it would publish them; exit 1."""
    project = copy_built(built, tmp_path / "project")
    bad = project.tei / "1951-07-04-unrenderable.xml"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x "y">]>\n'
                   '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>\n', encoding="utf-8")
    done = run(project, "--no-pdf")
    assert done.returncode == 1, done.stderr
    assert "1951-07-04-unrenderable.xml" in done.stderr and "Traceback" not in done.stderr
    assert "left out" in done.stderr
    site = project.build / "site"
    assert (site / "documents" / f"{TELEGRAM}.html").is_file()
    assert not (site / "documents" / "1951-07-04-unrenderable.html").exists()
    bad.unlink()
    assert differences(snapshot(site), clean_build(project, tmp_path / "clean", "--no-pdf")) == []
