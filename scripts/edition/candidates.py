"""`edition entities DOCUMENT`: names in a document's witness texts that no registry record
covers, so that the editor can register them (or decide they are not names).

Two suggesters, both deliberately generous, since the editor reads the list: natasha's
named-entity recogniser (Russian only, optional) and a heuristic that takes runs of
capitalised or all-capital words. Whatever the registry's matcher already finds is left
out. Two findings the encoder refuses are listed as well, so that the editor sees them
here first: names several records match alike (linked to none) and words typed in mixed
scripts (a Cyrillic «а» in "Stalin"). Nothing is written: this only prints."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from .errors import EditionError, Problem
from .markup import parse_file, witness_text
from .names import Mention, matcher_for, morph_analyzer
from .names.russian import PROPER_TAGS
from .paths import Project
from .proofread import proofread_file, proofread_registry
from .registry import LANG_PATTERN, Registry


def _words(text: str) -> list[str]:
    return text.split()


# Closed-class words and forms of address are capitalised at the start of a sentence, in
# headings and in salutations, but never name anything.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_words("""
        a an the and or but nor if then than that this these those of in on at to from by
        for with within without into onto over under about after before between among
        through during as is are was were be been it its he she we they i you his her our
        their your my me him us them who whom which what when where whence how why not no
        yes all any some each both either neither one other such so also very there here
        comrade comrades cde mr mrs ms dr
        january february march april may june july august september october november
        december monday tuesday wednesday thursday friday saturday sunday
    """)),
    "ru": frozenset(_words("""
        и или а но да же ли не ни в во на с со к ко о об от до по за из у для при без над
        под про через это этот эта эти тот та те то он она оно они мы вы я ты его ее её их
        наш наша наше наши ваш ваша ваше ваши мой моя мое моё мои кто что где когда как
        почему все всё весь вся так также тов товарищ товарищи
    """)),
}
# pymorphy3 grammemes of proper names (the declension's): a capitalised Russian word with
# none of them among its analyses is an ordinary word that happens to start a sentence or heading.
PROPER_GRAMMEMES = PROPER_TAGS
SENTENCE_START = re.compile(r"(?:^\s*|[.!?…:;]\s*|[\"“”«»„(\[]\s*|^\s*\d+[.)]\s*)$")
WORD = re.compile(r"\w+(?:[-\u2010\u2011']\w+)*")


@dataclass(frozen=True)
class Candidate:
    line: int
    text: str
    source: str  # "natasha PER", "capitals", …


@dataclass(frozen=True)
class Ambiguous:
    """A name several records match alike (witness line, text, record ids)."""

    line: int
    text: str
    refs: tuple[str, ...]


def report_candidates(project: Project, doc_id: str, use_natasha: bool = True,
                      out: TextIO | None = None) -> int:
    out = out or sys.stdout
    folder = project.documents / doc_id
    if not folder.is_dir():
        raise EditionError(Problem(folder, None, f"no document {doc_id!r}",
                                   "document ids are the folder names in "
                                   f"{project.documents}"))
    # The transcriptions, not witness/: every document has them, and their line numbers
    # are the ones an editor edits. The markup is removed first (witness_text), so
    # notes and registry ids are not mistaken for names.
    transcriptions = sorted(p for p in folder.glob("*.txt") if LANG_PATTERN.fullmatch(p.stem))
    if not transcriptions:
        raise EditionError(Problem(folder, None, f"document {doc_id!r} has no transcription yet",
                                   "write <lang>.txt (docs/source-format.md)"))
    registry = Registry.load(project.registry)
    for problem in proofread_registry(registry):
        print(problem, file=out)
    natasha_note = ""
    for path in transcriptions:
        lang = path.stem
        transcription = parse_file(path, lang)
        text = witness_text(transcription)
        block_lines = [block.line for block in transcription.blocks]
        found = find_candidates(text, lang, registry, use_natasha)
        if use_natasha and lang == "ru" and natasha_tagger() is None:
            natasha_note = ("note: natasha is not installed (pip install 'edition[suggest]'); "
                            "only the capitalisation heuristic ran")
        print(f"{lang}: {path}", file=out)
        if not found:
            print("  no unregistered names found", file=out)
        for candidate in found:
            print(f"  {block_lines[candidate.line - 1]}: {candidate.text}  [{candidate.source}]", file=out)
        _report_ambiguous(path, find_ambiguous(text, lang, registry), block_lines, registry, out)
        for problem in proofread_file(path, lang, slips=False):
            if problem.severity == "error":
                print(f"  wrong script: {problem}".replace("\n", "\n  "), file=out)
    if natasha_note:
        print(natasha_note, file=out)
    return 0


def find_candidates(text: str, lang: str, registry: Registry,
                    use_natasha: bool = True) -> list[Candidate]:
    """Unregistered name candidates in a witness text, one per line and spelling."""
    lines = text.splitlines(keepends=True)
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line)
    covered: list[tuple[int, int]] = []
    for start, line in zip(offsets, lines, strict=True):
        covered += [(start + m.start, start + m.end)
                    for m in _mentions(line, lang, registry)]
    spans: list[tuple[int, int, str]] = []
    if use_natasha and lang == "ru":
        spans += _natasha_spans(text)
    spans += _capitalised_spans(text, lang)

    result: dict[tuple[int, str], Candidate] = {}
    for start, end, source in sorted(spans):
        for piece_start, piece_end in _subtract(start, end, covered):
            piece = text[piece_start:piece_end].strip(" -\u2010\u2011'\"“”«»,.;:!?()[]")
            if not any(c.isalpha() for c in piece):
                continue
            line = _line_of(offsets, piece_start)
            key = (line, piece.casefold())
            if key in result:
                if source not in result[key].source:
                    result[key] = Candidate(line, result[key].text,
                                            f"{result[key].source}, {source}")
                continue
            result[key] = Candidate(line, piece, source)
    return sorted(result.values(), key=lambda c: (c.line, c.text))


def find_ambiguous(text: str, lang: str, registry: Registry) -> list[Ambiguous]:
    """Names in a witness text that several records match alike, one per line and spelling."""
    found: dict[tuple[int, str], Ambiguous] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for a in matcher_for(registry, lang).find_all(line)[1]:
            piece = line[a.start:a.end]
            found.setdefault((number, piece), Ambiguous(number, piece, a.refs))
    return sorted(found.values(), key=lambda a: (a.line, a.text))


def _report_ambiguous(path: Path, found: list[Ambiguous], block_lines: list[int], registry: Registry,
                      out: TextIO) -> None:
    if not found:
        return
    source = path.read_text(encoding="utf-8").split("\n")
    print("  names several records match alike (linked to none; encode refuses them):", file=out)
    for a in found:
        line = block_lines[a.line - 1]
        at = source[line - 1].find(a.text) if line <= len(source) else -1
        where = f"{line}:{at + 1}" if at >= 0 else f"{line}"
        records = ", ".join(f"{ref} ({registry.entities[ref].file}:{registry.entities[ref].line})"
                            for ref in a.refs)
        print(f"  {where}: {a.text}  -> {records}", file=out)
    print("    what to do: mark each mention by hand with the record meant ({@id name}), or make "
          "one record's match forms more specific (docs/registry.md)", file=out)


def _mentions(line: str, lang: str, registry: Registry) -> list[Mention]:
    """What the registry covers: its mentions and the names several records match alike
    (those are registered too, and listed on their own)."""
    mentions, ambiguities = matcher_for(registry, lang).find_all(line)
    return mentions + [Mention(a.start, a.end, a.refs, "name") for a in ambiguities]


def _line_of(offsets: list[int], position: int) -> int:
    low, high = 0, len(offsets) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if offsets[mid] <= position:
            low = mid
        else:
            high = mid - 1
    return low + 1


def _subtract(start: int, end: int,
              covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [(start, end)]
    for c_start, c_end in covered:
        if c_end <= start or c_start >= end:
            continue
        next_pieces = []
        for p_start, p_end in pieces:
            if c_end <= p_start or c_start >= p_end:
                next_pieces.append((p_start, p_end))
                continue
            if p_start < c_start:
                next_pieces.append((p_start, c_start))
            if c_end < p_end:
                next_pieces.append((c_end, p_end))
        pieces = next_pieces
    return pieces


# --- the capitalisation heuristic ---------------------------------------------------------

def _capitalised_spans(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Runs of words that start with a capital letter (or are all capitals), joined by
    single spaces. A lone capitalised word at the start of a sentence is left out unless
    it is all capitals: it is usually an ordinary word."""
    stop = FUNCTION_WORDS.get(lang, frozenset())
    spans = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        if run:
            spans.extend(_run_spans(text, run, lang))
        run.clear()

    for m in WORD.finditer(text):
        word = m.group()
        if not word[0].isupper() or word.casefold() in stop or not _has_letters(word):
            flush()
            continue
        if run and text[run[-1].end():m.start()] not in (" ", "\u00a0"):
            flush()
        run.append(m)
    flush()
    return spans


