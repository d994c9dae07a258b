<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/metadata.xsl: the panel "About this document" (metadata, how to cite, downloads)
  and the helpers it names people and actions with.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="metadata-panel">
    <xsl:variable name="header" select="$tei/TEI/teiHeader"/>
    <xsl:variable name="sent" select="$header//correspDesc/correspAction[@type = 'sent']"/>
    <xsl:variable name="received" select="$header//correspDesc/correspAction[@type = 'received']"/>
    <aside class="metadata" id="about-document" aria-labelledby="meta-h">
      <h2 id="meta-h"><xsl:sequence select="edn:ui('about-document')"/></h2>
      <dl>
        <dt><xsl:sequence select="edn:ui('meta-title')"/></dt>
        <dd><xsl:value-of select="$title"/></dd>
        <xsl:if test="$date">
          <dt><xsl:sequence select="edn:ui('meta-date')"/></dt>
          <dd><time datetime="{$date}"><xsl:value-of select="edn:format-date($date, $interface-lang)"/></time></dd>
        </xsl:if>
        <xsl:if test="$sent or $received">
          <dt><xsl:sequence select="edn:ui('meta-from-to')"/></dt>
          <dd class="correspondents">
            <xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="$sent/(persName | orgName | name)"/></xsl:call-template>
            <xsl:text> → </xsl:text>
            <xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="$received/(persName | orgName | name)"/></xsl:call-template>
          </dd>
        </xsl:if>
        <!-- Every stage of the way (sent, transmitted, received…), in the header's order;
             the sender and addressee are named once, above, as each mention can carry its
             card only once in a page (card ids). -->
        <xsl:for-each select="$header//correspDesc/correspAction[placeName or date[@when]
                              or (not(@type = ('sent', 'received')) and (persName | orgName | name))]">
          <dt><xsl:sequence select="if (@type = ('sent', 'received', 'transmitted')) then edn:ui('action-' || @type)
                                   else edn:action-label(@type)"/></dt>
          <dd>
            <xsl:variable name="parts" as="element()*">
              <xsl:if test="not(@type = ('sent', 'received')) and (persName | orgName | name)">
                <span><xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="persName | orgName | name"/></xsl:call-template></span>
              </xsl:if>
              <xsl:if test="placeName">
                <span><xsl:sequence select="edn:ui('at')"/><xsl:text> </xsl:text><xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="placeName"/></xsl:call-template></span>
              </xsl:if>
              <xsl:for-each select="date[@when]">
                <time datetime="{@when}"><xsl:value-of select="edn:format-date(@when, $interface-lang)"/></time>
              </xsl:for-each>
            </xsl:variable>
            <xsl:for-each select="$parts">
              <xsl:if test="position() gt 1">, </xsl:if>
              <xsl:sequence select="if (self::span) then node() else ."/>
            </xsl:for-each>
          </dd>
        </xsl:for-each>
        <xsl:for-each select="$header/fileDesc/sourceDesc/bibl[@type = 'witness']">
          <dt><xsl:sequence select="edn:ui('meta-witness')"/></dt>
          <dd class="witness">
            <p>
              <xsl:for-each select="* except (note, ptr)">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:apply-templates select="." mode="reading"/>
              </xsl:for-each>
              <xsl:for-each select="ptr[@target]">
                <xsl:text>, </xsl:text><xsl:apply-templates select="." mode="reading"/>
              </xsl:for-each>
              <xsl:if test="* except note">.</xsl:if>
            </p>
            <xsl:for-each select="note"><p><xsl:apply-templates mode="reading"/></p></xsl:for-each>
          </dd>
        </xsl:for-each>
        <xsl:for-each select="$header/fileDesc/sourceDesc/msDesc[normalize-space()]">
          <dt><xsl:sequence select="edn:ui('meta-archive')"/></dt>
          <dd class="archive">
            <xsl:for-each select="msIdentifier">
              <p>
                <!-- Each idno is mapped whole: "!" binds tighter than "||", so the prefix and
                     the value are concatenated inside the parentheses, one string per idno. -->
                <xsl:value-of select="string-join((
                    (settlement, institution, repository, collection) ! normalize-space(.),
                    idno ! ((if (@type = 'document-number') then 'No. ' else '') || normalize-space(.)),
                    altIdentifier[@type = 'reference'] ! string-join((repository, collection, idno) ! normalize-space(.), ', ')
                    )[. != ''], ', ')"/>
              </p>
            </xsl:for-each>
            <xsl:apply-templates select="p" mode="reading"/>
          </dd>
        </xsl:for-each>
        <xsl:if test="edn:summary($tei)">
          <dt><xsl:sequence select="edn:ui('meta-summary')"/></dt>
          <dd class="summary"><xsl:apply-templates select="edn:summary($tei)/node()" mode="reading"/></dd>
        </xsl:if>
        <xsl:variable name="keywords" select="edn:keywords($tei, $interface-lang)"/>
        <xsl:if test="exists($keywords)">
          <dt><xsl:sequence select="edn:ui('meta-keywords')"/></dt>
          <dd><ul class="keywords"><xsl:for-each select="$keywords"><li><xsl:value-of select="."/></li></xsl:for-each></ul></dd>
        </xsl:if>
        <xsl:for-each select="$header/fileDesc/publicationStmt/availability">
          <dt><xsl:sequence select="edn:ui('meta-rights')"/></dt>
          <dd class="rights">
            <xsl:for-each select="licence">
              <p><xsl:choose>
                  <xsl:when test="edn:safe-href(@target)"><a href="{@target}" rel="license"><xsl:apply-templates mode="reading"/></a></xsl:when>
                  <xsl:otherwise><xsl:apply-templates mode="reading"/></xsl:otherwise>
                </xsl:choose></p>
            </xsl:for-each>
            <xsl:apply-templates select="p" mode="reading"/>
          </dd>
        </xsl:for-each>
      </dl>

      <h3 id="cite-h"><xsl:sequence select="edn:ui('how-to-cite')"/></h3>
      <p class="citation"><xsl:value-of select="edn:citation-text($sent, $received)"/>
        <xsl:text> </xsl:text><a href="{$permalink}" class="permalink"><xsl:value-of select="$permalink"/></a></p>

      <h3 id="downloads-h"><xsl:sequence select="edn:ui('downloads')"/></h3>
      <ul class="downloads">
        <!-- data-print-href: the absolute address a printed page shows after the link. -->
        <li><a href="{$root}{$tei-path}" type="application/tei+xml" download="{$doc-id}.xml"
               data-print-href="{$base-url}{$tei-path}">TEI P5 XML</a></li>
        <xsl:for-each select="$divisions">
          <li><a href="{$root}text/{$doc-id}.{@xml:lang}.txt" type="text/plain" download="{$doc-id}.{@xml:lang}.txt"
                 data-print-href="{$base-url}text/{$doc-id}.{@xml:lang}.txt">
              <xsl:sequence select="edn:ui('plain-text', 'lang:' || @xml:lang)"/></a></li>
        </xsl:for-each>
        <li><a href="{$root}{$pdf-path}" type="application/pdf" data-print-href="{$base-url}{$pdf-path}">PDF</a></li>
      </ul>
    </aside>
  </xsl:template>

  <!-- "Sent", "Received", "Transmitted" for a correspAction/@type. -->
  <xsl:function name="edn:action-label" as="xs:string">
    <xsl:param name="type" as="xs:string?"/>
    <xsl:sequence select="if (not($type)) then 'Correspondence'
                          else upper-case(substring($type, 1, 1)) || substring($type, 2)"/>
  </xsl:function>

  <xsl:template name="mention-list">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:for-each select="$mentions">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:apply-templates select="." mode="reading"/>
    </xsl:for-each>
  </xsl:template>

  <!-- "Sender to Addressee, Title, 2 January 1950. In: Edition (Publisher)." -->
  <xsl:function name="edn:citation-text" as="xs:string">
    <xsl:param name="sent" as="element()?"/>
    <xsl:param name="received" as="element()?"/>
    <xsl:variable name="from" select="string-join($sent/(persName | orgName | name) ! edn:mention-name(.), ', ')"/>
    <xsl:variable name="to" select="string-join($received/(persName | orgName | name) ! edn:mention-name(.), ', ')"/>
    <xsl:sequence select="string-join((
        if ($from and $to) then $from || ' to ' || $to else (),
        $title,
        $date ! edn:format-date(., $interface-lang)), ', ')
        || '. In: ' || $edition-title || (if ($publisher) then ' (' || $publisher || ')' else '') || '.'"/>
  </xsl:function>

  <!-- A mention's registry name (the person's preferred name), else its own text. -->
  <xsl:function name="edn:mention-name" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="(edn:records($mention)[1] ! edn:name(., $interface-lang),
                           normalize-space($mention))[1]"/>
  </xsl:function>

</xsl:stylesheet>
