"""The page images of a document's witness: ``source/documents/<id>/witness/pages/``.

An editor puts the scans there: image files (JPEG, PNG, TIFF), or a PDF of scans whose
pages are taken one image each. Their order is the order of the file names, numbers
compared as numbers (``page-2.jpg`` before ``page-10.jpg``); a PDF's pages follow in its
own order at its place. Page *n* of the document is the *n*-th image so found.

A page is known by the digest of its image bytes: the published folder of its tiles is
named with it (``1-3fa9c0d2e1b4``), so a changed scan changes the TEI that points at it,
and an unchanged one is never tiled again.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError, Problem

PAGES_DIR = Path("witness") / "pages"
IMAGE_SUFFIXES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                  ".tif": "image/tiff", ".tiff": "image/tiff"}
PDF_SUFFIX = ".pdf"
# The digest's first characters in the page's folder name: 48 bits, enough to tell two
# scans of one document apart.
DIGEST_CHARS = 12


@dataclass(frozen=True)
class Page:
    """One page image: its place in the document, where it comes from, what it is."""

    n: int                    # 1-based position in the document
    source: Path              # the image file, or the PDF it is taken from
    pdf_page: int | None      # 0-based page of that PDF, None for an image file
    width: int
    height: int
    digest: str               # sha256 of the image bytes

    @property
    def name(self) -> str:
        """The page's folder under iiif/<document>/ and the last step of its image id."""
        return f"{self.n}-{self.digest[:DIGEST_CHARS]}"

    def data(self) -> bytes:
        """The image bytes (a PDF page's embedded scan, as the PDF holds it)."""
        if self.pdf_page is None:
            return self.source.read_bytes()
        return _pdf_images(self.source)[self.pdf_page][1]


def _natural(name: str) -> list[tuple[int, int | str]]:
    return [(0, int(part)) if part.isdigit() else (1, part.casefold())
            for part in re.split(r"(\d+)", name) if part]


def page_files(folder: Path) -> list[Path]:
    """The files of a pages folder that are pages, in page order."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")]
    return sorted(files, key=lambda p: _natural(p.name))


def images_beside(record: Path) -> tuple[Path, ...]:
    """The page images an importer finds beside a record file ``<stem>.txt``: files named
    ``<stem>.<ext>`` or ``<stem>-<anything>.<ext>`` (ext: an image or a PDF), in page order,
    each checked to be readable (an EditionError names the file that is not)."""
    found = [p for p in page_files(record.parent)
             if p.suffix.lower() in (*IMAGE_SUFFIXES, PDF_SUFFIX)
             and (p.stem == record.stem or p.stem.startswith(record.stem + "-"))]
    for path in found:
        if path.suffix.lower() == PDF_SUFFIX:
            for index, (_name, data) in enumerate(_pdf_images(path)):
                image_size(data, path, index)
        else:
            image_size(path.read_bytes(), path)
    return tuple(found)


def witness_pages(document: Path) -> list[Page]:
    """The pages of the document whose source folder is ``document`` (none: [])."""
    folder = document / PAGES_DIR
    pages: list[Page] = []
    for path in page_files(folder):
        suffix = path.suffix.lower()
        if suffix in IMAGE_SUFFIXES:
            data = path.read_bytes()
            width, height = image_size(data, path)
            pages.append(Page(len(pages) + 1, path, None, width, height, _digest(data)))
        elif suffix == PDF_SUFFIX:
            for index, (_name, data) in enumerate(_pdf_images(path)):
                width, height = image_size(data, path, index)
                pages.append(Page(len(pages) + 1, path, index, width, height, _digest(data)))
        else:
            raise EditionError(Problem(
                path, None, f"{path.name}: not a page image (JPEG, PNG, TIFF) or a PDF of scans",
                f"keep only the page images in {PAGES_DIR.as_posix()}/ (move other files elsewhere)"))
    return pages


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def image_size(data: bytes, path: Path, pdf_page: int | None = None) -> tuple[int, int]:
    """Width and height in pixels, read from the image's header (libvips opens lazily)."""
    import pyvips

    where = f" (page {pdf_page + 1} of the PDF)" if pdf_page is not None else ""
    try:
        image = pyvips.Image.new_from_buffer(data, "")
        return int(image.width), int(image.height)
    except pyvips.Error as err:
        raise EditionError(Problem(path, None, f"{path.name}{where}: the image cannot be read "
                                   f"({str(err).strip().splitlines()[0] if str(err).strip() else err})",
                                   "export the scan again as JPEG, PNG or TIFF")) from None


def _pdf_images(path: Path) -> list[tuple[str, bytes]]:
    """Each page's one scanned image, as (name, bytes). A page that is not a single image
    (typeset text, several images) is refused: its picture would be a rendering of ours,
    not the scan."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        pages = list(reader.pages)
    except (PdfReadError, ValueError, OSError) as err:
        raise EditionError(Problem(path, None, f"{path.name}: the PDF cannot be read ({err})",
                                   "save the scans again as a PDF, or as one image file per page")) from None
    if not pages:
        raise EditionError(Problem(path, None, f"{path.name}: the PDF has no pages",
                                   "remove it, or export the scans again"))
    found = []
    for index, page in enumerate(pages):
        images = list(page.images)
        if len(images) != 1:
            raise EditionError(Problem(
                path, None, f"{path.name}, page {index + 1}: {len(images)} images on the page; "
                "a page of scans holds exactly one",
                "export each page of the scan as an image file (JPEG, PNG or TIFF) into "
                f"{PAGES_DIR.as_posix()}/ instead of the PDF"))
        image = images[0]
        data = image.data
        if image.name.lower().endswith((".jp2", ".jbig2")) or not data:
            # Formats libvips may lack: re-encode losslessly through Pillow.
            buffer = io.BytesIO()
            image.image.save(buffer, format="PNG")
            data = buffer.getvalue()
        found.append((image.name, data))
    return found
