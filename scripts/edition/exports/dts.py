"""DTS 1.0 as static files (level 0): the entry point, collections, navigation responses
and passages under data/dts/, with URI templates whose every expansion is a file."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from .. import documents
from ..documents import TEI_NS, XML_ID, Document, T, local_refs, parse
from ..errors import EditionError, Problem
from ..fingerprint import Store, code_hash, hash_bytes
from ..metadata import EditionMeta
from ..progress import progress
from ..tei.citation import PASSAGE_UNIT, UNIT_NAMES, VERSION_UNIT
from . import files
from . import urls as urls_module
from .files import Written, write_bytes, write_json, write_json_stream, xml_bytes
from .urls import Urls

DTS_NS = "https://w3id.org/api/dts#"
DTS_CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_VERSION = "1.0"
DTS_ROOT = "edition"  # the id of the root collection
# What a document's own DTS files are made with besides its TEI and the base URL: the
# key under which write_dts reuses them from the previous build.
DTS_CODE = (Path(__file__), Path(documents.__file__), Path(files.__file__), Path(urls_module.__file__))


@dataclass(frozen=True)
class DtsPaths:
    """The static layout of the DTS API and its URI templates (RFC 6570). Optional
    parameters become path segments (`{;nav}` expands to ";nav=parents" or nothing), so
    that every valid call is a file."""

    urls: Urls

    @property
    def entry(self) -> str:
        return self.urls.data("dts/entry.jsonld")

    @property
    def collection_template(self) -> str:
        return self.urls.data("dts/collection{/id}{;nav}.jsonld")

    @property
    def navigation_template(self) -> str:
        return self.urls.data("dts/navigation/{resource}{;ref,down}.jsonld")

    @property
    def document_template(self) -> str:
        return self.urls.data("dts/document/{resource}{;ref}.xml")

    @staticmethod
    def collection_file(coll_id: str | None, nav: str | None = None) -> str:
        name = "collection" + (f"/{coll_id}" if coll_id else "")
        return name + (f";nav={nav}" if nav else "") + ".jsonld"

    @staticmethod
    def navigation_file(resource: str, ref: str | None = None, down: int | None = None) -> str:
        name = f"navigation/{resource}"
        if ref is not None:
            name += f";ref={ref}"
        if down is not None:
            name += f";down={down}"
        return name + ".jsonld"

    @staticmethod
    def document_file(resource: str, ref: str | None = None) -> str:
        return f"document/{resource}" + (f";ref={ref}" if ref else "") + ".xml"


@dataclass(eq=False)
class CitableNode:
    identifier: str
    level: int
    parent: str | None
    cite_type: str
    url: str
    lang: str
    relation: list[str]
    children: list[CitableNode] = field(default_factory=list)
    kind: str = ""  # Dublin Core type: edition or translation; paragraph, heading, …
    # How a reader cites it (Dublin Core title): a passage by its row number, "¶ 12", the
    # same in every language and on the page, in the registers, search and the PDF.
    title: str = ""

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "identifier": self.identifier,
            "@type": "CitableUnit",
            "level": self.level,
            "parent": self.parent,
            "citeType": self.cite_type,
            "@id": self.url,
        }
        dublin: dict[str, Any] = {"language": self.lang}
        if self.title:
            dublin["title"] = self.title
        if self.kind:
            dublin["type"] = self.kind
        if self.relation:
            dublin["relation"] = self.relation
        out["dublinCore"] = dublin
        return out


def _citation_tree(doc: Document, urls: Urls) -> list[CitableNode]:
    """Level 1: the language versions (TEI division ids); level 2: their alignment units,
    whose identifiers are the edition's permalink anchors: the tree the TEI declares in
    its refsDecl (edition.tei.citation), with the same unit names. What kind of division
    (the original, a translation) or passage (paragraph, heading, …) each is, is its
    Dublin Core type, as the TEI's citeData gives it."""
    tops = []
    for division in doc.divisions:
        relation = [urls.unit(doc.id, c) for c in division.corresp]
        top = CitableNode(division.id, 1, None, VERSION_UNIT, urls.unit(doc.id, division.id),
                          division.lang, relation, kind=division.type)
        for unit in division.units:
            top.children.append(CitableNode(
                unit.id, 2, division.id, PASSAGE_UNIT, urls.unit(doc.id, unit.id),
                unit.lang, [urls.unit(doc.id, c) for c in unit.corresp],
                kind=UNIT_NAMES.get(unit.kind, unit.kind), title=f"¶ {unit.n}" if unit.n else ""))
        tops.append(top)
    return tops


