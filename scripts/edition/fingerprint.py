"""Content hashes of what a build reads, and a store of results keyed by them.

Incremental builds rest on one rule: an output is rebuilt when the hash of everything it
was made from changed. The hashes here are of contents (never of times), so a touched
file, a fresh clone or a copied project rebuild nothing. Only the no-op check of the
build (:func:`stat_signature`) looks at sizes and modification times, to answer "did
anything change at all?" without reading every file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .paths import PACKAGE_DIR, XSLT_DIR

CODE_SUFFIXES = {".py", ".xsl", ".html", ".css", ".js", ".svg", ".json", ".toml"}


def hash_bytes(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))  # length-prefixed: parts cannot run together
        digest.update(data)
    return digest.hexdigest()


def files_under(folder: Path, suffixes: set[str] | None = None) -> list[Path]:
    """Regular files below ``folder`` in a stable order, hidden ones (and caches) left out."""
    if not folder.is_dir():
        return []
    found = []
    # os.walk, pruning hidden folders as it goes: the no-op build lists ~10,000 files at
    # 1,000 documents, and Path.rglob with a relative_to per file was most of its time.
    for top, folders, names in os.walk(folder):
        folders[:] = sorted(d for d in folders if not d.startswith(".") and d != "__pycache__")
        for name in names:
            if name.startswith(".") or (suffixes is not None and os.path.splitext(name)[1] not in suffixes):
                continue
            path = os.path.join(top, name)
            if os.path.isfile(path):
                found.append(Path(path))
    return sorted(found)


def hash_files(paths: Iterable[Path], root: Path) -> str:
    """One hash over the names (relative to ``root``) and contents of the files."""
    parts: list[bytes | str] = []
    for path in paths:
        parts.append(path.relative_to(root).as_posix())
        parts.append(path.read_bytes())
    return hash_bytes(*parts)


def code_hash(*parts: Path) -> str:
    """The toolkit as an input: the given files and folders of it (modules, stylesheets,
    templates, assets) and its version. A stage names what it is made with, so a changed
    print stylesheet changes the PDF keys and leaves the HTML keys alone."""
    files: list[Path] = []
    for part in parts:
        files.extend(files_under(part, CODE_SUFFIXES) if part.is_dir() else [part])
    return hash_bytes(__version__, *(hash_bytes(p.as_posix(), p.read_bytes()) for p in sorted(files)))


def package_code() -> tuple[Path, ...]:
    """Every module of the package and every stylesheet: the conservative dependency."""
    return (PACKAGE_DIR, XSLT_DIR)


def stat_signature(paths: Iterable[Path]) -> str:
    """Names, sizes and modification times: cheap, for the "nothing changed" check only."""
    parts: list[str] = []
    for path in paths:
        try:
            info = path.stat()
        except FileNotFoundError:
            parts.append(f"{path}\0missing")
            continue
        parts.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}")
    return hash_bytes(*parts)


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it into place: a reader
    (or a build killed half-way) sees the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are published
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Store:
    """Results of earlier builds, one file per (kind, key), under build/.cache/.

    Entries are written atomically and never changed: a key names its content. Parallel
    workers may write the same entry at once; the last rename wins with the same bytes.
    ``read=False`` (``edition build --force``): nothing is taken from the store, every
    result is made again (and stored)."""

    def __init__(self, folder: Path, *, read: bool = True) -> None:
        self.folder = folder
        self.read = read

    def path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        if not self.read:
            return None
        try:
            return self.path(kind, key).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> Path:
        path = self.path(kind, key)
        write_atomic(path, data)
        return path
