<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/title-pages.xsl: a document's title page (mode print-header for its witness,
  archive and rights) and the volume's title page.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xmlns:prt="urn:x-edition-print"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

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
      <xsl:call-template name="prt:cite"/>
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
              <th scope="row">Source</th>
              <td><xsl:apply-templates select="." mode="print-header"/></td>
            </tr>
          </xsl:for-each>
          <xsl:for-each select="$header/fileDesc/sourceDesc/bibl[@type = 'first-publication']">
            <tr>
              <th scope="row">First published</th>
              <td><xsl:value-of select="normalize-space(.)"/></td>
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
              <xsl:variable name="editors" select="$header/fileDesc/titleStmt/editor"/>
              <p>
                <xsl:choose>
                  <xsl:when test="exists($editors)">
                    <xsl:for-each-group select="$editors" group-by="normalize-space(persName)">
                      <xsl:if test="position() gt 1">; </xsl:if>
                      <xsl:value-of select="current-grouping-key() || ' (' || string-join(current-group()/@role
                          ! replace(., '-', ' '), ', ') || ')'"/>
                      <xsl:for-each select="current-group()[1]/persName/@ref[starts-with(., 'https://orcid.org/')]">
                        <xsl:text>, </xsl:text><a href="{.}"><xsl:value-of select="."/></a>
                      </xsl:for-each>
                    </xsl:for-each-group>
                    <xsl:text>.</xsl:text>
                  </xsl:when>
                  <xsl:otherwise>Not yet named.</xsl:otherwise>
                </xsl:choose>
              </p>
              <xsl:for-each select="$header/fileDesc/titleStmt/respStmt">
                <p><xsl:value-of select="normalize-space(resp)"/>: <xsl:value-of
                    select="string-join((orgName, persName, name) ! normalize-space(.), ', ')"/>.</p>
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
  <!-- How to cite the document (edn:citation, the same sentence as the page's), with the
       address of its page on the site when the edition has one. -->
  <xsl:template name="prt:cite">
    <xsl:variable name="doc" select="."/>
    <xsl:variable name="names" select="function($type) { string-join(edn:correspondents($doc, $type)
        ! (edn:records(.)[1] ! edn:name(., 'en'), normalize-space(.))[1], ', ') }"/>
    <xsl:variable name="from" select="$names('sent')"/>
    <xsl:variable name="to" select="$names('received')"/>
    <xsl:variable name="url" select="if ($base-url) then $base-url || 'documents/' || prt:doc-id(.) || '.html' else ''"/>
    <div class="cite" lang="en">
      <p class="cite-head">How to cite</p>
      <p>
        <xsl:value-of select="edn:citation($from, $to, edn:title(., 'en'),
            edn:document-date(.) ! edn:format-date(., 'en'),
            distinct-values(root(.)/TEI/teiHeader/fileDesc/titleStmt/editor/persName ! normalize-space(.)),
            $edition-title, $edition-publisher,
            substring(root(.)/TEI/teiHeader/fileDesc/publicationStmt/date/@when, 1, 4))"/>
        <xsl:if test="$url"><xsl:text> </xsl:text><a class="url" href="{$url}"><xsl:value-of select="$url"/></a></xsl:if>
      </p>
    </div>
  </xsl:template>

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
    <p>
      <xsl:text>Published by </xsl:text><xsl:value-of select="normalize-space(publisher)"/>
      <xsl:text> as </xsl:text><cite><xsl:value-of select="normalize-space(title)"/></cite>
      <xsl:if test="normalize-space(date)"><xsl:value-of select="', ' || normalize-space(date)"/></xsl:if>
      <xsl:for-each select="idno[@type = 'record']"><xsl:value-of select="', record ' || normalize-space(.)"/></xsl:for-each>
      <xsl:text>.</xsl:text>
      <xsl:for-each select="ptr/@target">
        <xsl:text> </xsl:text><a href="{.}"><xsl:value-of select="."/></a>
      </xsl:for-each>
    </p>
    <xsl:for-each select="respStmt">
      <p><xsl:value-of select="normalize-space(resp) || ': ' || string-join(*[not(self::resp)] ! normalize-space(.), ', ') || '.'"/></p>
    </xsl:for-each>
    <xsl:for-each select="note">
      <p class="header-note"><xsl:value-of select="normalize-space(.)"/></p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="msDesc" mode="print-header">
    <xsl:variable name="id" select="msIdentifier"/>
    <p><xsl:value-of select="normalize-space($id/msName)"/>.</p>
    <xsl:for-each select="$id[repository or collection or idno[@type = 'shelfmark']]">
      <p><xsl:value-of select="string-join((repository, collection, idno[@type = 'shelfmark']) ! normalize-space(.), ', ')"/>.</p>
    </xsl:for-each>
    <xsl:for-each select="$id/altIdentifier[@type = 'reference']">
      <p><xsl:value-of select="string-join((repository, collection, idno) ! normalize-space(.)[. != ''], ', ')"/>.</p>
    </xsl:for-each>
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
          <tr><th scope="row">Editors</th><td><xsl:value-of select="if (normalize-space($edition-editors))
              then $edition-editors else 'Not yet named.'"/></td></tr>
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
                <xsl:text>. The licence covers this edition's own work only: the encoding, the notes and the registers. The texts and translations are their publishers', under their own rights statements, given on each document's title page.</xsl:text>
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

</xsl:stylesheet>
