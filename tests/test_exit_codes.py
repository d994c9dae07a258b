"""Exit codes as the README promises them, for the commands that write into the project:
0 done, 1 the input is wrong, 2 the command could not run (no project at --root, no Java,
a read-only folder, a full disk). A 2 comes with a message naming the folder and what to
do, never a traceback, and leaves nothing half-written: `edition encode` leaves tei/ as
it was, `edition import` writes every document and register record or none.
(`edition build` under the same faults: tests/test_build_safety.py.)

The read-only folders and full disks are real file systems (tests/mounts.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project
from edition.cli import main as cli
from edition.paths import Project
from import_records import new_project, record, unregistered_parties, write_record
from mounts import files, fill, read_only, small_disk

PUBLISHER = "The Invented Archive"


def edition(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "edition.cli", "--root", str(root), *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def no_java(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH holds Python alone: no java to run Jing with."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "python").symlink_to(sys.executable)
    return {"PATH": str(bindir), "JAVA_HOME": str(tmp_path / "nojava")}


def edited(folder: Path) -> Project:
    """The tests' corpus with one register description changed: tei/ is stale, an encode
    rewrites registers.xml (and the documents naming the record)."""
    project = copy_project(folder)
    persons = project.registry / "persons.toml"
    text = persons.read_text(encoding="utf-8")
    assert 'description.en = "' in text
    persons.write_text(text.replace('description.en = "', 'description.en = "EDITED ', 1), encoding="utf-8")
    return project


def import_args(project: Project, *records: Path) -> list[str]:
    return ["--root", str(project.root), "import", *map(str, records), "--no-natasha",
            "--publisher", PUBLISHER]


def two_records(folder: Path) -> tuple[Path, Path]:
    """Two records, the second naming parties no register record covers (it proposes drafts,
    so an import writes two document folders and changes registry files)."""
    return (write_record(folder, record(), "one.txt"),
            write_record(folder, unregistered_parties(), "two.txt"))


def assert_cannot_run(stderr: str, folder: Path) -> None:
    """Exit 2's message: the folder it could not write (``folder`` or one inside it)."""
    assert re.search(rf"^{re.escape(str(folder))}(/[\w/]+)?: error: cannot write: ", stderr, re.M), stderr
    assert "what to do: free disk space, or make it writable" in stderr
    assert "Traceback" not in stderr


# ---------------------------------------------------------------------- no project

@pytest.mark.parametrize("command", [["encode"], ["import", "record.txt"], ["new", "1950-01-01-a-to-b"],
                                     ["check"], ["entities", "x"], ["build"], ["serve"]])
def test_a_missing_root_exits_2_for_every_command(tmp_path: Path, command: list[str]) -> None:
    done = edition(tmp_path / "nowhere", *command)
    assert done.returncode == 2
    assert "no edition project here (no source/ folder)" in done.stderr
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------------- no Java

def test_encode_without_java_exits_2_and_leaves_tei_as_it_was(tmp_path: Path) -> None:
    project = edited(tmp_path / "project")
    before = files(project.tei)
    done = edition(project.root, "encode", env=no_java(tmp_path))
    assert done.returncode == 2, done.stderr
    assert "Java is not installed" in done.stderr and "nothing was written" in done.stderr
    assert "Traceback" not in done.stderr
    assert files(project.tei) == before


def test_import_needs_no_java(tmp_path: Path) -> None:
    """The importer validates nothing with Jing: without Java it imports all the same."""
    project = new_project(tmp_path / "project")
    one, two = two_records(tmp_path)
    done = edition(project.root, *import_args(project, one, two)[2:], env=no_java(tmp_path))
    assert done.returncode == 0, done.stderr
    assert len(list(project.documents.iterdir())) == 2


# --------------------------------------------------------------------- read-only

def test_encode_into_a_read_only_tei_folder_exits_2_and_changes_nothing(tmp_path: Path, capsys) -> None:
    project = edited(tmp_path / "project")
    before = files(project.tei)
    with read_only(project.tei):
        assert cli(["--root", str(project.root), "encode"]) == 2
        assert_cannot_run(capsys.readouterr().err, project.tei)
        assert files(project.tei) == before
    assert cli(["--root", str(project.root), "encode"]) == 0  # writable again: it encodes
    assert b"EDITED" in (project.tei / "registers.xml").read_bytes()


def test_encode_with_nothing_to_write_succeeds_on_a_read_only_tei_folder(tmp_path: Path, capsys) -> None:
    project = copy_project(tmp_path / "project")
    with read_only(project.tei):
        assert cli(["--root", str(project.root), "encode"]) == 0
    assert "unchanged: tei/registers.xml" in capsys.readouterr().out


@pytest.mark.parametrize("folder", ["source", "source/documents", "source/registry"])
def test_import_into_a_read_only_folder_exits_2_and_writes_nothing(tmp_path: Path, capsys,
                                                                   folder: str) -> None:
    """Read-only registry: the documents are not written either (they would name draft
    records the registry does not hold)."""
    project = new_project(tmp_path / "project")
    one, two = two_records(tmp_path)
    before = files(project.source)
    with read_only(project.root / folder):
        assert cli(import_args(project, one, two)) == 2
        err = capsys.readouterr().err
        assert_cannot_run(err, project.root / folder)
        assert "Read-only file system" in err and "nothing was imported" in err
    assert files(project.source) == before


# ---------------------------------------------------------------------- full disk

def test_encode_on_a_full_disk_exits_2_and_changes_nothing(tmp_path: Path, capsys) -> None:
    """tei/ on a small file system, filled so that the encode stops at different moments
    (staging the neighbours, writing the new files): each time exit 2 and tei/ as it was;
    with room again, it encodes."""
    project = edited(tmp_path / "project")
    before = files(project.tei)
    with small_disk(project.tei):
        for leave in (0, 30_000, 90_000):
            fill(project.tei, leave)
            assert cli(["--root", str(project.root), "encode"]) == 2, leave
            err = capsys.readouterr().err
            assert_cannot_run(err, project.tei)
            assert "No space left on device" in err and "tei/ is as it was" in err
            assert files(project.tei) == before
        (project.tei / ".filler").unlink()
        assert cli(["--root", str(project.root), "encode"]) == 0
        assert b"EDITED" in (project.tei / "registers.xml").read_bytes()


def test_import_on_a_full_disk_writes_every_document_or_none(tmp_path: Path, capsys) -> None:
    """source/ on a small file system, filled to every amount of free space from none to
    enough, in steps: the import stops at every stage (copying the registry, staging the
    register's drafts, each document's files) or succeeds. Stopped, it exits 2 and source/
    is as it was; done, both documents and their draft records are there."""
    project = new_project(tmp_path / "project")
    one, two = two_records(tmp_path)
    before = files(project.source)
    outcomes = []
    with small_disk(project.source):
        for leave in range(0, 200_001, 8_000):
            fill(project.source, leave)
            code = cli(import_args(project, one, two))
            err = capsys.readouterr().err
            outcomes.append(code)
            if code == 2:
                assert_cannot_run(err, project.source)
                assert "No space left on device" in err and "nothing was imported" in err
                assert files(project.source) == before, leave
                continue
            assert code == 0, err
            assert len(list(project.documents.iterdir())) == 2
            assert "status = \"draft\"" in (project.registry / "persons.toml").read_text(encoding="utf-8")
            for folder in project.documents.iterdir():  # back to the start for the next amount
                shutil.rmtree(folder)
            for name, data in before.items():
                (project.source / name).write_bytes(data)
    assert 2 in outcomes and 0 in outcomes, outcomes
