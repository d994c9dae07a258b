"""Find characters of the wrong script: words mixing Latin, Cyrillic and Greek letters, whole
words typed in the other alphabet's look-alikes, and look-alike letters or foreign punctuation
inside numbers.

A transcription typed from a scan or an OCR layer often carries Latin letters that look
Cyrillic (``HAM`` with Latin H, A, M inside Russian text). They look right and read wrong:
names then fail to match, search misses the word, a date is not recognised. Each finding
names the characters (with their Unicode names, since they look the same) and gives the
reading in one script. The encoder never changes the witness: the editor keeps what the
witness has and records the reading with ``{sic as written|corrected}``.

:func:`mixed_scripts` looks at plain text; :func:`source_text` masks a transcription line's
markup so that findings keep the columns of the line the editor wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LATIN, CYRILLIC, GREEK = "Latin", "Cyrillic", "Greek"
SCRIPT_OF_LANG = {"ru": CYRILLIC, "uk": CYRILLIC, "be": CYRILLIC, "bg": CYRILLIC, "sr": CYRILLIC,
                  "en": LATIN, "de": LATIN, "fr": LATIN, "el": GREEK}

# Letters that look alike across scripts (in the upright print and typewriter faces of the
# archives), as pairs per direction. Only look-alikes are listed: a reading is offered only
# where the letter can be read in the other script without doubt.
_LAT_CYR = dict(zip("ABCEHKMOPTXYaceopxy", "АВСЕНКМОРТХУасеорху", strict=True))
_GRE_LAT = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνυ", "ABEZHIKMNOPTYXoikvu", strict=True))
_GRE_CYR = dict(zip("ΑΒΕΗΚΜΟΡΤΧΦΓΠοκ", "АВЕНКМОРТХФГПок", strict=True))
TO_SCRIPT: dict[tuple[str, str], dict[str, str]] = {
    (LATIN, CYRILLIC): _LAT_CYR,
    (CYRILLIC, LATIN): {v: k for k, v in _LAT_CYR.items()},
    (GREEK, LATIN): _GRE_LAT,
    (GREEK, CYRILLIC): _GRE_CYR,
    (LATIN, GREEK): {v: k for k, v in _GRE_LAT.items()},
    (CYRILLIC, GREEK): {v: k for k, v in _GRE_CYR.items()},
}
# Letters read as digits when they stand among digits (1O for 10, З8 for 38, l951 for 1951).
# Only letters no abbreviation glues to a number (B-29, 5S and 3D stay as written).
DIGIT_LOOKALIKES = {"O": "0", "o": "0", "О": "0", "о": "0", "Ο": "0", "ο": "0",
                    "l": "1", "I": "1", "І": "1", "і": "1", "З": "3", "з": "3"}
# Punctuation from other scripts that looks like ASCII punctuation and breaks dates and times.
PUNCT_LOOKALIKES = {"\u037e": ";", "\u0589": ":", "\ua789": ":", "\u2236": ":", "\u201a": ",",
                    "\u2024": ".", "\u0387": ".", "\u02d0": ":", "\u05c3": ":", "\u2215": "/"}

WORD_RE = re.compile(r"[^\W\d_]+(?:[\u0300-\u036f][^\W\d_]*)*")
NUMBERISH_RE = re.compile(r"[0-9A-Za-zА-Яа-яЁёΑ-Ωα-ω]*[0-9][0-9A-Za-zА-Яа-яЁёΑ-Ωα-ω]*")
ROMAN_RE = re.compile(r"(?=[IVXLCDM]{2}|[IVX]\Z)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\Z")


@dataclass(frozen=True)
class Finding:
    """One suspect word. ``start``/``end`` index the text that was checked; ``reading`` is the
    suggested reading ("" when none can be offered); ``chars`` the characters involved."""

    start: int
    end: int
    word: str
    reading: str
    message: str
    chars: tuple[str, ...] = ()
    kind: str = "mixed-script"

    @property
    def column(self) -> int:
        """1-based column of the word in the checked text."""
        return self.start + 1


def script(ch: str) -> str | None:
    """The script of a letter (Latin, Cyrillic, Greek), or None for anything else."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for candidate in (LATIN, CYRILLIC, GREEK):
        if name.startswith(candidate.upper()):
            return candidate
    return None


