<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/cards.xsl: what a card shows. The name card of a mention, and mode "popover": the
  inside of a card is the same text, but flat (no links, cards or note calls), because
  cards cannot nest and links inside a link's card would repeat.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The card of a mention: one card-record per record it points to. A record's card is
       the same at every mention that reads it the same way (edn:card-key), so it is built
       once a page ($edn:record-cards) and copied at each further mention: building it
       (names in every language, dates, description, links) was most of a page's time,
       and a name is mentioned three times on average. -->
  <xsl:template name="name-card">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="records" as="element()*"/>
    <xsl:param name="link-root" as="xs:string" select="$root" tunnel="yes"/>
    <xsl:for-each select="$records">
      <xsl:variable name="built" select="if ($link-root = $root)
          then edn:card-key(., $mention) ! $edn:record-cards(.) else ()"/>
      <xsl:choose>
        <xsl:when test="exists($built)"><xsl:sequence select="$built"/></xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="record-card">
            <xsl:with-param name="mention" select="$mention"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- What a record's card depends on besides the record: whether the mention reads it as
       a geographic feature, and whether the mention is a draft (cert="low"). A pseudonym's
       card quotes the mention itself: no key, built at each mention. -->
  <xsl:function name="edn:card-key" as="xs:string?">
    <xsl:param name="record" as="element()"/>
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="if ($mention/@type = 'pseudonym') then ()
        else string($record/@xml:id) || (if (edn:mention-kind($mention) = 'geog') then ' geog' else '')
             || (if ($mention/@cert = 'low') then ' low' else '')"/>
  </xsl:function>

  <!-- The cards of the records the document's mentions point to, by edn:card-key, each
       built from the first mention with that key (a global variable: built once, on first
       use, and only by a transform that renders a mention). -->
  <xsl:variable name="edn:record-cards" as="map(xs:string, element())">
    <xsl:map>
      <xsl:for-each-group group-by="?key" select="key('edn:numbered', 'mention', $tei)
          ! (let $mention := . return edn:records($mention)
             ! map{'key': edn:card-key(., $mention), 'record': ., 'mention': $mention})[exists(?key)]">
        <xsl:map-entry key="current-grouping-key()">
          <xsl:for-each select="?record">
            <xsl:call-template name="record-card">
              <xsl:with-param name="mention" select="current-group()[1]?mention"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:map-entry>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <!-- The card of the context record as $mention reads it. -->
  <xsl:template name="record-card">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="link-root" as="xs:string" select="$root" tunnel="yes"/>
    <span class="card-record">
      <span class="card-kind"><xsl:sequence select="edn:kind-ui(., $mention)"/></span>
      <span class="card-title"><xsl:value-of select="edn:name(., $interface-lang)"/></span>
      <xsl:variable name="record" select="."/>
      <xsl:for-each select="distinct-values($divisions/@xml:lang)[. != $interface-lang]">
        <xsl:variable name="other" select="edn:name-in($record, .)"/>
        <xsl:if test="exists($other)">
          <span class="card-alt" lang="{.}"><xsl:value-of select="$other"/></span>
        </xsl:if>
      </xsl:for-each>
      <xsl:if test="$mention/@type = 'pseudonym'">
        <span class="card-pseudonym"><xsl:sequence select="edn:ui('pseudonym-of',
            (normalize-space($mention), edn:name(., $interface-lang)))"/></span>
      </xsl:if>
      <xsl:variable name="dates" select="edn:life-dates(., $interface-lang)"/>
      <xsl:if test="$dates"><span class="card-dates"><xsl:value-of select="$dates"/></span></xsl:if>
      <xsl:variable name="description" select="edn:description(., $interface-lang)"/>
      <xsl:if test="$description">
        <span class="card-desc"><xsl:apply-templates select="$description/node()" mode="popover"/></span>
      </xsl:if>
      <span class="card-links">
        <a href="{$link-root}{edn:register(.)}.html#{@xml:id}"><xsl:apply-templates select="'register-entry'" mode="ui"/></a>
        <xsl:for-each select="edn:authorities(.)">
          <xsl:text> · </xsl:text>
          <a href="{normalize-space(.)}" rel="external"><xsl:value-of select="edn:authority-label(.)"/></a>
        </xsl:for-each>
      </span>
    </span>
  </xsl:template>

  <!-- "Person", "Place", "Person · pseudonym", for the card and screen readers; a record
       identified automatically and not confirmed by an editor (cert="low", a draft of
       edition import: docs/tei-conventions.md) says so. -->
  <!-- The same, once per interface language (html/i18n.xsl). -->
  <xsl:function name="edn:kind-ui" as="element()*">
    <xsl:param name="record" as="element()"/>
    <xsl:param name="mention" as="element()?"/>
    <xsl:variable name="kind" select="if ($mention ! edn:mention-kind(.) = 'geog') then 'geog'
        else (edn:record-kind($record)[. = ('person', 'place', 'org', 'event')], 'entry')[1]"/>
    <xsl:for-each select="$ui-langs">
      <span class="ui ui-{.}" lang="{.}"><xsl:value-of select="string-join((
          edn:ui-text('kind-' || $kind, ., ()),
          (if ($mention/@type = 'pseudonym') then edn:ui-text('pseudonym', ., ()) else ()),
          (if ($record/@cert = 'low' or $mention/@cert = 'low') then edn:ui-text('kind-draft', ., ()) else ())),
          ' · ')"/></span>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="edn:kind-label" as="xs:string">
    <xsl:param name="record" as="element()"/>
    <xsl:param name="mention" as="element()?"/>
    <xsl:variable name="kind" select="map{'person': 'Person', 'place': 'Place', 'org': 'Organisation',
                                          'event': 'Event'}(edn:record-kind($record))"/>
    <xsl:variable name="mention-kind" select="$mention ! edn:mention-kind(.)"/>
    <xsl:sequence select="(if ($mention-kind = 'geog') then 'Geographic feature' else (), $kind, 'Entry')[1]
        || (if ($mention/@type = 'pseudonym') then ' · pseudonym' else '')
        || (if ($record/@cert = 'low' or $mention/@cert = 'low') then ' · identified automatically, unconfirmed'
            else '')"/>
  </xsl:function>

  <xsl:mode name="popover" on-no-match="text-only-copy"/>

  <xsl:template match="note" mode="popover"/>
  <xsl:template match="gap" mode="popover"><xsl:value-of select="edn:gap-mark(.)"/></xsl:template>
  <xsl:template match="supplied" mode="popover">[<xsl:apply-templates mode="popover"/>]</xsl:template>
  <xsl:template match="choice" mode="popover"><xsl:apply-templates select="(corr, sic)[1]" mode="popover"/></xsl:template>
  <xsl:template match="p" mode="popover"><xsl:apply-templates mode="popover"/><xsl:text> </xsl:text></xsl:template>

</xsl:stylesheet>
