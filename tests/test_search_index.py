"""The search index (edition.search): written in parts of PART_RECORDS records per
language, each part indexed by its own Pagefind process, and a part whose records are
unchanged since the published build linked from it instead of indexed again."""

from __future__ import annotations

from pathlib import Path

import pytest
from edition import search
from edition.search import PART_KEY, SearchRecord, _write_bundles, part_folders


def _records(lang: str, count: int, changed: int | None = None) -> list[SearchRecord]:
    words = {"en": "treaty", "ru": "договор"}[lang]
    return [SearchRecord(f"documents/d{i}.html#{lang}-p{i}", lang, f"Document {i}", "passage",
                         f"{words} {i} {'revised' if i == changed else 'first'} text")
            for i in range(count)]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(search, "PART_RECORDS", 4)
    return 4


def test_a_language_is_indexed_in_parts(small_parts: int, tmp_path: Path) -> None:
    by_lang = {"en": _records("en", 10), "ru": _records("ru", 3)}
    assert part_folders("en", 10) == ["en", "en-2", "en-3"]
    assert part_folders("ru", 3) == ["ru"]
    assert _write_bundles(tmp_path, by_lang) == 4
    for folder in ("en", "en-2", "en-3", "ru"):
        assert (tmp_path / folder / "pagefind-entry.json").is_file()
        assert (tmp_path / folder / PART_KEY).is_file()


def test_unchanged_parts_are_reused_and_changed_ones_indexed_again(small_parts: int,
                                                                    tmp_path: Path) -> None:
    first, second, third = tmp_path / "first", tmp_path / "second", tmp_path / "third"
    _write_bundles(first, {"en": _records("en", 10)})
    assert _write_bundles(second, {"en": _records("en", 10)}, previous=first) == 0
    assert _files(second) == _files(first)
    assert (second / "en" / "pagefind-entry.json").stat().st_ino == \
        (first / "en" / "pagefind-entry.json").stat().st_ino  # linked, not copied

    # record 9 is in the third part: that part alone is indexed again
    assert _write_bundles(third, {"en": _records("en", 10, changed=9)}, previous=second) == 1
    assert _files(third / "en") == _files(first / "en")
    assert _files(third / "en-2") == _files(first / "en-2")
    assert _files(third / "en-3") != _files(first / "en-3")


def test_a_part_whose_key_does_not_match_is_indexed_again(small_parts: int, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _write_bundles(first, {"ru": _records("ru", 3)})
    (first / "ru" / PART_KEY).write_text("from another build", encoding="utf-8")
    assert _write_bundles(second, {"ru": _records("ru", 3)}, previous=first) == 1
    assert (second / "ru" / PART_KEY).read_text(encoding="utf-8") != "from another build"
