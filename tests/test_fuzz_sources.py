"""Fuzzing the readers of what editors write: metadata.toml, registry TOML, transcriptions.

Hypothesis writes files from the fields the loaders know, with values of the right and of
the wrong kind (numbers for strings, strings for lists, tables for ids, control
characters, deep nesting, bytes that are not UTF-8), and near misses of the real files
(one key's value replaced). Every file is either read or refused with EditionError
naming the file: never another exception (a traceback). Bounded here (FUZZ_EXAMPLES,
default 60 per reader); set FUZZ_EXAMPLES=2000 for a longer run."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from conftest import CORPUS
from edition.errors import EditionError
from edition.markup import parse_text
from edition.metadata import load_document
from edition.registry import Registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
TELEGRAM = "1951-07-03-mao-to-filippov"

# TOML values of every kind, including characters XML cannot carry.
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
scalars = st.one_of(texts, st.integers(-10**6, 10**6), st.booleans(), st.floats(allow_nan=False),
                    st.dates(), st.just(""), st.just("javascript:alert(1)"))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(["en", "ru", "x"]),
                                                                       inner, max_size=3)),
                      max_leaves=10)


def toml_value(value: object) -> str:
    """``value`` written as TOML (inline), the way an editor could write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()  # type: ignore[union-attr]
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}"
                             if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


REAL_METADATA = (CORPUS / "source" / "documents" / TELEGRAM / "metadata.toml").read_text(encoding="utf-8")
TOP_KEYS = sorted(tomllib.loads(REAL_METADATA))


def _near_miss(key: str, value: object) -> str:
    """The real metadata with one top-level key's value replaced (tables dropped first)."""
    lines, skip = [], False
    for line in REAL_METADATA.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            name = stripped.strip("[]").split(".")[0].strip()
            skip = name == key
        elif not skip and stripped.split("=", 1)[0].strip() == key:
            continue
        if not skip:
            lines.append(line)
    head = [line for line in lines if not line.strip().startswith("[")]
    cut = len(head) if not any(line.strip().startswith("[") for line in lines) else \
        next(i for i, line in enumerate(lines) if line.strip().startswith("["))
    return "\n".join(lines[:cut] + [f"{key} = {toml_value(value)}"] + lines[cut:]) + "\n"


def _reads_or_refuses(action) -> None:  # noqa: ANN001
    try:
        action()
    except EditionError as err:
        assert err.problems, "an EditionError must carry the problem"
        assert all(p.file is not None for p in err.problems), [str(p) for p in err.problems]


@FUZZ
@given(key=st.sampled_from(TOP_KEYS + ["unknown_key"]), value=values)
def test_metadata_near_misses_are_read_or_refused_never_a_traceback(tmp_path_factory, key, value) -> None:
    folder = tmp_path_factory.mktemp("doc") / "1951-07-03-fuzz"
    folder.mkdir()
    (folder / "metadata.toml").write_text(_near_miss(key, value), encoding="utf-8")
    _reads_or_refuses(lambda: load_document(folder))


@FUZZ
@given(data=st.binary(max_size=200))
def test_metadata_of_any_bytes_is_read_or_refused(tmp_path_factory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("doc") / "1951-07-03-bytes"
    folder.mkdir()
    (folder / "metadata.toml").write_bytes(data)
    _reads_or_refuses(lambda: load_document(folder))


RECORD_KEYS = ["name", "match", "description", "authority", "status", "pseudonyms", "birth", "death",
               "dates_source", "unknown"]


@FUZZ
@given(record_id=st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,80}", fullmatch=True), texts),
       fields=st.dictionaries(st.sampled_from(RECORD_KEYS), values, max_size=5))
def test_registry_records_are_read_or_refused(tmp_path_factory, record_id: str, fields: dict) -> None:
    registry = tmp_path_factory.mktemp("registry")
    body = "".join(f"{key} = {toml_value(value)}\n" for key, value in fields.items())
    (registry / "persons.toml").write_text(f"[{toml_value(record_id)}]\n{body}", encoding="utf-8")
    _reads_or_refuses(lambda: Registry.load(registry))


KINDS = ["p", "head", "item", "  p", "salute", "signed", "gap", "seg", "dateline", "pb", "unknown"]
MARKUP = st.text(alphabet="ab [](){}|\\@#!…\x00\ufffe\u0430", max_size=40)


@FUZZ
@given(lines=st.lists(st.tuples(st.sampled_from(KINDS), st.from_regex(r"(@[a-z0-9.]{1,6})?", fullmatch=True),
                                MARKUP), max_size=8))
def test_transcriptions_are_parsed_or_refused(lines: list[tuple[str, str, str]]) -> None:
    text = "\n".join(f"{kind} {label} | {body}" for kind, label, body in lines) + "\n"
    _reads_or_refuses(lambda: parse_text(text, "en", Path("en.txt")))


@pytest.mark.parametrize("depth", [40, 5000])
def test_deep_nesting_is_refused(tmp_path: Path, depth: int) -> None:
    folder = tmp_path / "1951-07-03-deep"
    folder.mkdir()
    (folder / "metadata.toml").write_text(REAL_METADATA + "x = " + "[" * depth + "]" * depth + "\n",
                                          encoding="utf-8")
    with pytest.raises(EditionError):
        load_document(folder)
    _reads_or_refuses(lambda: parse_text("p @a | " + "[" * depth + "x" + "]" * depth + "\n", "en",
                                         Path("en.txt")))
