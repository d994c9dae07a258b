<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/phrase.xsl: phrase level (mode print-text): names with their index anchors,
  notes and apparatus as footnotes, gaps, highlighting.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xmlns:prt="urn:x-edition-print"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

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
    <xsl:param name="numbers" as="map(xs:string, xs:string)" tunnel="yes" select="map{}"/>
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
  <xsl:template match="gap" mode="print-note-body">
    <xsl:value-of select="edn:gap-mark(.) || ': ' || edn:gap-explanation(.)"/>
  </xsl:template>
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
    <xsl:param name="numbers" as="map(xs:string, xs:string)" tunnel="yes" select="map{}"/>
    <xsl:param name="row-notes" as="xs:boolean" tunnel="yes" select="false()"/>
    <span class="gap {@reason}" title="{edn:gap-explanation(.)}"><xsl:value-of select="edn:gap-mark(.)"/></span>
    <!-- The first gap of its kind says once, in a footnote, what its mark means. -->
    <xsl:variable name="n" select="$numbers(generate-id(.))"/>
    <xsl:choose>
      <xsl:when test="empty($n)"/>
      <xsl:when test="$row-notes"><span class="call"><xsl:value-of select="$n"/></span></xsl:when>
      <xsl:otherwise>
        <span class="footnote" data-n="{$n}" lang="en"><xsl:apply-templates select="." mode="print-note-body"/></span>
      </xsl:otherwise>
    </xsl:choose>
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

</xsl:stylesheet>
