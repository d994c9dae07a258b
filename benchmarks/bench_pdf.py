"""How long the PDF stage takes: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat 3] [--fixtures]

Measures, in one process (the stage as `edition build` runs it: one font cache and one
parsed print.css for all PDFs of a run):
- ``render_pdfs`` on the documents of tei/ (copied into a temporary project), repeated:
  per PDF (each document and the volume) the time, the pages, the layouts WeasyPrint made
  (1 + passes for rows whose notes move to their end + 1 for the index page numbers)
  and the file size;
- for one document, where the time goes: print.xsl alone, one WeasyPrint layout, writing
  the PDF/A-3b file.
``--fixtures`` adds the invented documents of tests/fixtures/pdf (an aligned pair longer
than a page, many notes).

The load average is printed too: other processes on the machine slow WeasyPrint down
(it is single-threaded and CPU-bound).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from edition import pdf as stage
from edition.paths import Project
from edition.xsltrun import transform

REPO = Path(__file__).resolve().parent.parent


def project(root: Path, tei: Path, edition_toml: Path) -> Project:
    (root / "source").mkdir(parents=True)
    shutil.copy(edition_toml, root / "source" / "edition.toml")
    shutil.copytree(tei, root / "tei")
    (root / "pyproject.toml").write_text("")
    return Project(root)


def bench(label: str, proj: Project, repeat: int) -> None:
    times: dict[str, list[float]] = {}
    last: list[stage.RenderedPdf] = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # its own summary lines
            last = stage.render_pdfs(proj)
        total = time.perf_counter() - start
        for result in last:
            times.setdefault(result.path.name, []).append(result.seconds)
        times.setdefault("(whole stage)", []).append(total)
    print(f"\n{label}: {len(proj.tei_documents())} document(s), {repeat} run(s)")
    print(f"  {'PDF':<42} {'pages':>5} {'layouts':>7} {'KB':>6} {'min s':>7} {'median s':>8}")
    for result in last:
        t = times[result.path.name]
        print(f"  {result.path.name:<42} {result.pages:>5} {result.layouts:>7} "
              f"{result.path.stat().st_size / 1024:>6.0f} {min(t):>7.2f} {statistics.median(t):>8.2f}")
    t = times["(whole stage)"]
    print(f"  {'(whole stage, fonts and CSS included)':<42} {'':>5} {'':>7} {'':>6} "
          f"{min(t):>7.2f} {statistics.median(t):>8.2f}")


def breakdown(proj: Project, repeat: int) -> None:
    """Where one document's time goes."""
    tei = proj.tei_documents()[-1]
    params = stage._edition_params(proj)
    renderer = stage._Renderer()
    parts: dict[str, list[float]] = {"print.xsl (TEI -> print HTML)": [], "one WeasyPrint layout": [],
                                     "write PDF/A-3b with the TEI attached": []}
    out = proj.build / "breakdown"
    out.mkdir(parents=True, exist_ok=True)
    for _ in range(repeat):
        start = time.perf_counter()
        html = transform(stage.STYLESHEET, tei.resolve(), params=params)
        parts["print.xsl (TEI -> print HTML)"].append(time.perf_counter() - start)
        start = time.perf_counter()
        document = renderer._layout(html, tei)
        parts["one WeasyPrint layout"].append(time.perf_counter() - start)
        start = time.perf_counter()
        stage._write(document, [tei], out / f"{tei.stem}.pdf")
        parts["write PDF/A-3b with the TEI attached"].append(time.perf_counter() - start)
    print(f"\nwhere the time goes, {tei.name} ({len(html) / 1024:.0f} KB of print HTML):")
    for label, t in parts.items():
        print(f"  {label:<42} min {min(t):6.2f} s   median {statistics.median(t):6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fixtures", action="store_true", help="also the test fixtures")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f} "
          f"(over {os.cpu_count()} means other work competes for the CPUs)")
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        edition = project(Path(tmp) / "edition", REPO / "tei", REPO / "source" / "edition.toml")
        bench("the edition (tei/)", edition, args.repeat)
        if args.fixtures:
            fixture = REPO / "tests" / "fixtures" / "pdf"
            bench("the test fixtures", project(Path(tmp) / "fixture", fixture / "tei",
                                               fixture / "edition.toml"), args.repeat)
        breakdown(edition, args.repeat)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
