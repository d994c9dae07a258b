"""One page image -> a static IIIF Image API 3.0 level-0 image service.

Level 0 means a client asks only for what the service lists, so a folder of files on any
static host serves it: ``info.json``, the tiles ``x,y,w,h/w,h/0/default.jpg`` at each
scale factor, a small ``full/w,h/0/default.jpg`` (listed under ``sizes``, for thumbnails)
and the whole page, ``full/max/0/default.jpg`` (what TEI ``graphic`` and the manifest's
painting annotation point at).

The tiler is libvips (PyPI ``pyvips`` with its ``pyvips-binary`` wheel): measured on one
A4 scan at 300 dpi (2480 x 3508), 0.25 s against 5.8 s for the ``iiif`` package's static
tiler, which also needs Flask and libmagic (docs/facsimile.md has the figures).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ..fingerprint import Store, hash_bytes
from .pages import Page

TILE_SIZE = 512
JPEG = ".jpg[Q=85,strip]"
CONTEXT = "http://iiif.io/api/image/3/context.json"
MAX = Path("full") / "max" / "0" / "default.jpg"
STORE_KIND = "iiif-tiles"
# What the tiles are made with, besides the image: a change here re-tiles every page.
SETTINGS = f"vips-dzsave-iiif3 tile={TILE_SIZE} suffix={JPEG} max=source-jpeg-or-Q90"


def tiles_key(page: Page) -> str:
    import pyvips

    return hash_bytes(SETTINGS, str(pyvips.version(0)), str(pyvips.version(1)), page.digest)


def info(image_id: str, width: int, height: int, sizes: list[tuple[int, int]],
         scale_factors: list[int]) -> dict[str, object]:
    """The image information document (info.json) of a level-0 service."""
    return {
        "@context": CONTEXT,
        "id": image_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": width,
        "height": height,
        "sizes": [{"width": w, "height": h} for w, h in sizes],
        "tiles": [{"width": TILE_SIZE, "height": TILE_SIZE, "scaleFactors": scale_factors}],
    }


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and p.name != "info.json")


def tile(page: Page, target: Path, image_id: str, *, previous: Path | None = None,
         store: Store | None = None) -> bool:
    """Write the page's image service into ``target`` (a new folder). Reuse the tiles of
    ``previous`` (the same page's folder in the last published site) when the store holds
    the tiles key of this page and every file it lists is there; else tile the image.
    ``info.json`` is written afresh either way (it carries the site's address).
    Returns True when the tiles were reused."""
    key = tiles_key(page)
    recorded = store.get(STORE_KIND, key) if store is not None else None
    reused = False
    if recorded is not None and previous is not None and previous.is_dir():
        files = json.loads(recorded)
        if all((previous / name).is_file() for name in files["files"]):
            for name in files["files"]:
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                os.link(previous / name, target / name)
            meta = files["info"]
            reused = True
    if not reused:
        meta = _make(page, target)
        if store is not None:
            store.put(STORE_KIND, key, json.dumps({"files": _listing(target), "info": meta},
                                                  sort_keys=True).encode())
    document = info(image_id, page.width, page.height, [tuple(s) for s in meta["sizes"]],
                    meta["scaleFactors"])
    (target / "info.json").write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return reused


def _make(page: Page, target: Path) -> dict[str, list]:
    """Tile with libvips into ``target``; return the sizes and scale factors written."""
    import pyvips

    data = page.data()
    image = pyvips.Image.new_from_buffer(data, "")
    if (image.width, image.height) != (page.width, page.height):  # pragma: no cover - same bytes
        raise RuntimeError(f"{page.source}: size changed while reading")
    staging = target.parent / f".{target.name}.vips"
    if staging.exists():
        shutil.rmtree(staging)
    # dzsave writes <name>/... for layout iiif3 with the last path step as the folder.
    image.dzsave(str(staging), layout="iiif3", tile_size=TILE_SIZE, overlap=0, suffix=JPEG,
                 id="unused")
    made = json.loads((staging / "info.json").read_text(encoding="utf-8"))
    (staging / "info.json").unlink()
    scale_factors = sorted(int(f) for t in made["tiles"] for f in t["scaleFactors"])
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        _merge(staging, target)
    else:
        os.replace(staging, target)
    # The smallest level is written whole as full/w,h/: a size a client may ask for.
    sizes = sorted((int(p.name.split(",")[0]), int(p.name.split(",")[1]))
                   for p in (target / "full").iterdir() if "," in p.name)
    whole = target / MAX
    whole.parent.mkdir(parents=True, exist_ok=True)
    if data[:3] == b"\xff\xd8\xff":
        whole.write_bytes(data)  # a JPEG scan is published as it is: no second compression
    else:
        image.jpegsave(str(whole), Q=90, strip=True)
    return {"sizes": [list(s) for s in sizes], "scaleFactors": scale_factors}



def _merge(staging: Path, target: Path) -> None:
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            dest = target / path.relative_to(staging)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)
    shutil.rmtree(staging)
