"""The corpus the encoder reads: every document's metadata checked once, kept as a few
fields, read again whole when asked for; and the encoder's workers share the run's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, copy_project, generated_project
from edition import encode
from edition.corpus import CACHED, Corpus
from edition.encode import encode_one, load_sources
from edition.metadata import load_document
from edition.paths import Project


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Forty generated documents, some of them replies."""
    return generated_project(tmp_path_factory.mktemp("corpus") / "project", 40)


def test_a_document_read_again_is_its_metadata_with_the_documents_that_answer_it(generated: Project) -> None:
    corpus = load_sources(generated).corpus
    assert list(corpus) == generated.document_ids()
    answered = {doc.answers for doc in map(corpus.__getitem__, corpus) if doc.answers}
    assert answered, "the generated project has replies"
    for doc_id in corpus:
        doc = corpus[doc_id]
        replies = tuple(sorted(other for other in corpus if corpus.entry(other).answers == doc_id))
        assert doc.answered_by == replies
        assert doc.title == load_document(generated.documents / doc_id).title
        assert corpus.title(doc_id) == doc.title["en"]
        assert corpus.chain(doc_id) == ((doc.answers,) if doc.answers else ()) + replies


def test_the_corpus_keeps_only_a_few_documents_whole(generated: Project) -> None:
    corpus = load_sources(generated).corpus
    for doc_id in corpus:
        corpus[doc_id]
    assert len(corpus) == 40 > CACHED
    assert len(corpus._cache) == CACHED


def test_an_unknown_document_is_not_in_the_corpus() -> None:
    corpus = Corpus()
    corpus.add(load_document(CORPUS / "source" / "documents" / "1951-07-03-mao-to-filippov"))
    assert "1951-07-03-mao-to-filippov" in corpus and "nobody" not in corpus
    assert corpus.get("nobody") is None
    with pytest.raises(KeyError):
        corpus["nobody"]


def test_a_worker_reads_the_sources_once_per_run(generated: Project) -> None:
    """A forked worker inherits the run's sources; a cluster's worker, which may serve
    several runs, reads them again for a new run (an editor's change in between counts)."""
    saved = dict(encode._WORKER)
    try:
        encode._WORKER.clear()
        encode._worker_init(str(generated.root), "run-1")
        first = encode._WORKER["sources"]
        encode._worker_init(str(generated.root), "run-1")
        assert encode._WORKER["sources"] is first
        encode._worker_init(str(generated.root), "run-2")
        assert encode._WORKER["sources"] is not first
    finally:
        encode._WORKER.clear()
        encode._WORKER.update(saved)


def test_a_pool_encodes_what_one_process_encodes(generated: Project) -> None:
    sources = load_sources(generated)
    ids = list(sources.corpus)[:12]
    pooled = {doc_id: data for doc_id, data, _ in encode._encode_many(generated, sources, ids, jobs=2)}
    assert pooled == {doc_id: encode_one(generated, sources, doc_id) for doc_id in ids}


def test_a_chain_waits_behind_a_reply_that_fails(tmp_path: Path) -> None:
    """A <- B <- C, C's metadata wrong: B waits for C, and A for B; nothing crashes."""
    project = copy_project(tmp_path / "p")
    telegram, reply = "1951-07-03-mao-to-filippov", "1951-07-03-filippov-to-mao"
    third = "1951-07-04-mao-to-filippov"
    shutil.copytree(project.documents / reply, project.documents / third)
    meta = project.documents / third / "metadata.toml"
    text = re.sub(r"(?m)^answers = .*$", f'answers = "{reply}"', meta.read_text(encoding="utf-8"))
    meta.write_text("bogus_key = 1\n" + text, encoding="utf-8")
    before = {d: (project.tei / f"{d}.xml").read_bytes() for d in (telegram, reply)}
    result = encode.encode(project)
    assert set(result.failed) == {third, reply, telegram}
    assert f"{third}, which answers this document, has errors" in result.failed[reply][0].message
    assert f"{reply}, which answers this document, has errors" in result.failed[telegram][0].message
    assert {d: (project.tei / f"{d}.xml").read_bytes() for d in (telegram, reply)} == before
