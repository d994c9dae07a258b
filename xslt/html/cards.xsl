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

  <xsl:template name="name-card">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="records" as="element()*"/>
    <xsl:param name="link-root" as="xs:string" select="$root" tunnel="yes"/>
    <xsl:for-each select="$records">
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
          <a href="{$link-root}{edn:register(.)}.html#{@xml:id}"><xsl:sequence select="edn:ui('register-entry')"/></a>
          <xsl:for-each select="edn:authorities(.)">
            <xsl:text> · </xsl:text>
            <a href="{normalize-space(.)}" rel="external"><xsl:value-of select="edn:authority-label(.)"/></a>
          </xsl:for-each>
        </span>
      </span>
    </xsl:for-each>
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
