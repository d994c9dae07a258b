"""What the validator reports: a :class:`Finding` per problem, the layers that find them,
and :class:`ValidatorUnavailable` when it cannot run at all."""

from __future__ import annotations

from dataclasses import asdict, dataclass

TEI_NS = "http://www.tei-c.org/ns/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
XML_NS = "http://www.w3.org/XML/1998/namespace"

LAYERS = ("xml", "tei", "edition")


@dataclass(frozen=True)
class Finding:
    """One thing wrong in one file. ``rule`` is a stable id documented in docs/validation.md."""

    file: str
    line: int | None
    column: int | None
    rule: str
    layer: str
    message: str
    hint: str
    #: "error" makes the file invalid; "warning" (a rule with role="warning") does not
    severity: str = "error"

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        level = "warning: " if self.severity == "warning" else ""
        text = f"{self.location()}: {level}[{self.rule}] {self.message}"
        if self.hint:
            text += f"\n    what to do: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class ValidatorUnavailable(Exception):
    """The validator could not run (no Java, no Jing, no schema, no such file)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

