"""html.xsl, one feature at a time: a small TEI document in (written here, after
docs/tei-conventions.md), the HTML fragment that feature must become out. Each TEI is run
through the real stylesheet by edition.html.document_page (saxonche); the pages the site
makes of all documents are checked in test_site_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS
from edition.html import CSP, Settings, document_data, document_page, sections
from lxml import etree
from lxml import html as lxml_html

SETTINGS = Settings(title="Test edition", title_ru="", short_title="Test", base_url="https://example.org/ed/",
                    publisher="Test publisher", licence="CC BY 4.0",
                    licence_url="https://creativecommons.org/licenses/by/4.0/")

STANDOFF = """
  <listPerson>
    <person xml:id="ivan">
      <persName type="preferred" xml:lang="en">Ivan Petrov</persName>
      <persName type="preferred" xml:lang="ru">Иван Петров</persName>
      <persName type="pseudonym" xml:lang="en">Ivanov</persName>
      <birth when="1901-02-03"/><death when="1970"/>
      <note type="description" xml:lang="en">Invented <hi>sender</hi> of test letters.</note>
      <idno type="wikidata">http://www.wikidata.org/entity/Q1</idno>
    </person>
  </listPerson>
  <listPlace>
    <place xml:id="kaluga"><placeName type="preferred" xml:lang="en">Kaluga</placeName></place>
    <place xml:id="ugra"><placeName type="preferred" xml:lang="en">Ugra river</placeName></place>
  </listPlace>
  <listOrg><org xml:id="cttee"><orgName type="preferred" xml:lang="en">Committee</orgName></org></listOrg>
  <listEvent>
    <event xml:id="fair" when="1951-07"><label xml:lang="en">Harvest fair</label></event>
  </listEvent>"""


def tei(ru: str, en: str, *, standoff: str = STANDOFF, header: str = "") -> str:
    """A complete TEI document with these Russian and English divisions."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="doc">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title xml:lang="en">Letter of 3 July 1951</title>
        <title xml:lang="ru">Письмо от 3 июля 1951 г.</title>
        <respStmt xml:id="resp-edition"><resp>Notes</resp><orgName>The test edition</orgName></respStmt>
        <respStmt xml:id="resp-archive"><resp>Translation</resp><orgName>Example Archive</orgName></respStmt>
      </titleStmt>
      <publicationStmt><publisher>Test publisher</publisher></publicationStmt>
      <sourceDesc>
        <bibl type="witness"><title>Letter</title>, <publisher>Example Archive</publisher></bibl>
      </sourceDesc>
    </fileDesc>
    <profileDesc>
      <abstract><p>Ivan writes to the committee.</p></abstract>
      <correspDesc>
        <correspAction type="sent">
          <persName ref="#ivan">Ivan Petrov</persName><date when="1951-07-03"/>
        </correspAction>
        <correspAction type="received"><orgName ref="#cttee">Committee</orgName></correspAction>
      </correspDesc>
      <langUsage><language ident="ru">Russian</language><language ident="en">English</language></langUsage>
      <textClass><keywords xml:lang="en"><term>Harvest</term><term>Rivers</term></keywords></textClass>
    </profileDesc>{header}
  </teiHeader>
  <standOff>{standoff}</standOff>
  <text><body>
    <div type="edition" xml:lang="ru" xml:id="ru" corresp="#en">{ru}</div>
    <div type="translation" xml:lang="en" xml:id="en" corresp="#ru">{en}</div>
  </body></text>