def _run_spans(text: str, run: list[re.Match[str]], lang: str) -> list[tuple[int, int, str]]:
    if lang == "ru":
        # «Прошу Вас», «Беженцы Северной …»: ordinary words capitalised by position or
        # courtesy are trimmed from either end of a run.
        run = trim_ordinary_russian(run)
    if not run:
        return []
    words = [m.group() for m in run]
    if len(run) == 1:
        word = words[0]
        if sum(c.isalpha() for c in word) < 2:
            return []
        line_start = text.rfind("\n", 0, run[0].start()) + 1
        before = text[line_start:run[0].start()]
        if SENTENCE_START.search(before) and not word.isupper():
            return []
    source = "capitals" if all(w.isupper() for w in words) else "capitalised"
    return [(run[0].start(), run[-1].end(), source)]


def _has_letters(word: str) -> bool:
    return any(c.isalpha() for c in word)


def ordinary_russian_word(word: str, proper: tuple[str, ...] = PROPER_GRAMMEMES) -> bool:
    """A capitalised Russian word that pymorphy3 knows and reads with none of the ``proper``
    grammemes in any analysis: an ordinary word (a word in capitals never is)."""
    if word.isupper():
        return False
    morph = morph_analyzer()
    if not morph.word_is_known(word.lower()):
        return False
    return not any(any(g in p.tag for g in proper) for p in morph.parse(word))