def _cite_structure(doc: Document) -> list[dict[str, Any]]:
    """The citeStructure of the tree :func:`_citation_tree` makes: a version level, with a
    passage level below it when a version has units. From the divisions alone, so that it
    is the same from a document of the index (documents.DocumentIndex), without units."""
    structure: dict[str, list[str]] = {}
    for division in doc.divisions:
        kinds = structure.setdefault(VERSION_UNIT, [])
        if division.size and PASSAGE_UNIT not in kinds:
            kinds.append(PASSAGE_UNIT)
    return [{"@type": "CiteStructure", "citeType": kind,
             "citeStructure": [{"@type": "CiteStructure", "citeType": c} for c in children]}
            for kind, children in structure.items()]


def _walk(nodes: list[CitableNode]) -> Iterator[CitableNode]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _depth(nodes: list[CitableNode]) -> int:
    return max((n.level for n in _walk(nodes)), default=0)


def navigation_calls(tops: list[CitableNode]) -> Iterator[tuple[CitableNode | None, int | None,
                                                                 list[CitableNode] | None]]:
    """The Navigation calls the static API answers for one citation tree, as (ref, down,
    member), member None where the response has none: every call the URI template
    `{;ref,down}` allows with `down` within the tree the Resource declares (`maxCiteDepth`
    D), so that a client never meets a 404 for a call it may make (docs/exports.md,
    "Which navigation calls exist"):

    - without ref: `down` 1 … D and -1 (the levels from the top; the whole tree);
    - every unit: `ref` alone (the unit), `down=0` (the unit and its siblings), `down`
      1 … D and -1 (the unit and its descendants that many levels down; a unit without
      children has none, and the answer says so with an empty list of descendants).

    A `down` above D asks for levels the Resource says do not exist: it is not written
    (a static server answers 404, where a dynamic one would answer 400), and neither is
    `down=0` without `ref`, which DTS does not define."""
    nodes = list(_walk(tops))
    depth = max(_depth(tops), 1)
    parents: dict[str | None, list[CitableNode]] = {}
    for node in nodes:
        parents.setdefault(node.parent, []).append(node)
    for down in [*range(1, depth + 1), -1]:
        yield None, down, [n for n in nodes if down == -1 or n.level <= down]
    for node in nodes:
        yield node, None, None
        yield node, 0, parents[node.parent]
        subtree = list(_walk([node]))
        for down in [*range(1, depth + 1), -1]:
            yield node, down, [n for n in subtree if down == -1 or n.level <= node.level + down]


def _dublin_core_document(doc: Document, edition: EditionMeta) -> dict[str, Any]:
    dc: dict[str, Any] = {
        "title": [{"lang": lang, "value": title} for lang, title in doc.titles.items()],
        "language": list(doc.languages),
        "creator": [{"lang": "en", "value": a} for a in doc.authors],
        "publisher": [{"lang": "en", "value": edition.publisher}],
        "license": edition.licence_url,
    }
    if doc.date:
        dc["date"] = doc.date
    if doc.abstracts:
        dc["description"] = [{"lang": lang, "value": text} for lang, text in doc.abstracts.items()]
    if doc.keywords:
        dc["subject"] = [{"lang": "en", "value": k} for k in doc.keywords]
    return dc


def _dts_resource(doc: Document, edition: EditionMeta, urls: Urls, paths: DtsPaths,
                  full: bool = True) -> dict[str, Any]:
    """The Resource as the Collection endpoint gives it (`full`), or as every Navigation
    response must repeat it: then only the members the specification requires of a
    Resource there (as in its own examples), since that copy is in every navigation file
    and the rest is one collection call away."""
    tree: dict[str, Any] = {"@type": "CitationTree"}
    if full:
        tree["description"] = ("Language versions of the document (the original first), each "
                               "divided into alignment units: the passages the edition aligns "
                               "across languages and gives permalinks to.")
    tree["citeStructure"] = _cite_structure(doc)
    resource: dict[str, Any] = {"@id": doc.id, "@type": "Resource"}
    if full:
        resource.update({"title": doc.title("en"), "totalParents": 1, "totalChildren": 0})
    resource.update({
        "collection": urls.data(f"dts/collection/{doc.id}{{;nav}}.jsonld"),
        "navigation": urls.data(f"dts/navigation/{doc.id}{{;ref,down}}.jsonld"),
        "document": urls.data(f"dts/document/{doc.id}{{;ref}}.xml"),
        "citationTrees": [tree],
    })
    if full:
        resource["dtsVersion"] = DTS_VERSION
        if doc.abstracts.get("en"):
            resource["description"] = doc.abstracts["en"]
        resource["dublinCore"] = _dublin_core_document(doc, edition)
        resource["download"] = urls.tei(doc.id)
        resource["mediaTypes"] = ["application/tei+xml"]
    return resource


