"""What keeps a build safe from others and from being killed: the project's lock, the
build's own temporary folder, and the named points at which crash tests kill it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..paths import Project

LOCK = ".lock"
# Named moments of a build at which a test may have it killed (EDITION_FAULT_AT=<name>).
FAULT_POINTS = ("started", "encoded", "site", "pdf", "placed", "published")


def fault_point(name: str) -> None:
    """Crash tests: kill this build here when EDITION_FAULT_AT names this point."""
    if os.environ.get("EDITION_FAULT_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def exclusive(project: Project, quiet: bool = False) -> Iterator[None]:
    """Hold the project's build lock; a second build waits for the first, saying so."""
    project.build.mkdir(parents=True, exist_ok=True)
    with open(project.build / LOCK, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            print(f"edition build: another build of this project is running (process {holder}); "
                  "waiting for it to finish", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def temporary_files_in(folder: Path) -> Iterator[None]:
    """Every temporary file of the build (this process's, its workers', Pagefind's) goes
    into ``folder``, inside the new tree: removed with it on any exit, and by the next
    build after a kill. Nothing is left in /tmp."""
    folder.mkdir()
    saved = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved[0]
        if saved[1] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved[1]
        shutil.rmtree(folder, ignore_errors=True)
