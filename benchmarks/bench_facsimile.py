"""Facsimile costs: tiling time and bytes per page, the site with and without page
images, and the rebuilds (no-op, one page changed) of a project that has them.

    .venv/bin/python benchmarks/bench_facsimile.py [--documents N] [--paged 1] [--pages 3]
                                                   [--width 2480 --height 3508] [--work DIR]

Prints figures; asserts nothing. The page images are SYNTHETIC (tests/synthetic_pages.py:
text drawn with Pillow on a paper-coloured page, saved as JPEG quality 88), by default an
A4 page scanned at 300 dpi (2480 x 3508 pixels). Steps:

1. each page tiled alone (edition.facsimile.tiles.tile, no store): seconds and bytes;
2. a copy of the shipped edition (source/; with --documents N, N generated documents,
   benchmarks/generate.py, instead) built without images (`edition build --draft --no-pdf`), its site's size;
3. --pages images added to --paged of its documents (with page beginnings), built again:
   the build's time, the site's size and what the images add;
4. the same command again, nothing changed (the no-op build);
5. one page image replaced: the rebuild re-tiles that page only (the others are linked
   from the published site).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EDITION = REPO / ".venv" / "bin" / "edition"
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))


def _size(folder: Path) -> tuple[int, int]:
    """Bytes and files under ``folder`` (hard links counted once each time they appear:
    what a copy of the site to a server transfers)."""
    total = files = 0
    for top, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(top, name)
            if os.path.isfile(path) and not os.path.islink(path):
                total += os.path.getsize(path)
                files += 1
    return total, files


def _build(folder: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([str(EDITION), "--root", str(folder), "build", "--draft", "--no-pdf", "-j", "1"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:])
        raise SystemExit("build failed")
    lines = [line for line in done.stdout.splitlines() if line.startswith(("facsimile:", "build:"))]
    return seconds, " / ".join(lines)


def _mark_pages(doc: Path, pages: int) -> None:
    """Page beginnings spread over the original's blocks (the editor's `pb | N` lines)."""
    meta = json.loads(json.dumps(__import__("tomllib").loads((doc / "metadata.toml").read_text())))
    lang = meta.get("original") or meta["languages"][0]
    path = doc / f"{lang}.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    blocks = [i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    starts = [blocks[len(blocks) * k // pages] for k in range(pages)]
    for n, index in reversed(list(enumerate(starts, start=1))):
        lines.insert(index, f"pb | {n}")
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=0,
                        help="generated documents (default: a copy of the shipped edition)")
    parser.add_argument("--paged", type=int, default=1, help="documents that get page images")
    parser.add_argument("--pages", type=int, default=3, help="page images per such document")
    parser.add_argument("--width", type=int, default=2480)
    parser.add_argument("--height", type=int, default=3508)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)

    from edition.facsimile.pages import witness_pages
    from edition.facsimile.tiles import tile
    from generate import generate
    from synthetic_pages import page_image, write_pages

    work = args.work or Path(tempfile.mkdtemp(prefix="edition-bench-facsimile-"))
    size = (args.width, args.height)

    # 1. tiling alone
    sample = work / "sample"
    write_pages(sample / "witness" / "pages", args.pages, size=size)
    source_bytes = sum(p.stat().st_size for p in (sample / "witness" / "pages").iterdir())
    times, sizes, files = [], [], []
    for page in witness_pages(sample):
        start = time.perf_counter()
        tile(page, work / "tiles" / page.name, f"https://example.org/iiif/x/{page.name}")
        times.append(time.perf_counter() - start)
        b, f = _size(work / "tiles" / page.name)
        sizes.append(b)
        files.append(f)
    n = len(times)
    print(f"pages: {n} synthetic JPEG page(s) of {size[0]} x {size[1]} px, "
          f"{source_bytes / n / 1e6:.2f} MB each as scanned")
    print(f"tiling: {sum(times) / n:.2f} s per page (min {min(times):.2f}, max {max(times):.2f}); "
          f"{sum(sizes) / n / 1e6:.2f} MB and {sum(files) // n} files per page "
          f"(tiles, thumbnail, whole page, info.json)")

    # 2. a project without images
    project = work / "project"
    if args.documents:
        ids = generate(args.documents, project)
    else:
        shutil.copytree(REPO / "source", project / "source")
        (project / "pyproject.toml").write_text("")
        ids = sorted(p.name for p in (project / "source" / "documents").iterdir()
                     if (p / "metadata.toml").is_file())
    seconds, summary = _build(project)
    plain_bytes, plain_files = _size(project / "build" / "site")
    print(f"site without images: {plain_bytes / 1e6:.2f} MB, {plain_files} files "
          f"({len(ids)} documents; build {seconds:.2f} s)")

    # 3. with images
    for doc_id in ids[:args.paged]:
        doc = project / "source" / "documents" / doc_id
        write_pages(doc / "witness" / "pages", args.pages, size=size)
        _mark_pages(doc, args.pages)
    seconds, summary = _build(project)
    paged_bytes, paged_files = _size(project / "build" / "site")
    print(f"site with images: {paged_bytes / 1e6:.2f} MB, {paged_files} files; the images add "
          f"{(paged_bytes - plain_bytes) / 1e6:.2f} MB for {args.paged * args.pages} page(s); "
          f"build {seconds:.2f} s: {summary}")

    # 4. no-op
    seconds, summary = _build(project)
    print(f"no-op rebuild with images: {seconds:.2f} s ({summary or 'nothing changed'})")

    # 5. one page changed
    doc = project / "source" / "documents" / ids[0]
    first = sorted((doc / "witness" / "pages").iterdir())[0]
    page_image(99, size).save(first, format="JPEG", quality=88)
    seconds, summary = _build(project)
    print(f"one page image replaced: {seconds:.2f} s: {summary}")
    print(f"(work folder: {work})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
