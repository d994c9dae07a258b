"""Read one record as the archive publishes it: the texts, ``###``, the labelled metadata.

The shape (docs/adding-a-document.md shows it)::

    July 3, 1951                      the publisher's date and title: here, or first after ###
    Ciphered Telegram No. …, X to Y
    […]                               the text in one language (Cyrillic) …
    Товарищ …
    SECOND MAIN ADMINISTRATION …      … and in another (Latin): blank lines between are optional
    ###
    The summary, unlabelled …         (or after a "Summary" label)
    Author(s):                        labels, each followed by its value lines (possibly none)
    Associated Places
    …
    "…," July 3, 1951, History and Public Policy Program Digital Archive, … . Translated by …

Language blocks are found by script, line by line (Cyrillic, Latin, Chinese characters,
Hangul); lines
without letters (an omission mark, a date) go with the block they are not separated from
by a blank line. Labels are known by name; a line that ends with ':' like a label but
names no known label is an error, because its values would otherwise be read as another
label's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditionError, Problem

SEPARATOR = "###"

#: the labels of the archive's record, as it writes them; value lines follow each
LABELS = (
    "Summary", "Author(s)", "Associated People & Organizations", "Associated Places",
    "Subjects Discussed", "Source", "Original Archive", "Rights", "Original Uploaded Date",
    "Type", "Language", "Record ID", "Citation",
)
#: labels that head a group of others and hold no value themselves
SECTION_LABELS = ("Document Information",)
_LABEL_KEYS = {label.casefold(): label for label in (*LABELS, *SECTION_LABELS)}
# Title Case words ending with ':' ("Original Language:"), as the archive's labels are written
_LABEL_SHAPE = re.compile(r"[A-Z][\w()’'/-]*(?: (?:[A-Z][\w()’'/-]*|&|and|of|the)){0,4}:\Z")
_INLINE_LABEL = re.compile(r"(?P<label>[^:]{2,50}):\s+(?P<value>\S.*)\Z")

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
#: the publisher's date line: "July 3, 1951", "3 July 1951", "July 1951", "1951", "c. 1951"
PUBLISHER_DATE = re.compile(
    rf"(?:(?:c\.|ca\.|circa)\s*)?(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?,?\s+\d{{4}}|\d{{4}}(?:-\d{{2}}(?:-\d{{2}})?)?)\Z", re.IGNORECASE)
#: the citation line: a quoted title, then the date and the archive's name
CITATION = re.compile(r"[\"“].+[,.]?[\"”],?\s.*\b(?:Digital Archive|Archive|Archives)\b")

CYRILLIC = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
#: the scripts whose texts are told apart (in this order when a line has as many of each)
SCRIPTS = {"cyrillic": CYRILLIC, "latin": LATIN,
           "han": re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]"),
           "hangul": re.compile(r"[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]")}


@dataclass(frozen=True)
class Line:
    number: int      # 1-based line of the record file
    text: str        # without its line ending


@dataclass
class LanguageBlock:
    """The lines of one language's text, exactly as in the record (inner blank lines kept)."""

    script: str                  # "cyrillic", "latin", "han" or "hangul"
    lines: list[Line]
    lang: str = ""

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number

    def witness(self) -> str:
        """The block byte for byte (line endings normalised to LF), ending with a newline."""
        return "".join(line.text + "\n" for line in self.lines)


@dataclass
class Field:
    label: str
    line: int
    values: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(v.text for v in self.values if v.text.strip()).strip()


@dataclass
class Record:
    path: Path
    line_endings: str                          # "LF", "CRLF", "CR" or "mixed"
    date: Line | None = None                   # the publisher's date, as written
    title: Line | None = None                  # the publisher's title, as written
    blocks: list[LanguageBlock] = field(default_factory=list)
    fields: dict[str, Field] = field(default_factory=dict)
    summary: Field | None = None
    citation: Line | None = None
    separator: int = 0
    bom: bool = False

    def value(self, label: str) -> str:
        found = self.fields.get(label)
        return found.text if found else ""

    def unknown_labels(self) -> list[str]:
        """Value labels the record leaves empty or lacks, in the archive's order."""
        out = []
        for label in LABELS:
            if label == "Citation":
                if self.citation is None:
                    out.append(label)
            elif label == "Summary":
                if self.summary is None or not self.summary.text:
                    out.append(label)
            elif not self.value(label):
                out.append(label)
        return out


