<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: the HTML output. One TEI document in, one complete page of the static site out
  (documents/<id>.html). Also, by the named template "site-data", a JSON summary of the
  same document (metadata, registry records, occurrences, plain texts, about-text) from
  which edition/html.py renders the pages that span documents (home, registers, about).
  Compiled once by edition/html.py and reused for every document.

  Modes:
    #default   the page
    reading    TEI text and header prose -> HTML (names with cards, notes, apparatus)
    popover    the inside of a card: same text, but flat (no links, cards or note calls),
               because cards cannot nest and links inside a link's card would repeat
    site-data  the JSON summary, as the XML representation of JSON (fn:map) for xml-to-json
  plus mode plain-text from common.xsl for the text downloads.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>

  <!-- No indentation: white space inside running text would change what readers see,
       and the page must come out byte-identical from the same input. The charset meta
       is written by hand so that it comes first in head. -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>

  <xsl:mode on-no-match="shallow-skip"/>
  <xsl:mode name="reading" on-no-match="text-only-copy"/>
  <xsl:mode name="popover" on-no-match="text-only-copy"/>

  <xsl:global-context-item as="document-node()" use="required"/>

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
  <xsl:param name="base-url" as="xs:string" select="'https://example.org/'"/>
  <!-- Who publishes the edition (citation_publisher, DC.publisher). -->
  <xsl:param name="publisher" as="xs:string" select="''"/>
  <!-- The licence of the encoding, notes and registers, and its URL (footer, JSON-LD). -->
  <xsl:param name="licence" as="xs:string" select="''"/>
  <xsl:param name="licence-url" as="xs:string" select="''"/>
  <!-- The language the edition's own prose (interface, editorial notes without xml:lang)
       is written in. -->
  <xsl:param name="interface-lang" as="xs:string" select="'en'"/>
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
  <xsl:variable name="permalink" as="xs:string"
      select="$base-url || 'documents/' || $doc-id || '.html'"/>
  <xsl:variable name="pdf-path" as="xs:string" select="'pdf/' || $doc-id || '.pdf'"/>
  <xsl:variable name="tei-path" as="xs:string" select="'tei/' || $doc-id || '.xml'"/>

  <!-- The site's sections, in navigation order: [href from the root, label]. The jinja
       layout (site/templates/base.html) lists the same; tests check that they agree. -->
  <xsl:variable name="site-sections" as="array(xs:string)*" select="
      ['index.html', 'Documents'], ['persons.html', 'Persons'], ['places.html', 'Places'],
      ['organisations.html', 'Organisations'], ['events.html', 'Events'],
      (if ($search) then ['search.html', 'Search'] else ()),
      ['about.html', 'About this edition']"/>

  <!-- ========================================================================= page -->

  <xsl:template match="/">
    <html lang="{$interface-lang}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="{$csp}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title || ' — ' || $short-title"/></title>
        <link rel="icon" href="{$root}assets/favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <script src="{$root}assets/edition.js" defer="defer"></script>
        <link rel="canonical" href="{$permalink}"/>
        <link rel="alternate" type="application/tei+xml" href="{$root}{$tei-path}"/>
        <xsl:call-template name="citation-meta"/>
      </head>
      <body class="page-document">
        <xsl:call-template name="site-header"/>
        <main id="main" tabindex="-1">
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
              <p class="doc-links"><a href="#about-document">About this document</a> · <a href="#cite-h">How to cite</a> · <a href="#downloads-h">Downloads</a></p>
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
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="site-header">
      <p class="site-title"><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
      <nav class="site-nav" aria-label="Site">
        <ul>
          <xsl:for-each select="$site-sections">
            <li><a href="{$root}{?1}"><xsl:value-of select="?2"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </header>
  </xsl:template>

  <xsl:template name="site-footer">
    <footer class="site-footer">
      <p>
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
      <nav class="chain" aria-label="Correspondence">
        <ul>
          <xsl:for-each select="$refs">
            <xsl:variable name="id" select="edn:related(., @type)[1]"/>
            <li class="chain-{@type}">
              <span class="chain-label"><xsl:value-of
                  select="if (@type = 'prev') then 'Previous in the correspondence: '
                          else 'Next in the correspondence: '"/></span>
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

  <!-- ================================================================ reading text -->

  <xsl:template name="reading-text">
    <section id="text" class="reading" aria-labelledby="text-h">
      <h2 id="text-h">Text</h2>
      <div class="toolbar">
        <xsl:if test="exists($translation)">
          <fieldset class="switch" data-switch="view">
            <legend>View</legend>
            <xsl:for-each select="('parallel', 'original', 'translation')">
              <xsl:variable name="label" select="if (. = 'parallel') then 'Parallel'
                  else if (. = 'original') then edn:language-name($tei, $original/@xml:lang) || ' only'
                  else edn:language-name($tei, $translation/@xml:lang) || ' only'"/>
              <label><input type="radio" name="view" value="{.}">
                  <xsl:if test=". = 'parallel'"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
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

  <!-- ================================================================ reading mode -->

  <!-- A mention: a link to its (first) register entry with a card naming every record it
       points to. The card follows the link inside one wrapper, so hovering either or
       focusing the link (or a link in the card) keeps it open (CSS :hover/:focus-within). -->
  <xsl:template match="*[edn:is-mention(.)]" mode="reading">
    <xsl:param name="link-root" as="xs:string" select="$root" tunnel="yes"/>
    <xsl:variable name="records" select="edn:records(.)"/>
    <xsl:variable name="kind" select="edn:mention-kind(.)"/>
    <xsl:variable name="card-id" select="'card-' || edn:mention-number(.)"/>
    <xsl:choose>
      <xsl:when test="empty($records)">
        <span class="name name-{$kind} name-unresolved"><xsl:apply-templates mode="reading"/></span>
      </xsl:when>
      <xsl:otherwise>
        <span class="has-card">
          <a class="name name-{$kind}{if (@type = 'pseudonym') then ' name-pseudonym' else ''}"
             href="{$link-root}{edn:register($records[1])}.html#{$records[1]/@xml:id}"
             aria-describedby="{$card-id}">
            <xsl:apply-templates mode="reading"/>
          </a>
          <span class="card card-name" id="{$card-id}" lang="{$interface-lang}">
            <xsl:call-template name="name-card">
              <xsl:with-param name="mention" select="."/>
              <xsl:with-param name="records" select="$records"/>
            </xsl:call-template>
          </span>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A mention's number among all mentions of the document: unique card ids that do not
       depend on how many documents the processor has parsed (generate-id() would). -->
  <xsl:function name="edn:mention-number" as="xs:integer">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="edn:number-among($mention, 'mention')"/>
  </xsl:function>

  <xsl:template name="name-card">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="records" as="element()*"/>
    <xsl:param name="link-root" as="xs:string" select="$root" tunnel="yes"/>
    <xsl:for-each select="$records">
      <span class="card-record">
        <span class="card-kind"><xsl:value-of select="edn:kind-label(., $mention)"/></span>
        <span class="card-title"><xsl:value-of select="edn:name(., $interface-lang)"/></span>
        <xsl:variable name="record" select="."/>
        <xsl:for-each select="distinct-values($divisions/@xml:lang)[. != $interface-lang]">
          <xsl:variable name="other" select="edn:name-in($record, .)"/>
          <xsl:if test="exists($other)">
            <span class="card-alt" lang="{.}"><xsl:value-of select="$other"/></span>
          </xsl:if>
        </xsl:for-each>
        <xsl:if test="$mention/@type = 'pseudonym'">
          <span class="card-pseudonym">“<xsl:value-of select="normalize-space($mention)"/>” is a
            pseudonym of <xsl:value-of select="edn:name(., $interface-lang)"/>.</span>
        </xsl:if>
        <xsl:variable name="dates" select="edn:life-dates(., $interface-lang)"/>
        <xsl:if test="$dates"><span class="card-dates"><xsl:value-of select="$dates"/></span></xsl:if>
        <xsl:variable name="description" select="edn:description(., $interface-lang)"/>
        <xsl:if test="$description">
          <span class="card-desc"><xsl:apply-templates select="$description/node()" mode="popover"/></span>
        </xsl:if>
        <span class="card-links">
          <a href="{$link-root}{edn:register(.)}.html#{@xml:id}">Register entry</a>
          <xsl:for-each select="edn:authorities(.)">
            <xsl:text> · </xsl:text>
            <a href="{normalize-space(.)}" rel="external"><xsl:value-of select="edn:authority-label(.)"/></a>
          </xsl:for-each>
        </span>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- "Person", "Place", "Person · pseudonym", for the card and screen readers. -->
  <xsl:function name="edn:kind-label" as="xs:string">
    <xsl:param name="record" as="element()"/>
    <xsl:param name="mention" as="element()?"/>
    <xsl:variable name="kind" select="map{'person': 'Person', 'place': 'Place', 'org': 'Organisation',
                                          'event': 'Event'}(edn:record-kind($record))"/>
    <xsl:variable name="mention-kind" select="$mention ! edn:mention-kind(.)"/>
    <xsl:sequence select="(if ($mention-kind = 'geog') then 'Geographic feature' else (), $kind, 'Entry')[1]
        || (if ($mention/@type = 'pseudonym') then ' · pseudonym' else '')"/>
  </xsl:function>

  <!-- A note at the point it refers to: a numbered call linking to the note below, with
       the note's text as a card. -->
  <xsl:template match="note" mode="reading">
    <xsl:variable name="id" select="edn:note-id(.)"/>
    <xsl:variable name="n" select="edn:note-number(.)"/>
    <span class="has-card">
      <a class="noteref" id="{$id}-ref" href="#{$id}" role="doc-noteref" lang="{$interface-lang}"
         aria-describedby="{$id}-card"><span class="sr-only">Note </span><xsl:value-of select="$n"/></a>
      <span class="card card-note" id="{$id}-card" lang="{edn:note-lang(.)}">
        <xsl:apply-templates mode="popover"/>
      </span>
    </span>
  </xsl:template>

  <xsl:function name="edn:note-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="($note/@xml:id, $note/ancestor::div[@xml:lang][1]/@xml:lang || '-note-'
                           || edn:note-number($note))[1]"/>
  </xsl:function>

  <!-- Notes are the edition's prose: in the interface language unless they say otherwise. -->
  <xsl:function name="edn:note-lang" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="($note/@xml:lang, $interface-lang)[1]"/>
  </xsl:function>

  <!-- A note in the header (on a witness, a record) is prose of its own, not a footnote. -->
  <xsl:template match="note[empty(ancestor::div[@xml:lang])]" mode="reading" priority="2">
    <span class="header-note"><xsl:apply-templates mode="reading"/></span>
  </xsl:template>

  <xsl:template match="gap" mode="reading">
    <xsl:variable name="id" select="'gap-' || edn:number-among(., 'gap')"/>
    <span class="has-card">
      <span class="gap gap-{(@reason, 'unknown')[1]}" tabindex="0" aria-describedby="{$id}">
        <xsl:value-of select="edn:gap-mark(.)"/>
      </span>
      <span class="card card-apparatus" id="{$id}" lang="{$interface-lang}">
        <xsl:value-of select="edn:gap-explanation(.)"/>
      </span>
    </span>
  </xsl:template>

  <xsl:template match="supplied" mode="reading">
    <xsl:variable name="id" select="'supplied-' || edn:number-among(., 'supplied')"/>
    <span class="has-card">
      <span class="supplied" tabindex="0" aria-describedby="{$id}">
        <span class="bracket">[</span><xsl:apply-templates mode="reading"/><span class="bracket">]</span>
      </span>
      <span class="card card-apparatus" id="{$id}" lang="{$interface-lang}">
        <xsl:value-of select="edn:supplied-explanation(.)"/>
      </span>
    </span>
  </xsl:template>

  <!-- Both readings are in the page; the Corrections switch shows one (data-reading). -->
  <xsl:template match="choice[sic and corr]" mode="reading">
    <xsl:variable name="id" select="'choice-' || edn:number-among(., 'choice')"/>
    <span class="has-card choice">
      <span class="corr" tabindex="0" aria-describedby="{$id}"><xsl:apply-templates select="corr/node()" mode="reading"/></span>
      <span class="sic" tabindex="0" aria-describedby="{$id}"><xsl:apply-templates select="sic/node()" mode="reading"/></span>
      <span class="card card-apparatus" id="{$id}" lang="{$interface-lang}">
        <xsl:value-of select="edn:correction-explanation(.)"/>
      </span>
    </span>
  </xsl:template>

  <xsl:template match="date" mode="reading popover">
    <xsl:choose>
      <xsl:when test="@when">
        <time datetime="{@when}"><xsl:apply-templates mode="#current"/></time>
      </xsl:when>
      <xsl:otherwise><span class="date"><xsl:apply-templates mode="#current"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="measure" mode="reading">
    <span class="measure"><xsl:apply-templates mode="reading"/></span>
  </xsl:template>

  <!-- The witness's own quotation marks are inside the element: no marks are added. -->
  <xsl:template match="quote | q" mode="reading">
    <span class="quote"><xsl:apply-templates mode="reading"/></span>
  </xsl:template>

  <xsl:template match="hi | emph | title[ancestor::p or ancestor::bibl]" mode="reading popover">
    <em><xsl:apply-templates mode="#current"/></em>
  </xsl:template>

  <xsl:template match="gi" mode="reading popover">
    <code>&lt;<xsl:value-of select="."/>&gt;</code>
  </xsl:template>

  <xsl:template match="lb" mode="reading"><br/></xsl:template>

  <xsl:template match="ref[edn:safe-href(@target)] | ptr[edn:safe-href(@target)]" mode="reading">
    <a href="{@target}"><xsl:apply-templates mode="reading"/><xsl:if test="self::ptr"><xsl:value-of select="@target"/></xsl:if></a>
  </xsl:template>

  <!-- A pointer whose target is no safe link (javascript:, data:…) shows its target as text. -->
  <xsl:template match="ptr" mode="reading site-prose"><xsl:value-of select="@target"/></xsl:template>

  <!-- A link target from the sources that may become an href: web and mail addresses,
       fragments and relative paths; anything else (javascript:, data:, file:) is not. -->
  <xsl:function name="edn:safe-href" as="xs:boolean">
    <xsl:param name="target" as="attribute()?"/>
    <xsl:variable name="t" select="normalize-space($target)"/>
    <xsl:sequence select="exists($target) and (matches($t, '^(https?://|mailto:|#)', 'i')
                          or not(matches($t, '^[^/?#]*:')))"/>
  </xsl:function>

  <!-- Header prose (abstract, availability, encodingDesc) keeps its paragraphs. -->
  <xsl:template match="p[not(edn:is-unit(.))]" mode="reading">
    <p><xsl:apply-templates mode="reading"/></p>
  </xsl:template>

  <!-- ================================================================ popover mode -->

  <xsl:template match="note" mode="popover"/>
  <xsl:template match="gap" mode="popover"><xsl:value-of select="edn:gap-mark(.)"/></xsl:template>
  <xsl:template match="supplied" mode="popover">[<xsl:apply-templates mode="popover"/>]</xsl:template>
  <xsl:template match="choice" mode="popover"><xsl:apply-templates select="(corr, sic)[1]" mode="popover"/></xsl:template>
  <xsl:template match="p" mode="popover"><xsl:apply-templates mode="popover"/><xsl:text> </xsl:text></xsl:template>

  <!-- ======================================================================= notes -->

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

  <!-- ============================================================== metadata panel -->

  <xsl:template name="metadata-panel">
    <xsl:variable name="header" select="$tei/TEI/teiHeader"/>
    <xsl:variable name="sent" select="$header//correspDesc/correspAction[@type = 'sent']"/>
    <xsl:variable name="received" select="$header//correspDesc/correspAction[@type = 'received']"/>
    <aside class="metadata" id="about-document" aria-labelledby="meta-h">
      <h2 id="meta-h">About this document</h2>
      <dl>
        <dt>Title</dt>
        <dd><xsl:value-of select="$title"/></dd>
        <xsl:if test="$date">
          <dt>Date</dt>
          <dd><time datetime="{$date}"><xsl:value-of select="edn:format-date($date, $interface-lang)"/></time></dd>
        </xsl:if>
        <xsl:if test="$sent or $received">
          <dt>From → to</dt>
          <dd class="correspondents">
            <xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="$sent/(persName | orgName | name)"/></xsl:call-template>
            <xsl:text> → </xsl:text>
            <xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="$received/(persName | orgName | name)"/></xsl:call-template>
          </dd>
        </xsl:if>
        <!-- Every stage of the way (sent, transmitted, received…), in the header's order;
             the sender and addressee are named once, above, as each mention can carry its
             card only once in a page (card ids). -->
        <xsl:for-each select="$header//correspDesc/correspAction[placeName or date[@when]
                              or (not(@type = ('sent', 'received')) and (persName | orgName | name))]">
          <dt><xsl:value-of select="edn:action-label(@type)"/></dt>
          <dd>
            <xsl:variable name="parts" as="element()*">
              <xsl:if test="not(@type = ('sent', 'received')) and (persName | orgName | name)">
                <span><xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="persName | orgName | name"/></xsl:call-template></span>
              </xsl:if>
              <xsl:if test="placeName">
                <span><xsl:text>at </xsl:text><xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="placeName"/></xsl:call-template></span>
              </xsl:if>
              <xsl:for-each select="date[@when]">
                <time datetime="{@when}"><xsl:value-of select="edn:format-date(@when, $interface-lang)"/></time>
              </xsl:for-each>
            </xsl:variable>
            <xsl:for-each select="$parts">
              <xsl:if test="position() gt 1">, </xsl:if>
              <xsl:sequence select="if (self::span) then node() else ."/>
            </xsl:for-each>
          </dd>
        </xsl:for-each>
        <xsl:for-each select="$header/fileDesc/sourceDesc/bibl[@type = 'witness']">
          <dt>Witness</dt>
          <dd class="witness">
            <p>
              <xsl:for-each select="* except (note, ptr)">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:apply-templates select="." mode="reading"/>
              </xsl:for-each>
              <xsl:for-each select="ptr[@target]">
                <xsl:text>, </xsl:text><xsl:apply-templates select="." mode="reading"/>
              </xsl:for-each>
              <xsl:if test="* except note">.</xsl:if>
            </p>
            <xsl:for-each select="note"><p><xsl:apply-templates mode="reading"/></p></xsl:for-each>
          </dd>
        </xsl:for-each>
        <xsl:for-each select="$header/fileDesc/sourceDesc/msDesc[normalize-space()]">
          <dt>Archive</dt>
          <dd class="archive">
            <xsl:for-each select="msIdentifier">
              <p>
                <xsl:value-of select="string-join((
                    (settlement, institution, repository, collection) ! normalize-space(.),
                    idno ! (if (@type = 'document-number') then 'No. ' else '') || normalize-space(.),
                    altIdentifier/idno ! ('also given as ' || (if (@type = 'document-number') then 'No. ' else '')
                                         || normalize-space(.)),
                    msName ! ('“' || normalize-space(.) || '”'))[. != ''], ', ')"/>
              </p>
            </xsl:for-each>
            <xsl:apply-templates select="p" mode="reading"/>
          </dd>
        </xsl:for-each>
        <xsl:if test="edn:summary($tei)">
          <dt>Summary</dt>
          <dd class="summary"><xsl:apply-templates select="edn:summary($tei)/node()" mode="reading"/></dd>
        </xsl:if>
        <xsl:variable name="keywords" select="edn:keywords($tei, $interface-lang)"/>
        <xsl:if test="exists($keywords)">
          <dt>Keywords</dt>
          <dd><ul class="keywords"><xsl:for-each select="$keywords"><li><xsl:value-of select="."/></li></xsl:for-each></ul></dd>
        </xsl:if>
        <xsl:for-each select="$header/fileDesc/publicationStmt/availability">
          <dt>Rights</dt>
          <dd class="rights">
            <xsl:for-each select="licence">
              <p><xsl:choose>
                  <xsl:when test="edn:safe-href(@target)"><a href="{@target}" rel="license"><xsl:apply-templates mode="reading"/></a></xsl:when>
                  <xsl:otherwise><xsl:apply-templates mode="reading"/></xsl:otherwise>
                </xsl:choose></p>
            </xsl:for-each>
            <xsl:apply-templates select="p" mode="reading"/>
          </dd>
        </xsl:for-each>
      </dl>

      <h3 id="cite-h">How to cite</h3>
      <p class="citation"><xsl:value-of select="edn:citation-text($sent, $received)"/>
        <xsl:text> </xsl:text><a href="{$permalink}" class="permalink"><xsl:value-of select="$permalink"/></a></p>

      <h3 id="downloads-h">Downloads</h3>
      <ul class="downloads">
        <li><a href="{$root}{$tei-path}" type="application/tei+xml" download="{$doc-id}.xml">TEI P5 XML</a></li>
        <xsl:for-each select="$divisions">
          <li><a href="{$root}text/{$doc-id}.{@xml:lang}.txt" type="text/plain" download="{$doc-id}.{@xml:lang}.txt">
              <xsl:value-of select="'Plain text, ' || edn:language-name($tei, @xml:lang)"/></a></li>
        </xsl:for-each>
        <li><a href="{$root}{$pdf-path}" type="application/pdf">PDF</a></li>
      </ul>
    </aside>
  </xsl:template>

  <!-- "Sent", "Received", "Transmitted" for a correspAction/@type. -->
  <xsl:function name="edn:action-label" as="xs:string">
    <xsl:param name="type" as="xs:string?"/>
    <xsl:sequence select="if (not($type)) then 'Correspondence'
                          else upper-case(substring($type, 1, 1)) || substring($type, 2)"/>
  </xsl:function>

  <xsl:template name="mention-list">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:for-each select="$mentions">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:apply-templates select="." mode="reading"/>
    </xsl:for-each>
  </xsl:template>

  <!-- "Sender to Addressee, Title, 2 January 1950. In: Edition (Publisher)." -->
  <xsl:function name="edn:citation-text" as="xs:string">
    <xsl:param name="sent" as="element()?"/>
    <xsl:param name="received" as="element()?"/>
    <xsl:variable name="from" select="string-join($sent/(persName | orgName | name) ! edn:mention-name(.), ', ')"/>
    <xsl:variable name="to" select="string-join($received/(persName | orgName | name) ! edn:mention-name(.), ', ')"/>
    <xsl:sequence select="string-join((
        if ($from and $to) then $from || ' to ' || $to else (),
        $title,
        $date ! edn:format-date(., $interface-lang)), ', ')
        || '. In: ' || $edition-title || (if ($publisher) then ' (' || $publisher || ')' else '') || '.'"/>
  </xsl:function>

  <!-- A mention's registry name (the person's preferred name), else its own text. -->
  <xsl:function name="edn:mention-name" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="(edn:records($mention)[1] ! edn:name(., $interface-lang),
                           normalize-space($mention))[1]"/>
  </xsl:function>

  <!-- ============================================================ citation meta -->

  <!-- Highwire Press tags (read by Zotero and Google Scholar), Dublin Core and schema.org
       JSON-LD, all from the header and the edition settings. -->
  <xsl:template name="citation-meta">
    <xsl:variable name="senders" select="edn:correspondents($tei, 'sent')"/>
    <xsl:variable name="recipients" select="edn:correspondents($tei, 'received')"/>
    <xsl:variable name="keywords" select="edn:keywords($tei, $interface-lang)"/>
    <xsl:variable name="summary" select="edn:summary($tei) ! normalize-space(string-join(.//text()[not(ancestor::note)], ''))"/>
    <xsl:variable name="languages" select="$divisions/@xml:lang ! string(.)"/>
    <xsl:variable name="rights" select="normalize-space(string-join($tei/TEI/teiHeader/fileDesc/publicationStmt/availability//text(), ' '))"/>
    <meta name="citation_title" content="{$title}"/>
    <xsl:for-each select="$senders"><meta name="citation_author" content="{edn:mention-name(.)}"/></xsl:for-each>
    <xsl:if test="$date"><meta name="citation_date" content="{edn:citation-date($date)}"/></xsl:if>
    <xsl:if test="$publisher"><meta name="citation_publisher" content="{$publisher}"/></xsl:if>
    <xsl:for-each select="$languages"><meta name="citation_language" content="{.}"/></xsl:for-each>
    <xsl:if test="exists($keywords)"><meta name="citation_keywords" content="{string-join($keywords, '; ')}"/></xsl:if>
    <xsl:if test="$summary"><meta name="citation_abstract" content="{$summary}"/></xsl:if>
    <meta name="citation_public_url" content="{$permalink}"/>
    <meta name="citation_fulltext_html_url" content="{$permalink}"/>
    <meta name="citation_pdf_url" content="{$base-url}{$pdf-path}"/>

    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <link rel="schema.DCTERMS" href="http://purl.org/dc/terms/"/>
    <meta name="DC.title" content="{$title}"/>
    <xsl:for-each select="$senders"><meta name="DC.creator" content="{edn:mention-name(.)}"/></xsl:for-each>
    <xsl:if test="$date"><meta name="DC.date" content="{$date}"/></xsl:if>
    <meta name="DC.type" content="Text"/>
    <meta name="DC.format" content="text/html"/>
    <xsl:for-each select="$languages"><meta name="DC.language" content="{.}"/></xsl:for-each>
    <meta name="DC.identifier" content="{$permalink}"/>
    <xsl:if test="$publisher"><meta name="DC.publisher" content="{$publisher}"/></xsl:if>
    <xsl:for-each select="$keywords"><meta name="DC.subject" content="{.}"/></xsl:for-each>
    <xsl:if test="$summary"><meta name="DC.description" content="{$summary}"/></xsl:if>
    <xsl:if test="$rights"><meta name="DC.rights" content="{$rights}"/></xsl:if>
    <xsl:for-each select="$tei/TEI/teiHeader/fileDesc/sourceDesc/bibl[@type = 'witness']">
      <meta name="DC.source" content="{replace(normalize-space(.), '[\s,;:]+$', '')}"/>
    </xsl:for-each>
    <meta name="DCTERMS.isPartOf" content="{$edition-title}"/>

    <xsl:variable name="json">
      <fn:map>
        <fn:string key="@context">https://schema.org</fn:string>
        <fn:string key="@type">Message</fn:string>
        <fn:string key="@id"><xsl:value-of select="$permalink"/></fn:string>
        <fn:string key="url"><xsl:value-of select="$permalink"/></fn:string>
        <fn:string key="name"><xsl:value-of select="$title"/></fn:string>
        <xsl:if test="$date"><fn:string key="dateSent"><xsl:value-of select="$date"/></fn:string></xsl:if>
        <fn:array key="sender"><xsl:for-each select="$senders"><xsl:sequence select="edn:json-agent(.)"/></xsl:for-each></fn:array>
        <fn:array key="recipient"><xsl:for-each select="$recipients"><xsl:sequence select="edn:json-agent(.)"/></xsl:for-each></fn:array>
        <fn:array key="inLanguage"><xsl:for-each select="$languages"><fn:string><xsl:value-of select="."/></fn:string></xsl:for-each></fn:array>
        <xsl:if test="exists($keywords)"><fn:string key="keywords"><xsl:value-of select="string-join($keywords, ', ')"/></fn:string></xsl:if>
        <xsl:if test="$summary"><fn:string key="abstract"><xsl:value-of select="$summary"/></fn:string></xsl:if>
        <fn:map key="isPartOf">
          <fn:string key="@type">CreativeWork</fn:string>
          <fn:string key="name"><xsl:value-of select="$edition-title"/></fn:string>
          <fn:string key="url"><xsl:value-of select="$base-url"/></fn:string>
        </fn:map>
        <xsl:if test="$publisher">
          <fn:map key="publisher"><fn:string key="@type">Organization</fn:string><fn:string key="name"><xsl:value-of select="$publisher"/></fn:string></fn:map>
        </xsl:if>
        <xsl:if test="$licence-url"><fn:string key="license"><xsl:value-of select="$licence-url"/></fn:string></xsl:if>
        <fn:array key="encoding">
          <fn:map><fn:string key="@type">MediaObject</fn:string><fn:string key="encodingFormat">application/tei+xml</fn:string><fn:string key="contentUrl"><xsl:value-of select="$base-url || $tei-path"/></fn:string></fn:map>
          <fn:map><fn:string key="@type">MediaObject</fn:string><fn:string key="encodingFormat">application/pdf</fn:string><fn:string key="contentUrl"><xsl:value-of select="$base-url || $pdf-path"/></fn:string></fn:map>
        </fn:array>
      </fn:map>
    </xsl:variable>
    <!-- Script content is not escaped by the HTML serializer: xml-to-json already writes
         "</" as "<\/"; "<" as \u003c also keeps a comment opener from confusing the HTML parser. -->
    <script type="application/ld+json"><xsl:value-of select="replace(xml-to-json($json), '&lt;', '\\u003c')"/></script>
  </xsl:template>

  <xsl:function name="edn:json-agent" as="element(fn:map)">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="record" select="edn:records($mention)[1]"/>
    <fn:map>
      <fn:string key="@type"><xsl:value-of select="if ($record/self::org or $mention/self::orgName) then 'Organization' else 'Person'"/></fn:string>
      <fn:string key="name"><xsl:value-of select="edn:mention-name($mention)"/></fn:string>
      <xsl:if test="exists($record ! edn:authorities(.))">
        <fn:array key="sameAs"><xsl:for-each select="edn:authorities($record)"><fn:string><xsl:value-of select="normalize-space(.)"/></fn:string></xsl:for-each></fn:array>
      </xsl:if>
    </fn:map>
  </xsl:function>

  <!-- ==================================================================== site data -->

  <!-- The JSON summary of this document for the pages that span documents. Keys:
       id, title, titles{lang}, date, date_label, senders[], recipients[] ({id,name}),
       summary_html, keywords[], prev[], next[], languages[{code,name,side}],
       texts{lang: plain text}, about_html, records[], occurrences[]. -->
  <xsl:template name="site-data" as="xs:string">
    <xsl:variable name="data">
      <fn:map>
        <fn:string key="id"><xsl:value-of select="$doc-id"/></fn:string>
        <fn:string key="title"><xsl:value-of select="$title"/></fn:string>
        <fn:map key="titles">
          <xsl:for-each select="distinct-values($divisions/@xml:lang)">
            <fn:string key="{.}"><xsl:value-of select="edn:title($tei, .)"/></fn:string>
          </xsl:for-each>
        </fn:map>
        <fn:string key="date"><xsl:value-of select="$date"/></fn:string>
        <fn:string key="date_label"><xsl:value-of select="$date ! edn:format-date(., $interface-lang)"/></fn:string>
        <xsl:for-each select="('sent', 'received')">
          <fn:array key="{if (. = 'sent') then 'senders' else 'recipients'}">
            <xsl:for-each select="edn:correspondents($tei, .)">
              <fn:map>
                <fn:string key="id"><xsl:value-of select="edn:refs(@ref)[1]"/></fn:string>
                <fn:string key="register"><xsl:value-of select="edn:records(.)[1] ! edn:register(.)"/></fn:string>
                <fn:string key="name"><xsl:value-of select="edn:mention-name(.)"/></fn:string>
              </fn:map>
            </xsl:for-each>
          </fn:array>
        </xsl:for-each>
        <fn:string key="summary_html"><xsl:value-of select="edn:html(edn:summary($tei)/node())"/></fn:string>
        <fn:array key="keywords"><xsl:for-each select="edn:keywords($tei, $interface-lang)"><fn:string><xsl:value-of select="."/></fn:string></xsl:for-each></fn:array>
        <fn:array key="prev"><xsl:for-each select="edn:related($tei, 'prev')"><fn:string><xsl:value-of select="."/></fn:string></xsl:for-each></fn:array>
        <fn:array key="next"><xsl:for-each select="edn:related($tei, 'next')"><fn:string><xsl:value-of select="."/></fn:string></xsl:for-each></fn:array>
        <fn:array key="languages">
          <xsl:for-each select="$divisions">
            <fn:map>
              <fn:string key="code"><xsl:value-of select="@xml:lang"/></fn:string>
              <fn:string key="name"><xsl:value-of select="edn:language-name($tei, @xml:lang)"/></fn:string>
              <fn:string key="side"><xsl:value-of select="if (. is $original) then 'original' else 'translation'"/></fn:string>
            </fn:map>
          </xsl:for-each>
        </fn:array>
        <fn:map key="texts">
          <xsl:for-each select="$divisions">
            <fn:string key="{@xml:lang}"><xsl:apply-templates select="." mode="plain-text"/></fn:string>
          </xsl:for-each>
        </fn:map>
        <fn:string key="about_html"><xsl:value-of select="edn:html($tei/TEI/teiHeader/encodingDesc/*)"/></fn:string>
        <fn:array key="records">
          <xsl:apply-templates select="$tei/TEI/standOff//(person | place | org | event)[@xml:id]" mode="site-data"/>
        </fn:array>
        <fn:array key="occurrences">
          <xsl:apply-templates select="$tei//*[edn:is-mention(.)]" mode="site-data"/>
        </fn:array>
      </fn:map>
    </xsl:variable>
    <xsl:sequence select="xml-to-json($data)"/>
  </xsl:template>

  <!-- TEI prose as an HTML fragment (string) for the jinja pages at the site root; names
       link to registers without cards. -->
  <xsl:function name="edn:html" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="html">
      <xsl:apply-templates select="$nodes" mode="site-prose"/>
    </xsl:variable>
    <xsl:sequence select="serialize($html, map{'method': 'html', 'html-version': 5.0, 'indent': false()})"/>
  </xsl:function>

  <xsl:mode name="site-prose" on-no-match="text-only-copy"/>
  <xsl:template match="*[edn:is-mention(.)]" mode="site-prose">
    <xsl:variable name="record" select="edn:records(.)[1]"/>
    <a class="name name-{edn:mention-kind(.)}" href="{edn:register($record)}.html#{$record/@xml:id}">
      <xsl:apply-templates mode="site-prose"/>
    </a>
  </xsl:template>
  <xsl:template match="p" mode="site-prose"><p><xsl:apply-templates mode="site-prose"/></p></xsl:template>
  <xsl:template match="projectDesc | editorialDecl | samplingDecl | refsDecl | classDecl
                       | tagsDecl | listPrefixDef | appInfo | styleDefDecl" mode="site-prose">
    <section class="encoding-{local-name()}">
      <h2><xsl:value-of select="edn:encoding-heading(.)"/></h2>
      <xsl:apply-templates mode="site-prose"/>
    </section>
  </xsl:template>
  <xsl:template match="encodingDesc/p" mode="site-prose" priority="2">
    <p><xsl:apply-templates mode="site-prose"/></p>
  </xsl:template>
  <xsl:template match="editorialDecl/*[not(self::p)]" mode="site-prose">
    <h3><xsl:value-of select="edn:encoding-heading(.)"/></h3>
    <xsl:apply-templates mode="site-prose"/>
  </xsl:template>
  <xsl:template match="head" mode="site-prose"/>
  <xsl:template match="list" mode="site-prose"><ul><xsl:apply-templates mode="site-prose"/></ul></xsl:template>
  <xsl:template match="item" mode="site-prose"><li><xsl:apply-templates mode="site-prose"/></li></xsl:template>
  <xsl:template match="gi" mode="site-prose"><code>&lt;<xsl:value-of select="."/>&gt;</code></xsl:template>
  <xsl:template match="hi | emph | title" mode="site-prose"><em><xsl:apply-templates mode="site-prose"/></em></xsl:template>
  <xsl:template match="ref[edn:safe-href(@target)] | ptr[edn:safe-href(@target)]" mode="site-prose">
    <a href="{@target}"><xsl:apply-templates mode="site-prose"/><xsl:if test="self::ptr"><xsl:value-of select="@target"/></xsl:if></a>
  </xsl:template>
  <xsl:template match="date[@when]" mode="site-prose"><time datetime="{@when}"><xsl:apply-templates mode="site-prose"/></time></xsl:template>
  <xsl:template match="note" mode="site-prose"/>

  <!-- A heading for an encodingDesc section: its own head, else its element name in words
       ("editorialDecl" -> "Editorial declaration"). -->
  <xsl:function name="edn:encoding-heading" as="xs:string">
    <xsl:param name="section" as="element()"/>
    <xsl:variable name="known" select="map{'projectDesc': 'About the project', 'editorialDecl': 'Editorial principles',
        'samplingDecl': 'Selection', 'refsDecl': 'References', 'classDecl': 'Classification',
        'tagsDecl': 'Markup', 'appInfo': 'Software', 'correction': 'Corrections',
        'normalization': 'Normalisation', 'quotation': 'Quotation', 'hyphenation': 'Hyphenation',
        'segmentation': 'Segmentation', 'interpretation': 'Interpretation', 'punctuation': 'Punctuation'}"/>
    <xsl:sequence select="($section/head ! normalize-space(.), $known(local-name($section)),
                           local-name($section))[1]"/>
  </xsl:function>

  <xsl:template match="person | place | org | event" mode="site-data">
    <fn:map>
      <fn:string key="id"><xsl:value-of select="@xml:id"/></fn:string>
      <fn:string key="kind"><xsl:value-of select="edn:record-kind(.)"/></fn:string>
      <fn:string key="kind_label"><xsl:value-of select="edn:kind-label(., ())"/></fn:string>
      <fn:string key="register"><xsl:value-of select="edn:register(.)"/></fn:string>
      <fn:string key="name"><xsl:value-of select="edn:name(., $interface-lang)"/></fn:string>
      <fn:array key="names">
        <xsl:for-each select="edn:name-forms(.)">
          <fn:map>
            <fn:string key="lang"><xsl:value-of select="(ancestor-or-self::*/@xml:lang)[last()]"/></fn:string>
            <fn:string key="type"><xsl:value-of select="(@type, 'preferred')[1]"/></fn:string>
            <fn:string key="name"><xsl:value-of select="normalize-space(.)"/></fn:string>
          </fn:map>
        </xsl:for-each>
      </fn:array>
      <fn:string key="dates"><xsl:value-of select="edn:life-dates(., $interface-lang)"/></fn:string>
      <fn:string key="description_html"><xsl:value-of select="edn:description(., $interface-lang) ! edn:html(node())"/></fn:string>
      <!-- Every other note of the record (descriptions in other languages, sources,
           pseudonym remarks), each with its language and a heading for its type. -->
      <fn:array key="notes">
        <xsl:for-each select="note except edn:description(., $interface-lang)">
          <fn:map>
            <fn:string key="type"><xsl:value-of select="(@type, 'note')[1]"/></fn:string>
            <fn:string key="label"><xsl:value-of select="edn:record-note-label(.)"/></fn:string>
            <fn:string key="lang"><xsl:value-of select="(ancestor-or-self::*/@xml:lang)[last()]"/></fn:string>
            <fn:string key="html"><xsl:value-of select="edn:html(node())"/></fn:string>
          </fn:map>
        </xsl:for-each>
      </fn:array>
      <fn:array key="authorities">
        <xsl:for-each select="edn:authorities(.)">
          <fn:map>
            <fn:string key="label"><xsl:value-of select="edn:authority-label(.)"/></fn:string>
            <fn:string key="uri"><xsl:value-of select="normalize-space(.)"/></fn:string>
          </fn:map>
        </xsl:for-each>
      </fn:array>
      <fn:array key="geo"><xsl:for-each select="edn:geo(.)"><fn:number><xsl:value-of select="."/></fn:number></xsl:for-each></fn:array>
    </fn:map>
  </xsl:template>

  <!-- "Description (Russian)", "Sources", "Pseudonym" for a record's note. -->
  <xsl:function name="edn:record-note-label" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:variable name="type" select="string(($note/@type, 'note')[1])"/>
    <xsl:variable name="lang" select="string(($note/ancestor-or-self::*/@xml:lang)[last()])"/>
    <xsl:sequence select="upper-case(substring($type, 1, 1)) || substring($type, 2)
        || (if ($lang and $lang != $interface-lang) then ' (' || edn:language-name($note, $lang) || ')' else '')"/>
  </xsl:function>

  <!-- One occurrence per record a mention points to: where it is (unit or note or the
       header), in which language, with the mention's text. -->
  <xsl:template match="*" mode="site-data">
    <xsl:variable name="mention" select="."/>
    <xsl:variable name="unit" select="edn:unit-of(.)"/>
    <xsl:variable name="note" select="ancestor::note[1]"/>
    <xsl:for-each select="edn:records(.)">
      <fn:map>
        <fn:string key="record"><xsl:value-of select="@xml:id"/></fn:string>
        <fn:string key="anchor"><xsl:value-of select="if ($note) then edn:note-id($note)
            else if ($unit) then $unit/@xml:id else 'about-document'"/></fn:string>
        <fn:string key="where"><xsl:value-of select="if ($note) then 'note' else if ($unit) then 'text' else 'header'"/></fn:string>
        <fn:string key="lang"><xsl:value-of select="if ($note) then edn:note-lang($note)
            else ($unit/ancestor::div[@xml:lang][1]/@xml:lang, '')[1]"/></fn:string>
        <fn:string key="n"><xsl:value-of select="if ($note) then edn:note-number($note) else $unit/@n"/></fn:string>
        <fn:string key="text"><xsl:value-of select="normalize-space($mention)"/></fn:string>
        <fn:boolean key="pseudonym"><xsl:value-of select="$mention/@type = 'pseudonym'"/></fn:boolean>
      </fn:map>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
