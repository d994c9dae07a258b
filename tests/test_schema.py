"""The schema of the files editors write (edition.schema), and what the commands make of
files that break it: a message at file and line saying what was expected, with an
example; exit 1; never a traceback; never a string read as a list of its characters.

The cases under "Why" of the hardening issue are here one by one, with the docs' field
tables checked against the one definition."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEST_SETTINGS, copy_project
from edition.errors import EditionError
from edition.metadata import load_document, load_edition
from edition.paths import Project
from edition.sourcefiles import KeyLines

ROOT = Path(__file__).resolve().parents[1]
TELEGRAM = "1951-07-03-mao-to-filippov"
REPLY = "1951-07-03-filippov-to-mao"


def edition(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "edition.cli", "--root", str(root), *args],
                          capture_output=True, text=True)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The tests' copy of the first edition with publishing settings, encoded."""
    project = copy_project(tmp_path / "project", TEST_SETTINGS)
    assert edition(project.root, "encode").returncode == 0
    return project


def set_key(path: Path, key: str, value: str, table: str | None = None) -> int:
    """Replace ``key = …`` (in ``[table]`` when given) with ``key = value``, or add it;
    returns the line it is on."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if table is None and f"[{key}]" in lines:  # a table becomes a plain value: drop the table
        start = lines.index(f"[{key}]")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
        del lines[start:end]
    current = None
    for index, line in enumerate(lines):
        header = re.match(r"\[([^\[\]]+)\]\s*$", line.strip())
        if header:
            if current == table and table is not None:  # leaving the table: add it here
                lines.insert(index, f"{key} = {value}")
                path.write_text("\n".join(lines), encoding="utf-8")
                return index + 1
            current = header.group(1)
            continue
        if current == table and re.match(rf"{re.escape(key)}\s*=", line):
            lines[index] = f"{key} = {value}"
            path.write_text("\n".join(lines), encoding="utf-8")
            return index + 1
    if table is None:
        lines.insert(0, f"{key} = {value}")
        path.write_text("\n".join(lines), encoding="utf-8")
        return 1
    lines += [f"[{table}]", f"{key} = {value}"] if current != table else [f"{key} = {value}"]
    path.write_text("\n".join(lines), encoding="utf-8")
    return len(lines)


def problems_of(path: Path) -> list[str]:
    """What the loader says about a metadata.toml or an edition.toml."""
    try:
        load_edition(path) if path.name == "edition.toml" else load_document(path.parent)
    except EditionError as err:
        return [str(p) for p in err.problems]
    return []


# ------------------------------------------------------------------- metadata.toml

# (table, key, value written, what the message must say): each was a traceback or a
# silently split string in the adversarial run.
METADATA_CASES = [
    ("title", "en", "42", "'title' must be a table of strings by language"),
    (None, "title", '"Often"', "'title' must be a table of strings by language"),
    (None, "languages", "5", "'languages' must be a list of strings"),
    (None, "languages", '["ru", "en", "en"]', "naming each language once"),
    ("witness", "url", "7", "'url' in [witness] must be a string"),
    ("witness", "url", '"javascript:alert(11)"', "'url' in [witness] must be an http(s) address"),
    ("witness", "unknown", '"Source"', "'unknown' in [witness] must be a list of strings"),
    ("keywords", "en", '"Test keyword"', "'keywords' must be a table of string lists by language"),
    ("sent", "place", '["x"]', "'place' in [sent] must be a string"),
    ("archival", "number", "3950", "'number' in [archival] must be a string"),
    ("witness", "summary", '"a\\u0000b"', "U+0000"),
]


@pytest.mark.parametrize(("table", "key", "value", "message"), METADATA_CASES,
                         ids=[f"{c[0]}.{c[1]}={c[2]}" for c in METADATA_CASES])
def test_a_wrong_value_is_an_error_at_its_line(project: Project, table: str | None, key: str,
                                                value: str, message: str) -> None:
    path = project.documents / TELEGRAM / "metadata.toml"
    line = set_key(path, key, value, table)
    found = problems_of(path)
    assert any(message in p for p in found), found
    # at the key's line, or its table's header for a value inside the table
    lines = set(range(line - 3, line + 1)) if table else {line}
    assert any(f"metadata.toml:{n}:" in p for p in found if message in p for n in lines), found
    assert all("what to do:" in p for p in found)


def test_a_change_without_what_names_the_change(project: Project) -> None:
    path = project.documents / TELEGRAM / "metadata.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n[[change]]\nwhen = "2026-12-01"\n', encoding="utf-8")
    found = problems_of(path)
    assert [p for p in found if "missing field 'what' in [change]" in p], found


def test_the_command_reports_every_bad_document_and_builds_the_others(project: Project) -> None:
    """One bad document never stops the others: exit 1, the message in source terms, the
    good document encoded, the bad one's TEI unchanged. (The reply is made independent
    first: a document whose correspondent fails waits for it, see the next test.)"""
    meta = project.documents / REPLY / "metadata.toml"
    meta.write_text(re.sub(r"(?m)^answers = .*$", "", meta.read_text(encoding="utf-8")), encoding="utf-8")
    assert edition(project.root, "encode").returncode == 0
    reply_tei = (project.tei / f"{REPLY}.xml").read_bytes()
    telegram_tei = (project.tei / f"{TELEGRAM}.xml").read_bytes()
    set_key(project.documents / TELEGRAM / "metadata.toml", "en", '"Test keyword"', "keywords")
    path = project.documents / REPLY / "en.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Comrade", "Comrade-EDITED", 1),
                    encoding="utf-8")
    witness = project.documents / REPLY / "witness" / "en.txt"
    witness.write_text(witness.read_text(encoding="utf-8").replace("Comrade", "Comrade-EDITED", 1),
                       encoding="utf-8")
    done = edition(project.root, "encode")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{TELEGRAM}/metadata.toml" in done.stderr and "'keywords'" in done.stderr
    assert (project.tei / f"{TELEGRAM}.xml").read_bytes() == telegram_tei
    assert (project.tei / f"{REPLY}.xml").read_bytes() != reply_tei


def test_a_document_whose_reply_fails_waits_for_it(project: Project) -> None:
    telegram_tei = (project.tei / f"{TELEGRAM}.xml").read_bytes()
    set_key(project.documents / REPLY / "metadata.toml", "en", '"Test keyword"', "keywords")
    done = edition(project.root, "encode")
    assert done.returncode == 1 and f"{REPLY}, which answers this document, has errors" in done.stderr
    assert (project.tei / f"{TELEGRAM}.xml").read_bytes() == telegram_tei


def test_an_unfilled_template_does_not_stop_the_build(project: Project) -> None:
    assert edition(project.root, "new", "1951-07-10-unfilled").returncode == 0
    done = edition(project.root, "build", "--no-pdf")
    assert done.returncode == 1, done.stderr
    assert "1951-07-10-unfilled/metadata.toml" in done.stderr and "Traceback" not in done.stderr
    assert (project.build / "site" / "documents" / f"{TELEGRAM}.html").is_file()


def test_a_document_may_not_answer_itself(project: Project) -> None:
    set_key(project.documents / TELEGRAM / "metadata.toml", "answers", f'"{TELEGRAM}"')
    done = edition(project.root, "encode")
    assert done.returncode == 1 and "answers itself" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("doc_id", ["registers", "edition", "index", "search", "persons", "x" * 250,
                                    "Bad_Id"])
def test_a_bad_or_reserved_document_id_is_refused_by_new_and_by_encode(project: Project, doc_id: str) -> None:
    done = edition(project.root, "new", doc_id)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "document id" in done.stderr
    folder = project.documents / doc_id
    if len(doc_id) < 200:  # a folder someone made by hand
        folder.mkdir()
        (folder / "metadata.toml").write_text("", encoding="utf-8")
        done = edition(project.root, "encode")
        assert done.returncode == 1 and "Traceback" not in done.stderr and "document id" in done.stderr


def test_a_document_folder_of_250_characters_is_left_out_of_the_build(project: Project) -> None:
    """A long id made by hand (a copy of a good document, so only the id is wrong): at
    build time it is reported at its folder and left out; the others are published."""
    long_id = "1951-07-03-" + "a" * 239
    shutil.copytree(project.documents / TELEGRAM, project.documents / long_id)
    done = edition(project.root, "build", "--no-pdf")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{long_id}: error: the document id is 250 characters long; at most 64" in done.stderr
    assert (project.build / "site" / "documents" / f"{TELEGRAM}.html").is_file()
    assert not list((project.build / "site").rglob(f"*{'a' * 100}*"))


def test_new_refuses_a_language_named_twice(project: Project) -> None:
    done = edition(project.root, "new", "1951-07-10-twice", "--languages", "ru,ru")
    assert done.returncode == 1 and "twice" in done.stderr
    assert not (project.documents / "1951-07-10-twice").exists()


# -------------------------------------------------------------------- edition.toml

@pytest.mark.parametrize(("value", "message"), [
    ("5", "'base_url' in [edition] must be a string"),
    ('"javascript:alert(1)//"', "is not an http(s) address"),
    ('"ftp://example.org/"', "is not an http(s) address"),
])
def test_base_url_must_be_an_http_address(project: Project, value: str, message: str) -> None:
    line = set_key(project.edition_file, "base_url", value, "edition")
    found = problems_of(project.edition_file)
    assert [p for p in found if message in p and f"edition.toml:{line}:" in p], found
    done = edition(project.root, "build", "--no-pdf")
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr
    assert not (project.build / "site").exists()


def test_the_first_editions_files_pass() -> None:
    from conftest import CORPUS

    for path in sorted((CORPUS / "source" / "documents").glob("*/metadata.toml")):
        assert problems_of(path) == []
    assert problems_of(CORPUS / "source" / "edition.toml") == []


# ---------------------------------------------------------- reading any TOML file

def test_a_bom_is_an_error_at_line_1(project: Project) -> None:
    path = project.registry / "persons.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    done = edition(project.root, "encode")
    assert done.returncode == 1 and "persons.toml:1:1" in done.stderr and "BOM" in done.stderr


@pytest.mark.parametrize("where", ["source/registry/persons.toml",
                                   f"source/documents/{TELEGRAM}/witness/en.txt",
                                   f"source/documents/{TELEGRAM}/metadata.toml"])
def test_a_latin1_file_is_an_error_at_the_byte(project: Project, where: str) -> None:
    path = project.root / where
    text = path.read_bytes()
    path.write_bytes(text + "\n# café\n".encode("latin-1"))
    line = text.count(b"\n") + 2
    done = edition(project.root, "encode")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{where}:{line}:6: error: the file is not UTF-8" in done.stderr


@pytest.mark.parametrize("char", ["\x00", "\x07", "\ufffe"])
def test_a_character_xml_cannot_carry_in_a_transcription_is_an_error_at_its_column(
        project: Project, char: str) -> None:
    path = project.documents / TELEGRAM / "en.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if "Comrade" in line)
    column = lines[number].index("Comrade") + 1
    lines[number] = lines[number].replace("Comrade", char + "Comrade", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    done = edition(project.root, "encode")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"en.txt:{number + 1}:{column}: error: the character U+{ord(char):04X}" in done.stderr


def test_brackets_nested_5000_deep_are_an_error_not_a_crash(project: Project) -> None:
    path = project.documents / TELEGRAM / "en.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Comrade", "[" * 5000 + "Comrade", 1),
                    encoding="utf-8")
    done = edition(project.root, "encode")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "nest more than" in done.stderr


def test_a_registry_record_id_of_250_characters_is_an_error(project: Project) -> None:
    path = project.registry / "persons.toml"
    path.write_text(path.read_text(encoding="utf-8") + f'\n[{"a" * 250}]\nname.en = "A"\nname.ru = "А"\n'
                    'description.en = "A."\n', encoding="utf-8")
    done = edition(project.root, "encode")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "at most 64" in done.stderr


# ------------------------------------------------------------ key lines and docs

def test_key_lines_follow_tables_arrays_and_multiline_strings() -> None:
    text = ('a = 1\n[t]\nb = """x\n[not]\ny"""\nc.d = 2\n[[arr]]\ne = 3\n[[arr]]\ne = 4\n'
            '[arr.sub]\nf = 5\n')
    lines = KeyLines(text)
    assert [lines.line(k) for k in ("a", "t", "t.b", "t.c.d", "arr[0].e", "arr[1].e", "arr[1].sub.f",
                                    "t.c.d.missing", "nowhere")] == [1, 2, 3, 6, 8, 10, 12, 6, None]


def test_every_registry_field_the_loader_knows_is_in_the_docs_table() -> None:
    from edition.registry import KIND_FIELDS

    table = (ROOT / "docs" / "registry.md").read_text(encoding="utf-8").split("### Fields", 1)[1]
    documented = set()
    for row in re.findall(r"^\| `([^|]+)` \|", table, re.M):
        for name in re.findall(r"`?\[*(?:ID\.)?([a-z_]+)", row):
            documented.add(name)
    for kind, names in KIND_FIELDS.items():
        assert set(names) <= documented, (kind, set(names) - documented)
