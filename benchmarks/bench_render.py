"""How fast our HTML transform is against the TEI Consortium's and against the floor.

    .venv/bin/python benchmarks/bench_render.py [--rounds 40] [--warmup 5] [--callgrind N]
                                                [--stylesheets DIR] [TEI…]

In one process, on the same TEI files (default: tei/*.xml but the registers), each
stylesheet compiled once (as a build does), the time of one transform of:

- ours: the document page as `edition build` makes it (edition.html.document_page: our
  xslt/html.xsl with the site's parameters, through edition.xsltrun, which also reads the
  file safely with lxml before Saxon parses it);
- TEIC: the TEI Consortium's html/html.xsl (the Stylesheets' generic TEI -> HTML), from
  --stylesheets (default: ../shared/vendor/tei-stylesheets; the benchmark says so and skips
  that row when it is not there), saxonche parse included;
- floor: saxonche parsing the file, and parsing + an identity transform.

Made to give the same answer on a loaded machine: every kind is warmed up first, then the
kinds run interleaved (one of each per round, the order rotating from round to round), so a
burst of load from elsewhere hits all of them alike; the table gives the minimum (the
least disturbed run) and the median of the rounds, and the ratios of both.

``--callgrind N`` also counts instructions (valgrind --tool=callgrind, which must be
installed): one process per file and kind runs N transforms under valgrind, counting only
inside them (a ``functools.reduce`` around the loop is the toggle), so the figure does not
depend on the load at all. It takes about a minute per file and kind.

Prints the two ratios the performance targets name (ours / TEIC <= 0.5, ours / identity
floor <= 6). Asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO.parent / "shared" / "vendor" / "tei-stylesheets"
IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""
KINDS = ("ours", "TEIC", "parse", "floor")


def _runners(stylesheets: Path, files: list[Path]) -> dict[str, Callable[[Path], object]]:
    """One callable per kind (TEIC only when its stylesheet is there), each compiled once."""
    from edition.html import Settings, document_page
    from edition.paths import Project
    from saxonche import PySaxonProcessor

    settings = Settings.load(Project(REPO))
    processor = PySaxonProcessor(license=False)
    xslt = processor.new_xslt30_processor()
    identity = xslt.compile_stylesheet(stylesheet_text=IDENTITY)

    def parse(path: Path) -> object:
        return processor.parse_xml(xml_file_name=str(path))

    runners: dict[str, Callable[[Path], object]] = {
        "ours": lambda path: document_page(path, settings),
        "parse": parse,
        "floor": lambda path: identity.transform_to_string(xdm_node=parse(path)),
    }
    teic_file = stylesheets / "html" / "html.xsl"
    if teic_file.is_file():
        teic = xslt.compile_stylesheet(stylesheet_file=str(teic_file))
        runners["TEIC"] = lambda path: teic.transform_to_string(xdm_node=parse(path))
    return runners


def _timed(run: Callable[[Path], object], path: Path) -> tuple[float, float]:
    """Wall and CPU milliseconds of one run (CPU of the whole process: Saxon's threads too)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run(path)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _timings(files: list[Path], runners: dict[str, Callable[[Path], object]], rounds: int,
          warmup: int) -> None:
    kinds = [k for k in KINDS if k in runners]
    for path in files:
        for kind in kinds:
            for _ in range(warmup):
                runners[kind](path)
    walls: dict[tuple[Path, str], list[float]] = {(p, k): [] for p in files for k in kinds}
    cpus: dict[tuple[Path, str], list[float]] = {(p, k): [] for p in files for k in kinds}
    for n in range(rounds):
        for path in files:
            order = kinds[n % len(kinds):] + kinds[:n % len(kinds)]
            for kind in order:
                wall, cpu = _timed(runners[kind], path)
                walls[path, kind].append(wall)
                cpus[path, kind].append(cpu)
    _table(f"Wall time per transform, ms, min / median of {rounds} interleaved rounds "
           f"({warmup} warm-up runs each):", files, walls)
    _table("CPU time of the process per transform, ms, min / median (on a loaded machine the "
           "wall time of a long transform includes waiting for a core, a short one's rarely):",
           files, cpus)


