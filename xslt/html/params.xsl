<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/params.xsl: the parameters of the HTML output (every one documented here, set by
  edition/html.py from source/edition.toml) and the global variables derived from them and
  from the document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The document's id: its file name without .xml; names its page, downloads and PDF.
       Default: taken from the file the TEI was read from. -->
  <xsl:param name="doc-id" as="xs:string"
      select="replace(replace(base-uri(/), '^.*/', ''), '\.xml$', '')"/>
  <!-- Relative path from the document page to the site root (pages are in documents/). -->
  <xsl:param name="root" as="xs:string" select="'../'"/>
  <!-- The edition's title (source/edition.toml [edition] title.en), shown on every page
       and given to citation managers as the containing work. -->
  <xsl:param name="edition-title" as="xs:string" select="'Digital edition'"/>
  <!-- The edition's short title, for the browser tab. -->
  <xsl:param name="short-title" as="xs:string" select="$edition-title"/>
  <!-- The public address of the site, ending in "/"; permalinks and citation URLs are
       built on it. Never fetched. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <!-- A draft build (the build option "draft"): every page says so in a banner, asks search
       engines not to index it, and carries no public address (base-url is then ""). -->
  <xsl:param name="draft" as="xs:boolean" select="false()"/>
  <!-- Who publishes the edition (citation_publisher, DC.publisher). -->
  <xsl:param name="publisher" as="xs:string" select="''"/>
  <!-- The licence of the encoding, notes and registers, and its URL (footer, JSON-LD). -->
  <xsl:param name="licence" as="xs:string" select="''"/>
  <xsl:param name="licence-url" as="xs:string" select="''"/>
  <!-- The language the edition's own prose (interface, editorial notes without xml:lang)
       is written in. -->
  <xsl:param name="interface-lang" as="xs:string" select="'en'"/>
  <!-- The interface languages a reader can choose between (every label is written in each,
       html/i18n.xsl); the first is shown until the reader chooses. -->
  <xsl:param name="ui-langs" as="xs:string+" select="distinct-values(($interface-lang, 'en', 'ru'))"/>
  <!-- The Content-Security-Policy every page carries (edition.html.CSP: the site's own
       files only, no inline script). Required, so that no page can be written without. -->
  <xsl:param name="csp" as="xs:string" required="yes"/>
  <!-- Whether the site has a search page (search.html, written by edition.search): the
       navigation links it only then. -->
  <xsl:param name="search" as="xs:boolean" select="false()"/>
  <!-- The titles of the other documents of the edition, by id (html.py passes those of
       this document's neighbours in the correspondence): the stylesheet reads no file but
       its own, so the chain's links are titled from here, else from the ref's text. -->
  <xsl:param name="titles" as="map(xs:string, xs:string)" select="map{}"/>

  <xsl:variable name="tei" as="document-node()" select="/"/>
  <xsl:variable name="divisions" as="element(div)*" select="edn:divisions($tei)"/>
  <xsl:variable name="original" as="element(div)?" select="$divisions[1]"/>
  <xsl:variable name="translation" as="element(div)?" select="$divisions[2]"/>
  <xsl:variable name="title" as="xs:string" select="edn:title($tei, $interface-lang)"/>
  <xsl:variable name="date" as="xs:string?" select="edn:document-date($tei)"/>
  <!-- The page's public address; "" when the edition has none yet (a draft). -->
  <xsl:variable name="permalink" as="xs:string"
      select="if ($base-url) then $base-url || 'documents/' || $doc-id || '.html' else ''"/>
  <xsl:variable name="pdf-path" as="xs:string" select="'pdf/' || $doc-id || '.pdf'"/>
  <xsl:variable name="tei-path" as="xs:string" select="'tei/' || $doc-id || '.xml'"/>

  <!-- The site's sections, in navigation order: [href from the root, key of its label in i18n.xsl]. The jinja
       layout (site/templates/base.html) lists the same; tests check that they agree. -->
  <xsl:variable name="site-sections" as="array(xs:string)*" select="
      ['index.html', 'nav-documents'], ['persons.html', 'nav-persons'], ['places.html', 'nav-places'],
      ['organisations.html', 'nav-organisations'], ['events.html', 'nav-events'],
      (if ($search) then ['search.html', 'nav-search'] else ()),
      ['about.html', 'nav-about']"/>

</xsl:stylesheet>
