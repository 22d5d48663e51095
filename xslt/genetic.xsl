<?xml version="1.0" encoding="UTF-8"?>
<!--
  genetic.xsl (included by common.xsl): a document-centred ("genetic") transcription,
  sourceDoc/surface/zone/line, rendered as a diplomatic transcription: every surface a
  page, every zone a block of it (a margin, an inserted slip), every line a line, and
  the writing process visible in both readings: deletions struck through, additions
  raised or in the margin as they were placed, metamarks shown with their function, and
  the hand of every intervention named after it.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- The facsimile: the images of the source's surfaces, each with its description and
       credit, after the text. -->
  <xsl:template match="tei:facsimile">
    <xsl:if test=".//tei:graphic[@url] or .//tei:desc[normalize-space()]">
      <section class="facsimile">
        <h2 class="head">Facsimile</h2>
        <ul class="facsimile-images">
          <xsl:for-each select=".//tei:graphic | .//tei:surface[not(.//tei:graphic)]">
            <li>
              <xsl:variable name="url">
                <xsl:call-template name="safe-url">
                  <xsl:with-param name="url" select="@url"/>
                </xsl:call-template>
              </xsl:variable>
              <xsl:variable name="label" select="normalize-space(concat(
                  ancestor-or-self::tei:surface[1]/@type, ' ', ancestor-or-self::tei:surface[1]/@n,
                  ' ', @n))"/>
              <xsl:choose>
                <xsl:when test="string($url) != ''">
                  <a class="facs" href="{$url}"><xsl:value-of select="$label"/>
                    <xsl:if test="$label = ''"><xsl:value-of select="@url"/></xsl:if></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
              </xsl:choose>
              <!-- a graphic's own descriptions; a surface's go with its first graphic -->
              <xsl:for-each select="tei:desc | tei:figDesc
                  | ../*[self::tei:desc or self::tei:figDesc]
                    [current()/self::tei:graphic[not(preceding-sibling::tei:graphic)]]">
                <xsl:text>: </xsl:text>
                <span class="facs-desc"><xsl:apply-templates/></span>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:sourceDoc">
    <div class="sourceDoc genetic">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:surfaceGrp">
    <div class="surfaceGrp"><xsl:call-template name="id-attribute"/><xsl:apply-templates/></div>
  </xsl:template>

  <!-- A surface (a page, a leaf): labelled by its @n, its zones in order. -->
  <xsl:template match="tei:surface">
    <section class="surface">
      <xsl:call-template name="id-attribute"/>
      <xsl:if test="@n or tei:label">
        <h2 class="head surface-head">
          <xsl:choose>
            <xsl:when test="tei:label"><xsl:apply-templates select="tei:label/node()"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="concat('Surface ', @n)"/></xsl:otherwise>
          </xsl:choose>
        </h2>
      </xsl:if>
      <xsl:apply-templates select="node()[not(self::tei:label)]"/>
    </section>
  </xsl:template>

  <!-- The image of a surface is not reading text. -->
  <xsl:template match="tei:surface/tei:graphic | tei:surface/tei:desc"/>

  <xsl:template match="tei:zone">
    <div class="zone">
      <xsl:attribute name="class">
        <xsl:value-of select="concat('zone zone-', translate(normalize-space(@type), ' &quot;&lt;&gt;', '----'))"/>
        <xsl:if test="@rotate and @rotate != '0'"> zone-rotated</xsl:if>
      </xsl:attribute>
      <xsl:call-template name="id-attribute"/>
      <xsl:if test="@rotate and @rotate != '0'">
        <xsl:attribute name="data-rotate"><xsl:value-of select="@rotate"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:sourceDoc//tei:line">
    <div class="line">
      <xsl:call-template name="id-attribute"/>
      <xsl:if test="@n"><span class="lineno"><xsl:value-of select="@n"/></span></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A deletion stays visible, struck through, with its hand. -->
  <xsl:template match="tei:sourceDoc//tei:del" priority="2">
    <del class="genetic-del del-{@rend}">
      <xsl:apply-templates/>
    </del>
    <xsl:call-template name="hand"/>
  </xsl:template>

  <!-- An addition where it was written: above or below the line, in a margin. -->
  <xsl:template match="tei:sourceDoc//tei:add" priority="2">
    <ins class="genetic-add add-{translate(@place, ' ', '-')}">
      <xsl:choose>
        <xsl:when test="@place = 'above' or @place = 'supralinear' or @place = 'superlinear'">
          <sup><xsl:apply-templates/></sup>
        </xsl:when>
        <xsl:when test="@place = 'below' or @place = 'infralinear'">
          <sub><xsl:apply-templates/></sub>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </ins>
    <xsl:call-template name="hand"/>
  </xsl:template>

  <!-- A deletion or an addition that runs over several lines or zones (delSpan, addSpan,
       to the anchor its @spanTo names): its beginning and its end are marked, ⟦ ⟧ for
       the deletion and ⸂ ⸃ for the addition (signs the book face has), the hand after the
       opening sign. -->
  <xsl:key name="span-end" match="tei:addSpan | tei:delSpan"
           use="substring-after(normalize-space(@spanTo), '#')"/>

  <xsl:template match="tei:delSpan | tei:addSpan">
    <span class="{local-name()}">
      <xsl:call-template name="id-attribute"/>
      <xsl:choose>
        <xsl:when test="self::tei:delSpan">
          <xsl:attribute name="title">deletion begins</xsl:attribute>⟦</xsl:when>
        <xsl:otherwise><xsl:attribute name="title">addition begins</xsl:attribute>⸂</xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:call-template name="hand"/>
  </xsl:template>

  <xsl:template match="tei:anchor[@xml:id and key('span-end', @xml:id)]">
    <span class="anchor span-end">
      <xsl:call-template name="id-attribute"/>
      <xsl:choose>
        <xsl:when test="key('span-end', @xml:id)[1][self::tei:delSpan]">⟧</xsl:when>
        <xsl:otherwise>⸃</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- The hand that made an intervention, named after it ("#mws" → mws). -->
  <xsl:template name="hand">
    <xsl:if test="@hand">
      <sup class="hand" title="hand">
        <xsl:value-of select="translate(normalize-space(@hand), '#', '')"/>
      </sup>
    </xsl:if>
  </xsl:template>

  <!-- A change of hand: from here on another writer. -->
  <xsl:template match="tei:handShift">
    <span class="handShift">
      <xsl:value-of select="concat('[', translate(normalize-space(concat(@new, ' ', @medium)), '#', ''), ']')"/>
    </span>
  </xsl:template>

  <!-- A metamark (a line, a cross, a number marking a transposition): its sign, if it
       was transcribed, and what it does. -->
  <xsl:template match="tei:metamark">
    <span class="metamark">
      <xsl:if test="@function">
        <xsl:attribute name="data-function"><xsl:value-of select="@function"/></xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="normalize-space(.) != ''"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise>※</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@function">
        <span class="metamark-function"><xsl:value-of select="concat(' [', @function, ']')"/></span>
      </xsl:if>
    </span>
    <xsl:call-template name="hand"/>
  </xsl:template>

  <!-- Writing gone over again, modified or restored: kept, marked. -->
  <xsl:template match="tei:mod | tei:retrace | tei:restore[ancestor::tei:sourceDoc]
                       | tei:substJoin">
    <span class="{local-name()}"><xsl:apply-templates/></span>
    <xsl:call-template name="hand"/>
  </xsl:template>

</xsl:stylesheet>
