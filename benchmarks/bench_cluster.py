"""The same build on this machine's process pool and on a real Dask cluster whose
scheduler and workers are separate processes (`dask scheduler`, `dask worker`).

    .venv/bin/python benchmarks/bench_cluster.py [--docs 100] [--workers 2] [--pdf]
                                                 [--scheduler ADDRESS] [--work DIR]

A project of --docs synthetic documents (benchmarks/generate.py) is built three times
from an empty store, each as a fresh `edition build` command: locally (--jobs = cores),
on the cluster, and on the cluster again with nothing cached in the scheduler. Without
--scheduler the benchmark starts `dask scheduler` and --workers `dask worker` processes
itself (one thread each, as a build's tasks hold the GIL) on 127.0.0.1 and stops them at
the end; with --scheduler it uses that cluster, whose workers must see --work at the same
path. Prints each build's wall time, the stages' times from the build's summary, and
whether the published files are byte-identical to the local build's. Asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _digest(project: Path) -> dict[str, str]:
    found = {}
    for top in ("site", "pdf"):
        base = project / "build" / top
        for path in sorted(base.rglob("*")):
            if path.is_file():
                found[f"{top}/{path.relative_to(base)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _build(project: Path, pdf: bool, scheduler: str | None) -> tuple[float, str]:
    shutil.rmtree(project / "build" / ".cache", ignore_errors=True)
    command = [str(BIN / "edition"), "--root", str(project), "build", "--force", "--draft"]
    if not pdf:
        command.append("--no-pdf")
    if scheduler:
        command += ["--scheduler", scheduler]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    summary = next((line for line in done.stdout.splitlines() if line.startswith("build:")), "")
    return seconds, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pdf", action="store_true", help="also the PDFs (slow)")
    parser.add_argument("--scheduler", help="an existing cluster's scheduler address")
    parser.add_argument("--work", type=Path, help="folder for the project (default: a temporary one)")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    project = work / "project"
    generate(args.docs, project)
    (project / "pyproject.toml").write_text("")
    print(f"{args.docs} documents in {project}; {os.cpu_count()} CPU(s)")

    processes: list[subprocess.Popen[bytes]] = []
    scheduler = args.scheduler
    try:
        if scheduler is None:
            port = _free_port()
            scheduler = f"tcp://127.0.0.1:{port}"
            quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
            processes.append(subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                                               "--port", str(port), "--dashboard-address", ":0"],
                                              **quiet))
            time.sleep(3)
            for _ in range(args.workers):
                processes.append(subprocess.Popen([str(BIN / "dask"), "worker", scheduler,
                                                   "--nthreads", "1", "--dashboard-address", ":0"],
                                                  **quiet))
            time.sleep(5)
            print(f"started: dask scheduler ({scheduler}) and {args.workers} dask worker processes")

        rows = []
        local_s, local_summary = _build(project, args.pdf, None)
        expected = _digest(project)
        rows.append(("local pool", local_s, local_summary, True))
        for label in ("cluster", "cluster, again"):
            seconds, summary = _build(project, args.pdf, scheduler)
            rows.append((label, seconds, summary, _digest(project) == expected))
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    print("\n| build | wall time | same files as local | stages (from the build's summary) |")
    print("|---|---:|---|---|")
    for label, seconds, summary, same in rows:
        stages = summary.split(";", 1)[1].strip() if ";" in summary else summary
        print(f"| {label} | {seconds:.2f} s | {'yes' if same else 'NO'} | {stages} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
