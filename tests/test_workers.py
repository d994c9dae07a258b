"""edition.workers: the per-document work of a build runs locally or on a Dask cluster, and
the edition that comes out is the same byte for byte — also when a worker dies mid-build.

The cluster is a real ``distributed.LocalCluster`` of two worker processes (each with its
own nanny, as `dask worker` starts them); the project is a throwaway copy."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import TEST_SETTINGS, copy_project
from edition import workers
from edition.build import Options, run_build
from edition.errors import CannotRun

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")
# The workers cannot import this test module (tests/ is on the path of pytest's process
# only): its functions and plugin travel to them by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _forget(project_root: Path) -> None:
    """Drop the build's store of made pages, PDFs and TEI, so the next build makes them all
    again (on the cluster) instead of reusing them."""
    shutil.rmtree(project_root / "build" / ".cache")


class Finished(distributed.diagnostics.plugin.SchedulerPlugin):
    """Records the function of every task the scheduler saw finish (its key's prefix)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def transition(self, key: object, start: str, finish: str, *args: object, **kwargs: object) -> None:
        if finish == "memory":
            self.names.add(distributed.utils.key_split(key))


def _tree(project_root: Path) -> dict[str, bytes]:
    """Every file the build published (site and PDFs), by path, with its bytes."""
    files = {}
    for top in ("site", "pdf"):
        base = project_root / "build" / top
        for path in sorted(base.rglob("*")):
            if path.is_file():
                files[f"{top}/{path.relative_to(base).as_posix()}"] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=50) as running:
        running.scheduler.add_plugin(Finished(), name="finished")
        try:
            yield running
        finally:
            workers.close_clients()  # before the cluster goes, or the build's client reconnects


class KillOnce(distributed.WorkerPlugin):
    """Ends its worker's process when the worker has finished its first task, once in the
    whole cluster (a marker file says it happened): the nanny starts a new worker, and the
    scheduler runs the lost work again."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key: object, start: str, finish: str, **kwargs: object) -> None:
        if finish == "memory" and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()))
            os._exit(1)


def test_a_cluster_build_equals_the_local_build(cluster, tmp_path: Path) -> None:
    project = copy_project(tmp_path, TEST_SETTINGS)
    local = run_build(project, Options(jobs=1, quiet=True))
    assert not local.failed
    expected = _tree(project.root)
    assert any(name.endswith(".pdf") for name in expected)

    _forget(project.root)
    on_cluster = run_build(project, Options(jobs=2, force=True, quiet=True,
                                            scheduler=cluster.scheduler_address))
    assert not on_cluster.failed
    # the documents' TEI (encode, through its initializer), pages and PDFs were made there
    assert {"initialised", "job", "render_one"} <= cluster.scheduler.plugins["finished"].names
    got = _tree(project.root)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    assert os.environ.get(workers.SCHEDULER_ENV) is None  # the build put the setting back


def test_a_worker_killed_mid_build_loses_nothing(cluster, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", TEST_SETTINGS)
    run_build(project, Options(jobs=1, pdf=False, quiet=True))
    expected = _tree(project.root)

    _forget(project.root)
    marker = tmp_path / "killed"
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        client.register_plugin(KillOnce(str(marker)), name="kill-once")
        try:
            report = run_build(project, Options(jobs=2, pdf=False, force=True, quiet=True,
                                                scheduler=cluster.scheduler_address))
        finally:
            client.unregister_worker_plugin("kill-once")
    assert marker.is_file(), "no worker was killed: the test did not test anything"
    assert not report.failed
    assert _tree(project.root) == expected


def test_the_cluster_runs_each_task_where_a_pool_would(cluster, monkeypatch) -> None:
    """Results come back in the order of the items, and the initializer runs in the
    worker before its first task."""
    monkeypatch.setenv(workers.SCHEDULER_ENV, cluster.scheduler_address)
    assert workers.use_pool(jobs=1, count=1, threshold=100)  # asked for: always the cluster
    got = list(workers.pool_map(_pid_and_square, range(8), jobs=2, initializer=_remember,
                                initargs=("ready",)))
    assert [square for _, square, _ in got] == [n * n for n in range(8)]
    assert {state for _, _, state in got} == {"ready"}
    assert all(pid != os.getpid() for pid, _, _ in got)


def test_the_cluster_holds_a_bounded_window_of_results_for_a_slow_caller(cluster, monkeypatch) -> None:
    """However many items there are, no more than IN_FLIGHT a worker thread are submitted
    and not yet taken: a result waits in its worker's memory until the caller takes it
    (every document's TEI, then every page, when all were submitted at once)."""
    monkeypatch.setenv(workers.SCHEDULER_ENV, cluster.scheduler_address)
    pulled = 0

    def items() -> Iterator[int]:
        nonlocal pulled
        for n in range(120):
            pulled += 1
            yield -n

    window = workers.IN_FLIGHT * 2  # two workers of one thread
    taken = 0
    for taken, result in enumerate(workers.pool_map(abs, items(), jobs=2), 1):
        assert result == taken - 1
        assert pulled - taken <= window
    assert taken == 120


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv(workers.SCHEDULER_ENV, "tcp://127.0.0.1:9")  # the discard port: nobody
    monkeypatch.setattr(workers, "_CLIENTS", {})
    monkeypatch.setattr(workers, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(CannotRun, match="no Dask scheduler answers at 'tcp://127.0.0.1:9'"):
        list(workers.pool_map(abs, [1], jobs=1))


_STATE: dict[str, str] = {}


def _remember(value: str) -> None:
    _STATE["value"] = value


def _pid_and_square(n: int) -> tuple[int, int, str]:
    return os.getpid(), n * n, _STATE.get("value", "")


class _CountingPool(ProcessPoolExecutor):
    """A local pool that records how many submitted chunks the caller had not taken yet."""

    def __init__(self) -> None:
        super().__init__(2, mp_context=multiprocessing.get_context("fork"))
        self.submitted = 0
        self.taken = 0
        self.most_waiting = 0

    def submit(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.submitted += 1
        self.most_waiting = max(self.most_waiting, self.submitted - self.taken)
        return super().submit(*args, **kwargs)


def test_a_local_pool_keeps_a_bounded_window_of_results_for_a_slow_caller() -> None:
    """The results come in the order of the items, and however many items there are, no
    more than IN_FLIGHT chunks a process wait for the caller (Executor.map would submit
    them all and hold every result: at 10,000 documents, the build process's memory)."""
    items = list(range(2_000))
    with _CountingPool() as pool:
        results = []
        for n, result in enumerate(workers._windowed(pool, abs, items, jobs=2, chunksize=500)):
            results.append(result)
            pool.taken = n // workers.MAX_CHUNK + 1
        assert results == items
        assert pool.submitted == len(items) // workers.MAX_CHUNK
        assert pool.most_waiting <= workers.IN_FLIGHT * 2 + 1


def test_a_caller_that_stops_early_leaves_no_work_queued() -> None:
    with _CountingPool() as pool:
        results = workers._windowed(pool, abs, range(10_000), jobs=2, chunksize=1)
        assert list(itertools.islice(results, 5)) == [0, 1, 2, 3, 4]
        results.close()
        assert pool.submitted <= workers.IN_FLIGHT * 2 + 5  # the window, and one per item taken
