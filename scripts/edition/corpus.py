"""Every document's metadata, as the encoder reads it, without holding it all.

Encoding one document needs its own metadata whole, and of the others only the
correspondence chain: which document it answers, which answer it, their titles. Holding
every document's :class:`~edition.metadata.DocumentMeta` made the encoder's memory, and
that of every worker it forks, grow by about 17 KiB a document (170 MiB at 10,000
documents, docs/performance.md). A :class:`Corpus` reads and checks each metadata.toml
once, keeps what the chain needs (a few hundred bytes), and reads a document's metadata
again when it is asked for: half a millisecond a document, a few recent ones kept.
"""

from __future__ import annotations

import collections
import dataclasses
from collections.abc import Iterator, Mapping
from pathlib import Path

from .metadata import DocumentMeta, load_document

# Documents read again and kept: a document and its neighbours in the chain.
CACHED = 16


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """What the other documents need of one document."""

    folder: Path
    answers: str | None
    title: tuple[tuple[str, str], ...]  # (language, title)


class Corpus(Mapping[str, DocumentMeta]):
    """Document id -> its metadata, in the order documents were added; each read from its
    folder on demand (an unchanged file reads the same; a file an editor changes while a
    run reads it fails like any bad metadata, with its own error)."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._answered_by: dict[str, tuple[str, ...]] = {}
        self._cache: collections.OrderedDict[str, DocumentMeta] = collections.OrderedDict()

    def add(self, doc: DocumentMeta) -> None:
        self._entries[doc.id] = Entry(doc.path.parent, doc.answers, tuple(doc.title.items()))

    def remove(self, doc_id: str) -> None:
        del self._entries[doc_id]
        self._cache.pop(doc_id, None)

    def entry(self, doc_id: str) -> Entry:
        return self._entries[doc_id]

    def entries(self) -> Iterator[tuple[str, Entry]]:
        return iter(list(self._entries.items()))

    def set_answered_by(self, replies: Mapping[str, list[str]]) -> None:
        """Which documents answer each (the chain read backwards), sorted."""
        self._answered_by = {doc_id: tuple(sorted(ids)) for doc_id, ids in replies.items()
                             if doc_id in self._entries}
        self._cache.clear()

    def chain(self, doc_id: str) -> tuple[str, ...]:
        """The documents next to one in the correspondence chain: the one it answers, then
        those that answer it (without reading its metadata again)."""
        answers = self._entries[doc_id].answers
        return ((answers,) if answers else ()) + self._answered_by.get(doc_id, ())

    def title(self, doc_id: str, lang: str = "en") -> str:
        """A document's title, without reading its metadata again."""
        return dict(self._entries[doc_id].title).get(lang, "")

    def __getitem__(self, doc_id: str) -> DocumentMeta:
        doc = self._cache.get(doc_id)
        if doc is not None:
            self._cache.move_to_end(doc_id)
            return doc
        entry = self._entries[doc_id]  # KeyError: not a document of the corpus
        doc = dataclasses.replace(load_document(entry.folder),
                                  answered_by=self._answered_by.get(doc_id, ()))
        self._cache[doc_id] = doc
        if len(self._cache) > CACHED:
            self._cache.popitem(last=False)
        return doc

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
