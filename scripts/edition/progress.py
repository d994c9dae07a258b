"""A one-line progress bar on the terminal for long stages (and silence elsewhere).

Shown only when standard error is a terminal and a stage has enough items to make the
wait noticeable; logs and tests see nothing of it."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
MIN_ITEMS = 50
WIDTH = 30


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """Yield the items, drawing ``label [####      ] done/total`` as they come."""
    shown = total >= MIN_ITEMS and sys.stderr.isatty()
    for done, item in enumerate(items, 1):
        yield item
        if shown:
            filled = WIDTH * done // total
            sys.stderr.write(f"\r{label} [{'#' * filled}{' ' * (WIDTH - filled)}] {done}/{total}")
            sys.stderr.flush()
    if shown:
        sys.stderr.write("\r" + " " * (len(label) + WIDTH + 24) + "\r")
        sys.stderr.flush()
