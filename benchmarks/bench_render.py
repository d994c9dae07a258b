"""How fast our HTML transform is against the TEI Consortium's and against the floor.

    .venv/bin/python benchmarks/bench_render.py [--repeat 30] [--stylesheets DIR] [TEI…]

In one process, on the same TEI files (default: tei/*.xml but the registers), the median
time of one transform, each stylesheet compiled once (as a build does):

- ours: the document page as `edition build` makes it (edition.html.document_page: our
  xslt/html.xsl with the site's parameters, through edition.xsltrun);
- TEIC: the TEI Consortium's html/html.xsl (the Stylesheets' generic TEI -> HTML), from
  --stylesheets (default: ../shared/vendor/tei-stylesheets; the benchmark says so and skips
  that row when it is not there);
- floor: saxonche parsing the file, and parsing + an identity transform.

Prints the times and the two ratios the performance targets name (ours / TEIC <= 0.5,
ours / identity floor <= 6). Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO.parent / "shared" / "vendor" / "tei-stylesheets"
IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm: compiled, cached, JIT-free but first-call costs paid
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tei", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--stylesheets", type=Path, default=VENDOR,
                        help="a checkout of the TEI Consortium's Stylesheets")
    args = parser.parse_args(argv)

    from edition.html import Settings, document_page
    from edition.paths import Project
    from saxonche import PySaxonProcessor

    project = Project(REPO)
    files = args.tei or [p for p in sorted(project.tei.glob("*.xml")) if p.stem != "registers"]
    settings = Settings.load(project)
    processor = PySaxonProcessor(license=False)
    xslt = processor.new_xslt30_processor()
    identity = xslt.compile_stylesheet(stylesheet_text=IDENTITY)
    teic = None
    teic_file = args.stylesheets / "html" / "html.xsl"
    if teic_file.is_file():
        teic = xslt.compile_stylesheet(stylesheet_file=str(teic_file))
    else:
        print(f"TEIC row skipped: {teic_file} not found (pass --stylesheets DIR, a checkout of "
              "github.com/TEIC/Stylesheets)")

    print("| file | bytes | ours | TEIC | parse | parse + identity | ours/TEIC | ours/floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in files:
        ours = _median_ms(lambda path=path: document_page(path, settings), args.repeat)
        parse = _median_ms(lambda path=path: processor.parse_xml(xml_file_name=str(path)), args.repeat)

        def floor(path: Path = path) -> object:
            node = processor.parse_xml(xml_file_name=str(path))
            return identity.transform_to_string(xdm_node=node)

        floor_ms = _median_ms(floor, args.repeat)
        teic_ms = None
        if teic is not None:
            def run_teic(path: Path = path) -> object:
                node = processor.parse_xml(xml_file_name=str(path))
                return teic.transform_to_string(xdm_node=node)

            teic_ms = _median_ms(run_teic, args.repeat)
        teic_cell = f"{teic_ms:.1f} ms" if teic_ms else "—"
        ratio = f"{ours / teic_ms:.2f}" if teic_ms else "—"
        print(f"| {path.name} | {path.stat().st_size:,} | {ours:.1f} ms | {teic_cell} | {parse:.1f} ms "
              f"| {floor_ms:.1f} ms | {ratio} | {ours / floor_ms:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
