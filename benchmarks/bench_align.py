"""Time of the automatic alignment (importer.align) and of the name proposals
(importer.proposals), printed; nothing is asserted.

Alignment runs on synthetic texts of N paragraphs per side (random lengths, a translation
whose lengths follow with noise, a 3-line header on the translation's side and its last
tenth missing), so that the lattice, the two passes and the band past FULL_LATTICE units
are all exercised. The proposals run on the shipped telegram's units (the copies in
tests/fixtures/align) against an empty registry: every name is proposed.

    .venv/bin/python benchmarks/bench_align.py [--sizes 25,100,200,400] [--no-natasha]
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from edition.importer.align import Unit, align
from edition.importer.proposals import propose
from edition.markup import inline_witness, parse_file
from edition.registry import Registry

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "align" / "telegram"
RU = ["сторона", "предложение", "вопрос", "войска", "совещание", "представитель", "противник", "пункт",
      "граница"]
EN = ["side", "proposal", "question", "troops", "meeting", "representative", "enemy", "point", "border"]


def text(rng: random.Random, words: list[str], length: int) -> str:
    out: list[str] = []
    while len(" ".join(out)) < length:
        out.append(rng.choice(words))
    return " ".join(out).capitalize() + "."


def synthetic(n: int) -> tuple[list[Unit], list[Unit]]:
    rng = random.Random(n)
    lengths = [rng.choice((30, 80, 150, 300, 600)) + rng.randint(0, 40) for _ in range(n)]
    ru = [Unit("p", text(rng, RU, k), i) for i, k in enumerate(lengths)]
    en = [Unit("p", text(rng, EN, int(k * 1.05 * rng.uniform(0.9, 1.1))), i) for i, k in enumerate(lengths)]
    header = [Unit("head", f"ARCHIVAL HEADING {i}", i) for i in range(3)]
    return ru, header + en[: n - n // 10]


def units(path: Path, lang: str) -> list[Unit]:
    return [Unit("itemp" if b.continues_item else b.kind + (f".{b.type}" if b.type else ""),
                 inline_witness(b.inlines), b.line) for b in parse_file(path, lang).blocks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,100,200,400")
    parser.add_argument("--no-natasha", action="store_true")
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        ru, en = synthetic(n)
        start = time.perf_counter()
        links = align(ru, en, original_lang="ru", translation_lang="en")
        seconds = time.perf_counter() - start
        right = sum(1 for link in links if len(link.translation) == 1 and link.original
                    and link.translation[0] == link.original[0] + 3)
        print(f"align {n:4d} x {len(en):4d} units: {seconds:6.2f} s, {len(links)} links, "
              f"{right} of {n - n // 10} translated paragraphs linked to their original")
    ru, en = units(FIXTURE / "ru.txt", "ru"), units(FIXTURE / "en.txt", "en")
    with tempfile.TemporaryDirectory() as folder:
        for name in ("persons", "places", "orgs", "events"):
            (Path(folder) / f"{name}.toml").write_text("", encoding="utf-8")
        registry = Registry.load(Path(folder))
        start = time.perf_counter()
        links = align(ru, en, original_lang="ru", translation_lang="en", registry=registry)
        aligned = time.perf_counter() - start
        start = time.perf_counter()
        drafts = propose({"ru": ru, "en": en}, links, registry, original_lang="ru",
                         translation_lang="en", use_natasha=not args.no_natasha)
        proposed = time.perf_counter() - start
    print(f"telegram ({len(ru)} + {len(en)} units): align {aligned:.2f} s; propose {proposed:.2f} s "
          f"(natasha {'off' if args.no_natasha else 'on'}, models loaded in this time), "
          f"{len(drafts)} drafts, {sum(1 for d in drafts if len(d.names) == 2)} of them in both languages")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
