"""The interface's words for the pages edition.html renders with jinja (home, registers,
about, the encoding page, search): the same strings as the document pages, taken from
``xslt/html/i18n.xsl`` (its named template ``ui-strings``), so that one file holds every
label of the site in every interface language.

``ui(key, *args)`` writes a label once per interface language, each in a span with its own
``lang`` (class ``ui ui-{lang}``); the style sheet shows the reader's choice. Placeholders
are filled as i18n.xsl fills them: ``{1}``, ``{^1}`` (first letter capitalised), and an
argument ``lang:xx`` is the name of language xx in the interface language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from markupsafe import Markup, escape

from .xsltrun import transform

PLACEHOLDER = re.compile(r"\{(\^?)([0-9])\}")


class Words:
    """The interface strings and the language names they need."""

    def __init__(self, strings: Mapping[str, Mapping[str, str]], languages: Mapping[str, Mapping[str, str]],
                 document_languages: Mapping[str, str]) -> None:
        self.strings = strings
        self.languages = languages
        self.document_languages = document_languages  # code -> name as the documents give it
        self.langs = list(next(iter(strings.values())).keys()) if strings else ["en"]

    @classmethod
    def load(cls, stylesheet: Path, tei_file: Path, document_languages: Mapping[str, str]) -> Words:
        data = json.loads(transform(stylesheet, tei_file, params={"csp": "default-src 'none'"},
                                    initial_template="ui-strings", string_value=True))
        return cls(data["strings"], data["languages"], document_languages)

    def language(self, code: str, ui: str) -> str:
        return self.languages.get(ui, {}).get(code) or self.document_languages.get(code, code)

    def text(self, key: str, ui: str, *args: object) -> str:
        if key not in self.strings:
            raise KeyError(f"no interface string {key!r} in xslt/html/i18n.xsl")
        values = [self.language(a[5:], ui) if isinstance(a, str) and a.startswith("lang:") else str(a)
                  for a in args]

        def fill(match: re.Match[str]) -> str:
            value = values[int(match.group(2)) - 1] if int(match.group(2)) <= len(values) else ""
            return value[:1].upper() + value[1:] if match.group(1) else value

        return PLACEHOLDER.sub(fill, self.strings[key].get(ui) or self.strings[key]["en"])

    def spans(self, key: str, *args: object) -> Markup:
        span = Markup('<span class="ui ui-{0}" lang="{0}">{1}</span>')
        return Markup("").join(span.format(lang, escape(self.text(key, lang, *args))) for lang in self.langs)

    def function(self) -> Callable[..., Markup]:
        return self.spans
