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
