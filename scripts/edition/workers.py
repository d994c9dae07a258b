"""Where the per-document work of a build runs: in this process, in a local process pool,
or on a Dask distributed cluster (docs/architecture.md, "Past one machine").

The stages call :func:`use_pool` to decide and :func:`pool_map` to run; neither knows
which kind of pool it gets. A cluster is chosen by the scheduler's address, from
``edition build --scheduler ADDRESS`` or the ``EDITION_SCHEDULER`` environment variable
(the build sets the variable for the duration of its run, so every stage sees it).

On a cluster every worker must see the project's folders at the same path (one machine,
or a shared filesystem): tasks take paths and return bytes or text, and the stage that
asked writes the results, so the incremental store and the output trees stay where the
build runs. Dask reruns the tasks of a worker that dies, so a killed worker loses
nothing; an exception in a task reaches the caller as it would from a local pool.
"""

from __future__ import annotations

import atexit
import collections
import functools
import itertools
import multiprocessing
import os
import socket
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from .errors import CannotRun
from .lifeline import die_with_parent

T = TypeVar("T")
R = TypeVar("R")

SCHEDULER_ENV = "EDITION_SCHEDULER"
# How long to keep trying a scheduler that does not answer before giving up.
CONNECT_TIMEOUT = "30s"

_CLIENTS: dict[str, Any] = {}
_READY: set[tuple[str, str, tuple[Any, ...]]] = set()


def scheduler() -> str | None:
    """The address of the Dask scheduler the build runs on, or None for this machine."""
    return os.environ.get(SCHEDULER_ENV) or None


def use_pool(jobs: int, count: int, threshold: int) -> bool:
    """Whether ``count`` tasks go to workers: always on a cluster (it was asked for),
    else when a local pool of ``jobs`` processes pays for its start (``threshold``)."""
    return count > 0 and (scheduler() is not None or (jobs > 1 and count >= threshold))


def pool_map(fn: Callable[[T], R], items: Iterable[T], *, jobs: int, context: str = "spawn",
             initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = (),
             chunksize: int = 1) -> Iterator[R]:
    """``fn`` over ``items`` on the pool, results in the order of ``items``.

    Locally: a ProcessPoolExecutor of ``jobs`` processes started with ``context`` (fork
    where the children should inherit the parent's loaded state, spawn where a native
    runtime such as saxonche must start fresh), each run through ``initializer``. On a
    cluster: one Dask task per chunk, ``IN_FLIGHT`` a worker thread at a time;
    ``initializer(*initargs)`` runs once in each worker process before its first task.
    Either way, only a window of results waits for the caller, wherever they are held."""
    address = scheduler()
    if address is None:
        # Each worker dies with this process (lifeline), even when it is killed outright.
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(context),
                                 initializer=_local_initialised, initargs=(initializer, initargs)) as pool:
            yield from _windowed(pool, fn, items, jobs, chunksize)
        return
    client = _client(address)
    call: Callable[[T], R] = fn
    if initializer is not None:
        call = functools.partial(_initialised, initializer, initargs, fn)
    # Chunks as locally, a window of them at a time: a result stays in its worker's memory
    # until the caller has taken it (``client.map`` of every item held every document's
    # TEI, then every page, in the workers: over 1 GiB each at 10,000 documents), and a
    # task per document cost more in Dask's messages than a summary takes to make. Each
    # task's key is named for the work it does, as Dask names a task of ``call``.
    from dask.utils import funcname

    name = funcname(call)
    window = IN_FLIGHT * max(1, sum(client.nthreads().values()))
    for results in _in_order(lambda chunk: client.submit(_call_chunk, call, chunk, pure=False,
                                                         key=f"{name}-{uuid.uuid4().hex}"),
                             _chunks(items, chunksize), window):
        yield from results


# Chunks a pool works on at once, per local process or cluster worker thread, and the most
# items a chunk holds.
# ``Executor.map`` submits every item at once and keeps each result until the caller takes
# it: when the caller is slower than the workers (it writes, reduces, validates), every
# document's result ends up in the build process's memory. A window keeps that bounded.
IN_FLIGHT = 4
MAX_CHUNK = 16


def _call_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def _windowed(pool: ProcessPoolExecutor, fn: Callable[[T], R], items: Iterable[T], jobs: int,
              chunksize: int) -> Iterator[R]:
    """``fn`` over ``items`` on ``pool``, in order, with at most ``IN_FLIGHT * jobs``
    chunks submitted and not yet taken by the caller."""
    for results in _in_order(lambda chunk: pool.submit(_call_chunk, fn, chunk), _chunks(items, chunksize),
                             IN_FLIGHT * jobs):
        yield from results


def _chunks(items: Iterable[T], chunksize: int) -> Iterator[list[T]]:
    """``items`` in lists of ``chunksize`` (at most ``MAX_CHUNK``), taken as they are needed."""
    size = max(1, min(chunksize, MAX_CHUNK))
    source = iter(items)
    return iter(lambda: list(itertools.islice(source, size)), [])


def _in_order(submit: Callable[[Any], Any], units: Iterator[Any], window: int) -> Iterator[Any]:
    """The results of ``submit(unit)`` (a future: concurrent.futures or Dask) for each of
    ``units``, in order, with at most ``window`` of them submitted and not yet taken."""
    pending: collections.deque[Any] = collections.deque(
        submit(unit) for unit in itertools.islice(units, window))
    try:
        while pending:
            result = pending.popleft().result()  # the future goes: a worker may drop its result
            following = next(units, None)
            if following is not None:
                pending.append(submit(following))
            yield result
    finally:
        for future in pending:  # the caller stopped early, or a task failed
            future.cancel()


def _local_initialised(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)


def _initialised(initializer: Callable[..., None], initargs: tuple[Any, ...],
                 fn: Callable[[T], R], item: T) -> R:
    """Run ``fn(item)`` in a cluster worker, after ``initializer`` once per process."""
    key = (initializer.__module__, initializer.__qualname__, initargs)
    if key not in _READY:
        initializer(*initargs)
        _READY.add(key)
    return fn(item)


def _client(address: str) -> Any:
    """One client per scheduler and process, closed at exit."""
    client = _CLIENTS.get(address)
    if client is None:
        from distributed import Client

        try:
            _reachable(address)
            client = Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as err:
            raise CannotRun(f"no Dask scheduler answers at {address!r} ({err}); start one with "
                            "`dask scheduler` and workers with `dask worker ADDRESS`, or build "
                            f"without --scheduler (and with {SCHEDULER_ENV} unset)") from err
        _CLIENTS[address] = client
        atexit.register(close_clients)
    return client


def _reachable(address: str) -> None:
    """Fail at once (OSError) when nothing listens at a tcp:// address: a Client would
    keep retrying until its timeout, and leave a reconnecting task behind it."""
    if not address.startswith("tcp://"):
        return
    host, _, port = address[len("tcp://"):].rstrip("/").rpartition(":")
    if not port.isdigit():
        raise ValueError(f"{address!r} is not tcp://HOST:PORT")
    with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=10):
        pass


def close_clients() -> None:
    """Disconnect from every scheduler this process talked to (the cluster keeps running)."""
    while _CLIENTS:
        _, client = _CLIENTS.popitem()
        client.close()
