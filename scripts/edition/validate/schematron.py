"""The edition's rules: the ISO Schematron of schema/edition.odd (the only place they are
written), extracted at run time, mapped from XPath 2 to what libxslt runs (XPath 1 +
EXSLT), and compiled once per process."""

from __future__ import annotations

import functools
import re
from copy import deepcopy
from pathlib import Path

from lxml import etree, isoschematron

from .. import xmlsafe
from ..paths import SCHEMA_DIR
from .confine import _DocumentResolver
from .findings import SCH_NS, TEI_NS, XSL_NS, ValidatorUnavailable

ODD_PATH = SCHEMA_DIR / "edition.odd"


# The rules are written in XPath 2 (schema/edition.odd says why); libxslt, which runs them
# here, has XPath 1 with EXSLT. Two functions map one to one; the expressions below have
# no XPath 1 form of the same shape and are replaced whole (exactly as written in the ODD;
# tests/test_validate_portable.py checks that each is still there).
XPATH1_FUNCTIONS = {"tokenize(": "str:tokenize(", "matches(": "re:test("}
XPATH1 = {
    # E-REF-RESOLVES: a file that does not exist (_DocumentResolver serves a marker).
    "$files[not(doc-available(resolve-uri(substring-before(concat(., '#'), '#'), base-uri($attr))))]":
        "$files[document(substring-before(concat(., '#'), '#'), $attr)/edition-missing-file]",
    # E-DATE-VALID: a real day of the calendar (date:seconds is NaN otherwise).
    ". castable as xs:dateTime or . castable as xs:date or . castable as xs:gYearMonth "
    "or . castable as xs:gYear":
        "date:seconds(string(.)) = date:seconds(string(.))",
    # E-REPLY-DATE: the other file's date; the shorter of two lengths.
    "if (doc-available(resolve-uri($file, base-uri(.)))) then string((document($file, .)/tei:TEI/"
    "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date/@when)[1]) "
    "else ''":
        "string(document($file, .)/tei:TEI/tei:teiHeader/tei:profileDesc/tei:correspDesc/"
        "tei:correspAction[@type = 'sent']/tei:date/@when)",
    "min((string-length($mine), string-length($other)))":
        "string-length($mine) * (string-length($mine) <= string-length($other)) "
        "+ string-length($other) * (string-length($mine) > string-length($other))",
    "min(($shorter, 19))": "$shorter * ($shorter <= 19) + 19 * ($shorter > 19)",
    # E-ID-PATTERN: a division's notes before this one (XPath 1 has no "<<"; EXSLT's
    # set:leading keeps those of a node-set, in document order, before a node of it).
    "key('division-note', generate-id($division))[. << current()]":
        "set:leading(key('division-note', generate-id($division)), current())",
    # E-RECORD-SOURCE: a source's text without its URLs.
    "replace(normalize-space(.), 'https?://[^ ]+', ' ')":
        "re:replace(normalize-space(.), 'https?://[^ ]+', 'g', ' ')",
}
EXSLT_NAMESPACES = {"str": "http://exslt.org/strings", "date": "http://exslt.org/dates-and-times",
                    "re": "http://exslt.org/regular-expressions", "set": "http://exslt.org/sets"}


def to_xpath1(expression: str) -> str:
    """An XPath 2 expression of the rules as libxslt (XPath 1 + EXSLT) runs it."""
    expression = " ".join(expression.split())
    for xpath2, xpath1 in XPATH1.items():
        expression = expression.replace(xpath2, xpath1)
    for xpath2, xpath1 in XPATH1_FUNCTIONS.items():
        expression = re.sub(r"(?<![\w:-])" + re.escape(xpath2), xpath1, expression)
    return expression


def portable_schematron(odd: Path = ODD_PATH) -> etree._ElementTree:
    """The ISO Schematron schema held in the ODD's constraintSpecs, as written there
    (queryBinding xslt2): what other Schematron processors run.

    Collects sch:ns, global sch:let and xsl:key declarations, sch:pattern and
    sch:diagnostic elements."""
    return schematron_from_odd(odd, binding="xslt2")


