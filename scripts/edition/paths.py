"""Where the project's inputs and outputs live. One place, so every stage agrees."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def _find_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / "pyproject.toml").is_file() and (candidate / "source").is_dir():
            return candidate
    return start


REGISTERS_ID = "registers"


@dataclass(frozen=True)
class Project:
    """The folders of one edition project (source/ in, tei/ and build/ out)."""

    root: Path

    @classmethod
    def locate(cls, root: Path | str | None = None) -> Project:
        if root is not None:
            return cls(Path(root).resolve())
        env = os.environ.get("EDITION_ROOT")
        if env:
            return cls(Path(env).resolve())
        return cls(_find_root(Path.cwd().resolve()))

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def documents(self) -> Path:
        return self.source / "documents"

    @property
    def registry(self) -> Path:
        return self.source / "registry"

    @property
    def edition_file(self) -> Path:
        """Edition-wide settings (title, editors, licence, base URL)."""
        return self.source / "edition.toml"

    @property
    def tei(self) -> Path:
        return self.root / "tei"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def registers_file(self) -> Path:
        """The edition's canonical registers (TEI: teiHeader and standOff, no text)."""
        return self.tei / f"{REGISTERS_ID}.xml"

    def tei_documents(self) -> list[Path]:
        """The TEI files of the documents, without the registers file, by name."""
        return sorted(p for p in self.tei.glob("*.xml") if p.stem != REGISTERS_ID)

    def document_ids(self) -> list[str]:
        if not self.documents.is_dir():
            return []
        return sorted(
            p.name for p in self.documents.iterdir() if (p / "metadata.toml").is_file()
        )


PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent
XSLT_DIR = REPO_DIR / "xslt"
SCHEMA_DIR = REPO_DIR / "schema"
CACHE_DIR = Path(os.environ.get("EDITION_CACHE", REPO_DIR / ".cache"))
