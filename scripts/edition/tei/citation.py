"""The citation tree a document declares in teiHeader/encodingDesc/refsDecl.

Two levels, as the DTS API of the site gives them (edition.exports.dts): the language
versions (each ``div`` with ``xml:lang``, cited by its xml:id, the language code), and in
each the alignment units (cited by their xml:id, which is the division's id, "-", and the
unit's key: ``ru-intro``). TEI's ``citeStructure`` composes a unit's reference from its
parent's, a delimiter and its own value, so the unit's value is its id after the
division's id and "-". A DTS server that reads ``citeStructure`` (dapytains, the DTS
reference implementation) so builds the same tree, with the same identifiers, as the
static API; tests/test_exports_clients.py compares them.

The XPaths use TEI's namespace as the default one, as the Guidelines' examples do.
"""

from __future__ import annotations

from lxml import etree

from .xml import E

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The units of the two levels; the kind of division (its @type: edition for the original,
# translation) and of passage each unit element is (what a reader would call it) are the
# unit's Dublin Core type. Shared with the DTS export,
# which must give the same names. The units are one citeStructure whatever their element:
# TEI composes references from the parent's, a delimiter and the unit's own value, and a
# processor that parses a reference cannot tell sibling citeStructures with the same
# delimiter apart (dapytains resolves every "ru-…" to the first of them).
VERSION_UNIT = "version"
PASSAGE_UNIT = "passage"
UNIT_NAMES = {"head": "heading", "seg": "line", "dateline": "dateline", "salute": "salutation",
              "p": "paragraph", "signed": "signature"}
DC_TYPE = "http://purl.org/dc/terms/type"
DIVISIONS = "/TEI/text/body/div[@xml:lang]"
PASSAGES = ".//*[" + " or ".join(f"self::{tag}" for tag in UNIT_NAMES) + "][@xml:id]"
# (XPath 3's "!" rather than "/": processors split a reference's XPath at its slashes.)
OWN_KEY = "substring-after(@xml:id, concat(ancestor::div[@xml:lang][1] ! @xml:id, '-'))"
# (XPath 2: inside the predicate the context item is the string, hence the variable.)
KIND = ("for $name in local-name() return (" + ", ".join(f"'{name}'" for name in UNIT_NAMES.values())
        + ")[index-of((" + ", ".join(f"'{tag}'" for tag in UNIT_NAMES) + "), $name)]")


def refs_decl(body: etree._Element) -> etree._Element | None:
    """The refsDecl of a document whose ``body`` has been built; None without divisions."""
    if not [d for d in body.iterfind(TEI + "div") if d.get(XML_LANG)]:
        return None
    passages = E("citeStructure", E("citeData", property=DC_TYPE, use=KIND),
                 unit=PASSAGE_UNIT, match=PASSAGES, use=OWN_KEY, delim="-")
    return E("refsDecl", E("citeStructure", E("citeData", property=DC_TYPE, use="@type"), passages,
                           unit=VERSION_UNIT, match=DIVISIONS, use="@xml:id"))
