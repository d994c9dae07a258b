"""Run under dapytains' own environment (.venv-dapytains, made by scripts/setup.sh --test):
print, as JSON, the citation tree dapytains builds from each TEI file given, and for each
unit the text of the passage it serves. tests/test_exports_clients.py compares this with
the static DTS API. (Not a test module: pytest does not collect it.)"""

from __future__ import annotations

import json
import sys

from dapytains.tei.document import Document
from lxml import etree


def flatten(units, out):  # noqa: ANN001, ANN201 - dapytains' types
    for unit in units:
        out.append({"identifier": unit.ref, "level": unit.level, "parent": unit.parent,
                    "citeType": unit.citeType, "dublinCore": dict(unit.dublinCore)})
        flatten(unit.children, out)
    return out


def main() -> None:
    result = {}
    for path in sys.argv[1:]:
        doc = Document(path)
        tree = flatten(doc.get_reffs(), [])
        passages = {}
        for unit in tree:
            passage = doc.get_passage(unit["identifier"])
            passages[unit["identifier"]] = " ".join("".join(passage.itertext()).split()) \
                if isinstance(passage, etree._Element) else str(passage)
        structure = doc.citeStructure[doc.default_tree].structure.json()
        result[path] = {"tree": tree, "passages": passages, "citeStructure": structure}
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
