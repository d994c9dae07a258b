"""How long the PDF stage takes: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat 3] [--fixtures]

Measures, in one process (the stage as `edition build` runs it: one font cache and one
parsed print.css for all PDFs of a run):
- ``render_pdfs`` on the documents of tei/ (copied into a temporary project), repeated,
  as a whole; and each PDF (each document and the volume) alone: CPU and wall time, the
  pages, the layouts of the whole WeasyPrint made (1 + passes for rows whose notes move to
  their end, + 1 where the index laid out alone would move a register; "+i": and the index
  alone) and the file size;
- for one document, where the time goes: print.xsl alone, one WeasyPrint layout of the
  whole, the index laid out alone (print.xsl and layout), writing the PDF/A-3b file.
``--fixtures`` adds the invented documents of tests/fixtures/pdf (an aligned pair longer
than a page, many notes).

The load average is printed too: other processes on the machine slow WeasyPrint down
(it is single-threaded and CPU-bound).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
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
    """render_pdfs once per run for the whole stage; each PDF also rendered alone, so
    that its CPU time (process time: what other processes' load does not inflate) can be
    told apart from its wall time."""
    stage_wall: list[float] = []
    stage_cpu: list[float] = []
    per: dict[str, tuple[list[float], list[float]]] = {}
    results: dict[str, stage.RenderedPdf] = {}
    sources = proj.tei_documents()
    params = stage._edition_params(proj)
    out = proj.build / "alone"
    out.mkdir(parents=True, exist_ok=True)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(io.StringIO()):  # its own summary lines
            stage.render_pdfs(proj)
        stage_wall.append(time.perf_counter() - wall)
        stage_cpu.append(time.process_time() - cpu)
        renderer = stage._Renderer()
        for files, name in [*(([s], s.stem) for s in sources), (sources, stage.VOLUME_ID)]:
            wall, cpu = time.perf_counter(), time.process_time()
            results[name] = renderer.render(files, out / f"{name}.pdf", params)
            walls, cpus = per.setdefault(name, ([], []))
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
    print(f"\n{label}: {len(sources)} document(s), {repeat} run(s), median seconds")
    print(f"  {'PDF':<40} {'pages':>5} {'layouts':>7} {'KB':>5} {'CPU s':>6} {'wall s':>6}")
    for name, result in results.items():
        walls, cpus = per[name]
        layouts = f"{result.layouts}{'+i' if result.index_alone else ''}"
        print(f"  {result.path.name:<40} {result.pages:>5} {layouts:>7} "
              f"{result.path.stat().st_size / 1024:>5.0f} {statistics.median(cpus):>6.2f} "
              f"{statistics.median(walls):>6.2f}")
    print(f"  {'render_pdfs, the whole stage':<40} {'':>5} {'':>7} {'':>5} "
          f"{statistics.median(stage_cpu):>6.2f} {statistics.median(stage_wall):>6.2f}")


def breakdown(proj: Project, repeat: int) -> None:
    """Where one document's time goes."""
    tei = proj.tei_documents()[-1]
    params = stage._edition_params(proj)
    renderer = stage._Renderer()
    first = {**params, "index-pages": "#placeholder"}
    parts: dict[str, list[float]] = {"print.xsl (TEI -> print HTML)": [], "one WeasyPrint layout": [],
                                     "the index alone (print.xsl + layout)": [],
                                     "write PDF/A-3b with the TEI attached": []}
    out = proj.build / "breakdown"
    out.mkdir(parents=True, exist_ok=True)
    for _ in range(repeat):
        start = time.process_time()
        html = transform(stage.STYLESHEET, tei.resolve(), params=first)
        parts["print.xsl (TEI -> print HTML)"].append(time.process_time() - start)
        start = time.process_time()
        document = renderer._layout(html, tei)
        parts["one WeasyPrint layout"].append(time.process_time() - start)
        start = time.process_time()
        document, _, _ = renderer._index(document, [tei], first, out / f"{tei.stem}.pdf")
        parts["the index alone (print.xsl + layout)"].append(time.process_time() - start)
        start = time.process_time()
        stage._write(document, [tei], out / f"{tei.stem}.pdf")
        parts["write PDF/A-3b with the TEI attached"].append(time.process_time() - start)
    print(f"\nwhere the time goes, {tei.name} ({len(html) / 1024:.0f} KB of print HTML), CPU:")
    for label, t in parts.items():
        print(f"  {label:<42} min {min(t):6.2f} s   median {statistics.median(t):6.2f} s")
    made = page_layouts(renderer, html, tei)
    print(f"  the layout made {len(made)} pages for {max(made)}: pages {sorted(made)}")
    print("  (WeasyPrint lays a page out again while a CSS target-counter on it is not known:")
    print("  the contents point forward)")


def page_layouts(renderer: stage._Renderer, html: str, tei: Path) -> list[int]:
    """The page numbers WeasyPrint laid out in one layout, once for each time (its
    progress log: "Creating layout - Page N", "(up-to-date)" when kept)."""
    made: list[int] = []

    class Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            text = record.getMessage()
            if "Creating layout - Page" in text and "up-to-date" not in text:
                made.append(int(text.rsplit(" ", 1)[1]))

    logger = logging.getLogger("weasyprint.progress")
    handler, level = Count(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        renderer._layout(html, tei)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return made


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