def _table(title: str, files: list[Path], times: dict[tuple[Path, str], list[float]]) -> None:
    def cell(path: Path, kind: str) -> str:
        t = times.get((path, kind))
        return f"{min(t):.1f} / {statistics.median(t):.1f}" if t else "—"

    def ratio(path: Path, other: str, fmt: str) -> str:
        if (path, other) not in times:
            return "—"
        ours, theirs = times[path, "ours"], times[path, other]
        median = statistics.median
        return f"{min(ours) / min(theirs):{fmt}} / {median(ours) / median(theirs):{fmt}}"

    print(title)
    print("| file | bytes | ours | TEIC | parse | parse + identity | ours/TEIC | ours/floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in files:
        print(f"| {path.name} | {path.stat().st_size:,} | {cell(path, 'ours')} | {cell(path, 'TEIC')} "
              f"| {cell(path, 'parse')} | {cell(path, 'floor')} | {ratio(path, 'TEIC', '.2f')} "
              f"| {ratio(path, 'floor', '.1f')} |")


def _measure(kind: str, path: Path, count: int, stylesheets: Path) -> None:
    """Inside valgrind: warm up, then ``count`` transforms inside functools.reduce, the
    function callgrind's --toggle-collect counts in."""
    run = _runners(stylesheets, [path])[kind]
    run(path)
    functools.reduce(lambda acc, _: (run(path), acc)[1], range(count), None)


def _instructions(kind: str, path: Path, count: int, stylesheets: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
             f"--callgrind-out-file={out}", sys.executable, __file__, "--stylesheets", str(stylesheets),
             "--measure", kind, str(count), str(path)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
        if not found:
            raise SystemExit(f"callgrind wrote no summary for {kind} {path.name}")
        return int(found.group(1)) / count


def _callgrind(files: list[Path], count: int, stylesheets: Path, teic: bool) -> None:
    if shutil.which("valgrind") is None:
        print("callgrind skipped: valgrind is not installed")
        return
    kinds = [k for k in ("ours", "TEIC", "floor") if teic or k != "TEIC"]
    print(f"\nInstructions per transform (callgrind, mean of {count}; millions):")
    print("| file | ours | TEIC | parse + identity | ours/TEIC | ours/floor |")
    print("|---|---:|---:|---:|---:|---:|")
    for path in files:
        counts = {k: _instructions(k, path, count, stylesheets) for k in kinds}
        teic_cell = f"{counts['TEIC'] / 1e6:.1f}" if "TEIC" in counts else "—"
        teic_ratio = f"{counts['ours'] / counts['TEIC']:.2f}" if "TEIC" in counts else "—"
        print(f"| {path.name} | {counts['ours'] / 1e6:.1f} | {teic_cell} | {counts['floor'] / 1e6:.1f} "
              f"| {teic_ratio} | {counts['ours'] / counts['floor']:.1f} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tei", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--callgrind", type=int, default=0, metavar="N",
                        help="also count instructions of N transforms per file and kind")
    parser.add_argument("--stylesheets", type=Path, default=VENDOR,
                        help="a checkout of the TEI Consortium's Stylesheets")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure:
        _measure(args.measure[0], args.tei[0], int(args.measure[1]), args.stylesheets)
        return 0

    from edition.paths import Project

    project = Project(REPO)
    files = args.tei or [p for p in sorted(project.tei.glob("*.xml")) if p.stem != "registers"]
    runners = _runners(args.stylesheets, files)
    if "TEIC" not in runners:
        print(f"TEIC row skipped: {args.stylesheets / 'html' / 'html.xsl'} not found (pass "
              "--stylesheets DIR, a checkout of github.com/TEIC/Stylesheets)")
    print(f"Before: {_load()}")
    _timings(files, runners, args.rounds, args.warmup)
    print(f"After: {_load()}")
    if args.callgrind:
        _callgrind(files, args.callgrind, args.stylesheets, "TEIC" in runners)
    return 0


if __name__ == "__main__":
    sys.exit(main())
