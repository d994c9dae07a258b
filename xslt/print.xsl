<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl: TEI -> print HTML, which WeasyPrint lays out as the PDF edition
  (scripts/edition/pdf.py drives it; the look is in scripts/edition/print/print.css).

  Two entry points:
    - apply it to one TEI document: that document alone (build/pdf/<id>.pdf);
    - call the named template "volume" with $documents: the whole edition
      (build/pdf/edition.pdf), documents in the order of the correspondence.

  What it writes is shaped for paged media, not for a browser: every id is prefixed with
  the document id (a volume holds several documents whose xml:ids repeat); each mention
  of a registry record carries an empty anchor "m.{doc}.{record}.{k}" that the index
  links to, so page numbers come from the layout (CSS target-counter); the index lists
  the anchors $index-locators keeps (pdf.py keeps one per record and page after a first
  layout, so no page number repeats).

  Shared readings of the TEI come from common.xsl (imported read-only); everything
  that decides how the print edition looks is here.

  This file only assembles the modules, one concern each (as the TEI Consortium's
  Stylesheets do); the templates are in xslt/print/:
    params.xsl        every parameter, documented, and the global variables
    page.xsl          entry points, the HTML page, mode print-document (one document)
    title-pages.xsl   the document's and the volume's title pages; mode print-header
    contents.xsl      the volume's table of contents
    text.xsl          the parallel text: rows, cells, mode print-block
    phrase.xsl        mode print-text and the footnotes (print-apparatus-text, print-note-body)
    index.xsl         the index
    facsimile.xsl     the optional facsimile appendix (page images after the text)
  common.xsl is imported (a module may override it); the modules are included, so that
  they share one import precedence and template priorities alone decide between them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xmlns:prt="urn:x-edition-print"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>

  <!-- No indentation: whitespace added between inline elements would become visible
       spaces in the transcription. -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <xsl:include href="print/params.xsl"/>
  <xsl:include href="print/page.xsl"/>
  <xsl:include href="print/title-pages.xsl"/>
  <xsl:include href="print/contents.xsl"/>
  <xsl:include href="print/text.xsl"/>
  <xsl:include href="print/phrase.xsl"/>
  <xsl:include href="print/index.xsl"/>
  <xsl:include href="print/facsimile.xsl"/>

</xsl:stylesheet>
