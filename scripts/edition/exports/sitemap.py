"""The sitemap (sitemap.xml): every HTML page of the site."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..documents import Document
from .files import xml_bytes
from .urls import Urls

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(site: Path, docs: list[Document], urls: Urls) -> bytes:
    """Every HTML page of the site (as written by the time this runs), with its date: a
    document page the publication date of its TEI, the other pages the latest of those."""
    published = {d.id: d.published for d in docs if d.published}
    latest = max(published.values(), default="")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not any(part.startswith(".") for part in p.relative_to(site).parts)
                   and p.relative_to(site).parts[0] not in ("search", "data", "pdf"))
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for page in pages:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = urls.base + page
        is_document = page.startswith("documents/")
        date = published.get(page[len("documents/"):-len(".html")]) if is_document else latest
        if date:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = date
    return xml_bytes(root)
