"""The import report: what the importer found, what it could not, what the editor checks.
Printed by `edition import` and kept beside the document as import-report.txt."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .align import LOW_CONFIDENCE, Link
from .segment import Segment
from .transcribe import Correction, Placed

KIND_ORDER = ("head", "seg", "dateline", "salute", "p", "item", "itemp", "signed", "gap")


@dataclass
class Suspect:
    lang: str
    line: int
    word: str
    reading: str
    message: str
    kind: str


@dataclass
class ReportData:
    source: str
    target: str
    doc_id: str
    line_endings: str
    bom: bool
    languages: list[str]
    original: str
    blocks: dict[str, tuple[int, int]]
    segments: dict[str, list[Segment]]
    placed: dict[str, list[Placed]]
    links: list[Link]
    run_on_lines: dict[str, list[int]]
    truncated: dict[str, bool]
    found: list[str]
    not_found: list[str]
    unknown_labels: list[str]
    drafts: list[str] = field(default_factory=list)
    corrections: dict[str, list[Correction]] = field(default_factory=dict)
    suspects: list[Suspect] = field(default_factory=list)


def _kinds(segments: Sequence[Segment]) -> str:
    counts = Counter(s.family for s in segments)
    return ", ".join(f"{counts[k]} {k}" for k in KIND_ORDER if counts[k])


def _describe(link: Link, data: ReportData) -> str:
    langs = data.languages
    sides = []
    for k, group in enumerate((link.original, link.translation)):
        if k >= len(langs):
            continue
        lang = langs[k]
        if not group:
            sides.append(f"{lang} -")
            continue
        labels = [data.placed[lang][i].label or "gap" for i in group]
        lines = [data.segments[lang][i].line for i in group]
        span = f"{lines[0]}" if len(set(lines)) == 1 else f"{lines[0]}-{lines[-1]}"
        sides.append(f"{lang} {'+'.join(labels)} (line {span})")
    flag = f" [{link.flag}]" if link.flag and link.flag != "skipped" else ""
    return f"{' <-> '.join(sides)}{flag}  {link.confidence:.2f}  {'; '.join(link.signals)}"


def render(data: ReportData) -> str:
    out = [f"edition import: {data.source} -> {data.target}"]
    ending = "LF" if data.line_endings == "LF" else \
        f"{data.line_endings}, normalised to LF in the witness files"
    out.append(f"  record: line endings {ending}" + ("; a byte-order mark removed" if data.bom else ""))
    for lang in data.languages:
        first, last = data.blocks[lang]
        role = "original" if lang == data.original else "translation"
        extra = []
        if data.truncated.get(lang):
            extra.append("breaks off at its end (marked {gap incomplete-witness})")
        if data.run_on_lines.get(lang):
            extra.append("run-on lines cut into units: " + ", ".join(map(str, data.run_on_lines[lang])))
        out.append(f"  {lang} ({role}), record lines {first}-{last}: {len(data.segments[lang])} units "
                   f"({_kinds(data.segments[lang])})" + ("; " + "; ".join(extra) if extra else ""))
    if data.original and data.original not in data.languages:
        out.append(f"  translation only: the original ({data.original}) is not in the record")
    elif not data.original:
        out.append("  translation only: the record does not say the original's language")
    if len(data.languages) > 1:
        real = [link for link in data.links if link.flag != "skipped"]
        pairs = [link for link in real if link.original and link.translation]
        shapes = Counter(f"{len(link.original)}:{len(link.translation)}" for link in pairs)
        out.append(f"  alignment: {len(pairs)} aligned ("
                   + ", ".join(f"{n} {shape}" for shape, n in sorted(shapes.items()))
                   + f"), {sum(1 for link in real if link.flag == 'unaligned')} unaligned, "
                   f"{sum(1 for link in real if link.flag == 'lost')} lost")
        low = [link for link in real if link.confidence < LOW_CONFIDENCE]
        out.append(f"  low-confidence links (< {LOW_CONFIDENCE}): {len(low) or 'none'}"
                   + (" (marked '# review:' in the transcriptions)" if low else ""))
        for link in low:
            out.append(f"    {_describe(link, data)}")
        out.append("  links (label, record lines, confidence, evidence):")
        for link in real:
            out.append(f"    {_describe(link, data)}")
    out.append("  found: " + ("; ".join(data.found) if data.found else "nothing beyond the texts"))
    if data.unknown_labels:
        out.append("  the record's labels with no value (kept as unknown): " + ", ".join(data.unknown_labels))
    if data.not_found:
        out.append("  not found (left empty; fill in metadata.toml if you know it from a source):")
        out.extend(f"    - {item}" for item in data.not_found)
    out.append(f"  draft registry records: {len(data.drafts) or 'none'}"
               + (" (status = \"draft\": confirm or correct each)" if data.drafts else ""))
    out.extend(f"    - {d}" for d in data.drafts)
    corrections = [(lang, c) for lang, items in data.corrections.items() for c in items]
    if corrections:
        out.append("  wrong-script letters recorded as {sic as written|reading} (check them):")
        out.extend(f"    {lang} line {c.line}: {c.word!r} -> {c.reading!r}" for lang, c in corrections)
    out.append(f"  suspect characters and probable slips: {len(data.suspects) or 'none'}")
    out.extend(f"    {s.lang} line {s.line}: {s.word!r}" + (f" (reading {s.reading!r})" if s.reading else "")
               + f": {s.message}" for s in data.suspects)
    return "\n".join(out) + "\n"
