"""Parse XML that came from somewhere else without letting it reach outside itself.

TEI files are text an editor (or another project) hands us. A DOCTYPE can declare
entities that expand a few bytes into gigabytes, or external entities that read
local files or URLs into the document; an external DTD can do both. None of this
belongs in a TEI P5 file, so such files are refused with a message instead of
being expanded. Jing, which parses the files again with its own (expanding) parser,
is only ever given files that passed :func:`parse_bytes`.

Any other stage that reads XML it did not write itself can use :func:`parse_file`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

# libxml2 appends the position to its messages; we report it separately.
_POSITION_SUFFIX = re.compile(r",\s*line \d+, column \d+\s*$")
# libxml2's message past its nesting limit (without XML_PARSE_HUGE, which stays off).
_EXCESSIVE_DEPTH = re.compile(r"Excessive depth in document: (\d+)")
_DOCTYPE_WITH_SUBSET = re.compile(r"<!DOCTYPE\s+[^\s\[>]+\s*\[(?!\s*\])")
_ENTITY_DECLARATION = re.compile(
    r"<!ENTITY\s+(?:%\s+)?(?P<name>[^\s\"']+)\s+(?P<external>SYSTEM|PUBLIC)?")


@dataclass(eq=False)
class XmlProblem(Exception):
    """Why a file was not accepted as XML; ``rule`` is a stable id an editor can look up."""

    rule: str
    line: int | None
    column: int | None
    message: str
    hint: str

    def __str__(self) -> str:
        return self.message


class _RefuseExternal(etree.Resolver):
    """Answers every request for an external resource with nothing, remembering it.

    libxml2 asks for an external DTD even with load_dtd=False (for instance when
    the document uses an undeclared entity); answering with an empty string keeps
    it from reading the file or the network, and the record tells us to refuse."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        self.requested.append(system_url or public_id or "?")
        return self.resolve_string("", context)


def _parser() -> tuple[etree.XMLParser, _RefuseExternal]:
    # collect_ids=False: a duplicate xml:id is a TEI validity error (Jing reports it
    # with both lines), not a reason to reject the file as XML.
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        collect_ids=False,
        huge_tree=False,
    )
    refuse = _RefuseExternal()
    parser.resolvers.add(refuse)
    return parser, refuse


def _doctype_line(data: bytes) -> int | None:
    at = data.find(b"<!DOCTYPE")
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


def _check_doctype(tree: etree._ElementTree, data: bytes, requested: list[str]) -> None:
    info = tree.docinfo
    line = _doctype_line(data)
    if info.system_url or info.public_id:
        raise XmlProblem(
            "E-EXTERNAL-ENTITY", line, None,
            f"the DOCTYPE refers to an external DTD ({info.system_url or info.public_id}); "
            "it was not read",
            "Delete the DOCTYPE declaration: TEI P5 files are validated against the "
            "RELAX NG schema and need no DTD.",
        )
    if requested:
        raise XmlProblem(
            "E-EXTERNAL-ENTITY", line, None,
            f"the file asks for an external resource ({requested[0]}); it was not read",
            "Delete the DOCTYPE declaration and any entity references; write the "
            "characters themselves (UTF-8).",
        )
    dtd = info.internalDTD
    if dtd is None:
        return
    for entity in dtd.iterentities():
        if entity.system_url:
            raise XmlProblem(
                "E-EXTERNAL-ENTITY", line, None,
                f"the DOCTYPE declares the external entity '{entity.name}' "
                f"({entity.system_url}); it was not read",
                "Delete the entity declaration and the references to it; put the "
                "text itself into the file.",
            )
    for entity in dtd.iterentities():
        raise XmlProblem(
            "E-DOCTYPE-ENTITY", line, None,
            f"the DOCTYPE declares the entity '{entity.name}'; entities are not expanded",
            "Delete the DOCTYPE declaration and replace each entity reference "
            f"(&{entity.name};) by the characters it stands for (UTF-8).",
        )
    # ELEMENT/ATTLIST declarations: Jing would apply attribute defaults that our own
    # parse does not, so the two layers would judge different documents.
    if _DOCTYPE_WITH_SUBSET.search(etree.tostring(tree, encoding="unicode")):
        raise XmlProblem(
            "E-DOCTYPE-DECLARATIONS", line, None,
            "the DOCTYPE carries DTD declarations; TEI P5 files are not validated by a DTD",
            "Delete the DOCTYPE declaration (a bare <!DOCTYPE TEI> is accepted).",
        )


