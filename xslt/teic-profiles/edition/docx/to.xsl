<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's profile for the TEI Consortium's docx conversion (TEI Stylesheets 7.58.0a).

  Not one of the edition's outputs: it is for projects that turn our TEI into Word with the
  Consortium's own toolchain. It is their default profile with one template replaced.

  Why: their pass that prepares list items ("Paragraph in list", docx/to/teitodocx.xsl,
  mode pass0) copies each tei:item/tei:p's attributes onto the item. Our items may hold
  several paragraphs, each an alignment unit with xml:id, n and corresp, so the second
  paragraph's attributes come after the first one's text and the transform aborts ("An
  attribute node cannot be output after a child"). The TEI is right (docs/exports.md), so
  the fix belongs in the conversion: each paragraph's content, a line break between
  paragraphs, no attributes copied.

  Use: copy the folder `edition` (the parent of this docx/ folder) into the Stylesheets'
  profiles/ folder, beside profiles/default, then run their converter with that profile,
  e.g. `bin/teitodocx` with the profile option set to edition. The import below resolves
  to their default profile there.
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">
  <xsl:import href="../../default/docx/to.xsl"/>

  <!-- Replaces their "Paragraph in list" (same match, same mode): the paragraphs' text in
       order, a shown line break between two paragraphs of one item. -->
  <xsl:template match="tei:item/tei:p[not(@rend)]" mode="pass0">
    <xsl:apply-templates select="node()" mode="pass0"/>
    <xsl:if test="following-sibling::tei:p"><tei:lb rend="show"/></xsl:if>
  </xsl:template>
</xsl:stylesheet>
