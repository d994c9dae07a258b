"""Build one TEI P5 document from a document's sources (docs/tei-conventions.md).

Input: the document's metadata, its annotated transcriptions (one per language), the
registry, the edition settings and the other documents' metadata (for the
correspondence chain). Output: an lxml tree; :func:`serialize` gives the bytes.
Everything is ordered by the sources or sorted, so the same input gives the same bytes.

One module per part of the file: ``text`` (divisions and units), ``header``
(teiHeader), ``citation`` (its refsDecl: the citation tree), ``standoff`` (register
records), ``registers`` (tei/registers.xml),
``facsimile`` (page images and the text's pointers into them),
``xml`` (the element maker and the serialiser); ``state`` is what they share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lxml import etree

from ..facsimile.pages import Page
from ..markup import Transcription
from ..metadata import DocumentMeta, EditionMeta
from ..registry import Registry
from .header import HeaderBuilder
from .registers import build_registers
from .standoff import StandoffBuilder, record, record_lists
from .text import TextBuilder
from .xml import E, iter_names, serialize

__all__ = ["Builder", "E", "build_document", "build_registers", "iter_names", "record",
           "record_lists", "serialize"]


class Builder(TextBuilder, HeaderBuilder, StandoffBuilder):
    """One document's TEI: the text first (it collects what the header and standOff say)."""

    def build(self) -> etree._ElementTree:
        self._check_alignment()
        body = E("body", *(self._division(d) for d in self.divisions))
        self.body = body  # the header declares its citation tree (refsDecl)
        header = self._header()
        tei = E("TEI", header, self._standoff(), self._facsimile(), E("text", body))
        # standOff belongs between teiHeader and text
        return etree.ElementTree(tei)

    # --- alignment ------------------------------------------------------------------------


def build_document(doc: DocumentMeta, texts: dict[str, Transcription], registry: Registry,
                   edition: EditionMeta, corpus: Mapping[str, DocumentMeta],
                   pages: Sequence[Page] = ()) -> etree._ElementTree:
    """``pages``: the witness's page images (edition.facsimile.witness_pages), if any."""
    builder = Builder(doc, texts, registry, edition, corpus)
    builder.pages = pages
    return builder.build()


