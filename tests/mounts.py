"""Real read-only and full file systems for the tests of what a command does when it
cannot write: a read-only bind mount of a folder over itself, or a small tmpfs over a
folder (its files copied in) filled up to a chosen number of free bytes. Mounting needs
root; elsewhere the tests that use these are skipped, never faked."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

FILLER = ".filler"


@contextlib.contextmanager
def mounted(kind: str, target: Path, *options: str) -> Iterator[None]:
    """A mount for the duration of a test (root only: a real read-only or full file system)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a read-only or small file system")
    done = subprocess.run(["mount", *options, kind, str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(target)], check=True)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only (EROFS on every write below it), its files still readable."""
    with mounted(str(folder), folder, "--bind", "-o", "ro"):
        yield


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "8m") -> Iterator[None]:
    """``folder`` on a tmpfs of ``size`` holding a copy of its files; :func:`fill` it."""
    keep = folder.with_name(folder.name + ".outside")
    shutil.copytree(folder, keep, symlinks=True)
    with mounted("tmpfs", folder, "-t", "tmpfs", "-o", f"size={size}"):
        shutil.copytree(keep, folder, symlinks=True, dirs_exist_ok=True)
        yield
    shutil.rmtree(keep)


def fill(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` up to ``leave`` free bytes (a filler file there)."""
    filler = folder / FILLER
    filler.unlink(missing_ok=True)
    free = shutil.disk_usage(folder).free
    # the last block may not fit: full is full
    with filler.open("wb") as out, contextlib.suppress(OSError):
        out.write(b"\0" * max(0, free - leave))


def files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` but the filler, by relative path (hidden ones included:
    a temporary file left behind is a difference)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != FILLER}
