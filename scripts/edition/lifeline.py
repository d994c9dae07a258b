"""Child processes that die with the build.

A build killed with SIGKILL cannot tell its workers; on Linux each child asks the kernel
to kill it when its parent dies (``PR_SET_PDEATHSIG``), so no worker outlives the build,
holds its standard output, or keeps writing into a tree that is being removed.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


_FORKED_FROM: int | None = None  # set in the parent just before each fork (see install)


def _parent() -> int:
    """The pid of the process that started this one, known even if it has died already
    (then os.getppid() names whoever adopted us)."""
    import multiprocessing

    started_by = multiprocessing.parent_process()
    if started_by is not None and started_by.pid:
        return started_by.pid
    return _FORKED_FROM if _FORKED_FROM is not None else os.getppid()


def die_with_parent() -> None:
    """Ask to be killed when the parent process ends (Linux; elsewhere nothing happens).
    For pool initializers, ``preexec_fn`` of subprocesses, and after fork."""
    if not sys.platform.startswith("linux"):
        return
    parent = _parent()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: nothing more to do
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _before_fork() -> None:
    global _FORKED_FROM
    _FORKED_FROM = os.getpid()


_INSTALLED = False


def install() -> None:
    """Every process forked from this one from now on dies with it (spawned pools pass
    :func:`die_with_parent` as their initializer; subprocesses as ``preexec_fn``)."""
    global _INSTALLED
    if not _INSTALLED and hasattr(os, "register_at_fork"):
        os.register_at_fork(before=_before_fork, after_in_child=die_with_parent)
        _INSTALLED = True
