"""edition.metadata: the edition's settings (source/edition.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from edition.errors import EditionError
from edition.metadata import load_edition


def _settings(tmp_path: Path, extra: str) -> Path:
    text = (REPO / "source" / "edition.toml").read_text(encoding="utf-8")
    path = tmp_path / "edition.toml"
    path.write_text(text.replace("[edition]\n", f"[edition]\n{extra}\n", 1), encoding="utf-8")
    return path


def test_the_shipped_settings_load_and_name_no_contact() -> None:
    edition = load_edition(REPO / "source" / "edition.toml")
    assert edition.base_url.endswith("/") and edition.contact_email is None


def test_a_contact_email_is_read(tmp_path: Path) -> None:
    assert load_edition(_settings(tmp_path, 'contact_email = "editor@example.org"')).contact_email \
        == "editor@example.org"


@pytest.mark.parametrize("value", ['"the editor"', '"a@b"', '"<a@b.org>"', "42"])
def test_a_contact_email_that_is_not_an_address_is_refused_with_its_line(tmp_path: Path, value: str) -> None:
    path = _settings(tmp_path, f"contact_email = {value}")
    with pytest.raises(EditionError, match="not an e-mail address") as info:
        load_edition(path)
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == (path, 4)  # the comment line, [edition], then it


def test_an_unknown_setting_is_refused_with_the_allowed_ones(tmp_path: Path) -> None:
    path = _settings(tmp_path, 'contact = "editor@example.org"')
    with pytest.raises(EditionError, match="unknown field 'contact'") as info:
        load_edition(path)
    assert "contact_email" in info.value.problems[0].hint
