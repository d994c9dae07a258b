"""Cut a language block into the units of the edition: heading and routing lines, dateline,
address, salutation, paragraphs, numbered points and the paragraphs commenting them,
closer, signature, trailer numbers and dates, omission marks.

The witness is never edited: a unit is a stretch of a witness line. A line that runs
several units together (a copy that put dateline, salutation, text and signature on one
line) is cut where the units meet, and the pieces are written with the transcription
format's run-on mark, so that the faithfulness check still gives back the line.

Everything here is read off the shape of the text (position, capitals, punctuation, point
numbers, the words that open an address or a routing line in Russian or English), never
off a particular document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..dates import DateError, find_dates
from .align import Unit, broken_off
from .record import LanguageBlock, Line

GAP_MARKS = ("[…]", "[...]")

ROUTING = {
    "from": "from", "received": "received", "sent": "sent", "dispatched": "sent",
    "copies": "copies", "copy": "copies", "series": "series", "serial": "series",
    "откуда": "from", "из": "from", "получена": "received", "получено": "received",
    "поступила": "received", "отправлена": "sent", "отправлено": "sent", "копии": "copies",
    "копия": "copies", "экз": "copies", "серия": "series",
}
ROUTING_RE = re.compile(r"[\"“«]?(?P<word>" + "|".join(ROUTING) + r")\b[:.]?", re.IGNORECASE)
ADDRESS_RE = re.compile(r"[\"“«]?(?:to|for|кому|для|товарищу|тов\.)\s|.{1,40},\s*(?:to|тов\.|товарищу)\s",
                        re.IGNORECASE)
SALUTE_WORDS = (r"(?:[\"“«]?(?:To\s+)?(?:Dear|My\s+dear|Comrades?|Cde\.|Tov\.|Товарищи|Товарищ|Тов\.|"
                r"Уважаемый|Уважаемая|Уважаемые|Дорогой|Дорогая|Дорогие)\s)")
SALUTE_RE = re.compile(SALUTE_WORDS, re.IGNORECASE)
# a salutation at the start of a run-on line: the address words, then a phrase ending in
# '!', or names in capitals ending in '.', '!' or ','
SALUTE_START = re.compile(
    SALUTE_WORDS + r"(?:[^!?.\n]{1,60}?!|(?:[A-ZА-ЯЁ][A-ZА-ЯЁ'-]+\s*(?:\[[^\]]{1,40}\]\s*)?){1,4}[.!,])"
    r"(?=\s+\S)")
# "comrade" at the end of a Chinese or Korean address ("菲利波夫同志：")
CJK_SALUTE = re.compile(r"(?:同志|동지)[：:！!，,]?\s*\Z")
# the punctuation that ends a sentence or a line of text, in Latin, Cyrillic and CJK texts
TERMINAL = ".!?:;,。！？：；，"
CLOSING_RE = re.compile(r"(?:greeting|regards|respect|sincerely|привет|уважением|искренне)", re.IGNORECASE)
NUMBER_LINE = re.compile(r"(?:No\.|Nr\.|№|N)\s*\d[\d/ -]*\.?\Z", re.IGNORECASE)
POINT_START = re.compile(r"(?P<n>\d{1,2})[.)]\s+\S")
# a point number inside a run-on line: after the end of a sentence, before a capital or quote
POINT_INSIDE = re.compile(r"(?<=[.!?:;»\"”])\s+(?P<n>\d{1,2})[.)]\s+(?=[\"“«„A-ZА-ЯЁ])")
SIGNATURE_END = re.compile(
    r"(?<=[.!?:;»\"”)\]])\s+(?P<sig>[A-ZА-ЯЁ][A-ZА-ЯЁ'-]+(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ'-]+){0,3}\.?)\s*\Z")
# where heading and routing lines run together in one line are cut apart
HEADER_CUT = re.compile(r"(?<=\s)(?:(?:Copies|Copy|From|SERIES|Series|To|For|Кому|Копии|Копия|Серия|"
                        r"Экз\.|Откуда)\b|[A-ZА-ЯЁ][\w-]+,\s+\d{1,2}(?:\s+[^\W\d_]+\s+\d{4}|\.\d{1,2}\.\d{2,4}))")
# a trailer number or date at the very end of a run-on line
TRAILER_END = re.compile(r"(?<=\S)\s+(?P<t>(?:No\.|№)\s*\d[\d/-]*\.?|\d{1,2}\.\d{1,2}\.\d{2,4})\s*\Z")
# a paragraph that looks back on the points as a whole closes their list
BACK_REFERENCE = re.compile(r"\b(?:above|aforementioned|foregoing)\b|вышеуказанн|вышеизложенн|"
                            r"изложенн\w*\s+выше|указанн\w*\s+выше", re.IGNORECASE)
OPENING_QUOTES = {"“": "”", "«": "»", "„": "“", "\"": "\""}
LETTER = re.compile(r"[^\W\d_]")
_ANY_DAY = dt.date(1950, 1, 1)


@dataclass
class Segment:
    """One unit of one language: a stretch of one witness line."""

    kind: str              # head, seg.<type>, dateline, salute, p, item, itemp, signed, gap
    text: str              # the witness text, exactly
    line: int              # the record's line
    runs_on: bool = False  # the witness line goes on in the next segment
    point: str = ""        # an item's number ("3")
    list_no: int = 0       # the numbered list an item or a comment on it belongs to

    @property
    def family(self) -> str:
        return self.kind.split(".")[0]


@dataclass
class Segmentation:
    segments: list[Segment]
    truncated: bool        # the text breaks off (its last unit ends inside a word)
    run_on_lines: list[int]


def _letters(text: str) -> list[str]:
    return LETTER.findall(text)


def _upper_ratio(text: str) -> float:
    letters = _letters(text)
    return sum(ch.isupper() for ch in letters) / len(letters) if letters else 0.0


def _words(text: str) -> list[str]:
    return text.split()


def _dates(text: str, written: dt.date) -> list[tuple[int, int]]:
    try:
        return [(s.start, s.end) for s in find_dates(text, written) if not s.value.isalpha()]
    except DateError:
        return []


def is_gap(text: str) -> bool:
    return text.strip() in GAP_MARKS


def _is_date_only(text: str, written: dt.date) -> bool:
    stripped = text.strip()
    spans = _dates(stripped, written)
    if not spans:
        return False
    rest = stripped[: spans[0][0]] + stripped[spans[-1][1]:]
    return not _letters(rest.replace("г.", "").replace("года", ""))


def _routing(text: str) -> str | None:
    match = ROUTING_RE.match(text.strip())
    return ROUTING[match["word"].lower()] if match else None


def _is_signature(text: str) -> bool:
    stripped = text.strip()
    words = _words(stripped)
    letters = _letters(stripped)
    if not 1 <= len(words) <= 5 or len(letters) < 3 or stripped[0].isdigit():
        return False
    if any(ch in stripped for ch in "!?:\"“”«»") or _routing(stripped):
        return False
    if _caseless(letters):
        # a script without capitals (Chinese, Korean): a short name at the end of the text
        return len(stripped) <= 12 and stripped[-1] not in TERMINAL
    capitalised = all(w[0].isupper() for w in words if _letters(w))
    return _upper_ratio(stripped) >= 0.8 or (capitalised and len(words) <= 4 and not stripped.endswith(","))


def _caseless(letters: list[str]) -> bool:
    return bool(letters) and not any(ch.isupper() or ch.islower() for ch in letters)


def _is_closing_salute(text: str) -> bool:
    stripped = text.strip()
    return len(_words(stripped)) <= 8 and (stripped.endswith(",") or bool(CLOSING_RE.search(stripped)))


def _opener_kind(text: str, written: dt.date, seen_other: bool) -> str | None:
    """The kind of a whole line at the top of the text, or None if it starts the body."""
    stripped = text.strip()
    if is_gap(stripped):
        return "gap"
    words = _words(stripped)
    routing = _routing(stripped)
    if routing:
        return "dateline" if _dates(stripped, written) else f"seg.{routing}"
    salute = len(words) <= 8 and bool(SALUTE_RE.match(stripped) or CJK_SALUTE.search(stripped))
    if salute and stripped[-1] in "!！":
        return "salute"
    if len(words) <= 12 and ADDRESS_RE.match(stripped):
        return "seg.address"
    if salute and stripped[-1] in ".,:：，":
        return "salute"
    if len(words) <= 10 and _dates(stripped, written) and not stripped.endswith(":") \
            and _is_date_only_or_place(stripped, written):
        return "dateline"
    one_sentence = not re.search(r"[.!?]\s+[^\W\d_]|[。！？]", stripped[:-1])
    short = len(words) <= 8 and len(stripped) <= 60
    if len(words) <= 14 and one_sentence and (_upper_ratio(stripped) >= 0.7
                                              or (short and stripped[-1] not in TERMINAL)):
        return "seg.heading" if seen_other else "head"
    return None


def _is_date_only_or_place(text: str, written: dt.date) -> bool:
    spans = _dates(text, written)
    rest = text[: spans[0][0]] + text[spans[-1][1]:]
    return len(_words(rest)) <= 3


def _closer_kind(text: str, written: dt.date, signed: bool) -> str | None:
    """The kind of a whole line at the end of the text (read from the end), or None."""
    stripped = text.strip()
    if is_gap(stripped):
        return "gap"
    if NUMBER_LINE.match(stripped):
        return "seg.number"
    if _is_date_only(stripped, written) and len(_words(stripped)) <= 4:
        return "dateline"
    if not signed and _is_signature(stripped):
        return "signed"
    if signed and _is_closing_salute(stripped):
        return "salute"
    return None


# --- cutting run-on lines --------------------------------------------------------------

def _cut_opener(text: str, written: dt.date) -> list[tuple[str, str]]:
    """Cut a run-on line's leading omission mark, heading and routing lines, dateline and
    salutation off its body."""
    pieces: list[tuple[str, str]] = []
    rest = text
    for mark in GAP_MARKS:
        if rest.startswith(mark) and rest[len(mark):len(mark) + 1].isspace() and rest[len(mark):].strip():
            end = len(mark) + len(rest[len(mark):]) - len(rest[len(mark):].lstrip())
            pieces.append(("gap", rest[:end]))
            rest = rest[end:]
            break
    start = _inner_salute(rest)
    if start:
        seen_other = False
        for piece in _cut_header(rest[:start]):
            kind = _opener_kind(piece, written, seen_other)
            if kind in (None, "gap"):
                kind = "seg.heading" if seen_other else "head"
            seen_other = seen_other or kind != "head"
            pieces.append((kind, piece))
        rest = rest[start:]
    spans = _dates(rest[:60], written)
    if spans and not SALUTE_RE.match(rest):
        prefix = rest[: spans[0][0]]
        end = spans[0][1]
        suffix = re.match(r"(?:\s*(?:г\.|года)|\.)?", rest[end:])
        end += suffix.end() if suffix else 0
        tail = rest[end:]
        # a place (a few words and a comma) or nothing before the date, more text after it
        if len(prefix.split()) <= 3 and (not prefix.strip() or prefix.rstrip().endswith(",")) \
                and tail[:1].isspace() and tail.strip():
            end += len(tail) - len(tail.lstrip())
            pieces.append(("dateline", rest[:end]))
            rest = rest[end:]
    match = SALUTE_START.match(rest)
    if match:
        end = match.end() + len(rest[match.end():]) - len(rest[match.end():].lstrip())
        pieces.append(("salute", rest[:end]))
        rest = rest[end:]
    pieces.append(("body", rest))
    return pieces


def _inner_salute(text: str) -> int:
    """Where a salutation starts after heading and routing lines run into the same line
    (0: none, or it starts the line). What stands before it is mostly capitals and ends
    like a line: a full stop, a bracket, a quotation mark or a capital. Of several (an
    address "To Comrade X [Y]" before "Comrade X!"), the last."""
    if SALUTE_START.match(text):
        return 0
    found = 0
    for space in re.finditer(r"\s+", text[:500]):
        start = space.end()
        if not SALUTE_START.match(text, start):
            continue
        prefix = text[:start].rstrip()
        if prefix and (prefix[-1] in ".!?:»\"”)]" or prefix[-1].isupper() or prefix[-1].isdigit()) \
                and _upper_ratio(prefix) >= 0.35:
            found = start
    return found


def _cut_header(text: str) -> list[str]:
    """Heading and routing lines run together: cut before each routing or address word."""
    cuts = [m.start() for m in HEADER_CUT.finditer(text) if m.start() > 0]
    starts = [0, *cuts]
    return [text[a:b] for a, b in zip(starts, [*cuts, len(text)], strict=False) if text[a:b]]


def _signature_at(rest: str) -> re.Match[str] | None:
    match = SIGNATURE_END.search(rest)
    if match and _upper_ratio(rest[: match.start()]) < 0.7 and len(_letters(match["sig"])) >= 3:
        return match
    return None


def _cut_closer(text: str) -> list[tuple[str, str]]:
    """Cut a run-on line's trailing signature, trailer number and date, and omission mark
    off its body."""
    tail: list[tuple[str, str]] = []
    rest = text
    for mark in GAP_MARKS:
        stripped = rest.rstrip()
        if stripped.endswith(mark) and stripped[: -len(mark)].strip() and stripped[-len(mark) - 1].isspace():
            cut = len(stripped) - len(mark)
            tail.insert(0, ("gap", rest[cut:]))
            rest = rest[:cut]
            break
    # a trailer (number, date) counts only after a signature: a paragraph may end in a date
    trailer: list[tuple[str, str]] = []
    before_trailer = rest
    while (found := TRAILER_END.search(rest)) and rest[: found.start("t")].strip():
        cut = found.start("t")
        trailer.insert(0, ("seg.number" if found["t"][0] in "N№" else "dateline", rest[cut:]))
        rest = rest[:cut]
    match = _signature_at(rest)
    if match is None:
        rest, trailer = before_trailer, []
        match = _signature_at(rest)
    tail = trailer + tail
    if match:
        cut = match.start("sig")
        tail.insert(0, ("signed", rest[cut:]))
        rest = rest[:cut]
    return [("body", rest), *tail] if rest else tail


def _cut_points(text: str, last_point: int) -> list[str]:
    """Cut a line where numbered points begin inside it (each the next number), and after
    a point's closed quotation when a comment follows in the same line."""
    cuts: list[int] = []
    expected = last_point + 1
    for match in POINT_INSIDE.finditer(text):
        number = int(match["n"])
        if number in (expected, 1) and (number == 1 or cuts or last_point):
            cuts.append(match.start("n"))
            expected = number + 1
    starts = [0, *cuts]
    pieces = [text[a:b] for a, b in zip(starts, [*cuts, len(text)], strict=False)]
    out: list[str] = []
    for piece in pieces:
        out.extend(_cut_after_quotation(piece))
    return out


