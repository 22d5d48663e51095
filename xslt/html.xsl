<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: the reading text for the web edition. Everything is inherited from
  common.xsl; this stylesheet adds what only a screen can do: links from mentions to
  register pages, popovers for entries, notes, corrections and variants, and the
  per-paragraph citation control.

  Links are resolved by extension functions of the build (namespace
  "urn:edition:html"), which know the site's file names:
    ed:entry-href(id)      site-relative page of a register entry, or ""
    ed:pointer-href(url)   site-relative page#anchor of an edition pointer (#id), a safe
                           external URL unchanged, or "" when it must not become a link
  The parameter "root" is the path from the page to the site root ("../" for pages in
  texts/ and entries/).

  Popovers: an element with data-tip="X" and aria-describedby="X" describes itself by
  element X (hidden until shown); the site's script shows X beside it on hover and on
  keyboard focus. Without script the links stay plain links.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition:html"
    xmlns:num="urn:edition:numbered"
    exclude-result-prefixes="tei ed num">

  <xsl:import href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="root" select="'../'"/>

  <!-- The whole text: reading text, then the notes and the apparatus. -->
  <xsl:template match="/">
    <div class="reading">
      <!-- A whole TEI document renders its text; any other element (the edition's
           introduction, a header's encodingDesc) renders itself. -->
      <xsl:variable name="text"
          select="tei:TEI/tei:text | tei:TEI/tei:sourceDoc | *[not(self::tei:TEI)]"/>
      <xsl:apply-templates select="tei:TEI/tei:teiHeader"/>
      <xsl:apply-templates select="$text"/>
      <xsl:apply-templates select="tei:TEI/tei:facsimile"/>
      <xsl:if test="$text//tei:note[not(ancestor::tei:teiHeader)
                    and not(ancestor::tei:listApp[ancestor::tei:div[@type = 'apparatus']])]">
        <section class="endnotes" aria-labelledby="notes-heading">
          <h2 id="notes-heading">Notes</h2>
          <xsl:apply-templates select="$text" mode="notes"/>
        </section>
      </xsl:if>
      <xsl:if test="$text//tei:app[not(ancestor::tei:listApp[ancestor::tei:div[@type = 'apparatus']])]">
        <section class="apparatus-section" aria-labelledby="apparatus-heading">
          <h2 id="apparatus-heading">Apparatus</h2>
          <xsl:apply-templates select="$text" mode="apparatus"/>
        </section>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Links cannot nest in HTML: inside a linked mention or cross-reference, a name,
       note marker, variant marker or correction is shown without a link or popover of
       its own (the register and the lists of notes and variants still hold it). -->
  <xsl:template name="inside-link">
    <xsl:if test="ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName
                              or self::tei:name or self::tei:rs or self::tei:geogName][@ref]
                  or ancestor::tei:ref[@target] or ancestor::tei:ptr">yes</xsl:if>
  </xsl:template>

  <!-- The paragraph number links to the paragraph's own anchor, so it can be copied as
       a pinpoint link; the cite button opens the paragraph's citations. -->
  <xsl:template name="paragraph-number">
    <!-- the number shown is the paragraph's own; the label names its full locator
         (3.2.5 in a text with chapters and sections), as citations do -->
    <xsl:variable name="prefix" select="concat(/tei:TEI/@xml:id, '.')"/>
    <xsl:variable name="locator">
      <xsl:choose>
        <xsl:when test="/tei:TEI/@xml:id and starts-with(@xml:id, $prefix)">
          <xsl:value-of select="substring-after(@xml:id, $prefix)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="@n"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <a class="pnum" href="#{@xml:id}" aria-label="Paragraph {$locator}">
      <xsl:value-of select="@n"/>
    </a>
    <button type="button" class="cite-para" data-ref="{@xml:id}" hidden="hidden"
            aria-label="Cite paragraph {$locator}">Cite</button>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- A mention links to its register entry, styled by kind; the entry's summary is
       its popover. An unknown entry is marked but not linked. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs
                       | tei:geogName">
    <xsl:variable name="kind"><xsl:call-template name="entity-kind"/></xsl:variable>
    <xsl:variable name="id">
      <xsl:call-template name="pointer-id">
        <xsl:with-param name="pointer" select="@ref"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="href" select="ed:entry-href(string($id))"/>
    <xsl:variable name="nested"><xsl:call-template name="inside-link"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="@ref and string($href) != '' and $nested = ''">
        <a class="ent ent-{$kind}" href="{$root}{$href}" data-ref="{$id}"
           data-tip="tip-{$id}" aria-describedby="tip-{$id}">
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ent ent-{$kind}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note of the header's manuscript description follows its statement (common.xsl). -->
  <xsl:template match="tei:teiHeader//tei:note">
    <xsl:apply-imports/>
  </xsl:template>

  <!-- Note marker: a link to the note, whose text is its popover and its description;
       the note links back to the marker. -->
  <xsl:template match="tei:note">
    <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
    <xsl:variable name="nested"><xsl:call-template name="inside-link"/></xsl:variable>
    <sup class="noteref" id="{$id}-ref">
      <xsl:choose>
        <xsl:when test="$nested = ''">
          <a href="#{$id}" role="doc-noteref" data-tip="{$id}-body"
             aria-describedby="{$id}-body">
            <xsl:call-template name="note-number"/>
          </a>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="note-number"/></xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>

  <xsl:template match="tei:note" mode="note-body">
    <xsl:variable name="id"><xsl:call-template name="note-id"/></xsl:variable>
    <div class="note-body" id="{$id}-body"><xsl:apply-templates/></div>
    <xsl:text> </xsl:text>
    <a class="backlink" href="#{$id}-ref" aria-label="Back to note {substring-after($id, 'note-')} in the text">↩</a>
  </xsl:template>

  <!-- Alternatives without a corrected or a source form are all shown (common.xsl). -->
  <xsl:template match="tei:choice[not(tei:corr | tei:reg | tei:expan | tei:sic | tei:orig
                       | tei:abbr)]">
    <xsl:apply-imports/>
  </xsl:template>

  <!-- A corrected reading is marked; the source's form is its popover (and is shown in
       its place in the diplomatic reading). -->
  <xsl:template match="tei:choice">
    <!-- numbered, not generate-id(): the same input must give the same page -->
    <xsl:variable name="tip">
      <xsl:text>alt-</xsl:text>
      <xsl:choose>
        <xsl:when test="@num:n"><xsl:value-of select="@num:n"/></xsl:when>
        <xsl:otherwise><xsl:number level="any" count="tei:choice" from="tei:text"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="nested"><xsl:call-template name="inside-link"/></xsl:variable>
    <span class="choice">
      <span class="ed choice-ed" aria-describedby="{$tip}">
        <xsl:if test="$nested = ''">
          <xsl:attribute name="tabindex">0</xsl:attribute>
          <xsl:attribute name="data-tip"><xsl:value-of select="$tip"/></xsl:attribute>
        </xsl:if>
        <xsl:apply-templates select="tei:corr/node() | tei:reg/node() | tei:expan/node()"/>
      </span>
      <xsl:apply-templates select="tei:sic | tei:orig | tei:abbr"/>
      <span class="tip-source" id="{$tip}" hidden="hidden">
        <xsl:choose>
          <xsl:when test="tei:sic">Source reads: </xsl:when>
          <xsl:when test="tei:abbr">Abbreviated in the source: </xsl:when>
          <xsl:otherwise>Original spelling: </xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="normalize-space(tei:sic | tei:orig | tei:abbr)"/>
        <xsl:if test="tei:corr/@resp | tei:reg/@resp">
          <xsl:text> (editorial correction)</xsl:text>
        </xsl:if>
      </span>
    </span>
  </xsl:template>

  <!-- An apparatus entry attached by double end-points is not text where it is encoded:
       its marker follows the last word it points at (@to, else @from). -->
  <xsl:template match="tei:app[@from and not(tei:lem)
                       and key('ids', substring-after(normalize-space(@from), '#'))]"/>

  <xsl:template match="tei:w[@xml:id and (key('attached-app', @xml:id) or key('attached-app-to', @xml:id))]
                       | tei:seg[@xml:id and (key('attached-app', @xml:id) or key('attached-app-to', @xml:id))]">
    <xsl:apply-imports/>
    <xsl:variable name="nested"><xsl:call-template name="inside-link"/></xsl:variable>
    <xsl:for-each select="key('attached-app', @xml:id)[not(key('ids', substring-after(normalize-space(@to), '#')))]
                          | key('attached-app-to', @xml:id)[key('ids', substring-after(normalize-space(@from), '#'))]">
      <xsl:variable name="id"><xsl:call-template name="app-id"/></xsl:variable>
      <sup class="appref" id="{$id}-ref">
        <xsl:choose>
          <xsl:when test="$nested = ''">
            <a href="#{$id}" data-tip="{$id}" aria-describedby="{$id}">
              <xsl:call-template name="app-label"/>
            </a>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="app-label"/></xsl:otherwise>
        </xsl:choose>
      </sup>
    </xsl:for-each>
  </xsl:template>

  <!-- A variant: the lemma is marked, its marker links to the apparatus entry, which is
       also its popover. -->
  <xsl:template match="tei:app">
    <xsl:variable name="id"><xsl:call-template name="app-id"/></xsl:variable>
    <span class="app">
      <xsl:variable name="base" select="tei:lem | (tei:rdg | tei:rdgGrp/tei:rdg)[not(current()/tei:lem)][1]"/>
      <span class="lem-text">
        <xsl:if test="$base/@wit">
          <xsl:attribute name="data-wit"><xsl:call-template name="witness-ids"><xsl:with-param name="element" select="$base"/></xsl:call-template></xsl:attribute>
        </xsl:if>
        <xsl:apply-templates select="$base/node()"/>
      </span>
      <!-- What each other witness reads here, shown by the reading view (the page's
           script) in place of the lemma. -->
      <xsl:for-each select="(tei:rdg | tei:rdgGrp/tei:rdg)[@wit][generate-id() != generate-id($base)]">
        <span class="rdg-text" hidden="hidden">
          <xsl:attribute name="data-wit"><xsl:call-template name="witness-ids"><xsl:with-param name="element" select="."/></xsl:call-template></xsl:attribute>
          <xsl:apply-templates select="node()" mode="apparatus-inner"/>
        </span>
      </xsl:for-each>
      <xsl:variable name="nested"><xsl:call-template name="inside-link"/></xsl:variable>
      <sup class="appref" id="{$id}-ref">
        <xsl:choose>
          <xsl:when test="$nested = ''">
            <a href="#{$id}" data-tip="{$id}" aria-describedby="{$id}">
              <xsl:call-template name="app-label"/>
            </a>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="app-label"/></xsl:otherwise>
        </xsl:choose>
      </sup>
    </span>
  </xsl:template>

  <!-- " A B " for wit="#A #B": the witness ids, space-delimited for the page's script. -->
  <xsl:template name="witness-ids">
    <xsl:param name="element"/>
    <xsl:value-of select="concat(' ', normalize-space(translate($element/@wit, '#', '')), ' ')"/>
  </xsl:template>

  <!-- Cross-references inside the edition go to the page holding their target. -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="nested"><xsl:call-template name="inside-link"/></xsl:variable>
    <xsl:variable name="local" select="key('ids', substring-after(normalize-space(@target), '#'))
        [self::tei:p or self::tei:div or self::tei:ab or self::tei:seg or self::tei:anchor
         or self::tei:milestone or self::tei:item]"/>
    <xsl:variable name="href">
      <xsl:choose>
        <!-- a place in the same document: its anchor on this page -->
        <xsl:when test="starts-with(normalize-space(@target), '#') and $local">
          <xsl:value-of select="normalize-space(@target)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="ed:pointer-href(string(@target))"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($href) = '' or $nested != ''">
        <span class="{local-name()}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <a class="{local-name()}">
          <xsl:attribute name="href">
            <xsl:if test="not(contains(substring-before(concat($href, '/'), '/'), ':'))
                          and not(starts-with($href, '#'))">
              <xsl:value-of select="$root"/>
            </xsl:if>
            <xsl:value-of select="$href"/>
          </xsl:attribute>
          <xsl:apply-templates/>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="@target"/></xsl:if>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The source page number sits in the margin; it is labelled for screen readers. -->
  <xsl:template match="tei:pb">
    <span class="pb" data-page="{@n}" role="note" aria-label="Source page {@n}">
      <xsl:call-template name="pb-class"/>
      <span class="pb-label" aria-hidden="true">
        <xsl:text>p.&#160;</xsl:text>
        <xsl:value-of select="@n"/>
      </span>
    </span>
  </xsl:template>

  <!-- A page break with its page image (facs points at a surface): the number links to
       the image in the facsimile viewer beside the text, which follows the reader. -->
  <xsl:template match="tei:pb[starts-with(@facs, '#')]">
    <xsl:variable name="surface" select="substring-after(@facs, '#')"/>
    <span class="pb pb-facs" data-page="{@n}" data-facs="{$surface}" role="note"
          aria-label="Source page {@n}">
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="@break = 'no'">pb pb-inword pb-facs</xsl:when>
          <xsl:when test="parent::tei:div or parent::tei:body or parent::tei:front
                          or parent::tei:back or parent::tei:text">pb pb-block pb-facs</xsl:when>
          <xsl:otherwise>pb pb-facs</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <a class="pb-label" href="#facs-{$surface}" aria-label="Page image of p. {@n}">
        <xsl:text>p.&#160;</xsl:text>
        <xsl:value-of select="@n"/>
      </a>
    </span>
  </xsl:template>

  <!-- A line whose zone on the page image is known: an anchor the zone links to, and
       which the viewer highlights the zone for. -->
  <xsl:template match="tei:lb[starts-with(@facs, '#')]">
    <xsl:variable name="zone" select="substring-after(@facs, '#')"/>
    <a class="lb-zone" id="line-{$zone}" data-zone="{$zone}" href="#zone-{$zone}"
       aria-label="Line on the page image"></a>
    <xsl:apply-imports/>
  </xsl:template>

</xsl:stylesheet>
