"""Peak memory and CPU time per kind of process of a running command, sampled.

A build is several kinds of process: the `edition build` process itself, the pool
workers it forks or spawns, Jing (Java), Pagefind, and on a Dask cluster the workers.
:class:`TreeSampler` reads the process tree of the command (and of any other processes
named, e.g. a LocalCluster's workers) every ``interval`` seconds, with psutil when it is
installed, else from /proc, and keeps per kind the largest RSS any one process of that
kind had, the CPU seconds of all of them, and how many there were. A process that lives
shorter than the interval may be missed: the command's own ``wait4`` peak (the largest
process of its tree) is the check on that.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

try:
    import psutil
except ImportError:  # pragma: no cover - psutil comes with distributed
    psutil = None

_GONE: tuple[type[BaseException], ...] = (OSError, ValueError, IndexError) + (
    (psutil.Error,) if psutil is not None else ())
KINDS = ("build process", "pool workers", "Java (Jing)", "Pagefind", "dask workers", "other")
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class KindFigures:
    peak_rss: int = 0  # bytes, the largest single process of the kind
    peak_at: float = 0.0  # seconds after the start when it was reached
    processes: set[int] = field(default_factory=set)
    cpu: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds, last seen

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


def _proc_children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    return children


def _descendants(pid: int, children: dict[int, list[int]] | None) -> list[int]:
    if psutil is not None:
        try:
            return [pid] + [c.pid for c in psutil.Process(pid).children(recursive=True)]
        except psutil.Error:
            return []
    assert children is not None
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, []))
    return out


def _read(pid: int) -> tuple[str, int, float] | None:
    """(command line, RSS bytes, CPU seconds) of a process, None if it is gone."""
    try:
        if psutil is not None:
            proc = psutil.Process(pid)
            with proc.oneshot():
                cmd = " ".join(proc.cmdline()) or proc.name()
                times = proc.cpu_times()
                return cmd, proc.memory_info().rss, times.user + times.system
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        return cmd, rss, (int(fields[11]) + int(fields[12])) / TICKS
    except _GONE:
        return None


def classify(pid: int, cmd: str, root: int, dask: set[int]) -> str:
    if pid == root:
        return "build process"
    if pid in dask:
        return "dask workers"
    lowered = cmd.lower()
    if "java" in lowered.split(" ", 1)[0] or " -jar " in lowered or "jing" in lowered:
        return "Java (Jing)"
    if "pagefind" in lowered:
        return "Pagefind"
    if "python" in lowered or "edition" in lowered:
        return "pool workers"
    return "other"


class TreeSampler:
    """Samples the tree of ``root`` (and of the pids ``extra_roots()`` gives, counted as
    dask workers) every ``interval`` seconds, in a thread, until :meth:`stop`."""

    def __init__(self, root: int, extra_roots: Callable[[], list[int]] = list,
                 interval: float = 0.5) -> None:
        self.root = root
        self.extra_roots = extra_roots
        self.interval = interval
        self.kinds: dict[str, KindFigures] = {kind: KindFigures() for kind in KINDS}
        self._kind_of: dict[int, str] = {}
        self._started = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> dict[str, KindFigures]:
        self._stop.set()
        self._thread.join()
        return self.kinds

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        children = _proc_children() if psutil is None else None
        dask = {pid for extra in self.extra_roots() for pid in _descendants(extra, children)}
        for pid in {*_descendants(self.root, children), *dask}:
            seen = _read(pid)
            if seen is None:
                continue
            cmd, rss, cpu = seen
            kind = self._kind_of.setdefault(pid, classify(pid, cmd, self.root, dask))
            figures = self.kinds[kind]
            if rss > figures.peak_rss:
                figures.peak_rss, figures.peak_at = rss, time.perf_counter() - self._started
            figures.processes.add(pid)
            figures.cpu[pid] = cpu


def run_sampled(cmd: list[str], log: Path, extra_roots: Callable[[], list[int]] = list,
                interval: float = 0.5) -> tuple[float, int, int, dict[str, KindFigures]]:
    """Run ``cmd`` while sampling its tree: wall seconds, exit code, peak RSS of its
    largest process by wait4 (bytes), and the figures per kind. Its output goes to
    ``log``, each line after the seconds since the start, so that a peak's time tells
    the stage: the command runs on a pseudo-terminal, where it draws its progress."""
    import pty
    import re
    import subprocess

    start = time.perf_counter()
    main_fd, child_fd = pty.openpty()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=child_fd, stderr=child_fd)
        os.close(child_fd)
        sampler = TreeSampler(proc.pid, extra_roots, interval).start()

        def copy() -> None:
            pending = ""
            while True:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # the command and its children closed the terminal
                    chunk = b""
                if not chunk:
                    break
                *lines, pending = re.split(r"[\r\n]+", pending + chunk.decode("utf-8", "replace"))
                stamp = time.perf_counter() - start
                out.writelines(f"[{stamp:8.1f} s] {line}\n" for line in lines if line.strip())
            if pending.strip():
                out.write(f"[{time.perf_counter() - start:8.1f} s] {pending}\n")

        copier = threading.Thread(target=copy, daemon=True)
        copier.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        kinds = sampler.stop()
        copier.join(timeout=30)
        os.close(main_fd)
    return seconds, proc.returncode, usage.ru_maxrss * 1024, kinds


def line_at(log: Path, seconds: float) -> str:
    """The last line ``log`` (as run_sampled writes it) had written at ``seconds``: what
    the command was doing then."""
    last = ""
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        stamp, _, text = line.partition(" s] ")
        try:
            if float(stamp.lstrip("[")) > seconds:
                break
        except ValueError:
            continue
        last = text
    return last
