"""What a register record asserts beyond its names, each fact with a source a reader can
follow: offices held (with dates), a probable identification, names in the original
script, how the name is structured and sorts, which names the edition wrote itself.

The rule for sources (docs/registry.md, "Sources"): a source is a URL or a bibliographic
reference a reader can look up. A path on somebody's disk, a project's notebook or a
software package's documentation is not one; :func:`source_problem` says why a given
source is refused. :mod:`edition.registry.check` reads the fields with the helpers here and
reports every problem with the record's file and line."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CERTAINTIES = ("high", "medium", "low")
# ISO 8601 date of a year, a month or a day (an office's dates are often known to the year).
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# A path-like source: a file of a project or a disk, not something a reader can follow.
_LOCAL_PATH = re.compile(
    r"(^|[\s(\"'])("
    r"\.{0,2}/|~/|[A-Za-z]:\\|file:"                       # /abs, ./rel, ../rel, ~/, C:\, file:
    r"|[\w.-]+/[\w./-]*\.(md|toml|txt|py|json|xml|csv|yaml|yml)\b"  # some/dir/file.md
    r"|[\w.-]+\.(md|toml|py)\b"                          # notes.md, facts.md
    r")")
# Documentation of software packages: not a source for a historical or geographical fact.
_PACKAGE_DOCS = re.compile(r"https?://(pub\.dev|pypi\.org|www\.npmjs\.com|docs\.rs|crates\.io|"
                           r"[\w.-]*readthedocs\.io|pkg\.go\.dev)/", re.I)


def source_problem(text: str) -> str | None:
    """Why ``text`` is not a source a reader can follow, or None if it may be one."""
    if not text.strip():
        return "the source is empty"
    without_urls = re.sub(r"https?://\S+", " ", text)
    if _LOCAL_PATH.search(without_urls):
        return "the source is a local path, which a reader cannot follow"
    if _PACKAGE_DOCS.search(text):
        return "the source is a software package's documentation, not a source for the fact"
    return None


SOURCE_HINT = ("name a public source: a URL, or a bibliographic reference (author, title, "
               "publication, page); see docs/registry.md, \"Sources\"")


@dataclass(frozen=True)
class Office:
    """An office (or rank, or function) the person held, with when, as a source gives it."""

    title: dict[str, str]     # by language; en required
    source: str
    start: str = ""           # ISO year, month or day; "" unknown
    end: str = ""
    when: str = ""            # attested at this date, where the span is not known


@dataclass(frozen=True)
class Identification:
    """Who a person named in the documents very probably (or possibly) was: the
    identification is the edition's, with its certainty, reasoning and sources."""

    cert: str                 # high | medium | low
    names: dict[str, str]     # the identified person's full name by language
    reasoning: str
    source: str


@dataclass(frozen=True)
class NativeName:
    """The name in its original script (Chinese, Korean …), where a source gives it."""

    lang: str
    text: str
    source: str


@dataclass(frozen=True)
class NameParts:
    """How the English name is built, for citations and sorting: family and given name in
    the order the name is written (Mao Zedong: family Mao, given Zedong)."""

    family: str = ""
    given: str = ""
    sort: str = ""            # an explicit sort key; "" = derived


Report = Callable[[str | None, str, str], None]   # (key, message, hint)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def check_source(value: Any, key: str, report: Report, what: str) -> str | None:
    text = _text(value)
    if text is None:
        report(key, f"{what} has no source", SOURCE_HINT)
        return None
    problem = source_problem(text)
    if problem:
        report(key, f"{what}: {problem} ({text!r})", SOURCE_HINT)
        return None
    return text


def _partial_date(value: Any, key: str, report: Report, what: str) -> str:
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else value
    if not isinstance(text, str) or not PARTIAL_DATE.fullmatch(text):
        report(key, f"{what}: bad date {value!r}", "write YYYY, YYYY-MM or YYYY-MM-DD")
        return ""
    return text


