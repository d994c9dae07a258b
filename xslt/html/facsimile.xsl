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
        <h3 id="facsimile-h"><xsl:apply-templates select="'view-facsimile'" mode="ui"/></h3>
        <p><xsl:sequence select="edn:ui('facs-external', string(/TEI/teiHeader/fileDesc/sourceDesc
              /bibl[@type = 'witness']/publisher[1]))"/><xsl:text> </xsl:text>
          <a href="{$external[1]}" rel="external"><xsl:value-of select="$external[1]"/></a></p>
      </section>
    </xsl:if>
    <xsl:if test="exists($facsimile)">
      <section id="facsimile" class="facsimile" aria-labelledby="facsimile-h"
               data-manifest="{$root}iiif/{$doc-id}/manifest.json">
        <!-- What facsimile.js writes itself (the page status, a loading error, the image's
             label), in every interface language: {1}, {2} filled by the script. -->
        <xsl:for-each select="$ui-langs">
          <xsl:attribute name="data-status-{.}" select="edn:ui-text('facs-status', ., ('{1}', '{2}'))"/>
          <xsl:attribute name="data-error-{.}" select="edn:ui-text('facs-error', ., '{1}')"/>
          <xsl:attribute name="data-canvas-{.}" select="edn:ui-text('facs-canvas', ., ())"/>
        </xsl:for-each>
        <h3 id="facsimile-h"><xsl:apply-templates select="'view-facsimile'" mode="ui"/></h3>
        <div class="facs-controls" role="group" aria-labelledby="facs-controls-label">
          <span id="facs-controls-label" class="sr-only"><xsl:apply-templates select="'facs-controls'" mode="ui"/></span>
          <button type="button" class="facs-prev" disabled="disabled">‹ <xsl:apply-templates select="'facs-prev'" mode="ui"/></button>
          <span class="facs-status" aria-live="polite"><xsl:sequence
              select="edn:ui('facs-status', ('1', string(count($facsimile))))"/></span>
          <button type="button" class="facs-next"><xsl:apply-templates select="'facs-next'" mode="ui"/> ›</button>
          <button type="button" class="facs-zoom-in"><span aria-hidden="true">+</span><span
              class="sr-only"><xsl:apply-templates select="'facs-zoom-in'" mode="ui"/></span></button>
          <button type="button" class="facs-zoom-out"><span aria-hidden="true">−</span><span
              class="sr-only"><xsl:apply-templates select="'facs-zoom-out'" mode="ui"/></span></button>
          <button type="button" class="facs-home"><xsl:apply-templates select="'facs-home'" mode="ui"/></button>
        </div>
        <div class="facs-viewer" id="facs-viewer"></div>
        <p class="facs-help"><xsl:apply-templates select="'facs-help'" mode="ui"/><xsl:text> </xsl:text>
          <a href="{$root}iiif/{$doc-id}/manifest.json"><xsl:apply-templates select="'facs-manifest'" mode="ui"/></a></p>
        <ol class="facs-pages">
          <xsl:for-each select="$facsimile">
            <xsl:variable name="service" select="edn:facs-service(.)"/>
            <li>
              <a href="{$root}{$service}full/max/0/default.jpg" data-page="{@xml:id}"
                 data-info="{$root}{$service}info.json" data-width="{@lrx}" data-height="{@lry}">
                <xsl:sequence select="edn:ui('facs-page', string((@n, position())[1]))"/>
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
         data-page="{$surface/@xml:id}"><span aria-hidden="true">p. <xsl:value-of select="@n"/></span><span
          class="sr-only"><xsl:sequence select="edn:ui('facs-pb', string(@n))"/></span></a>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
