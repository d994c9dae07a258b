<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/contents.xsl: the volume's table of contents.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xmlns:prt="urn:x-edition-print"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

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

</xsl:stylesheet>