def _dts_root(docs: Sequence[Document], edition: EditionMeta, urls: Urls, paths: DtsPaths) -> dict[str, Any]:
    return {
        "@id": DTS_ROOT,
        "@type": "Collection",
        "dtsVersion": DTS_VERSION,
        "title": edition.title.get("en") or edition.short_title,
        "totalParents": 0,
        "totalChildren": len(docs),
        "collection": paths.collection_template,
        "dublinCore": {
            "title": [{"lang": lang, "value": t} for lang, t in edition.title.items()],
            "publisher": [{"lang": "en", "value": edition.publisher}],
            "license": edition.licence_url,
        },
    }


def _context(urls: Urls) -> dict[str, Any]:
    """The JSON-LD context of the collection and navigation responses: DTS's, with a base
    for the identifiers of collections and resources. DTS passes those identifiers into
    the URI templates, so they stay short names (an absolute IRI would become a file name
    full of escaped slashes); without a base, JSON-LD would resolve each against the URL
    of the response it is read from, and give one resource as many IRIs as there are
    responses naming it. (The entry point keeps the plain context: it names no resource,
    and the reference validator wants a string there.)"""
    return {"@context": [DTS_CONTEXT, {"@base": urls.data("dts/")}]}


@dataclass(frozen=True)
class Streamed:
    """A JSON file whose last member ``key`` is a list as long as the edition: written
    item by item (files.write_json_stream), never held whole."""

    head: dict[str, Any]
    key: str
    items: Callable[[], Iterator[Any]]


def dts_collections(docs: Sequence[Document], edition: EditionMeta,
                    urls: Urls) -> Iterator[tuple[str, bytes | dict[str, Any] | Streamed]]:
    """The files of the DTS API that list documents: the entry point and the collections."""
    for doc in docs:
        if doc.id == DTS_ROOT:
            raise EditionError(Problem(doc.path, None,
                                       f"a document id {DTS_ROOT!r} clashes with the DTS root collection",
                                       "rename the document folder in source/documents/"))
    paths = DtsPaths(urls)
    context = _context(urls)
    yield "entry.jsonld", {
        "@context": DTS_CONTEXT,
        "@id": paths.entry,
        "@type": "EntryPoint",
        "dtsVersion": DTS_VERSION,
        "collection": paths.collection_template,
        "navigation": paths.navigation_template,
        "document": paths.document_template,
    }
    root = _dts_root(docs, edition, urls, paths)

    def members() -> Iterator[dict[str, Any]]:
        return (_dts_resource(doc, edition, urls, paths) for doc in docs)

    for coll_id in (None, DTS_ROOT):
        yield paths.collection_file(coll_id), Streamed({**context, **root}, "member", members)
        yield paths.collection_file(coll_id, "parents"), {**context, **root, "member": []}
    root_summary = {k: v for k, v in root.items() if k != "dtsVersion"}
    for doc, member in zip(docs, members(), strict=True):
        yield paths.collection_file(doc.id), {**context, **member}
        yield paths.collection_file(doc.id, "parents"), {**context, **member, "member": [root_summary]}


def dts_document(doc: Document, edition: EditionMeta,
                 urls: Urls) -> Iterator[tuple[str, bytes | dict[str, Any]]]:
    """The files of the DTS API about one document alone: its navigation responses and
    its passages. They depend on its TEI file and the base URL only (render_exports
    reuses them from the previous build when neither changed)."""
    paths = DtsPaths(urls)
    context = _context(urls)
    doc = doc.full()
    tops = _citation_tree(doc, urls)
    resource = _dts_resource(doc, edition, urls, paths, full=False)
    for ref, down, units in navigation_calls(tops):
        name = paths.navigation_file(doc.id, ref.identifier if ref else None, down)
        nav: dict[str, Any] = {
            **context,
            "dtsVersion": DTS_VERSION,
            "@type": "Navigation",
            "@id": urls.data("dts/" + name),
            "resource": resource,
        }
        if ref is not None:
            nav["ref"] = ref.json()
        if units is not None:
            nav["member"] = [u.json() for u in units]
        yield name, nav

    data = doc.path.read_bytes()
    yield paths.document_file(doc.id), data
    tei = parse(doc.path, data)
    # One pass over the document, not a search of the whole tree for every unit.
    elements: dict[str, Any] = {}
    for el in tei.iter():
        if isinstance(el.tag, str) and el.get(XML_ID):
            elements.setdefault(el.get(XML_ID), el)
    for node in _walk(tops):
        yield paths.document_file(doc.id, node.identifier), _dts_fragment(tei, elements[node.identifier])