def offices(value: Any, report: Report) -> tuple[Office, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        report("office", "offices must be [[id.office]] tables", "see docs/registry.md")
        return ()
    result = []
    for item in value:
        unknown = set(item) - {"title", "from", "to", "when", "source"}
        for key in sorted(unknown):
            report("office", f"unknown office field {key!r}", "office fields: title, from, to, when, source")
        title = item.get("title")
        if not isinstance(title, dict) or not _text(title.get("en")):
            report("office", "an office needs title.en", 'write title.en = "…" (as at the time)')
            continue
        what = f"office {title['en']!r}"
        source = check_source(item.get("source"), "office", report, what)
        start = _partial_date(item.get("from"), "office", report, what)
        end = _partial_date(item.get("to"), "office", report, what)
        when = _partial_date(item.get("when"), "office", report, what)
        if not (start or end or when):
            report("office", f"{what} has no date", "give from/to, or when (a date it is attested)")
            continue
        if start and end and end < start:
            report("office", f"{what}: ends before it begins")
        if source:
            result.append(Office({k: v.strip() for k, v in title.items() if _text(v)}, source,
                                 start, end, when))
    return tuple(result)


def identification(value: Any, report: Report) -> Identification | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        report("identification", "identification must be a table", "see docs/registry.md")
        return None
    unknown = set(value) - {"cert", "name", "reasoning", "source"}
    for key in sorted(unknown):
        report("identification", f"unknown identification field {key!r}",
               "identification fields: cert, name, reasoning, source")
    cert = value.get("cert")
    if cert not in CERTAINTIES:
        report("identification", f"identification cert {cert!r}",
               "write cert = \"high\", \"medium\" or \"low\": how sure the identification is")
        return None
    names = value.get("name")
    if not isinstance(names, dict) or not _text(names.get("en")):
        report("identification", "an identification needs name.en", "the identified person's full name")
        return None
    reasoning = _text(value.get("reasoning"))
    if reasoning is None:
        report("identification", "an identification needs its reasoning",
               "say on what evidence the identification rests")
        return None
    source = check_source(value.get("source"), "identification", report, "the identification")
    if source is None:
        return None
    return Identification(cert, {k: v.strip() for k, v in names.items() if _text(v)}, reasoning, source)


def native_names(value: Any, report: Report) -> tuple[NativeName, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        report("native", "native must be a table", 'write native = { zh = "…", source = "…" }')
        return ()
    source = check_source(value.get("source"), "native", report, "the original-script name")
    names = {k: v for k, v in value.items() if k != "source"}
    if not names:
        report("native", "native names no language", 'write native = { zh = "…", source = "…" }')
    result = []
    for lang, text in names.items():
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{4})?", lang) or not _text(text):
            report("native", f"native.{lang}: not a language with a name", "e.g. zh = \"毛泽东\"")
        elif source:
            result.append(NativeName(lang, text.strip(), source))
    return tuple(result)


def name_parts(record: dict[str, Any], english: str | None, report: Report) -> NameParts:
    family, given, sort = (record.get(k) for k in ("family", "given", "sort"))
    for key, value in (("family", family), ("given", given), ("sort", sort)):
        if value is not None and not _text(value):
            report(key, f"{key!r} must be a non-empty string")
    family, given, sort = _text(family) or "", _text(given) or "", _text(sort) or ""
    if (family or given) and english and english not in (f"{given} {family}".strip(),
                                                        f"{family} {given}".strip()):
        report("family", f"family {family!r} and given {given!r} do not make the name {english!r}",
               "write family and given as the English name writes them (in either order)")
    return NameParts(family, given, sort)


def default_sort_key(kind: str, english: str, parts: NameParts) -> str:
    """Persons sort by family name (the last word of the English name unless the record
    says otherwise); everything else by its name."""
    if parts.sort:
        return parts.sort
    if kind != "person":
        return english
    if parts.family:
        return f"{parts.family} {parts.given}".strip()
    words = english.split()
    return " ".join([words[-1], *words[:-1]]) if len(words) > 1 else english


def backtranslated(value: Any, names: dict[str, str], report: Report) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report("backtranslated", "backtranslated must be a list of language codes", 'e.g. ["ru"]')
        return ()
    for lang in value:
        if lang not in names:
            report("backtranslated", f"backtranslated names {lang!r}, but the record has no name.{lang}")
    return tuple(v for v in value if v in names)
