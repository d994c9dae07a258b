"""TEI elements in lxml: the maker ``E``, the edition's fixed ids, and the serialiser that
indents structure but never the text (so the same tree always gives the same bytes)."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"

RESP_WITNESS = "resp-witness"
RESP_EDITION = "resp-edition"
# Draft register records (proposed by `edition import`, not confirmed by an editor): the
# identification is the toolkit's, and uncertain (att.global.responsibility: cert + resp).
RESP_AUTO_NAMES = "resp-auto-names"
AUTO_NAMES_RESP = ("Identification of names proposed automatically by edition import and not "
                   "yet confirmed by an editor (records and mentions marked cert=\"low\")")
AUTO_NAMES_AGENT = "edition toolkit"
ALIGN_UNALIGNED = "align-unaligned"
ALIGN_LOST = "align-lost"
ALIGN_INTERPS = {
    "unaligned": (ALIGN_UNALIGNED, "The unit has no counterpart in the text of the other "
                  "language: that text never had it (for example an archival heading that "
                  "only the translation's copy reproduces)."),
    "lost": (ALIGN_LOST, "The unit's counterpart is missing from the witness of the other "
             "language: the copy used is incomplete there."),
}
LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "zh": "Chinese", "ko": "Korean",
                  "de": "German", "fr": "French", "ja": "Japanese", "pl": "Polish"}
LIST_ELEMENTS = {"person": "listPerson", "place": "listPlace", "org": "listOrg",
                 "event": "listEvent"}
RECORD_ELEMENTS = {"person": "person", "place": "place", "org": "org", "event": "event"}
NAME_IN_RECORD = {"person": "persName", "place": "placeName", "org": "orgName"}



def auto_names_resp() -> etree._Element:
    """The responsibility statement that draft identifications point to with resp."""
    return E("respStmt", E("resp", AUTO_NAMES_RESP), E("name", AUTO_NAMES_AGENT, type_="software"),
             id=RESP_AUTO_NAMES)


def draft_attrs(drafted: bool) -> dict[str, str | None]:
    """cert and resp of an element that names or records a draft register record."""
    return {"cert": "low", "resp": f"#{RESP_AUTO_NAMES}"} if drafted else {}


def E(tag: str, *children: object, **attrs: str | None) -> etree._Element:
    """Make a TEI element; keyword ``lang``/``id`` become xml:lang/xml:id, None drops."""
    el = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS} if tag == "TEI" else None)
    for key, value in attrs.items():
        if value is None:
            continue
        name = {"lang": XML_LANG, "id": XML_ID}.get(key, key.rstrip("_"))
        el.set(name, value)
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            append_text(el, child)
        else:
            el.append(child)  # type: ignore[arg-type]
    return el


def append_text(el: etree._Element, text: str) -> None:
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + text
    else:
        el.text = (el.text or "") + text


# Elements whose content is text: indentation inside them would add characters to the
# text, so the indenter leaves them exactly as built.
TEXT_ELEMENTS = {"p", "head", "seg", "salute", "dateline", "signed", "note", "quote", "title",
                 "resp", "name", "persName", "placeName", "orgName", "geogName", "label",
                 "term", "licence", "change", "interp", "date", "publisher", "msName", "idno",
                 "repository", "geo"}


def _indent(el: etree._Element, level: int = 0) -> None:
    if etree.QName(el).localname in TEXT_ELEMENTS or not len(el):
        return
    if el.text and el.text.strip():
        return  # mixed content: leave it alone
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


def serialize(tree: etree._ElementTree) -> bytes:
    root = tree.getroot()
    _indent(root)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + etree.tostring(tree, encoding="UTF-8", xml_declaration=False) + b"\n")


def iter_names(tree: etree._ElementTree) -> Iterable[etree._Element]:
    return tree.iter(*(f"{{{TEI_NS}}}{t}" for t in ("persName", "placeName", "orgName",
                                                     "geogName", "name")))
