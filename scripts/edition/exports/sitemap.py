"""The sitemap (sitemap.xml): every HTML page of the site."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from ..documents import Document
from ..fingerprint import files_under
from .files import xml_bytes
from .urls import Urls

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


# The site's folders that hold no pages: exports, the search index, PDFs.
NOT_PAGES = ("data", "search", "pdf")


def site_pages(site: Path) -> list[str]:
    """The HTML pages of a rendered site, as sorted paths relative to it. The folders of
    NOT_PAGES are not walked: the DTS files alone are 2 million at 10,000 documents, and
    listing them (Path.rglob, os.walk) held 640 MiB."""
    found: list[Path] = []
    for top in sorted(site.iterdir()):
        if top.name.startswith(".") or top.name in NOT_PAGES:
            continue
        found.extend(files_under(top, {".html"}) if top.is_dir() else [top] if top.suffix == ".html" else [])
    return sorted(p.relative_to(site).as_posix() for p in found)


def sitemap(site: Path, docs: Sequence[Document], urls: Urls) -> bytes:
    """Every HTML page of the site (as written by the time this runs), with its date: a
    document page the publication date of its TEI, the other pages the latest of those."""
    published = {d.id: d.published for d in docs if d.published}
    latest = max(published.values(), default="")
    pages = site_pages(site)
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for page in pages:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = urls.base + page
        is_document = page.startswith("documents/")
        date = published.get(page[len("documents/"):-len(".html")]) if is_document else latest
        if date:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = date
    return xml_bytes(root)
