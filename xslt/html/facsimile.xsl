<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/facsimile.xsl: the facsimile view of a document whose TEI has a <facsimile>
  (docs/facsimile.md). Nothing here writes anything for a document without one, so such a
  page stays byte for byte what it was.
    facsimile-head      the viewer's style sheet and scripts (OpenSeadragon, facsimile.js)
    facsimile-panel     the panel: page navigation, zoom buttons, the viewer's place, and
                        a list of the pages (links to the whole images: the view without script)
    mode facsimile-unit data-facs / data-zone on a unit that points into the facsimile
    pb (mode reading)   a page beginning in the text: a link that shows its page
  The pages' images are the site's static IIIF services: iiif/<id>/<n>-<digest>/ (the
  graphic's url, relative to tei/<id>.xml, names the folder); facsimile.js reads their
  info.json and drives OpenSeadragon.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:variable name="facsimile" as="element(surface)*" select="/TEI/facsimile/surface[graphic/@url]"/>

  <!-- A surface's image service folder, from the site root: iiif/<id>/<n>-<digest>/. -->
  <xsl:function name="edn:facs-service" as="xs:string">
    <xsl:param name="surface" as="element(surface)"/>
    <xsl:sequence select="replace($surface/graphic/@url, '^(\.\./)?(.*?)full/max/0/default\.jpg$', '$2')"/>
  </xsl:function>

  <xsl:template name="facsimile-head">
    <xsl:if test="exists($facsimile)">
      <link rel="stylesheet" href="{$root}assets/facsimile.css"/>
      <script src="{$root}assets/openseadragon/openseadragon.min.js" defer="defer"></script>
      <script src="{$root}assets/facsimile.js" defer="defer"></script>
    </xsl:if>
  </xsl:template>

  <xsl:template name="facsimile-panel">
    <!-- Page images published elsewhere (metadata: witness.iiif_manifest): a link only, the
         page itself requests nothing outside the site. -->
    <xsl:variable name="external" select="/TEI/teiHeader/fileDesc/sourceDesc/bibl[@type = 'witness']
                                          /ptr[@type = 'iiif-manifest']/@target"/>
    <xsl:if test="empty($facsimile) and exists($external)">
      <section id="facsimile" class="facsimile facsimile-external" aria-labelledby="facsimile-h">
        <h3 id="facsimile-h">Facsimile</h3>
        <p>The page images of the witness are published by <xsl:value-of
            select="/TEI/teiHeader/fileDesc/sourceDesc/bibl[@type = 'witness']/publisher[1]"/> as a
          <a href="{$external[1]}" rel="external">IIIF manifest</a>, which any IIIF viewer opens.</p>
      </section>
    </xsl:if>
    <xsl:if test="exists($facsimile)">
      <section id="facsimile" class="facsimile" aria-labelledby="facsimile-h"
               data-manifest="{$root}iiif/{$doc-id}/manifest.json">
        <h3 id="facsimile-h">Facsimile</h3>
        <div class="facs-controls" role="group" aria-label="Facsimile controls">
          <button type="button" class="facs-prev" aria-label="Previous page" disabled="disabled">‹ Previous</button>
          <span class="facs-status" aria-live="polite">Page 1 of <xsl:value-of select="count($facsimile)"/></span>
          <button type="button" class="facs-next" aria-label="Next page">Next ›</button>
          <button type="button" class="facs-zoom-in" aria-label="Zoom in">+</button>
          <button type="button" class="facs-zoom-out" aria-label="Zoom out">−</button>
          <button type="button" class="facs-home" aria-label="Whole page">Whole page</button>
        </div>
        <div class="facs-viewer" id="facs-viewer"></div>
        <p class="facs-help">Page images of the witness. In the image: + and − zoom, arrow keys
          pan, 0 shows the whole page; clicking a marked passage shows it in the text.
          <a href="{$root}iiif/{$doc-id}/manifest.json">IIIF manifest</a> for other viewers.</p>
        <ol class="facs-pages">
          <xsl:for-each select="$facsimile">
            <xsl:variable name="service" select="edn:facs-service(.)"/>
            <li>
              <a href="{$root}{$service}full/max/0/default.jpg" data-page="{@xml:id}"
                 data-info="{$root}{$service}info.json" data-width="{@lrx}" data-height="{@lry}">
                <xsl:value-of select="'Page ' || (@n, position())[1]"/>
              </a>
              <xsl:for-each select="zone">
                <span class="facs-zone" hidden="hidden" data-zone="{@xml:id}"
                      data-unit="{substring-after(@xml:id, ../@xml:id || '.')}"
                      data-x="{@ulx}" data-y="{@uly}" data-w="{number(@lrx) - number(@ulx)}"
                      data-h="{number(@lry) - number(@uly)}"></span>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A unit's page (the surface, or the surface of its zone) and its zone. -->
  <xsl:template match="@facs" mode="facsimile-unit">
    <xsl:variable name="target" select="key('edn:id', substring(normalize-space(.), 2))"/>
    <xsl:if test="$target/self::surface">
      <xsl:attribute name="data-facs" select="$target/@xml:id"/>
    </xsl:if>
    <xsl:if test="$target/self::zone">
      <xsl:attribute name="data-facs" select="$target/../@xml:id"/>
      <xsl:attribute name="data-zone" select="$target/@xml:id"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="pb[@facs]" mode="reading">
    <xsl:variable name="surface" select="key('edn:id', substring(normalize-space(@facs), 2))[self::surface]"/>
    <xsl:if test="$surface">
      <a class="pb" href="{$root}{edn:facs-service($surface)}full/max/0/default.jpg"
         data-page="{$surface/@xml:id}" lang="{$interface-lang}"
         aria-label="{'Page ' || @n || ' begins: show it in the facsimile'}">p. <xsl:value-of select="@n"/></a>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
