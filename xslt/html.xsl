<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: the HTML output, entry stylesheet. One TEI document in, one complete page of
  the static site out (documents/<id>.html). Also, by the named template "site-data", a
  JSON summary of the same document (metadata, registry records, occurrences, plain texts,
  about-text) from which edition/html.py renders the pages that span documents (home,
  registers, about). Compiled once by edition/html.py and reused for every document.

  This file only assembles the modules, one concern each (as the TEI Consortium's
  Stylesheets do); the templates are in xslt/html/:
    params.xsl         every parameter, documented, and the global variables
    i18n.xsl           the interface's words in every interface language
    page.xsl           the page (default mode): head, site header/footer, document heading
    text.xsl           the parallel text: toolbar, key, alignment rows, cells, units
    reading.xsl        mode reading: TEI text and header prose -> HTML
    cards.xsl          the name card; mode popover: the flat inside of a card
    notes.xsl          the notes below the text
    metadata.xsl       the panel "About this document": metadata, how to cite, downloads
    citation-meta.xsl  the head's Highwire, Dublin Core and JSON-LD metadata
    site-data.xsl      named template site-data (the JSON summary); mode site-prose
    facsimile.xsl      the facsimile view (page images, zoom, unit<->page), when the TEI has one
  plus common.xsl (shared with print.xsl): TEI model functions and mode plain-text.

  common.xsl is imported, so that a module may override one of its templates; the modules
  are included, so that they share one import precedence and, where two templates of
  different modules match a node in one mode (ptr in reading.xsl and site-data.xsl), their
  priorities decide, not the order of the modules.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>

  <xsl:include href="html/params.xsl"/>
  <xsl:include href="html/i18n.xsl"/>
  <xsl:include href="html/page.xsl"/>
  <xsl:include href="html/text.xsl"/>
  <xsl:include href="html/reading.xsl"/>
  <xsl:include href="html/cards.xsl"/>
  <xsl:include href="html/notes.xsl"/>
  <xsl:include href="html/metadata.xsl"/>
  <xsl:include href="html/citation-meta.xsl"/>
  <xsl:include href="html/site-data.xsl"/>
  <xsl:include href="html/facsimile.xsl"/>

  <!-- No indentation: white space inside running text would change what readers see,
       and the page must come out byte-identical from the same input. The charset meta
       is written by hand so that it comes first in head. -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>

  <xsl:global-context-item as="document-node()" use="required"/>

</xsl:stylesheet>
