"""The progress bar draws only on a terminal and only for long stages."""

from __future__ import annotations

import io

from edition import progress as progress_module
from edition.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_items_pass_through_unchanged_and_nothing_is_drawn_off_a_terminal(monkeypatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(progress_module.sys, "stderr", err)
    assert list(progress(range(100), 100, "encode")) == list(range(100))
    assert err.getvalue() == ""


def test_a_long_stage_on_a_terminal_shows_its_count_and_clears_the_line(monkeypatch) -> None:
    err = Terminal()
    monkeypatch.setattr(progress_module.sys, "stderr", err)
    assert list(progress(iter(range(60)), 60, "encode")) == list(range(60))
    drawn = err.getvalue()
    assert "encode [" in drawn and "] 1/60" in drawn and "60/60" in drawn
    assert drawn.endswith("\r")


def test_a_short_stage_draws_nothing_even_on_a_terminal(monkeypatch) -> None:
    err = Terminal()
    monkeypatch.setattr(progress_module.sys, "stderr", err)
    list(progress(range(3), 3, "encode"))
    assert err.getvalue() == ""
