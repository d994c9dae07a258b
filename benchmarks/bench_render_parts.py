"""What one part of the document page costs: CPU time of html.xsl's templates one at a time.

    .venv/bin/python benchmarks/bench_render_parts.py TEI [--runs 300] [--declarations FILE]
                                                     [PART…]

Saxon-HE in saxonche has no profiler, and callgrind sees SaxonC's compiled code without
names. This compiles, for each PART (an XSLT sequence constructor, default: the page and
its main named templates), a stylesheet that imports xslt/html.xsl and whose initial
template is just that PART, with the TEI as global context item, and prints the minimum
and median CPU time of ``--runs`` transforms. So a part of the page can be timed alone:

    '<xsl:call-template name="reading-text"/>'
    '<xsl:value-of select="count(edn:alignment-rows($original, $translation))"/>'
    '<xsl:for-each select="$divisions//*[edn:is-unit(.)]"><xsl:call-template name="unit"/></xsl:for-each>'

``--declarations FILE``: top-level declarations to add (helper variables, or a template or
function of the same name, which overrides html.xsl's by import precedence: the page
without one of its parts). Global variables are evaluated once per transform, on first
use, so a part that uses one pays for it. A transform that outputs nothing costs about
10 µs. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PARTS = (
    '<xsl:apply-templates select="$tei"/>',
    '<xsl:call-template name="reading-text"/>',
    '<xsl:call-template name="metadata-panel"/>',
    '<xsl:call-template name="notes"/>',
    '<xsl:call-template name="citation-meta"/>',
)


def _stylesheet(part: str, declarations: str) -> str:
    return f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:edn="urn:x-edition"
        xpath-default-namespace="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="#all">
      <xsl:import href="{(REPO / 'xslt' / 'html.xsl').as_uri()}"/>
      {declarations}
      <xsl:template name="xsl:initial-template"><r>{part}</r></xsl:template>
    </xsl:stylesheet>"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tei", type=Path)
    parser.add_argument("parts", nargs="*", default=list(PARTS))
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--declarations", type=Path)
    args = parser.parse_intermixed_args(argv)

    from edition.html import CSP
    from edition.xsltrun import parse_document
    from saxonche import PySaxonProcessor

    declarations = args.declarations.read_text(encoding="utf-8") if args.declarations else ""
    processor = PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    document = parse_document(processor, args.tei)
    print(f"CPU time per transform, µs, min / median of {args.runs} ({args.tei.name}):")
    for part in args.parts:
        executable = compiler.compile_stylesheet(stylesheet_text=_stylesheet(part, declarations))
        executable.set_parameter("csp", processor.make_string_value(CSP))
        executable.set_global_context_item(xdm_item=document)
        times = []
        for _ in range(args.runs):
            start = time.process_time()
            executable.call_template_returning_string(None)
            times.append((time.process_time() - start) * 1e6)
        print(f"{min(times):9.0f} / {statistics.median(times):9.0f}  {part}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