def _prolog_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    # latin-1 maps every byte to one character, so markup in any ASCII-compatible
    # encoding is found without knowing the encoding.
    return data.decode("latin-1")


def _refuse_entity_declarations(data: bytes) -> None:
    """Refuse entity declarations before libxml2 sees them.

    Even with resolve_entities=False libxml2 checks how far entities would expand and
    fails on an exponential declaration ("billion laughs") with a generic error; an
    editor should instead learn that the DOCTYPE is the problem."""
    text = _prolog_text(data)
    start = text.find("<!DOCTYPE")
    if start < 0:
        return
    end = text.find("]>", start)
    subset = text[start:end if end >= 0 else len(text)]
    declarations = list(_ENTITY_DECLARATION.finditer(subset))
    if not declarations:
        return
    line = text.count("\n", 0, start) + 1
    external = [d for d in declarations if d["external"]]
    name = (external or declarations)[0]["name"]
    if external:
        raise XmlProblem(
            "E-EXTERNAL-ENTITY", line, None,
            f"the DOCTYPE declares the external entity '{name}'; it was not read",
            "Delete the entity declaration and the references to it; put the text itself "
            "into the file.",
        )
    raise XmlProblem(
        "E-DOCTYPE-ENTITY", line, None,
        f"the DOCTYPE declares the entity '{name}'; entities are not expanded",
        f"Delete the DOCTYPE declaration and replace each entity reference (&{name};) by "
        "the characters it stands for (UTF-8).",
    )


def parse_bytes(data: bytes, base_url: str | None = None) -> etree._ElementTree:
    """Parse ``data`` safely; raise :class:`XmlProblem` when it is not acceptable XML.

    ``base_url`` (the file's path) lets relative references such as
    ``document('other.xml')`` in XSLT resolve next to the file."""
    _refuse_entity_declarations(data)
    parser, refuse = _parser()
    try:
        root = etree.fromstring(data, parser, base_url=base_url)
    except etree.XMLSyntaxError as err:
        if refuse.requested:
            raise XmlProblem(
                "E-EXTERNAL-ENTITY", _doctype_line(data), None,
                f"the file asks for an external resource ({refuse.requested[0]}); "
                "it was not read",
                "Delete the DOCTYPE declaration and any entity references; write "
                "the characters themselves (UTF-8).",
            ) from None
        message = _POSITION_SUFFIX.sub("", err.msg or str(err)).strip()
        column = err.offset + 1 if err.offset is not None else None
        depth = _EXCESSIVE_DEPTH.match(message)
        if depth:  # libxml2's advice (XML_PARSE_HUGE) is an option no editor can set
            raise XmlProblem(
                "E-TOO-DEEP", err.lineno, column,
                f"elements nest more than {depth[1]} deep here, more than the XML parser reads",
                f"Nest elements at most {depth[1]} deep (no TEI document needs more); close the "
                "elements opened here, or split the text into sibling elements.",
            ) from None
        raise XmlProblem(
            "E-NOT-XML", err.lineno, column,
            f"not well-formed XML: {message}",
            "Fix the markup at this point (unclosed or mismatched tag, stray '<' or '&', "
            "wrong encoding); an XML editor shows the exact spot.",
        ) from None
    except ValueError as err:  # e.g. an encoding lxml cannot handle
        raise XmlProblem(
            "E-NOT-XML", None, None, f"not readable as XML: {err}",
            "Save the file as UTF-8 XML.",
        ) from None
    tree = root.getroottree()
    _check_doctype(tree, data, refuse.requested)
    return tree


def parse_file(path: Path) -> etree._ElementTree:
    """Read and parse one file safely (see :func:`parse_bytes`); OSError if unreadable."""
    path = Path(path)
    return parse_bytes(path.read_bytes(), base_url=str(path.absolute()))
