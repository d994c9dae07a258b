<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/text.xsl: the parallel text: toolbar (view and corrections switches), key to the
  markup, the alignment rows, their cells and units.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="reading-text">
    <section id="text" class="reading" aria-labelledby="text-h">
      <h2 id="text-h">Text</h2>
      <div class="toolbar">
        <xsl:if test="exists($translation) or exists($facsimile)">
          <fieldset class="switch" data-switch="view">
            <legend>View</legend>
            <!-- The facsimile (facsimile.xsl) is a view of its own beside the languages. -->
            <xsl:for-each select="('parallel', 'original', 'translation')[exists($translation) or . = 'original'],
                                  'facsimile'[exists($facsimile)]">
              <xsl:variable name="label" select="if (. = 'parallel') then 'Parallel'
                  else if (. = 'facsimile') then 'Facsimile'
                  else if (. = 'original' and empty($translation)) then 'Text'
                  else if (. = 'original') then edn:language-name($tei, $original/@xml:lang) || ' only'
                  else edn:language-name($tei, $translation/@xml:lang) || ' only'"/>
              <label><input type="radio" name="view" value="{.}">
                  <xsl:if test=". = (if (exists($translation)) then 'parallel' else 'original')"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
                </input><xsl:value-of select="' ' || $label"/></label>
            </xsl:for-each>
          </fieldset>
        </xsl:if>
        <xsl:if test="$divisions//choice[sic and corr]">
          <fieldset class="switch" data-switch="reading">
            <legend>Corrections</legend>
            <label><input type="radio" name="reading" value="corr" checked="checked"/> Corrected</label>
            <label><input type="radio" name="reading" value="sic"/> As written</label>
          </fieldset>
        </xsl:if>
      </div>
      <details class="key">
          <summary>Key to the markup</summary>
          <ul>
            <li><span class="name name-person">Person</span>, <span class="name name-place">place</span>, <span class="name name-geog">geographic feature</span>, <span class="name name-org">organisation</span>, <span class="name name-event">event</span>: underlined differently, each a link to its register entry; hover or focus shows a card.</li>
            <li><span class="supplied"><span class="bracket">[</span>text<span class="bracket">]</span></span>: supplied by the witness's editors.</li>
            <li><span class="gap">[…]</span>: text omitted or missing; hover or focus tells why.</li>
            <li><span class="corr">corrected</span>: an editorial correction; the switch shows the reading as written.</li>
            <li><span class="noteref">1</span>: an editorial note (see Notes below the text).</li>
          </ul>
      </details>
      <!-- The switches set data-view and data-reading on the html element (edition.js),
           which the style sheet reads; without script the page shows both, corrected. -->
      <div class="parallel" id="parallel">
        <xsl:if test="exists($translation)">
          <div class="row row-labels">
            <h3 class="cell side-original"><xsl:value-of select="edn:language-name($tei, $original/@xml:lang) || ' original'"/></h3>
            <h3 class="cell side-translation"><xsl:value-of select="edn:language-name($tei, $translation/@xml:lang) || ' translation'"/></h3>
          </div>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="exists($translation)">
            <xsl:for-each select="edn:alignment-rows($original, $translation)">
              <xsl:call-template name="row">
                <xsl:with-param name="a" select="edn:row-blocks($original, @a)"/>
                <xsl:with-param name="b" select="edn:row-blocks($translation, @b)"/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="edn:blocks($original)">
              <xsl:call-template name="row"><xsl:with-param name="a" select="."/></xsl:call-template>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </div>
      <xsl:call-template name="facsimile-panel"/>
    </section>
  </xsl:template>

  <!-- One alignment group: a grid row whose two cells start at the same height. -->
  <xsl:template name="row">
    <xsl:param name="a" as="element()*"/>
    <xsl:param name="b" as="element()*"/>
    <div class="row{if (empty($b)) then ' row-original-only' else ''}{
                    if (empty($a)) then ' row-translation-only' else ''}">
      <xsl:call-template name="cell">
        <xsl:with-param name="side" select="'original'"/>
        <xsl:with-param name="division" select="$original"/>
        <xsl:with-param name="blocks" select="$a"/>
        <xsl:with-param name="other" select="$b"/>
      </xsl:call-template>
      <xsl:if test="exists($translation)">
        <xsl:call-template name="cell">
          <xsl:with-param name="side" select="'translation'"/>
          <xsl:with-param name="division" select="$translation"/>
          <xsl:with-param name="blocks" select="$b"/>
          <xsl:with-param name="other" select="$a"/>
        </xsl:call-template>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="cell">
    <xsl:param name="side" as="xs:string"/>
    <xsl:param name="division" as="element(div)"/>
    <xsl:param name="blocks" as="element()*"/>
    <xsl:param name="other" as="element()*"/>
    <div class="cell side-{$side}" lang="{$division/@xml:lang}">
      <xsl:for-each select="$blocks">
        <xsl:choose>
          <xsl:when test="edn:is-unit(.)"><xsl:call-template name="unit"/></xsl:when>
          <xsl:otherwise>
            <p class="unit unit-gap"><span class="unit-text"><xsl:apply-templates select="." mode="reading"/></span></p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <!-- Say why this side is empty when the other side's unit has lost its counterpart. -->
      <xsl:if test="empty($blocks) and exists($other[edn:alignment(.) = 'lost'])">
        <p class="placeholder" lang="{$interface-lang}">
          <xsl:value-of select="(edn:alignment-explanation($other[edn:alignment(.) = 'lost'][1]),
                                 'The counterpart of this unit is missing from the witness.')[1]"/>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- An alignment unit: its number (a permalink to its id) and its text. -->
  <xsl:template name="unit">
    <div class="unit unit-{local-name()}{if (@type) then ' unit-' || @type else ''}" id="{@xml:id}">
      <xsl:if test="@corresp">
        <xsl:attribute name="data-corresp" select="string-join(edn:refs(@corresp), ' ')"/>
      </xsl:if>
      <xsl:attribute name="data-align" select="edn:alignment(.)"/>
      <xsl:apply-templates select="@facs" mode="facsimile-unit"/>
      <a class="unit-n" href="#{@xml:id}" lang="{$interface-lang}"
         aria-label="{'Permalink to ' || edn:language-name($tei, ancestor::div[@xml:lang][1]/@xml:lang)
                      || ' unit ' || (@n, '')[1]}"><xsl:value-of select="(@n, '#')[1]"/></a>
      <p class="unit-text">
        <xsl:variable name="label" select="edn:item-label(.)"/>
        <xsl:if test="$label"><span class="item-n"><xsl:value-of select="normalize-space($label)"/></span><xsl:text> </xsl:text></xsl:if>
        <xsl:apply-templates mode="reading"/>
      </p>
    </div>
  </xsl:template>

</xsl:stylesheet>
