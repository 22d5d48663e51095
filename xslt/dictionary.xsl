<?xml version="1.0" encoding="UTF-8"?>
<!--
  dictionary.xsl (included by common.xsl): dictionaries encoded after the TEI
  dictionaries chapter (FreeDict, retro-digitised print dictionaries), and the small
  markers of other projects' verse and structure.

  An entry is a block: its headword in bold, the grammar in italics, each sense on its
  own line with its number, translations and examples after it.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:template match="tei:entry | tei:superEntry | tei:entryFree">
    <div class="{local-name()}">
      <xsl:call-template name="id-attribute"/>
      <xsl:if test="@n and self::tei:entry and parent::tei:superEntry">
        <sup class="hom"><xsl:value-of select="@n"/></sup>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:form">
    <xsl:if test="parent::tei:form"><xsl:text>, </xsl:text></xsl:if>
    <span class="form form-{@type}"><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:orth | tei:hyph">
    <b class="{local-name()}"><xsl:apply-templates/></b>
    <xsl:if test="following-sibling::tei:orth"><xsl:text>, </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:pron">
    <span class="pron">/<xsl:apply-templates/>/</span>
  </xsl:template>

  <xsl:template match="tei:gramGrp">
    <i class="gramGrp"><xsl:apply-templates/></i>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:pos | tei:gen | tei:number | tei:case | tei:subc | tei:tns
                       | tei:mood | tei:per | tei:itype | tei:iType | tei:colloc | tei:lbl">
    <span class="{local-name()}"><xsl:apply-templates/></span>
    <xsl:if test="following-sibling::*"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:sense">
    <div class="sense">
      <xsl:call-template name="id-attribute"/>
      <xsl:if test="@n"><span class="sense-n"><xsl:value-of select="@n"/>. </span></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A translation equivalent or an example, in an entry. -->
  <xsl:template match="tei:entry//tei:cit | tei:entryFree//tei:cit" priority="2">
    <span class="cit cit-{@type}"><xsl:apply-templates/></span>
    <xsl:if test="following-sibling::tei:cit[@type = current()/@type]"><xsl:text>; </xsl:text></xsl:if>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:entry//tei:cit/tei:quote | tei:entryFree//tei:cit/tei:quote"
                priority="2">
    <span class="quote"><xsl:apply-templates/></span>
    <xsl:if test="following-sibling::*"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- A translation of an example, and the source of a quotation. -->
  <xsl:template match="tei:entry//tei:cit/tei:cit" priority="3">
    <span class="cit cit-{@type}">= <xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:entry//tei:cit/tei:bibl" priority="2">
    <span class="bibl">(<xsl:apply-templates/>)</span>
  </xsl:template>

  <xsl:template match="tei:def">
    <span class="def"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:etym | tei:xr | tei:re | tei:hom">
    <xsl:text> </xsl:text>
    <span class="{local-name()}"><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:usg">
    <span class="usg">(<xsl:apply-templates/>)</span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Verse markers of metrical projects: a syllable boundary is no text; a caesura a
       visible pause. -->
  <xsl:template match="tei:sb"/>
  <xsl:template match="tei:caesura"><span class="caesura"> ‖ </span></xsl:template>

  <!-- A division the encoder asks to be generated (a contents list, an index): the
       edition makes its own. -->
  <xsl:template match="tei:divGen"><xsl:apply-templates select="tei:head"/></xsl:template>

</xsl:stylesheet>
