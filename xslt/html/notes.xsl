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
        <h2 id="notes-h">Notes</h2>
        <xsl:for-each select="$with-notes">
          <h3><xsl:value-of select="'Notes to the ' || edn:language-name($tei, @xml:lang)
                                    || (if (@type = 'edition') then ' original' else ' translation')"/></h3>
          <ol class="notes-list">
            <xsl:for-each select="edn:notes(.)">
              <xsl:variable name="id" select="edn:note-id(.)"/>
              <li id="{$id}" value="{edn:note-number(.)}" lang="{edn:note-lang(.)}">
                <xsl:apply-templates mode="reading"/>
                <xsl:text> </xsl:text>
                <a class="backlink" href="#{$id}-ref" role="doc-backlink" lang="{$interface-lang}"
                   aria-label="Back to note {edn:note-number(.)} in the text">↩</a>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
