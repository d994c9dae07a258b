"""Writing export files: bytes, JSON and indented XML, and building TEI elements."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from ..documents import XML_ID, T
from ..written import Written

__all__ = ["Written", "el", "write_bytes", "write_json", "write_json_stream", "xml_bytes"]


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


def write_json_stream(path: Path, head: dict[str, Any], key: str, items: Iterable[Any]) -> Path:
    """``write_json(path, {**head, key: list(items)})``, byte for byte, with the items
    written as they come: a list that grows with the edition is never held whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        start = json.dumps({**head, key: []}, ensure_ascii=False, indent=2)
        cut = start.rindex("[]")
        out.write(start[:cut] + "[")
        count = 0
        for item in items:
            text = json.dumps(item, ensure_ascii=False, indent=2)
            out.write(("," if count else "") + "\n    " + text.replace("\n", "\n    "))
            count += 1
        out.write(("\n  ]" if count else "]") + start[cut + 2:] + "\n")
    return path


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
