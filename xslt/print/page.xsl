<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/page.xsl: the entry points (one document; the named template "volume"), the HTML
  page with its metadata, and mode print-document: one TEI document as an article.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xmlns:prt="urn:x-edition-print"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="/TEI">
    <xsl:call-template name="prt:html">
      <xsl:with-param name="docs" select="."/>
      <xsl:with-param name="volume" select="false()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="volume">
    <xsl:variable name="loaded" select="$documents/TEI"/>
    <xsl:if test="empty($loaded)">
      <xsl:message terminate="yes">print.xsl: the volume needs $documents (TEI documents)</xsl:message>
    </xsl:if>
    <xsl:call-template name="prt:html">
      <xsl:with-param name="docs" select="prt:correspondence-order($loaded)"/>
      <xsl:with-param name="volume" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ====================================================================== the page -->

  <xsl:template name="prt:html">
    <xsl:param name="docs" as="element(TEI)+"/>
    <xsl:param name="volume" as="xs:boolean"/>
    <!-- The body first, so that the index can be built from the anchors it really holds. -->
    <xsl:variable name="body" as="element()*">
      <xsl:choose>
        <xsl:when test="$volume">
          <xsl:call-template name="prt:volume-title-page">
            <xsl:with-param name="docs" select="$docs"/>
          </xsl:call-template>
          <xsl:call-template name="prt:contents">
            <xsl:with-param name="docs" select="$docs"/>
            <xsl:with-param name="volume" select="true()"/>
          </xsl:call-template>
          <xsl:apply-templates select="$docs" mode="print-document">
            <xsl:with-param name="volume" select="true()"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$docs" mode="print-document">
            <xsl:with-param name="volume" select="false()"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="index" as="element()?">
      <xsl:call-template name="prt:index">
        <xsl:with-param name="docs" select="$docs"/>
        <xsl:with-param name="body" select="$body"/>
        <xsl:with-param name="volume" select="$volume"/>
      </xsl:call-template>
    </xsl:variable>
    <html lang="en" class="{if ($volume) then 'volume' else 'single'}">
      <head>
        <meta charset="utf-8"/>
        <xsl:call-template name="prt:metadata">
          <xsl:with-param name="docs" select="$docs"/>
          <xsl:with-param name="volume" select="$volume"/>
        </xsl:call-template>
      </head>
      <!-- data-edition: the left running head (print.css string-set). -->
      <body data-edition="{($edition-short-title[normalize-space()], $edition-title)[1]}">
        <xsl:choose>
          <xsl:when test="$part = 'index'"/>
          <xsl:when test="$volume">
            <xsl:sequence select="$body"/>
          </xsl:when>
          <xsl:otherwise>
            <!-- One document: its contents are short, so they share a page with the
                 beginning of the text. -->
            <xsl:apply-templates select="$body" mode="print-insert-contents">
              <xsl:with-param name="contents" tunnel="yes" as="element()">
                <xsl:call-template name="prt:contents">
                  <xsl:with-param name="docs" select="$docs"/>
                  <xsl:with-param name="volume" select="false()"/>
                  <xsl:with-param name="has-index" select="exists($index)"/>
                </xsl:call-template>
              </xsl:with-param>
            </xsl:apply-templates>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:sequence select="$index"/>
      </body>
    </html>
  </xsl:template>

  <!-- mode print-insert-contents: copies the body, putting the contents after the title
       page, where the text then begins on the same page. -->
  <xsl:mode name="print-insert-contents" on-no-match="shallow-copy"/>
  <xsl:template match="Q{}section[@class = 'title-page']" mode="print-insert-contents">
    <xsl:param name="contents" tunnel="yes" as="element()"/>
    <xsl:sequence select="., $contents"/>
  </xsl:template>

  <!-- PDF metadata, which WeasyPrint reads from the head: title, author, subject
       (description), keywords, dates (from the TEI, never the clock), creator. -->
  <xsl:template name="prt:metadata">
    <xsl:param name="docs" as="element(TEI)+"/>
    <xsl:param name="volume" as="xs:boolean"/>
    <xsl:variable name="changes" select="$docs/teiHeader/revisionDesc/change/@when ! string(.)"/>
    <xsl:variable name="published"
        select="$docs/teiHeader/fileDesc/publicationStmt/date/@when ! string(.)"/>
    <title>
      <xsl:value-of select="if ($volume and $edition-title) then $edition-title
                            else edn:title($docs[1], 'en')"/>
    </title>
    <!-- A document's authors are its writers; the volume's are the edition's editors (or,
         while none is named, its publisher), not the writers of the documents in it. -->
    <xsl:for-each select="if ($volume)
        then distinct-values(($docs/teiHeader/fileDesc/titleStmt/editor/persName ! normalize-space(.),
                              $edition-publisher[not($docs/teiHeader/fileDesc/titleStmt/editor)]))
        else distinct-values($docs/teiHeader/fileDesc/titleStmt/author ! normalize-space(.))">
      <meta name="author" content="{.}"/>
    </xsl:for-each>
    <meta name="description" content="{if ($volume)
        then 'The documents of the edition, each in its original and translation side by side, with editorial notes and an index: '
             || string-join($docs ! edn:title(., 'en'), '; ') || '.'
        else prt:subject($docs)}"/>
    <!-- Keywords are optional in the metadata: none in the TEI, none in the PDF (an empty
         Keywords entry would only say that nobody gave any). -->
    <xsl:variable name="keywords" select="distinct-values($docs ! edn:keywords(., 'en'))"/>
    <xsl:if test="exists($keywords)">
      <meta name="keywords" content="{string-join($keywords, ', ')}"/>
    </xsl:if>
    <meta name="generator" content="{$generator}"/>
    <xsl:variable name="created" select="min(($published, $changes))"/>
    <xsl:variable name="modified" select="max(($published, $changes))"/>
    <xsl:if test="exists($created)">
      <meta name="dcterms.created" content="{$created}"/>
      <meta name="dcterms.modified" content="{$modified}"/>
    </xsl:if>
    <!-- Read back by pdf.py for the XMP dc:language of the PDF. -->
    <meta name="dc.language" content="{string-join(distinct-values($docs//langUsage/language/@ident), ' ')}"/>
  </xsl:template>

  <!-- What one document is, in a sentence (PDF Subject): its summary, else its kind. -->
  <xsl:function name="prt:subject" as="xs:string">
    <xsl:param name="doc" as="element(TEI)"/>
    <xsl:variable name="summary" select="normalize-space(edn:summary($doc))"/>
    <xsl:variable name="languages" select="edn:divisions($doc) ! edn:language-name($doc, @xml:lang)"/>
    <xsl:sequence select="(if ($summary) then $summary || ' ' else '')
        || string-join($languages, ' and ') || ' text side by side, with editorial notes and an index.'"/>
  </xsl:function>

  <!-- ================================================================ one document -->

  <!-- mode print-document: one TEI document as an article (title page and text). -->
  <xsl:template match="TEI" mode="print-document">
    <xsl:param name="volume" as="xs:boolean"/>
    <xsl:variable name="d" select="prt:doc-id(.)"/>
    <article class="document" id="{$d}">
      <xsl:call-template name="prt:title-page">
        <xsl:with-param name="volume" select="$volume"/>
      </xsl:call-template>
      <xsl:call-template name="prt:parallel-text">
        <xsl:with-param name="volume" select="$volume"/>
      </xsl:call-template>
      <xsl:call-template name="prt:facsimile"/>
    </article>
  </xsl:template>

  <!-- A document's id: its file name without .xml (the PDF is build/pdf/{id}.pdf). -->
  <xsl:function name="prt:doc-id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="replace(tokenize(string(base-uri(root($node))), '/')[last()], '\.xml$', '')"/>
  </xsl:function>

  <!-- Documents in the order of the correspondence: by date, then letters before the
       replies that point back to them (correspContext ref type="prev"), then by id. -->
  <xsl:function name="prt:correspondence-order" as="element(TEI)*">
    <xsl:param name="docs" as="element(TEI)*"/>
    <xsl:perform-sort select="$docs">
      <xsl:sort select="(edn:document-date(.), '9999')[1]"/>
      <xsl:sort select="prt:reply-depth(., $docs, 0)" data-type="number"/>
      <xsl:sort select="prt:doc-id(.)"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- How many documents of $docs precede $doc in its chain of replies (bounded, so a
       cycle of references cannot loop). -->
  <xsl:function name="prt:reply-depth" as="xs:integer">
    <xsl:param name="doc" as="element(TEI)"/>
    <xsl:param name="docs" as="element(TEI)*"/>
    <xsl:param name="steps" as="xs:integer"/>
    <xsl:variable name="prev" select="$docs[prt:doc-id(.) = edn:related($doc, 'prev')][1]"/>
    <xsl:sequence select="if (empty($prev) or $steps ge count($docs)) then 0
                          else 1 + prt:reply-depth($prev, $docs, $steps + 1)"/>
  </xsl:function>

</xsl:stylesheet>
