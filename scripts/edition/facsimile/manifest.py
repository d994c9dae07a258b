"""A document's IIIF Presentation 3.0 manifest, from its TEI.

One canvas per TEI ``surface``, in order, each painted by the page's whole image with the
page's level-0 image service; the manifest is labelled with the document's titles,
describes it with its date, correspondents and witness, says what the rights are, and
points (``seeAlso``) at the TEI and (``homepage``) at the document's page. Ids are
absolute URLs under the edition's ``base_url``, as the Presentation API requires.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CONTEXT = "http://iiif.io/api/presentation/3/context.json"
# The Presentation API's rights must be one of these; any other licence goes into the
# required statement as text.
RIGHTS_PREFIXES = ("http://creativecommons.org/", "https://creativecommons.org/",
                   "http://rightsstatements.org/", "https://rightsstatements.org/")


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _values(tei: etree._Element, path: str) -> list[str]:
    return [v for v in (_text(e) for e in tei.xpath(path, namespaces=NS)) if v]


def _lang_map(elements: list[etree._Element], fallback: str = "en") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for el in elements:
        text = _text(el)
        if text:
            out.setdefault(el.get(XML_LANG) or fallback, []).append(text)
    return out


def surfaces(tei: etree._Element) -> list[dict[str, Any]]:
    """The pages the TEI declares: id, n, size, and the image's folder name (the url's
    step after iiif/<document>/)."""
    pages = []
    for surface in tei.xpath("t:facsimile/t:surface", namespaces=NS):
        graphic = surface.find("t:graphic", NS)
        url = graphic.get("url", "") if graphic is not None else ""
        parts = url.split("/")
        at = parts.index("iiif") if "iiif" in parts else -1
        name = parts[at + 2] if 0 <= at < len(parts) - 2 else ""
        pages.append({"id": surface.get(XML_ID), "n": surface.get("n"), "name": name,
                      "width": int(surface.get("lrx", "0")), "height": int(surface.get("lry", "0")),
                      "label": _text(surface.find("t:label", NS)) or f"Page {surface.get('n')}"})
    return pages


def manifest(tei: etree._Element, doc_id: str, base_url: str) -> dict[str, Any]:
    """The manifest of one document whose TEI has a facsimile (``base_url`` ends in /)."""
    root = f"{base_url}iiif/{doc_id}/"
    titles = _lang_map(tei.xpath("t:teiHeader/t:fileDesc/t:titleStmt/t:title[@type='main']",
                                 namespaces=NS))
    metadata = []

    def field(label: str, values: list[str]) -> None:
        if values:
            metadata.append({"label": {"en": [label]}, "value": {"none": values}})

    header = "t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction"
    field("Date", [d.get("when") for d in tei.xpath(f"{header}[@type='sent']/t:date[@when]",
                                                     namespaces=NS)])
    field("From", _values(tei, f"{header}[@type='sent']/*[self::t:persName or self::t:orgName]"))
    field("To", _values(tei, f"{header}[@type='received']/*[self::t:persName or self::t:orgName]"))
    witness = "t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl[@type='witness']"
    field("Witness", _values(tei, f"{witness}/t:title"))
    field("Witness published by", _values(tei, f"{witness}/t:publisher"))
    field("Archival reference", _values(tei, "t:teiHeader/t:fileDesc/t:sourceDesc/t:msDesc/"
                                             "t:msIdentifier/t:idno"))
    field("Edition", _values(tei, "t:teiHeader/t:fileDesc/t:seriesStmt/t:title"))
    availability = tei.find("t:teiHeader/t:fileDesc/t:publicationStmt/t:availability", NS)
    licence = availability.find("t:licence", NS) if availability is not None else None
    statement = [_text(e) for e in (availability if availability is not None else [])
                 if _text(e)]

    canvases = []
    for index, page in enumerate(surfaces(tei), start=1):
        canvas_id = f"{root}canvas/{index}"
        service_id = f"{root}{page['name']}"
        canvases.append({
            "id": canvas_id,
            "type": "Canvas",
            "label": {"en": [page["label"]]},
            "width": page["width"],
            "height": page["height"],
            "items": [{
                "id": f"{canvas_id}/page",
                "type": "AnnotationPage",
                "items": [{
                    "id": f"{canvas_id}/page/image",
                    "type": "Annotation",
                    "motivation": "painting",
                    "target": canvas_id,
                    "body": {
                        "id": f"{service_id}/full/max/0/default.jpg",
                        "type": "Image",
                        "format": "image/jpeg",
                        "width": page["width"],
                        "height": page["height"],
                        "service": [{"id": service_id, "type": "ImageService3", "profile": "level0"}],
                    },
                }],
            }],
        })
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{root}manifest.json",
        "type": "Manifest",
        "label": titles or {"none": [doc_id]},
        "metadata": metadata,
        "summary": {"en": ["Page images of the witness of this document, with the edition's "
                           "transcription in TEI (see also)."]},
    }
    target = licence.get("target", "") if licence is not None else ""
    if target.startswith(RIGHTS_PREFIXES):
        result["rights"] = target.replace("https://", "http://", 1)
    if statement:
        result["requiredStatement"] = {"label": {"en": ["Rights"]}, "value": {"en": statement}}
    result.update({
        "homepage": [{"id": f"{base_url}documents/{doc_id}.html", "type": "Text",
                      "label": titles or {"none": [doc_id]}, "format": "text/html"}],
        "seeAlso": [{"id": f"{base_url}tei/{doc_id}.xml", "type": "Dataset",
                     "label": {"en": ["TEI P5 encoding of the document"]},
                     "format": "application/tei+xml", "profile": "http://www.tei-c.org/ns/1.0"}],
        "items": canvases,
    })
    return result
