"""The PDF edition (issue #5): real WeasyPrint, PDFs read back with poppler and pypdf.

Two projects are rendered once per session into temporary folders: ``edition`` from the
repository's tei/ (the real documents) and ``fixture`` from tests/fixtures/pdf (invented
documents built to stress the layout: an aligned pair longer than a page, many notes).
The real project is rendered a second time to check that builds are byte-identical.

How the transcription is read back: ``pdftotext -bbox`` gives every word with its box.
The parallel text is set at one size; everything else on those pages (running heads,
column heads, unit numbers, footnote calls and footnotes) is smaller or larger, so the
words of the body size, split at the middle of the page, are the two columns. Pieces of
one word separated only by a footnote call are joined again, and so are the two halves of
a word hyphenated at a line end (print.css hyphens:auto leaves U+2010 before the break).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pytest
from conftest import CORPUS
from edition.errors import EditionError
from edition.paths import Project
from edition.pdf import MENTION_PREFIX, VOLUME_ID, RenderedPdf, render_pdfs
from lxml import etree
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "pdf"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
UNIT_TAGS = {f"{TEI}{t}" for t in ("head", "seg", "dateline", "salute", "p", "signed")}
NAME_TAGS = {f"{TEI}{t}" for t in ("persName", "placeName", "orgName", "geogName", "name")}
HYPHEN = "\u2010"  # what hyphens:auto leaves in the extracted text where it broke a word
SOFT_HYPHEN = "\u00ad"


# ----------------------------------------------------------------------------- building

@dataclass
class Build:
    name: str
    project: Project
    out: Path
    results: list[RenderedPdf]
    pdfs: dict[str, Pdf] = field(default_factory=dict)

    def pdf(self, stem: str) -> Pdf:
        if stem not in self.pdfs:
            self.pdfs[stem] = Pdf(self.out / f"{stem}.pdf")
        return self.pdfs[stem]

    @property
    def tei_files(self) -> list[Path]:
        return self.project.tei_documents()


def _project(root: Path, tei: Path, edition_toml: Path) -> Project:
    (root / "source").mkdir(parents=True)
    shutil.copy(edition_toml, root / "source" / "edition.toml")
    shutil.copytree(tei, root / "tei")
    (root / "pyproject.toml").write_text("")
    return Project(root)


def _build(tmp: Path, name: str, tei: Path, edition_toml: Path) -> Build:
    project = _project(tmp / name, tei, edition_toml)
    results = render_pdfs(project)
    return Build(name, project, project.build / "pdf", results)


@pytest.fixture(scope="session")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Build:
    if not list((CORPUS / "tei").glob("*.xml")):
        pytest.skip("tei/ is empty: run `edition encode`")
    return _build(tmp_path_factory.mktemp("pdf"), "edition", CORPUS / "tei",
                  CORPUS / "source" / "edition.toml")


@pytest.fixture(scope="session")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return _build(tmp_path_factory.mktemp("pdf"), "fixture", FIXTURE / "tei",
                  FIXTURE / "edition.toml")


@pytest.fixture(params=["edition", "fixture"])
def build(request: pytest.FixtureRequest) -> Build:
    return request.getfixturevalue(request.param)


# ------------------------------------------------------------------------ reading PDFs

@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


class Pdf:
    """One PDF, read back lazily: words with boxes, page texts, pypdf structures."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def pages(self) -> list[tuple[float, float, list[Word]]]:
        """(width, height, words) per page, from pdftotext -bbox."""
        xhtml = subprocess.run(["pdftotext", "-bbox", str(self.path), "-"], check=True,
                               capture_output=True).stdout
        root = etree.fromstring(xhtml)
        pages = []
        for page in root.iter("{*}page"):
            words = [Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                     for w in page.iter("{*}word")]
            pages.append((float(page.get("width")), float(page.get("height")), words))
        return pages

    @cached_property
    def texts(self) -> list[str]:
        """Plain text per page, whitespace normalised."""
        raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(self.path), "-"], check=True,
                             capture_output=True, text=True).stdout
        raw = raw.replace(HYPHEN + "\n", "")  # a word hyphenated at a line end, whole again
        return [" ".join(t.split()) for t in raw.split("\f")[: len(self.reader.pages)]]

    @cached_property
    def destinations(self) -> dict[str, tuple[int, float]]:
        """Named destination -> (page index, top in pdftotext's coordinates)."""
        out = {}
        for name, dest in self.reader.named_destinations.items():
            index = self.reader.get_destination_page_number(dest)
            height = self.pages[index][1]
            out[str(name)] = (index, height - float(dest.top or 0))
        return out

    def body_height(self, first: int, last: int) -> float:
        """The height of a word of the parallel text: the commonest on its pages."""
        heights = Counter(round(w.height, 1) for _, _, words in self.pages[first:last + 1]
                          for w in words)
        return heights.most_common(1)[0][0]

    def links(self) -> list[tuple[int, str, tuple[float, float, float, float]]]:
        """Internal links: (page index, destination name, rect in pdftotext coordinates).

        WeasyPrint writes one link annotation per box of a link (the text, its ::after
        with the leader and page number, ...), so the annotations with one destination on
        one page are one link, whose area is the union of their rects."""
        rects: dict[tuple[int, str], tuple[float, float, float, float]] = {}
        for index, page in enumerate(self.reader.pages):
            height = self.pages[index][1]
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                if annot.get("/Subtype") != "/Link" or "/Dest" not in annot:
                    continue
                x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
                rect = (min(x1, x2), height - max(y1, y2), max(x1, x2), height - min(y1, y2))
                key = (index, str(annot["/Dest"]))
                if key in rects:
                    old = rects[key]
                    rect = (min(old[0], rect[0]), min(old[1], rect[1]),
                            max(old[2], rect[2]), max(old[3], rect[3]))
                rects[key] = rect
        return [(index, dest, rect) for (index, dest), rect in rects.items()]

    def words_in(self, index: int, rect: tuple[float, float, float, float]) -> list[str]:
        x0, y0, x1, y1 = rect
        return [w.text for w in self.pages[index][2]
                if x0 - 1 <= w.x0 < x1 and y0 - 1 <= w.middle <= y1 + 1]

    def column_words(self, first: int, last: int, top: float) -> tuple[list[str], list[str]]:
        """The body-size words of pages first..last (from ``top`` on the first page), left
        and right of the page's middle, each column in reading order."""
        columns: tuple[list[str], list[str]] = ([], [])
        body = self.body_height(first, last)
        for index in range(first, last + 1):
            width, _, words = self.pages[index]
            if index == first:
                words = [w for w in words if w.y0 >= top - 1]
            for side, column in enumerate(columns):
                mine = [w for w in words if (w.x0 >= width / 2) == bool(side)]
                _extend(column, _read_column(mine, body))
        return columns


