"""The entry points: :func:`validate` (a :class:`Report`), :func:`validate_paths` (the
encoder's gate) and :func:`main` (`edition validate`)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ..paths import Project
from ..progress import note
from .files import _Document, _read, _shown, collect_files
from .findings import LAYERS, Finding, ValidatorUnavailable
from .jing import _Jing
from .rules import _run_all_rules, is_long
from .schematron import edition_rules


@dataclass
class Report:
    files: list[str]
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "warning"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def invalid_files(self) -> list[str]:
        return sorted({f.file for f in self.errors}, key=self.files.index)


def validate(paths: list[Path], tei_only: bool = False) -> Report:
    """Validate files and folders; the findings come grouped by file, then by layer."""
    files = collect_files(paths)
    documents: list[_Document] = []
    findings: list[Finding] = []
    for path in files:
        doc, problem = _read(path)
        if problem:
            findings.append(problem)
        if doc:
            documents.append(doc)
    rules = None if tei_only else edition_rules()
    long = is_long(documents)
    if long:
        size = sum(d.size for d in documents) / 1e6
        note("validate", f"{len(documents):,} file(s), {size:,.1f} MB: "
             + ("TEI P5 (Jing)" if tei_only else "TEI P5 (Jing) and the edition's rules"))
    jing = _Jing(documents) if documents else None
    try:
        if rules is not None:
            findings.extend(_run_all_rules(documents, rules))
        if jing:
            if long:
                note("validate", "waiting for Jing (TEI P5)")
            findings.extend(jing.findings())
    finally:
        if jing:
            jing.kill()
    shown = [_shown(p) for p in files]
    rank = {name: i for i, name in enumerate(shown)}
    findings.sort(key=lambda f: (rank.get(f.file, len(rank)), LAYERS.index(f.layer),
                                 f.line or 0, f.column or 0))
    return Report(shown, findings)


def validate_paths(paths: list[Path], tei_only: bool = False) -> list[Finding]:
    """Validate TEI files (folders stand for the *.xml files below them).

    Returns the findings, an empty list when every file is valid. Raises
    :class:`ValidatorUnavailable` when validation cannot run (no Java, Jing or schema;
    a path that does not exist)."""
    return validate(paths, tei_only=tei_only).findings


def main(args: argparse.Namespace, project: Project) -> int:
    """`edition validate [PATH…] [--tei-only] [--format text|json]`: 0 valid, 1 invalid,
    2 could not run."""
    paths = list(args.paths) or [project.tei]
    output = getattr(args, "format", "text")
    try:
        report = validate(paths, tei_only=bool(getattr(args, "tei_only", False)))
    except ValidatorUnavailable as err:
        print(f"edition validate: could not validate: {err.message}", file=sys.stderr)
        return 2
    if output == "json":
        json.dump([f.as_dict() for f in report.findings], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for finding in report.findings:
            print(finding)
    layers = "TEI P5" if getattr(args, "tei_only", False) else "TEI P5 and edition rules"
    bad = len(report.invalid_files)
    warned = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    print(f"edition validate: {len(report.files)} file(s) checked ({layers}): "
          f"{len(report.files) - bad} valid, {bad} invalid, {len(report.errors)} finding(s)"
          f"{warned}", file=sys.stderr)
    return 1 if report.errors else 0
