<?xml version="1.0" encoding="UTF-8"?>
<!--
  nesting.xsl (included by common.xsl): texts inside texts, and the numbered divisions
  of older TEI.

  The reference, anchor and heading of every inner text (group/text at any depth) are
  worked out once, in Python (edition/nesting.py), and stamped on the tree by the
  pre-pass every output runs (edition.html.transform.numbered) as num:ref, num:anchor,
  num:head and num:depth; the element that is the encoder's own title of an inner text
  carries num:heading (its heading level). These templates only present them.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:num="urn:edition:numbered"
    exclude-result-prefixes="tei num">

  <!-- An inner text is a section of the page with its own anchor and canonical
       reference; without a title of its own it gets one made from its reference. -->
  <xsl:template match="tei:group/tei:text[@num:anchor]">
    <section class="inner-text" id="{@num:anchor}" data-ref="{@num:ref}">
      <xsl:if test="@type">
        <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="lang-attribute"/>
      <xsl:if test="not(@num:titled)">
        <xsl:call-template name="inner-heading">
          <xsl:with-param name="level" select="@num:depth + 1"/>
          <xsl:with-param name="label" select="string(@num:head)"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- A group of texts is only their container. -->
  <xsl:template match="tei:group">
    <div class="group"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- The encoder's own title of an inner text (its main titlePart, docTitle, or an
       opening head) is its heading, with the text's reference before it. -->
  <xsl:template match="tei:*[@num:heading]" priority="3">
    <xsl:variable name="label"><xsl:apply-templates mode="inner-label"/></xsl:variable>
    <xsl:call-template name="inner-heading">
      <xsl:with-param name="level" select="@num:heading"/>
      <xsl:with-param name="label" select="normalize-space($label)"/>
      <xsl:with-param name="content"
          select="self::tei:titlePart/node() | self::tei:head/node()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="inner-heading">
    <xsl:param name="level"/>
    <xsl:param name="label"/>
    <xsl:param name="content" select="/.."/>
    <xsl:variable name="text" select="ancestor-or-self::tei:text[@num:anchor][1]"/>
    <xsl:variable name="h">
      <xsl:choose>
        <xsl:when test="$level &gt; 6">6</xsl:when>
        <xsl:when test="$level &lt; 2">2</xsl:when>
        <xsl:otherwise><xsl:value-of select="$level"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$h}">
      <xsl:attribute name="class">head text-head</xsl:attribute>
      <!-- the plain label: the PDF's bookmark and running head -->
      <xsl:attribute name="data-label"><xsl:value-of select="$label"/></xsl:attribute>
      <span class="text-ref"><xsl:value-of select="$text/@num:ref"/></span>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="$content"><xsl:apply-templates select="$content"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- The label of a heading: its text without notes or the source's forms. -->
  <xsl:template match="tei:note | tei:sic | tei:orig | tei:abbr | tei:rdg | tei:del
                       | tei:fw" mode="inner-label"/>
  <xsl:template match="*" mode="inner-label"><xsl:apply-templates mode="inner-label"/></xsl:template>

  <!-- TEI P4's and some P5 projects' numbered divisions are divisions. -->
  <xsl:template match="tei:div0 | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5
                       | tei:div6 | tei:div7">
    <section class="div div-{local-name()}">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

</xsl:stylesheet>
