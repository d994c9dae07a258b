"""Objects kept in a file instead of in memory: pickled one after another into a spool
file of the build's temporary folder, each read back by its place (offset, length) when
it is needed. What a stage needs of every document (the exports' document models, the
site's summaries) is, at 10,000 documents, more than the build should hold
(docs/performance.md, "Memory")."""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
Place = tuple[int, int]  # (offset, length) in the spool file


class Spool:
    """An empty spool file at ``path``, written to by :meth:`add`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.write_bytes(b"")

    def add(self, obj: Any) -> Place:
        blob = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        with self.path.open("ab") as handle:
            offset = handle.tell()
            handle.write(blob)
        return offset, len(blob)


def read_place(path: Path, place: Place) -> Any:
    """The object at ``place`` of the spool file ``path``."""
    offset, length = place
    with path.open("rb") as handle:
        handle.seek(offset)
        return pickle.loads(handle.read(length))


class Spooled(Sequence[T]):
    """The objects at ``places`` of the spool file ``path``, in that order, each read when
    it is asked for (an iteration reads them one after the other, through one handle)."""

    def __init__(self, path: Path, places: list[Place]) -> None:
        self.path = path
        self.places = places

    def __len__(self) -> int:
        return len(self.places)

    def __getitem__(self, i: int) -> T:  # type: ignore[override]
        item: T = read_place(self.path, self.places[i])
        return item

    def __iter__(self) -> Iterator[T]:
        with self.path.open("rb") as handle:
            for offset, length in self.places:
                handle.seek(offset)
                yield pickle.loads(handle.read(length))