def _extend(column: list[str], tokens: list[str]) -> None:
    """Add a page's words to a column: a word hyphenated at the foot of the previous page
    goes on with the first word of this one."""
    if column and tokens and column[-1].endswith(HYPHEN):
        column[-1] = column[-1][:-1] + tokens.pop(0)
    column.extend(tokens)


def _read_column(words: list[Word], body: float) -> list[str]:
    """Lines of body-size words, top to bottom; smaller words that sit on a line (footnote
    calls) only join the body words they touch."""
    is_body = [abs(w.height - body) < 0.35 for w in words]
    lines: list[list[Word]] = []
    for word in sorted((w for w, b in zip(words, is_body, strict=True) if b), key=lambda w: w.y0):
        if lines and abs(lines[-1][0].y0 - word.y0) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    small = [w for w, b in zip(words, is_body, strict=True) if not b]
    tokens: list[str] = []
    for line in lines:
        # A word the layout hyphenated at the end of the previous line goes on here.
        broken = bool(tokens) and tokens[-1].endswith(HYPHEN)
        top, bottom = min(w.y0 for w in line), max(w.y1 for w in line)
        members = line + [w for w in small if top <= w.middle <= bottom]
        members.sort(key=lambda w: w.x0)
        previous: Word | None = None
        joined = False  # whether the words since the last body word touch each other
        for word in members:
            touching = previous is not None and abs(word.x0 - previous.x1) < 0.6
            if abs(word.height - body) < 0.35:
                if broken:
                    tokens[-1] = tokens[-1][:-1] + word.text
                    broken = False
                elif tokens and touching and joined:
                    tokens[-1] += word.text
                else:
                    tokens.append(word.text)
                joined = True
            else:
                joined = joined and touching
            previous = word
    return tokens


# ------------------------------------------------------------------------- reading TEI

