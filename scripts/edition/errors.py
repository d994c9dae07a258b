"""Errors an editor can act on: which file, which line, what is wrong, what to do."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Problem:
    """One thing wrong with an input."""

    file: Path | str | None
    line: int | None
    message: str
    hint: str = ""
    column: int | None = None
    severity: str = "error"     # "error" stops the document; "warning" is listed for the editor

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n  what to do: {self.hint}"
        return text


class EditionError(Exception):
    """Raised with one or more problems; the command prints them and exits non-zero:
    1 (the input is wrong) or, for :class:`CannotRun`, 2."""

    exit_code = 1

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))


class CannotRun(EditionError):
    """The command could not run: a tool, file, font or service it needs is missing or does
    not answer, or an output cannot be written (read-only, full disk). The message says what
    is missing and how to get it; the exit code is 2 (the input may well be right)."""

    exit_code = 2

    def __init__(self, problems: Problem | list[Problem] | str):
        if isinstance(problems, str):
            self.problems = []
            Exception.__init__(self, problems)
        else:
            super().__init__(problems)


def cannot_write(err: OSError, folder: Path, hint: str) -> CannotRun:
    """An output the command could not write (read-only, full disk, permissions): exit 2,
    with the system's reason and where. Inside ``folder`` the file it stopped at may be a
    temporary one the editor never sees (gone by now): the folder that holds it is named."""
    # a copy or a rename names the target second: that is where the writing failed
    filename, reason = err.filename2 or err.filename, err.strerror
    if isinstance(err, shutil.Error) and err.args and isinstance(err.args[0], list):
        # copytree gathers (source, target, "[Errno n] reason: …") for each file it failed on
        _, filename, why = err.args[0][0]
        reason = re.sub(r"^\[Errno \d+\] ([^:]*).*", r"\1", str(why))
    where = Path(filename) if filename else folder
    if where.is_relative_to(folder):
        while where != folder and (where.name.startswith(".") or not where.exists()):
            where = where.parent
    return CannotRun(Problem(where, None, f"cannot write: {reason or err}", hint))


def fail(file: Path | str | None, line: int | None, message: str, hint: str = "") -> EditionError:
    return EditionError(Problem(file, line, message, hint))
