"""edition.xsltrun: the saxonche wrapper keeps Saxon's measured traps away and hands a
stylesheet exactly what it may read (see also tests/test_hostile.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from edition.errors import EditionError
from edition.xsltrun import compiled, transform

REPO = Path(__file__).resolve().parents[1]
HOSTILE = REPO / "tests" / "fixtures" / "hostile"
STYLESHEET = HOSTILE / "read-outside.xsl"
PLAIN = HOSTILE / "plain.xml"
TEI = sorted((REPO / "tests" / "fixtures" / "html" / "tei").glob("*.xml"))


def test_one_compiled_stylesheet_per_process() -> None:
    assert compiled(str(STYLESHEET)) is compiled(str(STYLESHEET))


def test_each_stylesheet_has_its_own_closed_processor() -> None:
    """Closing one processor must not stop a later stylesheet from compiling its imports."""
    html = compiled(str(REPO / "xslt" / "html.xsl"))  # imports common.xsl
    assert html.processor is not compiled(str(STYLESHEET)).processor


def test_parameters_in_many_runs_do_not_leak_into_each_other() -> None:
    """Clone before set_parameter (the other order segfaulted): run in a child process so
    a crash shows as a failed exit code rather than killing the test run."""
    code = (
        "from pathlib import Path\n"
        "from edition.xsltrun import transform\n"
        f"s, src = Path({str(STYLESHEET)!r}), Path({str(PLAIN)!r})\n"
        "for i in range(30):\n"
        "    out = transform(s, src, params={'what': 'unparsed-text-available', 'target': str(i)})\n"
        "    assert '<out>false</out>' in out, out\n"
        "    out = transform(s, src)\n"
        "    assert 'A plain paragraph.' in out, out\n"
        "print('ok')\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "ok"


def test_path_parameters_arrive_as_documents_with_their_base_uri() -> None:
    out = transform(STYLESHEET, PLAIN, params={"what": "given", "given": TEI})
    for path in TEI:
        assert f'base="{path.resolve().as_uri()}"' in out


def test_a_missing_parameter_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    with pytest.raises(EditionError, match="cannot read the file"):
        transform(STYLESHEET, PLAIN, params={"what": "given", "given": [missing]})


def test_not_well_formed_source_is_an_edition_error_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI>\n<p>unclosed\n</TEI>\n", encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        transform(STYLESHEET, bad)
    assert f"{bad}:3" in str(caught.value) and "E-NOT-XML" in str(caught.value)


def test_a_stylesheet_that_does_not_compile_names_itself(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xsl"
    broken.write_text('<xsl:stylesheet version="3.0" '
                      'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:nonsense/>'
                      "</xsl:stylesheet>", encoding="utf-8")
    with pytest.raises(EditionError, match="XSLT does not compile"):
        transform(broken, PLAIN)


def test_the_shipped_html_stylesheet_still_renders_a_document() -> None:
    out = transform(REPO / "xslt" / "html.xsl", TEI[0], params={"csp": "default-src 'none'"})
    assert out.startswith("<!DOCTYPE") and "</html>" in out