def _inner(node: etree._Element) -> str:
    """The reading text of a TEI element as the edition prints it: supplied text in
    brackets, gaps as their mark, corrections instead of errors, no notes."""
    if node.tag == f"{TEI}note":
        return ""
    if node.tag == f"{TEI}gap":
        return node.get("rend") or "[…]"
    if node.tag == f"{TEI}choice":
        corr = node.find(f"{TEI}corr")
        return _inner(corr) if corr is not None else ""
    text = (node.text or "") + "".join(_inner(c) + (c.tail or "") for c in node)
    return f"[{text}]" if node.tag == f"{TEI}supplied" else text


def _is_unit(el: etree._Element) -> bool:
    return el.tag in UNIT_TAGS and el.get(XML_ID) is not None


def _division_words(division: etree._Element) -> list[str]:
    """Every word of a language division in order: its units, and the gaps between them."""
    words: list[str] = []
    for el in division.iter():
        inside_unit = any(_is_unit(a) for a in el.iterancestors())
        if inside_unit or not (_is_unit(el) or el.tag == f"{TEI}gap"):
            continue
        text = _inner(el)
        parent = el.getparent()
        label = parent.getprevious() if parent is not None else None
        if parent is not None and parent.tag == f"{TEI}item" and el.getprevious() is None:
            # The item's number before its first unit: the witness's, in the label before
            # the item; in TEI without labels, from item/@n unless the text begins with it.
            if label is not None and label.tag == f"{TEI}label":
                text = f"{_inner(label)} {text}"
            elif parent.get("n") and not text.strip().startswith(parent.get("n") + "."):
                text = f"{parent.get('n')}. {text}"
        words.extend(text.split())
    return words


@dataclass(frozen=True)
class TeiDoc:
    path: Path

    @cached_property
    def tree(self) -> etree._Element:
        return etree.parse(str(self.path)).getroot()

    @property
    def id(self) -> str:
        return self.path.stem

    @cached_property
    def divisions(self) -> list[etree._Element]:
        divs = self.tree.findall(f"{TEI}text/{TEI}body/{TEI}div")
        return sorted(divs, key=lambda d: d.get("type") != "edition")

    def mention_forms(self, record: str) -> set[str]:
        """How the document names a record: the text of every mention pointing to it."""
        forms = set()
        for el in self.tree.iter(*NAME_TAGS):
            refs = (el.get("ref") or "").split()
            if f"#{record}" in refs and not any(a.tag == f"{TEI}standOff" for a in el.iterancestors()):
                forms.add(" ".join(_inner(el).split()))
        return forms

    def keywords(self) -> list[str]:
        """The English keyword terms of the header (textClass)."""
        path = f".//{TEI}textClass/{TEI}keywords[@{XML_LANG}='en']/{TEI}term"
        return [" ".join(t.text.split()) for t in self.tree.iterfind(path)]

    def notes(self) -> list[str]:
        return [" ".join(_inner(n).split()) for n in self.tree.iter(f"{TEI}note")
                if n.get("type") == "editorial"]

    def apparatus_counts(self) -> list[int]:
        """Footnotes the edition prints, per division (original first): notes, supplied
        text, corrections, and the first gap of each kind (reason and who is responsible)
        in the document, whose mark the footnote explains."""
        seen: set[tuple[str | None, str | None]] = set()
        counts = []
        for division in self.divisions:
            n = 0
            for el in division.iter(f"{TEI}note", f"{TEI}supplied", f"{TEI}choice", f"{TEI}gap"):
                if el.tag == f"{TEI}gap":
                    kind = (el.get("reason"), el.get("resp"))
                    if kind in seen:
                        continue
                    seen.add(kind)
                n += 1
            counts.append(n)
        return counts


def _text_pages(pdf: Pdf, doc_id: str, following: list[str]) -> tuple[int, int, float]:
    """First page, last page and top of a document's parallel text: from its section's
    destination to the page before whatever comes next (next document, index)."""
    first, top = pdf.destinations[f"{doc_id}.text"]
    ends = [pdf.destinations[n][0] for n in following if n in pdf.destinations]
    last = min(ends) - 1 if ends else len(pdf.pages) - 1
    return first, last, top


def _documents_in(build: Build, stem: str) -> list[TeiDoc]:
    docs = [TeiDoc(p) for p in build.tei_files]
    if stem == VOLUME_ID:
        pdf = build.pdf(stem)
        return sorted(docs, key=lambda d: pdf.destinations[f"{d.id}.text"][0])
    return [d for d in docs if d.id == stem]


