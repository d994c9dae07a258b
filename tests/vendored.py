"""Run the validators and converters vendored in ../shared/vendor/ (see its README): they
are used from there, never copied into the project, and a test that needs them skips with
the reason when the folder is not beside the checkout."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO.parent / "shared" / "vendor"
SCHXSLT = VENDOR / "schxslt" / "core" / "src" / "main" / "resources" / "xslt" / "2.0"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"


def need(path: Path) -> Path:
    """``path`` inside the vendor folder, or skip the test saying what is missing."""
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared/vendor is not beside this checkout)")
    return path


@dataclass(frozen=True)
class Finding:
    """One failed assert or fired report of a Schematron run (SVRL)."""

    role: str       # error, warning, … as the schema's @role says ("" when it says none)
    pattern: str    # the id of the pattern
    text: str       # the message, white space normalised
    location: str   # the XPath of the node it is about


@functools.cache
def _processor():  # noqa: ANN202 - saxonche types are not exported
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@functools.cache
def _compiled(schema: Path, phase: str = "#ALL"):  # noqa: ANN202
    """The validating stylesheet SchXslt makes of ``schema`` (its XSLT 2.0 pipeline)."""
    proc = _processor()
    xslt = proc.new_xslt30_processor()
    pipeline = xslt.compile_stylesheet(stylesheet_file=str(need(SCHXSLT / "pipeline-for-svrl.xsl")))
    pipeline.set_parameter("phase", proc.make_string_value(phase))
    compiled = pipeline.transform_to_string(source_file=str(schema))
    return xslt.compile_stylesheet(stylesheet_text=compiled)


def schxslt(schema: Path, document: Path) -> list[Finding]:
    """Validate ``document`` with the ISO Schematron ``schema`` under SchXslt (saxonche)."""
    from lxml import etree

    svrl = _compiled(schema).transform_to_string(source_file=str(document))
    root = etree.fromstring(svrl.encode("utf-8"))
    findings = []
    pattern = ""
    for el in root:
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        if name == "active-pattern":
            pattern = el.get("id") or el.get("name") or ""
        elif name in ("failed-assert", "successful-report"):
            text = " ".join("".join(el.find(f"{{{SVRL_NS}}}text").itertext()).split())
            findings.append(Finding(el.get("role") or "", pattern, text, el.get("location") or ""))
    return findings
