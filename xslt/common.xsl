<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: what every output of the edition (HTML site, PDF) reads the same way from a
  TEI file written after docs/tei-conventions.md. Import it; it produces no markup of any
  output format, only values, so each entry stylesheet decides how things look.

  It offers (all functions in the namespace urn:x-edition, prefix edn):
    registry   edn:is-mention, edn:refs, edn:record, edn:records, edn:record-kind, edn:register,
               edn:mention-kind, edn:name, edn:pseudonym-of, edn:life-dates,
               edn:description, edn:authorities, edn:authority-label, edn:geo
    dates      edn:format-date, edn:citation-date
    notes      edn:note-number, edn:notes
    units      edn:is-unit, edn:divisions, edn:units, edn:unit-of, edn:corresp,
               edn:alignment, edn:alignment-explanation, edn:alignment-rows
    apparatus  edn:gap-mark, edn:gap-explanation, edn:supplied-explanation,
               edn:correction-explanation, edn:resp-name
    header     edn:title, edn:citation, edn:correspondents, edn:correspondence-place, edn:document-date,
               edn:summary, edn:headnote, edn:keywords, edn:language-name, edn:related
    mode plain-text   the reading text of a division or unit as plain text
  A stylesheet may override any template by import precedence; functions are final.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:edn="urn:x-edition"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Every identified element of a document, for pointer resolution within that document
       (each TEI file is self-contained: all local pointers resolve inside it). -->
  <xsl:key name="edn:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- The elements that are numbered in document order for ids of their own (cards,
       footnotes), by kind: numbering counts within the key, not along the preceding axis,
       which walks the whole document for every element and made rendering quadratic. -->
  <xsl:key name="edn:numbered" match="gap | supplied | choice" use="local-name()"/>
  <!-- (The element names first: a key's or template's pattern is tried on every element,
       and a function call in it costs more than the name test that rules most out.) -->
  <xsl:key name="edn:numbered" match="(persName | placeName | orgName | geogName | name)[edn:is-mention(.)]"
           use="'mention'"/>
  <xsl:key name="edn:numbered" match="note[@type = 'editorial' or not(@type)]"
           use="'note-' || generate-id(ancestor::div[@xml:lang][1])"/>

  <!-- An element's number, from 1, among the elements of its kind (edn:numbered) in
       document order; an element counts after the ones it is inside. -->
  <xsl:function name="edn:number-among" as="xs:integer">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="count(key('edn:numbered', $kind, root($element))[. &lt;&lt; $element]) + 1"/>
  </xsl:function>

  <!-- Units by the ids their @corresp points to: who points at me. -->
  <xsl:key name="edn:pointed-from" match="*[@corresp]" use="edn:refs(@corresp)"/>

  <!-- Whether an element is a mention of registry records: a persName, placeName,
       orgName, geogName or name with a local @ref, in the text or header (not a name form
       inside a standOff record). -->
  <xsl:function name="edn:is-mention" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[self::persName or self::placeName or self::orgName
        or self::geogName or self::name][exists(edn:refs(@ref))][not(ancestor::standOff)])"/>
  </xsl:function>

  <!-- ===================================================================== registry -->

  <!-- Local identifiers a pointer attribute names: "#a #b" -> ("a", "b"). Pointers to
       other files (no leading #) are not records of this document, so they are dropped. -->
  <xsl:function name="edn:refs" as="xs:string*">
    <xsl:param name="pointers" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($pointers), ' ')[starts-with(., '#')]
                          ! substring(., 2)"/>
  </xsl:function>

  <!-- The standOff record with this id in the document of $context, if any. -->
  <xsl:function name="edn:record" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="key('edn:id', $id, root($context))[ancestor::standOff][1]"/>
  </xsl:function>

  <!-- The records a mention (persName, placeName, … with @ref) points to, in @ref order;
       a coordinated name (two places under one adjective-less noun) gives several. -->
  <xsl:function name="edn:records" as="element()*">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="edn:refs($mention/@ref) ! edn:record($mention, .)"/>
  </xsl:function>

  <!-- The kind of a record: person, place, org or event (from its element name). -->
  <xsl:function name="edn:record-kind" as="xs:string">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="local-name($record)"/>
  </xsl:function>

  <!-- The register a record belongs in (persons, places, organisations, events): the name
       of its register page, without extension, in both outputs. -->
  <xsl:function name="edn:register" as="xs:string">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="($edn:registers(local-name($record)), 'other')[1]"/>
  </xsl:function>
  <!-- Lookup tables are global variables, built once: a map constructor inside a function
       is built again at every call. -->
  <xsl:variable name="edn:registers" as="map(xs:string, xs:string)"
      select="map{'person': 'persons', 'place': 'places', 'org': 'organisations', 'event': 'events'}"/>

  <!-- How a mention names its record, for styling: person, place, org, geog or event. -->
  <xsl:function name="edn:mention-kind" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="if ($mention/self::name) then string(($mention/@type, 'name')[1])
        else $edn:mention-kinds(local-name($mention))"/>
  </xsl:function>
  <xsl:variable name="edn:mention-kinds" as="map(xs:string, xs:string)"
      select="map{'persName': 'person', 'placeName': 'place', 'orgName': 'org', 'geogName': 'geog'}"/>

  <!-- The name elements of a record (persName, placeName, orgName, geogName, label, …). -->
  <xsl:function name="edn:name-forms" as="element()*">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="$record/(persName | placeName | orgName | geogName | eventName
                                   | name | label)"/>
  </xsl:function>

  <!-- A record's preferred name in $lang; else its preferred name in English; else its
       first name form; else its id. -->
  <xsl:function name="edn:name" as="xs:string">
    <xsl:param name="record" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="forms" select="edn:name-forms($record)"/>
    <xsl:variable name="preferred" select="$forms[not(@type) or @type = 'preferred']"/>
    <xsl:sequence select="normalize-space(($preferred[lang($lang)], $preferred[lang('en')],
                                           $forms, $record/@xml:id)[1])"/>
  </xsl:function>

  <!-- Only $record's preferred name in $lang, or the empty sequence. -->
  <xsl:function name="edn:name-in" as="xs:string?">
    <xsl:param name="record" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="(edn:name-forms($record)[not(@type) or @type = 'preferred']
                           [lang($lang)])[1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- The pseudonyms a record lists (its name forms of @type pseudonym), all languages. -->
  <xsl:function name="edn:pseudonyms" as="element()*">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="edn:name-forms($record)[@type = 'pseudonym']"/>
  </xsl:function>

  <!-- For a mention of @type pseudonym: the records it stands for (the person behind it);
       empty for an ordinary mention. -->
  <xsl:function name="edn:pseudonym-of" as="element()*">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="if ($mention/@type = 'pseudonym') then edn:records($mention) else ()"/>
  </xsl:function>

  <!-- Birth and death (persons) or @when/@from/@to (events, organisations) as a display
       range "3 February 1901 – 1970"; empty when the record gives no date. -->
  <xsl:function name="edn:life-dates" as="xs:string?">
    <xsl:param name="record" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="start" select="($record/birth/@when, $record/@from, $record/@when)[1]"/>
    <xsl:variable name="end" select="($record/death/@when, $record/@to)[1]"/>
    <xsl:sequence select="if (empty(($start, $end))) then ()
        else string-join((($start ! edn:format-date(., $lang)), '?')[1]
                         || ($end ! (' – ' || edn:format-date(., $lang))), '')"/>
  </xsl:function>

  <!-- The record's description note in $lang, else in English, else any. -->
  <xsl:function name="edn:description" as="element()?">
    <xsl:param name="record" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="notes" select="$record/note[@type = 'description' or not(@type)]"/>
    <xsl:sequence select="($notes[lang($lang)], $notes[lang('en')], $notes)[1]"/>
  </xsl:function>

  <!-- The authority identifiers of a record (idno holding a URI), in document order. -->
  <xsl:function name="edn:authorities" as="element()*">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="$record/idno[matches(normalize-space(.), '^https?://')]"/>
  </xsl:function>

  <!-- A short label for an authority identifier: "Wikidata Q855", "GeoNames 1816670". -->
  <xsl:function name="edn:authority-label" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="uri" select="normalize-space($idno)"/>
    <xsl:variable name="type" select="string($idno/@type)"/>
    <xsl:variable name="known" select="map{'wikidata': 'Wikidata', 'geonames': 'GeoNames',
        'viaf': 'VIAF', 'gnd': 'GND', 'lc': 'Library of Congress', 'orcid': 'ORCID'}"/>
    <xsl:sequence select="(($known(lower-case($type)), $type)[. != ''][1], 'Authority')[1]
                          || ' ' || replace($uri, '^.*/', '')"/>
  </xsl:function>

  <!-- A place's coordinates as (latitude, longitude) numbers, from location/geo "lat long". -->
  <xsl:function name="edn:geo" as="xs:double*">
    <xsl:param name="record" as="element()"/>
    <xsl:variable name="geo" select="tokenize(normalize-space(($record/location/geo)[1]), '[ ,]+')"/>
    <xsl:sequence select="if (count($geo) = 2 and (every $g in $geo satisfies $g castable as xs:double))
                          then $geo ! xs:double(.) else ()"/>
  </xsl:function>

  <!-- ======================================================================== dates -->

  <!-- A TEI @when (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime) for reading: "2 January 1950",
       "09:30, 2 January 1950". Only English and Russian month names are known; other
       languages get English. An unparsable value comes back as it is. -->
  <xsl:function name="edn:format-date" as="xs:string">
    <xsl:param name="when" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="ru" select="$lang = 'ru'"/>
    <xsl:variable name="months" select="if ($ru)
        then ('января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа',
              'сентября', 'октября', 'ноября', 'декабря')
        else ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
              'September', 'October', 'November', 'December')"/>
    <xsl:variable name="months-nominative" select="if ($ru)
        then ('январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август',
              'сентябрь', 'октябрь', 'ноябрь', 'декабрь') else $months"/>
    <!-- A full date (the usual case) is read by position: the regex below costs more than
         the rest of a name card. -->
    <xsl:choose>
      <xsl:when test="string-length($when) = 10 and translate($when, '0123456789', '9999999999') = '9999-99-99'
                      and substring($when, 9, 2) != '00'">
        <xsl:sequence select="xs:integer(substring($when, 9, 2)) || ' ' || $months[xs:integer(substring($when, 6, 2))]
                              || ' ' || substring($when, 1, 4) || (if ($ru) then ' г.' else '')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:analyze-string select="$when"
            regex="^(-?\d{{4}})(-(\d{{2}})(-(\d{{2}})(T(\d{{2}}):(\d{{2}})(:\d{{2}})?)?)?)?$">
          <xsl:matching-substring>
            <xsl:variable name="year" select="regex-group(1)"/>
            <xsl:variable name="month" select="if (regex-group(3)) then xs:integer(regex-group(3)) else 0"/>
            <xsl:variable name="day" select="if (regex-group(5)) then xs:integer(regex-group(5)) else 0"/>
            <xsl:variable name="time" select="if (regex-group(7)) then regex-group(7) || ':' || regex-group(8) else ''"/>
            <xsl:variable name="date" select="
                if ($day gt 0) then $day || ' ' || $months[$month] || ' ' || $year || (if ($ru) then ' г.' else '')
                else if ($month gt 0) then $months-nominative[$month] || ' ' || $year
                else $year"/>
            <xsl:sequence select="if ($time) then $time || ', ' || $date else $date"/>
          </xsl:matching-substring>
          <xsl:non-matching-substring>
            <xsl:sequence select="."/>
          </xsl:non-matching-substring>
        </xsl:analyze-string>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A @when as citation managers read it (Highwire citation_date): "1950/01/02". -->
  <xsl:function name="edn:citation-date" as="xs:string">
    <xsl:param name="when" as="xs:string"/>
    <xsl:sequence select="replace(substring-before($when || 'T', 'T'), '-', '/')"/>
  </xsl:function>

  <!-- ======================================================================== notes -->

  <!-- The editorial notes of a division (or any subtree), in reading order. -->
  <xsl:function name="edn:notes" as="element(note)*">
    <xsl:param name="scope" as="element()"/>
    <xsl:sequence select="$scope//note[@type = 'editorial' or not(@type)]"/>
  </xsl:function>

  <!-- A note's number: counting from 1 per language division, as the contract numbers
       their ids ("en-note-2" is the second note of the English division). -->
  <xsl:function name="edn:note-number" as="xs:integer">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="edn:number-among($note, 'note-' || generate-id($note/ancestor::div[@xml:lang][1]))"/>
  </xsl:function>

  <!-- ======================================================================== units -->

  <!-- Whether an element is an alignment unit: head, seg, dateline, salute, p or signed
       inside a language division, with an id. -->
  <xsl:function name="edn:is-unit" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[self::head or self::seg or self::dateline
        or self::salute or self::p or self::signed][@xml:id]
        [ancestor::div[@xml:lang][parent::body]])"/>
  </xsl:function>

  <!-- The language divisions of a document: the original first, then translations. -->
  <xsl:function name="edn:divisions" as="element(div)*">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="all" select="root($context)//text/body/div[@xml:lang]"/>
    <xsl:sequence select="($all[@type = 'edition'], $all[not(@type = 'edition')])"/>
  </xsl:function>

  <!-- The alignment units of a division in document order. -->
  <xsl:function name="edn:units" as="element()*">
    <xsl:param name="division" as="element()"/>
    <xsl:sequence select="$division//*[edn:is-unit(.)]"/>
  </xsl:function>

  <!-- The unit a node is in (itself if it is one); empty in the header or standOff. -->
  <xsl:function name="edn:unit-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::*[edn:is-unit(.)][1]"/>
  </xsl:function>

  <!-- The units of the other division a unit corresponds to (@corresp), in @corresp order. -->
  <xsl:function name="edn:corresp" as="element()*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="edn:refs($unit/@corresp) ! key('edn:id', ., root($unit))"/>
  </xsl:function>

  <!-- A unit's alignment: 'aligned' (has @corresp), 'unaligned' (the other text has no
       such unit), 'lost' (its counterpart is missing from the witness), or 'none' for a
       block that is not a unit (a gap between units). -->
  <xsl:function name="edn:alignment" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="if (not(edn:is-unit($block))) then 'none'
        else if ($block/@corresp) then 'aligned'
        else if (edn:refs($block/@ana) = 'align-lost') then 'lost'
        else 'unaligned'"/>
  </xsl:function>

  <!-- What the alignment interp of an unaligned or lost unit says (standOff interpGrp). -->
  <xsl:function name="edn:alignment-explanation" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="(edn:refs($unit/@ana) ! key('edn:id', ., root($unit))[self::interp])[1]
                          ! normalize-space(.)"/>
  </xsl:function>

  <!-- The blocks of a division that rows are made of: its units, and the gaps that stand
       between units (not inside one), in document order. -->
  <xsl:function name="edn:blocks" as="element()*">
    <xsl:param name="division" as="element()"/>
    <xsl:sequence select="$division//*[edn:is-unit(.) or (self::gap and empty(edn:unit-of(.)))]"/>
  </xsl:function>

  <!-- The alignment of two divisions as rows, for side-by-side layouts:
         <edn:row a="ru-salute" b="en-salute"/>
         <edn:row a="ru-p17" b="en-p17-1 en-p17-2"/>   (one-to-many)
         <edn:row b="en-head"/>                          (unaligned or lost: one side only)
       Each row holds one group of corresponding units (closed under @corresp in both
       directions); its @a and @b list ids in document order (gaps between units, which
       have no id, are listed as "#gap-N", N counting the division's blocks from 1).
       Order follows both divisions; a block of $a that corresponds to nothing comes before
       one of $b at the same point, and two leading gaps share a row. -->
  <xsl:function name="edn:alignment-rows" as="element(edn:row)*">
    <xsl:param name="a" as="element()"/>
    <xsl:param name="b" as="element()"/>
    <xsl:sequence select="edn:rows-of(edn:blocks($a), edn:blocks($b))"/>
  </xsl:function>

  <!-- A block's token in a row's @a/@b: its id, or #gap-N for an unidentified gap. -->
  <xsl:function name="edn:block-token" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="division" select="$block/ancestor::div[@xml:lang][1]"/>
    <xsl:sequence select="if ($block/@xml:id) then string($block/@xml:id)
        else '#gap-' || (count(edn:blocks($division)[. &lt;&lt; $block]) + 1)"/>
  </xsl:function>

  <!-- The blocks a row token names within a division (inverse of edn:block-token). The
       division's blocks are listed only for a gap token: bound to a variable, they were
       listed for every row (a third of the page's time). -->
  <xsl:function name="edn:row-blocks" as="element()*">
    <xsl:param name="division" as="element()"/>
    <xsl:param name="tokens" as="attribute()?"/>
    <xsl:sequence select="for $t in tokenize(normalize-space($tokens), ' ')
        return if (starts-with($t, '#gap-')) then edn:blocks($division)[xs:integer(substring($t, 6))]
               else key('edn:id', $t, root($division))"/>
  </xsl:function>

  <xsl:function name="edn:rows-of" as="element(edn:row)*">
    <xsl:param name="a" as="element()*"/>
    <xsl:param name="b" as="element()*"/>
    <xsl:variable name="ha" select="head($a)"/>
    <xsl:variable name="hb" select="head($b)"/>
    <xsl:choose>
      <xsl:when test="empty($a) and empty($b)"/>
      <xsl:when test="$ha/self::gap and $hb/self::gap and empty(edn:unit-of($ha))
                      and empty(edn:unit-of($hb))">
        <xsl:sequence select="edn:row($ha, $hb), edn:rows-of(tail($a), tail($b))"/>
      </xsl:when>
      <xsl:when test="exists($ha) and edn:alignment($ha) != 'aligned'">
        <xsl:sequence select="edn:row($ha, ()), edn:rows-of(tail($a), $b)"/>
      </xsl:when>
      <xsl:when test="exists($hb) and edn:alignment($hb) != 'aligned'">
        <xsl:sequence select="edn:row((), $hb), edn:rows-of($a, tail($b))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="group" select="edn:closure(($ha, $hb)[1])"/>
        <xsl:variable name="ga" select="$a[some $g in $group satisfies $g is .]"/>
        <xsl:variable name="gb" select="$b[some $g in $group satisfies $g is .]"/>
        <!-- The group holds $ha or $hb (its seed), so each step consumes a block. -->
        <xsl:sequence select="edn:row($ga, $gb), edn:rows-of($a except $ga, $b except $gb)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="edn:row" as="element(edn:row)">
    <xsl:param name="a" as="element()*"/>
    <xsl:param name="b" as="element()*"/>
    <edn:row>
      <xsl:if test="exists($a)">
        <xsl:attribute name="a" select="string-join($a ! edn:block-token(.), ' ')"/>
      </xsl:if>
      <xsl:if test="exists($b)">
        <xsl:attribute name="b" select="string-join($b ! edn:block-token(.), ' ')"/>
      </xsl:if>
    </edn:row>
  </xsl:function>

  <!-- A unit and every unit reachable from it through @corresp in either direction. -->
  <xsl:function name="edn:closure" as="element()*">
    <xsl:param name="seed" as="element()*"/>
    <xsl:variable name="ids" select="$seed/@xml:id ! string(.)"/>
    <xsl:variable name="next" select="$seed | ($seed ! edn:corresp(.))
        | key('edn:pointed-from', $ids, root($seed[1]))[edn:is-unit(.)]"/>
    <xsl:sequence select="if (count($next) = count($seed)) then $seed else edn:closure($next)"/>
  </xsl:function>

  <!-- ==================================================================== apparatus -->

  <!-- The name of whoever a @resp points to (a respStmt's orgName/persName/name). -->
  <xsl:function name="edn:resp-name" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="(edn:refs($element/@resp) ! key('edn:id', ., root($element))
                           ! (orgName, persName, name)[1] ! normalize-space(.))[1]"/>
  </xsl:function>

  <!-- The mark a gap shows: the witness's own (@rend), else the edition's […]. -->
  <xsl:function name="edn:gap-mark" as="xs:string">
    <xsl:param name="gap" as="element(gap)"/>
    <xsl:sequence select="(normalize-space($gap/@rend)[. != ''], '[…]')[1]"/>
  </xsl:function>

  <!-- Why text is missing, in words, with who says so. -->
  <xsl:function name="edn:gap-explanation" as="xs:string">
    <xsl:param name="gap" as="element(gap)"/>
    <xsl:variable name="reason" select="string($gap/@reason)"/>
    <xsl:variable name="who" select="edn:resp-name($gap)"/>
    <xsl:sequence select="(map{
        'omitted': 'Passage omitted in the published witness',
        'incomplete-witness': 'The witness breaks off here: the rest of the text is missing',
        'illegible': 'Illegible in the witness',
        'damage': 'Lost through damage to the witness'}($reason),
        if ($reason) then 'Text missing (' || replace($reason, '-', ' ') || ')' else 'Text missing')[1]
        || (if ($who) then ' (marked by ' || $who || ')' else '') || '.'"/>
  </xsl:function>

  <!-- Why bracketed text is there: supplied by whom and for what reason. -->
  <xsl:function name="edn:supplied-explanation" as="xs:string">
    <xsl:param name="supplied" as="element(supplied)"/>
    <xsl:variable name="who" select="edn:resp-name($supplied)"/>
    <xsl:sequence select="'Supplied' || (if ($who) then ' by ' || $who else ' by the editors')
        || (if ($supplied/@reason) then ' (' || replace($supplied/@reason, '-', ' ') || ')' else '')
        || ': not in the text as sent.'"/>
  </xsl:function>

  <!-- What a correction (choice of sic and corr) did, quoting both readings. -->
  <xsl:function name="edn:correction-explanation" as="xs:string">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:variable name="who" select="($choice/corr ! edn:resp-name(.), 'the editors')[1]"/>
    <!-- The name comes from the sources as written ("The … project"): it stands after a
         colon, never mid-sentence, so its capital is right. -->
    <xsl:sequence select="'The witness reads “' || normalize-space($choice/sic)
        || '”. Correction: ' || $who || '.'"/>
  </xsl:function>

  <!-- ======================================================================= header -->

  <!-- The document's title in $lang, else its first title. -->
  <xsl:function name="edn:title" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="titles" select="root($context)/TEI/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="normalize-space(($titles[lang($lang)], $titles)[1])"/>
  </xsl:function>

  <!-- How to cite a document, one sentence for every output: "Sender to Addressee, Title[,
       2 January 1950]. In: Editors (ed.), Edition. Publisher, year." The date is given once:
       not again when the title already ends with it. Empty parts are left out. -->
  <xsl:function name="edn:citation" as="xs:string">
    <xsl:param name="from" as="xs:string"/>
    <xsl:param name="to" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="when" as="xs:string?"/>
    <xsl:param name="editors" as="xs:string*"/>
    <xsl:param name="edition-title" as="xs:string"/>
    <xsl:param name="publisher" as="xs:string?"/>
    <xsl:param name="year" as="xs:string?"/>
    <xsl:sequence select="string-join((
        if ($from and $to) then $from || ' to ' || $to else (),
        $title,
        $when[. and not(contains($title, .))]), ', ')
        || '. In: '
        || (if (exists($editors)) then string-join($editors, ', ')
              || (if (count($editors) gt 1) then ' (eds.), ' else ' (ed.), ') else '')
        || $edition-title || '.'
        || (if ($publisher) then ' ' || $publisher || (if ($year) then ', ' || $year else '') || '.' else '')"/>
  </xsl:function>

  <!-- The persons of a correspAction ('sent' or 'received'): their persName mentions. -->
  <xsl:function name="edn:correspondents" as="element()*">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="root($context)//correspDesc/correspAction[@type = $type]
                          /(persName | orgName | name)"/>
  </xsl:function>

  <!-- The places of a correspAction ('sent' or 'received'). -->
  <xsl:function name="edn:correspondence-place" as="element()*">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="root($context)//correspDesc/correspAction[@type = $type]/placeName"/>
  </xsl:function>

  <!-- The document's date: when it was sent, else when received; empty if neither. -->
  <xsl:function name="edn:document-date" as="xs:string?">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="actions" select="root($context)//correspDesc/correspAction"/>
    <xsl:sequence select="(($actions[@type = 'sent'], $actions[@type = 'received'])
                           /date/(@when, @notBefore, @from))[1] ! string(.)"/>
  </xsl:function>

  <!-- The summary (profileDesc/abstract), if any. -->
  <!-- The edition's headnote (an abstract the edition answers for), if any. -->
  <xsl:function name="edn:headnote" as="element()*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="root($context)/TEI/teiHeader/profileDesc/abstract[@resp = '#resp-edition']"/>
  </xsl:function>

  <xsl:function name="edn:summary" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="root($context)/TEI/teiHeader/profileDesc/abstract[not(@resp = '#resp-edition')][1]"/>
  </xsl:function>

  <!-- The keywords (textClass/keywords/term), in $lang where given so, else all. -->
  <xsl:function name="edn:keywords" as="xs:string*">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="terms" select="root($context)//textClass/keywords/term"/>
    <xsl:sequence select="(if ($terms[lang($lang)]) then $terms[lang($lang)] else $terms)
                          ! normalize-space(.)"/>
  </xsl:function>

  <!-- A language's name as the document's langUsage gives it, else the code. -->
  <xsl:function name="edn:language-name" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="code" as="xs:string"/>
    <xsl:sequence select="(key('edn:language', $code, root($context)) ! normalize-space(.), $code)[1]"/>
  </xsl:function>
  <xsl:key name="edn:language" match="langUsage/language" use="string(@ident)"/>

  <!-- The documents of the correspondence before or after this one ($type 'prev' or
       'next'): the ids (file names without .xml) correspContext points to. -->
  <xsl:function name="edn:related" as="xs:string*">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="root($context)//correspDesc/correspContext/ref[@type = $type]/@target
                          ! replace(replace(., '^.*/', ''), '\.xml$', '')"/>
  </xsl:function>

  <!-- =================================================================== plain text -->

  <!-- mode plain-text: the reading text as plain text. Units become lines (blank line
       between), item numbers are prefixed ("1. "), supplied text keeps its brackets,
       gaps show their mark, corrections give the corrected reading, notes are left out. -->
  <xsl:mode name="plain-text" on-no-match="text-only-copy"/>

  <xsl:template match="div[@xml:lang]" mode="plain-text">
    <xsl:value-of select="edn:blocks(.) ! edn:plain-block(.)" separator="&#10;&#10;"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:function name="edn:plain-block" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="text">
      <xsl:apply-templates select="$block" mode="plain-text"/>
    </xsl:variable>
    <xsl:sequence select="edn:item-label($block) || normalize-space($text)"/>
  </xsl:function>

  <!-- The number before the first unit of a numbered list item, with a space ("1. "),
       else "": the witness's own number, which the TEI gives in the label before the item;
       in TEI without labels, "N. " from item/@n unless the unit's text already begins
       with it. -->
  <xsl:function name="edn:item-label" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="item" select="$unit/parent::item[not($unit/preceding-sibling::*)]"/>
    <xsl:variable name="label" select="$item/preceding-sibling::*[1][self::label]"/>
    <xsl:sequence select="if ($label) then normalize-space($label) || ' '
                          else ($item[@n][not(starts-with(normalize-space($unit), @n))]
                                ! (@n || '. '), '')[1]"/>
  </xsl:function>

  <xsl:template match="gap" mode="plain-text">
    <xsl:value-of select="edn:gap-mark(.)"/>
  </xsl:template>
  <xsl:template match="supplied" mode="plain-text">
    <xsl:text>[</xsl:text><xsl:apply-templates mode="#current"/><xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="choice" mode="plain-text">
    <xsl:apply-templates select="(corr, reg, sic, orig)[1]" mode="#current"/>
  </xsl:template>
  <xsl:template match="note" mode="plain-text"/>

</xsl:stylesheet>