def _stems(build: Build) -> list[str]:
    return [p.stem for p in build.tei_files] + [VOLUME_ID]


# --------------------------------------------------------------------------------- tests

def test_one_pdf_per_document_and_the_volume(build: Build) -> None:
    written = sorted(p.name for p in build.out.glob("*.pdf"))
    assert written == sorted(f"{s}.pdf" for s in _stems(build))
    assert not list(build.out.glob(".*"))  # no partial files left behind
    for result in build.results:
        assert result.warnings == (), f"{result.path.name}: WeasyPrint warned: {result.warnings}"


def test_every_font_is_embedded_noto_with_unicode_map(build: Build) -> None:
    for stem in _stems(build):
        listing = subprocess.run(["pdffonts", str(build.out / f"{stem}.pdf")], check=True,
                                 capture_output=True, text=True).stdout.splitlines()[2:]
        assert listing, f"{stem}: no fonts"
        for line in listing:
            name = line.split()[0]
            emb, sub, uni = line.split()[-5:-2]
            assert "Noto" in name, f"{stem}: font {name} is not Noto"
            assert (emb, uni) == ("yes", "yes"), f"{stem}: {line}"


def test_every_word_of_each_transcription_in_order(build: Build) -> None:
    for stem in _stems(build):
        pdf = build.pdf(stem)
        docs = _documents_in(build, stem)
        for n, doc in enumerate(docs):
            following = [f"{d.id}.title" for d in docs[n + 1:]] + ["index"]
            first, last, top = _text_pages(pdf, doc.id, following)
            columns = pdf.column_words(first, last, top)
            for division, got in zip(doc.divisions, columns, strict=True):
                want = _division_words(division)
                assert want, f"{doc.id}: empty division"
                if got != want:
                    at = next((i for i, (g, w) in enumerate(zip(got, want, strict=False)) if g != w),
                              min(len(got), len(want)))
                    pytest.fail(f"{stem}.pdf, {doc.id} [{division.get(XML_ID)}] word {at}: "
                                f"PDF {got[max(0, at - 5):at + 5]} != TEI {want[max(0, at - 5):at + 5]}")


def test_both_languages_are_hyphenated_and_small_caps_extract_as_written(build: Build) -> None:
    """hyphens:auto with each column's lang: Russian and English words are broken at line
    ends (pyphen's dictionaries), and only there; the word tests join them again."""
    for stem in _stems(build):
        raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(build.out / f"{stem}.pdf"), "-"],
                             check=True, capture_output=True, text=True).stdout
        assert SOFT_HYPHEN not in raw, f"{stem}: {unicodedata.name(SOFT_HYPHEN)} in the extracted text"
        assert all(raw[i + 1] in "\n\f" for i, c in enumerate(raw) if c == HYPHEN), \
            f"{stem}: a hyphenation mark inside a line"
        broken = re.findall(rf"(\w+){HYPHEN}\n", raw)
        assert any(re.search("[а-яё]", w) for w in broken), f"{stem}: no Russian word hyphenated"
        assert any(re.fullmatch("[a-z]+", w) for w in broken), f"{stem}: no English word hyphenated"
        text = " ".join(build.pdf(stem).texts)
        # Labels set in small caps: real small-cap glyphs keep their letters; faked ones
        # (capitals of a smaller size) would come out as "LANGUAGES".
        assert "Languages" in text and "Contents" in text and "Index" in text