def read_record(path: Path) -> Record:
    """Parse a record file; raise EditionError naming the file and line of what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise EditionError(Problem(path, None, f"cannot read the record: {err.strerror}",
                                   "give the path of a record file")) from err
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise EditionError(Problem(path, line, f"the record is not UTF-8 (byte 0x{raw[err.start]:02x})",
                                   "save the record as UTF-8 (the archive's pages are UTF-8; a copy "
                                   "saved in another encoding must be converted)")) from err
    return parse_record(text, path)


def _line_endings(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, count in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if count]
    return kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "LF")


def parse_record(text: str, path: Path | str = "<record>") -> Record:
    path = Path(path)
    record = Record(path=path, line_endings=_line_endings(text))
    if text.startswith("\ufeff"):
        text, record.bom = text[1:], True
    lines = [Line(n, t) for n, t in
             enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1)]
    if lines and lines[-1].text == "":
        lines.pop()
    separator = next((line for line in lines if line.text.strip() == SEPARATOR), None)
    if separator is None:
        raise EditionError(Problem(path, len(lines) or 1, "no '###' line separates the texts from the "
                                   "archive's metadata",
                                   "add a line '###' after the last line of the texts (before the "
                                   "summary and the labels), as in the archive's records"))
    record.separator = separator.number
    texts = lines[: separator.number - 1]
    _read_metadata(record, lines[separator.number:])
    if record.title is None:
        texts = _read_heading(record, texts)
    record.blocks = split_languages(texts, path)
    if not record.blocks:
        raise EditionError(Problem(path, separator.number, "no text before '###': the record has no "
                                   "language block",
                                   "the texts (original and/or translation) come before '###'"))
    return record


def _is_date_line(text: str) -> bool:
    return bool(PUBLISHER_DATE.match(text.strip()))


def _read_heading(record: Record, texts: list[Line]) -> list[Line]:
    """The publisher's date and title at the top of the texts, when the record has them there."""
    filled = [i for i, line in enumerate(texts) if line.text.strip()]
    if len(filled) >= 2 and _is_date_line(texts[filled[0]].text):
        record.date, record.title = texts[filled[0]], texts[filled[1]]
        return texts[filled[1] + 1:]
    return texts


def _label_of(text: str) -> tuple[str | None, str | None]:
    """(known label, inline value) if the line is a label line; (None, None) otherwise."""
    stripped = text.strip()
    bare = stripped[:-1].rstrip() if stripped.endswith(":") else stripped
    if bare.casefold() in _LABEL_KEYS:
        return _LABEL_KEYS[bare.casefold()], None
    inline = _INLINE_LABEL.match(stripped)
    if inline and inline["label"].strip().casefold() in _LABEL_KEYS:
        return _LABEL_KEYS[inline["label"].strip().casefold()], inline["value"].strip()
    return None, None


