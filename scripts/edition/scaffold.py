"""`edition new <id>`: start a document folder from commented templates."""

from __future__ import annotations

from pathlib import Path

from .errors import EditionError, Problem
from .metadata import LANG_RE
from .paths import Project
from .sourcefiles import document_id_problem

METADATA = '''# Metadata of {id}. Every field: docs/source-format.md. Leave what you do not know empty
# or out; the TEI will say it is unknown. Never guess.

date = "YYYY-MM-DD"              # date of writing ("" if unknown); "yesterday" is resolved against it
languages = [{languages}]
original = "{original}"
# answers = "<id of the document this one replies to>"

[title]
en = ""                          # the edition's title of the document

[witness]                        # the publisher's record you transcribe, every value verbatim
publisher = ""
title = ""
date = ""
url = ""                         # the record's address; "" = unknown
record_id = ""
summary = ""
rights = ""
citation = ""                    # the publisher's own citation line
translator = ""                  # as the record names the translator
first_published = ""             # where the text was first printed, if known
unknown = []                     # labels of the record that are empty

# [headnote]                     # optional: your few sentences of context, from sourced facts
# en = ""

[archival]                       # the archival original, as far as known
kind = ""
number = ""                      # the number this edition gives (one of the numbers below)
# number_reason = ""             # why, when the numbers conflict
# [[archival.numbers]]           # every number the document carries
# value = ""
# where = "heading"              # heading, trailer, title, catalogue or other
# [[archival.references]]        # each archival reference, as the record writes it
# repository = ""
# collection = ""
# idno = ""

[sent]
persons = []                     # registry ids (source/registry/)
# place = ""
# date = "YYYY-MM-DD"

[received]
persons = []

[keywords]
en = []

[[responsibility]]
what = "Texts"
who = ""                         # the witness's publisher, as in [witness]
[[responsibility]]
what = "Transcription and TEI encoding"
who = "edition"

[[change]]
when = "YYYY-MM-DD"
what = "Transcribed and encoded."
'''

TRANSCRIPTION = '''# {id}: {lang} transcription. Format: docs/source-format.md
# One line per block:  KIND [@label] [flags] | text
# Kinds: head, seg, dateline, salute, p, item (indent a p under it), signed, gap.
# Labels pair this line with the line of the same label in the other languages' files.
#
# salute @salute | …
# p @p1 | …
'''


def new_document(project: Project, doc_id: str, languages: list[str]) -> Path:
    wrong = document_id_problem(doc_id)
    if wrong is not None:
        raise EditionError(Problem(None, None, wrong, "choose an id like 1950-01-31-sender-to-addressee"))
    if len(set(languages)) != len(languages):
        raise EditionError(Problem(None, None, f"--languages names a language twice: {','.join(languages)}",
                                   "name each language once, the original first (e.g. ru,en)"))
    for lang in languages:
        if not LANG_RE.match(lang):
            raise EditionError(Problem(None, None, f"bad language code {lang!r}",
                                       "use ISO 639 codes such as ru, en"))
    folder = project.documents / doc_id
    if folder.exists():
        raise EditionError(Problem(folder, None, "the document folder exists already",
                                   "choose another id, or edit the files that are there"))
    (folder / "witness").mkdir(parents=True)
    quoted = ", ".join(f'"{lang}"' for lang in languages)
    (folder / "metadata.toml").write_text(
        METADATA.format(id=doc_id, languages=quoted, original=languages[0]), encoding="utf-8")
    for lang in languages:
        (folder / f"{lang}.txt").write_text(TRANSCRIPTION.format(id=doc_id, lang=lang), encoding="utf-8")
    return folder
