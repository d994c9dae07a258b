<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/params.xsl: the parameters of the print output (every one documented here, set by
  edition/pdf.py) and the global variables derived from them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xmlns:prt="urn:x-edition-print"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The edition's title in English ([edition] title.en of source/edition.toml):
       volume title page, PDF title of the volume, running heads. -->
  <xsl:param name="edition-title" as="xs:string" select="''"/>
  <!-- The edition's title in Russian (title.ru); shown under the English one. -->
  <xsl:param name="edition-title-ru" as="xs:string" select="''"/>
  <!-- The short title ([edition] short_title): left running head. -->
  <xsl:param name="edition-short-title" as="xs:string" select="''"/>
  <!-- Publisher, encoder, licence and licence address of the edition (edition.toml):
       the volume's title page. Each document's own statements come from its header. -->
  <xsl:param name="edition-publisher" as="xs:string" select="''"/>
  <xsl:param name="edition-encoder" as="xs:string" select="''"/>
  <!-- The edition's editors with their roles ("Name (general editor); …"), "" when none is
       named yet: the volume's title page and its PDF metadata (author) name them. -->
  <xsl:param name="edition-editors" as="xs:string" select="''"/>
  <xsl:param name="edition-licence" as="xs:string" select="''"/>
  <xsl:param name="edition-licence-url" as="xs:string" select="''"/>
  <!-- The public address of the edition's site, ending in "/" ("" before it is
       published): a document's title page prints its page's address with the citation. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <!-- What made the PDF (PDF Creator, e.g. "edition toolkit 0.1.0"); no date in it, so
       two builds stay byte-identical. -->
  <xsl:param name="generator" as="xs:string" select="'edition toolkit'"/>
  <!-- The "volume" template only: the TEI documents of the edition (pdf.py passes their
       paths; edition.xsltrun parses them, keeping each file's URI as its base URI). -->
  <xsl:param name="documents" as="document-node()*" select="()"/>
  <!-- Which mention anchors the index links to: '#all', or their ids separated by spaces
       (pdf.py passes one anchor per record and page, found by a first layout). -->
  <xsl:param name="index-locators" as="xs:string" select="'#all'"/>
  <!-- The page numbers of the $index-locators, in their order, separated by spaces: the
       index prints them as text (pdf.py passes them when it lays out the index alone,
       $part). '': the layout fills them in (CSS target-counter). '#placeholder': each
       prints "0", for a first layout that needs the index only for its length (a
       target-counter would make WeasyPrint lay the index's pages out three times). -->
  <xsl:param name="index-pages" as="xs:string" select="''"/>
  <!-- 'all': the whole PDF; 'index': the same page with only the index in its body.
       pdf.py lays out the whole once, then the index alone with the page numbers that
       layout found, and puts the index's pages after the others (docs/performance.md). -->
  <xsl:param name="part" as="xs:string" select="'all'"/>

  <!-- Rows (ids "{doc}.row-{n}") that print their notes at their end instead of as
       footnotes, separated by spaces. pdf.py lists a row here when the first layout
       shows it filling a page and going on: WeasyPrint lays out the cells of a row one
       after the other, so a footnote of the right cell shrinks the page after the left
       cell has filled it, and the left cell would run into the footnotes. -->
  <xsl:param name="row-notes" as="xs:string" select="''"/>
  <!-- The facsimile appendix (print/facsimile.xsl): 'none' (default), 'thumbnails' or
       'pages' (edition.toml pdf_facsimile); $facsimile-images: the file URI (ending in /)
       of the folder edition/pdf.py put the page images in. -->
  <xsl:param name="facsimile" as="xs:string" select="'none'"/>
  <xsl:param name="facsimile-images" as="xs:string" select="''"/>
  <xsl:variable name="prt:row-notes" as="xs:string*" select="tokenize(normalize-space($row-notes), ' ')"/>

  <xsl:variable name="prt:kept-locators" as="xs:string*"
      select="if ($index-locators = '#all') then () else tokenize(normalize-space($index-locators), ' ')"/>
  <!-- Mention anchor -> the page number printed for it ($index-pages), empty without them. -->
  <xsl:variable name="prt:locator-pages" as="map(xs:string, xs:string)">
    <xsl:variable name="pages" select="if ($index-pages = '#placeholder') then ()
                                       else tokenize(normalize-space($index-pages), ' ')"/>
    <xsl:if test="exists($pages) and count($pages) ne count($prt:kept-locators)">
      <xsl:message terminate="yes">print.xsl: $index-pages needs one page number per $index-locators</xsl:message>
    </xsl:if>
    <xsl:sequence select="map:merge(for $i in 1 to count($pages) return map{$prt:kept-locators[$i]: $pages[$i]})"/>
  </xsl:variable>

  <!-- The registers of the index, in order, with their headings. -->
  <xsl:variable name="prt:registers" as="map(xs:string, xs:string)*" select="(
      map{'kind': 'person', 'id': 'persons', 'label': 'Persons'},
      map{'kind': 'place', 'id': 'places', 'label': 'Places'},
      map{'kind': 'org', 'id': 'organisations', 'label': 'Organisations'},
      map{'kind': 'event', 'id': 'events', 'label': 'Events'})"/>

</xsl:stylesheet>
