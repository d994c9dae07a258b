"""Hostile input: no XML file and no stylesheet may reach outside what it was given.

Fixtures (tests/fixtures/hostile/): TEI files that try XXE (a general and a parameter
entity reading /etc/passwd), "billion laughs", a DOCTYPE with an innocent internal entity,
an external DTD beside the file and one on the network; a control file that is plain TEI;
and a test-only stylesheet, read-outside.xsl, that tries doc(), unparsed-text(),
collection(), json-doc() and xsl:result-document outside its output folder.

Every refusal must be a clear message (file, line, rule, what to do), never the content of
/etc/passwd and never a Python stack trace; the stages (validator, HTML, PDF) refuse such a
TEI file the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from edition.errors import EditionError
from edition.paths import Project
from edition.xsltrun import transform

REPO = Path(__file__).resolve().parents[1]
TEST_SETTINGS = REPO / "tests" / "fixtures" / "edition.toml"
HOSTILE = REPO / "tests" / "fixtures" / "hostile"
READ_OUTSIDE = HOSTILE / "read-outside.xsl"
PLAIN = HOSTILE / "plain.xml"
SIBLING = REPO / "tests" / "fixtures" / "html" / "tei" / "letter.xml"
EDITION = REPO / ".venv" / "bin" / "edition"
PASSWD_LINE = "root:x:0:0"  # what a leak of /etc/passwd would show

# fixture -> (rule, words the message must contain)
REFUSED = {
    "xxe.xml": ("E-EXTERNAL-ENTITY", "external entity 'xxe'"),
    "xxe-parameter.xml": ("E-EXTERNAL-ENTITY", "external entity 'pe'"),
    "billion-laughs.xml": ("E-DOCTYPE-ENTITY", "entity 'lol'"),
    "doctype-entity.xml": ("E-DOCTYPE-ENTITY", "entity 'archive'"),
    "external-dtd.xml": ("E-EXTERNAL-ENTITY", "external DTD (external.dtd)"),
    "network-dtd.xml": ("E-EXTERNAL-ENTITY", "external DTD (http://127.0.0.1:9/tei.dtd)"),
}


def _refusal(err: EditionError) -> str:
    text = str(err)
    assert PASSWD_LINE not in text
    assert "Traceback" not in text
    return text


# ---------------------------------------------------------------- XML input to a transform

@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_tei_file_is_refused_before_saxon_sees_it(name: str) -> None:
    rule, words = REFUSED[name]
    with pytest.raises(EditionError) as caught:
        transform(READ_OUTSIDE, HOSTILE / name)
    text = _refusal(caught.value)
    assert f"{HOSTILE / name}:3: error:" in text  # file and the DOCTYPE's line
    assert rule in text and words in text
    assert "what to do:" in text


def test_the_same_refusal_applies_to_xml_given_as_text() -> None:
    with pytest.raises(EditionError) as caught:
        transform(READ_OUTSIDE, xml_text=(HOSTILE / "xxe.xml").read_text(encoding="utf-8"))
    assert "E-EXTERNAL-ENTITY" in _refusal(caught.value)


def test_a_hostile_file_given_as_a_parameter_is_refused() -> None:
    with pytest.raises(EditionError) as caught:
        transform(READ_OUTSIDE, PLAIN, params={"what": "given", "given": [HOSTILE / "xxe.xml"]})
    assert "E-EXTERNAL-ENTITY" in _refusal(caught.value)


def test_the_control_file_passes_so_the_refusals_are_not_blanket() -> None:
    out = transform(READ_OUTSIDE, PLAIN)
    assert "A plain paragraph." in out


# ------------------------------------------------------------- what a stylesheet may read

@pytest.mark.parametrize(("what", "target", "shown"), [
    ("doc", "file:///etc/passwd", "file:///etc/passwd"),
    ("unparsed-text", "/etc/passwd", "/etc/passwd"),
    ("json-doc", "/etc/passwd", "/etc/passwd"),
    ("collection", "file:///etc/", "URI scheme 'file' has been disallowed"),
    ("doc", "http://127.0.0.1:9/tei.xml", "http://127.0.0.1:9/tei.xml"),
    # Not even a project file: what a stylesheet reads is passed to it. (doc() of the
    # source's own URI does answer: Saxon keeps the document it was given under that URI.)
    ("doc", SIBLING.as_uri(), SIBLING.as_uri()),
])
def test_a_stylesheet_cannot_read_files_or_urls(what: str, target: str, shown: str) -> None:
    with pytest.raises(EditionError) as caught:
        transform(READ_OUTSIDE, PLAIN, params={"what": what, "target": target})
    text = _refusal(caught.value)
    assert f"XSLT {READ_OUTSIDE.name} tried to read a resource it was not given" in text
    assert shown in text


@pytest.mark.parametrize("what", ["doc-available", "unparsed-text-available"])
def test_probing_for_a_file_says_it_is_not_there(what: str) -> None:
    out = transform(READ_OUTSIDE, PLAIN, params={"what": what, "target": "/etc/passwd"})
    assert "<out>false</out>" in out


def test_result_document_outside_the_output_folder_is_refused_and_not_written(
        tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "written.txt"
    build = tmp_path / "build"
    with pytest.raises(EditionError) as caught:
        transform(READ_OUTSIDE, PLAIN, base_output=build,
                  params={"what": "result-document", "target": outside.as_uri()})
    text = _refusal(caught.value)
    assert f"xsl:result-document {outside.as_uri()} is outside the output folder" in text
    assert not outside.exists() and not outside.parent.exists()
    assert not build.exists()


def test_result_document_climbing_out_with_dot_dot_is_refused(tmp_path: Path) -> None:
    build = tmp_path / "build"
    with pytest.raises(EditionError, match="is outside the output folder"):
        transform(READ_OUTSIDE, PLAIN, base_output=build,
                  params={"what": "result-document", "target": "../escaped.txt"})
    assert not (tmp_path / "escaped.txt").exists()


def test_result_document_without_an_output_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "anywhere.txt"
    with pytest.raises(EditionError, match="none given"):
        transform(READ_OUTSIDE, PLAIN, params={"what": "result-document",
                                               "target": target.as_uri()})
    assert not target.exists()


def test_result_document_inside_the_output_folder_is_written(tmp_path: Path) -> None:
    transform(READ_OUTSIDE, PLAIN, base_output=tmp_path,
              params={"what": "result-document", "target": "sub/inside.txt"})
    assert (tmp_path / "sub" / "inside.txt").read_text(encoding="utf-8") == \
        "written by read-outside.xsl"


# --------------------------------------------------------------- the stages on hostile TEI

def _project(folder: Path, hostile: str) -> Project:
    """A project whose tei/ holds one real document and one hostile file."""
    (folder / "source").mkdir(parents=True)
    shutil.copyfile(TEST_SETTINGS, folder / "source" / "edition.toml")
    (folder / "tei").mkdir()
    real = sorted(p for p in (REPO / "tests" / "fixtures" / "html" / "tei").glob("*.xml"))[0]
    shutil.copyfile(real, folder / "tei" / real.name)
    shutil.copyfile(HOSTILE / hostile, folder / "tei" / hostile)
    return Project(folder)


@pytest.mark.parametrize("name", ["xxe.xml", "billion-laughs.xml", "external-dtd.xml"])
def test_edition_validate_refuses_a_hostile_file_with_a_message(name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    shutil.copyfile(HOSTILE / name, target)
    if name == "external-dtd.xml":
        shutil.copyfile(HOSTILE / "external.dtd", tmp_path / "external.dtd")
    run = subprocess.run([str(EDITION), "--root", str(tmp_path), "validate", str(target)],
                         capture_output=True, text=True, timeout=300)
    out = run.stdout + run.stderr
    assert run.returncode != 0
    assert REFUSED[name][0] in out and name in out
    assert "Traceback" not in out and PASSWD_LINE not in out


@pytest.mark.parametrize("name", ["xxe.xml", "billion-laughs.xml"])
def test_the_html_renderer_refuses_a_hostile_tei_file(name: str, tmp_path: Path) -> None:
    from edition.html import render_site

    project = _project(tmp_path / "project", name)
    with pytest.raises(EditionError) as caught:
        render_site(project, tmp_path / "site")
    text = _refusal(caught.value)
    assert name in text and REFUSED[name][0] in text


def test_the_pdf_renderer_refuses_a_hostile_tei_file(tmp_path: Path) -> None:
    from edition.pdf import render_pdfs

    project = _project(tmp_path / "project", "xxe.xml")
    with pytest.raises(EditionError) as caught:
        render_pdfs(project, tmp_path / "pdf", documents=["xxe"], volume=False)
    text = _refusal(caught.value)
    assert "xxe.xml" in text and "E-EXTERNAL-ENTITY" in text
    assert not (tmp_path / "pdf" / "xxe.pdf").exists()


def test_the_exports_refuse_a_hostile_tei_file(tmp_path: Path) -> None:
    from edition.documents import load_document

    with pytest.raises(EditionError) as caught:
        load_document(HOSTILE / "doctype-entity.xml")
    assert "E-DOCTYPE-ENTITY" in _refusal(caught.value)


def test_no_stage_leaves_the_passwd_file_in_any_output(tmp_path: Path) -> None:
    """Belt and braces: whatever failed above, nothing written under tmp holds the leak."""
    from edition.html import render_site

    project = _project(tmp_path / "project", "xxe-parameter.xml")
    with pytest.raises(EditionError):
        render_site(project, tmp_path / "site")
    for folder, _dirs, files in os.walk(tmp_path):
        for file in files:
            data = (Path(folder) / file).read_bytes()
            assert PASSWD_LINE.encode() not in data, file