def _cut_after_quotation(piece: str) -> list[str]:
    start = POINT_START.match(piece)
    if not start:
        return [piece]
    opening = piece[start.end() - 1]
    closing = OPENING_QUOTES.get(opening)
    if closing is None:
        return [piece]
    close = piece.find(closing, start.end())
    if close < 0:
        return [piece]
    after = re.compile(r"[.,;]?(\s+)(?=[A-ZА-ЯЁ\"“«])").match(piece, close + 1)
    if not after or after.end() >= len(piece):
        return [piece]
    return [piece[: after.end()], piece[after.end():]]


# --- segmentation -----------------------------------------------------------------------

def segment(block: LanguageBlock, written: dt.date | None) -> Segmentation:
    """The units of one language block, in order."""
    day = written or _ANY_DAY
    lines = [line for line in block.lines if line.text.strip()]
    # the closer, read from the end: omission marks, trailer dates and numbers, signature
    closer: list[Segment] = []
    signed = False
    end = len(lines)
    while end > 0:
        kind = _closer_kind(lines[end - 1].text, day, signed)
        if kind is None:
            break
        signed = signed or kind == "signed"
        closer.insert(0, Segment(kind, lines[end - 1].text, lines[end - 1].number))
        end -= 1
        if kind == "salute":
            break
    opener: list[Segment] = []
    start = 0
    seen_other = False
    while start < end:
        kind = _opener_kind(lines[start].text, day, seen_other)
        if kind is None:
            break
        seen_other = seen_other or kind not in ("head", "gap")
        opener.append(Segment(kind, lines[start].text, lines[start].number))
        start += 1
    if not any(s.kind == "salute" for s in opener) and opener and opener[-1].kind == "seg.address" \
            and start < end:
        opener[-1].kind = "salute"
    body: list[Segment] = []
    run_on: list[int] = []
    for index in range(start, end):
        line = lines[index]
        parts = _cut_line(line, day, first=index == start, last=index == end - 1 and not
                          any(s.kind == "signed" for s in closer), opener_has_salute=any(
                              s.kind == "salute" for s in opener))
        if len(parts) > 1:
            run_on.append(line.number)
        body.extend(parts)
    segments = opener + body + closer
    _number_points(segments)
    # the aligner's judgement, so that the gap the edition marks and the "lost" flags agree
    truncated = broken_off([Unit(s.kind, s.text, s.line) for s in segments])
    return Segmentation(segments, truncated, run_on)


