"""The files to validate: folders expanded, each file read once, bounded in size, and
refused (one finding) when it is not XML or not TEI."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import xmlsafe
from .findings import TEI_NS, Finding, ValidatorUnavailable

# The largest file the validator reads, to validate or as a neighbour a pointer names:
# past it, a finding (or, for a neighbour, no data) instead of reading gigabytes.
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass
class _Document:
    """A file that was read and found to be TEI. Its bytes are read again, and its tree
    parsed again, where they are needed (:attr:`data`, :meth:`parse`) rather than kept: a
    run over 10,000 files would otherwise hold 400 MB of them at once, in this process and
    in each forked worker."""

    path: Path
    shown: str
    size: int  # bytes

    @property
    def data(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as err:
            raise ValidatorUnavailable(f"{self.shown}: cannot be read ({err.strerror})") from None

    def parse(self) -> etree._ElementTree:
        return xmlsafe.parse_bytes(self.data, base_url=os.path.abspath(self.path))


# --------------------------------------------------------------------------- files


def _shown(path: Path) -> str:
    """The name printed in findings: relative to the working folder when inside it."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the *.xml files below them; every named path must exist."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # Hidden folders are skipped: the encoder stages its output in tei/.staging-*.
            found = sorted(p for p in path.rglob("*.xml") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                raise ValidatorUnavailable(
                    f"no *.xml files in {_shown(path)}/ (run `edition encode` to write tei/)"
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ValidatorUnavailable(f"{_shown(path)}: no such file or folder")
    unique: dict[str, Path] = {}
    for f in files:
        unique.setdefault(os.path.abspath(f), f)
    return list(unique.values())


def _read(path: Path) -> tuple[_Document | None, Finding | None]:
    shown = _shown(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ValidatorUnavailable(f"{shown}: cannot be read ({err.strerror})") from None
    if size > MAX_FILE_BYTES:
        return None, Finding(shown, None, None, "E-TOO-LARGE", "xml",
                             f"the file is {size / 2**20:,.0f} MB; the validator reads files up to "
                             f"{MAX_FILE_BYTES // 2**20} MB",
                             "split the document, or check that this is the file you meant")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ValidatorUnavailable(f"{shown}: cannot be read ({err.strerror})") from None
    try:
        tree = xmlsafe.parse_bytes(data, base_url=os.path.abspath(path))
    except xmlsafe.XmlProblem as problem:
        return None, Finding(shown, problem.line, problem.column, problem.rule, "xml",
                             problem.message, problem.hint)
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.namespace != TEI_NS or qname.localname not in ("TEI", "teiCorpus"):
        if qname.localname in ("TEI", "teiCorpus"):
            message = (f"the root element <{qname.localname}> is not in the TEI namespace "
                       f"(it is in {qname.namespace or 'no namespace'})")
            hint = f'Add xmlns="{TEI_NS}" to the root element.'
        else:
            where = f"{{{qname.namespace}}}" if qname.namespace else ""
            message = f"not a TEI document: the root element is <{where}{qname.localname}>"
            hint = (f'A TEI P5 file has the root element <TEI xmlns="{TEI_NS}"> '
                    "(or <teiCorpus>); check that this is the file you meant.")
        return None, Finding(shown, root.sourceline, None, "E-NOT-TEI", "xml", message, hint)
    return _Document(path, shown, len(data)), None

