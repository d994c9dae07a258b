<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/site-data.xsl: named template "site-data", the JSON summary of the document for
  the pages that span documents (home, registers, about), as the XML representation of
  JSON (fn:map) for xml-to-json; mode "site-prose" writes the HTML fragments in it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The JSON summary of this document for the pages that span documents. Keys:
       id, title, titles{lang}, date, date_label, senders[], recipients[] ({id,name}),
       summary_html, published, witness, witness_url, keywords[], prev[], next[], languages[{code,name,side}],
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
        <!-- The date this edition of the document was published, and the witness the
             summary and text come from (the About page cites it as the source). -->
        <fn:string key="published"><xsl:value-of select="$tei/TEI/teiHeader/fileDesc/publicationStmt/date/@when"/></fn:string>
        <xsl:variable name="witness" select="$tei/TEI/teiHeader/fileDesc/sourceDesc/bibl[@type = 'witness'][1]"/>
        <fn:string key="witness"><xsl:value-of select="string-join($witness/(* except (note, ptr)) ! normalize-space(.), ', ')"/></fn:string>
        <fn:string key="witness_url"><xsl:value-of select="($witness/ptr/@target[edn:safe-href(.)], $witness//ref/@target[edn:safe-href(.)])[1]"/></fn:string>
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
          <xsl:apply-templates select="key('edn:numbered', 'mention', $tei)" mode="site-data"/>
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
  <xsl:template match="(persName | placeName | orgName | geogName | name)[edn:is-mention(.)]" mode="site-prose">
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
  <!-- A refsDecl of citeStructures declares the citation tree for software (DTS): no prose. -->
  <xsl:template match="refsDecl[not(p)]" mode="site-prose" priority="2"/>
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
      <fn:string key="sort"><xsl:value-of select="translate(string(@sortKey), '_', ' ')"/></fn:string>
      <!-- Offices held, as at the time of the documents, with their dates and source. -->
      <fn:array key="offices">
        <xsl:variable name="record" select="."/>
        <xsl:for-each select="occupation[@type = 'office'][lang($interface-lang)
                              or (lang('en') and not($record/occupation[@type = 'office'][lang($interface-lang)]))]">
          <fn:map>
            <fn:string key="title"><xsl:value-of select="normalize-space(.)"/></fn:string>
            <fn:string key="dates"><xsl:value-of select="if (@when) then edn:office-date(@when)
                else string-join((@from ! edn:office-date(.), @to ! edn:office-date(.)), ' – ')"/></fn:string>
            <fn:string key="source_html"><xsl:value-of select="$record/note[@type = 'sources']//bibl[concat('#', @xml:id) = current()/@source] ! edn:html(node())"/></fn:string>
          </fn:map>
        </xsl:for-each>
      </fn:array>
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

  <!-- An office's date as written at its precision: "1949", "October 1949", "1 October 1949". -->
  <xsl:function name="edn:office-date" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="if (string-length($value) = 4) then $value
        else if (string-length($value) = 7) then format-date(xs:date($value || '-01'), '[MNn] [Y]', $interface-lang, (), ())
        else edn:format-date($value, $interface-lang)"/>
  </xsl:function>

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