def describe(ch: str) -> str:
    """``'H' (U+0048 LATIN CAPITAL LETTER H)``: the name tells look-alikes apart."""
    return f"{ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')})"


def _convert(word: str, source: str, target: str) -> str | None:
    table = TO_SCRIPT.get((source, target), {})
    out = []
    for ch in word:
        if script(ch) == source:
            if ch not in table:
                return None
            out.append(table[ch])
        else:
            out.append(ch)
    return "".join(out)


def _line_script(text: str, lang: str | None) -> str | None:
    """The script most letters of ``text`` are in; the language's script as a tie-break."""
    counts: dict[str, int] = {}
    for ch in text:
        s = script(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return SCRIPT_OF_LANG.get(lang or "")
    best = max(counts.values())
    leaders = [s for s, n in counts.items() if n == best]
    preferred = SCRIPT_OF_LANG.get(lang or "")
    return preferred if preferred in leaders or len(leaders) > 1 else leaders[0]


def _neighbour_scripts(words: list[re.Match[str]], index: int) -> set[str]:
    found: set[str] = set()
    for j in (index - 1, index + 1):
        if 0 <= j < len(words):
            found |= {s for s in map(script, words[j].group()) if s}
    return found


def mixed_scripts(text: str, lang: str | None = None, *, in_lang_script: bool = False) -> list[Finding]:
    """Words of ``text`` whose letters are not all of one script, whole words typed in
    look-alikes of the surrounding script, and look-alikes inside numbers; in text order.

    ``lang`` (ISO 639-1) breaks ties: a word of two Latin and two Cyrillic letters in
    Russian text is read as Cyrillic. ``in_lang_script``: the whole text is in the
    language's script (a register name form), whatever most of its letters are."""
    findings: list[Finding] = []
    main = SCRIPT_OF_LANG.get(lang or "") if in_lang_script else None
    main = main or _line_script(text, lang)
    words = list(WORD_RE.finditer(text))
    for index, m in enumerate(words):
        word = m.group()
        scripts = [s for s in map(script, word) if s]
        kinds = set(scripts)
        if len(kinds) > 1:
            findings.append(_mixed_word(m, scripts, main))
        elif len(kinds) == 1:
            (own,) = kinds
            around = _neighbour_scripts(words, index)
            if own != main and main in around and own not in around and not ROMAN_RE.match(word):
                reading = _convert(word, own, main)
                if reading is not None and reading != word:
                    chars = tuple(dict.fromkeys(ch for ch in word if script(ch) == own))
                    findings.append(Finding(
                        m.start(), m.end(), word, reading,
                        f"{word!r} is typed in {own} letters that look {main} in {main} text "
                        f"({', '.join(map(describe, chars))}); read in {main}: {reading!r}",
                        chars))
    findings += _numbers(text)
    findings += _punctuation(text)
    return sorted(findings, key=lambda f: f.start)


def _mixed_word(m: re.Match[str], scripts: list[str], main: str | None) -> Finding:
    word = m.group()
    counts = {s: scripts.count(s) for s in set(scripts)}
    # Read the word in the script of the text around it when it can be (HAМ in Russian
    # text is НАМ), else in its majority script.
    order = sorted(counts, key=lambda s: (s != main, -counts[s]))
    reading = ""
    for target in order:
        converted = word
        for source in counts:
            if source != target and converted is not None:
                converted = _convert(converted, source, target)
        if converted is not None:
            reading = converted
            break
    target = script(next((c for c in reading if script(c)), "")) if reading else order[0]
    chars = tuple(dict.fromkeys(ch for ch in word if script(ch) not in (None, target)))
    shown = ", ".join(map(describe, chars))
    tail = f"read in {target}: {reading!r}" if reading else \
        "no reading in one script can be offered: check the witness"
    return Finding(m.start(), m.end(), word, reading,
                   f"{word!r} mixes {' and '.join(sorted(counts))} letters ({shown}); {tail}", chars)


def _numbers(text: str) -> list[Finding]:
    findings = []
    for m in NUMBERISH_RE.finditer(text):
        token = m.group()
        letters = [ch for ch in token if not ch.isdigit()]
        if not letters or not all(ch in DIGIT_LOOKALIKES for ch in letters):
            continue
        # A look-alike counts only between digits or as a digit group's own member
        # (195O, 1O), never as a suffix of two or more letters (10th, 5км are other checks).
        if len(letters) > 1 and not any(token[i].isdigit() and token[i + 1] in DIGIT_LOOKALIKES
                                        and i + 2 < len(token) and token[i + 2].isdigit()
                                        for i in range(len(token) - 2)):
            continue
        reading = "".join(DIGIT_LOOKALIKES.get(ch, ch) for ch in token)
        chars = tuple(dict.fromkeys(letters))
        findings.append(Finding(m.start(), m.end(), token, reading,
                                f"the number {token!r} has letters that look like digits "
                                f"({', '.join(map(describe, chars))}); read as {reading!r}",
                                chars, kind="confusable-in-number"))
    return findings


def _punctuation(text: str) -> list[Finding]:
    findings = []
    for i, ch in enumerate(text):
        ascii_ = PUNCT_LOOKALIKES.get(ch)
        if ascii_ is None and unicodedata.category(ch).startswith(("N", "P")) and \
                0xFF01 <= ord(ch) <= 0xFF5E:  # fullwidth digits and punctuation
            ascii_ = chr(ord(ch) - 0xFEE0)
        if ascii_ is None and ch.isdigit() and not ("0" <= ch <= "9"):
            ascii_ = str(unicodedata.digit(ch, "")) if unicodedata.digit(ch, None) is not None else None
        if ascii_ is None:
            continue
        findings.append(Finding(i, i + 1, ch, ascii_,
                                f"{describe(ch)} looks like {ascii_!r} but is another character; "
                                f"read as {ascii_!r}", (ch,), kind="confusable-punctuation"))
    return findings


# --- transcription lines ------------------------------------------------------------

_SKIP_BRACES = ("{gap ", "{!")


def source_text(line: str) -> str:
    """``line`` (the text after 'KIND … | ') with markup masked by spaces, so that the
    checkers see what the editor vouches for at the columns the editor wrote it: the witness
    text, the corrected reading of ``{sic as written|corrected}`` (the "as written" part is
    the witness kept on purpose), the text of names, dates and notes. ``{!…}`` is left
    unchecked: the editor says the text is what it is."""
    out = list(line)
    i = 0
    depth_skip: list[str] = []  # per open brace: "keep" or "skip"
    while i < len(line):
        ch = line[i]
        skipping = "skip" in depth_skip
        if ch == "\\" and i + 1 < len(line):
            out[i] = " "
            if skipping:
                out[i + 1] = " "
            i += 2
            continue
        if ch == "{":
            rest = line[i:]
            if rest.startswith(_SKIP_BRACES):
                depth_skip.append("skip")
                out[i] = " "
            elif rest.startswith("{sic "):
                bar = _unescaped(line, "|", i)
                stop = bar if bar is not None else len(line)
                for j in range(i, min(stop + 1, len(line))):
                    out[j] = " "
                depth_skip.append("keep")
                i = stop + 1
                continue
            else:
                m = re.match(r"\{(?:@\S+ |date \S+ |note |[a-z]+ )?", rest)
                end = i + (m.end() if m else 1)
                for j in range(i, end):
                    out[j] = " "
                depth_skip.append("keep")
                i = end
                continue
        elif ch == "}" and depth_skip:
            depth_skip.pop()
            out[i] = " "
        elif ch in "[]":
            out[i] = " "
        if skipping:
            out[i] = " "
        i += 1
    return "".join(out)


def _unescaped(text: str, char: str, start: int) -> int | None:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        if text[i] == "}":
            return None
        i += 1
    return None