def trim_ordinary_russian(run: list[re.Match[str]],
                          proper: tuple[str, ...] = PROPER_GRAMMEMES) -> list[re.Match[str]]:
    """A run of capitalised words without the ordinary words at either end."""
    while run and ordinary_russian_word(run[0].group(), proper):
        run = run[1:]
    while run and ordinary_russian_word(run[-1].group(), proper):
        run = run[:-1]
    return run


# --- natasha ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def natasha_tagger() -> tuple[Any, Any] | None:
    try:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter
    except ImportError:
        return None
    return Segmenter(), NewsNERTagger(NewsEmbedding())


def natasha_spans(text: str) -> list[tuple[int, int, str]]:
    """The persons, places and organisations natasha finds in a Russian text, as (start,
    stop, PER | LOC | ORG); none when natasha is not installed."""
    tagger = natasha_tagger()
    if tagger is None:
        return []
    from natasha import Doc

    segmenter, ner = tagger
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(ner)
    return [(span.start, span.stop, span.type) for span in doc.spans
            if span.type in ("PER", "LOC", "ORG")]


def _natasha_spans(text: str) -> list[tuple[int, int, str]]:
    return [(start, stop, f"natasha {kind}") for start, stop, kind in natasha_spans(text)]


def witness_path(project: Project, doc_id: str, lang: str) -> Path:
    return project.documents / doc_id / "witness" / f"{lang}.txt"
