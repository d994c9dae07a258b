"""Progress for long runs, on standard error.

:func:`progress`: a one-line bar for stages of many items, shown only on a terminal (logs
and tests see nothing of it). :func:`note`: a plain line for work that takes long by its
size (a large document), written wherever standard error goes, so that a user or a log
knows within seconds what the command is doing; callers decide by size, never by time,
so that short runs stay silent."""

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


def note(command: str, message: str) -> None:
    """``edition <command>: <message>`` on standard error, at once."""
    sys.stderr.write(f"edition {command}: {message}\n")
    sys.stderr.flush()