def test_page_counts_within_bounds(build: Build) -> None:
    for stem in _stems(build):
        pdf = build.pdf(stem)
        docs = _documents_in(build, stem)
        text_pages = 0
        for n, doc in enumerate(docs):
            following = [f"{d.id}.title" for d in docs[n + 1:]] + ["index"]
            first, last, _ = _text_pages(pdf, doc.id, following)
            chars = sum(len(" ".join(_division_words(d))) for d in doc.divisions)
            pages = last - first + 1
            text_pages += pages
            # Measured: a full page of the parallel text holds 2,750-2,950 characters of
            # transcription (both columns, A4, 10 pt). 2,500 a page leaves room for headings
            # and footnotes; +2 for the first page (shared with the contents) and the last.
            # One footnote per page (the @footnote padding trap) would exceed it.
            assert pages <= chars // 2500 + 2, f"{stem}/{doc.id}: {pages} text pages for {chars} chars"
            assert pages >= chars // 6000 + 1
            # Every text page but the last is filled with text, not just footnotes: at least
            # half a full page (a full page holds about 300 words), as a row with notes that
            # does not fit is moved whole to the next page (print.css tr.has-notes).
            body = pdf.body_height(first, last)
            for index in range(first, last):
                words = [w for w in pdf.pages[index][2] if abs(w.height - body) < 0.35]
                assert len(words) > 120, f"{stem}: page {index + 1} holds {len(words)} words"
        # Besides the text: a title page per document (and the volume's, and its contents
        # page) and an index of a few pages.
        assert text_pages + len(docs) < len(pdf.pages) <= text_pages + len(docs) + 2 + 3


def test_footnotes_numbered_per_document_and_all_notes_printed(build: Build) -> None:
    for stem in _stems(build):
        pdf = build.pdf(stem)
        text = " ".join(pdf.texts)
        docs = _documents_in(build, stem)
        for n, doc in enumerate(docs):
            for note in doc.notes():
                assert note in text, f"{stem}: note not printed: {note[:60]}"
            # Each column numbers its own footnotes (notes, supplied passages, corrections
            # and the first gap of each kind): the original "1.", "2.", …, the translation
            # "a.", "b.", …; each printed once: as footnotes under the text, in order,
            # except that a row running over a page prints its notes at its end, at the
            # left edge of its columns (pdf.py, print.xsl $row-notes).
            following = [f"{d.id}.title" for d in docs[n + 1:]] + ["index"]
            first, last, _ = _text_pages(pdf, doc.id, following)
            body = pdf.body_height(first, last)
            footnotes, row_notes = [], []
            for index in range(first, last + 1):
                width, _, words = pdf.pages[index]
                lines = [w for w in words if abs(w.height - body) < 0.35]
                bottom = max(w.y1 for w in lines)
                area = [w for w in words if w.y0 > bottom and w.height < body - 1]
                if area:
                    left = min(w.x0 for w in area)
                    footnotes += [w.text for w in sorted(area, key=lambda w: w.y0)
                                  if abs(w.x0 - left) < 1 and re.fullmatch(MARKER, w.text)]
                for side in (False, True):
                    column = [w for w in lines if (w.x0 >= width / 2) == side]
                    if column:
                        left = min(w.x0 for w in column)
                        row_notes += [w.text for w in words
                                      if w.y1 <= bottom and w.height < body - 1 and abs(w.x0 - left) < 1
                                      and (w.x0 >= width / 2) == side and re.fullmatch(MARKER, w.text)]
            numbers = [int(m[:-1]) for m in footnotes if m[0].isdigit()]
            letters = [m[:-1] for m in footnotes if not m[0].isdigit()]
            assert numbers == sorted(numbers), f"{stem}/{doc.id}: footnotes out of order {footnotes}"
            assert letters == sorted(letters, key=lambda s: (len(s), s)), f"{stem}/{doc.id}: {footnotes}"
            counts = doc.apparatus_counts()
            want = ([f"{i}." for i in range(1, counts[0] + 1)]
                    + [f"{_letters(i)}." for i in range(1, (counts[1:] or [0])[0] + 1)])
            got = sorted(footnotes + row_notes, key=lambda m: (not m[0].isdigit(), len(m), m.zfill(6)))
            assert got == want, f"{stem}/{doc.id}: footnotes {footnotes}, notes at row ends {row_notes}"


MARKER = r"(\d+|[a-z]{1,2})\."


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: XPath's format-integer(n, 'a')."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _outline(pdf: Pdf) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(entries: list, depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                out.append((depth, str(entry.title), pdf.reader.get_destination_page_number(entry)))

    walk(pdf.reader.outline, 0)
    return out


def test_bookmarks_for_documents_and_parts(build: Build) -> None:
    for stem in _stems(build):
        pdf = build.pdf(stem)
        marks = _outline(pdf)
        top = [t for d, t, _ in marks if d == 0]
        assert "Contents" in top and "Index" in top
        assert [t for d, t, _ in marks if d == 1 and t in ("Persons", "Places")] == ["Persons", "Places"]
        for doc in _documents_in(build, stem):
            title = " ".join(doc.tree.find(f".//{TEI}titleStmt/{TEI}title").text.split())
            assert title in top, f"{stem}: no bookmark for {doc.id}"
        assert sum(t.endswith(" translation") for _, t, _ in marks) == len(_documents_in(build, stem))
        for _, title, page in marks:
            # Each bookmark lands on the page that shows its heading.
            assert title.lower() in pdf.texts[page].lower(), (stem, title, page)


