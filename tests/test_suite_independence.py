"""The suite tests the toolkit, not the edition of the day: no test reads the project's own
source/ or tei/, which editors change. Tests use tests/fixtures/corpus (a frozen copy of
the first edition), tests/fixtures/project (invented documents) or copies of them;
`edition check` (run by `make test` after the suite) checks the live edition."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
LIVE = re.compile(r"""(?:REPO|ROOT)\s*/\s*(?:["'](?:source|tei)["']|name\b)|Project\((?:REPO|ROOT)\)"""
                  r"""|Project\.locate\(\)|copytree\((?:REPO|ROOT)\b""")


def test_no_test_reads_the_live_source_or_tei() -> None:
    offenders = []
    for path in sorted(TESTS.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if LIVE.search(line) and "fixtures" not in line:
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == [], "read tests/fixtures/corpus (conftest.CORPUS) instead:\n" + "\n".join(offenders)


def test_the_frozen_corpus_is_a_whole_project() -> None:
    from conftest import CORPUS

    assert (CORPUS / "source" / "edition.toml").is_file()
    documents = sorted(p.name for p in (CORPUS / "source" / "documents").iterdir() if p.is_dir())
    assert documents and all((CORPUS / "tei" / f"{d}.xml").is_file() for d in documents)
