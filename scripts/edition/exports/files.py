"""Writing export files: bytes, JSON and indented XML, and building TEI elements."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from ..documents import XML_ID, T
from ..written import Written

__all__ = ["Written", "el", "write_bytes", "write_json", "xml_bytes"]


def write_bytes(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def write_json(path: Path, data: Any, *, compact: bool = False) -> Path:
    if compact:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return write_bytes(path, (text + "\n").encode("utf-8"))


def xml_bytes(root: Any) -> bytes:
    """Indented XML with the declaration most tools print (double quotes)."""
    etree.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8")


def el(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    """A new TEI child (or a child in the namespace of a Clark-notation ``tag``); the
    keyword ``xml_id`` sets xml:id."""
    child = etree.SubElement(parent, T + tag if not tag.startswith("{") else tag)
    for key, value in attrs.items():
        child.set(XML_ID if key == "xml_id" else key, value)
    if text is not None:
        child.text = text
    return child