def test_tei_attached_as_source_and_archival_metadata(build: Build) -> None:
    for stem in _stems(build):
        pdf = build.pdf(stem)
        reader = pdf.reader
        docs = _documents_in(build, stem)
        attached = reader.attachments
        assert sorted(attached) == sorted(f"{d.id}.xml" for d in docs)
        for doc in docs:
            assert attached[f"{doc.id}.xml"] == [doc.path.read_bytes()]
        root = reader.trailer["/Root"]
        relationships = {str(f.get_object()["/F"]): f.get_object()["/AFRelationship"] for f in root["/AF"]}
        assert relationships == {f"{d.id}.xml": "/Source" for d in docs}
        # PDF/A-3b identification, output intent, tags.
        xmp = root["/Metadata"].get_object().get_data().decode()
        assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
        assert "<rdf:li>ru</rdf:li><rdf:li>en</rdf:li>" in xmp
        assert xmp.count("<rdf:RDF") == 1
        assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
        assert root["/Lang"] == "en"
        info = reader.metadata
        assert info.title and info.subject
        # Keywords are the TEI's own (optional in the metadata): none there, none here.
        terms = list(dict.fromkeys(t for d in docs for t in d.keywords()))
        assert info.get("/Keywords") == (", ".join(terms) if terms else None), stem
        if stem != VOLUME_ID:
            assert info.title == " ".join(docs[0].tree.find(f".//{TEI}titleStmt/{TEI}title").text.split())
            author = docs[0].tree.find(f".//{TEI}titleStmt/{TEI}author")
            assert info.author == " ".join("".join(author.itertext()).split())
        # Dates from the TEI, not the clock: created at the earliest, modified at the latest
        # date of publication or revision of its documents.
        dates = sorted(el.get("when") for d in docs
                       for el in d.tree.iterfind(f"{TEI}teiHeader//{TEI}*[@when]")
                       if el.tag in (f"{TEI}change", f"{TEI}date")
                       and el.getparent().tag in (f"{TEI}revisionDesc", f"{TEI}publicationStmt"))
        assert info["/CreationDate"].startswith("D:" + dates[0].replace("-", "")[:8]), stem
        assert info["/ModDate"].startswith("D:" + dates[-1].replace("-", "")[:8]), stem


def test_index_page_numbers_point_at_pages_naming_the_record(build: Build) -> None:
    for stem in _stems(build):
        pdf = build.pdf(stem)
        docs = {d.id: d for d in _documents_in(build, stem)}
        index_page = pdf.destinations["index"][0]
        linked: dict[str, set[int]] = {}
        for page, dest, rect in pdf.links():
            if not dest.startswith(MENTION_PREFIX):
                continue
            assert page >= index_page, f"{stem}: mention link outside the index"
            _, doc_id, record, _ = dest.split(".")
            target = pdf.destinations[dest][0]
            printed = [w.strip(",.") for w in pdf.words_in(page, rect)]
            assert printed == [str(target + 1)], f"{stem}: {dest} prints {printed}, lies on {target + 1}"
            forms = set().union(*(d.mention_forms(record) for d in docs.values()))
            assert any(f in pdf.texts[target] for f in forms), \
                f"{stem}: page {target + 1} does not name {record} ({forms})"
            pages = linked.setdefault(record, set())
            assert target not in pages, f"{stem}: page {target + 1} listed twice for {record}"
            pages.add(target)
        # Every page that names a record is in its entry, and every record has one.
        named: dict[str, set[int]] = {}
        for dest, (page, _) in pdf.destinations.items():
            if dest.startswith(MENTION_PREFIX):
                named.setdefault(dest.split(".")[2], set()).add(page)
        assert linked == named


def test_contents_page_numbers(build: Build) -> None:
    for stem in _stems(build):
        pdf = build.pdf(stem)
        contents = [(p, d, r) for p, d, r in pdf.links()
                    if d.endswith((".text", ".title")) or d.startswith("index")]
        assert contents
        for page, dest, rect in contents:
            if page >= pdf.destinations["index"][0]:
                continue  # cross-references in the index carry no number
            numbers = [w for w in pdf.words_in(page, rect) if w.isdigit()]
            assert numbers and numbers[-1] == str(pdf.destinations[dest][0] + 1), (stem, dest)


