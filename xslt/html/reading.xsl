<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/reading.xsl: mode "reading", TEI text and header prose -> HTML: names with their
  cards, note calls, gaps, supplied text, corrections, dates, links.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="reading" on-no-match="text-only-copy"/>

  <!-- A mention: a link to its (first) register entry with a card naming every record it
       points to. The card follows the link inside one wrapper, so hovering either or
       focusing the link (or a link in the card) keeps it open (CSS :hover/:focus-within). -->
  <xsl:template match="(persName | placeName | orgName | geogName | name)[edn:is-mention(.)]" mode="reading">
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

  <!-- A note at the point it refers to: a numbered call linking to the note below, with
       the note's text as a card. -->
  <xsl:template match="note" mode="reading">
    <xsl:variable name="id" select="edn:note-id(.)"/>
    <xsl:variable name="n" select="edn:note-number(.)"/>
    <span class="has-card">
      <a class="noteref" id="{$id}-ref" href="#{$id}" role="doc-noteref"
         aria-describedby="{$id}-card"><span class="sr-only"><xsl:apply-templates select="'note'" mode="ui"/></span><xsl:value-of select="$n"/></a>
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

</xsl:stylesheet>