def schematron_from_odd(odd: Path = ODD_PATH, binding: str = "exslt") -> etree._ElementTree:
    """The ISO Schematron schema held in the ODD's constraintSpecs; with the default
    ``binding`` "exslt", its expressions rewritten for libxslt (:func:`to_xpath1`)."""
    odd_tree = xmlsafe.parse_file(odd)
    ns = {"tei": TEI_NS, "sch": SCH_NS, "xsl": XSL_NS}
    spec = odd_tree.find(".//tei:schemaSpec", ns)
    if spec is None:
        raise ValidatorUnavailable(f"{odd}: no schemaSpec")

    nsmap = {"sch": SCH_NS, "xsl": XSL_NS, **(EXSLT_NAMESPACES if binding == "exslt" else {})}
    schema = etree.Element(f"{{{SCH_NS}}}schema", nsmap=nsmap, queryBinding=binding)

    etree.SubElement(schema, f"{{{SCH_NS}}}title").text = f"Edition rules from {odd.name}"
    if binding == "exslt":
        for prefix, uri in EXSLT_NAMESPACES.items():
            etree.SubElement(schema, f"{{{SCH_NS}}}ns", prefix=prefix, uri=uri)
    constraints = spec.findall(".//tei:constraintSpec[@scheme='schematron']/tei:constraint", ns)
    prefixes: set[str] = set()
    for constraint in constraints:
        for decl in constraint.iterfind("sch:ns", ns):
            if decl.get("prefix") not in prefixes:
                prefixes.add(decl.get("prefix", ""))
                schema.append(_copy(decl))
    for constraint in constraints:
        for decl in constraint.iterfind("sch:let", ns):
            schema.append(_copy(decl))
    for constraint in constraints:
        for key in constraint.iterfind("xsl:key", ns):
            schema.append(_copy(key))
    for constraint in constraints:
        for pattern in constraint.iterfind("sch:pattern", ns):
            schema.append(_copy(pattern))
    diagnostics = etree.SubElement(schema, f"{{{SCH_NS}}}diagnostics")
    for constraint in constraints:
        for diagnostic in constraint.iterfind("sch:diagnostics/sch:diagnostic", ns):
            diagnostics.append(_copy(diagnostic))
    if not len(diagnostics):
        schema.remove(diagnostics)
    if binding == "exslt":
        # The ODD lists its elements for other processors; here the list is taken from the
        # module references themselves, so that an element added there is never refused.
        for let in schema.iterfind(f"{{{SCH_NS}}}let[@name='edition-elements']"):
            let.set("value", "' " + " ".join(sorted(edition_elements(odd))) + " '")
        for el in schema.iter(f"{{{SCH_NS}}}let", f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report",
                              f"{{{SCH_NS}}}rule", f"{{{SCH_NS}}}value-of", f"{{{XSL_NS}}}key"):
            for attr in ("value", "test", "context", "select", "use"):
                if el.get(attr):
                    el.set(attr, to_xpath1(el.get(attr)))
    return schema.getroottree()


def edition_elements(odd: Path = ODD_PATH) -> set[str]:
    """The element names the ODD's moduleRef/@include lists (and elementSpec mode="add")
    declare: what its $edition-elements must list."""
    spec = xmlsafe.parse_file(odd).find(f".//{{{TEI_NS}}}schemaSpec")
    if spec is None:
        raise ValidatorUnavailable(f"{odd}: no schemaSpec")
    elements: set[str] = set()
    for ref in spec.iterfind(f"{{{TEI_NS}}}moduleRef"):
        elements.update(ref.get("include", "").split())
    elements.update(e.get("ident", "") for e in spec.iterfind(f"{{{TEI_NS}}}elementSpec[@mode='add']"))
    elements.difference_update(
        e.get("ident", "") for e in spec.iterfind(f"{{{TEI_NS}}}elementSpec[@mode='delete']"))
    return elements


def _copy(element: etree._Element) -> etree._Element:
    # deepcopy keeps the in-scope namespaces, which XPath prefixes in @test rely on.
    return deepcopy(element)


def rule_ids(odd: Path = ODD_PATH) -> list[str]:
    """The ids of the edition's rules, in the order the ODD defines them."""
    schema = schematron_from_odd(odd)
    return [p.get("id", "") for p in schema.getroot().iterfind(f"{{{SCH_NS}}}pattern")]



def _fix_attribute_paths(stylesheet: etree._Element) -> None:
    """Make SVRL locations of attributes start at the root.

    The XSLT 1 skeleton shipped with lxml writes only "/@target" for a rule whose
    context is an attribute (its element path is missing), which would leave the
    finding without a line. Prepending the parent's path, as the element template
    does, gives "/*[…]/*[…]/@target"."""
    for template in stylesheet.iterfind(f"{{{XSL_NS}}}template"):
        if template.get("match") == "@*" and template.get("mode") == "schematron-get-full-path":
            step = etree.Element(f"{{{XSL_NS}}}apply-templates", select="parent::*",
                                 mode="schematron-get-full-path")
            template.insert(0, step)


@functools.lru_cache(maxsize=4)
def _compiled_rules(odd: Path, stamp: int) -> etree.XSLT:
    # stamp (the ODD's mtime) is part of the key so that an edited ODD is recompiled.
    del stamp
    schema = schematron_from_odd(odd)
    try:
        compiler = isoschematron.Schematron(schema, store_xslt=True)
    except etree.SchematronParseError as err:
        raise ValidatorUnavailable(f"{odd}: the Schematron rules do not compile: {err}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_DocumentResolver())
    # Re-parsed with our parser: XSLT document() asks the stylesheet's parser for files.
    stylesheet = etree.fromstring(etree.tostring(compiler.validator_xslt), parser)
    _fix_attribute_paths(stylesheet)
    access = etree.XSLTAccessControl(read_file=True, write_file=False, create_dir=False,
                                     read_network=False, write_network=False)
    try:
        return etree.XSLT(stylesheet, access_control=access)
    except etree.XSLTParseError as err:
        raise ValidatorUnavailable(f"{odd}: the Schematron rules do not compile: {err}") from None


def edition_rules(odd: Path = ODD_PATH) -> etree.XSLT:
    """The compiled rules (cached per process)."""
    odd = Path(odd).resolve()
    try:
        stamp = odd.stat().st_mtime_ns
    except OSError:
        raise ValidatorUnavailable(f"the edition's rules are missing: {odd}") from None
    return _compiled_rules(odd, stamp)
