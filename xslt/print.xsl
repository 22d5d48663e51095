<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl: the reading text of a TEI document as HTML for the printed book (WeasyPrint).

  It imports the shared rules of common.xsl and overrides what a printed page does
  differently from a screen:
  - only the edited reading is printed; the source's forms (sic, orig, abbr) go to the
    critical apparatus at the foot of the page, keyed to paragraph number and lemma;
  - editorial notes become numbered footnotes (CSS float: footnote);
  - variant readings (app) become apparatus entries, also at the foot of the page;
  - source page breaks become a thin mark in the line and the page number in the margin;
  - every entity mention becomes an invisible anchor (id "m__<entry>__<n>") from which
    the index reads the page the mention fell on;
  - nothing interactive: no popovers, no links to registers.

  Parameters:
    text-id       the id of the text (used to keep generated ids unique in the book)
    base-siglum   the siglum of the copy-text (the witness whose errors sic records);
                  empty when the text declares no witnesses
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:num="urn:edition:numbered"
    exclude-result-prefixes="tei num">

  <xsl:import href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8"/>

  <xsl:param name="text-id" select="'text'"/>
  <xsl:param name="base-siglum" select="''"/>

  <!-- ============================================================ structure -->

  <!-- The text's own title and date are printed by the book's opening of the text (from
       the header); the rest of the source's title page (a description, its notes) follows. -->
  <xsl:template match="tei:titlePage/tei:docTitle/tei:titlePart[@type = 'main'] | tei:titlePage/tei:docDate">
    <!-- A name in the title is still a mention on the opening page, where the title
         is printed: its anchors stay, for the index. -->
    <xsl:for-each select=".//*[@ref][self::tei:persName or self::tei:placeName
                          or self::tei:orgName or self::tei:name or self::tei:rs
                          or self::tei:geogName][not(ancestor::tei:rdg or ancestor::tei:sic
                          or ancestor::tei:orig or ancestor::tei:abbr)]">
      <xsl:call-template name="mention-anchors">
        <xsl:with-param name="list" select="normalize-space(@ref)"/>
      </xsl:call-template>
    </xsl:for-each>
    <!-- Its corrections and variants still go to the apparatus of the opening page. -->
    <xsl:apply-templates select=".//tei:app[not(ancestor::tei:rdg)]
                                 | .//tei:choice[not(ancestor::tei:rdg or ancestor::tei:sic)]"
                         mode="entry"/>
  </xsl:template>

  <!-- A heading sets the running head of right-hand pages and a PDF bookmark, both
       from its plain reading (data-label), so a note in a heading stays out of them. The
       level is the division depth below the text's title (h1). -->
  <xsl:template match="tei:div/tei:head">
    <xsl:variable name="depth" select="count(ancestor::tei:div)"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth + 1 &gt; 6">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth + 1"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="label"><xsl:apply-templates mode="plain"/></xsl:variable>
    <xsl:element name="h{$level}">
      <xsl:attribute name="class">head</xsl:attribute>
      <xsl:attribute name="data-label">
        <xsl:value-of select="normalize-space($label)"/>
      </xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The edited reading of an element as plain text, without notes or the source's
       forms: the label of a bookmark and of the running head. -->
  <xsl:template match="tei:note | tei:sic | tei:orig | tei:abbr | tei:rdg | tei:rdgGrp
                       | tei:del | tei:surplus | tei:fw" mode="plain"/>
  <xsl:template match="*" mode="plain">
    <xsl:apply-templates mode="plain"/>
  </xsl:template>

  <!-- The paragraph number stands in the margin (positioned by the print CSS); it is
       the same number the web edition shows, and the paragraph's id is the PDF
       destination, so a citation resolves to the same place in both. -->
  <xsl:template name="paragraph-number">
    <span class="pnum"><xsl:value-of select="@n"/></span>
  </xsl:template>

  <!-- ============================================================ source layout -->

  <!-- A page break of the source: a hair-line in the text where the page turned, and
       the page number in the outer margin. The mark is drawn, not typed, so extracted
       text keeps the words whole. -->
  <xsl:template match="tei:pb">
    <span class="pb" data-page="{@n}">
      <span class="pb-mark"></span>
      <xsl:call-template name="page-label"/>
    </span>
  </xsl:template>

  <!-- A page break before the first paragraph (between blocks) sits in its own empty
       block so the margin number lines up with the next paragraph. -->
  <xsl:template match="tei:body/tei:pb | tei:div/tei:pb | tei:front/tei:pb | tei:back/tei:pb">
    <div class="pb-block" data-page="{@n}">
      <xsl:call-template name="page-label"/>
    </div>
  </xsl:template>

  <!-- The margin label of a source page; a break whose page number is unknown is only
       marked in the line. -->
  <xsl:template name="page-label">
    <xsl:if test="normalize-space(@n) != ''">
      <span class="pb-label">
        <xsl:text>[p.&#160;</xsl:text>
        <xsl:value-of select="normalize-space(@n)"/>
        <xsl:text>]</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ line breaking -->

  <!-- A word with a hard hyphen (counter-revolutionary) is kept on one line: a line that
       ended in its hyphen would come out of text extraction as "counterrevolutionary",
       since extractors take a hyphen at a line end for a soft one. -->
  <xsl:template match="text()[contains(., '-')]">
    <xsl:call-template name="keep-hyphenated">
      <xsl:with-param name="text" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="keep-hyphenated">
    <xsl:param name="text"/>
    <xsl:variable name="word">
      <xsl:choose>
        <xsl:when test="contains($text, ' ')"><xsl:value-of select="substring-before($text, ' ')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($word, '-')">
        <span class="nobr"><xsl:value-of select="$word"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$word"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="contains($text, ' ')">
      <xsl:text> </xsl:text>
      <xsl:call-template name="keep-hyphenated">
        <xsl:with-param name="text" select="substring-after($text, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ names -->

  <!-- A mention is plain text in print; each pointer it carries leaves an anchor that
       the index reads back from the laid-out pages. -->
  <xsl:template match="tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref]
                       | tei:name[@ref] | tei:rs[@ref] | tei:geogName[@ref]">
    <xsl:variable name="list" select="normalize-space(@ref)"/>
    <!-- The first pointer's anchor is the mention itself (fewer boxes to lay out). -->
    <span class="ent">
      <xsl:attribute name="id">
        <xsl:call-template name="mention-id">
          <xsl:with-param name="list" select="$list"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:if test="contains($list, ' ')">
        <xsl:call-template name="mention-anchors">
          <xsl:with-param name="list" select="substring-after($list, ' ')"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- The anchor id of the first pointer of $list: m__<entry>__<text>-<node>-<n>, unique
       in the book (the length of the remaining list tells pointers of one element apart). -->
  <xsl:template name="mention-id">
    <xsl:param name="list"/>
    <xsl:variable name="first">
      <xsl:choose>
        <xsl:when test="contains($list, ' ')">
          <xsl:value-of select="substring-before($list, ' ')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$list"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="entry">
      <xsl:call-template name="pointer-id">
        <xsl:with-param name="pointer" select="$first"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="concat('m__', $entry, '__', $text-id, '-', generate-id(), '-',
                                 string-length($list))"/>
  </xsl:template>

  <!-- Empty anchors for the pointers of $list. -->
  <xsl:template name="mention-anchors">
    <xsl:param name="list"/>
    <span class="m">
      <xsl:attribute name="id">
        <xsl:call-template name="mention-id">
          <xsl:with-param name="list" select="$list"/>
        </xsl:call-template>
      </xsl:attribute>
    </span>
    <xsl:if test="contains($list, ' ')">
      <xsl:call-template name="mention-anchors">
        <xsl:with-param name="list" select="substring-after($list, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ links -->

  <!-- A cross-reference: an external URL stays a link; a pointer into the edition is a
       link to its PDF destination (ids are kept as anchors); anything else is text. -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="url">
      <xsl:call-template name="safe-url">
        <xsl:with-param name="url" select="@target"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="starts-with($url, 'http://') or starts-with($url, 'https://')">
        <a class="{local-name()}" href="{$url}">
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$url"/></xsl:if>
        </a>
      </xsl:when>
      <!-- a mail address is a link in the PDF and, since paper cannot be clicked,
           printed: after the words of the link when they are not the address -->
      <xsl:when test="starts-with($url, 'mailto:')">
        <xsl:variable name="address"
            select="substring-before(concat(substring-after($url, 'mailto:'), '?'), '?')"/>
        <a class="{local-name()} mailto" href="{$url}">
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr or normalize-space(.) = ''">
            <xsl:value-of select="$address"/>
          </xsl:if>
        </a>
        <xsl:if test="self::tei:ref and normalize-space(.) != ''
                      and normalize-space(.) != $address">
          <span class="mail-address"><xsl:value-of select="concat(' (', $address, ')')"/></span>
        </xsl:if>
      </xsl:when>
      <xsl:when test="starts-with($url, '#') and key('ids', substring($url, 2))">
        <a class="{local-name()}" href="{$url}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ notes -->

  <!-- An editorial note is a footnote. The call is an explicit link (so it works in the
       PDF) and the number is computed here, so call and note always agree. -->
  <!-- Its anchor has the note's number among all notes (as on the web); the figure
       printed is its number in the series of notes, which leaves out the sources. -->
  <xsl:template match="tei:note">
    <xsl:variable name="n"><xsl:call-template name="note-number"/></xsl:variable>
    <xsl:variable name="id">
      <xsl:value-of select="concat('fn-', $text-id, '-', $n)"/>
    </xsl:variable>
    <xsl:variable name="printed">
      <xsl:choose>
        <xsl:when test="@num:fn"><xsl:value-of select="@num:fn"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <a class="fn-call" href="#{$id}" id="{$id}-call"><xsl:value-of select="$printed"/></a>
    <span class="fn" id="{$id}">
      <a class="fn-num" href="#{$id}-call"><xsl:value-of select="$printed"/></a>
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A note of sources is an entry of the second series at the foot of the page,
       keyed like the apparatus (line or paragraph), between the apparatus and the notes. -->
  <xsl:template match="tei:note[@type = 'source']">
    <span class="src-entry" id="src-{$text-id}-{@num:n}-entry">
      <xsl:call-template name="note-key"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template name="note-key">
    <xsl:variable name="line"
        select="(ancestor::tei:l[@num:line] | preceding::tei:l[@num:line]
                 | preceding::tei:lb[@num:line])[last()]"/>
    <xsl:variable name="p" select="ancestor::tei:p[@n][1]"/>
    <xsl:choose>
      <xsl:when test="$line">
        <span class="app-key"><xsl:value-of select="$line/@num:line"/></span>
        <xsl:text>&#160;</xsl:text>
      </xsl:when>
      <xsl:when test="$p">
        <span class="app-key"><xsl:value-of select="$p/@n"/></span>
        <xsl:text>&#160;</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A note of the header's manuscript description follows its statement (common.xsl). -->
  <xsl:template match="tei:teiHeader//tei:note">
    <xsl:apply-imports/>
  </xsl:template>

  <!-- A note inside a note cannot float again: it follows in parentheses. -->
  <xsl:template match="tei:note//tei:note">
    <span class="note-inner">
      <xsl:text> (</xsl:text>
      <xsl:apply-templates/>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <!-- Paragraphs inside a note run on inside the footnote. -->
  <xsl:template match="tei:note//tei:p">
    <span class="note-p"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ============================================================ apparatus -->

  <!-- A correction: the corrected form stands in the text, the source's form goes to
       the apparatus ("12 revolutionary] revoluti6nary W"), credited to the copy-text's
       siglum when the text declares witnesses. Regularisations and expansions are
       treated the same way. -->
  <xsl:template match="tei:choice[tei:corr or tei:reg or tei:expan]">
    <xsl:variable name="edited" select="(tei:corr | tei:reg | tei:expan)[1]"/>
    <span class="ed {local-name($edited)}" id="cor-{$text-id}-{@num:n}"><xsl:apply-templates select="$edited/node()"/></span>
    <xsl:apply-templates select="." mode="entry"/>
  </xsl:template>

  <!-- A variant: the lemma stands in the text; lemma, readings and sigla go to the
       apparatus ("12 reads P] raeds W"); an empty reading is an omission ("om."). -->
  <xsl:template match="tei:app">
    <span class="lem-text" id="app-{$text-id}-{@num:n}"><xsl:apply-templates select="(tei:lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not(current()/tei:lem)][1])/node()"/></span>
    <xsl:apply-templates select="." mode="entry"/>
  </xsl:template>

  <!-- An apparatus attached by double end-points (an app without lem whose @from, and
       @to, point at words of the text) is not text where it is encoded: its entry
       follows the last word it points at, and its lemma is those words
       ("1 athro] athro A; athroi B"). -->
  <xsl:template match="tei:app[@from and not(tei:lem)
                       and key('ids', substring-after(normalize-space(@from), '#'))]"/>

  <xsl:template match="tei:w[@xml:id and (key('attached-app', @xml:id) or key('attached-app-to', @xml:id))]
                       | tei:seg[@xml:id and (key('attached-app', @xml:id) or key('attached-app-to', @xml:id))]">
    <xsl:apply-imports/>
    <xsl:apply-templates select="key('attached-app', @xml:id)[not(key('ids', substring-after(normalize-space(@to), '#')))]
                                 | key('attached-app-to', @xml:id)[key('ids', substring-after(normalize-space(@from), '#'))]"
                         mode="entry"/>
  </xsl:template>

  <!-- The apparatus entry of a correction or a variant: a float to the foot of the page;
       inside a footnote, where nothing can float, it follows the lemma in brackets. -->
  <xsl:template match="tei:choice" mode="entry">
    <xsl:variable name="edited" select="(tei:corr | tei:reg | tei:expan)[1]"/>
    <xsl:variable name="source" select="(tei:sic | tei:orig | tei:abbr)[1]"/>
    <xsl:if test="$edited and $source">
      <xsl:choose>
        <xsl:when test="ancestor::tei:note">
          <span class="app-inline">
            <xsl:text> [</xsl:text>
            <xsl:apply-templates select="$source/node()" mode="apparatus-text"/>
            <xsl:call-template name="base-siglum"/>
            <xsl:text>]</xsl:text>
          </span>
        </xsl:when>
        <xsl:otherwise>
          <span class="app-entry" id="cor-{$text-id}-{@num:n}-entry">
            <xsl:call-template name="app-key"/>
            <span class="lemma"><xsl:apply-templates select="$edited" mode="lemma"/></span>
            <xsl:text>] </xsl:text>
            <span class="rdg"><xsl:apply-templates select="$source/node()" mode="apparatus-text"/></span>
            <xsl:call-template name="base-siglum"/>
            <xsl:call-template name="entry-break"/>
          </span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:app" mode="entry">
    <xsl:choose>
      <xsl:when test="ancestor::tei:note">
        <span class="app-inline">
          <xsl:text> [</xsl:text>
          <xsl:for-each select="tei:rdg | tei:rdgGrp/tei:rdg">
            <xsl:call-template name="reading-separator"/>
            <xsl:apply-templates select="." mode="print-reading"/>
          </xsl:for-each>
          <xsl:text>]</xsl:text>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="attached" select="not(tei:lem)
                      and key('ids', substring-after(normalize-space(@from), '#'))"/>
        <xsl:variable name="base" select="tei:lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not($attached)][not(current()/tei:lem)][1]"/>
        <span class="app-entry" id="app-{$text-id}-{@num:n}-entry">
          <xsl:call-template name="app-key"/>
          <xsl:if test="$attached">
            <xsl:call-template name="attached-lemma"/>
            <xsl:if test="@num:occ"><sup class="occ"><xsl:value-of select="@num:occ"/></sup></xsl:if>
            <xsl:text>] </xsl:text>
          </xsl:if>
          <!-- the lemma, then "]" before the other readings; an entry with no other
               reading (an app of one rdg) is that reading alone, with its sigla -->
          <xsl:if test="normalize-space($base) != ''">
            <xsl:apply-templates select="$base" mode="print-reading">
              <xsl:with-param name="as-lemma" select="true()"/>
            </xsl:apply-templates>
            <xsl:if test="(tei:rdg | tei:rdgGrp/tei:rdg)[generate-id() != generate-id($base)]">
              <xsl:text>] </xsl:text>
            </xsl:if>
          </xsl:if>
          <xsl:for-each select="(tei:rdg | tei:rdgGrp/tei:rdg)[normalize-space($base) = ''
                                or generate-id() != generate-id($base)]">
            <xsl:call-template name="reading-separator"/>
            <xsl:apply-templates select="." mode="print-reading"/>
          </xsl:for-each>
          <xsl:call-template name="entry-break"/>
        </span>
        <!-- A variant inside a reading has an entry of its own, after the one it is in. -->
        <xsl:apply-templates select="(tei:rdg | tei:rdgGrp/tei:rdg)//tei:app" mode="entry"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="base-siglum">
    <xsl:if test="$base-siglum != ''">
      <xsl:text> </xsl:text>
      <span class="siglum"><xsl:value-of select="$base-siglum"/></span>
    </xsl:if>
  </xsl:template>

  <!-- A reading: an empty one is an omission ("om."), one that adds to an empty lemma
       or is typed an addition is "add.", a transposition and a conjecture say so after
       the words. A lemma found twice on its line carries its occurrence (samewords). -->
  <xsl:template match="tei:lem | tei:rdg" mode="print-reading">
    <xsl:param name="as-lemma" select="false()"/>
    <span class="{local-name()}">
      <xsl:choose>
        <xsl:when test="normalize-space(.) = '' and not(.//tei:witStart | .//tei:witEnd
                        | .//tei:lacunaStart | .//tei:lacunaEnd)"><i>om.</i></xsl:when>
        <xsl:when test="self::tei:lem or $as-lemma">
          <xsl:apply-templates select="." mode="lemma"/>
          <xsl:if test="../@num:occ"><sup class="occ"><xsl:value-of select="../@num:occ"/></sup></xsl:if>
        </xsl:when>
        <xsl:when test="@type = 'addition' or @type = 'add'
                        or (../tei:lem and normalize-space(../tei:lem) = '')
                        or (parent::tei:rdgGrp and ../../tei:lem and normalize-space(../../tei:lem) = '')">
          <i>add.</i><xsl:text> </xsl:text>
          <xsl:apply-templates mode="apparatus-text"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="apparatus-text"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="self::tei:rdg and normalize-space(.) != ''">
        <xsl:choose>
          <xsl:when test="@type = 'transposition'"><xsl:text> </xsl:text><i>transp.</i></xsl:when>
          <xsl:when test="@type = 'conjecture'"><xsl:text> </xsl:text><i>conj.</i></xsl:when>
        </xsl:choose>
      </xsl:if>
    </span>
    <xsl:if test="@wit">
      <xsl:text> </xsl:text>
      <span class="siglum">
        <xsl:call-template name="print-sigla">
          <xsl:with-param name="list" select="normalize-space(@wit)"/>
        </xsl:call-template>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A lemma of three words or more is cited by its first and last words
       ("Friendship … Countries"), as printed apparatus do. -->
  <xsl:template match="*" mode="lemma">
    <xsl:variable name="text" select="normalize-space(.)"/>
    <xsl:variable name="words"
        select="string-length($text) - string-length(translate($text, ' ', '')) + 1"/>
    <xsl:choose>
      <xsl:when test="$words &gt; 2">
        <xsl:value-of select="substring-before($text, ' ')"/>
        <xsl:text> … </xsl:text>
        <xsl:call-template name="last-word">
          <xsl:with-param name="text" select="$text"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="apparatus-text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="last-word">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, ' ')">
        <xsl:call-template name="last-word">
          <xsl:with-param name="text" select="substring-after($text, ' ')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="print-sigla">
    <xsl:param name="list"/>
    <xsl:variable name="first">
      <xsl:choose>
        <xsl:when test="contains($list, ' ')">
          <xsl:value-of select="substring-before($list, ' ')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$list"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="id">
      <xsl:call-template name="pointer-id">
        <xsl:with-param name="pointer" select="$first"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="siglum">
      <xsl:with-param name="id" select="$id"/>
    </xsl:call-template>
    <xsl:if test="contains($list, ' ')">
      <xsl:text> </xsl:text>
      <xsl:call-template name="print-sigla">
        <xsl:with-param name="list" select="substring-after($list, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Entries run on in one paragraph; the space that ends each is where a line may
       break between two entries (a space at a line end is not printed). -->
  <xsl:template name="entry-break">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- The key of an apparatus entry: in a lineated text the line its lemma stands on
       (edition.lineation), the number given once for several entries of one line, which
       a bar separates, as reledmac does; otherwise the number of the paragraph it belongs
       to, as printed in the margin. -->
  <xsl:template name="app-key">
    <xsl:variable name="p" select="ancestor::tei:p[@n][1]"/>
    <xsl:choose>
      <xsl:when test="@num:line and @num:same">
        <span class="app-sep">|</span>
        <xsl:text>&#160;</xsl:text>
      </xsl:when>
      <xsl:when test="@num:line">
        <span class="app-key"><xsl:value-of select="@num:line"/></span>
        <xsl:text>&#160;</xsl:text>
      </xsl:when>
      <xsl:when test="$p">
        <span class="app-key"><xsl:value-of select="$p/@n"/></span>
        <xsl:text>&#160;</xsl:text>
      </xsl:when>
      <xsl:when test="ancestor::tei:titlePart or ancestor::tei:docTitle">
        <span class="app-key">title</span>
        <xsl:text>&#160;</xsl:text>
      </xsl:when>
      <xsl:when test="ancestor::tei:head">
        <span class="app-key">heading</span>
        <xsl:text>&#160;</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Inside an apparatus entry words are copied plainly: no anchors, no notes, no
       nested apparatus markup, so the entry stays one short line. -->
  <xsl:template match="tei:note | tei:pb | tei:lb" mode="apparatus-text"/>
  <!-- Where a witness or its lacuna begins or ends: as common.xsl says it. -->
  <xsl:template match="tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd"
                mode="apparatus-text">
    <xsl:call-template name="witness-mark"/>
  </xsl:template>
  <xsl:template match="tei:choice" mode="apparatus-text">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan)[1]/node()" mode="apparatus-text"/>
  </xsl:template>
  <xsl:template match="tei:app" mode="apparatus-text">
    <xsl:apply-templates select="(tei:lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not(current()/tei:lem)][1])/node()" mode="apparatus-text"/>
  </xsl:template>
  <!-- Line ends of the source file are spaces in an entry (an entry runs on in a line). -->
  <xsl:template match="text()" mode="apparatus-text">
    <xsl:value-of select="translate(., '&#10;&#13;&#9;', '   ')"/>
  </xsl:template>
  <xsl:template match="tei:foreign | tei:term" mode="apparatus-text">
    <i><xsl:apply-templates mode="apparatus-text"/></i>
  </xsl:template>
  <xsl:template match="*" mode="apparatus-text">
    <xsl:apply-templates mode="apparatus-text"/>
  </xsl:template>
  <xsl:template match="text()[contains(., '-')]" mode="apparatus-text">
    <xsl:call-template name="keep-hyphenated">
      <xsl:with-param name="text" select="."/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
