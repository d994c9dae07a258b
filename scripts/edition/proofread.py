"""Proofread a transcription file: characters of the wrong script (errors) and probable
slips (warnings), each with the file, line and column the editor wrote.

The checks look at what the editor vouches for: the witness text and the corrected reading
of ``{sic as written|corrected}``; the "as written" part is the witness kept on purpose and
is not questioned again (see :func:`edition.scriptcheck.source_text`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from pathlib import Path

from .errors import Problem
from .markup import HEAD_RE
from .registry import Registry, all_names
from .scriptcheck import Finding, mixed_scripts, source_text
from .slips import probable_slips

SCRIPT_HINT = ("keep what the witness has and record the reading: {{sic {word}|{reading}}} "
               "(docs/source-format.md, \"Inline markup\"); names then match on the corrected form")
SCRIPT_HINT_NO_READING = ("check the witness: retype the word in one alphabet if the transcription is "
                          "wrong, or keep it and record the reading with {sic as written|corrected}")
SLIP_HINT = ("if the witness has this slip, keep it and record the reading: {{sic {word}|{reading}}}; "
             "if the transcription is wrong, retype it; if the word is right, leave it (this is a warning)")


def known_words(registry: Registry | None) -> frozenset[str]:
    """The register's name forms, word by word in lower case: they are not slips."""
    if registry is None:
        return frozenset()
    words: set[str] = set()
    for entity in registry:
        for forms in all_names(entity).values():
            for form in forms:
                words.update(w.lower() for w in re.findall(r"\w+", form))
    return frozenset(words)


def proofread_registry(registry: Registry) -> list[Problem]:
    """Register names and match forms in the wrong script: a form typed with look-alikes
    («HAM ИР» with Latin letters) would match the corrupted text and bury the corruption in
    the register, so it is an error at the record."""
    problems: list[Problem] = []
    for entity in registry:
        seen: set[tuple[str, str]] = set()
        for lang, forms in all_names(entity).items():
            for form in (*forms, entity.names.get(lang, "")):
                if not form or (lang, form) in seen:
                    continue
                seen.add((lang, form))
                findings = mixed_scripts(form, lang, in_lang_script=True)
                reading = form
                for f in sorted(findings, key=lambda f: -f.start):
                    reading = reading[:f.start] + (f.reading or f.word) + reading[f.end:]
                for f in findings:
                    problems.append(Problem(
                        entity.file, entity.line,
                        f"[{entity.id}] the {lang} name {form!r}: {f.message}",
                        f"write the name in one alphabet: {reading!r}; a corrupted form in a document "
                        "is recorded there with {sic as written|corrected}, not added here"))
    return problems


def block_lines(text: str) -> Iterable[tuple[int, int, str]]:
    """(line number, column offset, text after '| ') of each block line of a transcription."""
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = HEAD_RE.match(line)
        if match and match["text"] is not None:
            yield number, match.start("text"), match["text"]


def proofread_text(text: str, lang: str, path: Path | str, known: Collection[str] = (), *,
                   slips: bool = True) -> list[Problem]:
    """Every finding of a transcription's text: script errors, then (``slips``) slip warnings."""
    problems: list[Problem] = []
    for number, offset, raw in block_lines(text.lstrip("\ufeff")):
        checked = source_text(raw)
        for f in mixed_scripts(checked, lang):
            problems.append(_problem(path, number, offset, f, "error"))
        for f in probable_slips(checked, lang, known) if slips else ():
            problems.append(_problem(path, number, offset, f, "warning"))
    return sorted(problems, key=lambda p: (p.severity != "error", p.line or 0, p.column or 0))


def proofread_file(path: Path, lang: str, known: Collection[str] = (), *,
                   slips: bool = True) -> list[Problem]:
    return proofread_text(path.read_text(encoding="utf-8"), lang, path, known, slips=slips)


def _problem(path: Path | str, line: int, offset: int, f: Finding, severity: str) -> Problem:
    if severity == "warning":
        hint = SLIP_HINT.format(word=f.word, reading=f.reading)
    elif f.reading:
        hint = SCRIPT_HINT.format(word=f.word, reading=f.reading)
    else:
        hint = SCRIPT_HINT_NO_READING
    return Problem(path, line, f.message, hint, column=offset + f.column, severity=severity)
