"""Run XSLT 3.0 stylesheets through saxonche, avoiding its measured traps.

- One processor and one compiled executable per stylesheet per process.
- ``clone()`` the executable *before* ``set_parameter()``: the other order segfaulted.
- Saxon reports error codes and positions on file descriptor 2 only; we catch
  ``PySaxonApiError`` and re-raise with the stylesheet's name.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from saxonche import PySaxonApiError, PySaxonProcessor

from .errors import EditionError, Problem


@lru_cache(maxsize=1)
def processor() -> PySaxonProcessor:
    return PySaxonProcessor(license=False)


@cache
def _compiled(stylesheet: str) -> Any:
    proc = processor()
    compiler = proc.new_xslt30_processor()
    try:
        return compiler.compile_stylesheet(stylesheet_file=stylesheet)
    except PySaxonApiError as err:
        raise EditionError(Problem(stylesheet, None, f"XSLT does not compile: {err}",
                                   "fix the stylesheet; Saxon printed details above")) from err


def _value(proc: PySaxonProcessor, value: Any) -> Any:
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    return proc.make_string_value(str(value))


def transform(stylesheet: Path, source: Path | None = None, *, xml_text: str | None = None,
              params: dict[str, Any] | None = None, base_output: Path | None = None,
              initial_template: str | None = None, string_value: bool = False) -> str:
    """Transform one TEI file (or XML text) and return the principal result as text.

    ``base_output``: folder against which ``xsl:result-document`` hrefs resolve.
    ``initial_template``: call a named template instead of applying templates.
    ``string_value``: with ``initial_template``, return the string value of what the
    template returns (e.g. JSON or plain text it builds) rather than its serialization,
    which under an HTML or XML output method would escape ``<`` and ``&``.
    """
    proc = processor()
    exe = _compiled(str(stylesheet)).clone()  # clone first, then parameters
    for name, value in (params or {}).items():
        exe.set_parameter(name, _value(proc, value))
    if base_output is not None:
        exe.set_base_output_uri(base_output.resolve().as_uri() + "/")
    try:
        if initial_template is not None:
            if source is not None or xml_text is not None:
                node = proc.parse_xml(xml_file_name=str(source)) if source is not None \
                    else proc.parse_xml(xml_text=xml_text)
                exe.set_global_context_item(xdm_item=node)
            if string_value:
                value = exe.call_template_returning_value(initial_template)
                if value is None:
                    return ""
                return "".join(value.item_at(i).string_value for i in range(value.size))
            return exe.call_template_returning_string(initial_template) or ""
        if source is not None:
            node = proc.parse_xml(xml_file_name=str(source))
        elif xml_text is not None:
            node = proc.parse_xml(xml_text=xml_text)
        else:
            raise ValueError("transform needs source or xml_text")
        return exe.transform_to_string(xdm_node=node) or ""
    except PySaxonApiError as err:
        where = source or "<xml text>"
        raise EditionError(Problem(str(where), None, f"XSLT {stylesheet.name} failed: {err}",
                                   "see Saxon's message above")) from err
