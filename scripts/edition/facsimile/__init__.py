"""Facsimile: the page images of a document's witness, published as static IIIF.

- ``pages``: finding an editor's page images (``witness/pages/``) and what they are;
- ``tiles``: one page -> a level-0 IIIF Image API 3.0 service (libvips tiles);
- ``manifest``: a document's IIIF Presentation 3.0 manifest, from its TEI;
- this module: the site's ``iiif/`` folder for every document whose TEI has a facsimile,
  and the viewer's files (OpenSeadragon, facsimile.js/.css) when any has.

Site layout (docs/facsimile.md)::

    iiif/<id>/manifest.json
    iiif/<id>/<n>-<digest>/info.json, full/max/0/default.jpg, tiles …
    assets/facsimile.js  assets/facsimile.css  assets/openseadragon/openseadragon.min.js

A site none of whose documents has page images gets none of these: it stays byte for
byte what it was.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditionError, Problem
from ..fingerprint import Store
from ..paths import PACKAGE_DIR, Project
from ..xmlsafe import parse_file
from .manifest import manifest, surfaces
from .pages import PAGES_DIR, Page, witness_pages
from .tiles import tile

__all__ = ["PAGES_DIR", "Page", "FacsimileReport", "render_facsimiles", "witness_pages"]

VIEWER_FILES = (
    (PACKAGE_DIR / "site" / "facsimile" / "facsimile.js", Path("assets") / "facsimile.js"),
    (PACKAGE_DIR / "site" / "facsimile" / "facsimile.css", Path("assets") / "facsimile.css"),
    (PACKAGE_DIR / "site" / "vendor" / "openseadragon" / "openseadragon.min.js",
     Path("assets") / "openseadragon" / "openseadragon.min.js"),
    (PACKAGE_DIR / "site" / "vendor" / "openseadragon" / "LICENSE.txt",
     Path("assets") / "openseadragon" / "LICENSE.txt"),
)
CODE = (PACKAGE_DIR / "facsimile", PACKAGE_DIR / "site" / "facsimile", PACKAGE_DIR / "site" / "vendor")


@dataclass
class FacsimileReport:
    documents: int = 0
    pages: int = 0
    tiled: int = 0
    reused: int = 0
    bytes: int = 0
    seconds: float = 0.0
    per_document: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"facsimile: {self.documents} document(s), {self.pages} page(s): {self.tiled} tiled, "
                f"{self.reused} reused; {self.bytes / 1e6:.1f} MB in {self.seconds:.2f} s")


def render_facsimiles(project: Project, site: Path, base_url: str, *, previous: Path | None = None,
                      store: Store | None = None) -> FacsimileReport:
    """Write ``site/iiif/`` for each document whose TEI has a facsimile: tiles (reused from
    ``previous``, the last published site, where the store proves them unchanged) and the
    manifest; copy the viewer's files when there is at least one."""
    import time

    start = time.perf_counter()
    report = FacsimileReport()
    for tei_file in project.tei_documents():
        root = parse_file(tei_file).getroot()
        declared = surfaces(root)
        if not declared:
            continue
        doc_id = tei_file.stem
        pages = _pages(project, doc_id, tei_file, declared)
        folder = site / "iiif" / doc_id
        for page in pages:
            old = previous / "iiif" / doc_id / page.name if previous is not None else None
            reused = tile(page, folder / page.name, f"{base_url}iiif/{doc_id}/{page.name}",
                          previous=old, store=store)
            report.reused += reused
            report.tiled += not reused
        document = manifest(root, doc_id, base_url)
        (folder / "manifest.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
        report.documents += 1
        report.pages += len(pages)
        report.per_document[doc_id] = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    if report.documents:
        for source, target in VIEWER_FILES:
            (site / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, site / target)
    report.bytes = sum(report.per_document.values())
    report.seconds = time.perf_counter() - start
    return report


def _pages(project: Project, doc_id: str, tei_file: Path, declared: list[dict]) -> list[Page]:
    """The source pages of a document, checked against what its TEI declares."""
    folder = project.documents / doc_id
    pages = witness_pages(folder)
    names = [p.name for p in pages]
    wanted = [d["name"] for d in declared]
    if names != wanted:
        raise EditionError(Problem(
            tei_file, None,
            f"the TEI declares {len(wanted)} page image(s) that {folder / PAGES_DIR} does not hold "
            f"as they are ({len(names)} there)" if names else
            f"the TEI declares {len(wanted)} page image(s) but {folder / PAGES_DIR} has none",
            "run `edition encode` (or `edition build`) after changing the page images"))
    return pages
