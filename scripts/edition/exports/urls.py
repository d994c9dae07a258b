"""Every public address of the site, built on base_url (source/edition.toml)."""

from __future__ import annotations

from dataclasses import dataclass

from ..documents import Record


@dataclass(frozen=True)
class Urls:
    """Every public address, built on base_url (one setting, source/edition.toml)."""

    base: str

    def page(self, doc_id: str) -> str:
        return f"{self.base}documents/{doc_id}.html"

    def unit(self, doc_id: str, unit_id: str) -> str:
        return f"{self.page(doc_id)}#{unit_id}"

    def register(self, record: Record) -> str:
        return f"{self.base}{record.register}.html#{record.id}"

    def tei(self, doc_id: str) -> str:
        return f"{self.base}tei/{doc_id}.xml"

    def text(self, doc_id: str, lang: str) -> str:
        return f"{self.base}text/{doc_id}.{lang}.txt"

    def pdf(self, doc_id: str) -> str:
        return f"{self.base}pdf/{doc_id}.pdf"

    def data(self, path: str) -> str:
        return f"{self.base}data/{path}"
