"""The edition's rules give the same verdict on a long document as on a short one.

A document is made from the valid fixture telegram.xml with N more aligned paragraphs in
each language (each with a name, the English one with a numbered note), and the same
mistakes in its last unit. The findings must be the same for N = 1 and for thousands of
units: the rules look things up by key instead of comparing each unit with every other,
and nothing is skipped to make that fast. (Their time is measured by
benchmarks/bench_scale.py; tests never assert on time.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from edition.validate import validate_paths

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "validate" / "telegram.xml"
LONG = 2500


def _row(key: str, n: int, *, last: bool) -> tuple[str, str, str]:
    """One aligned pair of paragraphs (Russian, English) and the English note's id part."""
    ru = (f'<p xml:id="ru-{key}" n="{n}" corresp="#en-{key}">Сообщение {n} для '
          f'<persName ref="#anna-smith">Смит</persName>.</p>')
    if last:
        # The mistakes: a pointer to no element, an empty name, a counterpart that does not exist.
        en = (f'<p xml:id="en-{key}" n="{n}" corresp="#ru-{key} #ru-nowhere">Message {n} for '
              f'<persName ref="#nobody">Nobody</persName> in <placeName ref="#kaluga"> </placeName>.')
    else:
        en = (f'<p xml:id="en-{key}" n="{n}" corresp="#ru-{key}">Message {n} for '
              f'<persName ref="#anna-smith">Smith</persName>.')
    return ru, en, key


def document(rows: int, folder: Path) -> Path:
    """telegram.xml with ``rows`` more aligned paragraphs before the closers; the last one
    carries the mistakes."""
    text = FIXTURE.read_text(encoding="utf-8")
    ru_rows, en_rows = [], []
    for i in range(rows):
        last = i == rows - 1
        ru, en, _ = _row("last" if last else f"x{i}", 7 + i, last=last)
        ru_rows.append(ru)
        # en-note-1 is the fixture's own note; the added ones follow it.
        en_rows.append(en + f'<note type="editorial" xml:id="en-note-{i + 2}" resp="#resp-edition">'
                            f'Note {i + 2}.</note></p>')
    signed = 7 + rows
    text = text.replace('<signed xml:id="ru-signed" n="7"', f'<signed xml:id="ru-signed" n="{signed}"')
    text = text.replace('<signed xml:id="en-signed" n="7"', f'<signed xml:id="en-signed" n="{signed}"')
    ru_closer = text.index("<closer>", text.index('<div type="edition"'))
    text = text[:ru_closer] + "\n".join(ru_rows) + "\n        " + text[ru_closer:]
    en_closer = text.index("<closer>", text.index('<div type="translation"'))
    text = text[:en_closer] + "\n".join(en_rows) + "\n        " + text[en_closer:]
    path = folder / f"telegram-{rows}.xml"
    path.write_text(text, encoding="utf-8")
    # its neighbour, which the header's reply link names
    shutil.copy(FIXTURE.parent / "reply.xml", folder / "reply.xml")
    return path


def verdict(path: Path) -> list[tuple[str, str, str]]:
    """(layer, rule, message) of every finding; the line is checked separately."""
    return [(f.layer, f.rule, f.message) for f in validate_paths([path])]


def test_a_long_document_gets_the_findings_of_a_short_one(tmp_path: Path) -> None:
    short = document(1, tmp_path)
    long = document(LONG, tmp_path)
    found = verdict(short)
    assert [rule for _, rule, _ in found] == ["E-REF-RESOLVES", "E-REF-RESOLVES", "E-NAME-EMPTY"]
    assert verdict(long) == found


def test_the_findings_of_a_long_document_point_into_its_last_unit(tmp_path: Path) -> None:
    long = document(LONG, tmp_path)
    lines = long.read_text(encoding="utf-8").splitlines()
    last_unit = next(i for i, line in enumerate(lines, 1) if 'xml:id="en-last"' in line)
    findings = validate_paths([long])
    assert findings and {f.line for f in findings} == {last_unit}


def test_the_long_document_without_its_mistakes_is_valid(tmp_path: Path) -> None:
    long = document(LONG, tmp_path)
    text = long.read_text(encoding="utf-8")
    text = (text.replace(' #ru-nowhere"', '"').replace('ref="#nobody"', 'ref="#anna-smith"')
            .replace('<placeName ref="#kaluga"> </placeName>', '<placeName ref="#kaluga">Kaluga</placeName>'))
    long.write_text(text, encoding="utf-8")
    assert validate_paths([long]) == []