def _cut_line(line: Line, day: dt.date, *, first: bool, last: bool,
              opener_has_salute: bool) -> list[Segment]:
    """The units of one body line: usually one; several when the witness ran them together."""
    pieces: list[tuple[str, str]] = [("body", line.text)]
    if first:
        pieces = _cut_opener(line.text, day)
    if last:
        body_text = pieces[-1][1]
        pieces = pieces[:-1] + _cut_closer(body_text)
    out: list[tuple[str, str]] = []
    last_point = 0
    for kind, text in pieces:
        if kind != "body":
            out.append((kind, text))
            continue
        for part in _cut_points(text, last_point):
            match = POINT_START.match(part)
            if match:
                last_point = int(match["n"])
            out.append(("body", part))
    segments = [Segment(kind if kind != "body" else "p", text, line.number, runs_on=True)
                for kind, text in out if text]
    segments[-1].runs_on = False
    return segments


def _number_points(segments: list[Segment]) -> None:
    """Items, the paragraphs commenting them, and the lists they form."""
    list_no = 0
    in_list = False
    for seg in segments:
        if seg.kind != "p":
            continue
        match = POINT_START.match(seg.text)
        if match:
            if not in_list or int(match["n"]) == 1:
                list_no += 1
            seg.kind, seg.point, seg.list_no = "item", match["n"], list_no
            in_list = True
        elif in_list and not seg.text.rstrip().endswith(":") and not BACK_REFERENCE.search(seg.text):
            seg.kind, seg.list_no = "itemp", list_no
        else:
            in_list = False
