"""The spool: objects pickled into a file, read back by their place, one at a time."""

from __future__ import annotations

from pathlib import Path

from edition.spool import Spool, Spooled, read_place


def test_objects_come_back_from_their_places_in_any_order(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool")
    objects = [{"id": "a", "n": 1}, ["b", 2], "c" * 10_000]
    places = [spool.add(obj) for obj in objects]
    assert [read_place(spool.path, place) for place in places] == objects
    backwards = Spooled[object](spool.path, places[::-1])
    assert len(backwards) == 3
    assert list(backwards) == objects[::-1]
    assert backwards[0] == objects[2] and backwards[2] == objects[0]


def test_a_new_spool_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "spool"
    path.write_bytes(b"left over")
    assert Spool(path).add("x") == (0, len(path.read_bytes()))
