<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/page.xsl: the page (default mode): head, site header and footer, the document's
  heading and the correspondence chain; it calls the templates of the other modules for
  the text, the notes, the metadata panel and the citation meta.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode on-no-match="shallow-skip"/>

  <xsl:template match="/">
    <html lang="{$ui-langs[1]}" data-ui="{$ui-langs[1]}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="{$csp}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title || ' — ' || $short-title"/></title>
        <link rel="icon" href="{$root}assets/favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <script src="{$root}assets/edition.js" defer="defer"></script>
        <script src="{$root}assets/cite.js" defer="defer"></script>
        <xsl:call-template name="facsimile-head"/>
        <xsl:if test="$draft"><meta name="robots" content="noindex, nofollow"/></xsl:if>
        <xsl:if test="$permalink"><link rel="canonical" href="{$permalink}"/></xsl:if>
        <link rel="alternate" type="application/tei+xml" href="{$root}{$tei-path}"/>
        <xsl:call-template name="citation-meta"/>
      </head>
      <body class="page-document">
        <xsl:call-template name="site-header"/>
        <main id="main" tabindex="-1" lang="{$interface-lang}">
          <article class="document" aria-labelledby="doc-title">
            <header class="doc-header">
              <h1 id="doc-title"><xsl:value-of select="$title"/></h1>
              <xsl:for-each select="distinct-values($divisions/@xml:lang)[. != $interface-lang]">
                <xsl:variable name="other" select="edn:title($tei, .)"/>
                <xsl:if test="$other != $title">
                  <p class="doc-title-alt" lang="{.}"><xsl:value-of select="$other"/></p>
                </xsl:if>
              </xsl:for-each>
              <p class="doc-facts">
                <xsl:value-of select="string-join((
                    $date ! edn:format-date(., $interface-lang),
                    string-join(edn:correspondents($tei, 'sent') ! edn:mention-name(.), ', ')
                    || ' → ' || string-join(edn:correspondents($tei, 'received') ! edn:mention-name(.), ', ')), ' · ')"/>
              </p>
              <p class="doc-links"><a href="#about-document"><xsl:apply-templates select="'about-document'" mode="ui"/></a> · <a href="#cite-h"><xsl:apply-templates select="'how-to-cite'" mode="ui"/></a> · <a href="#downloads-h"><xsl:apply-templates select="'downloads'" mode="ui"/></a></p>
              <xsl:call-template name="correspondence-chain"/>
            </header>
            <div class="doc-body">
              <xsl:call-template name="reading-text"/>
              <xsl:call-template name="notes"/>
              <xsl:call-template name="metadata-panel"/>
            </div>
          </article>
        </main>
        <xsl:call-template name="site-footer"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="site-header">
    <a class="skip-link" href="#main"><xsl:apply-templates select="'skip'" mode="ui"/></a>
    <header class="site-header">
      <!-- inside the banner landmark: text outside every landmark is lost to a screen
           reader's navigation by regions (axe "region") -->
      <xsl:if test="$draft"><p class="draft-banner" role="note"><xsl:apply-templates select="'draft-banner'" mode="ui"/></p></xsl:if>
      <p class="site-title" lang="{$interface-lang}"><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
      <nav class="site-nav" aria-labelledby="site-nav-label">
        <span id="site-nav-label" class="sr-only"><xsl:apply-templates select="'site-nav'" mode="ui"/></span>
        <ul>
          <xsl:for-each select="$site-sections">
            <li><a href="{$root}{?1}"><xsl:sequence select="edn:ui(?2)"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
      <!-- The reader's interface language: edition.js shows it and remembers it. -->
      <div class="ui-switch" role="group" aria-labelledby="ui-switch-label">
        <span id="ui-switch-label" class="sr-only"><xsl:apply-templates select="'ui-switch'" mode="ui"/></span>
        <xsl:for-each select="$ui-langs">
          <button type="button" data-ui-choice="{.}" lang="{.}" aria-pressed="{. = $ui-langs[1]}"><xsl:value-of
              select="map{'en': 'English', 'ru': 'Русский'}(.)"/></button>
        </xsl:for-each>
      </div>
    </header>
  </xsl:template>

  <xsl:template name="site-footer">
    <footer class="site-footer">
      <p lang="{$interface-lang}">
        <xsl:value-of select="$edition-title"/>
        <xsl:if test="$publisher">. <xsl:value-of select="$publisher"/></xsl:if>
        <xsl:if test="$licence">. <xsl:choose>
            <xsl:when test="$licence-url"><a href="{$licence-url}" rel="license"><xsl:value-of select="$licence"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="$licence"/></xsl:otherwise>
          </xsl:choose></xsl:if>
        <xsl:text>.</xsl:text>
      </p>
    </footer>
  </xsl:template>

  <!-- Previous and next letters of the correspondence, titled from $titles, else from the
       ref's text, else by id. -->
  <xsl:template name="correspondence-chain">
    <xsl:variable name="refs" select="//correspDesc/correspContext/ref[@type = ('prev', 'next')]"/>
    <xsl:if test="exists($refs)">
      <nav class="chain" aria-labelledby="chain-label">
        <span id="chain-label" class="sr-only"><xsl:apply-templates select="'chain'" mode="ui"/></span>
        <ul>
          <xsl:for-each select="$refs">
            <xsl:variable name="id" select="edn:related(., @type)[1]"/>
            <li class="chain-{@type}">
              <span class="chain-label"><xsl:sequence select="edn:ui('chain-' || @type)"/></span>
              <a href="{encode-for-uri($id)}.html" rel="{@type}">
                <xsl:value-of select="edn:related-title(., $id)"/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:function name="edn:related-title" as="xs:string">
    <xsl:param name="ref" as="element(ref)"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="($titles($id), normalize-space($ref)[. != ''], $id)[1]"/>
  </xsl:function>

</xsl:stylesheet>
