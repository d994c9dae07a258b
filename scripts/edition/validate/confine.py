"""Pointer confinement: the rules follow a pointer to a file only next to the document
being checked, read safely and bounded in size; a pointer no rule can follow (not a URI
reference, or an xml:base leading out of the folder) is one finding and is taken out."""

from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path

from lxml import etree

from .. import xmlsafe
from .files import MAX_FILE_BYTES, _Document
from .findings import XML_NS, Finding

# Attributes holding pointers (E-REF-RESOLVES follows their file parts).
POINTER_ATTRIBUTES = ("ref", "corresp", "target", "ana", "resp", "who")
# A pointer token libxml2 can read as a URI reference: RFC 3986 characters, %-escapes,
# and non-ASCII letters (IRIs).
_URI_TOKEN = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}|[^\x00-\x7f])*\Z")


_MISSING = b"<edition-missing-file/>"
_UNREADABLE = b"<edition-unreadable-file/>"


# The folder of the document the rules run on: document() may read files there only.
_CONFINED_TO: list[str] = []


class _DocumentResolver(etree.Resolver):
    """Serves document() in the rules: files next to the document being checked only
    (never above it, never elsewhere through xml:base or an absolute path), each read by
    xmlsafe and only up to MAX_FILE_BYTES.

    A file that does not exist, or lies outside the document's folder, becomes
    <edition-missing-file/> (E-REF-RESOLVES reports it: one finding, no read); one that is
    not safe XML, or too large, becomes <edition-unreadable-file/> and so yields no data."""

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        url = system_url or ""
        if url.startswith("file:"):
            path = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path))
        elif "://" in url:
            return self.resolve_string(_MISSING, context)
        else:
            path = Path(url)
        real = os.path.realpath(path)
        if not _CONFINED_TO or os.path.dirname(real) != _CONFINED_TO[-1] or not os.path.isfile(real):
            return self.resolve_string(_MISSING, context)
        if os.path.getsize(real) > MAX_FILE_BYTES:
            return self.resolve_string(_UNREADABLE, context)
        try:
            tree = xmlsafe.parse_file(path)
        except (xmlsafe.XmlProblem, OSError):
            return self.resolve_string(_UNREADABLE, context)
        return self.resolve_string(etree.tostring(tree.getroot()), context)



def _unreadable_pointers(doc: _Document, tree: etree._ElementTree) -> list[Finding]:
    """Pointers no rule can follow: tokens that are not URI references (``a%zz``), and
    xml:base values that lead out of the document's folder. Each is one finding, and is
    taken out of the parsed tree so that the rules check everything else."""
    findings = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        base = element.get(f"{{{XML_NS}}}base")
        if base is not None and (":" in base.split("/", 1)[0] or base.startswith("/") or ".." in base):
            findings.append(Finding(doc.shown, element.sourceline, None, "E-REF-RESOLVES", "edition",
                                    f"xml:base=\"{base[:80]}\" on <{etree.QName(element).localname}> "
                                    "leads out of this file's folder; pointers are resolved next to "
                                    "the file only", "remove the xml:base attribute"))
            del element.attrib[f"{{{XML_NS}}}base"]
        for name in POINTER_ATTRIBUTES:
            value = element.get(name)
            if value is None:
                continue
            bad = [t for t in value.split() if not _URI_TOKEN.match(t)]
            if bad:
                findings.append(Finding(doc.shown, element.sourceline, None, "E-REF-RESOLVES", "edition",
                                        f"@{name} on <{etree.QName(element).localname}> holds "
                                        f"\"{bad[0][:80]}\", which is not a pointer (a URI reference)",
                                        "write #id or a file name; escape a '%' as %25"))
                del element.attrib[name]
    return findings

