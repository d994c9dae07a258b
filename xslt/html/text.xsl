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
      <h2 id="text-h"><xsl:apply-templates select="'text'" mode="ui"/></h2>
      <!-- The toolbar stays at hand while reading on wide screens (edition.css); the view
           switch lists one choice per way of reading the text. A further view (another
           witness, a facsimile) adds its value here, in edition.js SWITCHES.view, and a
           rule in edition.css. -->
      <div class="toolbar">
        <xsl:if test="exists($translation) or exists($facsimile)">
          <fieldset class="switch" data-switch="view">
            <legend><xsl:apply-templates select="'view'" mode="ui"/></legend>
            <!-- The facsimile (facsimile.xsl) is a view of its own beside the languages. -->
            <xsl:for-each select="('parallel', 'original', 'translation')[exists($translation) or . = 'original'],
                                  'facsimile'[exists($facsimile)]">
              <label><input type="radio" name="view" value="{.}">
                  <xsl:if test=". = (if (exists($translation)) then 'parallel' else 'original')"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
                </input><xsl:text> </xsl:text><xsl:sequence select="
                  if (. = 'parallel') then edn:ui('view-parallel')
                  else if (. = 'facsimile') then edn:ui('view-facsimile')
                  else if (. = 'original' and empty($translation)) then edn:ui('text')
                  else edn:ui('view-only', 'lang:' || (if (. = 'original') then $original else $translation)/@xml:lang)"/></label>
            </xsl:for-each>
          </fieldset>
        </xsl:if>
        <xsl:if test="$divisions//choice[sic and corr]">
          <fieldset class="switch" data-switch="reading">
            <legend><xsl:apply-templates select="'corrections'" mode="ui"/></legend>
            <label><input type="radio" name="reading" value="corr" checked="checked"/><xsl:text> </xsl:text><xsl:apply-templates select="'corrected'" mode="ui"/></label>
            <label><input type="radio" name="reading" value="sic"/><xsl:text> </xsl:text><xsl:apply-templates select="'as-written'" mode="ui"/></label>
          </fieldset>
        </xsl:if>
      </div>
      <details class="key">
          <summary><xsl:apply-templates select="'key'" mode="ui"/></summary>
          <ul>
            <li><span class="name name-person"><xsl:apply-templates select="'key-person'" mode="ui"/></span>, <span class="name name-place"><xsl:apply-templates select="'key-place'" mode="ui"/></span>, <span class="name name-geog"><xsl:apply-templates select="'key-geog'" mode="ui"/></span>, <span class="name name-org"><xsl:apply-templates select="'key-org'" mode="ui"/></span>, <span class="name name-event"><xsl:apply-templates select="'key-event'" mode="ui"/></span><xsl:apply-templates select="'key-names'" mode="ui"/></li>
            <li><span class="supplied"><span class="bracket">[</span><xsl:apply-templates select="'sample-text'" mode="ui"/><span class="bracket">]</span></span><xsl:apply-templates select="'key-supplied'" mode="ui"/></li>
            <li><span class="gap">[…]</span><xsl:apply-templates select="'key-gap'" mode="ui"/></li>
            <li><span class="corr"><xsl:apply-templates select="'corrected-sample'" mode="ui"/></span><xsl:apply-templates select="'key-corr'" mode="ui"/></li>
            <li><span class="noteref">1</span><xsl:apply-templates select="'key-note'" mode="ui"/></li>
          </ul>
      </details>
      <!-- The switches set data-view and data-reading on the html element (edition.js),
           which the style sheet reads; without script the page shows both, corrected. -->
      <div class="parallel{if (empty($translation)) then ' one-text' else ''}" id="parallel">
        <div class="row row-labels">
          <xsl:for-each select="$original, $translation">
            <h3 class="cell side-{if (. is $original) then 'original' else 'translation'}">
              <xsl:sequence select="edn:ui(if (@type = 'edition') then 'original-label' else 'translation-label',
                                           'lang:' || @xml:lang)"/></h3>
          </xsl:for-each>
        </div>
        <xsl:choose>
          <xsl:when test="exists($translation)">
            <!-- Rows with text on one side only come in runs: a run of units the other text
                 never had (an archival heading only one copy reproduces), with the gaps
                 beside them, is one compact band across the page; a run of units whose
                 counterparts the witness lost keeps its rows, and the empty side says once
                 why. -->
            <xsl:variable name="rows" select="edn:alignment-rows($original, $translation)"/>
            <xsl:for-each-group select="$rows" group-adjacent="edn:row-run(.)">
              <xsl:choose>
                <xsl:when test="current-grouping-key() = 'band'">
                  <xsl:call-template name="band">
                    <xsl:with-param name="a" select="current-group() ! edn:row-blocks($original, @a)"/>
                    <xsl:with-param name="b" select="current-group() ! edn:row-blocks($translation, @b)"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:variable name="run" select="current-group()"/>
                  <xsl:for-each select="$run">
                    <xsl:call-template name="row">
                      <xsl:with-param name="a" select="edn:row-blocks($original, @a)"/>
                      <xsl:with-param name="b" select="edn:row-blocks($translation, @b)"/>
                      <xsl:with-param name="lost-run" select="if (position() = 1 and starts-with(current-grouping-key(), 'lost'))
                          then $run ! (edn:row-blocks($original, @a), edn:row-blocks($translation, @b)) else ()"/>
                    </xsl:call-template>
                  </xsl:for-each>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each-group>
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

  <!-- What kind of run a row belongs to: 'band' (one side only, no unit of it lost: units
       the other text never had, gaps), 'lost-a' / 'lost-b' (one side only, its units'
       counterparts lost), else the row's own id (a row of both sides stands alone). -->
  <xsl:function name="edn:row-run" as="xs:string">
    <xsl:param name="row" as="element(edn:row)"/>
    <xsl:variable name="blocks" select="edn:row-blocks($original, $row/@a), edn:row-blocks($translation, $row/@b)"/>
    <xsl:sequence select="if ($row/@a and $row/@b) then generate-id($row)
        else if ($blocks ! edn:alignment(.) = 'lost') then 'lost-' || (if ($row/@a) then 'a' else 'b')
        else 'band'"/>
  </xsl:function>

  <!-- A run of one-sided rows as one band across the page: each side's blocks under a
       short label, units compact (edition.css). -->
  <xsl:template name="band">
    <xsl:param name="a" as="element()*"/>
    <xsl:param name="b" as="element()*"/>
    <div class="row row-band{if (count(($a, $b)[edn:is-unit(.)]) ge 4) then ' band-long' else ''}">
      <xsl:for-each select="('original', 'translation')">
        <xsl:variable name="side" select="."/>
        <xsl:variable name="blocks" select="if ($side = 'original') then $a else $b"/>
        <xsl:variable name="division" select="if ($side = 'original') then $original else $translation"/>
        <xsl:if test="exists($blocks)">
          <div class="cell side-{$side}" lang="{$division/@xml:lang}">
            <p class="band-label" lang="{$interface-lang}">
              <xsl:sequence select="edn:ui(if (exists($blocks[edn:is-unit(.)]))
                  then 'only-in-' || $side else $side || '-label', 'lang:' || $division/@xml:lang)"/>
            </p>
            <xsl:call-template name="blocks"><xsl:with-param name="blocks" select="$blocks"/></xsl:call-template>
          </div>
        </xsl:if>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- One alignment group: a grid row whose two cells start at the same height. -->
  <xsl:template name="row">
    <xsl:param name="a" as="element()*"/>
    <xsl:param name="b" as="element()*"/>
    <xsl:param name="lost-run" as="element()*" select="()"/>
    <div class="row{if (empty($b)) then ' row-original-only' else ''}{
                    if (empty($a)) then ' row-translation-only' else ''}">
      <xsl:call-template name="cell">
        <xsl:with-param name="side" select="'original'"/>
        <xsl:with-param name="division" select="$original"/>
        <xsl:with-param name="blocks" select="$a"/>
        <xsl:with-param name="lost-run" select="$lost-run"/>
      </xsl:call-template>
      <xsl:if test="exists($translation)">
        <xsl:call-template name="cell">
          <xsl:with-param name="side" select="'translation'"/>
          <xsl:with-param name="division" select="$translation"/>
          <xsl:with-param name="blocks" select="$b"/>
          <xsl:with-param name="lost-run" select="$lost-run"/>
          </xsl:call-template>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="cell">
    <xsl:param name="side" as="xs:string"/>
    <xsl:param name="division" as="element(div)"/>
    <xsl:param name="blocks" as="element()*"/>
    <xsl:param name="lost-run" as="element()*"/>
    <div class="cell side-{$side}" lang="{$division/@xml:lang}">
      <xsl:call-template name="blocks"><xsl:with-param name="blocks" select="$blocks"/></xsl:call-template>
      <!-- Say once, at the start of a run of units whose counterparts the witness lost,
           why this side is empty, and for which numbers. -->
      <xsl:variable name="lost" select="$lost-run[edn:alignment(.) = 'lost']"/>
      <xsl:if test="empty($blocks) and exists($lost)">
        <xsl:variable name="numbers" select="distinct-values($lost/@n)"/>
        <!-- It breaks off if no aligned unit follows the lost ones. -->
        <xsl:variable name="to-the-end" select="empty(edn:units($lost[1]/ancestor::div[@xml:lang][1])
                                                [. >> $lost[last()]][edn:alignment(.) = 'aligned'])"/>
        <p class="placeholder" lang="{$interface-lang}">
          <xsl:sequence select="edn:ui((if ($to-the-end) then 'end-' else 'lost-') || $side,
              ('lang:' || $division/@xml:lang,
               $numbers[1] || (if (count($numbers) gt 1) then '–' || $numbers[last()] else '')))"/>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="blocks">
    <xsl:param name="blocks" as="element()*"/>
    <xsl:for-each select="$blocks">
      <xsl:choose>
        <xsl:when test="edn:is-unit(.)"><xsl:call-template name="unit"/></xsl:when>
        <xsl:otherwise>
          <p class="unit unit-gap"><span class="unit-text"><xsl:apply-templates select="." mode="reading"/></span></p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The screen-reader label of a unit's number, "Permalink to ¶ 7, Russian", in each
       interface language. Only the number differs between the units of a division, so
       the rest is filled in once a page per division language ($edn:permalink-labels,
       with "{1}" left for the number): filling an interface string's placeholders costs
       more than the rest of a unit's number (60 units in the telegram). -->
  <xsl:template name="permalink-label">
    <xsl:variable name="lang" select="string(ancestor::div[@xml:lang][1]/@xml:lang)"/>
    <xsl:variable name="n" select="string((@n, '')[1])"/>
    <xsl:variable name="labels" select="$edn:permalink-labels($lang)"/>
    <xsl:choose>
      <xsl:when test="exists($labels) and (every $label in $labels satisfies contains($label, '{1}'))">
        <xsl:call-template name="ui-spans">
          <xsl:with-param name="texts" select="$labels ! (substring-before(., '{1}') || $n || substring-after(., '{1}'))"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="'permalink'" mode="ui">
          <xsl:with-param name="args" select="($n, 'lang:' || $lang)"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:variable name="edn:permalink-labels" as="map(xs:string, xs:string*)" select="map:merge(
      distinct-values($divisions/@xml:lang ! string(.)) ! map:entry(., for $ui in $ui-langs
                                                          return edn:ui-text('permalink', $ui, ('{1}', 'lang:' || .))))"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- An alignment unit: its number (a permalink to its id) and its text. -->
  <xsl:template name="unit">
    <div class="unit unit-{local-name()}{if (@type) then ' unit-' || @type else ''}" id="{@xml:id}">
      <xsl:if test="@corresp">
        <xsl:attribute name="data-corresp" select="string-join(edn:refs(@corresp), ' ')"/>
      </xsl:if>
      <xsl:attribute name="data-align" select="edn:alignment(.)"/>
      <xsl:apply-templates select="@facs" mode="facsimile-unit"/>
      <a class="unit-n" href="#{@xml:id}"><span aria-hidden="true"><xsl:value-of select="(@n, '#')[1]"/></span><span
          class="sr-only"><xsl:call-template name="permalink-label"/></span></a>
      <p class="unit-text">
        <xsl:variable name="label" select="edn:item-label(.)"/>
        <xsl:if test="$label"><span class="item-n"><xsl:value-of select="normalize-space($label)"/></span><xsl:text> </xsl:text></xsl:if>
        <xsl:apply-templates mode="reading"/>
      </p>
    </div>
  </xsl:template>

</xsl:stylesheet>
