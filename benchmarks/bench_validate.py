"""How long `edition validate` takes: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_validate.py [--copies 500] [--repeat 3]

Measures
- the command as a user runs it (a fresh process: Python start, rule compilation, JVM),
  on the documents in tei/ (or, before any are encoded, the test fixtures);
- inside one process, the two layers separately and together;
- N generated copies of the same documents validated in one call (each pair in its own
  folder, so that the links between documents resolve as in tei/).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from edition import validate as v

REPO = Path(__file__).resolve().parent.parent
EDITION = REPO / ".venv" / "bin" / "edition"


def shipped() -> list[Path]:
    files = sorted((REPO / "tei").glob("*.xml"))
    if files:
        return files
    fixtures = REPO / "tests" / "fixtures" / "validate"
    return [fixtures / "telegram.xml", fixtures / "reply.xml"]


def timed(label: str, action: Callable[[], object], repeat: int) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    print(f"  {label:<52} min {min(times):6.2f} s   median {statistics.median(times):6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    files = shipped()
    size = sum(f.stat().st_size for f in files)
    print(f"documents: {len(files)} ({size / 1024:.0f} KB): "
          + ", ".join(f.name for f in files))
    print(f"machine: {os.cpu_count()} CPU(s)")

    print("a fresh `edition validate` process:")
    for flag in ([], ["--tei-only"]):
        timed(" ".join(["edition validate", *flag, f"<{len(files)} files>"]),
              lambda flag=flag: subprocess.run([str(EDITION), "validate", *flag, *map(str, files)],
                                               capture_output=True, check=False),
              args.repeat)

    print("inside one process (rules already compiled after the first call):")
    start = time.perf_counter()
    v.edition_rules()
    print(f"  {'compile the rules from schema/edition.odd (once)':<52} "
          f"{time.perf_counter() - start:6.2f} s")
    docs = [doc for doc, _ in (v._read(f) for f in files) if doc]
    rules = v.edition_rules()
    timed("edition rules only (Schematron, all documents)",
          lambda: [v._run_rules(d, rules) for d in docs], args.repeat)
    timed("TEI P5 only (Jing, one call)", lambda: v.validate_paths(files, tei_only=True),
          args.repeat)
    timed("both layers (validate_paths)", lambda: v.validate_paths(files), args.repeat)

    with tempfile.TemporaryDirectory() as tmp:
        copies: list[Path] = []
        folder = 0
        while len(copies) < args.copies:
            target = Path(tmp) / f"copy-{folder:04d}"
            target.mkdir()
            for f in files:
                if len(copies) < args.copies:
                    shutil.copy(f, target / f.name)
                    copies.append(target / f.name)
            folder += 1
        total = sum(c.stat().st_size for c in copies)
        print(f"{len(copies)} generated copies ({total / 1024 / 1024:.1f} MB) in one call:")
        many_docs = [doc for doc, _ in (v._read(c) for c in copies) if doc]
        jing = v._Jing(many_docs)
        print(f"  Jing processes for {len(many_docs)} files: {len(jing.runs)}")
        jing.findings()
        timed("edition rules only (Schematron)",
              lambda: [v._run_rules(d, rules) for d in many_docs], 1)
        timed("TEI P5 only (Jing, one call)", lambda: v.validate_paths(copies, tei_only=True), 1)
        timed("both layers (validate_paths)", lambda: v.validate_paths(copies), 1)
        timed("a fresh `edition validate` process",
              lambda: subprocess.run([str(EDITION), "validate", tmp], capture_output=True,
                                     check=False), 1)
        findings = v.validate_paths(copies)
        print(f"  findings in the copies: {len(findings)}")


if __name__ == "__main__":
    main()
