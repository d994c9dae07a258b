"""Run XSLT 3.0 stylesheets through saxonche, avoiding its measured traps and confining them.

Traps (../shared/reference/stack-notes.md):

- One compiled executable per stylesheet per process.
- ``clone()`` the executable *before* ``set_parameter()``: the other order segfaulted.
- Saxon reports error codes and positions on file descriptor 2 only; we catch
  ``PySaxonApiError`` and re-raise with the stylesheet's name.

Confinement (measured with saxonche 13.1; tests/test_xsltrun.py and tests/test_hostile.py):

- A stylesheet reads nothing by itself. Each stylesheet gets its own processor; once it is
  compiled (``xsl:import`` needs file access), the processor's configuration is set to
  ``allowedProtocols=""``. From then on ``doc()``, ``doc-available()`` (false),
  ``unparsed-text()``, ``collection()``, ``json-doc()`` and any http/jar URI fail with
  "Access to URI ... has been prohibited". The setting is one-way in Saxon (it cannot be
  loosened again), hence one processor per stylesheet rather than one per process.
- What a stylesheet may read is handed to it: the source document, and parameters whose
  value is a :class:`~pathlib.Path` (or a list of them), which arrive as document nodes.
  All of them are parsed here by :mod:`edition.xmlsafe` first, so a DOCTYPE with entities,
  an external entity or an external DTD is refused with a message before Saxon sees it.
  Documents keep their file URI as base URI, so ``base-uri()`` and ``resolve-uri()`` work.
- ``xsl:result-document`` output is captured in memory (Saxon writes nothing); each
  captured document is written by us only if it lies inside ``base_output``; one outside
  refuses the whole transform before anything is written.

Saxon's ``fn:doc`` cannot be pointed at an allow-list: an XML catalog with ``rewriteURI``
let ``edition:///../../x`` escape its folder, and ``allowedProtocols`` is checked on the URI
as requested, before a catalog maps it.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from . import xmlsafe
from .errors import EditionError, Problem

ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
# Saxon's wordings when allowedProtocols stops a read (fn:doc/unparsed-text; collection).
_PROHIBITED = ("has been prohibited", "has been disallowed")


@dataclass(frozen=True)
class Compiled:
    """A compiled stylesheet and the processor it belongs to (documents given to it must be
    built by that processor)."""

    processor: PySaxonProcessor
    executable: Any


@cache
def compiled(stylesheet: str) -> Compiled:
    """Compile once per process; the processor is closed to outside resources afterwards."""
    proc = PySaxonProcessor(license=False)
    compiler = proc.new_xslt30_processor()
    try:
        exe = compiler.compile_stylesheet(stylesheet_file=stylesheet)
    except PySaxonApiError as err:
        raise EditionError(Problem(stylesheet, None, f"XSLT does not compile: {err}",
                                   "fix the stylesheet; Saxon printed details above")) from err
    # After compiling: set before, it also refuses the stylesheet's own modules.
    proc.set_configuration_property(ALLOWED_PROTOCOLS, "")
    return Compiled(proc, exe)


def _parse_safely(proc: PySaxonProcessor, data: bytes, origin: Path | None) -> Any:
    """xmlsafe first (refuses entities and DTDs with a message), then Saxon's tree."""
    try:
        tree = xmlsafe.parse_bytes(data, base_url=str(origin) if origin else None)
    except xmlsafe.XmlProblem as problem:
        raise EditionError(Problem(origin or "<xml text>", problem.line,
                                   f"{problem.message} [{problem.rule}]", problem.hint,
                                   column=problem.column)) from None
    builder = proc.new_document_builder()
    if origin is not None:
        builder.set_base_uri(origin.as_uri())
    return builder.parse_xml(xml_text=etree.tostring(tree, encoding="unicode"))


def parse_document(proc: PySaxonProcessor, path: Path) -> Any:
    """One XML file as a Saxon document node, read safely; base URI = the file's URI."""
    path = Path(path).resolve()
    try:
        data = path.read_bytes()
    except OSError as err:
        raise EditionError(Problem(path, None, f"cannot read the file: {err.strerror}",
                                   "check that it exists and is readable")) from None
    return _parse_safely(proc, data, path)


