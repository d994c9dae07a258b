"""Counting the files a stage writes, without keeping their paths."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Written:
    """How many files a group of exports has, and their bytes, counted as they are
    written: a list of the paths would grow with the edition (2.25 million DTS files at
    10,000 documents, about 550 bytes of memory each as Path objects)."""

    files: int = 0
    bytes: int = 0

    def add(self, path: Path) -> Path:
        self.files += 1
        self.bytes += path.stat().st_size
        return path

    def add_all(self, paths: Iterable[Path]) -> None:
        for path in paths:
            self.add(path)