def test_aligned_pair_longer_than_a_page_continues_side_by_side(fixture: Build) -> None:
    pdf = fixture.pdf("telegram")
    start = pdf.destinations["telegram.ru-long"][0]
    after = pdf.destinations["telegram.ru-p3"][0]
    assert after > start, "the long pair should break across pages"
    width, _, words = pdf.pages[start + 1]
    body = [w for w in words if abs(w.height - pdf.body_height(start, start + 1)) < 0.35]
    tops = [min(w.y0 for w in body if (w.x0 >= width / 2) == side) for side in (False, True)]
    assert abs(tops[0] - tops[1]) < 1, f"columns resume at {tops}"


def test_two_builds_are_byte_identical(edition: Build, tmp_path: Path) -> None:
    # The second build runs in another process, from another folder, with another hash
    # seed and SOURCE_DATE_EPOCH: nothing of the run may reach the PDF.
    other = _project(tmp_path / "elsewhere", edition.project.tei, edition.project.edition_file)
    env = {**os.environ, "PYTHONHASHSEED": "12345", "SOURCE_DATE_EPOCH": "86400"}
    subprocess.run([sys.executable, "-m", "edition.pdf", "--root", str(other.root)], check=True,
                   env=env, capture_output=True)
    written = sorted(p.name for p in (other.build / "pdf").glob("*.pdf"))
    assert written == sorted(p.name for p in edition.out.glob("*.pdf"))
    for name in written:
        assert (other.build / "pdf" / name).read_bytes() == (edition.out / name).read_bytes(), name


def test_a_document_in_one_language_is_one_column(tmp_path: Path) -> None:
    # A transcription whose translation is not done yet: the translation's division and
    # the alignment pointers removed from a fixture.
    project = _project(tmp_path / "one", FIXTURE / "tei", FIXTURE / "edition.toml")
    path = project.tei / "telegram.xml"
    tree = etree.parse(str(path))
    for div in tree.getroot().findall(f"{TEI}text/{TEI}body/{TEI}div"):
        if div.get("type") != "edition":
            div.getparent().remove(div)
    for el in tree.iter():
        el.attrib.pop("corresp", None)
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    (result,) = render_pdfs(project, documents=["telegram"], volume=False)
    pdf = Pdf(result.path)
    doc = TeiDoc(path)
    (division,) = doc.divisions
    first, last, top = _text_pages(pdf, doc.id, ["index"])
    body = pdf.body_height(first, last)
    got = []
    for index in range(first, last + 1):
        words = [w for w in pdf.pages[index][2] if index > first or w.y0 >= top - 1]
        _extend(got, _read_column(words, body))
    assert got == _division_words(division)
    # One column: the text runs across the middle of the page.
    width = pdf.pages[first][0]
    assert any(w.x0 < width / 2 < w.x1 for w in pdf.pages[first][2] if abs(w.height - body) < 0.35)


def test_unknown_document_is_refused(edition: Build, tmp_path: Path) -> None:
    with pytest.raises(EditionError, match="no TEI file"):
        render_pdfs(edition.project, tmp_path, documents=["no-such-document"])


def test_renderer_names_no_particular_document() -> None:
    ids = {tei.stem for tei in [*Project(CORPUS).tei_documents(), *(FIXTURE / "tei").glob("*.xml")]}
    for tei in [*(CORPUS / "tei").glob("*.xml"), *(FIXTURE / "tei").glob("*.xml")]:
        ids.update(el.get(XML_ID) for el in etree.parse(str(tei)).iter()
                   if el.get(XML_ID) and any(a.tag == f"{TEI}standOff" for a in el.iterancestors()))
    ids -= {"align-unaligned", "align-lost"}
    # The names of the records too, in any case, even in comments and examples.
    names = {" ".join("".join(el.itertext()).split())
             for tei in [*(CORPUS / "tei").glob("*.xml"), *(FIXTURE / "tei").glob("*.xml")]
             for standoff in etree.parse(str(tei)).iter(f"{TEI}standOff")
             for el in standoff.iter(*NAME_TAGS, f"{TEI}surname", f"{TEI}forename")}
    for path in (REPO / "xslt" / "print.xsl", *sorted((REPO / "xslt" / "print").glob("*.xsl")),
                 REPO / "scripts" / "edition" / "pdf.py",
                 REPO / "scripts" / "edition" / "print" / "print.css"):
        text = path.read_text(encoding="utf-8")
        for found in ids:
            assert not re.search(rf"(?<![\w-]){re.escape(found)}(?![\w-])", text), (path.name, found)
        for name in names - {""}:
            # A two-letter name (a family name such as Li) is matched as written: the HTML
            # element <li> is not it.
            flags = 0 if len(name) < 3 else re.IGNORECASE
            assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags), (path.name, name)


