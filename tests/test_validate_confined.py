"""`edition validate` stays inside the document's folder and reads nothing unbounded.

A pointer that leads out of the folder (``../``, an absolute path, ``xml:base``) is a
finding and is never opened, even where the file it names exists. A file past the size
limit is a finding, not a read. One malformed pointer is one finding, and the other
files' findings are all reported."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS
from edition.validate import MAX_FILE_BYTES, validate

TELEGRAM = "1951-07-03-mao-to-filippov"
REPLY = "1951-07-03-filippov-to-mao"


def with_ref(folder: Path, name: str, target: str, base: str | None = None) -> Path:
    """A copy of the telegram's TEI with one <ref> in its first paragraph."""
    text = (CORPUS / "tei" / f"{TELEGRAM}.xml").read_text(encoding="utf-8")
    start = text.index("<p ", text.index("<body"))
    end = text.index(">", start) + 1
    attrs = f' target="{target}"' + (f' xml:base="{base}"' if base else "")
    path = folder / name
    path.write_text(text[:end] + f"<ref{attrs}>see</ref>" + text[end:], encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inside = tmp_path / "tei"
    inside.mkdir()
    shutil.copy(CORPUS / "tei" / f"{REPLY}.xml", inside)
    return inside


def edition_rules_findings(path: Path) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in validate([path]).findings
            if f.layer == "edition" and f.file.endswith(path.name)]


@pytest.mark.parametrize(("target", "base"), [
    ("../outside.xml", None),
    ("../../../../../../../../{outside}", None),
    ("outside.xml", "file://{parent}/"),
    ("outside.xml", "../"),
])
def test_a_pointer_out_of_the_folder_is_a_finding_and_is_never_opened(
        folder: Path, target: str, base: str | None) -> None:
    outside = folder.parent / "outside.xml"  # it exists, and is TEI: only confinement refuses it
    shutil.copy(CORPUS / "tei" / f"{REPLY}.xml", outside)
    target = target.format(outside=str(outside).lstrip("/"), parent=folder.parent)
    base = base.format(parent=folder.parent) if base else None
    path = with_ref(folder, "doc.xml", target, base)
    done = subprocess.run([sys.executable, "-m", "edition.cli", "validate", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "E-REF-RESOLVES" in done.stdout and "Traceback" not in done.stderr


def test_a_pointer_to_a_file_next_to_the_document_still_resolves(folder: Path) -> None:
    path = with_ref(folder, "doc.xml", f"{REPLY}.xml")
    assert edition_rules_findings(path) == []


def test_a_malformed_pointer_is_one_finding_and_the_other_files_are_reported(folder: Path) -> None:
    bad = with_ref(folder, "bad.xml", "a%zz")
    other = with_ref(folder, "other.xml", "#no-such-id")
    report = validate([bad, other])
    mine = [f for f in report.findings if f.layer == "edition" and f.file.endswith("bad.xml")]
    assert len(mine) == 1 and "a%zz" in mine[0].message
    assert [f for f in report.findings if f.file.endswith("other.xml") and "no-such-id" in f.message]


def test_a_file_past_the_size_limit_is_a_finding_not_a_read(folder: Path) -> None:
    huge = folder / "huge.xml"
    with open(huge, "wb") as handle:  # sparse: no disk, and reading it would take seconds
        handle.truncate(MAX_FILE_BYTES + 1)
    report = validate([huge])
    assert [f.rule for f in report.findings] == ["E-TOO-LARGE"]


def test_a_neighbour_past_the_size_limit_is_not_read(folder: Path) -> None:
    with open(folder / "huge.xml", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    path = with_ref(folder, "doc.xml", "huge.xml")
    assert edition_rules_findings(path) == []  # it exists; its content is never loaded
