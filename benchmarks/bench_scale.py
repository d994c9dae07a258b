"""Encode and validate time against the size of ONE document: does the work grow linearly?

Usage: .venv/bin/python benchmarks/bench_scale.py [--paragraphs 1000,10000] [--mb 1,5,20]
       [--work FOLDER] [--skip-validate] [--keep]

For each size a throwaway project holds one synthetic document (Russian and English,
aligned paragraph by paragraph) made of the shipped documents' paragraphs, repeated with
new labels, so that name matching, dates, notes and alignment do the work they do on real
text. ``--paragraphs N`` makes N paragraphs a language; ``--mb M`` makes about M MB of
transcription text (both languages together). Prints, per size: paragraphs, text MB, TEI
MB, encode seconds (parse, annotate, build the TEI), validate seconds (Jing and the
edition's rules on the written TEI, side by side, as `edition validate` runs them), the
two layers alone (rules s: the compiled rules in this process; Jing s: `--tei-only`, JVM
start included), and seconds per 1,000 paragraphs, which stays flat when the cost is
linear, and the CPU seconds of the two parts that run in this process (encode, and the
rules), which a loaded machine inflates far less than wall time. Run small sizes first:
`--paragraphs 250,500,1000`. The encode time is also printed to stderr as soon as it is
known (a long validation may be stopped); ``--keep`` keeps each size's project (its TEI
in tei/) to validate again with other code.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source"


def _paragraphs(lang: str) -> list[str]:
    """The text of every p/item line of the shipped transcriptions in ``lang``."""
    found = []
    for path in sorted((SOURCE / "documents").glob(f"*/{lang}.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\s*(?:p|item)\b[^|]*\|\s?(.*)$", line)
            if match and match.group(1).strip():
                found.append(match.group(1))
    return found


def make_project(folder: Path, paragraphs: int) -> Path:
    """A project with one document of ``paragraphs`` aligned paragraphs a language."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "source").mkdir(parents=True)
    shutil.copy(SOURCE / "edition.toml", folder / "source" / "edition.toml")
    shutil.copytree(SOURCE / "registry", folder / "source" / "registry")
    (folder / "pyproject.toml").write_text("")
    template = next(p for p in sorted((SOURCE / "documents").glob("*/metadata.toml"))
                    if "answers" not in tomllib.loads(p.read_text(encoding="utf-8")))
    doc = folder / "source" / "documents" / "1999-01-01-scale"
    doc.mkdir(parents=True)
    meta = template.read_text(encoding="utf-8")
    meta = re.sub(r'(?m)^date = "[^"]*"', 'date = "1999-01-01"', meta)
    (doc / "metadata.toml").write_text(meta, encoding="utf-8")
    for lang in ("ru", "en"):
        texts = _paragraphs(lang)
        lines = [f"p @s{i} | {texts[i % len(texts)]}" for i in range(paragraphs)]
        (doc / f"{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return doc


def paragraphs_for_mb(mb: float) -> int:
    per = sum(len(t.encode("utf-8")) + 8 for lang in ("ru", "en") for t in _paragraphs(lang))
    count = sum(len(_paragraphs(lang)) for lang in ("ru", "en")) / 2
    return max(1, int(mb * 1_000_000 / (per / count)))


def measure(folder: Path, paragraphs: int, validate: bool) -> dict[str, float]:
    from edition.encode import encode_one, load_sources
    from edition.paths import Project
    from edition.validate import validate as run_validate

    doc = make_project(folder, paragraphs)
    project = Project(folder)
    text_bytes = sum((doc / f"{lang}.txt").stat().st_size for lang in ("ru", "en"))
    start, cpu = time.perf_counter(), time.process_time()
    sources = load_sources(project)
    data = encode_one(project, sources, doc.name)
    encode_s, encode_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{paragraphs} paragraphs: encoded in {encode_s:.2f} s", file=sys.stderr, flush=True)
    (folder / "tei").mkdir(exist_ok=True)
    tei = folder / "tei" / f"{doc.name}.xml"
    tei.write_bytes(data)
    validate_s = rules_s = rules_cpu = jing_s = float("nan")
    findings = 0
    if validate:
        start = time.perf_counter()
        findings = len(run_validate([tei]).findings)
        validate_s = time.perf_counter() - start
        print(f"{paragraphs} paragraphs: validated in {validate_s:.2f} s", file=sys.stderr, flush=True)
        # The two layers alone (validate runs them side by side): the rules in this
        # process, compiled already; Jing with its JVM start.
        from edition.validate import _read, _run_rules, edition_rules
        document, _ = _read(tei)
        start, cpu = time.perf_counter(), time.process_time()
        _run_rules(document, edition_rules())
        rules_s, rules_cpu = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        run_validate([tei], tei_only=True)
        jing_s = time.perf_counter() - start
    return {"paragraphs": paragraphs, "text_mb": text_bytes / 1e6, "tei_mb": len(data) / 1e6,
            "encode_s": encode_s, "encode_cpu": encode_cpu, "validate_s": validate_s,
            "rules_s": rules_s, "rules_cpu": rules_cpu, "jing_s": jing_s,
            "findings": findings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", default="", help="comma-separated paragraph counts")
    parser.add_argument("--mb", default="", help="comma-separated sizes of text in MB")
    parser.add_argument("--work", type=Path, default=None, help="where to make the projects")
    parser.add_argument("--skip-validate", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep each size's project under --work")
    parser.add_argument("--code", type=Path, default=REPO / "scripts",
                        help="the scripts/ folder to import edition from (to compare versions)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.code))
    sizes = [int(n) for n in args.paragraphs.split(",") if n]
    sizes += [paragraphs_for_mb(float(m)) for m in args.mb.split(",") if m]
    if not sizes:
        sizes = [250, 500, 1000]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    print(f"{'paragraphs':>10} {'text MB':>8} {'TEI MB':>7} {'encode s':>9} {'enc CPU':>8} "
          f"{'validate s':>10} {'rules s':>8} {'rul CPU':>8} {'Jing s':>7} {'enc s/1k':>8} "
          f"{'encCPU/1k':>9} {'val s/1k':>8} {'rulCPU/MB':>9} findings")
    for size in sizes:
        row = measure(work / f"p{size}", size, not args.skip_validate)
        per = 1000 / row["paragraphs"]
        print(f"{row['paragraphs']:>10} {row['text_mb']:>8.2f} {row['tei_mb']:>7.2f} "
              f"{row['encode_s']:>9.2f} {row['encode_cpu']:>8.2f} {row['validate_s']:>10.2f} "
              f"{row['rules_s']:>8.2f} {row['rules_cpu']:>8.2f} {row['jing_s']:>7.2f} "
              f"{row['encode_s'] * per:>8.2f} {row['encode_cpu'] * per:>9.2f} "
              f"{row['validate_s'] * per:>8.2f} {row['rules_cpu'] / row['tei_mb']:>9.2f} "
              f"{row['findings']}", flush=True)
        if not args.keep:
            shutil.rmtree(work / f"p{size}", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
