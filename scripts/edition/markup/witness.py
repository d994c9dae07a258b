"""Back to the witness: the transcription without its markup, and escaping witness text."""

from __future__ import annotations

from .nodes import ESCAPABLE, Block, Choice, Gap, Inline, Note, Supplied, Text, Transcription


def inline_witness(nodes: list[Inline]) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, Supplied):
            out.append("[" + inline_witness(node.children) + "]")
        elif isinstance(node, Gap):
            out.append(node.rend or "")
        elif isinstance(node, Choice):
            out.append(node.sic)
        elif isinstance(node, Note):
            continue
        else:
            out.append(inline_witness(node.children))
    return "".join(out)


def witness_text(transcription: Transcription) -> str:
    """The witness text the transcription encodes: markup removed, one block a line, except
    that a block which runs on (ends with the run-on mark) continues on the same line."""
    return "".join(inline_witness(block.inlines) + ("" if block.runs_on else "\n")
                   for block in transcription.blocks)


def witness_lines(transcription: Transcription) -> list[list[Block]]:
    """The blocks of each witness line, in order (one block, or several cut from a run-on line)."""
    lines: list[list[Block]] = []
    current: list[Block] = []
    for block in transcription.blocks:
        current.append(block)
        if not block.runs_on:
            lines.append(current)
            current = []
    if current:
        lines.append(current)
    return lines


def escape(text: str) -> str:
    """Escape witness text so that it parses back to itself."""
    return "".join("\\" + ch if ch in ESCAPABLE else ch for ch in text)