def test_the_store_reuses_a_pdf_and_the_pool_lays_out_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF made in a worker, or copied from the store, is byte for byte the one a plain
    run makes: an incremental build cannot differ from a clean one."""
    import edition.pdf as pdf_module
    from edition.fingerprint import Store

    project = _project(tmp_path / "project", FIXTURE / "tei", FIXTURE / "edition.toml")
    plain = render_pdfs(project, tmp_path / "plain", volume=False)
    store = Store(tmp_path / "cache")
    monkeypatch.setattr(pdf_module, "POOL_THRESHOLD", 1)
    pooled = render_pdfs(project, tmp_path / "pooled", volume=False, store=store, jobs=2)
    reused = render_pdfs(project, tmp_path / "reused", volume=False, store=store, jobs=2)
    assert [r.layouts for r in reused] == [0] * len(plain)
    for a, b, c in zip(plain, pooled, reused, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes() == c.path.read_bytes()
        assert a.pages == c.pages


def test_the_title_page_says_how_to_cite_the_document_and_where_it_is_online(fixture: Build) -> None:
    """The fixture edition has a public address (base_url); each document's title page
    prints its citation and the address of its page on the site, once."""
    base = tomllib.loads((FIXTURE / "edition.toml").read_text(encoding="utf-8"))["edition"]["base_url"]
    for tei in fixture.tei_files:
        title_page = fixture.pdf(tei.stem).texts[0]
        assert "How to cite" in title_page, tei.stem
        url = f"{base}documents/{tei.stem}.html"
        assert title_page.replace(" ", "").count(url) == 1, (tei.stem, title_page[:400])
        assert "In: " in title_page


def test_the_title_pages_citation_gives_the_date_once(fixture: Build) -> None:
    """The PDF cites a document with the page's sentence (edn:citation in common.xsl): the
    date once, also where the title already ends with it."""
    for tei in fixture.tei_files:
        title_page = " ".join(fixture.pdf(tei.stem).texts[0].split())
        cite = title_page.split("How to cite", 1)[1].split(" In: ", 1)[0]
        dates = re.findall(r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|"
                           r"October|November|December) \d{4}", cite)
        assert dates and len(set(dates)) == len(dates), (tei.stem, cite)


def test_the_whole_is_laid_out_again_when_the_index_alone_would_move_a_register(tmp_path: Path) -> None:
    """The index is laid out alone after a first layout of the whole and its pages replace
    the first ones; where that would leave the contents pointing at a wrong page for a
    register (here: a first layout whose index is longer), the whole is laid out again,
    and the PDF reads as the one laid out in one go."""
    import edition.pdf as pdf_module

    project = _project(tmp_path / "project", FIXTURE / "tei", FIXTURE / "edition.toml")
    tei = project.tei_documents()[0]
    params = pdf_module._edition_params(project)

    class LongerFirstIndex(pdf_module._Renderer):
        def _html(self, sources: list[Path], params: dict[str, str]) -> str:
            html = super()._html(sources, params)
            if params.get("index-pages") == "#placeholder":  # the first layout only
                html = html.replace('<h2 class="index-head', '<div style="height: 230mm"></div>'
                                    '<h2 class="index-head', 1)
            return html

    plain = pdf_module._Renderer().render([tei], tmp_path / "plain.pdf", params)
    again = LongerFirstIndex().render([tei], tmp_path / "again.pdf", params)
    assert (plain.layouts, plain.index_alone) == (1, True)
    assert (again.layouts, again.index_alone) == (2, True)
    assert Pdf(again.path).texts == Pdf(plain.path).texts
    assert Pdf(again.path).links() == Pdf(plain.path).links()
