"""What a build is asked to do, and what it did."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problem


@dataclass
class Options:
    site: bool = True
    pdf: bool = True
    jobs: int = 1
    force: bool = False
    quiet: bool = False
    scheduler: str | None = None  # a Dask scheduler's address: the per-document work runs there
    # A draft: built without a public address (docs/architecture.md, "Draft builds").
    draft: bool = False


@dataclass
class Report:
    """What a build did, for the summary and the exit code."""

    seconds: dict[str, float] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)
    documents: int = 0
    pages: int = 0
    pdfs: int = 0
    failed: dict[str, list[Problem]] = field(default_factory=dict)

    def summary(self) -> str:
        stages = ", ".join(f"{name} {secs:.2f} s" for name, secs in self.seconds.items())
        parts = [f"{self.documents} document(s)", f"{self.pages} HTML page(s)", f"{self.pdfs} PDF(s)"]
        text = "build: " + ", ".join(parts) + f"; {stages}"
        if self.reused:
            text += f"; unchanged, reused: {', '.join(self.reused)}"
        if self.failed:
            text += f"; FAILED: {', '.join(sorted(self.failed))}"
        return text
