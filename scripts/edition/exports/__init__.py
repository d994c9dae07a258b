"""Exports for reuse and interchange: tei/*.xml -> files published with the site.

Everything here is derived from the TEI files alone (plus the edition settings), written
into the rendered site so that it is published, and linked by absolute URLs built on
``base_url`` of source/edition.toml::

    data/cmif.xml                                  CMIF v2 letter index (correspSearch)
    data/dts/entry.jsonld                          DTS 1.0 entry point (level 0: static files)
    data/dts/collection.jsonld                     DTS collection endpoint (root), and
    data/dts/collection/<id>{;nav=parents}.jsonld    per collection / resource
    data/dts/navigation/<id>{;ref=R}{;down=D}.jsonld DTS navigation, down to alignment units
    data/dts/document/<id>{;ref=R}.xml             DTS document endpoint (TEI)
    data/entities.jsonld                           schema.org Person/Place/Organization/Event
    data/cite/<id>.json  .bib  .ris                CSL-JSON, BibTeX and RIS for each document
    data/cite/edition.bib                          all documents in one BibTeX file
    sitemap.xml                                    every HTML page of the site
    search.html, search/                           the search page and index (edition.search)

The plain texts (text/<id>.<lang>.txt) and the TEI copies (tei/<id>.xml) are written by
edition.html with the rest of the site; the exports link to them. docs/exports.md tells
other projects how to use each file.

One module per format, each made from the document model of edition.documents (which the
search reads too) and the addresses of :mod:`.urls`: cmif, dts, entities, csl, bibtex,
sitemap; :mod:`.files` writes them. This module only runs them in order.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..documents import load_documents, load_registers
from ..errors import EditionError, Problem
from ..fingerprint import Store
from ..metadata import load_edition
from ..paths import Project
from ..search import render_search
from .bibtex import bibtex
from .cmif import cmif, missing_authorities
from .csl import csl
from .dts import write_dts
from .entities import write_entities
from .files import Written, write_bytes, write_json
from .ris import ris
from .sitemap import sitemap
from .urls import Urls

__all__ = ["ExportReport", "render_exports"]


@dataclass
class ExportReport:
    site: Path
    files: dict[str, Written] = field(default_factory=dict)  # per group: how many, bytes
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def size(self, group: str) -> int:
        return self.files[group].bytes if group in self.files else 0

    def summary(self) -> str:
        parts = [f"{group} {written.files} files {written.bytes / 1024:.0f} KiB"
                 + (f" {self.seconds[group]:.2f} s" if group in self.seconds else "")
                 for group, written in self.files.items()]
        return "\n".join(["exports: " + "; ".join(parts), *self.warnings])


def render_exports(project: Project, site: Path | None = None, *, with_search: bool = True,
                   previous: Path | None = None, store: Store | None = None,
                   draft: bool = False) -> ExportReport:
    """Write every export into the rendered site (default build/site/, which edition.html
    must have written first: it replaces the whole folder), then the search page and
    index (edition.search), then the sitemap, which lists the pages of both.
    ``previous`` (the site of the last build) and ``store``: reuse the DTS files of
    unchanged documents (see dts.write_dts). ``draft``: the edition has no public address
    yet: addresses are relative to the site's root, the citation files carry none, and the
    files that exist only for harvesters (CMIF, the sitemap) are not written."""
    site = site or project.build / "site"
    if not site.is_dir():
        raise EditionError(Problem(site, None, "the site has not been rendered",
                                   "run `edition build` (the HTML stage writes the site first)"))
    # Documents without their units (in a spool file in the build's temporary folder):
    # the exports made per document read them back one at a time.
    with tempfile.TemporaryDirectory(prefix="edition-documents-") as spool:
        return _render(project, site, Path(spool) / "documents.pickle", with_search, previous, store, draft)


def _render(project: Project, site: Path, spool: Path, with_search: bool, previous: Path | None,
            store: Store | None, draft: bool) -> ExportReport:
    edition = load_edition(project.edition_file)
    urls = Urls("" if draft else edition.base_url)
    docs = load_documents(project, spool)
    records = load_registers(project, docs)
    report = ExportReport(site)

    data = site / "data"
    if data.exists():
        shutil.rmtree(data)

    if draft:
        report.warnings.append("exports: a draft: no CMIF file and no sitemap (they are for harvesters "
                               "and need the public address); citations carry no URL")
    else:
        start = time.perf_counter()
        report.files["cmif"] = _one(write_bytes(data / "cmif.xml", cmif(docs, edition, urls, records)))
        report.seconds["cmif"] = time.perf_counter() - start
        report.warnings.extend(missing_authorities(docs, records))

    start = time.perf_counter()
    report.files["dts"] = write_dts(docs, edition, urls, data / "dts", previous, store)
    report.seconds["dts"] = time.perf_counter() - start

    start = time.perf_counter()
    report.files["entities"] = _one(write_entities(data / "entities.jsonld", docs, urls, records))
    report.seconds["entities"] = time.perf_counter() - start

    start = time.perf_counter()
    cite = report.files["cite"] = Written()
    for doc in docs:
        cite.add(write_json(data / "cite" / f"{doc.id}.json", csl(doc, edition, urls)))
        cite.add(write_bytes(data / "cite" / f"{doc.id}.bib", bibtex(doc, edition, urls).encode("utf-8")))
        cite.add(write_bytes(data / "cite" / f"{doc.id}.ris", ris(doc, edition, urls).encode("utf-8")))
    with open(data / "cite" / "edition.bib", "wb") as combined:  # every document: written as made
        for i, doc in enumerate(docs):
            combined.write((("\n" if i else "") + bibtex(doc, edition, urls)).encode("utf-8"))
    cite.add(data / "cite" / "edition.bib")
    report.seconds["cite"] = time.perf_counter() - start

    report.files["text"] = Written()
    report.files["text"].add_all((site / "text").glob("*.txt") if (site / "text").is_dir() else ())

    if with_search:
        start = time.perf_counter()
        search_report = render_search(project, site, docs=docs, edition=edition, records=records,
                                      draft=draft, previous=previous)
        report.files["search"] = search_report.files
        report.seconds["search"] = time.perf_counter() - start
        report.seconds["search index"] = search_report.index_seconds
        if search_report.warning:
            report.warnings.append(search_report.warning)

    if not draft:
        start = time.perf_counter()
        report.files["sitemap"] = _one(write_bytes(site / "sitemap.xml", sitemap(site, docs, urls)))
        report.seconds["sitemap"] = time.perf_counter() - start
    return report


def _one(path: Path) -> Written:
    written = Written()
    written.add(path)
    return written