def _value(proc: PySaxonProcessor, value: Any) -> Any:
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, Path):
        return parse_document(proc, value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, Path) for v in value):
        sequence = proc.empty_sequence()
        for path in value:
            sequence.add_xdm_item(parse_document(proc, path))
        return sequence
    if isinstance(value, dict):
        return proc.make_map2({str(k): _value(proc, v) for k, v in value.items()})
    return proc.make_string_value(str(value))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _write_results(documents: dict[str, Any], base_output: Path | None, stylesheet: Path) -> None:
    """Write captured xsl:result-document output, all or nothing, only inside base_output."""
    targets: list[tuple[Path, str]] = []
    folder = base_output.resolve() if base_output is not None else None
    for uri, value in sorted(documents.items()):
        parsed = urlparse(uri)
        path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
        if folder is None or path is None or not _inside(path, folder):
            raise EditionError(Problem(
                stylesheet, None,
                f"xsl:result-document {uri} is outside the output folder "
                f"({folder or 'none given'}); nothing was written",
                "write result documents with a relative href, below the build folder"))
        targets.append((path, str(value)))
    for path, text in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)


def _refusal(err: PySaxonApiError, stylesheet: Path, where: str) -> EditionError:
    text = str(err).strip()
    if any(marker in text for marker in _PROHIBITED):
        return EditionError(Problem(
            where, None,
            f"XSLT {stylesheet.name} tried to read a resource it was not given: {text}; refused",
            "stylesheets read only the document and the files passed to them as parameters "
            "(edition.xsltrun); pass the file as a Path parameter instead of calling doc()"))
    document = Path(where).stem if where.endswith(".xml") else ""
    if document:
        return EditionError(Problem(
            where, None, f"rendering document {document!r} with {stylesheet.name} failed: {text}",
            f"run `edition check {document}`: it names the source line that makes TEI the "
            f"stylesheets cannot render; if it reports nothing, the fault is in xslt/ "
            f"({stylesheet.name}): report it with this message"))
    return EditionError(Problem(where, None, f"XSLT {stylesheet.name} failed: {text}",
                                f"the fault is in xslt/ ({stylesheet.name}) or in what was passed to it: "
                                "report it with this message"))


def transform(stylesheet: Path, source: Path | None = None, *, xml_text: str | None = None,
              params: dict[str, Any] | None = None, base_output: Path | None = None,
              initial_template: str | None = None, string_value: bool = False) -> str:
    """Transform one TEI file (or XML text) and return the principal result as text.

    ``params``: str/int/bool become atomic values; a ``Path`` or a list of ``Path`` becomes
    document nodes (read safely, base URI kept); a dict becomes a map.
    ``base_output``: folder against which ``xsl:result-document`` hrefs resolve; result
    documents outside it are refused. Without it, any result document is refused.
    ``initial_template``: call a named template instead of applying templates.
    ``string_value``: with ``initial_template``, return the string value of what the
    template returns (e.g. JSON or plain text it builds) rather than its serialization,
    which under an HTML or XML output method would escape ``<`` and ``&``.
    Raises :class:`EditionError` (never a Saxon or lxml exception) when the input is refused
    or the stylesheet fails.
    """
    unit = compiled(str(stylesheet))
    proc = unit.processor
    where = str(source) if source is not None else \
        ("<xml text>" if xml_text is not None else str(stylesheet))
    node = None
    if source is not None:
        node = parse_document(proc, Path(source))
    elif xml_text is not None:
        node = _parse_safely(proc, xml_text.encode("utf-8"), None)
    elif initial_template is None:
        raise ValueError("transform needs source or xml_text")
    converted = {name: _value(proc, value) for name, value in (params or {}).items()}
    exe = unit.executable.clone()  # clone first, then parameters
    for name, value in converted.items():
        exe.set_parameter(name, value)
    # Captured, not written: Saxon would write an absolute href anywhere. Set on every clone
    # (clone() does not copy it, and captured documents accumulate otherwise).
    exe.set_capture_result_documents(True)
    exe.set_base_output_uri((base_output.resolve() if base_output is not None
                             else Path(tempfile.gettempdir()) / "edition-no-output").as_uri() + "/")
    try:
        if initial_template is not None:
            if node is not None:
                exe.set_global_context_item(xdm_item=node)
            if string_value:
                value = exe.call_template_returning_value(initial_template)
                result = "" if value is None else \
                    "".join(value.item_at(i).string_value for i in range(value.size))
            else:
                result = exe.call_template_returning_string(initial_template) or ""
        else:
            result = exe.transform_to_string(xdm_node=node) or ""
        documents = exe.get_result_documents() or {}
    except PySaxonApiError as err:
        raise _refusal(err, stylesheet, where) from err
    if documents:
        _write_results(documents, base_output, stylesheet)
    return result
