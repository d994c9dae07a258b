"""The transcription format: what each markup means, that it round-trips to the
witness, and that malformed input is reported with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS
from edition.errors import EditionError
from edition.markup import (
    ESCAPABLE,
    Choice,
    DateSpan,
    Entity,
    Gap,
    Note,
    Supplied,
    Text,
    escape,
    inline_witness,
    parse_file,
    parse_inline,
    parse_text,
    witness_lines,
    witness_text,
)
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(p for p in (CORPUS / "source" / "documents").iterdir() if p.is_dir())


def error_of(text: str) -> EditionError:
    with pytest.raises(EditionError) as info:
        parse_text(text, "en", "doc/en.txt")
    return info.value


# --- faithfulness ------------------------------------------------------------------

@pytest.mark.parametrize("folder", DOCUMENTS, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_removing_the_markup_gives_back_the_witness(folder: Path, lang: str) -> None:
    transcription = parse_file(folder / f"{lang}.txt", lang)
    assert witness_text(transcription) == (folder / "witness" / f"{lang}.txt").read_text("utf-8")


@pytest.mark.parametrize("folder", DOCUMENTS, ids=lambda p: p.name)
def test_each_witness_is_a_verbatim_part_of_the_archive_page(folder: Path) -> None:
    page = (folder / "witness" / "page.txt").read_text("utf-8")
    for lang in ("ru", "en"):
        assert (folder / "witness" / f"{lang}.txt").read_text("utf-8").rstrip("\n") in page


SHARED = {"1951-07-03-mao-to-filippov": "seed/000_258a02fb508c896b.txt",
          "1951-07-03-filippov-to-mao": "documents/1951-07-03-filippov-to-mao.txt"}


@pytest.mark.parametrize("doc_id", sorted(SHARED))
def test_archive_page_copy_matches_shared_original(doc_id: str) -> None:
    original = ROOT.parent / "shared" / SHARED[doc_id]
    if not original.is_file():
        pytest.skip("../shared is not beside this checkout")
    copy = CORPUS / "source" / "documents" / doc_id / "witness" / "page.txt"
    assert copy.read_bytes() == original.read_bytes()


# --- what the markup means ---------------------------------------------------------

def test_block_line_kind_label_flags_and_text() -> None:
    t = parse_text("# comment\n\nhead.archival @h1 unaligned | CIPHERED TELEGRAM\n", "en")
    (block,) = t.blocks
    assert (block.kind, block.type, block.label, block.flags, block.line) == (
        "head", "archival", "h1", ("unaligned",), 3)
    assert block.inlines == [Text("CIPHERED TELEGRAM")]


def test_part_labels_share_a_group_key() -> None:
    t = parse_text("p @s.1 | a\np @s.2 | b\n", "en")
    assert [(b.key, b.part) for b in t.blocks] == [("s", "1"), ("s", "2")]


def test_indented_paragraph_continues_an_item() -> None:
    t = parse_text("item @a | 1. x\n  p @b | y\np @c | z\n", "en")
    assert [b.continues_item for b in t.blocks] == [False, True, False]


def test_inline_markup_nodes() -> None:
    nodes = parse_inline("To [Stalin] […] {sic ab|a b}{note Why.} {@stalin X}{!Korea} "
                         "{date 1951-07-02 then}{gap incomplete-witness}")
    kinds = [type(n) for n in nodes]
    assert kinds == [Text, Supplied, Text, Gap, Text, Choice, Note, Text, Entity, Entity, Text,
                     DateSpan, Gap]
    assert nodes[3] == Gap(reason="omitted", rend="[…]")
    assert nodes[5] == Choice("ab", "a b")
    assert nodes[8].ref == "stalin" and nodes[9].ref is None
    assert nodes[12] == Gap(reason="incomplete-witness", rend=None)


def test_witness_form_keeps_brackets_and_sic_and_drops_notes() -> None:
    nodes = parse_inline("To [Stalin] [...] {sic ab|a b}{note Why.}{gap lost}")
    assert inline_witness(nodes) == "To [Stalin] [...] ab"


def test_script_and_ampersand_are_plain_text() -> None:
    nodes = parse_inline("<script>alert(1)</script> & co")
    assert nodes == [Text("<script>alert(1)</script> & co")]


# --- round trips (property-based) --------------------------------------------------

plain = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
                max_size=80)


@given(plain)
def test_escaped_text_parses_back_to_itself(text: str) -> None:
    assert inline_witness(parse_inline(escape(text))) == text


@given(st.text(st.characters(blacklist_categories=("Cs",),
                             blacklist_characters="\n\r" + ESCAPABLE), max_size=80))
def test_text_without_markup_characters_is_its_own_witness(text: str) -> None:
    assert inline_witness(parse_inline(text)) == text


@given(st.lists(plain.filter(lambda s: s.strip() != ""), min_size=1, max_size=8))
def test_a_transcription_of_escaped_lines_round_trips(lines: list[str]) -> None:
    source = "".join(f"p @p{i} | {escape(line)}\n" for i, line in enumerate(lines))
    assert witness_text(parse_text(source, "en")) == "".join(line + "\n" for line in lines)


# --- errors ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("p @a | an [unclosed supplement\n", 1, "never closed"),
    ("p @a | ok\np @b | stray ] bracket\n", 2, "closes nothing"),
    ("p @a | {sic only one}\n", 1, "both readings"),
    ("p @a | {what is this}\n", 1, "unknown markup"),
    ("p @a | {note never closed\n", 1, "missing '}'"),
    ("p | no label\n", 1, "no alignment @label"),
    ("para @a | x\n", 1, "unknown block kind"),
    ("p @A | x\n", 1, "bad label"),
    ("just text\n", 1, "KIND [@LABEL] | text"),
    ("p @a | x\n  item @b | y\n", 2, "only a 'p' line can be indented"),
    ("  p @a | y\n", 1, "must follow an item"),
    ("gap @a | […]\n", 1, "one omission mark"),
    ("p @a | a \\q\n", 1, "backslash"),
    ("p @a | {date 1951-13 x}\n", 1, None),
])
def test_malformed_input_names_file_and_line(text: str, line: int, fragment: str | None) -> None:
    err = error_of(text)
    problem = err.problems[0]
    assert str(problem.file) == "doc/en.txt"
    assert problem.line == line
    assert problem.hint
    if fragment:
        assert fragment in problem.message


def test_column_points_at_the_offending_character() -> None:
    problem = error_of("p @a | ab ] c\n").problems[0]
    assert problem.column == len("p @a | ab ") + 1


def test_non_utf8_file_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(b"p @a | ok\np @b | " + "плохо".encode("cp1251") + b"\n")
    with pytest.raises(EditionError) as info:
        parse_file(path, "ru")
    assert info.value.problems[0].line == 2
    assert "UTF-8" in info.value.problems[0].message


# --- run-on lines: the edition's segmentation of one witness line ------------------------

def test_a_run_on_mark_ends_the_unit_but_not_the_witness_line() -> None:
    source = ("dateline @d | Pyongyang, 5 May 1951 \\\n"
              "salute @s | Dear comrade! \\\n"
              "p @p1 | The text.\n")
    transcription = parse_text(source, "en")
    assert [b.kind for b in transcription.blocks] == ["dateline", "salute", "p"]
    assert [b.runs_on for b in transcription.blocks] == [True, True, False]
    assert witness_text(transcription) == "Pyongyang, 5 May 1951 Dear comrade! The text.\n"


def test_witness_lines_group_the_blocks_cut_from_one_line() -> None:
    transcription = parse_text("gap | […] \\\nsalute @s | Hi!\np @p | x \\\nsigned @n | Y\n", "en")
    assert [[b.kind for b in line] for line in witness_lines(transcription)] == [
        ["gap", "salute"], ["p", "signed"]]


def test_an_escaped_final_backslash_is_text_not_a_run_on_mark() -> None:
    transcription = parse_text("p @a | ends with \\\\\np @b | next\n", "en")
    assert not transcription.blocks[0].runs_on
    assert witness_text(transcription) == "ends with \\\nnext\n"


@pytest.mark.parametrize(("text", "fragment"), [
    ("p @a | text \\\n", "no line follows"),
    ("p @a | \\\np @b | x\n", "no text"),
])
def test_misplaced_run_on_marks_are_refused(text: str, fragment: str) -> None:
    problem = error_of(text).problems[0]
    assert fragment in problem.message and problem.line == 1 and problem.hint


@pytest.mark.parametrize(("text", "number", "rest"), [
    ("1. “Both sides”", "1.", "“Both sides”"),
    ("12) twelve", "12)", "twelve"),
    ("(3) three", "(3)", "three"),
    ("б) пункт", "б)", "пункт"),
    ("IV. four", "IV.", "four"),
    ("1.2. sub", "1.2.", "sub"),
    ("10 English miles", None, None),   # no closing stop: a number of the text
    ("did. not", None, None),           # lower-case letters are no Roman numeral
    ("1.", None, None),                 # nothing after the number
])
def test_the_witness_number_at_the_start_of_an_item_is_split_off(
        text: str, number: str | None, rest: str | None) -> None:
    from edition.markup import split_enumerator

    split = split_enumerator(parse_inline(text))
    if number is None:
        assert split is None
    else:
        assert split is not None and split[0] == number
        assert inline_witness(split[1]) == rest
