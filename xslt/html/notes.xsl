<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/notes.xsl: the notes below the text, one list per language division.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="notes">
    <xsl:variable name="with-notes" select="$divisions[exists(edn:notes(.))]"/>
    <xsl:if test="exists($with-notes)">
      <section class="notes" aria-labelledby="notes-h" role="doc-endnotes">
        <h2 id="notes-h"><xsl:apply-templates select="'notes'" mode="ui"/></h2>
        <xsl:for-each select="$with-notes">
          <h3><xsl:sequence select="edn:ui(if (@type = 'edition') then 'notes-to-original' else 'notes-to-translation',
                                           'lang:' || @xml:lang)"/></h3>
          <ol class="notes-list">
            <xsl:for-each select="edn:notes(.)">
              <xsl:variable name="id" select="edn:note-id(.)"/>
              <li id="{$id}" value="{edn:note-number(.)}" lang="{edn:note-lang(.)}">
                <xsl:apply-templates mode="reading"/>
                <xsl:text> </xsl:text>
                <a class="backlink" href="#{$id}-ref" role="doc-backlink"><span aria-hidden="true">↩</span><span
                    class="sr-only"><xsl:sequence select="edn:ui('back-to-note', string(edn:note-number(.)))"/></span></a>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
