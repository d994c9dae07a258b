"""The facsimile of a document: its page images as TEI ``facsimile`` (docs/facsimile.md).

One ``surface`` per page image of ``witness/pages/``, in order, with its ``graphic`` (the
page's whole image as the site publishes it, by a URL relative to the TEI file there:
``../iiif/<id>/<n>-<digest>/full/max/0/default.jpg``) and a ``zone`` for each unit the
editor placed on a rectangle of it. The text points at it only where the editor said so:

- ``pb | N`` in a transcription: ``<pb n="N" facs="#page.N"/>`` at the start of the next
  block; the units from there on are on page N (``@facs="#page.N"``);
- ``page=N`` on a unit's line: that unit is on page N;
- ``zone=N:ulx,uly,lrx,lry``: that unit is that rectangle of page N
  (``@facs="#page.N.<unit id>"``).

A division without such marks gets no ``@facs``: which page a unit is on is not guessed.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ..errors import EditionError, Problem
from ..facsimile.pages import PAGES_DIR, Page
from ..markup import Block
from .state import BuildState, _Division
from .xml import E

# The whole page as published, relative to the TEI file in the site's tei/ folder.
IMAGE_PATH = "../iiif/{doc}/{name}/full/max/0/default.jpg"


def surface_id(n: int) -> str:
    return f"page.{n}"


class FacsimileBuilder(BuildState):
    """Adds the facsimile and the text's pointers into it (``pages``: the witness's page
    images; none, and nothing of this is written)."""

    pages: Sequence[Page] = ()

    def _facsimile_state(self) -> dict[str, object]:
        state = self.__dict__.setdefault("_facs", {"page": {}, "zones": {}})
        return state  # type: ignore[no-any-return]

    def _page(self, n: int, block: Block, division: _Division, what: str) -> int:
        line = block.page_break_line if what == "'pb'" else block.line
        if not self.pages:
            raise EditionError(Problem(division.transcription.path, line,
                                       f"{what} names page {n}, but the document has no page images",
                                       f"put the scans in {PAGES_DIR.as_posix()}/ of the document "
                                       "folder, or remove the mark"))
        if n > len(self.pages):
            raise EditionError(Problem(division.transcription.path, line,
                                       f"{what} names page {n}, but {PAGES_DIR.as_posix()}/ has "
                                       f"{len(self.pages)} page image(s)",
                                       "count the page images in file-name order, from 1"))
        return n

    def _mark_page(self, el: etree._Element, block: Block, division: _Division,
                   unit_id: str | None) -> etree._Element:
        """Point a unit at its page or zone, and begin a page in it where ``pb`` says so."""
        state = self._facsimile_state()
        current: dict[str, int] = state["page"]  # type: ignore[assignment]
        if block.page_break is not None:
            n = self._page(block.page_break, block, division, "'pb'")
            current[division.lang] = n
            pb = E("pb", n=str(n), facs=f"#{surface_id(n)}")
            pb.tail, el.text = el.text, None
            el.insert(0, pb)
        if unit_id is None:
            return el
        if block.page is not None:
            n = self._page(block.page, block, division, "'page=' or 'zone='")
            if block.zone is not None:
                page = self.pages[n - 1]
                ulx, uly, lrx, lry = block.zone
                if lrx > page.width or lry > page.height:
                    raise EditionError(Problem(
                        division.transcription.path, block.line,
                        f"the zone reaches beyond page {n} ({page.width} x {page.height} pixels)",
                        "measure the rectangle in pixels of the page image, from its top left"))
                zone_id = f"{surface_id(n)}.{unit_id}"
                state["zones"].setdefault(n, []).append(  # type: ignore[union-attr]
                    E("zone", id=zone_id, ulx=str(ulx), uly=str(uly), lrx=str(lrx), lry=str(lry)))
                el.set("facs", f"#{zone_id}")
            else:
                el.set("facs", f"#{surface_id(n)}")
        elif division.lang in current:
            el.set("facs", f"#{surface_id(current[division.lang])}")
        return el

    def _page_break_alone(self, block: Block, division: _Division) -> etree._Element | None:
        """The ``pb`` of a block that is no unit (an omission line): before it, in the division."""
        if block.page_break is None:
            return None
        n = self._page(block.page_break, block, division, "'pb'")
        self._facsimile_state()["page"][division.lang] = n  # type: ignore[index]
        return E("pb", n=str(n), facs=f"#{surface_id(n)}")

    def _facsimile(self) -> etree._Element | None:
        if not self.pages:
            return None
        zones: dict[int, list[etree._Element]] = self._facsimile_state()["zones"]  # type: ignore[assignment]
        surfaces = []
        for page in self.pages:
            url = IMAGE_PATH.format(doc=self.doc.id, name=page.name)
            surfaces.append(E(
                "surface",
                E("graphic", url=url, width=f"{page.width}px", height=f"{page.height}px",
                  mimeType="image/jpeg"),
                *zones.get(page.n, []),
                id=surface_id(page.n), n=str(page.n), ulx="0", uly="0", lrx=str(page.width),
                lry=str(page.height)))
        return E("facsimile", *surfaces)
