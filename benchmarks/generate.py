"""Generate a throwaway project of N synthetic documents shaped like the shipped ones.

Usage: .venv/bin/python benchmarks/generate.py N FOLDER

FOLDER gets source/edition.toml and source/registry/ copied from the repository, and
source/documents/bench-NNNNN/ for N documents. Each synthetic document is built from one
of the shipped documents taken as a template (both languages, witness text, registered
names, dates, notes, supplied text, a correction, items, alignment labels including the
one-to-many ``@label.1``/``@label.2`` pairs), so the encoder, validator and renderers do
the same work per document as on the real edition. Only what makes a document distinct
changes: its id, date and titles; the titles say "Synthetic benchmark document".
Documents made from a reply template answer the document generated just before them from
the letter it replies to, so correspondence chains exist too.

Nothing here is a fact about any document: the folder is for benchmarks only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source"


@dataclass(frozen=True)
class Template:
    folder: Path
    metadata: str
    answers: str | None  # id of the shipped document this template replies to


def _templates() -> list[Template]:
    """The shipped documents, letters before the replies that answer them."""
    found = []
    for folder in sorted((SOURCE / "documents").iterdir()):
        meta_file = folder / "metadata.toml"
        if not meta_file.is_file():
            continue
        text = meta_file.read_text(encoding="utf-8")
        found.append(Template(folder, text, tomllib.loads(text).get("answers")))
    if not found:
        sys.exit(f"no documents in {SOURCE / 'documents'} to take as templates")
    return sorted(found, key=lambda t: t.answers is not None)


def _metadata(template: Template, doc_id: str, number: int, date: dt.date,
              answers: str | None) -> str:
    """The template's metadata.toml with a new date, titles and chain link. (The archival
    numbers stay the template's: the edition's number must be one the document carries.)"""
    text = template.metadata
    # The document's date and the [sent] date (both ISO); the witness's own date stays.
    text = re.sub(r'(?m)^date = "\d{4}-\d\d-\d\d"', f'date = "{date.isoformat()}"', text)
    text = re.sub(r'(?m)^answers = .*$', f'answers = "{answers}"' if answers else "", text)
    text = re.sub(r'(?m)^en = "(?!\[)[^"]*"$',
                  f'en = "Synthetic benchmark document {number} ({doc_id})"', text, count=1)
    text = re.sub(r'(?m)^ru = "[^"]*"$',
                  f'ru = "Синтетический документ для замеров № {number} ({doc_id})"', text,
                  count=1)
    return text


def generate(count: int, folder: Path) -> list[str]:
    """Write the project into ``folder`` (replacing what was there); return the ids."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "source" / "documents").mkdir(parents=True)
    shutil.copyfile(SOURCE / "edition.toml", folder / "source" / "edition.toml")
    shutil.copytree(SOURCE / "registry", folder / "source" / "registry")
    templates = _templates()
    start = dt.date(1951, 1, 1)
    ids: list[str] = []
    made_from: dict[str, str] = {}  # shipped template id -> latest synthetic id made from it
    for n in range(count):
        template = templates[n % len(templates)]
        doc_id = f"bench-{n + 1:05d}"
        date = start + dt.timedelta(days=n % 3650)
        answers = made_from.get(template.answers) if template.answers else None
        target = folder / "source" / "documents" / doc_id
        shutil.copytree(template.folder, target,
                        ignore=shutil.ignore_patterns("metadata.toml"))
        (target / "metadata.toml").write_text(
            _metadata(template, doc_id, n + 1, date, answers), encoding="utf-8")
        made_from[template.folder.name] = doc_id
        ids.append(doc_id)
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of documents")
    parser.add_argument("folder", type=Path, help="project folder to (re)create")
    args = parser.parse_args(argv)
    ids = generate(args.count, args.folder)
    print(f"{len(ids)} documents in {args.folder / 'source' / 'documents'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
