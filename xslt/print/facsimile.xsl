<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/facsimile.xsl: the optional facsimile appendix of a document's PDF (docs/facsimile.md):
  after the text, the page images of the witness, four to a page ($facsimile = 'thumbnails')
  or one to a page ($facsimile = 'pages'); nothing when $facsimile = 'none' (the default)
  or the document has no page images. The images are files edition/pdf.py prepared under
  $facsimile-images (<id>/<n>-<digest>.jpg, the step of the graphic's url that names the page).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:prt="urn:x-edition-print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="prt:facsimile">
    <xsl:variable name="d" select="prt:doc-id(.)"/>
    <xsl:variable name="surfaces" select="facsimile/surface[graphic/@url]"/>
    <xsl:if test="$facsimile = ('thumbnails', 'pages') and exists($surfaces) and $facsimile-images">
      <section class="facsimile-appendix facsimile-{$facsimile}" id="{$d}-facsimile">
        <h2 class="facsimile-title">Facsimile</h2>
        <p class="facsimile-note">The page images of the witness, in order.</p>
        <xsl:for-each select="$surfaces">
          <xsl:variable name="name" select="tokenize(graphic/@url, '/')[4]"/>
          <figure class="facsimile-page">
            <img src="{$facsimile-images}{$d}/{$name}.jpg" alt="{'Page ' || @n || ' of the witness'}"/>
            <figcaption><xsl:value-of select="'Page ' || @n"/></figcaption>
          </figure>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
