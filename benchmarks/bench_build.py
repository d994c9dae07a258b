"""How long the build takes and how much memory each kind of process needs, stage by
stage and whole, for 1 to 10,000 documents.

    .venv/bin/python benchmarks/bench_build.py [--sizes 1,100,1000] [--pdf-max 10]
                                               [--jobs N] [--work DIR] [--stages-max 1000]
                                               [--cluster-max 1000] [--scheduler ADDRESS]

Prints figures and a markdown table; asserts nothing. For each size N a project of N
synthetic documents is generated (benchmarks/generate.py) and measured twice:

1. Stages, in one fresh process each (so that its peak RSS belongs to that size alone),
   called as functions, one process, no pool: encode (edition.encode.encode_documents,
   its own validation gate off), validate (edition.validate.validate_paths), HTML
   (edition.html.render_site), PDF (edition.pdf.render_pdfs, no volume; only for
   N <= --pdf-max, as PDF is the slow stage). Side by side in the same process, the floor
   for the HTML stage: saxonche parsing each TEI file, and an identity transform of it.
   Only for N <= --stages-max (the stages of 10,000 documents in one process take as long
   as the build).
2. The command: `edition --root P build --draft` from a clean tree (with --no-pdf for
   N > --pdf-max), then the same command again with nothing changed (no-op rebuild), then
   after an editorial note was added to one document (one-document rebuild). While each
   runs, its process tree is sampled every 0.5 s (benchmarks/proctree.py): per kind of
   process (the build process, pool workers, Java/Jing, Pagefind, dask workers) the peak
   RSS of the largest one and the CPU seconds of all; the largest process by os.wait4
   checks the sampling.
3. For N <= --cluster-max: the same clean build of a fresh copy of the project on a Dask
   cluster, `edition build --scheduler ADDRESS`: --scheduler's, or a
   distributed.LocalCluster the benchmark starts (--jobs worker processes, one thread
   each), whose worker processes are sampled as "dask workers".

At the end: the tables (per size; per run and process kind) and, for the smallest and
largest sizes measured, the ratio of each kind's peak memory (the issue's target: no
process's peak grows more than 1.5x from 1,000 to 10,000 documents).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from proctree import KINDS, KindFigures, line_at, run_sampled  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EDITION = REPO / ".venv" / "bin" / "edition"
IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""


# ------------------------------------------------------------------ child: stages in-process

def _stages(folder: Path, pdf: bool) -> dict[str, Any]:
    from edition.encode import encode_documents
    from edition.html import render_site
    from edition.paths import Project
    from edition.pdf import render_pdfs
    from edition.validate import validate_paths
    from saxonche import PySaxonProcessor

    project = Project(folder)
    out: dict[str, Any] = {}

    def timed(name: str, action: Any) -> Any:
        start = time.perf_counter()
        result = action()
        out[name] = time.perf_counter() - start
        return result

    timed("encode", lambda: encode_documents(project, validate=False))
    tei = sorted(p for p in project.tei.glob("*.xml") if p.name != "registers.xml")
    out["documents"] = len(tei)
    findings = timed("validate", lambda: validate_paths([project.tei]))
    out["findings"] = len(findings)
    timed("html", lambda: render_site(project, folder / "build" / "site-bench"))
    # The part of the HTML stage that is comparable with the floor: html.xsl per document
    # (the JSON summary and the page), without Jinja pages, copies and exports.
    from edition.html import Settings, document_data, document_page
    settings = Settings.load(project)
    timed("html_xslt", lambda: [(document_data(p), document_page(p, settings)) for p in tei])

    # The floor, same process, same files: parse only; parse + identity transform.
    proc = PySaxonProcessor(license=False)
    identity = proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=IDENTITY)
    timed("floor_parse", lambda: [proc.parse_xml(xml_file_name=str(p)) for p in tei])

    def identity_all() -> None:
        for path in tei:
            identity.clone().transform_to_string(xdm_node=proc.parse_xml(xml_file_name=str(path)))

    timed("floor_identity", identity_all)
    if pdf:
        timed("pdf", lambda: render_pdfs(project, folder / "build" / "pdf-bench", volume=False))
    out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


# ------------------------------------------------------------------------- parent: driver

def _edit_one(folder: Path) -> Path:
    """Add an editorial note to one paragraph of one document (markup only, so the
    witness check still passes): what an editor fixing a comma looks like to the build."""
    doc = sorted((folder / "source" / "documents").iterdir())[len(os.listdir(
        folder / "source" / "documents")) // 2]
    text_file = doc / "en.txt"
    lines = text_file.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith("p ") and "|" in line:
            lines[i] = line + "{note Benchmark edit.}"
            break
    text_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return doc


def _machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {"cpus": str(os.cpu_count()), "cpu": cpu, "ram": ram,
            "python": platform.python_version(), "system": platform.platform()}


def _fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def _kinds_row(kinds: dict[str, KindFigures], log: Path) -> dict[str, Any]:
    return {kind: {"peak_mib": f.peak_rss / 2**20, "cpu_s": f.cpu_seconds, "processes": len(f.processes),
                   "peak_at_s": f.peak_at, "peak_during": line_at(log, f.peak_at)}
            for kind, f in kinds.items() if f.processes}


def _command(folder: Path, args: argparse.Namespace, pdf: bool, scheduler: str | None = None) -> list[str]:
    # --draft: the generated project copies an edition.toml that may name no public
    # address yet; a draft build does the same work but the harvesters' CMIF and sitemap.
    cmd = [str(EDITION), "--root", str(folder), "build", "--draft"]
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    if not pdf:
        cmd.append("--no-pdf")
    if scheduler:
        cmd += ["--scheduler", scheduler]
    return cmd


def _measure(label: str, size: int, cmd: list[str], log: Path,
             extra_roots: Any = list) -> dict[str, Any]:
    seconds, code, wait4_peak, kinds = run_sampled(cmd, log, extra_roots)
    tail = " / ".join(log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-2:])
    run = {"seconds": seconds, "exit": code, "largest_mib": wait4_peak / 2**20,
           "kinds": _kinds_row(kinds, log)}
    per_kind = "; ".join(f"{k} {v['peak_mib']:.0f} MiB at {v['peak_at_s']:.0f} s "
                         f"({v['peak_during'][:60]!r}), {v['cpu_s']:.1f} s CPU, {v['processes']} proc"
                         for k, v in run["kinds"].items())
    print(f"[{size}] {label}: {seconds:.2f} s, exit {code}, largest process {run['largest_mib']:.0f} MiB "
          f"(wait4); {per_kind}; {tail}", flush=True)
    return run


class _Cluster:
    """A LocalCluster of worker processes (one thread each), started for the benchmark."""

    def __init__(self, workers: int) -> None:
        from distributed import LocalCluster

        self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                    dashboard_address=None)
        self.address = self.cluster.scheduler_address

    def pids(self) -> list[int]:
        import psutil

        me = psutil.Process()
        return [child.pid for child in me.children() if "edition" not in " ".join(child.cmdline())]

    def close(self) -> None:
        self.cluster.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--pdf-max", type=int, default=10,
                        help="render PDFs only for projects of at most this many documents")
    parser.add_argument("--jobs", type=int, default=None, help="passed to `edition build -j`")
    parser.add_argument("--work", type=Path, default=None, help="keep the projects here")
    parser.add_argument("--stages-max", type=int, default=1000,
                        help="run the stages in one process only for at most this many documents")
    parser.add_argument("--cluster-max", type=int, default=1000,
                        help="build on a Dask cluster too, for at most this many documents (0: never)")
    parser.add_argument("--scheduler", default=None,
                        help="a running Dask scheduler to build on (default: a LocalCluster started here)")
    parser.add_argument("--cluster-only", action="store_true",
                        help="only the clean build on the cluster (the local runs measured before)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "PDF"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(_stages(Path(args.child[0]), args.child[1] == "1")))
        return 0

    from generate import generate

    work = args.work or Path(tempfile.mkdtemp(prefix="edition-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    machine = _machine()
    print(f"machine: {machine['cpus']} CPUs, {machine['cpu']}, {machine['ram']} RAM, "
          f"Python {machine['python']}, {machine['system']}; load average {os.getloadavg()}", flush=True)
    rows: list[dict[str, Any]] = []
    cluster: _Cluster | None = None
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            pdf = size <= args.pdf_max
            row: dict[str, Any] = {"n": size, "runs": {}, "load": os.getloadavg()}
            # 1. stages in one fresh process
            if size <= args.stages_max and not args.cluster_only:
                folder = work / f"stages-{size}"
                generate(size, folder)
                child = subprocess.run([sys.executable, __file__, "--child", str(folder),
                                        "1" if pdf else "0"], capture_output=True, text=True)
                if child.returncode != 0:
                    print(child.stderr[-3000:])
                    raise SystemExit(f"stage run for {size} documents failed")
                row.update(json.loads(child.stdout.strip().splitlines()[-1]))
                print(f"[{size}] stages: " + ", ".join(
                    f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()
                    if k not in ("runs", "load")), flush=True)
            # 2. the command, on the local pool
            folder = work / f"build-{size}"
            if not args.cluster_only:
                generate(size, folder)
            cmd = _command(folder, args, pdf)
            runs = (("clean", None), ("no-op", None), ("one changed", _edit_one))
            for key, prepare in () if args.cluster_only else runs:
                if prepare is not None:
                    prepare(folder)
                row["runs"][key] = _measure(key, size, cmd, work / f"log-{size}-{key.replace(' ', '-')}.txt")
            # 3. the clean build on a Dask cluster
            if size <= args.cluster_max:
                scheduler = args.scheduler
                if scheduler is None:
                    if cluster is None:
                        cluster = _Cluster(args.jobs or os.cpu_count() or 1)
                    scheduler = cluster.address
                folder = work / f"cluster-{size}"
                generate(size, folder)
                row["runs"]["clean, Dask cluster"] = _measure(
                    "clean, Dask cluster", size, _command(folder, args, pdf, scheduler),
                    work / f"log-{size}-cluster.txt", cluster.pids if cluster is not None else list)
            rows.append(row)
            if args.json:
                args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    finally:
        if cluster is not None:
            cluster.close()

    _print_tables(rows, args, machine)
    print(f"Projects kept in {work}" if args.work else f"(projects in {work}; delete at will)")
    return 0


def _cell(run: dict[str, Any], kind: str) -> str:
    figures = run["kinds"].get(kind)
    if figures is None:
        return "—"
    return f"{figures['peak_mib']:.0f} MiB, {figures['cpu_s']:.0f} s"


def _print_tables(rows: list[dict[str, Any]], args: argparse.Namespace, machine: dict[str, str]) -> None:
    print()
    print(f"Machine: {machine['cpus']} CPUs ({machine['cpu']}), {machine['ram']} RAM, "
          f"Python {machine['python']}.")
    staged = [r for r in rows if "encode" in r]
    if staged:
        print()
        print("| documents | encode /doc | validate /doc | HTML /doc | floor: parse /doc "
              "| floor: parse+identity /doc | html.xsl /doc | PDF /doc | stages peak RSS |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in staged:
            n = r["documents"] or 1
            pdf_cell = _fmt(r["pdf"] / n) if isinstance(r.get("pdf"), float) else "not run"
            print(f"| {r['n']} | {_fmt(r['encode'] / n, 'ms')} | {_fmt(r['validate'] / n, 'ms')} "
                  f"| {_fmt(r['html'] / n, 'ms')} | {_fmt(r['floor_parse'] / n, 'ms')} "
                  f"| {_fmt(r['floor_identity'] / n, 'ms')} | {_fmt(r['html_xslt'] / n, 'ms')} "
                  f"| {pdf_cell} | {r['peak_rss_mib']:.0f} MiB |")
    print()
    print("`edition build` per run: wall time; per kind of process, the peak RSS of its largest "
          "process and the CPU seconds of all of them (sampled every 0.5 s)")
    print()
    print("| documents | run | wall | load avg | largest process (wait4) | "
          + " | ".join(k for k in KINDS if k != "other") + " |")
    print("|---:|---|---:|---:|---:|" + "---:|" * (len(KINDS) - 1))
    for r in rows:
        for key, run in r["runs"].items():
            failed = "" if run["exit"] == 0 else f" (exit {run['exit']})"
            print(f"| {r['n']:,} | {key}{failed} | {_fmt(run['seconds'])} | {r['load'][0]:.1f} "
                  f"| {run['largest_mib']:.0f} MiB | "
                  + " | ".join(_cell(run, k) for k in KINDS if k != "other") + " |")
    sized = [r for r in rows if "clean" in r["runs"]]
    if len(sized) >= 2:
        small, large = sized[0], sized[-1]
        print()
        print(f"Peak memory per kind of process, {large['n']:,} against {small['n']:,} documents "
              "(clean build; target: at most 1.5x)")
        print()
        print("| process kind | " + f"{small['n']:,} | {large['n']:,} | ratio |")
        print("|---|---:|---:|---:|")
        for kind in KINDS:
            a = small["runs"]["clean"]["kinds"].get(kind)
            b = large["runs"]["clean"]["kinds"].get(kind)
            if a and b:
                print(f"| {kind} | {a['peak_mib']:.0f} MiB | {b['peak_mib']:.0f} MiB "
                      f"| {b['peak_mib'] / a['peak_mib']:.2f} |")
        a, b = small["runs"]["clean"], large["runs"]["clean"]
        print(f"| largest process (wait4) | {a['largest_mib']:.0f} MiB | {b['largest_mib']:.0f} MiB "
              f"| {b['largest_mib'] / a['largest_mib']:.2f} |")


if __name__ == "__main__":
    raise SystemExit(main())
