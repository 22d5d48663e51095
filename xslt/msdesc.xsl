<?xml version="1.0" encoding="UTF-8"?>
<!--
  msdesc.xsl (included by common.xsl): a manuscript description (msDesc, msPart) that
  stands in the text, read as a catalogue entry: the shelfmark is its heading; its summary
  follows; contents, physical description, history and additional information each come
  under their own heading, every statement labelled with what it is ("Rubric", "Support").
  Statements the encoders left empty (<support/>) are not shown; what a statement says
  only in its attributes (layout/@columns, scriptNote/@script, supportDesc/@material) is
  written out. A note keeps its own rendering (a marker and an endnote).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:template match="tei:msDesc | tei:msPart">
    <section class="{local-name()}">
      <xsl:call-template name="id-attribute"/>
      <xsl:if test="tei:msIdentifier[normalize-space()]">
        <xsl:variable name="level">
          <xsl:choose>
            <xsl:when test="ancestor::tei:msDesc or ancestor::tei:msPart">h3</xsl:when>
            <xsl:otherwise>h2</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:element name="{$level}">
          <xsl:attribute name="class">head ms-shelfmark</xsl:attribute>
          <xsl:apply-templates select="tei:msIdentifier" mode="shelfmark"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates select="node()[not(self::tei:msIdentifier)]"/>
    </section>
  </xsl:template>

  <!-- The shelfmark: place, holder and number in the order encoded, comma-separated;
       another identifier of the same manuscript in parentheses after it. -->
  <xsl:template match="tei:msIdentifier | tei:altIdentifier" mode="shelfmark">
    <xsl:for-each select="*[normalize-space()]">
      <xsl:choose>
        <xsl:when test="self::tei:altIdentifier">
          <xsl:text> (</xsl:text>
          <xsl:apply-templates select="." mode="shelfmark"/>
          <xsl:text>)</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="position() > 1"><xsl:text>, </xsl:text></xsl:if>
          <span class="{local-name()}"><xsl:apply-templates/></span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The summary under the shelfmark (title, date, place of origin). -->
  <xsl:template match="tei:msDesc/tei:head | tei:msPart/tei:head">
    <p class="ms-summary">
      <!-- statements written one after another, with nothing between them, are
           separated; prose between elements is kept as written -->
      <xsl:for-each select="node()">
        <xsl:if test="self::*[not(self::tei:note or self::tei:hi)] and
                      preceding-sibling::node()[not(self::text()) or normalize-space()][1]
                      [self::* and not(self::tei:note)]">
          <xsl:text> · </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </p>
  </xsl:template>

  <!-- The parts of a description, each under its heading. -->
  <xsl:template match="tei:msDesc//tei:msContents | tei:msDesc//tei:physDesc
                       | tei:msDesc//tei:history | tei:msDesc//tei:additional">
    <xsl:if test="normalize-space() or .//@form or .//@material or .//@columns
                  or .//@ruledLines or .//@writtenLines or .//@script">
      <section class="ms-part ms-{local-name()}">
        <h3 class="head">
          <xsl:choose>
            <xsl:when test="self::tei:msContents">Contents</xsl:when>
            <xsl:when test="self::tei:physDesc">Physical description</xsl:when>
            <xsl:when test="self::tei:history">History</xsl:when>
            <xsl:otherwise>Additional information</xsl:otherwise>
          </xsl:choose>
        </h3>
        <xsl:apply-templates/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- An item of the contents: its leaves first, then what it holds; items inside items
       are indented below them. -->
  <xsl:template match="tei:msDesc//tei:msItem | tei:msDesc//tei:msItemStruct">
    <div class="msItem">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates select="tei:locus | tei:locusGrp"/>
      <xsl:apply-templates select="node()[not(self::tei:locus or self::tei:locusGrp)]"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:msDesc//tei:locus">
    <span class="locus">
      <xsl:choose>
        <xsl:when test="normalize-space()"><xsl:apply-templates/></xsl:when>
        <xsl:when test="@from and @to and @from != @to">
          <xsl:value-of select="concat('fols. ', @from, '–', @to)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('fol. ', @from, @to)"/></xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Statements: a labelled line each, when they say anything. -->
  <xsl:template match="tei:msDesc//tei:msItem/tei:author | tei:msDesc//tei:msItem/tei:title
      | tei:msDesc//tei:rubric | tei:msDesc//tei:incipit | tei:msDesc//tei:explicit
      | tei:msDesc//tei:finalRubric | tei:msDesc//tei:colophon | tei:msDesc//tei:filiation
      | tei:msDesc//tei:textLang | tei:msDesc//tei:summary | tei:msDesc//tei:support
      | tei:msDesc//tei:extent | tei:msDesc//tei:foliation | tei:msDesc//tei:collation
      | tei:msDesc//tei:condition | tei:msDesc//tei:layout | tei:msDesc//tei:handNote
      | tei:msDesc//tei:scriptNote | tei:msDesc//tei:decoNote | tei:msDesc//tei:musicNotation
      | tei:msDesc//tei:additions | tei:msDesc//tei:binding | tei:msDesc//tei:seal
      | tei:msDesc//tei:accMat | tei:msDesc//tei:origin | tei:msDesc//tei:provenance
      | tei:msDesc//tei:acquisition | tei:msDesc//tei:recordHist | tei:msDesc//tei:custodialHist
      | tei:msDesc//tei:surrogates | tei:msDesc//tei:adminInfo/tei:availability">
    <xsl:variable name="described"><xsl:call-template name="ms-attributes"/></xsl:variable>
    <xsl:if test="normalize-space() or normalize-space($described)">
      <div class="ms-statement ms-{local-name()}">
        <span class="ms-label"><xsl:call-template name="ms-label"/>: </span>
        <xsl:value-of select="$described"/>
        <xsl:if test="normalize-space($described) and normalize-space()">
          <xsl:text>; </xsl:text>
        </xsl:if>
        <xsl:apply-templates/>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Containers of statements: what their attributes say, then their statements. -->
  <xsl:template match="tei:msDesc//tei:objectDesc | tei:msDesc//tei:supportDesc
      | tei:msDesc//tei:layoutDesc | tei:msDesc//tei:handDesc | tei:msDesc//tei:scriptDesc
      | tei:msDesc//tei:decoDesc | tei:msDesc//tei:bindingDesc | tei:msDesc//tei:sealDesc
      | tei:msDesc//tei:typeDesc | tei:msDesc//tei:adminInfo">
    <xsl:variable name="described"><xsl:call-template name="ms-attributes"/></xsl:variable>
    <xsl:if test="normalize-space($described)">
      <div class="ms-statement ms-{local-name()}">
        <span class="ms-label"><xsl:call-template name="ms-label"/>: </span>
        <xsl:value-of select="$described"/>
      </div>
    </xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Dimensions as "30 × 20 × 5 cm", a unit given once for the measures that share
       it; measures left empty (a template's <height unit="cm"/>) are not shown. -->
  <xsl:template match="tei:msDesc//tei:dimensions">
    <xsl:variable name="given" select="(tei:height | tei:width | tei:depth | tei:dim)[normalize-space()]"/>
    <xsl:if test="$given">
      <span class="dimensions">
        <xsl:for-each select="$given">
          <xsl:if test="position() > 1"><xsl:text> × </xsl:text></xsl:if>
          <xsl:apply-templates/>
          <xsl:if test="@unit and not(following-sibling::*[normalize-space()][1]/@unit = @unit)">
            <xsl:value-of select="concat(' ', @unit)"/>
          </xsl:if>
        </xsl:for-each>
        <xsl:if test="@unit"><xsl:value-of select="concat(' ', @unit)"/></xsl:if>
        <xsl:if test="@type"><xsl:value-of select="concat(' (', @type, ')')"/></xsl:if>
      </span>
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- The material and the kind of object (EpiDoc's support: "limestone stele"). -->
  <xsl:template match="tei:msDesc//tei:material | tei:msDesc//tei:objectType">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:msDesc//tei:origDate | tei:msDesc//tei:origPlace">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- What the attributes of a statement say, in words. -->
  <xsl:template name="ms-attributes">
    <xsl:for-each select="@form | @material | @columns | @ruledLines | @writtenLines
                          | @script | @scope | @contemporary | @mainLang">
      <xsl:if test="position() > 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:choose>
        <xsl:when test="local-name() = 'columns'">
          <xsl:value-of select="concat(., ' column(s)')"/>
        </xsl:when>
        <xsl:when test="local-name() = 'ruledLines'">
          <xsl:value-of select="concat(., ' ruled lines')"/>
        </xsl:when>
        <xsl:when test="local-name() = 'writtenLines'">
          <xsl:value-of select="concat(., ' written lines')"/>
        </xsl:when>
        <xsl:when test="local-name() = 'contemporary'">
          <xsl:value-of select="concat('contemporary: ', .)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="ms-label">
    <xsl:variable name="name" select="local-name()"/>
    <xsl:choose>
      <xsl:when test="$name = 'author'">Author</xsl:when>
      <xsl:when test="$name = 'title'">Title</xsl:when>
      <xsl:when test="$name = 'rubric'">Rubric</xsl:when>
      <xsl:when test="$name = 'incipit'">Incipit</xsl:when>
      <xsl:when test="$name = 'explicit'">Explicit</xsl:when>
      <xsl:when test="$name = 'finalRubric'">Final rubric</xsl:when>
      <xsl:when test="$name = 'colophon'">Colophon</xsl:when>
      <xsl:when test="$name = 'filiation'">Filiation</xsl:when>
      <xsl:when test="$name = 'textLang'">Language</xsl:when>
      <xsl:when test="$name = 'summary'">Summary</xsl:when>
      <xsl:when test="$name = 'objectDesc'">Form</xsl:when>
      <xsl:when test="$name = 'supportDesc'">Material</xsl:when>
      <xsl:when test="$name = 'support'">Support</xsl:when>
      <xsl:when test="$name = 'extent'">Extent</xsl:when>
      <xsl:when test="$name = 'foliation'">Foliation</xsl:when>
      <xsl:when test="$name = 'collation'">Collation</xsl:when>
      <xsl:when test="$name = 'condition'">Condition</xsl:when>
      <xsl:when test="$name = 'layoutDesc' or $name = 'layout'">Layout</xsl:when>
      <xsl:when test="$name = 'handDesc' or $name = 'handNote'">Hand</xsl:when>
      <xsl:when test="$name = 'scriptDesc' or $name = 'scriptNote'">Script</xsl:when>
      <xsl:when test="$name = 'typeDesc'">Type</xsl:when>
      <xsl:when test="$name = 'decoDesc' or $name = 'decoNote'">Decoration</xsl:when>
      <xsl:when test="$name = 'musicNotation'">Music notation</xsl:when>
      <xsl:when test="$name = 'additions'">Additions</xsl:when>
      <xsl:when test="$name = 'bindingDesc' or $name = 'binding'">Binding</xsl:when>
      <xsl:when test="$name = 'sealDesc' or $name = 'seal'">Seal</xsl:when>
      <xsl:when test="$name = 'accMat'">Accompanying material</xsl:when>
      <xsl:when test="$name = 'origin'">Origin</xsl:when>
      <xsl:when test="$name = 'provenance'">Provenance</xsl:when>
      <xsl:when test="$name = 'acquisition'">Acquisition</xsl:when>
      <xsl:when test="$name = 'adminInfo'">Administration</xsl:when>
      <xsl:when test="$name = 'recordHist'">Record history</xsl:when>
      <xsl:when test="$name = 'custodialHist'">Custodial history</xsl:when>
      <xsl:when test="$name = 'availability'">Availability</xsl:when>
      <xsl:when test="$name = 'surrogates'">Surrogates</xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
