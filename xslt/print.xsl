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

  <!-- ========================================================================= params -->

  <!-- The edition's title in English ([edition] title.en of source/edition.toml):
       volume title page, PDF title of the volume, running heads. -->
  <xsl:param name="edition-title" as="xs:string" select="''"/>
  <!-- The edition's title in Russian (title.ru); shown under the English one. -->
  <xsl:param name="edition-title-ru" as="xs:string" select="''"/>
  <!-- The short title ([edition] short_title): left running head. -->
  <xsl:param name="edition-short-title" as="xs:string" select="''"/>
  <!-- Publisher, encoder, licence and licence address of the edition (edition.toml):
       the volume's title page. Each document's own statements come from its header. -->
  <xsl:param name="edition-publisher" as="xs:string" select="''"/>
  <xsl:param name="edition-encoder" as="xs:string" select="''"/>
  <xsl:param name="edition-licence" as="xs:string" select="''"/>
  <xsl:param name="edition-licence-url" as="xs:string" select="''"/>
  <!-- What made the PDF (PDF Creator, e.g. "edition toolkit 0.1.0"); no date in it, so
       two builds stay byte-identical. -->
  <xsl:param name="generator" as="xs:string" select="'edition toolkit'"/>
  <!-- The "volume" template only: the TEI documents of the edition (pdf.py passes their
       paths; edition.xsltrun parses them, keeping each file's URI as its base URI). -->
  <xsl:param name="documents" as="document-node()*" select="()"/>
  <!-- Which mention anchors the index links to: '#all', or their ids separated by spaces
       (pdf.py passes one anchor per record and page, found by a first layout). -->
  <xsl:param name="index-locators" as="xs:string" select="'#all'"/>

  <!-- Rows (ids "{doc}.row-{n}") that print their notes at their end instead of as
       footnotes, separated by spaces. pdf.py lists a row here when the first layout
       shows it filling a page and going on: WeasyPrint lays out the cells of a row one
       after the other, so a footnote of the right cell shrinks the page after the left
       cell has filled it, and the left cell would run into the footnotes. -->
  <xsl:param name="row-notes" as="xs:string" select="''"/>
  <xsl:variable name="prt:row-notes" as="xs:string*" select="tokenize(normalize-space($row-notes), ' ')"/>

  <xsl:variable name="prt:kept-locators" as="xs:string*"
      select="if ($index-locators = '#all') then () else tokenize(normalize-space($index-locators), ' ')"/>

  <!-- The registers of the index, in order, with their headings. -->
  <xsl:variable name="prt:registers" as="map(xs:string, xs:string)*" select="(
      map{'kind': 'person', 'id': 'persons', 'label': 'Persons'},
      map{'kind': 'place', 'id': 'places', 'label': 'Places'},
      map{'kind': 'org', 'id': 'organisations', 'label': 'Organisations'},
      map{'kind': 'event', 'id': 'events', 'label': 'Events'})"/>

  <!-- ==================================================================== entry points -->

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
    <xsl:for-each select="distinct-values($docs/teiHeader/fileDesc/titleStmt/author ! normalize-space(.))">
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

  <!-- ================================================================== title pages -->

  <xsl:template name="prt:title-page">
    <xsl:param name="volume" as="xs:boolean"/>
    <xsl:variable name="d" select="prt:doc-id(.)"/>
    <xsl:variable name="header" select="teiHeader"/>
    <xsl:variable name="title-en" select="edn:title(., 'en')"/>
    <xsl:variable name="title-ru" select="edn:title(., 'ru')"/>
    <xsl:variable name="date" select="edn:document-date(.)"/>
    <section class="title-page" id="{$d}.title">
      <p class="series">
        <xsl:value-of select="($header/fileDesc/seriesStmt/title[lang('en')], $edition-title)[normalize-space()][1]"/>
      </p>
      <h1 class="doc-title bm1" lang="en" data-running="{$title-en}"><xsl:value-of select="$title-en"/></h1>
      <xsl:if test="$title-ru != $title-en">
        <p class="doc-title-ru" lang="ru"><xsl:value-of select="$title-ru"/></p>
      </xsl:if>
      <xsl:if test="$date">
        <p class="doc-date"><xsl:value-of select="edn:format-date($date, 'en')"/></p>
      </xsl:if>
      <table class="facts">
        <tbody>
          <xsl:for-each select="$header/profileDesc/correspDesc/correspAction">
            <tr>
              <th scope="row">
                <xsl:value-of select="(map{'sent': 'From', 'received': 'To', 'transmitted': 'Through'}(@type),
                                       'Correspondent')[1]"/>
              </th>
              <td>
                <xsl:call-template name="prt:correspondence-action"/>
              </td>
            </tr>
          </xsl:for-each>
          <tr>
            <th scope="row">Languages</th>
            <td>
              <xsl:value-of select="string-join(edn:divisions(.) ! (edn:language-name(., @xml:lang)
                  || (if (@type = 'edition') then ' (original)' else ' (translation)')), ', ')"/>
            </td>
          </tr>
          <xsl:for-each select="$header/fileDesc/sourceDesc/bibl[@type = 'witness']">
            <tr>
              <th scope="row">Witness</th>
              <td><xsl:apply-templates select="." mode="print-header"/></td>
            </tr>
          </xsl:for-each>
          <xsl:for-each select="$header/fileDesc/sourceDesc/msDesc">
            <tr>
              <th scope="row">Archival original</th>
              <td><xsl:apply-templates select="." mode="print-header"/></td>
            </tr>
          </xsl:for-each>
          <tr>
            <th scope="row">Editors</th>
            <td>
              <xsl:for-each select="$header/fileDesc/titleStmt/respStmt">
                <p><xsl:value-of select="normalize-space(resp)"/>: <xsl:value-of
                    select="normalize-space((orgName, persName, name)[1])"/>.</p>
              </xsl:for-each>
            </td>
          </tr>
          <xsl:for-each select="$header/fileDesc/publicationStmt/availability">
            <tr>
              <th scope="row">Licence</th>
              <td><xsl:apply-templates select="." mode="print-header"/></td>
            </tr>
          </xsl:for-each>
          <xsl:for-each select="$header/profileDesc/correspDesc/correspContext/ref">
            <tr>
              <th scope="row">Correspondence</th>
              <td><xsl:value-of select="normalize-space(.)"/></td>
            </tr>
          </xsl:for-each>
          <tr>
            <th scope="row">Source</th>
            <td>TEI P5 file <span class="file"><xsl:value-of select="$d"/>.xml</span>, attached to this PDF; this PDF is made from it.</td>
          </tr>
        </tbody>
      </table>
      <xsl:for-each select="edn:summary(.)">
        <div class="summary">
          <h2 class="summary-head">Summary</h2>
          <xsl:apply-templates select="." mode="print-text"/>
        </div>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- One correspAction: persons (with index anchors), place and date. -->
  <xsl:template name="prt:correspondence-action">
    <xsl:variable name="parts" as="item()*">
      <xsl:for-each select="persName | orgName | name">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:apply-templates select="." mode="print-text"/>
      </xsl:for-each>
      <xsl:for-each select="placeName">
        <xsl:text>, </xsl:text>
        <xsl:apply-templates select="." mode="print-text"/>
      </xsl:for-each>
      <xsl:for-each select="date[@when]">
        <xsl:text>, </xsl:text>
        <xsl:value-of select="edn:format-date(@when, 'en')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="$parts"/>
  </xsl:template>

  <!-- mode print-header: header elements on the title page. -->
  <xsl:mode name="print-header" on-no-match="text-only-copy"/>

  <xsl:template match="bibl" mode="print-header">
    <xsl:variable name="parts" select="(title, publisher, date)[normalize-space()]"/>
    <xsl:for-each select="$parts">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:element name="{if (self::title) then 'cite' else 'span'}">
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:element>
    </xsl:for-each>
    <xsl:text>.</xsl:text>
    <xsl:for-each select="ptr/@target">
      <xsl:text> </xsl:text><a href="{.}"><xsl:value-of select="."/></a>
    </xsl:for-each>
    <xsl:for-each select="note">
      <p class="header-note"><xsl:value-of select="normalize-space(.)"/></p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="msDesc" mode="print-header">
    <xsl:variable name="id" select="msIdentifier"/>
    <xsl:variable name="names" select="($id/msName)[normalize-space()] ! normalize-space(.)"/>
    <!-- An identifier the manuscript's name already shows is not repeated. -->
    <xsl:variable name="parts" as="xs:string*" select="(
        ($id/(country, settlement, institution, repository, collection))[normalize-space()] ! normalize-space(.),
        ($id/idno)[normalize-space()][let $v := normalize-space(.) return not(some $n in $names satisfies contains($n, $v))]
            ! prt:idno-label(.),
        $names)"/>
    <xsl:variable name="variants" select="$id/altIdentifier/idno[normalize-space()]"/>
    <xsl:if test="exists($parts)">
      <p>
        <xsl:value-of select="string-join($parts, ', ')"/>
        <xsl:if test="exists($variants)">
          <xsl:value-of select="' (also given as ' || string-join($variants ! prt:idno-label(.), ', ') || ')'"/>
        </xsl:if>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:if>
    <xsl:for-each select="p">
      <p class="header-note"><xsl:value-of select="normalize-space(.)"/></p>
    </xsl:for-each>
  </xsl:template>

  <!-- An identifier with what kind it is: "No. 123" for a document number. -->
  <xsl:function name="prt:idno-label" as="xs:string">
    <xsl:param name="idno" as="element(idno)"/>
    <xsl:sequence select="(if ($idno/@type = 'document-number') then 'No. ' else '') || normalize-space($idno)"/>
  </xsl:function>

  <xsl:template match="availability" mode="print-header">
    <xsl:for-each select="licence">
      <p>
        <xsl:value-of select="normalize-space(.)"/>
        <xsl:for-each select="@target">
          <xsl:text> (</xsl:text><a href="{.}"><xsl:value-of select="."/></a><xsl:text>)</xsl:text>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:for-each>
    <xsl:for-each select="p">
      <p class="header-note"><xsl:value-of select="normalize-space(.)"/></p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="prt:volume-title-page">
    <xsl:param name="docs" as="element(TEI)+"/>
    <section class="title-page volume-title-page" id="volume.title">
      <h1 class="edition-title bm1" data-running="{$edition-short-title}">
        <xsl:value-of select="($edition-title[normalize-space()], edn:title($docs[1], 'en'))[1]"/>
      </h1>
      <xsl:if test="normalize-space($edition-title-ru)">
        <p class="edition-title-ru" lang="ru"><xsl:value-of select="$edition-title-ru"/></p>
      </xsl:if>
      <p class="volume-extent">
        <xsl:value-of select="count($docs)"/>
        <xsl:value-of select="if (count($docs) = 1) then ' document' else ' documents'"/>
        <xsl:variable name="dates" select="$docs ! edn:document-date(.)"/>
        <xsl:if test="exists($dates)">
          <xsl:text>, </xsl:text>
          <xsl:value-of select="string-join(distinct-values((min($dates), max($dates)) ! edn:format-date(substring(., 1, 10), 'en')), ' – ')"/>
        </xsl:if>
      </p>
      <table class="facts">
        <tbody>
          <xsl:if test="normalize-space($edition-publisher)">
            <tr><th scope="row">Publisher</th><td><xsl:value-of select="$edition-publisher"/></td></tr>
          </xsl:if>
          <xsl:if test="normalize-space($edition-encoder)">
            <tr><th scope="row">Encoding</th><td><xsl:value-of select="$edition-encoder"/></td></tr>
          </xsl:if>
          <tr>
            <th scope="row">Texts</th>
            <td>
              <xsl:for-each select="distinct-values($docs/teiHeader/fileDesc/titleStmt/respStmt[not(@xml:id = 'resp-edition')]
                                    ! (normalize-space(resp) || ': ' || normalize-space((orgName, persName, name)[1])))">
                <p><xsl:value-of select="."/>.</p>
              </xsl:for-each>
            </td>
          </tr>
          <xsl:if test="normalize-space($edition-licence)">
            <tr>
              <th scope="row">Licence</th>
              <td>
                <xsl:value-of select="$edition-licence"/>
                <xsl:if test="normalize-space($edition-licence-url)">
                  <xsl:text> (</xsl:text><a href="{$edition-licence-url}"><xsl:value-of select="$edition-licence-url"/></a><xsl:text>)</xsl:text>
                </xsl:if>
                <xsl:text>. The rights in each text are stated on its title page.</xsl:text>
              </td>
            </tr>
          </xsl:if>
          <tr>
            <th scope="row">Source</th>
            <td>
              <xsl:text>TEI P5 files </xsl:text>
              <xsl:for-each select="$docs">
                <xsl:if test="position() gt 1">, </xsl:if>
                <span class="file"><xsl:value-of select="prt:doc-id(.)"/>.xml</span>
              </xsl:for-each>
              <xsl:text>, attached to this PDF; this PDF is made from them.</xsl:text>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- ====================================================================== contents -->

  <xsl:template name="prt:contents">
    <xsl:param name="docs" as="element(TEI)+"/>
    <xsl:param name="volume" as="xs:boolean"/>
    <!-- Whether an index follows (a document that names no registry record has none). -->
    <xsl:param name="has-index" as="xs:boolean" select="true()"/>
    <nav class="contents" id="{if ($volume) then 'volume' else prt:doc-id($docs[1])}.contents">
      <h2 class="contents-head bm1">Contents</h2>
      <ol>
        <xsl:for-each select="$docs">
          <xsl:variable name="d" select="prt:doc-id(.)"/>
          <xsl:if test="$volume">
            <li class="toc-document"><a href="#{$d}.title"><xsl:value-of select="edn:title(., 'en')"/></a></li>
          </xsl:if>
          <li class="{if ($volume) then 'toc-part' else 'toc-document'}">
            <a href="#{$d}.text"><xsl:value-of select="prt:parallel-heading(.)"/></a>
          </li>
        </xsl:for-each>
        <xsl:if test="$has-index">
          <li class="toc-document"><a href="#index">Index</a></li>
          <xsl:for-each select="$prt:registers">
            <xsl:variable name="register" select="."/>
            <xsl:if test="exists(prt:mentioned-records($docs, $register?kind))">
              <li class="toc-part"><a href="#index.{$register?id}"><xsl:value-of select="$register?label"/></a></li>
            </xsl:if>
          </xsl:for-each>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <!-- "Russian original and English translation". -->
  <xsl:function name="prt:parallel-heading" as="xs:string">
    <xsl:param name="doc" as="element(TEI)"/>
    <xsl:variable name="divisions" select="edn:divisions($doc)"/>
    <xsl:sequence select="string-join($divisions ! (edn:language-name($doc, @xml:lang)
        || (if (@type = 'edition') then ' original' else ' translation')), ' and ')"/>
  </xsl:function>

  <!-- ================================================================= parallel text -->

  <xsl:template name="prt:parallel-text">
    <xsl:param name="volume" as="xs:boolean"/>
    <xsl:variable name="d" select="prt:doc-id(.)"/>
    <xsl:variable name="divisions" select="edn:divisions(.)"/>
    <xsl:variable name="a" select="$divisions[1]"/>
    <xsl:variable name="b" select="$divisions[2]"/>
    <!-- The rows: one alignment group each, except that neighbouring rows with text on
         one side only (an archival heading only the translation has, units whose
         counterparts the witness lost) share one row: a stack of one-line rows with
         empty halves says nothing more. -->
    <!-- A document in one language only (no translation yet) is one column, a row a
         block. -->
    <xsl:variable name="rows" as="map(xs:string, element()*)*">
      <xsl:choose>
        <xsl:when test="empty($b)">
          <xsl:sequence select="edn:blocks($a) ! map{'a': ., 'b': ()}"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each-group select="edn:alignment-rows($a, $b)"
              group-adjacent="if (@a and @b) then generate-id() else 'one-sided'">
            <xsl:sequence select="map{'a': current-group() ! edn:row-blocks($a, @a),
                                      'b': current-group() ! edn:row-blocks($b, @b)}"/>
          </xsl:for-each-group>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="sides" select="if (exists($b)) then ('a', 'b') else 'a'"/>
    <!-- Footnote numbers in reading order (row by row, left cell before right), counted
         here rather than by the footnote counter, so that a row can also print its
         notes at its end (see $row-notes) without the numbers changing. -->
    <xsl:variable name="apparatus" select="$rows ! (?a, ?b) ! prt:apparatus(.)"/>
    <xsl:variable name="numbers" as="map(xs:string, xs:integer)"
        select="map:merge(for $i in 1 to count($apparatus) return map{generate-id($apparatus[$i]): $i})"/>
    <section class="text" id="{$d}.text" data-running="{edn:title(., 'en')}">
      <h2 class="text-head {if ($volume) then 'bm2' else 'bm1'}">
        <xsl:value-of select="prt:parallel-heading(.)"/>
      </h2>
      <table class="parallel{if (empty($b)) then ' one-text' else ''}">
        <colgroup>
          <xsl:for-each select="$sides"><col class="col-{.}"/></xsl:for-each>
        </colgroup>
        <!-- A header row repeats on every page, so a row split by a page break still
             shows which column is which. -->
        <thead>
          <tr>
            <xsl:for-each select="$a, $b">
              <th scope="col" class="col-head">
                <xsl:value-of select="edn:language-name(., @xml:lang)"/>
                <xsl:value-of select="if (@type = 'edition') then ' original' else ' translation'"/>
              </th>
            </xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$rows">
            <xsl:variable name="row-id" select="$d || '.row-' || position()"/>
            <xsl:variable name="row" select="."/>
            <tr class="row" id="{$row-id}">
              <xsl:for-each select="$sides">
                <xsl:call-template name="prt:cell">
                  <xsl:with-param name="division" select="if (. = 'a') then $a else $b"/>
                  <xsl:with-param name="blocks" select="$row(.)"/>
                  <xsl:with-param name="other" select="$row(if (. = 'a') then 'b' else 'a')"/>
                  <xsl:with-param name="numbers" select="$numbers" tunnel="yes"/>
                  <xsl:with-param name="row-notes" select="$row-id = $prt:row-notes" tunnel="yes"/>
                </xsl:call-template>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- What gets a footnote in a block: editorial notes, supplied text, corrections. -->
  <xsl:function name="prt:apparatus" as="element()*">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="$block/descendant-or-self::*[self::note or self::supplied or self::choice[corr]]"/>
  </xsl:function>

  <!-- One side of a row: the division's blocks of this alignment group, or, where there
       are none, why (the other side's units are lost from this witness). -->
  <xsl:template name="prt:cell">
    <xsl:param name="division" as="element(div)?"/>
    <xsl:param name="blocks" as="element()*"/>
    <xsl:param name="other" as="element()*"/>
    <xsl:param name="numbers" as="map(xs:string, xs:integer)" tunnel="yes"/>
    <xsl:param name="row-notes" as="xs:boolean" tunnel="yes"/>
    <td class="cell" lang="{$division/@xml:lang}">
      <xsl:choose>
        <xsl:when test="exists($blocks)">
          <xsl:apply-templates select="$blocks" mode="print-block"/>
          <xsl:if test="$row-notes and exists($blocks ! prt:apparatus(.))">
            <div class="row-notes">
              <xsl:for-each select="$blocks ! prt:apparatus(.)">
                <p class="row-note" lang="{prt:apparatus-lang(.)}">
                  <span class="row-note-n"><xsl:value-of select="$numbers(generate-id(.))"/>.</span>
                  <xsl:text>&#x2002;</xsl:text>
                  <xsl:apply-templates select="." mode="print-note-body"/>
                </p>
              </xsl:for-each>
            </div>
          </xsl:if>
        </xsl:when>
        <xsl:when test="$other ! edn:alignment(.) = 'lost'">
          <p class="no-counterpart" lang="en">Missing from the witness.</p>
        </xsl:when>
      </xsl:choose>
    </td>
  </xsl:template>

  <!-- mode print-block: a unit, or a gap between units, as a block of its cell. -->
  <xsl:template match="*" mode="print-block">
    <xsl:variable name="d" select="prt:doc-id(.)"/>
    <div class="unit {local-name()}{@type ! (' type-' || .)}" id="{$d}.{@xml:id}">
      <span class="unit-n" aria-hidden="true"><xsl:value-of select="@n"/></span>
      <xsl:value-of select="prt:item-label(.)"/>
      <xsl:apply-templates mode="print-text"/>
    </div>
  </xsl:template>

  <xsl:template match="p" mode="print-block" priority="1">
    <xsl:variable name="d" select="prt:doc-id(.)"/>
    <p class="unit p" id="{$d}.{@xml:id}">
      <xsl:if test="parent::item">
        <xsl:attribute name="class" select="'unit p in-item'"/>
      </xsl:if>
      <span class="unit-n" aria-hidden="true"><xsl:value-of select="@n"/></span>
      <xsl:value-of select="prt:item-label(.)"/>
      <xsl:apply-templates mode="print-text"/>
    </p>
  </xsl:template>

  <xsl:template match="gap" mode="print-block" priority="1">
    <div class="unit gap-block">
      <xsl:apply-templates select="." mode="print-text"/>
    </div>
  </xsl:template>

  <!-- The number of a list item before its first unit ("1. "), unless the transcription
       already begins with it (the witness prints the numbers, so the encoder may have
       kept them in the text). -->
  <xsl:function name="prt:item-label" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="label" select="edn:item-label($unit)"/>
    <xsl:sequence select="if ($label and starts-with(normalize-space($unit), normalize-space($label)))
                          then '' else $label"/>
  </xsl:function>

  <!-- ============================================================== phrase level -->

  <!-- mode print-text: the transcription (and notes, summaries) at phrase level. -->
  <xsl:mode name="print-text" on-no-match="text-only-copy"/>

  <!-- A compound with hyphens is kept on one line: a line break after its hyphen would
       look like end-of-line hyphenation, which the witness does not have. -->
  <xsl:template match="text()" mode="print-text">
    <xsl:analyze-string select="." regex="\w+(-\w+)+">
      <xsl:matching-substring><span class="nobr"><xsl:value-of select="."/></span></xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:template>

  <!-- A mention: one empty anchor per record it names (the index links to them). -->
  <xsl:template match="*[edn:is-mention(.)]" mode="print-text">
    <xsl:variable name="d" select="prt:doc-id(.)"/>
    <xsl:variable name="k"><xsl:number level="any" count="*[edn:is-mention(.)]"/></xsl:variable>
    <span class="name {edn:mention-kind(.)}">
      <xsl:for-each select="edn:records(.)">
        <span class="anchor" id="m.{$d}.{@xml:id}.{$k}"/>
      </xsl:for-each>
      <xsl:apply-templates mode="#current"/>
    </span>
  </xsl:template>

  <!-- Notes, supplied text and corrections: the text (if any) and a footnote, numbered
       by prt:parallel-text. In a row listed in $row-notes the note goes to the end of
       the row instead (prt:cell) and only its number stays here. -->
  <xsl:template match="note | supplied | choice[corr]" mode="print-text">
    <xsl:param name="numbers" as="map(xs:string, xs:integer)" tunnel="yes" select="map{}"/>
    <xsl:param name="row-notes" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:apply-templates select="." mode="print-apparatus-text"/>
    <xsl:variable name="n" select="$numbers(generate-id(.))"/>
    <xsl:choose>
      <xsl:when test="empty($n)"/>
      <xsl:when test="$row-notes">
        <span class="call"><xsl:value-of select="$n"/></span>
      </xsl:when>
      <xsl:otherwise>
        <span class="footnote" data-n="{$n}" lang="{prt:apparatus-lang(.)}">
          <xsl:apply-templates select="." mode="print-note-body"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The language of a footnote: a note's own; our explanations are in English. -->
  <xsl:function name="prt:apparatus-lang" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if ($element/self::note) then string(($element/ancestor-or-self::*/@xml:lang)[last()])
                          else 'en'"/>
  </xsl:function>

  <!-- mode print-apparatus-text: what stands in the text itself. -->
  <xsl:template match="note" mode="print-apparatus-text"/>
  <xsl:template match="supplied" mode="print-apparatus-text">
    <span class="supplied">[<xsl:apply-templates mode="print-text"/>]</span>
  </xsl:template>
  <xsl:template match="choice" mode="print-apparatus-text">
    <span class="corr"><xsl:apply-templates select="corr/node()" mode="print-text"/></span>
  </xsl:template>

  <!-- mode print-note-body: what the footnote says. -->
  <xsl:template match="note" mode="print-note-body">
    <xsl:apply-templates mode="print-text"/>
  </xsl:template>
  <xsl:template match="supplied" mode="print-note-body">
    <xsl:value-of select="edn:supplied-explanation(.)"/>
  </xsl:template>
  <xsl:template match="choice" mode="print-note-body">
    <xsl:value-of select="edn:correction-explanation(.)"/>
  </xsl:template>

  <xsl:template match="gap" mode="print-text">
    <span class="gap {@reason}" title="{edn:gap-explanation(.)}"><xsl:value-of select="edn:gap-mark(.)"/></span>
  </xsl:template>

  <xsl:template match="hi[matches(@rend, 'italic')] | title | foreign | term" mode="print-text">
    <i><xsl:apply-templates mode="#current"/></i>
  </xsl:template>

  <xsl:template match="hi[matches(@rend, 'bold')]" mode="print-text">
    <b><xsl:apply-templates mode="#current"/></b>
  </xsl:template>

  <xsl:template match="abstract | abstract/p" mode="print-text">
    <p><xsl:apply-templates select="if (p) then p/node() else node()" mode="#current"/></p>
  </xsl:template>

  <!-- ========================================================================= index -->

  <!-- The records of $docs of one kind that the documents mention, one per id (the
       first document's record: they come from one registry). -->
  <xsl:function name="prt:mentioned-records" as="element()*">
    <xsl:param name="docs" as="element(TEI)*"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="records" as="element()*">
      <xsl:for-each-group select="$docs//*[edn:is-mention(.)] ! edn:records(.)[local-name() = $kind]"
          group-by="@xml:id">
        <xsl:sequence select="current-group()[1]"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:perform-sort select="$records">
      <xsl:sort select="lower-case(prt:sort-key(.))"/>
      <xsl:sort select="@xml:id"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- Sort a person by surname where the record marks it; otherwise by the name as
       written (Chinese and Korean names already begin with the family name). -->
  <xsl:function name="prt:sort-key" as="xs:string">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="(($record/persName[@type = 'preferred'][lang('en')]/surname)[1] ! normalize-space(.),
                           edn:name($record, 'en'))[1]"/>
  </xsl:function>

  <xsl:template name="prt:index">
    <xsl:param name="docs" as="element(TEI)+"/>
    <xsl:param name="body" as="element()*"/>
    <xsl:variable name="anchors" select="$body//Q{}span[@class = 'anchor']"/>
    <xsl:variable name="kept" select="if ($index-locators = '#all') then $anchors
                                      else $anchors[@id = $prt:kept-locators]"/>
    <xsl:if test="exists($anchors)">
      <section class="index" id="index" data-running="Index">
        <h2 class="index-head bm1">Index</h2>
        <p class="index-intro">Persons, places, organisations and events named in
          <xsl:value-of select="if (count($docs) = 1) then 'the document' else 'the documents'"/>
          (in the text, the notes or on the title page), under the name the edition uses for
          them, with their name in Russian, dates, a description, authority identifiers
          where verified, and the pages that name them.</p>
        <xsl:for-each select="$prt:registers">
          <xsl:variable name="register" select="."/>
          <xsl:variable name="records" select="prt:mentioned-records($docs, $register?kind)"/>
          <xsl:if test="exists($records)">
            <section class="register" id="index.{$register?id}">
              <h3 class="register-head bm2"><xsl:value-of select="$register?label"/></h3>
              <!-- Entries and the pseudonyms that point to them, in one alphabet. -->
              <xsl:for-each select="$records, $records ! edn:pseudonyms(.)[lang('en')]">
                <xsl:sort select="lower-case(if (@type = 'pseudonym') then normalize-space(.)
                                             else prt:sort-key(.))"/>
                <xsl:choose>
                  <xsl:when test="@type = 'pseudonym'">
                    <xsl:call-template name="prt:cross-reference"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="prt:index-entry">
                      <xsl:with-param name="locators"
                          select="$kept[tokenize(@id, '\.')[3] = current()/@xml:id]"/>
                    </xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </section>
          </xsl:if>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="prt:index-entry">
    <xsl:param name="locators" as="element()*"/>
    <xsl:variable name="name-ru" select="edn:name-in(., 'ru')"/>
    <xsl:variable name="dates" select="edn:life-dates(., 'en')"/>
    <xsl:variable name="pseudonyms" select="edn:pseudonyms(.)[lang('en')]"/>
    <xsl:variable name="geo" select="edn:geo(.)"/>
    <div class="entry" id="index.entry.{@xml:id}">
      <span class="entry-name"><xsl:value-of select="edn:name(., 'en')"/></span>
      <xsl:if test="$name-ru">
        <xsl:text> </xsl:text><span class="entry-name-ru" lang="ru">(<xsl:value-of select="$name-ru"/>)</span>
      </xsl:if>
      <xsl:if test="$dates">, <xsl:value-of select="$dates"/></xsl:if>
      <xsl:if test="exists($pseudonyms)">
        <xsl:text>; also as </xsl:text>
        <xsl:value-of select="string-join($pseudonyms ! normalize-space(.), ', ')"/>
      </xsl:if>
      <xsl:text>. </xsl:text>
      <xsl:for-each select="edn:description(., 'en')">
        <span class="entry-description"><xsl:apply-templates mode="print-text"/></span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:if test="count($geo) = 2">
        <span class="entry-geo"><xsl:value-of select="prt:coordinates($geo)"/>.</span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:for-each select="edn:authorities(.)">
        <a class="authority" href="{normalize-space(.)}"><xsl:value-of select="edn:authority-label(.)"/></a>
        <xsl:text>. </xsl:text>
      </xsl:for-each>
      <xsl:if test="exists($locators)">
        <span class="locators">
          <span class="locators-label"><xsl:value-of select="if (count($locators) = 1) then 'Page' else 'Pages'"/></span>
          <xsl:text> </xsl:text>
          <xsl:for-each select="$locators">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a class="locator" href="#{@id}"/>
          </xsl:for-each>
        </span>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- "<pseudonym>, see <preferred name>": a pseudonym (context) points to its person's entry. -->
  <xsl:template name="prt:cross-reference">
    <xsl:variable name="record" select=".."/>
    <div class="entry cross-reference">
      <span class="entry-name"><xsl:value-of select="normalize-space(.)"/></span>
      <xsl:text>, see </xsl:text>
      <a class="see" href="#index.entry.{$record/@xml:id}"><xsl:value-of select="edn:name($record, 'en')"/></a>
      <xsl:text>.</xsl:text>
    </div>
  </xsl:template>

  <!-- Latitude and longitude as "12.345° N, 67.890° E" (three decimals at most). -->
  <xsl:function name="prt:coordinates" as="xs:string">
    <xsl:param name="geo" as="xs:double+"/>
    <xsl:sequence select="format-number(abs($geo[1]), '0.0##') || '° ' || (if ($geo[1] ge 0) then 'N' else 'S')
        || ', ' || format-number(abs($geo[2]), '0.0##') || '° ' || (if ($geo[2] ge 0) then 'E' else 'W')"/>
  </xsl:function>

</xsl:stylesheet>
