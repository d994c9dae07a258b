<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/metadata.xsl: the panel "About this document" (metadata, how to cite, downloads)
  and the helpers it names people and actions with.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="metadata-panel">
    <xsl:variable name="header" select="$tei/TEI/teiHeader"/>
    <xsl:variable name="sent" select="$header//correspDesc/correspAction[@type = 'sent']"/>
    <xsl:variable name="received" select="$header//correspDesc/correspAction[@type = 'received']"/>
    <aside class="metadata" id="about-document" aria-labelledby="meta-h">
      <h2 id="meta-h"><xsl:apply-templates select="'about-document'" mode="ui"/></h2>
      <dl>
        <dt><xsl:apply-templates select="'meta-title'" mode="ui"/></dt>
        <dd><xsl:value-of select="$title"/></dd>
        <xsl:if test="$date">
          <dt><xsl:apply-templates select="'meta-date'" mode="ui"/></dt>
          <dd><time datetime="{$date}"><xsl:value-of select="edn:format-date($date, $interface-lang)"/></time></dd>
        </xsl:if>
        <xsl:if test="$sent or $received">
          <dt><xsl:apply-templates select="'meta-from-to'" mode="ui"/></dt>
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
          <dt><xsl:sequence select="if (@type = ('sent', 'received', 'transmitted')) then edn:ui('action-' || @type)
                                   else edn:action-label(@type)"/></dt>
          <dd>
            <xsl:variable name="parts" as="element()*">
              <xsl:if test="not(@type = ('sent', 'received')) and (persName | orgName | name)">
                <span><xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="persName | orgName | name"/></xsl:call-template></span>
              </xsl:if>
              <xsl:if test="placeName">
                <span><xsl:apply-templates select="'at'" mode="ui"/><xsl:text> </xsl:text><xsl:call-template name="mention-list"><xsl:with-param name="mentions" select="placeName"/></xsl:call-template></span>
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
        <xsl:call-template name="source-panel"><xsl:with-param name="header" select="$header"/></xsl:call-template>
        <xsl:call-template name="editors-row"><xsl:with-param name="header" select="$header"/></xsl:call-template>
        <xsl:if test="edn:summary($tei)">
          <dt><xsl:apply-templates select="'meta-summary'" mode="ui"/> <span class="by"><xsl:apply-templates select="'by-publisher'" mode="ui"/></span></dt>
          <dd class="summary"><xsl:apply-templates select="edn:summary($tei)/node()" mode="reading"/></dd>
        </xsl:if>
        <xsl:for-each select="edn:headnote($tei)[1]">
          <dt><xsl:apply-templates select="'meta-headnote'" mode="ui"/> <span class="by"><xsl:apply-templates select="'by-edition'" mode="ui"/></span></dt>
          <dd class="headnote"><xsl:apply-templates select="node()" mode="reading"/></dd>
        </xsl:for-each>
        <xsl:variable name="keywords" select="edn:keywords($tei, $interface-lang)"/>
        <xsl:if test="exists($keywords)">
          <dt><xsl:apply-templates select="'meta-keywords'" mode="ui"/></dt>
          <dd><ul class="keywords"><xsl:for-each select="$keywords"><li><xsl:value-of select="."/></li></xsl:for-each></ul></dd>
        </xsl:if>
        <xsl:for-each select="$header/fileDesc/publicationStmt/availability">
          <dt><xsl:apply-templates select="'meta-licence'" mode="ui"/></dt>
          <dd class="rights">
            <xsl:for-each select="licence">
              <p><xsl:choose>
                  <xsl:when test="edn:safe-href(@target)"><a href="{@target}" rel="license"><xsl:apply-templates mode="reading"/></a></xsl:when>
                  <xsl:otherwise><xsl:apply-templates mode="reading"/></xsl:otherwise>
                </xsl:choose></p>
            </xsl:for-each>
            <xsl:for-each select="p">
              <p class="{if (@resp) then 'rights-statement' else 'rights-scope'}"><xsl:apply-templates mode="reading"/></p>
            </xsl:for-each>
          </dd>
        </xsl:for-each>
      </dl>

      <h3 id="cite-h"><xsl:apply-templates select="'how-to-cite'" mode="ui"/></h3>
      <xsl:variable name="citation" select="edn:citation-text($sent, $received)"/>
      <p class="citation" id="citation" data-citation="{$citation}" data-permalink="{$permalink}">
        <xsl:value-of select="$citation"/>
        <xsl:choose>
          <xsl:when test="$permalink"><xsl:text> </xsl:text><a href="{$permalink}" class="permalink"><xsl:value-of select="$permalink"/></a></xsl:when>
          <xsl:otherwise> (A draft: the edition has no public address yet, so this page cannot be cited.)</xsl:otherwise>
        </xsl:choose>
      </p>
      <!-- One paragraph: its number in the text is its permalink; cite.js fills in and copies
           the citation of the paragraph the page was opened at (or whose number was followed). -->
      <div class="cite-paragraph">
        <p>To cite one paragraph, follow its number in the text: the address then ends in the
          paragraph's identifier (#…), which this edition keeps stable.</p>
        <p class="cite-paragraph-text" id="cite-paragraph-text" aria-live="polite" hidden="hidden"></p>
        <button type="button" class="cite-copy" id="cite-copy" hidden="hidden">Copy the citation of this paragraph</button>
      </div>
      <p class="cite-files">For reference managers:
        <a href="{$root}data/cite/{$doc-id}.json" type="application/vnd.citationstyles.csl+json" download="{$doc-id}.json">CSL-JSON</a>
        <xsl:text> · </xsl:text>
        <a href="{$root}data/cite/{$doc-id}.ris" type="application/x-research-info-systems" download="{$doc-id}.ris">RIS</a>
        <xsl:text> · </xsl:text>
        <a href="{$root}data/cite/{$doc-id}.bib" type="application/x-bibtex" download="{$doc-id}.bib">BibTeX</a></p>

      <h3 id="downloads-h"><xsl:apply-templates select="'downloads'" mode="ui"/></h3>
      <ul class="downloads">
        <!-- data-print-href: the absolute address a printed page shows after the link. -->
        <li><a href="{$root}{$tei-path}" type="application/tei+xml" download="{$doc-id}.xml"
               data-print-href="{$base-url}{$tei-path}">TEI P5 XML</a></li>
        <xsl:for-each select="$divisions">
          <li><a href="{$root}text/{$doc-id}.{@xml:lang}.txt" type="text/plain" download="{$doc-id}.{@xml:lang}.txt"
                 data-print-href="{$base-url}text/{$doc-id}.{@xml:lang}.txt">
              <xsl:sequence select="edn:ui('plain-text', 'lang:' || @xml:lang)"/></a></li>
        </xsl:for-each>
        <li><a href="{$root}{$pdf-path}" type="application/pdf" data-print-href="{$base-url}{$pdf-path}">PDF</a></li>
      </ul>
    </aside>
  </xsl:template>

  <!-- The "Source" rows: the publisher's record (title, date, record id and address,
       translator), the first publication, the archival references as written, the numbers
       the document carries with the edition's choice and reason, the editor's note on the
       copy, and what is unknown, said once. -->
  <xsl:template name="source-panel">
    <xsl:param name="header" as="element(teiHeader)"/>
    <xsl:variable name="witness" select="$header/fileDesc/sourceDesc/bibl[@type = 'witness']"/>
    <xsl:variable name="ms" select="$header/fileDesc/sourceDesc/msDesc"/>
    <xsl:for-each select="$witness">
      <dt><xsl:apply-templates select="'meta-source'" mode="ui"/></dt>
      <dd class="witness">
        <p>
          <xsl:text>Published by </xsl:text><xsl:value-of select="normalize-space(publisher)"/>
          <xsl:text> as “</xsl:text><xsl:value-of select="normalize-space(title)"/><xsl:text>”</xsl:text>
          <xsl:if test="normalize-space(date)"><xsl:value-of select="', ' || normalize-space(date)"/></xsl:if>
          <xsl:for-each select="idno[@type = 'record']"><xsl:value-of select="', record ' || normalize-space(.)"/></xsl:for-each>
          <xsl:for-each select="ptr[@target]"><xsl:text>: </xsl:text><xsl:apply-templates select="." mode="reading"/></xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
        <xsl:for-each select="respStmt">
          <p class="translator"><xsl:value-of select="normalize-space(resp) || ': ' || string-join(*[not(self::resp)] ! normalize-space(.), ', ') || '.'"/></p>
        </xsl:for-each>
        <xsl:for-each select="note[@type = 'citation']">
          <p class="publisher-citation">The publisher's citation: <xsl:apply-templates mode="reading"/></p>
        </xsl:for-each>
      </dd>
    </xsl:for-each>
    <xsl:for-each select="$header/fileDesc/sourceDesc/bibl[@type = 'first-publication']">
      <dt><xsl:apply-templates select="'meta-first-published'" mode="ui"/></dt>
      <dd class="first-publication"><xsl:apply-templates mode="reading"/></dd>
    </xsl:for-each>
    <xsl:variable name="references" as="xs:string*">
      <xsl:for-each select="$ms/msIdentifier[repository or collection or idno[@type = 'shelfmark']]">
        <xsl:sequence select="string-join((repository, collection, idno[@type = 'shelfmark']) ! normalize-space(.), ', ')"/>
      </xsl:for-each>
      <xsl:for-each select="$ms/msIdentifier/altIdentifier[@type = 'reference']">
        <xsl:sequence select="string-join((repository, collection, idno) ! normalize-space(.)[. != ''], ', ')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="exists($references)">
      <dt><xsl:apply-templates select="'meta-archive'" mode="ui"/></dt>
      <dd class="archive">
        <ul class="references">
          <xsl:for-each select="$references"><li><xsl:value-of select="."/></li></xsl:for-each>
        </ul>
      </dd>
    </xsl:if>
    <xsl:for-each select="$ms[msIdentifier/idno[@type = 'document-number'] or p]">
      <dt><xsl:apply-templates select="'meta-document'" mode="ui"/></dt>
      <dd class="archive-numbers">
        <p><xsl:value-of select="normalize-space(msIdentifier/msName)"/></p>
        <xsl:apply-templates select="p" mode="reading"/>
      </dd>
    </xsl:for-each>
    <xsl:for-each select="$witness/note[not(@type)] | $witness/note[@type = 'unknown']">
      <xsl:if test="position() = 1"><dt><xsl:apply-templates select="'meta-copy'" mode="ui"/></dt></xsl:if>
      <dd class="{if (@type = 'unknown') then 'unknown' else 'witness-note'}"><xsl:apply-templates mode="reading"/></dd>
    </xsl:for-each>
  </xsl:template>

  <!-- The edition's editors by name and role, with an ORCID link where given. -->
  <xsl:template name="editors-row">
    <xsl:param name="header" as="element(teiHeader)"/>
    <xsl:variable name="editors" select="$header/fileDesc/titleStmt/editor"/>
    <dt><xsl:apply-templates select="'meta-editors'" mode="ui"/></dt>
    <dd class="editors">
      <xsl:choose>
        <xsl:when test="exists($editors)">
          <xsl:for-each-group select="$editors" group-by="normalize-space(persName)">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:variable name="person" select="current-group()[1]/persName"/>
            <xsl:choose>
              <xsl:when test="edn:safe-href($person/@ref)"><a href="{$person/@ref}"><xsl:value-of select="current-grouping-key()"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="current-grouping-key()"/></xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="' (' || string-join(current-group()/@role ! edn:role-label(.), ', ') || ')'"/>
          </xsl:for-each-group>
        </xsl:when>
        <xsl:otherwise>Not yet named.</xsl:otherwise>
      </xsl:choose>
    </dd>
  </xsl:template>

  <xsl:function name="edn:role-label" as="xs:string">
    <xsl:param name="role" as="xs:string"/>
    <xsl:sequence select="(map{'general-editor': 'general editor', 'transcription': 'transcription',
                           'translation-review': 'translation review', 'encoding': 'encoding'}($role), $role)[1]"/>
  </xsl:function>

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

  <!-- The document's citation (edn:citation in common.xsl, shared with the PDF). -->
  <xsl:function name="edn:citation-text" as="xs:string">
    <xsl:param name="sent" as="element()?"/>
    <xsl:param name="received" as="element()?"/>
    <xsl:sequence select="edn:citation(
        string-join($sent/(persName | orgName | name) ! edn:mention-name(.), ', '),
        string-join($received/(persName | orgName | name) ! edn:mention-name(.), ', '),
        $title, $date ! edn:format-date(., $interface-lang),
        distinct-values($tei/TEI/teiHeader/fileDesc/titleStmt/editor/persName ! normalize-space(.)),
        $edition-title, $publisher,
        substring($tei/TEI/teiHeader/fileDesc/publicationStmt/date/@when, 1, 4))"/>
  </xsl:function>

  <!-- A mention's registry name (the person's preferred name), else its own text. -->
  <xsl:function name="edn:mention-name" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="(edn:records($mention)[1] ! edn:name(., $interface-lang),
                           normalize-space($mention))[1]"/>
  </xsl:function>

</xsl:stylesheet>
