"""The `edition` command. Each subcommand is a thin shell around a function of
:mod:`edition.api`; exit codes: 0 done, 1 the input is wrong (or invalid),
2 the command could not run (missing tool, missing file, bad usage)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__, lifeline
from .errors import EditionError
from .paths import Project

Handler = Callable[[argparse.Namespace, Project], int]


def _cmd_encode(args: argparse.Namespace, project: Project) -> int:
    from .encode import encode_documents

    written = encode_documents(project, args.documents or None, check_only=args.check)
    for result in written:
        print(result)
    return 0


def _cmd_entities(args: argparse.Namespace, project: Project) -> int:
    from .candidates import report_candidates

    return report_candidates(project, args.document, use_natasha=not args.no_natasha)


def _cmd_new(args: argparse.Namespace, project: Project) -> int:
    from .scaffold import new_document

    folder = new_document(project, args.document, args.languages.split(","))
    print(f"created {folder}: fill in metadata.toml and the transcriptions, then run `edition encode`")
    return 0


def _cmd_check(args: argparse.Namespace, project: Project) -> int:
    from .check import main as check_main

    return check_main(project, args.documents or None)


def _cmd_import(args: argparse.Namespace, project: Project) -> int:
    from .importer import import_records

    imported = import_records(project, args.records, doc_id=args.id, use_natasha=not args.no_natasha,
                              publisher=args.publisher)
    for item in imported:
        print(item.report, end="")
        print(f"  written: {item.folder}/ (the report is in {item.folder.name}/import-report.txt); "
              "next: `edition encode`")
    return 0


def _cmd_validate(args: argparse.Namespace, project: Project) -> int:
    from .validate import main as validate_main

    return validate_main(args, project)


def _cmd_build(args: argparse.Namespace, project: Project) -> int:
    from .build import build

    return build(project, args)


def _cmd_serve(args: argparse.Namespace, project: Project) -> int:
    from .serve import serve_command

    return serve_command(args, project)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="edition",
        description="Publish archival documents as a scholarly digital edition: "
        "source/ -> tei/ (TEI P5) -> build/ (HTML site, PDF).",
    )
    parser.add_argument("--version", action="version", version=f"edition {__version__}")
    parser.add_argument("--root", type=Path, help="project folder (default: found from the cwd)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("encode", help="encode source/ documents as TEI P5 into tei/")
    p.add_argument("documents", nargs="*", metavar="DOCUMENT", help="document ids (default: all)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 when a file in tei/ is not what encode would write")
    p.set_defaults(handler=_cmd_encode)

    p = sub.add_parser("entities", help="list names in a document that no registry record covers")
    p.add_argument("document", help="document id")
    p.add_argument("--no-natasha", action="store_true", help="skip the natasha name suggester")
    p.set_defaults(handler=_cmd_entities)

    p = sub.add_parser("new", help="start a new document folder in source/documents/")
    p.add_argument("document", help="document id, e.g. 1950-01-31-sender-to-addressee")
    p.add_argument("--languages", default="ru,en", help="comma-separated, original first (default ru,en)")
    p.set_defaults(handler=_cmd_new)

    p = sub.add_parser("check", help="run every check an editor needs, write nothing",
                       description="Check the source (settings, register, metadata, transcriptions: "
                       "markup, alignment, faithfulness to the witness, characters of the wrong script; "
                       "probable slips as warnings), encode in memory, validate the TEI, and say "
                       "whether tei/ is fresh. Every problem at once, at the source file and line; "
                       "nothing is written. Exit 0 when there is no error.")
    p.add_argument("documents", nargs="*", metavar="DOCUMENT", help="document ids (default: all)")
    p.set_defaults(handler=_cmd_check)

    p = sub.add_parser("import", help="import records as the archive publishes them into source/documents/",
                       description="Turn each record (texts, '###', the archive's labelled metadata) "
                       "into a complete source/documents/<id>/: witness files, transcriptions with "
                       "units and alignment, metadata.toml, and import-report.txt. Nothing is written "
                       "unless every record imports.")
    p.add_argument("records", nargs="+", type=Path, metavar="FILE", help="record files")
    p.add_argument("--id", help="the document id (one record only; default: date-sender-to-addressee "
                   "from the record, else its record id)")
    p.add_argument("--publisher", help="the archive that publishes the records, as it names itself "
                   "(default: the record's citation line, else the publisher the edition's documents name)")
    p.add_argument("--no-natasha", action="store_true",
                   help="propose draft records from capitalisation alone (faster; natasha is slow)")
    p.set_defaults(handler=_cmd_import)

    p = sub.add_parser("validate", help="validate TEI files (TEI P5 and the edition's rules)")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="TEI files (default: tei/)")
    p.add_argument("--tei-only", action="store_true", help="only the TEI P5 (tei_all) layer")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(handler=_cmd_validate)

    p = sub.add_parser("build", help="encode, validate and render the edition into build/",
                       description="Encode what changed in source/, validate it, and render build/site "
                       "(HTML, exports, search) and build/pdf. Unchanged stages are reused; a failed "
                       "document keeps its previous TEI and the others are built (exit 1).")
    only = p.add_mutually_exclusive_group()
    only.add_argument("--pdf-only", action="store_true", help="render the PDFs only (the site is kept)")
    only.add_argument("--no-pdf", action="store_true", help="skip the PDFs (the previous ones are kept)")
    p.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="worker processes (default: the number of CPUs)")
    p.add_argument("--force", action="store_true", help="rebuild everything, reusing nothing")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the per-document work on a Dask cluster, e.g. tcp://10.0.0.5:8786 "
                   "(default: $EDITION_SCHEDULER, else processes on this machine); every worker "
                   "must see the project at the same path (docs/architecture.md)")
    draft = p.add_mutually_exclusive_group()
    draft.add_argument("--draft", action="store_true",
                       help="build a draft: a banner on every page, noindex, no public address in "
                       "pages or exports (needed while source/edition.toml has no base_url)")
    draft.add_argument("--draft-unless-published", action="store_true",
                       help="a publishing build if source/edition.toml names base_url and editors, "
                       "else a draft, saying so (what `make edition` runs)")
    p.set_defaults(handler=_cmd_build)

    p = sub.add_parser("serve", help="serve build/site on 127.0.0.1 for local reading (and search)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(handler=_cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    lifeline.install()
    project = Project.locate(args.root)
    if not project.source.is_dir() and args.command != "validate":
        print(f"{project.root}: error: no edition project here (no source/ folder)\n"
              "  what to do: give --root the folder that holds source/, or run inside it",
              file=sys.stderr)
        return 2
    try:
        return args.handler(args, project)
    except EditionError as err:
        print(err if err.problems else f"edition: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
