<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/citation-meta.xsl: the head's metadata for citation managers and search engines:
  Highwire Press tags, Dublin Core, schema.org JSON-LD.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Highwire Press tags (read by Zotero and Google Scholar), Dublin Core and schema.org
       JSON-LD, all from the header and the edition settings. -->
  <xsl:template name="citation-meta">
    <xsl:variable name="senders" select="edn:correspondents($tei, 'sent')"/>
    <xsl:variable name="recipients" select="edn:correspondents($tei, 'received')"/>
    <xsl:variable name="keywords" select="edn:keywords($tei, $interface-lang)"/>
    <xsl:variable name="summary" select="edn:summary($tei) ! normalize-space(string-join(.//text()[not(ancestor::note)], ''))"/>
    <xsl:variable name="languages" select="$divisions/@xml:lang ! string(.)"/>
    <xsl:variable name="rights" select="normalize-space(string-join($tei/TEI/teiHeader/fileDesc/publicationStmt/availability//text(), ' '))"/>
    <meta name="citation_title" content="{$title}"/>
    <xsl:for-each select="$senders"><meta name="citation_author" content="{edn:name-inverted(.)}"/></xsl:for-each>
    <xsl:if test="$date">
      <meta name="citation_date" content="{edn:citation-date($date)}"/>
      <meta name="citation_publication_date" content="{edn:citation-date($date)}"/>
    </xsl:if>
    <xsl:if test="$publisher"><meta name="citation_publisher" content="{$publisher}"/></xsl:if>
    <xsl:for-each select="$languages"><meta name="citation_language" content="{.}"/></xsl:for-each>
    <xsl:if test="exists($keywords)"><meta name="citation_keywords" content="{string-join($keywords, '; ')}"/></xsl:if>
    <xsl:if test="$summary"><meta name="citation_abstract" content="{$summary}"/></xsl:if>
    <!-- Addresses only where the edition has one (a draft has none to give). -->
    <xsl:if test="$permalink">
      <meta name="citation_public_url" content="{$permalink}"/>
      <meta name="citation_fulltext_html_url" content="{$permalink}"/>
      <meta name="citation_pdf_url" content="{$base-url}{$pdf-path}"/>
    </xsl:if>

    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <link rel="schema.DCTERMS" href="http://purl.org/dc/terms/"/>
    <meta name="DC.title" content="{$title}"/>
    <xsl:for-each select="$senders"><meta name="DC.creator" content="{edn:name-inverted(.)}"/></xsl:for-each>
    <xsl:for-each select="$tei/TEI/teiHeader/fileDesc/titleStmt/editor/persName[not(. = preceding::editor/persName)]">
      <meta name="DC.contributor" content="{normalize-space(.)}"/>
    </xsl:for-each>
    <xsl:if test="$date"><meta name="DC.date" content="{$date}"/></xsl:if>
    <!-- The type Zotero's Embedded Metadata translator (through its RDF import) saves as a
         letter; without it a page with citation_title is saved as a journal article. -->
    <meta name="DC.type" content="letter"/>
    <meta name="z.itemType" content="letter"/>
    <meta name="DC.format" content="text/html"/>
    <xsl:for-each select="$languages"><meta name="DC.language" content="{.}"/></xsl:for-each>
    <xsl:if test="$permalink"><meta name="DC.identifier" content="{$permalink}"/></xsl:if>
    <xsl:if test="$publisher"><meta name="DC.publisher" content="{$publisher}"/></xsl:if>
    <xsl:for-each select="$keywords"><meta name="DC.subject" content="{.}"/></xsl:for-each>
    <xsl:if test="$summary"><meta name="DC.description" content="{$summary}"/></xsl:if>
    <xsl:if test="$rights"><meta name="DC.rights" content="{$rights}"/></xsl:if>
    <xsl:for-each select="$tei/TEI/teiHeader/fileDesc/sourceDesc/bibl[@type = 'witness']">
      <meta name="DC.source" content="{replace(normalize-space(.), '[\s,;:]+$', '')}"/>
    </xsl:for-each>
    <meta name="DCTERMS.isPartOf" content="{$edition-title}"/>

    <xsl:variable name="json">
      <fn:map>
        <fn:string key="@context">https://schema.org</fn:string>
        <fn:string key="@type">Message</fn:string>
        <xsl:if test="$permalink">
          <fn:string key="@id"><xsl:value-of select="$permalink"/></fn:string>
          <fn:string key="url"><xsl:value-of select="$permalink"/></fn:string>
        </xsl:if>
        <fn:string key="name"><xsl:value-of select="$title"/></fn:string>
        <xsl:if test="$date"><fn:string key="dateSent"><xsl:value-of select="$date"/></fn:string></xsl:if>
        <fn:array key="sender"><xsl:for-each select="$senders"><xsl:sequence select="edn:json-agent(.)"/></xsl:for-each></fn:array>
        <fn:array key="recipient"><xsl:for-each select="$recipients"><xsl:sequence select="edn:json-agent(.)"/></xsl:for-each></fn:array>
        <fn:array key="inLanguage"><xsl:for-each select="$languages"><fn:string><xsl:value-of select="."/></fn:string></xsl:for-each></fn:array>
        <xsl:if test="exists($keywords)"><fn:string key="keywords"><xsl:value-of select="string-join($keywords, ', ')"/></fn:string></xsl:if>
        <xsl:if test="$summary"><fn:string key="abstract"><xsl:value-of select="$summary"/></fn:string></xsl:if>
        <fn:map key="isPartOf">
          <fn:string key="@type">CreativeWork</fn:string>
          <fn:string key="name"><xsl:value-of select="$edition-title"/></fn:string>
          <xsl:if test="$base-url"><fn:string key="url"><xsl:value-of select="$base-url"/></fn:string></xsl:if>
        </fn:map>
        <xsl:if test="$publisher">
          <fn:map key="publisher"><fn:string key="@type">Organization</fn:string><fn:string key="name"><xsl:value-of select="$publisher"/></fn:string></fn:map>
        </xsl:if>
        <xsl:if test="$licence-url"><fn:string key="license"><xsl:value-of select="$licence-url"/></fn:string></xsl:if>
        <xsl:if test="$base-url">
          <fn:array key="encoding">
            <fn:map><fn:string key="@type">MediaObject</fn:string><fn:string key="encodingFormat">application/tei+xml</fn:string><fn:string key="contentUrl"><xsl:value-of select="$base-url || $tei-path"/></fn:string></fn:map>
            <fn:map><fn:string key="@type">MediaObject</fn:string><fn:string key="encodingFormat">application/pdf</fn:string><fn:string key="contentUrl"><xsl:value-of select="$base-url || $pdf-path"/></fn:string></fn:map>
          </fn:array>
        </xsl:if>
      </fn:map>
    </xsl:variable>
    <!-- Script content is not escaped by the HTML serializer: xml-to-json already writes
         "</" as "<\/"; "<" as \u003c also keeps a comment opener from confusing the HTML parser. -->
    <script type="application/ld+json"><xsl:value-of select="replace(xml-to-json($json), '&lt;', '\\u003c')"/></script>
  </xsl:template>

  <!-- A correspondent as citations write a name: "Family, Given" where the record gives
       surname and forename (in the order the name is written: "Mao, Zedong"), else the
       name as it stands. -->
  <xsl:function name="edn:name-inverted" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="name" select="(edn:records($mention)[1]/persName[@type = 'preferred'][lang('en')])[1]"/>
    <xsl:sequence select="if ($name/surname and $name/forename)
                          then normalize-space($name/surname[1]) || ', ' || normalize-space($name/forename[1])
                          else edn:mention-name($mention)"/>
  </xsl:function>

  <xsl:function name="edn:json-agent" as="element(fn:map)">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="record" select="edn:records($mention)[1]"/>
    <fn:map>
      <fn:string key="@type"><xsl:value-of select="if ($record/self::org or $mention/self::orgName) then 'Organization' else 'Person'"/></fn:string>
      <fn:string key="name"><xsl:value-of select="edn:mention-name($mention)"/></fn:string>
      <xsl:if test="exists($record ! edn:authorities(.))">
        <fn:array key="sameAs"><xsl:for-each select="edn:authorities($record)"><fn:string><xsl:value-of select="normalize-space(.)"/></fn:string></xsl:for-each></fn:array>
      </xsl:if>
    </fn:map>
  </xsl:function>

</xsl:stylesheet>
