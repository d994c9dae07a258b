<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/text.xsl: the parallel text: rows, cells, blocks (mode print-block), footnote
  numbering.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xmlns:prt="urn:x-edition-print"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

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
    <!-- Footnotes are numbered per column, so that each text reads on in its own series:
         the original's 1, 2, 3 …, the translation's a, b, c … (a reader of one column
         never meets the other's numbers). Counted here rather than by the footnote
         counter, so that a row can also print its notes at its end (see $row-notes)
         without the numbers changing. -->
    <xsl:variable name="apparatus-a" select="$rows ! ?a ! prt:apparatus(.)"/>
    <xsl:variable name="apparatus-b" select="$rows ! ?b ! prt:apparatus(.)"/>
    <xsl:variable name="numbers" as="map(xs:string, xs:string)" select="map:merge((
        for $i in 1 to count($apparatus-a) return map{generate-id($apparatus-a[$i]): string($i)},
        for $i in 1 to count($apparatus-b) return map{generate-id($apparatus-b[$i]): format-integer($i, 'a')}))"/>
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
            <!-- A row with footnotes stays on one page (print.css): split, its right
                 cell's footnotes would shrink a page the left cell has already filled. -->
            <tr class="row{if (exists(($row?a, $row?b) ! prt:apparatus(.))) then ' has-notes' else ''}" id="{$row-id}">
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

  <!-- What gets a footnote in a block: editorial notes, supplied text, corrections, and
       the first gap of each kind in the document (its mark is explained once). -->
  <xsl:function name="prt:apparatus" as="element()*">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="$block/descendant-or-self::*[self::note or self::supplied or self::choice[corr]
                          or self::gap[prt:first-of-its-kind(.)]]"/>
  </xsl:function>

  <!-- A gap whose explanation no gap before it in the document has given. -->
  <xsl:function name="prt:first-of-its-kind" as="xs:boolean">
    <xsl:param name="gap" as="element(gap)"/>
    <xsl:variable name="said" select="edn:gap-explanation($gap)"/>
    <xsl:sequence select="empty($gap/preceding::gap[ancestor::text][edn:gap-explanation(.) = $said])"/>
  </xsl:function>

  <!-- One side of a row: the division's blocks of this alignment group, or, where there
       are none, why (the other side's units are lost from this witness). -->
  <xsl:template name="prt:cell">
    <xsl:param name="division" as="element(div)?"/>
    <xsl:param name="blocks" as="element()*"/>
    <xsl:param name="other" as="element()*"/>
    <xsl:param name="numbers" as="map(xs:string, xs:string)" tunnel="yes"/>
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

</xsl:stylesheet>
