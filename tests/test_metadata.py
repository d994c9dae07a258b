"""edition.metadata: a document's metadata.toml and the edition's settings (edition.toml),
checked against the declarations of edition.metaschema."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_SETTINGS
from edition import metaschema
from edition.errors import EditionError
from edition.metadata import is_placeholder_url, load_document, load_edition

DOC = '''date = "1950-01-31"
languages = ["ru", "en"]
original = "ru"

[title]
en = "Letter No. 7 from A to B, 31 January 1950"

[witness]
publisher = "An Archive"
title = "Letter No. 7, A to B"
date = "January 31, 1950"

[archival]
kind = "letter"
number = "7"
{archival}

[sent]
persons = ["a"]

[received]
persons = ["b"]

[[responsibility]]
what = "Texts"
who = "An Archive"

[[change]]
when = "2026-01-01"
what = "Encoded."
'''


def _document(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "1950-01-31-a-to-b"
    folder.mkdir(exist_ok=True)
    (folder / "metadata.toml").write_text(text, encoding="utf-8")
    return folder


def _settings(tmp_path: Path, old: str, new: str) -> Path:
    text = TEST_SETTINGS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edition.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# --- metadata.toml -----------------------------------------------------------------------

def test_numbers_and_references_are_read_in_file_order(tmp_path: Path) -> None:
    folder = _document(tmp_path, DOC.format(archival='''number_reason = "The heading is the document's own."
number_cert = "high"
[[archival.numbers]]
value = "7"
where = "heading"
[[archival.numbers]]
value = "1"
where = "title"
note = "the publisher's title"
[[archival.references]]
repository = "APRF"
collection = "f. 45, op. 1, d. 339"
idno = "l. 6-7"
[[archival.references]]
repository = "RGASPI"
collection = "f. 558, op. 11, d. 339"
idno = "ll. 0006"'''))
    archival = load_document(folder).archival
    assert [(n.value, n.where) for n in archival.numbers] == [("7", "heading"), ("1", "title")]
    assert [r.repository for r in archival.references] == ["APRF", "RGASPI"]
    assert archival.references[0].as_written() == "APRF, f. 45, op. 1, d. 339, l. 6-7"
    assert archival.conflicting and archival.number_cert == "high"


def test_conflicting_numbers_need_the_reason_for_the_choice(tmp_path: Path) -> None:
    folder = _document(tmp_path, DOC.format(archival='''[[archival.numbers]]
value = "7"
where = "heading"
[[archival.numbers]]
value = "1"
where = "title"'''))
    with pytest.raises(EditionError, match="no reason") as info:
        load_document(folder)
    assert "number_reason" in info.value.problems[0].hint


def test_the_chosen_number_must_be_one_the_document_carries(tmp_path: Path) -> None:
    folder = _document(tmp_path, DOC.format(archival='''[[archival.numbers]]
value = "8"
where = "heading"'''))
    with pytest.raises(EditionError, match="none of the numbers"):
        load_document(folder)


def test_a_number_says_where_it_stands_from_a_closed_list(tmp_path: Path) -> None:
    folder = _document(tmp_path, DOC.format(archival='''[[archival.numbers]]
value = "7"
where = "margin"'''))
    with pytest.raises(EditionError, match="'where'") as info:
        load_document(folder)
    assert "heading, trailer, title, catalogue, other" in info.value.problems[0].hint


@pytest.mark.parametrize("old, new", [
    ('number_variants = ["3"]', "[[archival.numbers]]"),
    ('repository = "APRF"', "[[archival.references]]"),
    ('reference = "f. 45"', "[[archival.references]]"),
])
def test_the_old_archival_fields_are_refused_with_the_new_form(tmp_path: Path, old: str, new: str) -> None:
    folder = _document(tmp_path, DOC.format(archival=old))
    with pytest.raises(EditionError, match="no longer used") as info:
        load_document(folder)
    problem = info.value.problems[0]
    assert new in problem.hint
    text = (folder / "metadata.toml").read_text(encoding="utf-8")
    assert text.splitlines()[problem.line - 1] == old


def test_an_unknown_date_and_a_translation_only_document_are_allowed(tmp_path: Path) -> None:
    text = DOC.format(archival="").replace('date = "1950-01-31"', 'date = ""', 1)
    text = text.replace('original = "ru"', 'original = "zh"')
    doc = load_document(_document(tmp_path, text))
    assert doc.date is None and doc.translation_only


def test_witness_and_headnote_fields_are_read(tmp_path: Path) -> None:
    text = DOC.format(archival="").replace('date = "January 31, 1950"\n', '''date = "January 31, 1950"
url = "https://archive.test/record/12"
record_id = "12"
translator = "A. Translator"
first_published = "A Journal 3 (1995), p. 6."
''').replace("[sent]", '[headnote]\nen = "Context."\n\n[sent]')
    doc = load_document(_document(tmp_path, text))
    assert (doc.witness.url, doc.witness.record_id, doc.witness.translator) == \
        ("https://archive.test/record/12", "12", "A. Translator")
    assert doc.witness.first_published.startswith("A Journal")
    assert doc.headnote == {"en": "Context."}


def test_every_problem_is_reported_at_once_with_its_line(tmp_path: Path) -> None:
    text = DOC.format(archival="").replace('kind = "letter"', 'kind = 3\ncolour = "red"')
    folder = _document(tmp_path, text)
    with pytest.raises(EditionError) as info:
        load_document(folder)
    lines = text.splitlines()
    found = {p.message.split(" ")[0]: lines[p.line - 1] for p in info.value.problems}
    assert found == {"unknown": 'colour = "red"', "'kind'": "kind = 3"}


def test_every_declared_field_has_a_known_type() -> None:
    def walk(fields: tuple[metaschema.Field, ...]) -> None:
        for spec in fields:
            assert spec.type in ("bool", "string", "text", "date", "when", "lang", "langs", "strings", "id",
                                 "ids", "url", "orcid", "by-lang", "by-lang-list", "table", "tables")
            walk(spec.fields)
    walk(metaschema.DOCUMENT)
    walk(metaschema.EDITION_FILE)


# --- edition.toml --------------------------------------------------------------------------

def test_editors_are_read_with_roles_and_orcid() -> None:
    edition = load_edition(TEST_SETTINGS)
    assert [(e.name, e.role_label) for e in edition.editors] == \
        [("Ada Testwoman", "General editor"), ("Boris Proverkin", "Encoding")]
    assert edition.editors[0].orcid_url == "https://orcid.org/0000-0002-1825-0097"
    assert edition.publishable and edition.contact_email is None


def test_an_editor_role_outside_the_list_is_refused(tmp_path: Path) -> None:
    path = _settings(tmp_path, 'role = "encoding"', 'role = "typist"')
    with pytest.raises(EditionError, match="'role'") as info:
        load_edition(path)
    assert "general-editor, transcription, translation-review, encoding" in info.value.problems[0].hint


def test_an_orcid_must_look_like_one(tmp_path: Path) -> None:
    path = _settings(tmp_path, '"0000-0002-1825-0097"', '"1825-0097"')
    with pytest.raises(EditionError, match="ORCID"):
        load_edition(path)


def test_the_old_encoder_setting_points_to_the_editors(tmp_path: Path) -> None:
    path = _settings(tmp_path, "[edition]\n", '[edition]\nencoder = "someone"\n')
    with pytest.raises(EditionError, match="no longer used") as info:
        load_edition(path)
    assert "[[edition.editors]]" in info.value.problems[0].hint


@pytest.mark.parametrize("url, placeholder", [
    ("", True),
    ("https://example.org/edition/", True),
    ("https://www.example.com/", True),
    ("https://draft.invalid/", True),
    ("http://localhost:8000/", True),
    ("https://edition.test/edition/", False),
    ("https://history.example-university.edu/edition/", False),
])
def test_placeholder_addresses_are_recognised(url: str, placeholder: bool) -> None:
    assert (not url or is_placeholder_url(url)) == placeholder


def test_an_empty_base_url_loads_but_is_not_publishable(tmp_path: Path) -> None:
    path = _settings(tmp_path, 'base_url = "https://edition.test/edition/"', 'base_url = ""')
    assert not load_edition(path).publishable


def test_a_contact_email_is_read(tmp_path: Path) -> None:
    path = _settings(tmp_path, "[edition]\n", '[edition]\ncontact_email = "editor@edition.test"\n')
    assert load_edition(path).contact_email == "editor@edition.test"


@pytest.mark.parametrize("value", ['"the editor"', '"a@b"', '"<a@b.org>"', "42"])
def test_a_contact_email_that_is_not_an_address_is_refused_with_its_line(tmp_path: Path, value: str) -> None:
    path = _settings(tmp_path, "[edition]\n", f"[edition]\ncontact_email = {value}\n")
    with pytest.raises(EditionError) as info:
        load_edition(path)
    problem = info.value.problems[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1] == f"contact_email = {value}"


def test_an_unknown_setting_is_refused_with_the_allowed_ones(tmp_path: Path) -> None:
    path = _settings(tmp_path, "[edition]\n", '[edition]\ncontact = "editor@edition.test"\n')
    with pytest.raises(EditionError, match="unknown field 'contact'") as info:
        load_edition(path)
    assert "contact_email" in info.value.problems[0].hint