def _dts_fragment(root: Any, source: Any) -> bytes:
    """A passage as the DTS document endpoint returns it: TEI root, the passage in
    dts:wrapper, and beside it the standOff records and interpretations the passage
    points to, so that its names and alignment notes can be resolved."""
    ref = source.get(XML_ID)
    tei = etree.Element(T + "TEI", nsmap={None: TEI_NS, "dts": DTS_NS})
    wrapper = etree.SubElement(tei, f"{{{DTS_NS}}}wrapper")
    wrapper.set("ref", f"//*[@xml:id='{ref}']")
    # The passage is spliced in after indenting: indenting would add white space to its
    # mixed content, and white space there is text.
    etree.SubElement(wrapper, f"{{{DTS_NS}}}passage")
    pointed = {target for el in source.iter() if isinstance(el.tag, str)
               for attr in ("ref", "ana") for target in local_refs(el.get(attr))}
    stand_off = root.find(T + "standOff")
    if pointed and stand_off is not None:
        context = etree.SubElement(tei, T + "standOff")
        for group in stand_off:
            kept = [c for c in group if isinstance(c.tag, str) and c.get(XML_ID) in pointed]
            if kept:
                group_copy = etree.SubElement(context, group.tag, dict(group.attrib))
                group_copy.extend(copy.deepcopy(c) for c in kept)
    out = xml_bytes(tei)
    passage = copy.deepcopy(source)
    passage.tail = None
    text = etree.tostring(passage, encoding="unicode")
    # Serialised on its own the passage repeats the TEI namespace declaration that its new
    # TEI parent already makes.
    text = text.replace(f' xmlns="{TEI_NS}"', "", 1)
    return out.replace(b"<dts:passage/>", text.encode("utf-8"), 1)


def write_dts(docs: Sequence[Document], edition: EditionMeta, urls: Urls, folder: Path,
               previous: Path | None, store: Store | None) -> Written:
    """Write the DTS API into ``folder``. A document's own files (dts_document) are
    hard-linked from the previous build's when the store knows them under the same key,
    i.e. when its TEI file, the base URL and this module are unchanged: after one
    document changes, the others' 80-odd files each are not made again. Linking is safe
    because a build never writes a file twice, so no tree changes a file it shares."""
    def write(rel: str, content: bytes | dict[str, Any] | Streamed) -> Path:
        if isinstance(content, Streamed):
            return write_json_stream(folder / rel, content.head, content.key, content.items())
        if isinstance(content, dict):
            # Navigation responses are many and repeat the resource: compact JSON halves them.
            return write_json(folder / rel, content, compact=rel.startswith("navigation/"))
        return write_bytes(folder / rel, content)

    written = Written()
    written.add_all(write(rel, content) for rel, content in dts_collections(docs, edition, urls))
    code = code_hash(*DTS_CODE)
    earlier = previous / "data" / "dts" if previous is not None else None
    for doc in progress(docs, len(docs), "dts"):
        key = hash_bytes("dts", code, DTS_VERSION, urls.base, doc.path.read_bytes())
        names = store.get("dts-files", key) if store is not None and earlier is not None else None
        if names is not None and earlier is not None:
            linked = _link_all(earlier, folder, json.loads(names))
            if linked is not None:
                written.add_all(linked)
                continue
        made = [write(rel, content) for rel, content in dts_document(doc, edition, urls)]
        written.add_all(made)
        if store is not None:
            store.put("dts-files", key,
                      json.dumps([p.relative_to(folder).as_posix() for p in made]).encode("utf-8"))
    return written


def _link_all(source: Path, target: Path, names: list[str]) -> list[Path] | None:
    """Hard-link the named files from ``source`` into ``target``; None, with nothing left
    behind, when one of them is not there."""
    done: list[Path] = []
    try:
        for name in names:
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            os.link(source / name, path)
            done.append(path)
    except OSError:
        for path in done:
            path.unlink()
        return None
    return done
