"""Line numbers of the tables and keys of a registry file, so that a problem names the line
an editor fixes."""

from __future__ import annotations

import re


class Locator:
    """Line numbers for tables and keys: tomllib reports none once the text has parsed."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.tables: dict[str, int] = {}
        header = re.compile(r"^\s*\[\s*(?:\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9_-]+))\s*\]")
        for number, line in enumerate(self.lines, start=1):
            m = header.match(line)
            if m:
                key = m.group(1) or m.group(2) or m.group(3)
                self.tables.setdefault(key, number)

    def table(self, key: str) -> int:
        return self.tables.get(key, 1)

    def key(self, table: str, key: str) -> int:
        """Line of `key = …`, `key.sub = …` or `[[table.key]]` within the table, else the
        table's line."""
        start = self.table(table)
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*(?:\.|=)|\[\[\s*"
                             rf"{re.escape(table)}\.{re.escape(key)}\s*\]\])")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if re.match(r"^\s*\[(?!\[)", line) and not line.strip().startswith(f"[{table}."):
                break
            if pattern.match(line):
                return number
        return start