</TEI>"""


def one_unit(en_text: str, ru_text: str = "Текст.") -> str:
    """A document of one aligned pair; the English unit holds the feature under test."""
    return tei(f'<p xml:id="ru-p1" n="1" corresp="#en-p1">{ru_text}</p>',
               f'<p xml:id="en-p1" n="1" corresp="#ru-p1">{en_text}</p>')


@pytest.fixture
def render(tmp_path: Path):
    """Render TEI text as a document page; returns the page parsed (lxml.html)."""
    def renderer(text: str) -> lxml_html.HtmlElement:
        source = tmp_path / "doc.xml"
        source.write_text(text, encoding="utf-8")
        return lxml_html.document_fromstring(document_page(source, SETTINGS))
    return renderer


def only(page: lxml_html.HtmlElement, xpath: str) -> lxml_html.HtmlElement:
    found = page.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} found"
    return found[0]


def as_read(element: lxml_html.HtmlElement, ui: str = "en") -> str:
    """The text a reader whose interface language is ``ui`` sees: every label is written
    once per interface language (html/i18n.xsl), and the style sheet shows one."""
    copy = lxml_html.fromstring(etree.tostring(element, encoding="unicode", with_tail=False))
    for span in copy.xpath('.//span[contains(concat(" ", @class, " "), " ui ")]'):
        if f"ui-{ui}" not in span.get("class").split():
            span.drop_tree()
    return " ".join(copy.text_content().split())


def ui_spans(en: str, ru: str) -> str:
    """A label as html/i18n.xsl writes it."""
    return f'<span class="ui ui-en" lang="en">{en}</span><span class="ui ui-ru" lang="ru">{ru}</span>'


def markup(element: lxml_html.HtmlElement) -> str:
    return etree.tostring(element, method="html", encoding="unicode", with_tail=False)


def classes(element: lxml_html.HtmlElement) -> list[str]:
    return (element.get("class") or "").split()


def unit(page: lxml_html.HtmlElement, unit_id: str) -> lxml_html.HtmlElement:
    return only(page, f'//div[@id="{unit_id}"]//p[@class="unit-text"]')


# ------------------------------------------------------------------------------- names

@pytest.mark.parametrize(("tei_name", "kind", "entry"), [
    ('<persName ref="#ivan">Ivan</persName>', "person", "persons.html#ivan"),
    ('<placeName ref="#kaluga">Kaluga</placeName>', "place", "places.html#kaluga"),
    ('<geogName ref="#ugra">Ugra</geogName>', "geog", "places.html#ugra"),
    ('<orgName ref="#cttee">committee</orgName>', "org", "organisations.html#cttee"),
    ('<name type="event" ref="#fair">fair</name>', "event", "events.html#fair"),
])
def test_a_name_is_a_link_to_its_register_entry_styled_by_kind(render, tei_name, kind, entry):
    page = render(one_unit(f"See {tei_name} now."))
    link = only(page, '//div[@id="en-p1"]//a[contains(@class, "name")]')
    assert classes(link) == ["name", f"name-{kind}"]
    assert link.get("href") == f"../{entry}"
    # The card follows the link, which points to it for screen readers.
    card = only(page, f'//span[@id="{link.get("aria-describedby")}"]')
    assert classes(card) == ["card", "card-name"]
    assert card.getparent() is link.getparent() and classes(link.getparent()) == ["has-card"]
    links = card.xpath(".//a")
    assert [a.get("href") for a in links if as_read(a) == "Register entry"] == [link.get("href")]
    assert [a.get("href") for a in links if as_read(a, "ru") == "Статья указателя"] == [link.get("href")]


def test_a_name_card_gives_names_dates_description_and_authority(render):
    page = render(one_unit('From <persName ref="#ivan">Ivan</persName>.'))
    card = only(page, '//div[@id="en-p1"]//span[contains(@class, "card-name")]')
    assert markup(card) == (
        '<span class="card card-name" id="card-3" lang="en"><span class="card-record">'
        '<span class="card-kind">' + ui_spans("Person", "Лицо")
        + '</span><span class="card-title">Ivan Petrov</span>'
        '<span class="card-alt" lang="ru">Иван Петров</span>'
        '<span class="card-dates">3 February 1901 – 1970</span>'
        '<span class="card-desc">Invented <em>sender</em> of test letters.</span>'
        '<span class="card-links"><a href="../persons.html#ivan">'
        + ui_spans("Register entry", "Статья указателя") + '</a> · '
        '<a href="http://www.wikidata.org/entity/Q1" rel="external">Wikidata Q1</a></span></span></span>')


def test_a_pseudonym_says_whom_it_names(render):
    page = render(one_unit('<persName ref="#ivan" type="pseudonym">IVANOV</persName>'))
    link = only(page, '//div[@id="en-p1"]//a[contains(@class, "name")]')
    assert classes(link) == ["name", "name-person", "name-pseudonym"]
    card = only(page, f'//span[@id="{link.get("aria-describedby")}"]')
    assert as_read(only(card, './/span[@class="card-kind"]')) == "Person · pseudonym"
    assert as_read(only(card, './/span[@class="card-kind"]'), "ru") == "Лицо · псевдоним"
    pseudonym = only(card, './/span[@class="card-pseudonym"]')
    assert as_read(pseudonym) == "“IVANOV” is a pseudonym of Ivan Petrov."
    assert as_read(pseudonym, "ru") == "«IVANOV» — псевдоним: Ivan Petrov."


def test_an_automatic_unconfirmed_identification_says_so(render):
    """A draft register record (proposed by edition import, not confirmed): cert="low"."""
    standoff = STANDOFF.replace('<place xml:id="kaluga">',
                                '<place xml:id="kaluga" cert="low" resp="#resp-edition">')
    page = render(tei('<p xml:id="ru-p1" n="1" corresp="#en-p1">Текст.</p>',
                      '<p xml:id="en-p1" n="1" corresp="#ru-p1"><placeName ref="#kaluga" cert="low" '
                      'resp="#resp-edition">Kaluga</placeName>, <persName ref="#ivan">Ivan</persName></p>',
                      standoff=standoff))
    kinds = [as_read(only(page, f'//span[@id="{link.get("aria-describedby")}"]//span[@class="card-kind"]'))
             for link in page.xpath('//div[@id="en-p1"]//a[contains(@class, "name")]')]
    assert kinds == ["Place · identified automatically, unconfirmed", "Person"]


def test_each_mention_of_a_record_gets_the_card_of_how_it_reads_the_record(render):
    """A record's card is built once a page and reused (cards.xsl): mentions that read the
    same record differently (a place as a geographic feature, an unconfirmed
    identification, a pseudonym) still get cards of their own."""
    page = render(one_unit(
        '<placeName ref="#ugra">Ugra</placeName>, <geogName ref="#ugra">the Ugra</geogName>, '
        '<placeName ref="#ugra" cert="low" resp="#resp-edition">Ugra</placeName>, '
        '<placeName ref="#ugra">Ugra</placeName>; <persName ref="#ivan">Ivan</persName>, '
        '<persName ref="#ivan" type="pseudonym">IVANOV</persName>, '
        '<persName ref="#ivan" type="pseudonym">PETROV</persName>'))
    cards = [only(page, f'//span[@id="{link.get("aria-describedby")}"]')
             for link in page.xpath('//div[@id="en-p1"]//a[contains(@class, "name")]')]
    assert [as_read(only(card, './/span[@class="card-kind"]')) for card in cards] == [
        "Place", "Geographic feature", "Place · identified automatically, unconfirmed", "Place",
        "Person", "Person · pseudonym", "Person · pseudonym"]
    assert [as_read(p) for card in cards for p in card.xpath('.//span[@class="card-pseudonym"]')] == [
        "“IVANOV” is a pseudonym of Ivan Petrov.", "“PETROV” is a pseudonym of Ivan Petrov."]
    # The reused cards are the same as the first.
    first, again = (markup(card).replace(card.get("id"), "") for card in (cards[0], cards[3]))
    assert again == first


def test_a_name_pointing_to_two_records_links_the_first_and_describes_both(render):
    page = render(one_unit('<placeName ref="#kaluga #ugra">Kaluga and the Ugra</placeName>'))
    link = only(page, '//div[@id="en-p1"]//a[contains(@class, "name")]')
    assert link.get("href") == "../places.html#kaluga"
    card = only(page, f'//span[@id="{link.get("aria-describedby")}"]')
    assert [t.text for t in card.xpath('.//span[@class="card-title"]')] == ["Kaluga", "Ugra river"]


def test_a_name_without_a_record_is_no_link(render):
    page = render(one_unit('<persName ref="#nobody">Nobody</persName>'))
    assert markup(only(page, '//div[@id="en-p1"]//span[contains(@class, "name")]')) == \
        '<span class="name name-person name-unresolved">Nobody</span>'
    assert not page.xpath('//div[@id="en-p1"]//a[contains(@class, "name")]')


# --------------------------------------------------------------------------- apparatus

def test_a_gap_shows_its_mark_and_says_why(render):
    page = render(one_unit('Copies to the comm<gap reason="incomplete-witness" resp="#resp-edition"/>'))
    holder = only(page, '//div[@id="en-p1"]//span[@class="has-card"]')
    assert markup(holder) == (
        '<span class="has-card"><span class="gap gap-incomplete-witness" tabindex="0" '
        'aria-describedby="gap-1">[…]</span><span class="card card-apparatus" id="gap-1" lang="en">'
        'The witness breaks off here: the rest of the text is missing (marked by The test edition).'
        '</span></span>')


def test_a_gap_keeps_the_witness_own_mark_and_an_unknown_reason_is_put_in_words(render):
    page = render(one_unit('A <gap reason="cut-off" rend="[...]"/> B'))
    assert only(page, '//span[contains(@class, "gap ")]').text == "[...]"
    assert only(page, '//span[@id="gap-1"]').text == "Text missing (cut off)."


def test_supplied_text_is_in_brackets_and_explained(render):
    page = render(one_unit('Needed <supplied reason="clarification" resp="#resp-archive">today</supplied>.'))
    holder = only(page, '//div[@id="en-p1"]//span[@class="has-card"]')
    assert markup(holder) == (
        '<span class="has-card"><span class="supplied" tabindex="0" aria-describedby="supplied-1">'
        '<span class="bracket">[</span>today<span class="bracket">]</span></span>'
        '<span class="card card-apparatus" id="supplied-1" lang="en">'
        'Supplied by Example Archive (clarification): not in the text as sent.</span></span>')
    assert unit(page, "en-p1").text_content() == "Needed [today]Supplied by Example Archive " \
        "(clarification): not in the text as sent.."


def test_a_correction_carries_both_readings_and_the_page_a_switch(render):
    page = render(one_unit('<choice><sic>Teh</sic><corr resp="#resp-edition">The</corr></choice> end.'))
    assert markup(only(page, '//span[contains(@class, "choice")]')) == (
        '<span class="has-card choice"><span class="corr" tabindex="0" aria-describedby="choice-1">The</span>'
        '<span class="sic" tabindex="0" aria-describedby="choice-1">Teh</span>'
        '<span class="card card-apparatus" id="choice-1" lang="en">'
        'The witness reads “Teh”. Correction: The test edition.</span></span>')
    switch = only(page, '//fieldset[@data-switch="reading"]')
    assert switch.xpath('.//input/@value') == ["corr", "sic"]
    assert switch.xpath('.//input[@checked]/@value') == ["corr"]


def test_no_correction_no_correction_switch(render):
    page = render(one_unit("Plain."))
    assert not page.xpath('//fieldset[@data-switch="reading"]')
    assert page.xpath('//fieldset[@data-switch="view"]//input/@value') == \
        ["parallel", "original", "translation"]


def test_a_note_becomes_a_numbered_call_with_a_card_and_an_endnote_linking_back(render):
    page = render(one_unit('Miles.<note type="editorial" xml:id="en-note-1" resp="#resp-edition">'
                           'English <hi>miles</hi>.</note> More.'))
    assert markup(only(page, '//a[@role="doc-noteref"]/..')) == (
        '<span class="has-card"><a class="noteref" id="en-note-1-ref" href="#en-note-1" role="doc-noteref" '
        'aria-describedby="en-note-1-card"><span class="sr-only">' + ui_spans("Note ", "Примечание ")
        + '</span>1</a>'
        '<span class="card card-note" id="en-note-1-card" lang="en">English <em>miles</em>.</span></span>')
    notes = only(page, '//section[@role="doc-endnotes"]')
    assert [as_read(h) for h in notes.xpath(".//h3")] == ["Notes to the English translation"]
    assert [as_read(h, "ru") for h in notes.xpath(".//h3")] == ["Примечания к переводу (английский)"]
    assert markup(only(notes, ".//li")) == (
        '<li id="en-note-1" value="1" lang="en">English <em>miles</em>. '
        '<a class="backlink" href="#en-note-1-ref" role="doc-backlink"><span aria-hidden="true">↩</span>'
        '<span class="sr-only">' + ui_spans("Back to note 1 in the text", "Назад к примечанию 1 в тексте")
        + '</span></a></li>')


def test_a_date_with_when_is_a_time_element(render):
    page = render(one_unit('On <date when="1951-07-03">3 July</date> or <date>some day</date>.'))
    text = unit(page, "en-p1")
    assert [markup(e) for e in text.xpath("./time | ./span")] == [
        '<time datetime="1951-07-03">3 July</time>', '<span class="date">some day</span>']
    # The header's date too, in the panel.
    date = '//aside[@id="about-document"]//dt[span[@lang = "en"] = "Date"]/following-sibling::dd[1]/time'
    assert only(page, date).get("datetime") == "1951-07-03"


# --------------------------------------------------------------------------- alignment

ALIGNED = tei(
    """<head xml:id="ru-head" n="1" corresp="#en-head">ПИСЬМО</head>
       <p xml:id="ru-p1" n="2" corresp="#en-p1-1 #en-p1-2">Одно.</p>
       <p xml:id="ru-p2" n="3" ana="#align-unaligned">Только по-русски.</p>
       <p xml:id="ru-p3" n="4" corresp="#en-p3">Три.</p>""",
    """<head xml:id="en-head" n="1" corresp="#ru-head">LETTER</head>
       <p xml:id="en-p1-1" n="2" corresp="#ru-p1">One,</p>
       <p xml:id="en-p1-2" n="3" corresp="#ru-p1">and the rest of one.</p>
       <p xml:id="en-p3" n="4" corresp="#ru-p3">Three.</p>""")


def rows(page: lxml_html.HtmlElement) -> list[tuple[list[str], list[str]]]:
    """Each alignment row: the unit ids of its original and of its translation cell."""
    return [(row.xpath('./div[contains(@class, "side-original")]/*[contains(@class, "unit")]/@id'),
             row.xpath('./div[contains(@class, "side-translation")]/*[contains(@class, "unit")]/@id'))
            for row in page.xpath('//div[@id="parallel"]/div[contains(@class, "row")]'
                                  '[not(contains(@class, "row-labels"))]')]


def test_corresponding_units_share_one_row_one_to_many_included(render):
    assert rows(render(ALIGNED)) == [
        (["ru-head"], ["en-head"]),
        (["ru-p1"], ["en-p1-1", "en-p1-2"]),
        (["ru-p2"], []),
        (["ru-p3"], ["en-p3"]),
    ]


def test_a_translation_only_document_is_one_column_under_its_language_heading(render):
    """A document whose original is not in the edition: no half-width column, and the
    reader is told which text this is."""
    text = tei("", "")
    text = text.replace('<div type="edition" xml:lang="ru" xml:id="ru" corresp="#en"></div>', "")
    text = text.replace('<div type="translation" xml:lang="en" xml:id="en" corresp="#ru"></div>',
                        '<div type="translation" xml:lang="en" xml:id="en">'
                        '<p xml:id="en-p1" n="1">One.</p></div>')
    page = render(text)
    parallel = only(page, '//div[@id="parallel"]')
    assert "one-text" in parallel.get("class").split()
    heading = only(parallel, './/div[contains(@class, "row-labels")]/h3')
    assert as_read(heading) == "English translation"
    assert as_read(heading, "ru") == "Перевод (английский)"


def test_units_without_a_counterpart_form_one_band_and_a_lost_run_is_explained_once(render):
    page = render(tei(
        """<gap reason="omitted"/>
           <p xml:id="ru-p1" n="3" corresp="#en-p1">Один.</p>
           <p xml:id="ru-p2" n="4" ana="#align-lost">Два.</p>
           <p xml:id="ru-p3" n="5" ana="#align-lost">Три.</p>""",
        """<head xml:id="en-h1" n="1" ana="#align-unaligned">HEAD</head>
           <head xml:id="en-h2" n="2" ana="#align-unaligned">NUMBER</head>
           <p xml:id="en-p1" n="3" corresp="#ru-p1">One.</p>"""))
    bands = page.xpath('//div[contains(@class, "row-band")]')
    assert len(bands) == 1
    assert bands[0].xpath('.//div[contains(@class, "unit")]/@id') == ["en-h1", "en-h2"]
    assert bands[0].xpath('.//*[contains(@class, "side-original")]//span[contains(@class, "gap")]')
    notes = page.xpath('//p[contains(@class, "placeholder")]')
    assert len(notes) == 1
    assert as_read(notes[0]) == ("The English translation breaks off here: "
                                 "its witness has no counterpart of ¶ 4–5.")


def test_each_cell_says_its_language_and_each_unit_has_a_numbered_permalink(render):
    page = render(ALIGNED)
    for side, lang in (("original", "ru"), ("translation", "en")):
        cells = page.xpath(f'//div[contains(@class, "cell")][contains(@class, "side-{side}")]')
        assert {c.get("lang") for c in cells} == {lang}
    number = only(page, '//div[@id="en-p1-2"]/a[@class="unit-n"]')
    assert markup(number) == ('<a class="unit-n" href="#en-p1-2"><span aria-hidden="true">3</span>'
                              '<span class="sr-only">' + ui_spans("Permalink to ¶ 3, English",
                                                                  "Постоянная ссылка на ¶ 3, английский")
                              + '</span></a>')
    assert only(page, '//div[@id="ru-p1"]').get("data-corresp") == "en-p1-1 en-p1-2"


# ------------------------------------------------------------------- head and metadata

def test_the_head_carries_policy_citation_tags_dublin_core_and_json_ld(render):
    page = render(one_unit("Text."))
    head = page.find("head")
    assert [e.tag for e in head][:2] == ["meta", "meta"]
    assert head[1].get("http-equiv") == "Content-Security-Policy" and head[1].get("content") == CSP
    meta = {}
    for element in head.xpath("meta[@name]"):
        meta.setdefault(element.get("name"), []).append(element.get("content"))
    assert meta["citation_title"] == ["Letter of 3 July 1951"]
    assert meta["citation_author"] == ["Ivan Petrov"]
    assert meta["citation_date"] == ["1951/07/03"]
    assert meta["citation_language"] == ["ru", "en"]
    assert meta["citation_public_url"] == ["https://example.org/ed/documents/doc.html"]
    assert meta["citation_pdf_url"] == ["https://example.org/ed/pdf/doc.pdf"]
    assert meta["DC.title"] == ["Letter of 3 July 1951"] and meta["DC.date"] == ["1951-07-03"]
    assert meta["DC.subject"] == ["Harvest", "Rivers"]
    data = json.loads(only(head, 'script[@type="application/ld+json"]').text)
    assert data["@type"] == "Message" and data["dateSent"] == "1951-07-03"
    assert data["sender"] == [{"@type": "Person", "name": "Ivan Petrov",
                               "sameAs": ["http://www.wikidata.org/entity/Q1"]}]
    assert data["recipient"] == [{"@type": "Organization", "name": "Committee"}]


def test_how_to_cite_gives_the_permalink(render):
    page = render(one_unit("Text."))
    citation = only(page, '//p[@class="citation"]')
    # The date once: the title already ends with it.
    assert " ".join(citation.text_content().split()) == (
        "Ivan Petrov to Committee, Letter of 3 July 1951. In: Test edition. Test publisher. "
        "https://example.org/ed/documents/doc.html")
    assert only(citation, "a").get("href") == "https://example.org/ed/documents/doc.html"
    assert page.xpath('//ul[@class="downloads"]//a/@href') == [
        "../tei/doc.xml", "../text/doc.ru.txt", "../text/doc.en.txt", "../pdf/doc.pdf"]


def test_the_about_page_text_comes_from_the_encoding_description(tmp_path: Path):
    source = tmp_path / "doc.xml"
    source.write_text(one_unit("Text.").replace(
        "</profileDesc>", "</profileDesc><encodingDesc><editorialDecl><correction>"
        "<p>Slips are corrected with <gi>choice</gi>.</p></correction></editorialDecl></encodingDesc>"),
        encoding="utf-8")
    assert document_data(source)["about_html"] == (
        '<section class="encoding-editorialDecl"><h2>Editorial principles</h2><h3>Corrections</h3>'
        '<p>Slips are corrected with <code>&lt;choice&gt;</code>.</p></section>')


# ---------------------------------------------------------------------------- escaping

def test_text_from_the_sources_is_escaped_and_unsafe_links_become_text(render):
    source = one_unit('Hi &lt;script&gt;alert(1)&lt;/script&gt; '
                      '<ref target="javascript:alert(1)">here</ref> <ptr target="data:text/html,x"/> '
                      '<ref target="https://example.org/ok">ok</ref>')
    page = render(source)
    text = unit(page, "en-p1")
    assert not text.xpath(".//script") and "<script>alert(1)</script>" in text.text_content()
    assert text.xpath(".//a/@href") == ["https://example.org/ok"]
    assert "here" in text.text_content() and "data:text/html,x" in text.text_content()


# -------------------------------------------------------------------------- navigation

@pytest.mark.parametrize("search", [False, True])
def test_the_navigation_links_the_search_page_only_when_there_is_one(tmp_path: Path, search: bool):
    source = tmp_path / "doc.xml"
    source.write_text(one_unit("Text."), encoding="utf-8")
    page = lxml_html.document_fromstring(document_page(source, SETTINGS, search=search))
    hrefs = page.xpath('//nav[@class="site-nav"]//a/@href')
    # The same list as the jinja pages' layout gets (base.html).
    assert hrefs == [f"../{href}" for href, _ in sections(search)]
    assert ("../search.html" in hrefs) is search


# ------------------------------------------------------------------------ the whole site

def test_two_builds_of_the_site_are_byte_identical_and_hold_no_pdf_folder(tmp_path: Path):
    from conftest import FIXTURE_TEI, make_project
    from edition.html import render_site

    sites = [render_site(make_project(tmp_path / name, FIXTURE_TEI)) for name in ("one", "two")]
    files = [{p.relative_to(s).as_posix(): p.read_bytes() for p in s.rglob("*") if p.is_file()}
             for s in sites]
    assert files[0] == files[1]
    assert {"index.html", "documents/letter.html", "persons.html", "about.html"} <= set(files[0])
    # The build copies PDFs into pdf/ after the PDF stage; the site stage leaves no link there.
    assert not (sites[0] / "pdf").exists() and not (sites[0] / "pdf").is_symlink()


def test_the_store_reuses_unchanged_pages_and_the_pool_gives_the_same_bytes(tmp_path: Path, monkeypatch):
    from conftest import make_project
    from edition import html
    from edition.fingerprint import Store

    def snapshot_site(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
                if p.is_file()}

    project = make_project(tmp_path / "project", CORPUS / "tei")
    store = Store(tmp_path / "cache")
    plain = snapshot_site(html.render_site(project, tmp_path / "plain"))
    monkeypatch.setattr(html, "POOL_THRESHOLD", 1)
    pooled = snapshot_site(html.render_site(project, tmp_path / "pooled", store=store, jobs=2))
    assert pooled == plain
    made: list[object] = []
    monkeypatch.setattr(html, "_job", lambda task: made.append(task) or "")
    monkeypatch.setattr(html, "POOL_THRESHOLD", 10**6)
    again = snapshot_site(html.render_site(project, tmp_path / "again", store=store))
    assert made == [] and again == plain
