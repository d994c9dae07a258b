"""The output trees under build/ (the published one, and the one a build writes), and
the records by which a tree's files may be reused by the next build."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..fingerprint import code_hash, hash_bytes, write_atomic
from ..paths import PACKAGE_DIR, XSLT_DIR, Project

TREES = ".trees"
CURRENT = "current"
MANIFEST = ".build.json"  # in each tree: what its stages were made from
RECORDS = ".records"      # in each tree: records naming files of that tree (see Records)
TMP = ".tmp"              # in the new tree: the build's temporary files
LEGACY_STATE = ".state.json"  # where older builds kept their keys, outside the trees


class Tree:
    """The output trees under build/: the current one, and the one being written."""

    def __init__(self, project: Project) -> None:
        self.build = project.build
        self.trees = project.build / TREES
        self.current_link = self.trees / CURRENT

    @property
    def current(self) -> Path | None:
        return self.current_link.resolve() if self.current_link.is_symlink() else None

    def sweep(self) -> None:
        """Remove every tree but the published one: what killed builds left, including an
        old tree a build was killed while removing (after it had published)."""
        self.trees.mkdir(parents=True, exist_ok=True)
        current = self.current
        for old in self.trees.iterdir():
            if old.name != CURRENT and old.resolve() != current:
                remove(old)

    def start(self) -> Path:
        """A fresh folder for the new tree, after removing what killed builds left."""
        self.sweep()
        folder = Path(tempfile.mkdtemp(prefix="tree-", dir=self.trees))
        folder.chmod(0o755)  # mkdtemp makes it private; the tree is published
        return folder

    def manifest(self) -> dict[str, object]:
        """What the published tree says it was made from ({} when nothing is published)."""
        current = self.current
        if current is None:
            return {}
        try:
            data = json.loads((current / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def publish(self, new: Path, manifest: dict[str, object]) -> None:
        """Write the tree's manifest, point ``current`` at the tree in one rename, then drop
        the old tree. The manifest is inside the tree: it is published with it, or not at all."""
        write_atomic(new / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        previous = self.current
        link = self.trees / f".{CURRENT}-{new.name}"
        link.symlink_to(new.name, target_is_directory=True)
        os.replace(link, self.current_link)
        for name in ("site", "pdf"):
            path = self.build / name
            target = Path(TREES) / CURRENT / name
            if path.is_symlink() and Path(os.readlink(path)) == target:
                continue
            remove(path)  # a folder from an older layout, or a stage run alone
            path.symlink_to(target, target_is_directory=True)
        if previous is not None and previous != new:
            remove(previous)


def remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        _remove_folder(path)


# A tree's folders can be very large: the DTS navigation files are one folder of 1.85
# million files at 10,000 documents. shutil.rmtree and shutil.copytree read a folder's
# whole listing into memory first (660 MiB for that one); these walk each folder as the
# system lists it, holding one entry a level.

def _remove_folder(folder: Path) -> None:
    """shutil.rmtree, without a folder's listing in memory. An entry removed from a folder
    being listed is one the listing has already given, which POSIX allows."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _remove_folder(Path(entry.path))
            else:
                os.unlink(entry.path)
    os.rmdir(folder)


class Records:
    """Records that name files of a tree (e.g. "these DTS files are this document's, made
    from this TEI"), for a stage that links such files from the published tree instead of
    making them again. They are read from the published tree only and written into the new
    one, so a record can never vouch for files of a tree that was not published; each key
    also covers the whole toolkit. Same interface as :class:`Store`."""

    def __init__(self, published: Path | None, new: Path, *, read: bool = True) -> None:
        self.published = published if read else None
        self.new = new
        self.code = code_hash(PACKAGE_DIR, XSLT_DIR)

    def _name(self, kind: str, key: str) -> Path:
        return Path(RECORDS) / kind / hash_bytes(self.code, key)

    def get(self, kind: str, key: str) -> bytes | None:
        if self.published is None:
            return None
        try:
            data = (self.published / self._name(kind, key)).read_bytes()
        except OSError:
            return None
        write_atomic(self.new / self._name(kind, key), data)  # the files are linked: so is the record
        return data

    def put(self, kind: str, key: str, data: bytes) -> Path:
        path = self.new / self._name(kind, key)
        write_atomic(path, data)
        return path


def link_copy(source: Path, target: Path) -> None:
    """Reuse an unchanged stage output: hard links, no bytes copied. Safe because no stage
    writes into a folder it did not make itself in this tree."""
    target.mkdir(parents=True)
    with os.scandir(source) as entries:
        for entry in entries:
            made = target / entry.name
            if entry.is_symlink():
                made.symlink_to(os.readlink(entry.path))
            elif entry.is_dir():
                link_copy(Path(entry.path), made)
            else:
                os.link(entry.path, made)
    shutil.copystat(source, target)  # as shutil.copytree does
