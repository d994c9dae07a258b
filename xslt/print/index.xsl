<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/index.xsl: the index of the registers, with page numbers from the layout.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xmlns:prt="urn:x-edition-print"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The records of $docs of one kind that the documents mention, one per id (the
       first document's record: they come from one registry). -->
  <xsl:function name="prt:mentioned-records" as="element()*">
    <xsl:param name="docs" as="element(TEI)*"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="records" as="element()*">
      <xsl:for-each-group select="$docs//*[edn:is-mention(.)] ! edn:records(.)[local-name() = $kind]"
          group-by="@xml:id">
        <xsl:sequence select="current-group()[1]"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:perform-sort select="$records">
      <xsl:sort select="lower-case(prt:sort-key(.))"/>
      <xsl:sort select="@xml:id"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- Sort a person by surname where the record marks it; otherwise by the name as
       written (Chinese and Korean names already begin with the family name). -->
  <xsl:function name="prt:sort-key" as="xs:string">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="(($record/persName[@type = 'preferred'][lang('en')]/surname)[1] ! normalize-space(.),
                           edn:name($record, 'en'))[1]"/>
  </xsl:function>

  <xsl:template name="prt:index">
    <xsl:param name="docs" as="element(TEI)+"/>
    <xsl:param name="body" as="element()*"/>
    <xsl:param name="volume" as="xs:boolean"/>
    <xsl:variable name="anchors" select="$body//Q{}span[@class = 'anchor']"/>
    <xsl:variable name="kept" select="if ($index-locators = '#all') then $anchors
                                      else $anchors[@id = $prt:kept-locators]"/>
    <xsl:if test="exists($anchors)">
      <!-- The running head of the index's pages: the document's title, the volume's "Index". -->
      <section class="index" id="index" data-running="{if ($volume) then 'Index' else edn:title($docs[1], 'en')}">
        <h2 class="index-head bm1">Index</h2>
        <p class="index-intro">Persons, places, organisations and events named in
          <xsl:value-of select="if (count($docs) = 1) then 'the document' else 'the documents'"/>
          (in the text, the notes or on the title page), under the name the edition uses for
          them, with their name in Russian, dates, a description, authority identifiers
          where verified, and the pages that name them.</p>
        <xsl:for-each select="$prt:registers">
          <xsl:variable name="register" select="."/>
          <xsl:variable name="records" select="prt:mentioned-records($docs, $register?kind)"/>
          <xsl:if test="exists($records)">
            <section class="register" id="index.{$register?id}">
              <h3 class="register-head bm2"><xsl:value-of select="$register?label"/></h3>
              <!-- Entries and the pseudonyms that point to them, in one alphabet. -->
              <xsl:for-each select="$records, $records ! edn:pseudonyms(.)[lang('en')]">
                <xsl:sort select="lower-case(if (@type = 'pseudonym') then normalize-space(.)
                                             else prt:sort-key(.))"/>
                <xsl:choose>
                  <xsl:when test="@type = 'pseudonym'">
                    <xsl:call-template name="prt:cross-reference"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="prt:index-entry">
                      <xsl:with-param name="locators"
                          select="$kept[tokenize(@id, '\.')[3] = current()/@xml:id]"/>
                    </xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </section>
          </xsl:if>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="prt:index-entry">
    <xsl:param name="locators" as="element()*"/>
    <xsl:variable name="name-ru" select="edn:name-in(., 'ru')"/>
    <xsl:variable name="dates" select="edn:life-dates(., 'en')"/>
    <xsl:variable name="pseudonyms" select="edn:pseudonyms(.)[lang('en')]"/>
    <xsl:variable name="geo" select="edn:geo(.)"/>
    <div class="entry" id="index.entry.{@xml:id}">
      <span class="entry-name"><xsl:value-of select="edn:name(., 'en')"/></span>
      <xsl:if test="$name-ru">
        <xsl:text> </xsl:text><span class="entry-name-ru" lang="ru">(<xsl:value-of select="$name-ru"/>)</span>
      </xsl:if>
      <xsl:if test="$dates">, <xsl:value-of select="$dates"/></xsl:if>
      <xsl:if test="exists($pseudonyms)">
        <xsl:text>; also as </xsl:text>
        <xsl:value-of select="string-join($pseudonyms ! normalize-space(.), ', ')"/>
      </xsl:if>
      <xsl:text>. </xsl:text>
      <xsl:for-each select="edn:description(., 'en')">
        <span class="entry-description"><xsl:apply-templates mode="print-text"/></span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:if test="count($geo) = 2">
        <span class="entry-geo"><xsl:value-of select="prt:coordinates($geo)"/>.</span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:for-each select="edn:authorities(.)">
        <a class="authority" href="{normalize-space(.)}"><xsl:value-of select="edn:authority-label(.)"/></a>
        <xsl:text>. </xsl:text>
      </xsl:for-each>
      <xsl:if test="exists($locators)">
        <span class="locators">
          <span class="locators-label"><xsl:value-of select="if (count($locators) = 1) then 'Page' else 'Pages'"/></span>
          <xsl:text> </xsl:text>
          <xsl:for-each select="$locators">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a class="locator" href="#{@id}">
              <xsl:value-of select="if ($index-pages = '#placeholder') then '0' else $prt:locator-pages(@id)"/>
            </a>
          </xsl:for-each>
        </span>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- "<pseudonym>, see <preferred name>": a pseudonym (context) points to its person's entry. -->
  <xsl:template name="prt:cross-reference">
    <xsl:variable name="record" select=".."/>
    <div class="entry cross-reference">
      <span class="entry-name"><xsl:value-of select="normalize-space(.)"/></span>
      <xsl:text>, see </xsl:text>
      <a class="see" href="#index.entry.{$record/@xml:id}"><xsl:value-of select="edn:name($record, 'en')"/></a>
      <xsl:text>.</xsl:text>
    </div>
  </xsl:template>

  <!-- Latitude and longitude as "12.345° N, 67.890° E" (three decimals at most). -->
  <xsl:function name="prt:coordinates" as="xs:string">
    <xsl:param name="geo" as="xs:double+"/>
    <xsl:sequence select="format-number(abs($geo[1]), '0.0##') || '° ' || (if ($geo[1] ge 0) then 'N' else 'S')
        || ', ' || format-number(abs($geo[2]), '0.0##') || '° ' || (if ($geo[2] ge 0) then 'E' else 'W')"/>
  </xsl:function>

</xsl:stylesheet>