def _read_metadata(record: Record, lines: list[Line]) -> None:
    filled = [line for line in lines if line.text.strip()]
    start = 0
    if len(filled) >= 2 and _is_date_line(filled[0].text) and _label_of(filled[1].text)[0] is None:
        record.date, record.title = filled[0], filled[1]
        start = 2
    current: Field | None = None
    summary = Field("Summary", filled[start].number) if start < len(filled) else None
    for line in filled[start:]:
        label, inline = _label_of(line.text)
        if label is not None:
            if label in record.fields or (label == "Summary" and record.summary is not None
                                          and record.summary.values):
                raise EditionError(Problem(record.path, line.number, f"the label {label!r} appears twice",
                                           "keep one, with all its values under it"))
            current = Field(label, line.number)
            if inline:
                current.values.append(Line(line.number, inline))
            if label == "Summary":
                record.summary = current
            elif label not in SECTION_LABELS:
                record.fields[label] = current
            continue
        if CITATION.match(line.text.strip()) and (current is None or current.label != "Citation"):
            record.citation = line
            continue
        if _LABEL_SHAPE.match(line.text.strip()):
            raise EditionError(Problem(
                record.path, line.number, f"unknown label {line.text.strip()!r}",
                f"the archive's labels are: {', '.join(LABELS)}; correct the label, or remove "
                "the line and its values if they are not the archive's"))
        if current is None:
            # unlabelled text before the first label: the archive's summary
            assert summary is not None
            summary.values.append(line)
            record.summary = summary
        elif current.label in SECTION_LABELS:
            raise EditionError(Problem(record.path, line.number,
                                       f"text under {current.label!r}, which holds no value",
                                       "put the text under its label (Source, Original Archive, …)"))
        elif current.label == "Citation":
            record.citation = record.citation or line
        else:
            current.values.append(line)


# --- language blocks --------------------------------------------------------------------

def script_of(text: str) -> str | None:
    """The script of most of the line's letters (cyrillic, latin, han, hangul); None for a
    line without letters (an omission mark, a date, a number)."""
    counts = {name: len(pattern.findall(text)) for name, pattern in SCRIPTS.items()}
    best = max(counts, key=lambda name: counts[name])
    return best if counts[best] else None


def split_languages(lines: list[Line], path: Path | None = None) -> list[LanguageBlock]:
    """Group the text lines into one block per script, in order."""
    scripts: list[str | None] = [script_of(line.text) if line.text.strip() else None for line in lines]
    filled = [i for i, line in enumerate(lines) if line.text.strip()]
    assigned: dict[int, str] = {}
    for i in filled:
        if scripts[i] is not None:
            assigned[i] = scripts[i]  # type: ignore[assignment]
    for i in filled:
        if i in assigned:
            continue
        before = next((j for j in reversed(range(i)) if scripts[j] and lines[j].text.strip()), None)
        after = next((j for j in range(i + 1, len(lines)) if scripts[j] and lines[j].text.strip()), None)
        if before is None and after is None:
            continue
        if before is None or after is None:
            assigned[i] = scripts[after if before is None else before]  # type: ignore[index,assignment]
            continue
        if scripts[before] == scripts[after]:
            assigned[i] = scripts[before]  # type: ignore[assignment]
            continue
        blank_before = any(not lines[j].text.strip() for j in range(before + 1, i))
        blank_after = any(not lines[j].text.strip() for j in range(i + 1, after))
        # a line without letters at a boundary (an omission mark, a date) belongs to the text
        # it is not cut off from by a blank line; with no blank line, to the one it ends
        assigned[i] = scripts[after] if blank_before and not blank_after else scripts[before]  # type: ignore[assignment]
    order = sorted(assigned)
    runs: list[tuple[str, list[int]]] = []
    for i in order:
        if runs and runs[-1][0] == assigned[i]:
            runs[-1][1].append(i)
        else:
            runs.append((assigned[i], [i]))
    # a short run of one script inside another's text is a line of that text (a name, a
    # code word), not a language of its own
    merged: list[tuple[str, list[int]]] = []
    for k, (script, members) in enumerate(runs):
        inside = (0 < k < len(runs) - 1 and runs[k - 1][0] == runs[k + 1][0] != script
                  and len(members) <= 2)
        if inside or (merged and merged[-1][0] == script):
            merged[-1][1].extend(members)
        else:
            merged.append((script, list(members)))
    blocks = []
    for script, members in merged:
        start, end = members[0], members[-1]
        blocks.append(LanguageBlock(script, lines[start:end + 1]))
    seen: dict[str, LanguageBlock] = {}
    for block in blocks:
        if block.script in seen:
            raise EditionError(Problem(path, block.first,
                                       f"a second {block.script} text starts here (the first ran from "
                                       f"line {seen[block.script].first} to {seen[block.script].last})",
                                       "a record holds one text per language: remove the stray lines, "
                                       "or join the parts"))
        seen[block.script] = block
    return blocks
