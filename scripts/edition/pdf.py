"""`edition build` PDF stage: tei/*.xml -> build/pdf/<id>.pdf and build/pdf/edition.pdf.

xslt/print.xsl turns TEI into print HTML; WeasyPrint lays it out with print/print.css
and writes PDF/A-3b with the TEI attached (relationship Source), tagged, with its
metadata from the TEI. Nothing here knows a particular document.

The index gets its page numbers from the layout: a name often occurs more than once on
a page, so the layout of the whole tells on which page each mention anchor lies, and the
index, which comes last on pages of its own, is then laid out alone with one anchor per
record and page and their numbers as text; its pages follow the others (_Renderer._index).
The pages before the index do not depend on it, so the whole is laid out once.

Deterministic: no clock is read. Dates come from the TEI (publicationStmt, revisionDesc),
else from SOURCE_DATE_EPOCH, else the Unix epoch.

Run alone: ``python -m edition.pdf`` (same as the build stage, without encoding or HTML).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import CannotRun, EditionError, Problem
from .fingerprint import Store, code_hash, hash_bytes, write_atomic
from .paths import PACKAGE_DIR, XSLT_DIR, Project
from .progress import progress
from .workers import pool_map, use_pool
from .xsltrun import transform

STYLESHEET = XSLT_DIR / "print.xsl"
CSS_FILE = PACKAGE_DIR / "print" / "print.css"
VOLUME_ID = "edition"
PDF_VARIANT = "pdf/a-3b"
FONT_FAMILIES = ("Noto Serif", "Noto Sans")
MENTION_PREFIX = "m."  # print.xsl's mention anchors: m.{document}.{record}.{k}
INDEX_ID = "index"  # print.xsl's index section; its registers are index.{register}
ROW_MARK = ".row-"  # print.xsl's rows of the parallel text: {document}.row-{n}
MAX_ROW_PASSES = 4


@dataclass(frozen=True)
class RenderedPdf:
    """One PDF written: where, from which TEI files, how long it took: ``layouts`` of the
    whole (0: reused from the store), and whether its index was laid out alone after them."""

    path: Path
    sources: tuple[Path, ...]
    pages: int
    seconds: float
    layouts: int
    warnings: tuple[str, ...]
    index_alone: bool = False


# What the PDFs are made with, besides the TEI and the settings (their key).
CODE: tuple[Path, ...] = (XSLT_DIR / "common.xsl", STYLESHEET, XSLT_DIR / "print", PACKAGE_DIR / "print",
                          Path(__file__), PACKAGE_DIR / "xsltrun.py")
# Below this many PDFs to make, a pool costs more than it saves.
POOL_THRESHOLD = 4


def render_pdfs(project: Project, out_dir: Path | None = None, *,
                documents: list[str] | None = None, volume: bool = True,
                store: Store | None = None, jobs: int = 1) -> list[RenderedPdf]:
    """Render every TEI document of ``project`` to ``<out_dir>/<id>.pdf`` and the whole
    edition to ``<out_dir>/edition.pdf``; ``out_dir`` defaults to build/pdf.

    ``documents``: only these ids (the volume then holds only them too).
    ``volume=False``: skip the volume.
    ``store``: a PDF whose key (its TEI files, the settings, the print stylesheets and
    this module) is in the store is copied from there, not laid out again.
    ``jobs``: processes for the documents' PDFs.
    """
    _check_fonts()
    sources = _tei_files(project, documents)
    out = out_dir or project.build / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    params = _edition_params(project)
    wanted = [([tei], out / f"{tei.stem}.pdf") for tei in sources]
    if volume:
        wanted.append((sources, out / f"{VOLUME_ID}.pdf"))
    code = code_hash(*CODE)
    settings = json.dumps(params, sort_keys=True)
    keys = {target: hash_bytes(code, settings, *(hash_bytes(s.name, s.read_bytes()) for s in tei))
            for tei, target in wanted}
    results: list[RenderedPdf] = []
    todo = []
    for tei, target in wanted:
        cached = store.get("pdf", keys[target]) if store is not None else None
        if cached is None:
            todo.append((tei, target, params))
            continue
        target.write_bytes(cached)
        results.append(RenderedPdf(target, tuple(tei), _page_count(target), 0.0, 0, ()))
    for result in _render_all(todo, jobs):
        results.append(result)
        if store is not None:
            store.put("pdf", keys[result.path], result.path.read_bytes())
    order = {target: i for i, (_, target) in enumerate(wanted)}
    results.sort(key=lambda r: order[r.path])
    if documents is None:
        _remove_stale(out, {r.path.name for r in results})
    for result in results:
        for warning in result.warnings:
            print(f"{result.path.name}: WeasyPrint: {warning}", file=sys.stderr)
        made = f"{result.seconds:.2f} s" if result.layouts else "unchanged, reused"
        print(f"pdf: {result.path} ({result.pages} pages, {made})")
    return results


def _render_one(task: tuple[list[Path], Path, dict[str, str]]) -> RenderedPdf:
    """A fresh renderer for each PDF: one laid out alone (the others reused from the store)
    must come out byte for byte as it does in a full build."""
    sources, target, params = task
    return _Renderer().render(sources, target, params)


def _render_all(tasks: list[tuple[list[Path], Path, dict[str, str]]], jobs: int) -> list[RenderedPdf]:
    """Lay the PDFs out here, or over spawned processes (each with its own saxonche and
    WeasyPrint) when there are enough of them; the volume, the longest, goes first."""
    if not use_pool(jobs, len(tasks), POOL_THRESHOLD):
        return [_render_one(task) for task in tasks]
    tasks = sorted(tasks, key=lambda task: -len(task[0]))
    return list(progress(pool_map(_render_one, tasks, jobs=jobs, context="spawn"), len(tasks), "pdf"))


def _page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _tei_files(project: Project, documents: list[str] | None) -> list[Path]:
    files = project.tei_documents()  # not the registers file: it has no text to print
    if documents is not None:
        wanted = set(documents)
        missing = wanted - {f.stem for f in files}
        if missing:
            raise EditionError(Problem(project.tei, None,
                                       f"no TEI file for {', '.join(sorted(missing))}",
                                       "run `edition encode` first, or check the ids"))
        files = [f for f in files if f.stem in wanted]
    if not files:
        raise EditionError(Problem(project.tei, None, "no TEI files to render",
                                   "run `edition encode` first"))
    if any(f.stem == VOLUME_ID for f in files):
        raise EditionError(Problem(project.tei / f"{VOLUME_ID}.xml", None,
                                   f"a document may not be called {VOLUME_ID!r}: "
                                   f"build/pdf/{VOLUME_ID}.pdf is the whole edition",
                                   "rename the document's folder in source/documents/"))
    return files


def _edition_params(project: Project) -> dict[str, str]:
    """Edition-wide settings for the title pages and running heads (print.xsl params)."""
    params = {"generator": f"edition toolkit {__version__}"}
    if not project.edition_file.is_file():
        return params
    from .metadata import is_placeholder_url, load_edition

    edition = load_edition(project.edition_file)
    params.update({
        "edition-title": edition.title.get("en", ""),
        "edition-title-ru": edition.title.get("ru", ""),
        "edition-short-title": edition.short_title,
        "edition-publisher": edition.publisher,
        "edition-encoder": edition.encoder,
        "edition-editors": "; ".join(f"{e.name} ({e.role_label.lower()})" for e in edition.editors),
        "edition-licence": edition.licence,
        "edition-licence-url": edition.licence_url,
        "facsimile": edition.pdf_facsimile,
        # A placeholder address is not printed: the PDF would cite a page that is not there.
        "base-url": "" if is_placeholder_url(edition.base_url) else edition.base_url,
    })
    if edition.pdf_facsimile != "none":
        params["facsimile-images"] = _facsimile_images(project).as_uri() + "/"
    return params


def _facsimile_images(project: Project) -> Path:
    """The page images for the PDFs' facsimile appendix, one JPEG per page under
    build/.cache/facsimile-pdf/<id>/<n>-<digest>.jpg (named as the TEI names the page, so
    that a changed image changes the TEI and the PDF's key). A JPEG scan is used as it is;
    others are converted once."""
    from .facsimile.pages import witness_pages

    folder = project.build / ".cache" / "facsimile-pdf"
    for tei in project.tei_documents():
        doc_id = tei.stem
        if b"<facsimile" not in tei.read_bytes():
            continue
        for page in witness_pages(project.documents / doc_id):
            target = folder / doc_id / f"{page.name}.jpg"
            if target.is_file():
                continue
            data = page.data()
            if data[:3] != b"\xff\xd8\xff":
                import pyvips

                data = pyvips.Image.new_from_buffer(data, "").jpegsave_buffer(Q=90, strip=True)
            write_atomic(target, data)
    return folder


def _check_fonts() -> None:
    """Fail early, and say what to install, rather than let fontconfig substitute a
    font whose small caps are fake."""
    for family in FONT_FAMILIES:
        try:
            found = subprocess.run(["fc-match", "-f", "%{family}", family], check=True,
                                   capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as err:
            raise CannotRun(Problem("fontconfig", None, f"cannot ask fontconfig for fonts: {err}",
                                       "run scripts/setup.sh")) from err
        if family not in found.split(","):
            raise CannotRun(Problem("fontconfig", None, f"font {family!r} is not installed "
                                       f"(fontconfig offers {found!r} instead)",
                                       "run scripts/setup.sh (Debian package fonts-noto-core)"))


def _remove_stale(out: Path, keep: set[str]) -> None:
    """PDFs of documents no longer in tei/ would otherwise stay in the published folder."""
    for path in out.glob("*.pdf"):
        if path.name not in keep:
            path.unlink()


class _Renderer:
    """Holds what every PDF of one run shares: the parsed CSS and the font cache."""

    def __init__(self) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.fonts = FontConfiguration()
        self.css = CSS(filename=str(CSS_FILE), font_config=self.fonts)

    def render(self, sources: list[Path], target: Path, params: dict[str, str]) -> RenderedPdf:
        start = time.perf_counter()
        # The first layout needs the index for its length only: its locators print "0",
        # and the index is laid out again alone with their pages (_index).
        params = {**params, "index-pages": "#placeholder"}
        with _weasyprint_warnings() as warnings:
            html = self._html(sources, params)
            document = self._layout(html, sources[0])
            layouts = 1
            # Rows with notes that run over a page print their notes at their end (see
            # print.xsl $row-notes). Each pass can make other rows run over, so repeat
            # until no new one does; the set only grows, so this ends.
            row_notes: set[str] = set()
            for _ in range(MAX_ROW_PASSES):
                more = _rows_over_pages(document) & _rows_with_notes(html) - row_notes
                if not more:
                    break
                row_notes |= more
                params = {**params, "row-notes": " ".join(sorted(row_notes))}
                html = self._html(sources, params)
                document = self._layout(html, sources[0])
                layouts += 1
            document, more, index_alone = self._index(document, sources, params, target)
            layouts += more
            _write(document, sources, target)
        return RenderedPdf(target, tuple(sources), len(document.pages),
                           time.perf_counter() - start, layouts, tuple(warnings), index_alone)

    def _index(self, document: Any, sources: list[Path], params: dict[str, str],
               target: Path) -> tuple[Any, int, bool]:
        """The document with its index, how many more layouts of the whole it took (0 or
        1), and whether the index was laid out alone.

        The first layout printed the index with a placeholder for each page number and
        every mention. The index comes last and begins on a page of its own, so the pages
        before it stay as they are whatever it lists: the index alone is laid out again,
        with one anchor per record and page (a name often occurs more than once on a
        page) and their page numbers as text, and its pages replace those of the first
        layout. That holds while the contents (which give the first pages of the index
        and of its registers) stay right: the registers must begin on the same pages as
        in the first layout; else the whole is laid out again."""
        pages = _anchor_pages(document)
        if not pages:
            return document, 0, False  # no index
        kept = _one_locator_per_page(pages)
        first = _index_start(document)
        numbers = {"index-locators": " ".join(kept),
                   "index-pages": " ".join(str(pages[a] + 1) for a in kept)}
        alone = self._layout(self._html(sources, {**params, **numbers, "part": "index"}), sources[0],
                             first_page=first + 1)
        if _index_heads(alone, 0) == _index_heads(document, first):
            return document.copy(document.pages[:first] + alone.pages), 0, True
        whole = self._layout(self._html(sources, {**params, **numbers}), sources[0])
        moved = [a for a in kept if _anchor_pages(whole).get(a) != pages[a]]
        if moved:
            raise EditionError(Problem(target, None, f"the index moved the text: {moved[:3]}",
                                       "print.css must keep the index last"))
        return whole, 1, True

    def _html(self, sources: list[Path], params: dict[str, str]) -> str:
        if len(sources) == 1:
            return transform(STYLESHEET, sources[0].resolve(), params=params)
        return transform(STYLESHEET, initial_template="volume", params={
            **params, "documents": [s.resolve() for s in sources]})

    def _layout(self, html: str, source: Path, first_page: int = 1) -> Any:
        """``first_page``: the number the first page carries (the index laid out alone
        goes on where the pages before it end)."""
        from weasyprint import CSS, HTML

        sheets = [self.css]
        if first_page != 1:
            # The page counter is incremented on every page but one whose style sets it.
            sheets.append(CSS(string=f"@page :first {{ counter-reset: page {first_page} }}",
                              font_config=self.fonts))
        return HTML(string=html, base_url=source.resolve().parent.as_uri() + "/").render(
            stylesheets=sheets, font_config=self.fonts)


def _rows_over_pages(document: Any) -> set[str]:
    """Rows of the parallel text that the layout put on more than one page (WeasyPrint
    lists an element's anchor on every page that holds a piece of it)."""
    seen: dict[str, int] = {}
    for page in document.pages:
        for name in page.anchors:
            if ROW_MARK in name:
                seen[name] = seen.get(name, 0) + 1
    return {name for name, count in seen.items() if count > 1}


def _rows_with_notes(html: str) -> set[str]:
    """Rows holding a footnote (or, in a row already listed, a note call)."""
    from lxml import html as lxml_html

    root = lxml_html.document_fromstring(html)
    return {row.get("id") for row in root.iterfind(".//tr[@id]")
            if ROW_MARK in row.get("id")
            and row.xpath(".//span[contains(concat(' ', @class, ' '), ' footnote ')"
                          " or contains(concat(' ', @class, ' '), ' call ')]")}


def _anchor_pages(document: Any) -> dict[str, int]:
    """Mention anchor -> index of the page it is on."""
    return {name: number for number, page in enumerate(document.pages)
            for name in page.anchors if name.startswith(MENTION_PREFIX)}


def _index_start(document: Any) -> int:
    """Index of the index's first page (print.xsl: the section "index")."""
    return next(number for number, page in enumerate(document.pages) if INDEX_ID in page.anchors)


def _index_heads(document: Any, start: int) -> dict[str, int]:
    """The first page of the index and of each of its registers, counted from ``start``:
    what the contents point to."""
    heads: dict[str, int] = {}
    for number, page in enumerate(document.pages[start:]):
        for name in page.anchors:
            if name == INDEX_ID or (name.startswith(f"{INDEX_ID}.")
                                    and not name.startswith(f"{INDEX_ID}.entry.")):
                heads.setdefault(name, number)
    return heads


def _one_locator_per_page(pages: dict[str, int]) -> list[str]:
    """One anchor per (record, page): the first by name, so the choice is stable."""
    kept: dict[tuple[str, int], str] = {}
    for name in sorted(pages):
        record = name.split(".")[2]
        kept.setdefault((record, pages[name]), name)
    return sorted(kept.values())


def _write(document: Any, sources: list[Path], target: Path) -> None:
    from weasyprint import Attachment

    metadata = document.metadata
    when = _timestamp(metadata.modified)
    if metadata.created is None:
        metadata.created = metadata.modified = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    languages = metadata.custom.get("dc.language", "").split()
    attachments = [Attachment(filename=str(s), name=s.name, relationship="Source",
                              description=f"TEI P5 source of this PDF ({s.name})",
                              created=when, modified=when)
                   for s in sources]
    partial = target.with_name(f".{target.name}.partial")
    document.write_pdf(partial, pdf_variant=PDF_VARIANT, pdf_tags=True, attachments=attachments,
                       finisher=lambda _document, pdf: _add_xmp_languages(pdf, languages))
    os.replace(partial, target)


def _timestamp(w3c: str | None) -> dt.datetime:
    """The TEI's date as a datetime; else SOURCE_DATE_EPOCH; else the epoch."""
    if w3c:
        try:
            return dt.datetime.fromisoformat(w3c.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            pass
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)


def _add_xmp_languages(pdf: Any, languages: list[str]) -> None:
    """Add dc:language to the XMP packet, inside its one rdf:RDF: WeasyPrint writes only
    the catalog's /Lang, and its xmp_metadata option would add a second rdf:RDF."""
    if not languages:
        return
    reference = int(pdf.catalog["Metadata"].split()[0])
    stream = pdf.objects[reference]
    items = "".join(f"<rdf:li>{lang}</rdf:li>" for lang in languages)
    description = (
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="">'
        f"<dc:language><rdf:Bag>{items}</rdf:Bag></dc:language></rdf:Description>"
    ).encode()
    packet = b"".join(stream.stream)
    if b"</rdf:RDF>" not in packet:
        raise EditionError(Problem(None, None, "WeasyPrint wrote no XMP rdf:RDF",
                                   "check the WeasyPrint version (pyproject.toml)"))
    stream.stream = [packet.replace(b"</rdf:RDF>", description + b"</rdf:RDF>", 1)]


@contextmanager
def _weasyprint_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings (bad CSS, missing glyphs) instead of losing them."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.pdf",
                                     description="Render the PDF edition from tei/ into build/pdf/.")
    parser.add_argument("documents", nargs="*", metavar="DOCUMENT",
                        help="document ids (default: all, and the volume)")
    parser.add_argument("--root", type=Path, help="project folder (default: found from the cwd)")
    parser.add_argument("--out", type=Path, help="output folder (default: build/pdf)")
    args = parser.parse_args(argv)
    project = Project.locate(args.root)
    try:
        render_pdfs(project, args.out, documents=args.documents or None)
    except EditionError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
