"""How long the build takes, stage by stage and whole, for 1, 100 and 1,000 documents.

    .venv/bin/python benchmarks/bench_build.py [--sizes 1,100,1000] [--pdf-max 10]
                                               [--jobs N] [--work DIR]

Prints figures and a markdown table; asserts nothing. For each size N a project of N
synthetic documents is generated (benchmarks/generate.py) and measured twice:

1. Stages, in one fresh process each (so that its peak RSS belongs to that size alone),
   called as functions, one process, no pool: encode (edition.encode.encode_documents,
   its own validation gate off), validate (edition.validate.validate_paths), HTML
   (edition.html.render_site), PDF (edition.pdf.render_pdfs, no volume; only for
   N <= --pdf-max, as PDF is the slow stage). Side by side in the same process, the floor
   for the HTML stage: saxonche parsing each TEI file, and an identity transform of it.
2. The command: `edition --root P build` from a clean tree (with --no-pdf for
   N > --pdf-max), then the same command again with nothing changed (no-op rebuild), then
   after an editorial note was added to one document (one-document rebuild). Peak RSS of
   the command is from os.wait4 (the process and the children it waited for).
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

def _run(cmd: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS MiB (process + waited children), exit code, output tail."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        tail = log.read().decode("utf-8", "replace").strip().splitlines()[-2:]
    return seconds, usage.ru_maxrss / 1024, proc.returncode, " / ".join(tail)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--pdf-max", type=int, default=10,
                        help="render PDFs only for projects of at most this many documents")
    parser.add_argument("--jobs", type=int, default=None, help="passed to `edition build -j`")
    parser.add_argument("--work", type=Path, default=None, help="keep the projects here")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "PDF"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(_stages(Path(args.child[0]), args.child[1] == "1")))
        return 0

    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    work = args.work or Path(tempfile.mkdtemp(prefix="edition-bench-"))
    machine = _machine()
    print(f"machine: {machine['cpus']} CPUs, {machine['cpu']}, {machine['ram']} RAM, "
          f"Python {machine['python']}, {machine['system']}")
    rows: list[dict[str, Any]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        pdf = size <= args.pdf_max
        row: dict[str, Any] = {"n": size}
        # 1. stages in one fresh process
        folder = work / f"stages-{size}"
        generate(size, folder)
        child = subprocess.run([sys.executable, __file__, "--child", str(folder), "1" if pdf else "0"],
                               capture_output=True, text=True)
        if child.returncode != 0:
            print(child.stderr[-3000:])
            raise SystemExit(f"stage run for {size} documents failed")
        row.update(json.loads(child.stdout.strip().splitlines()[-1]))
        print(f"[{size}] stages: " + ", ".join(
            f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()))
        # 2. the command
        folder = work / f"build-{size}"
        generate(size, folder)
        # --draft: the generated project copies an edition.toml that may name no public
        # address yet; a draft build does the same work but the harvesters' CMIF and sitemap.
        cmd = [str(EDITION), "--root", str(folder), "build", "--draft"]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        if not pdf:
            cmd.append("--no-pdf")
        for key, prepare in (("full", None), ("noop", None), ("one", _edit_one)):
            if prepare is not None:
                prepare(folder)
            seconds, rss, code, tail = _run(cmd)
            row[f"build_{key}"], row[f"build_{key}_rss"], row[f"build_{key}_rc"] = seconds, rss, code
            print(f"[{size}] build {key}: {seconds:.2f} s, peak {rss:.0f} MiB, exit {code}: {tail}")
        rows.append(row)

    print()
    print(f"Machine: {machine['cpus']} CPUs ({machine['cpu']}), {machine['ram']} RAM, "
          f"Python {machine['python']}.")
    print()
    print("| documents | encode /doc | validate /doc | HTML /doc | floor: parse /doc "
          "| floor: parse+identity /doc | html.xsl /doc | PDF /doc | stages peak RSS | `edition build` "
          "| no-op rebuild | one-document rebuild | build peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        n = r["documents"] or 1
        pdf_cell = _fmt(r["pdf"] / n) if isinstance(r.get("pdf"), float) else "not run"
        build = _fmt(r["build_full"]) + ("" if r["n"] <= args.pdf_max else " (no PDF)")
        print(f"| {r['n']} | {_fmt(r['encode'] / n, 'ms')} | {_fmt(r['validate'] / n, 'ms')} "
              f"| {_fmt(r['html'] / n, 'ms')} | {_fmt(r['floor_parse'] / n, 'ms')} "
              f"| {_fmt(r['floor_identity'] / n, 'ms')} | {_fmt(r['html_xslt'] / n, 'ms')} "
              f"| {pdf_cell} "
              f"| {r['peak_rss_mib']:.0f} MiB | {build} | {_fmt(r['build_noop'])} "
              f"| {_fmt(r['build_one'])} | {r['build_full_rss']:.0f} MiB |")
    print()
    print("Stage totals (s): " + "; ".join(
        f"N={r['n']}: encode {r['encode']:.2f}, validate {r['validate']:.2f}, "
        f"HTML {r['html']:.2f}" for r in rows))
    print(f"Projects kept in {work}" if args.work else f"(projects in {work}; delete at will)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
