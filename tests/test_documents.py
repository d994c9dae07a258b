"""The document model the exports read: in memory, or from a spool file (DocumentIndex),
the same documents in the same reading order, and the same exports from either."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import generated_project
from edition.documents import Document, DocumentIndex, load_documents, load_registers, reading_order
from edition.encode import encode_documents
from edition.exports.cmif import cmif
from edition.exports.dts import Streamed, dts_collections
from edition.exports.entities import entities
from edition.exports.urls import Urls
from edition.metadata import load_edition
from edition.paths import Project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Twenty-four generated documents, replies among them, encoded."""
    project = generated_project(tmp_path_factory.mktemp("documents") / "project", 24)
    encode_documents(project, validate=False)
    return project


def test_the_spooled_documents_are_the_documents_in_memory(project: Project, tmp_path: Path) -> None:
    in_memory = load_documents(project)
    spooled = load_documents(project, tmp_path / "spool")
    assert isinstance(spooled, DocumentIndex) and len(spooled) == len(in_memory) == 24
    assert spooled.ids() == [d.id for d in in_memory] == [d.id for d in spooled]
    for i, doc in enumerate(in_memory):
        light = spooled[i]
        assert (light.titles, light.actions, light.mentions, light.unit_mentions, light.prev) == (
            doc.titles, doc.actions, doc.mentions, doc.unit_mentions, doc.prev)
        assert all(not division.units for division in light.divisions)
        assert [u.text for u in light.units()] == [u.text for u in doc.units()]


def test_the_exports_from_the_spool_are_the_exports_from_memory(project: Project, tmp_path: Path) -> None:
    edition = load_edition(project.edition_file)
    urls = Urls(edition.base_url)
    in_memory = load_documents(project)
    spooled = load_documents(project, tmp_path / "spool")
    records = load_registers(project, in_memory)
    assert entities(spooled, urls, records) == entities(in_memory, urls, records)
    assert cmif(spooled, edition, urls, records) == cmif(in_memory, edition, urls, records)

    def collections(docs: Sequence[Document]) -> list[str]:
        """Each file dts_collections gives, as text (a streamed one with all its items)."""
        out = []
        for rel, content in dts_collections(docs, edition, urls):
            body = [content.head, list(content.items())] if isinstance(content, Streamed) else content
            out.append(rel + json.dumps(body, sort_keys=True))
        return out

    assert collections(spooled) == collections(in_memory)


def test_reading_order_is_by_date_a_reply_after_what_it_answers_undated_last() -> None:
    docs = [("c-undated", None, []), ("b-reply", "1951-07-03", ["a-first"]),
            ("a-first", "1951-07-03", []), ("0-earlier", "1951-07-01", [])]
    assert [docs[i][0] for i in reading_order(docs)] == ["0-earlier", "a-first", "b-reply", "c-undated"]
    # The reply keeps its place after what it answers even when its id sorts first.
    docs = [("a-reply", "1951-07-03", ["z-first"]), ("z-first", "1951-07-03", [])]
    assert [docs[i][0] for i in reading_order(docs)] == ["z-first", "a-reply"]


def test_the_site_lists_the_documents_in_the_exports_reading_order(project: Project, tmp_path: Path) -> None:
    """The home page and the about page (made from the summaries, read back from their
    spool file) and the exports (the document index) agree on the reading order."""
    from edition.html import render_site
    from lxml import html as lxml_html

    site = render_site(project, tmp_path / "site", jobs=1)
    order = [d.id for d in load_documents(project)]
    home = lxml_html.parse(str(site / "index.html")).getroot()
    listed = [a.get("href").removeprefix("documents/").removesuffix(".html")
              for a in home.iterfind(".//h3/a")]
    assert listed == order
    about = lxml_html.parse(str(site / "about.html")).getroot()
    tei_links = [a.get("href").removeprefix("tei/").removesuffix(".xml")
                 for a in about.iter("a") if a.get("type") == "application/tei+xml"]
    assert tei_links == order
