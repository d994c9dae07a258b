"""Page images made by the tests: SYNTHETIC scans (Pillow draws lines of text on a
paper-coloured page). They stand for an archive's scans in every facsimile test; no real
scan is used or shipped."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def page_image(n: int, size: tuple[int, int] = (1200, 1700), lines: int = 12) -> Image.Image:
    """A synthetic page: a heading naming it synthetic and its number, then text lines."""
    image = Image.new("RGB", size, (244, 238, 222))
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(FONT, max(12, size[0] // 30))
    except OSError:
        font = ImageFont.load_default()
    draw.text((size[0] // 12, size[1] // 14), f"SYNTHETIC TEST PAGE {n}", font=font, fill=(20, 20, 20))
    for i in range(lines):
        y = size[1] // 7 + i * size[1] // (lines + 4)
        draw.text((size[0] // 12, y), f"Line {i + 1} of page {n}: текст страницы", font=font,
                  fill=(40, 40, 40))
    draw.rectangle((4, 4, size[0] - 5, size[1] - 5), outline=(120, 100, 80), width=3)
    return image


def write_pages(folder: Path, count: int = 3, fmt: str = "JPEG", size: tuple[int, int] = (1200, 1700),
                stem: str = "page-") -> list[Path]:
    """``count`` synthetic pages as files page-1.jpg … in ``folder`` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = {"JPEG": ".jpg", "PNG": ".png", "TIFF": ".tif"}[fmt]
    paths = []
    for n in range(1, count + 1):
        path = folder / f"{stem}{n}{suffix}"
        page_image(n, size).save(path, format=fmt, **({"quality": 88} if fmt == "JPEG" else {}))
        paths.append(path)
    return paths


def write_pdf(path: Path, count: int = 2, size: tuple[int, int] = (900, 1270)) -> Path:
    """A PDF of ``count`` synthetic scans, one image a page (as a scanner writes it)."""
    images = [page_image(n, size) for n in range(1, count + 1)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def add_paged_document(project: object, pages: int = 3) -> str:
    """Give the document of ``project`` (an edition.paths.Project) with the most lines
    ``pages`` synthetic page images and the editor's marks: a page beginning before its
    first block and before the blocks at 1/3 and 2/3 of its original-language file, and a
    zone on the unit after the first of these on page 2. Returns the document's id."""
    documents = project.documents  # type: ignore[attr-defined]
    ids = project.document_ids()  # type: ignore[attr-defined]

    def blocks(doc_id: str) -> int:
        return sum(1 for line in (documents / doc_id / _original(documents / doc_id)).read_text(
            encoding="utf-8").split("\n") if line.strip() and not line.startswith("#"))

    doc_id = max(ids, key=lambda d: (blocks(d), d))
    folder = documents / doc_id
    write_pages(folder / "witness" / "pages", pages)
    path = folder / _original(folder)
    lines = path.read_text(encoding="utf-8").split("\n")
    block_lines = [i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    starts = [block_lines[0]] + [block_lines[len(block_lines) * k // pages] for k in range(1, pages)]
    zoned = next(i for i in block_lines if i > starts[1] and "@" in lines[i].split("|")[0]
                 and not lines[i].startswith((" ", "\t")))
    head, rest = lines[zoned].split("|", 1)
    lines[zoned] = f"{head.rstrip()} zone=2:50,100,1150,600 |{rest}"
    for n, index in reversed(list(enumerate(starts, start=1))):
        lines.insert(index, f"pb | {n}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return doc_id


def _original(folder: Path) -> str:
    import tomllib

    meta = tomllib.loads((folder / "metadata.toml").read_text(encoding="utf-8"))
    lang = meta.get("original") or meta["languages"][0]
    return f"{lang if lang in meta['languages'] else meta['languages'][0]}.txt"
