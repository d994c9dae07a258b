"""edition.fingerprint: what decides that an input changed, and how results are kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from edition.fingerprint import Store, files_under, hash_bytes, hash_files, stat_signature, write_atomic


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")


def test_files_under_lists_regular_files_sorted_leaving_out_hidden_ones_and_caches(tmp_path: Path) -> None:
    _tree(tmp_path, ["b.txt", "a/z.toml", "a/b/c.txt", ".hidden", ".git/config",
                     "a/.staging-1/x.xml", "pkg/__pycache__/m.pyc", "pkg/m.py"])
    assert [p.relative_to(tmp_path).as_posix() for p in files_under(tmp_path)] == [
        "a/b/c.txt", "a/z.toml", "b.txt", "pkg/m.py"]


def test_files_under_filters_by_suffix_and_is_empty_for_a_missing_folder(tmp_path: Path) -> None:
    _tree(tmp_path, ["x.xsl", "y.py", "z.txt"])
    assert [p.name for p in files_under(tmp_path, {".xsl", ".py"})] == ["x.xsl", "y.py"]
    assert files_under(tmp_path / "nowhere") == []


def test_hash_bytes_parts_cannot_run_together() -> None:
    assert hash_bytes("ab", "c") != hash_bytes("a", "bc")
    assert hash_bytes("ab", "c") == hash_bytes(b"ab", b"c")


def test_hash_files_changes_with_a_file_name_or_its_content(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt"])
    before = hash_files(files_under(tmp_path), tmp_path)
    (tmp_path / "a.txt").write_text("changed", encoding="utf-8")
    edited = hash_files(files_under(tmp_path), tmp_path)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    renamed = hash_files(files_under(tmp_path), tmp_path)
    assert len({before, edited, renamed}) == 3


def test_stat_signature_sees_a_touched_file_and_a_missing_one(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt"])
    path = tmp_path / "a.txt"
    first = stat_signature([path])
    assert stat_signature([path]) == first
    os.utime(path, ns=(1, 1))
    assert stat_signature([path]) != first
    assert stat_signature([tmp_path / "gone.txt"]) != stat_signature([path])


def test_write_atomic_replaces_a_file_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "page.html"
    write_atomic(target, b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["page.html"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_atomic_that_fails_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    write_atomic(target, b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_store_gives_back_what_was_put_under_its_kind_and_key(tmp_path: Path) -> None:
    store = Store(tmp_path / ".cache")
    key = hash_bytes("input")
    assert store.get("html-page", key) is None
    store.put("html-page", key, b"<html/>")
    assert store.get("html-page", key) == b"<html/>"
    assert store.get("tei", key) is None
