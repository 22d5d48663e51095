<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: the reading text of a TEI document as HTML, shared by the web edition
  (html.xsl) and the print book (print.xsl).

  Conventions of the output:
  - The edited reading and the as-transcribed (diplomatic) reading are both present.
    Content that belongs to one reading only carries class "ed" or "dip"; the outer
    stylesheet or the page's CSS decides which one is shown.
  - Entity mentions carry data-ref (the register entry id) and class "ent ent-<kind>".
  - Notes and apparatus entries leave a numbered marker in the text; their bodies are
    collected by the "notes" and "apparatus" modes so each output can place them
    (end of the text on the web, foot of the page in print).
  - Nothing here is specific to a screen: no scripts, no interaction.
  - Attribute and text content are copied as text, never as markup; pointers become
    links only with a safe scheme (see the "safe-url" template).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:num="urn:edition:numbered"
    xmlns:url="urn:edition:url"
    exclude-result-prefixes="tei num url">

  <xsl:key name="ids" match="*[@xml:id]" use="@xml:id"/>

  <!-- Texts inside texts; EpiDoc and the Leiden signs; genetic transcriptions;
       dictionaries. -->
  <xsl:include href="nesting.xsl"/>
  <xsl:include href="epidoc.xsl"/>
  <xsl:include href="genetic.xsl"/>
  <xsl:include href="dictionary.xsl"/>
  <xsl:include href="msdesc.xsl"/>

  <!-- ============================================================ structure -->

  <!-- The header is metadata: pages render it from the model, never as reading text.
       Only the description of the manuscript or object the text is read from (an
       msDesc of its sourceDesc) is shown, before the text, as a catalogue entry. -->
  <xsl:template match="tei:teiHeader">
    <xsl:variable name="described"
        select="tei:fileDesc/tei:sourceDesc//tei:msDesc[not(ancestor::tei:msDesc)]"/>
    <xsl:if test="$described">
      <div class="source-description">
        <xsl:apply-templates select="$described"/>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- A note of the header's description is not one of the text's notes: it follows
       the statement it is about, in parentheses. -->
  <xsl:template match="tei:teiHeader//tei:note">
    <span class="ms-note">
      <xsl:text> (</xsl:text>
      <xsl:apply-templates/>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <!-- StandOff holds no reading text (a facsimile is listed by genetic.xsl). -->
  <xsl:template match="tei:standOff"/>

  <!-- The text and its parts are containers; their divisions carry the structure. -->
  <xsl:template match="tei:TEI | tei:text">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back">
    <div class="tei-{local-name()}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A division is a section; its canonical reference becomes the anchor. -->
  <xsl:template match="tei:div">
    <section>
      <xsl:attribute name="class">
        <xsl:text>div</xsl:text>
        <xsl:if test="@type">
          <xsl:value-of select="concat(' div-', translate(@type, ' &quot;&lt;&gt;', '----'))"/>
        </xsl:if>
      </xsl:attribute>
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Headings: the level follows the division depth; level 1 is the page title, so a
       top-level division gets h2 (capped at h6). -->
  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="count(ancestor::tei:div) + count(ancestor::tei:group)"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth + 1 &gt; 6">6</xsl:when>
        <xsl:when test="$depth &lt; 1">2</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth + 1"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$level}">
      <xsl:attribute name="class">head</xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph is the citable unit: its xml:id (canonical reference) is the anchor
       and its number is shown beside it. -->
  <xsl:template match="tei:p">
    <xsl:variable name="element"><xsl:call-template name="paragraph-element"/></xsl:variable>
    <xsl:element name="{$element}">
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@xml:id">para</xsl:when>
          <xsl:otherwise>para para-unnumbered</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:call-template name="id-attribute"/>
      <xsl:call-template name="lang-attribute"/>
      <xsl:if test="@xml:id and @n">
        <xsl:call-template name="paragraph-number"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- HTML does not allow lists, tables or block quotations inside <p>, TEI does: such a
       paragraph becomes a <div> of the same class. -->
  <xsl:template name="paragraph-element">
    <xsl:choose>
      <xsl:when test=".//*[self::tei:list or self::tei:table or self::tei:figure
                          or self::tei:listBibl or self::tei:listWit or self::tei:eg
                          or self::tei:opener or self::tei:closer or self::tei:dateline
                          or self::tei:salute or self::tei:signed or self::tei:byline
                          or self::tei:trailer or self::tei:epigraph or self::tei:argument
                          or self::tei:postscript or self::tei:ab or self::tei:titlePage
                          or self::tei:div or self::tei:p
                          or ((self::tei:quote or self::tei:q or self::tei:said
                               or self::tei:soCalled or self::tei:mentioned)
                              and (tei:p or tei:lg or tei:l or tei:list))]
                         [count(ancestor::tei:note) = count(current()/ancestor::tei:note)]">div</xsl:when>
      <xsl:otherwise>p</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The paragraph number as printed beside the paragraph. -->
  <xsl:template name="paragraph-number">
    <span class="pnum"><xsl:value-of select="@n"/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- An anonymous block of text (no paragraph semantics in the source). -->
  <xsl:template match="tei:ab">
    <div class="ab">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Document furniture of letters and articles keeps its own line. -->
  <xsl:template match="tei:opener | tei:closer | tei:dateline | tei:salute | tei:signed
                       | tei:byline | tei:trailer | tei:epigraph | tei:argument
                       | tei:postscript | tei:docImprint | tei:docEdition">
    <div class="{local-name()}">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A title page and its parts. -->
  <xsl:template match="tei:titlePage | tei:docTitle | tei:docAuthor | tei:docDate">
    <div class="{local-name()}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:titlePart">
    <p class="titlePart"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- Lists: a list of items; a gloss list pairs labels with items. -->
  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:choose>
      <xsl:when test="@type = 'gloss' or tei:label">
        <dl class="list">
          <xsl:apply-templates select="*[not(self::tei:head)]" mode="gloss-list"/>
        </dl>
      </xsl:when>
      <xsl:when test="@rend = 'numbered' or @type = 'ordered'">
        <ol class="list"><xsl:apply-templates select="*[not(self::tei:head)]"/></ol>
      </xsl:when>
      <xsl:otherwise>
        <ul class="list"><xsl:apply-templates select="*[not(self::tei:head)]"/></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:item">
    <li>
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="tei:label" mode="gloss-list">
    <dt><xsl:apply-templates/></dt>
  </xsl:template>

  <xsl:template match="tei:item" mode="gloss-list">
    <dd><xsl:apply-templates/></dd>
  </xsl:template>

  <xsl:template match="tei:*" mode="gloss-list">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- A label outside a gloss list (e.g. a numbered point). -->
  <xsl:template match="tei:label">
    <span class="label"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Verse: a line group is a block, each line on its own line. -->
  <xsl:template match="tei:lg">
    <xsl:choose>
      <!-- inside a paragraph a span (shown as a block): HTML allows no div there -->
      <xsl:when test="ancestor::tei:p">
        <span class="lg"><xsl:call-template name="id-attribute"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <div class="lg"><xsl:call-template name="id-attribute"/><xsl:apply-templates/></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:l">
    <span class="l">
      <xsl:if test="@num:line"><xsl:attribute name="data-line"><xsl:value-of select="@num:line"/></xsl:attribute></xsl:if>
      <xsl:call-template name="line-number"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Line numbers of a lineated text (edition.lineation counts them; the count restarts
       as the text's citeStructure says): every fifth line shows its number in the
       margin, as printed critical editions do. -->
  <xsl:param name="line-interval" select="5"/>
  <xsl:template name="line-number">
    <xsl:if test="@num:line and @num:line mod $line-interval = 0">
      <span class="lnum"><xsl:value-of select="@num:line"/></span>
    </xsl:if>
  </xsl:template>

  <!-- A line break of a text that follows the source's lines starts a numbered line in
       both readings; the first line of a paragraph needs no break. -->
  <xsl:template match="tei:lb[@num:line]" priority="1">
    <xsl:if test="preceding-sibling::* or normalize-space(preceding-sibling::text()) != ''
                  or not(parent::tei:p or parent::tei:ab)">
      <br class="line"/>
    </xsl:if>
    <span class="line-start" data-line="{@num:line}">
      <xsl:call-template name="line-number"/>
    </span>
  </xsl:template>

  <!-- Tables keep rows and cells; a role="label" row or cell is a header. -->
  <xsl:template match="tei:table">
    <table class="table">
      <xsl:call-template name="id-attribute"/>
      <xsl:if test="tei:head">
        <caption><xsl:apply-templates select="tei:head/node()"/></caption>
      </xsl:if>
      <xsl:apply-templates select="tei:row"/>
    </table>
  </xsl:template>

  <xsl:template match="tei:row">
    <tr><xsl:apply-templates/></tr>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="@role = 'label' or ../@role = 'label'">th</xsl:when>
        <xsl:otherwise>td</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$name}">
      <xsl:if test="@cols and number(@cols) = number(@cols)">
        <xsl:attribute name="colspan"><xsl:value-of select="number(@cols)"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@rows and number(@rows) = number(@rows)">
        <xsl:attribute name="rowspan"><xsl:value-of select="number(@rows)"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A figure: images are not part of this edition's sources, so only the heading and
       the description of the figure are shown. -->
  <xsl:template match="tei:figure">
    <figure class="figure">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates select="tei:head | tei:p | tei:figDesc"/>
    </figure>
  </xsl:template>

  <xsl:template match="tei:figure/tei:head">
    <figcaption><xsl:apply-templates/></figcaption>
  </xsl:template>

  <xsl:template match="tei:figDesc">
    <p class="figDesc"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- ============================================================ principles -->

  <!-- The editorial principles declared in a header (encodingDesc) are shown on their
       own page; technical declarations (references, classifications, schemas) are not
       statements for readers. -->
  <xsl:template match="tei:encodingDesc">
    <xsl:apply-templates select="tei:projectDesc | tei:samplingDecl | tei:editorialDecl"/>
  </xsl:template>

  <xsl:template match="tei:projectDesc | tei:samplingDecl">
    <section class="{local-name()}">
      <h3>
        <xsl:choose>
          <xsl:when test="self::tei:projectDesc">Purpose of the edition</xsl:when>
          <xsl:otherwise>Selection of the texts</xsl:otherwise>
        </xsl:choose>
      </h3>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:editorialDecl">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- One section per kind of editorial decision, named for readers. -->
  <xsl:template match="tei:editorialDecl/tei:*">
    <section class="decl decl-{local-name()}">
      <h3>
        <xsl:choose>
          <xsl:when test="self::tei:correction">Corrections</xsl:when>
          <xsl:when test="self::tei:normalization">Normalisation</xsl:when>
          <xsl:when test="self::tei:quotation">Quotations</xsl:when>
          <xsl:when test="self::tei:hyphenation">Hyphenation</xsl:when>
          <xsl:when test="self::tei:segmentation">Segmentation</xsl:when>
          <xsl:when test="self::tei:interpretation">Interpretation</xsl:when>
          <xsl:when test="self::tei:punctuation">Punctuation</xsl:when>
          <xsl:when test="self::tei:stdVals">Dates and standard values</xsl:when>
          <xsl:otherwise>Editorial practice</xsl:otherwise>
        </xsl:choose>
      </h3>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- A bare paragraph of an editorialDecl keeps no heading of its own. -->
  <xsl:template match="tei:editorialDecl/tei:p | tei:projectDesc/tei:p
                       | tei:samplingDecl/tei:p" priority="1">
    <xsl:variable name="element"><xsl:call-template name="paragraph-element"/></xsl:variable>
    <xsl:element name="{$element}">
      <xsl:attribute name="class">principle</xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ============================================================ source layout -->

  <!-- A page break of the source: the page number as printed, in the margin. -->
  <xsl:template match="tei:pb">
    <span class="pb" data-page="{@n}">
      <xsl:call-template name="pb-class"/>
      <span class="pb-label">
        <xsl:text>p.&#160;</xsl:text>
        <xsl:value-of select="@n"/>
      </span>
    </span>
  </xsl:template>

  <!-- A page turning inside a word, or between blocks (where no mark in the line is
       needed), is styled differently from one inside running text. -->
  <xsl:template name="pb-class">
    <xsl:choose>
      <xsl:when test="@break = 'no'">
        <xsl:attribute name="class">pb pb-inword</xsl:attribute>
      </xsl:when>
      <xsl:when test="parent::tei:div or parent::tei:body or parent::tei:front
                      or parent::tei:back or parent::tei:text">
        <xsl:attribute name="class">pb pb-block</xsl:attribute>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A line break of the source: kept in the diplomatic reading only, except in verse
       and addresses where the line is part of the edited text too. -->
  <xsl:template match="tei:lb">
    <xsl:choose>
      <xsl:when test="ancestor::tei:l or ancestor::tei:address or ancestor::tei:closer
                      or ancestor::tei:opener or ancestor::tei:signed">
        <br/>
      </xsl:when>
      <xsl:otherwise>
        <br class="dip"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Column breaks and milestones mark the source's layout; they are kept as invisible
       anchors so references to them resolve. -->
  <xsl:template match="tei:cb | tei:milestone | tei:anchor">
    <span class="{local-name()}">
      <xsl:call-template name="id-attribute"/>
    </span>
  </xsl:template>

  <!-- Running heads, catchwords, page numbers and the other forme work the encoders
       transcribed: shown where they stand in the source, set apart from the reading
       text (a page's only heading is often forme work). Forme work inside forme work is
       one line. -->
  <xsl:template match="tei:fw">
    <span class="fw">
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:fw//tei:fw">
    <xsl:text> </xsl:text><xsl:apply-templates/><xsl:text> </xsl:text>
  </xsl:template>

  <!-- ============================================================ names and dates -->

  <!-- A tagged name points at a register entry; the mention is marked by kind. The web
       stylesheet turns it into a link with a popover. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs
                       | tei:geogName">
    <xsl:variable name="kind">
      <xsl:call-template name="entity-kind"/>
    </xsl:variable>
    <span class="ent ent-{$kind}">
      <xsl:if test="@ref">
        <xsl:attribute name="data-ref">
          <xsl:call-template name="pointer-id">
            <xsl:with-param name="pointer" select="@ref"/>
          </xsl:call-template>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Parts of a personal name are not marked in the reading text. -->
  <xsl:template match="tei:forename | tei:surname | tei:roleName | tei:addName
                       | tei:genName | tei:nameLink">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template name="entity-kind">
    <xsl:choose>
      <xsl:when test="self::tei:persName">person</xsl:when>
      <xsl:when test="self::tei:placeName or self::tei:geogName">place</xsl:when>
      <xsl:when test="self::tei:orgName">org</xsl:when>
      <xsl:when test="@type = 'event'">event</xsl:when>
      <xsl:when test="@type = 'person' or @type = 'place' or @type = 'org'">
        <xsl:value-of select="@type"/>
      </xsl:when>
      <xsl:otherwise>name</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date keeps its normalised value machine-readable: <time> when @when is an ISO
       date, otherwise a span carrying the range. -->
  <xsl:template match="tei:date | tei:time">
    <xsl:choose>
      <xsl:when test="@when and translate(@when, '0123456789-:T', '') = ''">
        <time class="date" datetime="{@when}">
          <xsl:call-template name="date-certainty"/>
          <xsl:apply-templates/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span class="date">
          <xsl:call-template name="date-certainty"/>
          <!-- data-* names must be lower case in HTML. -->
          <xsl:for-each select="@when | @from | @to | @notBefore | @notAfter">
            <xsl:attribute name="data-{translate(local-name(), 'ABFT', 'abft')}">
              <xsl:value-of select="."/>
            </xsl:attribute>
          </xsl:for-each>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="date-certainty">
    <xsl:if test="@cert = 'low' or @cert = 'medium'">
      <xsl:attribute name="class">date date-uncertain</xsl:attribute>
      <xsl:attribute name="data-cert"><xsl:value-of select="@cert"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Numbers and measures read as written. -->
  <xsl:template match="tei:num | tei:measure | tei:unit">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ============================================================ interventions -->

  <!-- A choice offers two readings: the editorial one (corr, reg, expan) in the edited
       text, the source's (sic, orig, abbr) in the diplomatic text. -->
  <xsl:template match="tei:choice">
    <span class="choice">
      <xsl:apply-templates select="tei:corr | tei:reg | tei:expan"/>
      <xsl:apply-templates select="tei:sic | tei:orig | tei:abbr"/>
      <xsl:apply-templates select="tei:choice | tei:seg | tei:unclear"/>
    </span>
  </xsl:template>

  <!-- A choice of alternatives only (readings of an unclear passage, segments offered
       side by side): every alternative is shown, in the encoders' order, separated by
       slashes; the first is the one the encoders put first, not a preferred reading. -->
  <xsl:template match="tei:choice[not(tei:corr | tei:reg | tei:expan | tei:sic | tei:orig
                       | tei:abbr)]">
    <span class="choice alternatives">
      <xsl:for-each select="*">
        <xsl:if test="position() > 1"><span class="alt-sep"> / </span></xsl:if>
        <span class="alternative"><xsl:apply-templates select="."/></span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="tei:choice/tei:corr | tei:choice/tei:reg | tei:choice/tei:expan">
    <span class="ed {local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:choice/tei:sic | tei:choice/tei:orig | tei:choice/tei:abbr">
    <span class="dip {local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A sic without a correction: the source's reading is kept in both texts and
       flagged as such in the edited one. -->
  <xsl:template match="tei:sic">
    <span class="sic"><xsl:apply-templates/></span>
    <span class="ed sic-flag"> [sic]</span>
  </xsl:template>

  <!-- A correction without the erroneous form, or editorial expansion/regularisation:
       editorial text, so absent from the diplomatic reading. -->
  <xsl:template match="tei:corr | tei:reg | tei:expan">
    <span class="ed {local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:orig | tei:abbr">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Text supplied by the editor, in square brackets; not in the diplomatic text. -->
  <xsl:template match="tei:supplied">
    <span class="ed supplied">
      <xsl:text>[</xsl:text><xsl:apply-templates/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- Text the source deletes: only in the diplomatic reading, struck through. -->
  <xsl:template match="tei:del">
    <del class="dip"><xsl:apply-templates/></del>
  </xsl:template>

  <!-- Text the source adds: in both readings, marked as an insertion. -->
  <xsl:template match="tei:add">
    <ins class="add"><xsl:apply-templates/></ins>
  </xsl:template>

  <!-- Redundant text of the source: removed in the edited reading. -->
  <xsl:template match="tei:surplus">
    <span class="dip surplus"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A doubtful reading of the source. -->
  <xsl:template match="tei:unclear">
    <span class="unclear"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- An omission: a bracketed ellipsis stands for the missing text. -->
  <xsl:template match="tei:gap">
    <span class="gap">
      <xsl:text>[…]</xsl:text>
    </span>
  </xsl:template>

  <!-- A segment has no rendering of its own. -->
  <xsl:template match="tei:seg">
    <span class="seg">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ============================================================ notes -->

  <!-- A note leaves a numbered marker where it annotates; its text is collected in the
       "notes" mode. Notes are numbered through the whole text. -->
  <xsl:template match="tei:note">
    <xsl:variable name="n"><xsl:call-template name="note-number"/></xsl:variable>
    <sup class="noteref">
      <xsl:attribute name="id"><xsl:call-template name="note-id"/>-ref</xsl:attribute>
      <xsl:value-of select="$n"/>
    </sup>
  </xsl:template>

  <!-- Notes, apparatus entries and choices carry their number in @num:n when the caller
       stamped it (edition.html.transform.numbered): <xsl:number level="any"> scans every
       preceding node for each one, quadratic over a long text. -->
  <xsl:template name="note-number">
    <xsl:choose>
      <xsl:when test="@num:n"><xsl:value-of select="@num:n"/></xsl:when>
      <xsl:otherwise>
        <xsl:number level="any" count="tei:note[not(ancestor::tei:teiHeader)
                                            and not(ancestor::tei:listApp[ancestor::tei:div[@type = 'apparatus']])]"
                    from="tei:text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="note-id">
    <xsl:text>note-</xsl:text>
    <xsl:call-template name="note-number"/>
  </xsl:template>

  <!-- The list of notes of a text (use on the text element). -->
  <xsl:template match="*" mode="notes">
    <!-- (an EpiDoc apparatus lists the notes of its entries itself, epidoc.xsl) -->
    <xsl:variable name="notes" select=".//tei:note[not(ancestor::tei:teiHeader)
        and not(ancestor::tei:listApp[ancestor::tei:div[@type = 'apparatus']])]"/>
    <xsl:if test="$notes">
      <ol class="notes">
        <xsl:for-each select="$notes">
          <li>
            <xsl:attribute name="id"><xsl:call-template name="note-id"/></xsl:attribute>
            <xsl:attribute name="value"><xsl:call-template name="note-number"/></xsl:attribute>
            <xsl:if test="@type">
              <xsl:attribute name="class">
                <xsl:value-of select="concat('note note-', translate(@type, ' &quot;&lt;&gt;', '----'))"/>
              </xsl:attribute>
            </xsl:if>
            <xsl:apply-templates select="." mode="note-body"/>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note" mode="note-body">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Paragraphs inside a note are blocks of the note, not citable paragraphs. -->
  <xsl:template match="tei:note//tei:p">
    <xsl:variable name="element"><xsl:call-template name="paragraph-element"/></xsl:variable>
    <xsl:element name="{$element}">
      <xsl:attribute name="class">note-p</xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ============================================================ apparatus -->

  <!-- A variant: the lemma stands in the text, marked, with a lettered marker keyed to
       its apparatus entry. -->
  <!-- An app without lem (some editions record only readings): its first reading stands
       in the text and leads its entry, as a lemma would (the same rule as
       edition.textual). -->
  <xsl:template match="tei:app">
    <span class="app">
      <span class="lem-text"><xsl:apply-templates select="(tei:lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not(current()/tei:lem)][1])/node()"/></span>
      <sup class="appref">
        <xsl:attribute name="id"><xsl:call-template name="app-id"/>-ref</xsl:attribute>
        <xsl:call-template name="app-label"/>
      </sup>
    </span>
  </xsl:template>

  <!-- An apparatus attached by double end-points: an app without a lemma whose @from
       (and @to) point at words of the base text. Its marker (web) and its entry (print)
       stand after the last word it points at, its lemma in the apparatus is those words. -->
  <xsl:key name="attached-app" match="tei:app[@from and not(tei:lem)]"
           use="substring-after(normalize-space(@from), '#')"/>
  <!-- the same by its last word, where its marker and its printed entry stand: @to when
       it names a word of the text, else @from -->
  <xsl:key name="attached-app-to" match="tei:app[@from and @to and not(tei:lem)]"
           use="substring-after(normalize-space(@to), '#')"/>

  <xsl:template name="attached-lemma">
    <xsl:variable name="from" select="key('ids', substring-after(normalize-space(@from), '#'))"/>
    <xsl:variable name="to" select="key('ids', substring-after(normalize-space(@to), '#'))"/>
    <span class="lem">
      <xsl:value-of select="normalize-space($from)"/>
      <!-- two words next to each other are both cited, a longer lemma first … last -->
      <xsl:if test="$to and count($to | $from) = 2">
        <xsl:choose>
          <xsl:when test="count($from/following::*[local-name() = local-name($from)][1] | $to) = 1">
            <xsl:text> </xsl:text>
          </xsl:when>
          <xsl:otherwise><xsl:text> … </xsl:text></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="normalize-space($to)"/>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template name="app-number">
    <xsl:choose>
      <xsl:when test="@num:n"><xsl:value-of select="@num:n"/></xsl:when>
      <xsl:otherwise>
        <xsl:number level="any" from="tei:text"
            count="tei:app[not(ancestor::tei:listApp[ancestor::tei:div[@type = 'apparatus']])]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="app-id">
    <xsl:text>app-</xsl:text>
    <xsl:call-template name="app-number"/>
  </xsl:template>

  <!-- Apparatus markers are letters (a, b, … z, aa, ab …) so they cannot be mistaken
       for note numbers. -->
  <xsl:template name="app-label">
    <xsl:variable name="n"><xsl:call-template name="app-number"/></xsl:variable>
    <xsl:number value="$n" format="a"/>
  </xsl:template>

  <!-- The apparatus of a text (use on the text element): lemma ] readings with sigla. -->
  <xsl:template match="*" mode="apparatus">
    <xsl:variable name="apps" select=".//tei:app[not(ancestor::tei:teiHeader)
        and not(ancestor::tei:listApp[ancestor::tei:div[@type = 'apparatus']])]"/>
    <xsl:if test="$apps">
      <ol class="apparatus">
        <xsl:for-each select="$apps">
          <xsl:variable name="base" select="tei:lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not(current()/tei:lem)][1]"/>
          <li>
            <xsl:attribute name="id"><xsl:call-template name="app-id"/></xsl:attribute>
            <xsl:call-template name="app-filter-data"/>
            <a class="app-label">
              <xsl:attribute name="href">#<xsl:call-template name="app-id"/>-ref</xsl:attribute>
              <xsl:call-template name="app-label"/>
            </a>
            <xsl:text> </xsl:text>
            <xsl:if test="@num:line"><span class="app-line"><xsl:value-of select="@num:line"/></span><xsl:text> </xsl:text></xsl:if>
            <!-- Attached by @from to words of the text, the entry's lemma is those words
                 and every reading is a variant of them. -->
            <xsl:variable name="attached" select="not(tei:lem)
                          and key('ids', substring-after(normalize-space(@from), '#'))"/>
            <xsl:choose>
              <xsl:when test="$attached">
                <xsl:call-template name="attached-lemma"/>
                <xsl:text>] </xsl:text>
              </xsl:when>
              <xsl:when test="normalize-space($base) != ''">
                <xsl:apply-templates select="$base" mode="apparatus-entry"/>
                <!-- an app of one reading: that reading alone, no "]" before nothing -->
                <xsl:if test="(tei:rdg | tei:rdgGrp/tei:rdg)[generate-id() != generate-id($base)]">
                  <xsl:text>] </xsl:text>
                </xsl:if>
              </xsl:when>
            </xsl:choose>
            <xsl:for-each select="(tei:rdg | tei:rdgGrp/tei:rdg)[$attached or normalize-space($base) = ''
                                  or generate-id() != generate-id($base)]">
              <xsl:call-template name="reading-separator"/>
              <xsl:apply-templates select="." mode="apparatus-entry"/>
            </xsl:for-each>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- Between the readings of an entry: a semicolon; between readings of one group
       (rdgGrp: the same reading in different spellings, say) a comma, so a group reads
       as one ("fery B, ferrie C; boat D"). Called on a reading, in its list. -->
  <xsl:template name="reading-separator">
    <xsl:if test="position() &gt; 1">
      <xsl:choose>
        <xsl:when test="parent::tei:rdgGrp and preceding-sibling::tei:rdg">
          <xsl:text>, </xsl:text>
        </xsl:when>
        <xsl:otherwise><xsl:text>; </xsl:text></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- What the web page's filter reads: the witnesses an entry names and the kinds of
       its readings (an empty reading is an omission, an empty lemma an addition). -->
  <xsl:template name="app-filter-data">
    <xsl:attribute name="data-wit">
      <xsl:for-each select=".//tei:lem[@wit] | .//tei:rdg[@wit]">
        <xsl:value-of select="concat(' ', normalize-space(translate(@wit, '#', '')), ' ')"/>
      </xsl:for-each>
    </xsl:attribute>
    <xsl:attribute name="data-type">
      <xsl:for-each select="tei:rdg | tei:rdgGrp/tei:rdg">
        <xsl:text> </xsl:text>
        <xsl:choose>
          <xsl:when test="@type = 'omission' or @type = 'transposition' or @type = 'conjecture'
                          or @type = 'addition'"><xsl:value-of select="@type"/></xsl:when>
          <xsl:when test="normalize-space(.) = '' and not(*)">omission</xsl:when>
          <xsl:when test="../tei:lem and normalize-space(../tei:lem) = ''">addition</xsl:when>
          <xsl:otherwise>substitution</xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:text> </xsl:text>
    </xsl:attribute>
  </xsl:template>

  <xsl:template match="tei:lem | tei:rdg" mode="apparatus-entry">
    <span class="{local-name()}">
      <xsl:choose>
        <xsl:when test="normalize-space(.) = '' and not(*)"><em>om.</em></xsl:when>
        <xsl:when test="self::tei:rdg and (@type = 'addition'
                        or (../tei:lem and normalize-space(../tei:lem) = ''))">
          <em>add.</em><xsl:text> </xsl:text><xsl:apply-templates mode="apparatus-inner"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="apparatus-inner"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="self::tei:rdg and @type = 'transposition'"><xsl:text> </xsl:text><em>transp.</em></xsl:if>
      <xsl:if test="self::tei:rdg and @type = 'conjecture'"><xsl:text> </xsl:text><em>conj.</em></xsl:if>
    </span>
    <xsl:if test="@wit">
      <xsl:text> </xsl:text>
      <span class="wit">
        <xsl:call-template name="sigla">
          <xsl:with-param name="list" select="normalize-space(@wit)"/>
        </xsl:call-template>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A variant inside a reading is cited in the entry by its own base reading (it has
       an entry of its own, with its marker where it stands in the text). -->
  <xsl:template match="tei:app" mode="apparatus-inner">
    <xsl:apply-templates select="(tei:lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not(current()/tei:lem)][1])/node()"
                         mode="apparatus-inner"/>
  </xsl:template>
  <xsl:template match="node()" mode="apparatus-inner">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- "#W #P" → "W P": the sigla of the witnesses; a witness's @n, where it has one, is
       its siglum as the edition prints it (an xml:id must be a name: "gp" for "GP"). -->
  <xsl:template name="sigla">
    <xsl:param name="list"/>
    <xsl:variable name="first">
      <xsl:choose>
        <xsl:when test="contains($list, ' ')"><xsl:value-of select="substring-before($list, ' ')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$list"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <abbr class="siglum">
      <xsl:variable name="witness" select="key('ids', substring-after($first, '#'))"/>
      <xsl:if test="$witness">
        <xsl:attribute name="title"><xsl:value-of select="normalize-space($witness)"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="siglum">
        <xsl:with-param name="id">
          <xsl:call-template name="pointer-id">
            <xsl:with-param name="pointer" select="$first"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </abbr>
    <xsl:if test="contains($list, ' ')">
      <xsl:text> </xsl:text>
      <xsl:call-template name="sigla">
        <xsl:with-param name="list" select="substring-after($list, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The siglum of a witness: its @n when it has one, else its id without the text's
       id as prefix ("kis1957-works" is "works"); the same rule as edition.witnesses. -->
  <xsl:template name="siglum">
    <xsl:param name="id"/>
    <xsl:variable name="witness" select="key('ids', $id)"/>
    <xsl:variable name="prefix" select="concat(/*/@xml:id, '-')"/>
    <xsl:choose>
      <xsl:when test="normalize-space($witness/@n) != ''">
        <xsl:value-of select="normalize-space($witness/@n)"/>
      </xsl:when>
      <xsl:when test="$prefix != '-' and starts-with($id, $prefix)">
        <xsl:value-of select="substring-after($id, $prefix)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$id"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a witness begins or ends (incipit, desinit), or a lacuna of it does, inside
       a reading: the abbreviations of printed apparatus, in italics. -->
  <!-- In the reading text (a reading standing for a missing lem) they are silent. -->
  <xsl:template match="tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd"/>
  <xsl:template match="tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd"
                mode="apparatus-inner">
    <xsl:call-template name="witness-mark"/>
  </xsl:template>
  <xsl:template name="witness-mark">
    <i class="wit-mark">
      <xsl:choose>
        <xsl:when test="self::tei:witStart">inc.</xsl:when>
        <xsl:when test="self::tei:witEnd">des.</xsl:when>
        <xsl:when test="self::tei:lacunaStart">lac. inc.</xsl:when>
        <xsl:otherwise>lac. des.</xsl:otherwise>
      </xsl:choose>
    </i>
  </xsl:template>

  <!-- Readings and witness details appear only in the apparatus. -->
  <xsl:template match="tei:rdg | tei:rdgGrp | tei:witDetail"/>

  <xsl:template match="tei:lem">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- ============================================================ phrase level -->

  <!-- Quotations and speech are typographically marked: <q> gives the language's
       quotation marks; a quotation made of paragraphs is a block quotation. -->
  <xsl:template match="tei:q | tei:quote | tei:said | tei:soCalled | tei:mentioned">
    <xsl:choose>
      <xsl:when test="tei:p | tei:lg | tei:l | tei:list">
        <blockquote class="{local-name()}">
          <xsl:call-template name="lang-attribute"/>
          <xsl:apply-templates/>
        </blockquote>
      </xsl:when>
      <xsl:otherwise>
        <q class="{local-name()}">
          <xsl:call-template name="lang-attribute"/>
          <xsl:apply-templates/>
        </q>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A quotation with its source: the quotation, then the reference. -->
  <xsl:template match="tei:cit">
    <span class="cit"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:cit/tei:bibl | tei:bibl">
    <span class="bibl"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A foreign word is italic and carries its language for screen readers and
       hyphenation. -->
  <xsl:template match="tei:foreign">
    <i class="foreign">
      <xsl:call-template name="lang-attribute"/>
      <xsl:apply-templates/>
    </i>
  </xsl:template>

  <!-- A term and its gloss. -->
  <xsl:template match="tei:term">
    <i class="term">
      <xsl:call-template name="lang-attribute"/>
      <xsl:apply-templates/>
    </i>
  </xsl:template>

  <xsl:template match="tei:gloss">
    <span class="gloss"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Emphasis of the source. -->
  <xsl:template match="tei:emph">
    <em><xsl:apply-templates/></em>
  </xsl:template>

  <!-- Highlighting by its rendition: the source's typography is kept where HTML has a
       meaning for it, otherwise named in a class. -->
  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="concat(' ', normalize-space(@rend), ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($rend, ' sup ') or contains($rend, ' superscript ')">
        <sup><xsl:apply-templates/></sup>
      </xsl:when>
      <xsl:when test="contains($rend, ' sub ') or contains($rend, ' subscript ')">
        <sub><xsl:apply-templates/></sub>
      </xsl:when>
      <xsl:when test="contains($rend, ' bold ')">
        <b><xsl:apply-templates/></b>
      </xsl:when>
      <xsl:when test="contains($rend, ' italic ') or contains($rend, ' italics ')
                      or normalize-space(@rend) = ''">
        <i><xsl:apply-templates/></i>
      </xsl:when>
      <xsl:otherwise>
        <span class="hi {translate(normalize-space(@rend), '&quot;&lt;&gt;', '---')}">
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A title inside the text is a cited work: articles in quotation marks, others in
       italics. -->
  <xsl:template match="tei:title">
    <xsl:choose>
      <xsl:when test="@level = 'a' or @level = 'u'">
        <q class="title"><xsl:apply-templates/></q>
      </xsl:when>
      <xsl:otherwise>
        <cite class="title"><xsl:apply-templates/></cite>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Abbreviation-like labels of the source. -->
  <xsl:template match="tei:address">
    <span class="address"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:addrLine">
    <span class="addrLine"><xsl:apply-templates/></span>
    <br/>
  </xsl:template>

  <!-- A cross-reference: a link when its target has a safe scheme, else its text. -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="url">
      <xsl:call-template name="safe-url">
        <xsl:with-param name="url" select="@target"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($url) != ''">
        <a class="{local-name()}" href="{$url}">
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$url"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ more phrase level -->

  <!-- Abbreviation marker of the source (diplomatic only) and letters the editor
       supplies in an expansion (edited only, in italics as the convention is). -->
  <xsl:template match="tei:am">
    <span class="dip am"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:ex">
    <span class="ed ex"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A substitution shows its deletion and addition as such. -->
  <xsl:template match="tei:subst">
    <span class="subst"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Damaged or restored text of the source: shown, marked. -->
  <xsl:template match="tei:damage | tei:restore">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Text the editor judges spurious stays in the text, in double brackets. -->
  <xsl:template match="tei:secl">
    <span class="secl">⟦<xsl:apply-templates/>⟧</span>
  </xsl:template>

  <!-- A blank space left in the source. -->
  <xsl:template match="tei:space">
    <span class="space"><xsl:text> </xsl:text></span>
  </xsl:template>

  <!-- Structural markers of the source (gatherings) and stand-off links carry no
       reading text. -->
  <xsl:template match="tei:gb">
    <span class="gb"><xsl:call-template name="id-attribute"/></span>
  </xsl:template>

  <xsl:template match="tei:link | tei:linkGrp"/>

  <!-- A separate apparatus list (listApp) duplicates variants for other tools; the
       reading text carries its own app elements. -->
  <xsl:template match="tei:listApp"/>

  <!-- Images are not part of this edition's sources: a graphic is represented by its
       description, if any. -->
  <xsl:template match="tei:graphic">
    <xsl:if test="tei:desc">
      <span class="graphic">[<xsl:apply-templates select="tei:desc/node()"/>]</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:desc | tei:email | tei:wit | tei:idno">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Parts of addresses and place names read as written. -->
  <xsl:template match="tei:street | tei:postCode | tei:settlement | tei:district
                       | tei:region | tei:country | tei:bloc | tei:geogFeat">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A group of notes: each note is numbered on its own. -->
  <xsl:template match="tei:noteGrp">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- A list of witnesses, where a text declares it in its body: siglum and name. -->
  <xsl:template match="tei:listWit">
    <dl class="listWit">
      <xsl:for-each select="tei:witness">
        <dt><xsl:value-of select="@xml:id"/></dt>
        <dd><xsl:apply-templates/></dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- Bibliographies: one reference per item; the parts of a structured reference are
       separated by commas, since the encoding stores no punctuation between them. -->
  <xsl:template match="tei:listBibl">
    <xsl:apply-templates select="tei:head"/>
    <ul class="listBibl">
      <xsl:for-each select="tei:bibl | tei:biblStruct">
        <li><xsl:apply-templates select="."/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="tei:biblStruct">
    <span class="biblStruct"><xsl:apply-templates select="*"/></span>
  </xsl:template>

  <xsl:template match="tei:analytic | tei:monogr | tei:imprint | tei:series
                       | tei:relatedItem">
    <span class="{local-name()}"><xsl:apply-templates select="*"/></span>
    <xsl:call-template name="bibl-separator"/>
  </xsl:template>

  <xsl:template match="tei:author | tei:editor | tei:publisher | tei:pubPlace
                       | tei:biblScope | tei:citedRange | tei:edition | tei:extent">
    <span class="{local-name()}"><xsl:apply-templates/></span>
    <xsl:call-template name="bibl-separator"/>
  </xsl:template>

  <xsl:template name="bibl-separator">
    <xsl:if test="(parent::tei:biblStruct or parent::tei:analytic or parent::tei:monogr
                   or parent::tei:imprint or parent::tei:series) and following-sibling::*">
      <xsl:text>, </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Names of markup in the editorial principles: element names in angle brackets,
       attributes with @, values in quotation marks; all as code. -->
  <xsl:template match="tei:gi">
    <code class="gi">&lt;<xsl:apply-templates/>&gt;</code>
  </xsl:template>

  <xsl:template match="tei:att">
    <code class="att">@<xsl:apply-templates/></code>
  </xsl:template>

  <xsl:template match="tei:val">
    <code class="val">"<xsl:apply-templates/>"</code>
  </xsl:template>

  <xsl:template match="tei:code | tei:tag | tei:ident">
    <code class="{local-name()}"><xsl:apply-templates/></code>
  </xsl:template>

  <xsl:template match="tei:eg">
    <pre class="eg"><xsl:apply-templates/></pre>
  </xsl:template>

  <!-- ============================================================ register data in a text -->

  <!-- Registers live in their own files; where a text itself holds a list of persons,
       places, organisations or events, each entry is an item showing its data in
       order. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent
                       | tei:listRelation">
    <xsl:apply-templates select="tei:head"/>
    <ul class="{local-name()}"><xsl:apply-templates select="*[not(self::tei:head)]"/></ul>
  </xsl:template>

  <xsl:template match="tei:person | tei:personGrp | tei:place | tei:org | tei:event
                       | tei:relation">
    <li>
      <xsl:call-template name="id-attribute"/>
      <xsl:for-each select="* | @name[parent::tei:relation]">
        <xsl:if test="position() &gt; 1"><xsl:text>; </xsl:text></xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </li>
  </xsl:template>

  <xsl:template match="tei:birth | tei:death | tei:floruit | tei:occupation | tei:affiliation
                       | tei:education | tei:faith | tei:nationality | tei:residence
                       | tei:sex | tei:gender | tei:state | tei:trait | tei:location
                       | tei:geo | tei:distinct">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ============================================================ drama -->

  <!-- Speeches keep their speaker on the line before; stage directions are italic. -->
  <xsl:template match="tei:sp">
    <div class="sp">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <span class="speaker"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:stage">
    <span class="stage"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:set">
    <div class="set"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- The list of roles of a play. -->
  <xsl:template match="tei:castList">
    <xsl:apply-templates select="tei:head"/>
    <ul class="castList"><xsl:apply-templates select="*[not(self::tei:head)]"/></ul>
  </xsl:template>

  <xsl:template match="tei:castItem">
    <li><xsl:apply-templates/></li>
  </xsl:template>

  <xsl:template match="tei:castGroup">
    <li><xsl:apply-templates select="tei:head"/><ul><xsl:apply-templates select="*[not(self::tei:head)]"/></ul></li>
  </xsl:template>

  <xsl:template match="tei:role | tei:roleDesc | tei:actor | tei:rhyme">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Where a witness breaks off and resumes. -->
  <xsl:template match="tei:lacunaStart">
    <span class="lacuna">[lacuna begins]</span>
  </xsl:template>

  <xsl:template match="tei:lacunaEnd">
    <span class="lacuna">[lacuna ends]</span>
  </xsl:template>

  <!-- ============================================================ helpers -->

  <!-- Copy the canonical reference as the HTML id. -->
  <!-- An element's id, unless it is the text's own (an encoder may give a surface or a
       division the id of its file, which the page already carries for the text). -->
  <xsl:template name="id-attribute">
    <xsl:if test="@xml:id and not($text-id != '' and @xml:id = $text-id)">
      <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- The language of a passage in another language than its text. -->
  <xsl:template name="lang-attribute">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- "#kim-il-sung" or "registers/persons.xml#kim-il-sung" → "kim-il-sung". -->
  <xsl:template name="pointer-id">
    <xsl:param name="pointer"/>
    <xsl:variable name="first">
      <xsl:choose>
        <xsl:when test="contains(normalize-space($pointer), ' ')">
          <xsl:value-of select="substring-before(normalize-space($pointer), ' ')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space($pointer)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="contains($first, '#')"><xsl:value-of select="substring-after($first, '#')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A URL only if it is safe to follow, else the empty string. The rule is the
       build's (edition/url_safety.py, the extension function url:safe): http, https,
       mailto or a relative reference; never javascript:, data:, vbscript: … -->
  <xsl:template name="safe-url">
    <xsl:param name="url"/>
    <xsl:value-of select="url:safe(string($url))"/>
  </xsl:template>

  <!-- Any other TEI element: its text is kept so nothing of the source is lost, and the
       element is reported (the message names the element and its position in document
       order, which the build turns into a file:line warning). -->
  <xsl:template match="tei:*">
    <span class="tei-unknown tei-{local-name()}">
      <xsl:apply-templates/>
    </span>
    <xsl:message>html-unknown-element <xsl:value-of select="local-name()"/> <xsl:text> </xsl:text>
      <xsl:value-of select="count(preceding::*) + count(ancestor::*)"/>
    </xsl:message>
  </xsl:template>

  <!-- Elements of other vocabularies: text only, and reported like unknown TEI. -->
  <xsl:template match="*">
    <span class="foreign-markup"><xsl:apply-templates/></span>
    <xsl:message>html-unknown-element <xsl:value-of select="name()"/> <xsl:text> </xsl:text>
      <xsl:value-of select="count(preceding::*) + count(ancestor::*)"/>
    </xsl:message>
  </xsl:template>

</xsl:stylesheet>
