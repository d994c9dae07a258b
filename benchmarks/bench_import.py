"""How long `edition import` and the encoding of what it wrote take: prints figures,
asserts nothing.

    .venv/bin/python benchmarks/bench_import.py [--records 100] [--no-natasha] [--work DIR]

N records in the archive's shape are generated from the archive pages kept with the shipped
documents (source/documents/*/witness/page.txt), each with its own date (so its own id) and
one of four layouts in turn: as published, run into one line per language, CRLF line
endings, blank lines doubled. They are imported in one call into a fresh project (the
repository's edition settings and registry) and then encoded and validated in one call.
Printed: the time of each stage, per record, and the peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import resource
import shutil
import tempfile
import time
import tomllib
from pathlib import Path

from edition.encode import encode_documents
from edition.importer import import_records
from edition.importer.record import parse_record
from edition.paths import Project

REPO = Path(__file__).resolve().parent.parent
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DATE_LINE = re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$", re.M)


def templates() -> list[str]:
    pages = sorted((REPO / "source" / "documents").glob("*/witness/page.txt"))
    if not pages:
        raise SystemExit("no archive pages in source/documents/*/witness/page.txt to make records from")
    return [p.read_text(encoding="utf-8") for p in pages]


def _run_on(text: str) -> str:
    """Each language's text run into one line, as some web copies have it."""
    record = parse_record(text)
    lines = text.split("\n")
    head = lines[: record.blocks[0].first - 1]
    blocks = [" ".join(line.text for line in block.lines if line.text.strip()) for block in record.blocks]
    return "\n".join([*head, *blocks, *lines[record.separator - 1:]])


def make_record(template: str, k: int) -> str:
    day = dt.date(1950, 1, 1) + dt.timedelta(days=k)
    text = DATE_LINE.sub(f"{MONTHS[day.month - 1]} {day.day}, {day.year}", template, count=1)
    layout = k % 4
    if layout == 1:
        text = _run_on(text)
    elif layout == 2:
        text = text.replace("\n", "\r\n")
    elif layout == 3:
        body, sep, meta = text.partition("###\n")
        text = body.replace("\n", "\n\n") + sep + meta
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100)
    parser.add_argument("--no-natasha", action="store_true", help="as `edition import --no-natasha`")
    parser.add_argument("--work", type=Path, help="keep the project here (default: a temporary folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-import-"))
    root = work / "project"
    if root.exists():
        shutil.rmtree(root)
    (root / "source" / "documents").mkdir(parents=True)
    shutil.copytree(REPO / "source" / "registry", root / "source" / "registry")
    shutil.copyfile(REPO / "source" / "edition.toml", root / "source" / "edition.toml")
    (root / "tei").mkdir()
    (root / "pyproject.toml").write_text("")
    records = work / "records"
    records.mkdir(exist_ok=True)
    sources = templates()
    paths = []
    for k in range(args.records):
        path = records / f"record-{k:04d}.txt"
        path.write_bytes(make_record(sources[k % len(sources)], k).encode("utf-8"))
        paths.append(path)
    project = Project(root)

    start = time.perf_counter()
    # the archive pages carry no citation line: the publisher is the shipped documents'
    publisher = tomllib.loads(next((REPO / "source" / "documents").glob("*/metadata.toml")).read_text(
        encoding="utf-8"))["witness"]["publisher"]
    imported = import_records(project, paths, today=dt.date(2026, 12, 2), use_natasha=not args.no_natasha,
                              publisher=publisher)
    import_s = time.perf_counter() - start
    start = time.perf_counter()
    encode_documents(project)
    encode_s = time.perf_counter() - start
    n = len(imported)
    units = sum(len(segs) for item in imported for segs in item.segments.values())
    links = sum(1 for item in imported for link in item.links if link.original and link.translation)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"records: {n} ({args.records} generated, 4 layouts in turn); units {units}, aligned links {links}")
    print(f"import (read, segment, align, propose, compose, write): {import_s:.2f} s, "
          f"{import_s / n * 1000:.0f} ms a record")
    print(f"encode + validate of the imported documents:            {encode_s:.2f} s, "
          f"{encode_s / n * 1000:.0f} ms a record")
    print(f"import + encode:                                         {(import_s + encode_s) / n * 1000:.0f} "
          "ms a record")
    print(f"peak RSS {peak:.0f} MiB; project in {root}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
