<?xml version="1.0" encoding="UTF-8"?>
<!--
  epidoc.xsl (included by common.xsl): inscriptions and papyri encoded after the EpiDoc
  Guidelines, and the Leiden conventions for the signs of an edition.

  The parts of an EpiDoc file are divisions by @type: one or more "edition" (a
  diplomatic and an interpretive one are shown side by side), "translation",
  "apparatus", "commentary", "bibliography"; an edition is cut into "textpart"s and runs
  in <ab> blocks of lines (<lb n="…"/>, break="no" inside a word).

  Inside an edition the Leiden signs apply, as the EpiDoc reference stylesheets print
  them in their default ("London"/Panciera) system:
    supplied (lost)      [abc]        supplied (omitted)   ⟨abc⟩
    supplied (subaudible) (scil. abc)  supplied @cert=low   [abc?]
    gap, known extent    [...] one dot a letter (more than 8: [- ca. 12 -])
    gap, unknown extent  [- - -]      gap of lines          - - - - - -
    gap (illegible)      ...          unclear              ạḅc̣ (underdot)
    expansion: ex        (abc)        abbreviation alone    abc(- - -)
    del (erasure)        ⟦abc⟧        surplus              {abc}
    choice orig/reg      the regularised form, the original one in the diplomatic text
    g                    its symbol (hedera ❦, interpunct ·) or its type in brackets
    space                vac.
  Outside an edition (a translation, a commentary) the general rules of common.xsl apply.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- The text's id in the printed book, which prefixes its anchors (print.xsl sets it). -->
  <xsl:param name="text-id" select="''"/>

  <!-- ============================================================ the parts -->

  <!-- The editions of a document are shown together, side by side: the first one opens
       a row holding every edition among its siblings, the others are placed there. -->
  <xsl:template match="tei:div[@type = 'edition']" priority="2">
    <xsl:if test="not(preceding-sibling::tei:div[@type = 'edition'])">
      <xsl:variable name="editions" select="../tei:div[@type = 'edition']"/>
      <div class="editions editions-{count($editions)}">
        <xsl:apply-templates select="$editions" mode="edition"/>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:div" mode="edition">
    <section class="div div-edition epidoc-edition">
      <xsl:if test="@subtype">
        <xsl:attribute name="data-subtype"><xsl:value-of select="@subtype"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="id-attribute"/>
      <xsl:call-template name="lang-attribute"/>
      <xsl:if test="not(tei:head)">
        <h2 class="head part-head">
          <xsl:call-template name="part-title"/>
        </h2>
      </xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Translation, apparatus, commentary and bibliography: each a section with a
       heading of its own when the encoder gave none. -->
  <xsl:template match="tei:div[@type = 'translation' or @type = 'apparatus'
                       or @type = 'commentary' or @type = 'bibliography']" priority="2">
    <section class="div div-{@type} epidoc-part">
      <xsl:call-template name="id-attribute"/>
      <xsl:call-template name="lang-attribute"/>
      <xsl:if test="not(tei:head)">
        <h2 class="head part-head"><xsl:call-template name="part-title"/></h2>
      </xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template name="part-title">
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="@type = 'edition' and @subtype">
          <xsl:value-of select="concat(translate(substring(@subtype, 1, 1),
                                'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
                                substring(@subtype, 2), ' edition')"/>
        </xsl:when>
        <xsl:when test="@type = 'edition'">Edition</xsl:when>
        <xsl:when test="@type = 'translation'">Translation</xsl:when>
        <xsl:when test="@type = 'apparatus'">Apparatus</xsl:when>
        <xsl:when test="@type = 'commentary'">Commentary</xsl:when>
        <xsl:otherwise>Bibliography</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="$kind"/>
    <xsl:if test="@xml:lang and @type = 'translation'">
      <xsl:value-of select="concat(' (', @xml:lang, ')')"/>
    </xsl:if>
  </xsl:template>

  <!-- A part of the text on the object (a face, a column, a fragment): labelled by @n. -->
  <xsl:template match="tei:div[@type = 'textpart']" priority="2">
    <section class="div div-textpart">
      <xsl:call-template name="id-attribute"/>
      <xsl:if test="@n and not(tei:head)">
        <h3 class="head textpart-head">
          <xsl:value-of select="normalize-space(concat(@subtype, ' ', @n))"/>
        </h3>
      </xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- The apparatus of an EpiDoc file lists its entries apart from the text, each keyed
       by its @loc to the line of the edition it is about ("3 ΟΙΣ] ΟΥΣ Kaibel"), as the
       reference stylesheets print it: the key links to that line (the first line of a
       range "2-3") where the edition has it. An entry with nothing to say is left out. -->
  <xsl:key name="edition-line" match="tei:div[@type = 'edition']//tei:lb[@n]"
           use="normalize-space(@n)"/>

  <xsl:template match="tei:div[@type = 'apparatus']//tei:listApp" priority="2">
    <ul class="epidoc-apparatus">
      <xsl:for-each select="tei:app[normalize-space(.) != '' or @loc]">
        <li>
          <xsl:if test="@loc">
            <xsl:call-template name="epidoc-app-loc"/>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:apply-templates select="tei:lem" mode="epidoc-app"/>
          <xsl:if test="tei:lem and (tei:rdg or tei:rdgGrp)"><xsl:text>] </xsl:text></xsl:if>
          <xsl:for-each select="tei:rdg | tei:rdgGrp/tei:rdg">
            <xsl:call-template name="reading-separator"/>
            <xsl:apply-templates select="." mode="epidoc-app"/>
          </xsl:for-each>
          <xsl:for-each select="tei:note[normalize-space(.) != '']">
            <xsl:if test="position() &gt; 1 or ../tei:lem or ../tei:rdg or ../tei:rdgGrp">
              <xsl:text> </xsl:text>
            </xsl:if>
            <span class="app-note"><xsl:apply-templates/></span>
          </xsl:for-each>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The line an entry is about: the first number of @loc ("3", "2-3", "2 3"). -->
  <xsl:template name="epidoc-app-loc">
    <xsl:variable name="first"
        select="substring-before(concat(translate(normalize-space(@loc), '-&#8211;,', '   '), ' '), ' ')"/>
    <xsl:variable name="line" select="key('edition-line', $first)[1]"/>
    <xsl:choose>
      <xsl:when test="$line">
        <xsl:variable name="target">
          <xsl:for-each select="$line"><xsl:call-template name="epidoc-line-id"/></xsl:for-each>
        </xsl:variable>
        <a class="app-loc" href="#{$target}"><xsl:value-of select="normalize-space(@loc)"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="app-loc"><xsl:value-of select="normalize-space(@loc)"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lem | tei:rdg" mode="epidoc-app">
    <span class="{local-name()}"><xsl:apply-templates/></span>
    <xsl:if test="@resp or @source or @wit">
      <xsl:text> </xsl:text>
      <span class="sigla"><xsl:value-of select="normalize-space(translate(
          concat(@wit, ' ', @source, ' ', @resp), '#', ''))"/></span>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ lines and words -->

  <!-- The anchor of a line of the editions (its first occurrence: a diplomatic and an
       interpretive edition share their numbers), which the apparatus links to. -->
  <xsl:template name="epidoc-line-id">
    <xsl:if test="$text-id != ''"><xsl:value-of select="concat($text-id, '-')"/></xsl:if>
    <xsl:value-of select="concat('line-n', translate(normalize-space(@n), ' #', '__'))"/>
  </xsl:template>

  <!-- A line begins: in an edition a new line, numbered every fifth line (and the
       first) as the reference stylesheets do; inside a word (break="no") the word goes
       on across the line end, marked with a hyphen in the diplomatic text. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:lb" priority="2">
    <xsl:if test="@break = 'no'"><span class="dip lb-hyphen">-</span></xsl:if>
    <xsl:if test="preceding::tei:lb[ancestor::tei:div[@type = 'edition']]
                  [generate-id(ancestor::tei:div[@type = 'edition'][1])
                   = generate-id(current()/ancestor::tei:div[@type = 'edition'][1])]">
      <br/>
    </xsl:if>
    <xsl:if test="@n">
      <span class="lineno" data-n="{@n}">
        <xsl:if test="generate-id() = generate-id(key('edition-line', normalize-space(@n))[1])">
          <xsl:attribute name="id"><xsl:call-template name="epidoc-line-id"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="@n = 1 or (string(number(@n)) != 'NaN' and @n mod 5 = 0)
                      or string(number(@n)) = 'NaN'">
          <xsl:value-of select="@n"/>
        </xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A block of lines of an edition. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:ab" priority="2">
    <div class="ab epidoc-lines">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A word, a character, a phrase, a clause or a sentence of a tokenised text: no
       sign of its own. -->
  <xsl:template match="tei:w | tei:pc | tei:c | tei:m | tei:phr | tei:cl | tei:s">
    <span class="{local-name()}">
      <xsl:call-template name="id-attribute"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ============================================================ the Leiden signs -->

  <xsl:template match="tei:div[@type = 'edition']//tei:supplied" priority="2">
    <xsl:variable name="open">
      <xsl:choose>
        <xsl:when test="@reason = 'omitted'">⟨</xsl:when>
        <xsl:when test="@reason = 'subaudible'">(scil. </xsl:when>
        <xsl:when test="@reason = 'undefined'">_[</xsl:when>
        <xsl:otherwise>[</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="close">
      <xsl:if test="@cert = 'low'">?</xsl:if>
      <xsl:choose>
        <xsl:when test="@reason = 'omitted'">⟩</xsl:when>
        <xsl:when test="@reason = 'subaudible'">)</xsl:when>
        <xsl:when test="@reason = 'undefined'">]_</xsl:when>
        <xsl:otherwise>]</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span class="ed supplied supplied-{@reason}">
      <xsl:value-of select="$open"/><xsl:apply-templates/><xsl:value-of select="$close"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:gap" priority="2">
    <span class="gap gap-{@reason}">
      <xsl:call-template name="gap-sign"/>
    </span>
  </xsl:template>

  <xsl:template name="gap-sign">
    <xsl:variable name="lost" select="not(@reason = 'illegible')"/>
    <xsl:variable name="certainty"><xsl:if test="tei:certainty or @cert = 'low'">?</xsl:if></xsl:variable>
    <xsl:choose>
      <xsl:when test="@unit = 'line' and @extent = 'unknown'">- - - - - -</xsl:when>
      <xsl:when test="@unit = 'line'">
        <xsl:value-of select="concat('- - - ', normalize-space(concat(@precision, ' ')),
                              @quantity, ' line', substring('s', 1, @quantity != 1), ' - - -')"/>
      </xsl:when>
      <xsl:when test="@quantity and @unit = 'character' and @quantity &lt;= 8">
        <xsl:if test="$lost">[</xsl:if>
        <xsl:call-template name="dots">
          <xsl:with-param name="n" select="@quantity"/>
        </xsl:call-template>
        <xsl:if test="$lost">]</xsl:if>
      </xsl:when>
      <xsl:when test="@quantity or @atLeast">
        <xsl:if test="$lost">[</xsl:if>
        <xsl:value-of select="concat('- ca. ', @quantity, @atLeast,
                              substring(concat('-', @atMost), 1, string-length(@atMost) + 1),
                              ' -')"/>
        <xsl:if test="$lost">]</xsl:if>
      </xsl:when>
      <xsl:when test="$lost">[- - -]</xsl:when>
      <xsl:otherwise>- - -</xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="$certainty"/>
  </xsl:template>

  <xsl:template name="dots">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:text>.</xsl:text>
      <xsl:call-template name="dots"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- An unclear letter carries a dot below (U+0323) after every letter. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:unclear" priority="2">
    <span class="unclear leiden-unclear"><xsl:apply-templates mode="underdot"/></span>
  </xsl:template>

  <xsl:template match="text()" mode="underdot">
    <xsl:call-template name="underdot"><xsl:with-param name="s" select="."/></xsl:call-template>
  </xsl:template>

  <xsl:template match="*" mode="underdot">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template name="underdot">
    <xsl:param name="s"/>
    <xsl:if test="$s != ''">
      <xsl:variable name="c" select="substring($s, 1, 1)"/>
      <xsl:value-of select="$c"/>
      <xsl:if test="normalize-space($c) != ''">&#x0323;</xsl:if>
      <xsl:call-template name="underdot">
        <xsl:with-param name="s" select="substring($s, 2)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- An abbreviation expanded: the letters the editor supplies in parentheses. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:ex" priority="2">
    <span class="ed ex">
      <xsl:text>(</xsl:text><xsl:apply-templates/>
      <xsl:if test="@cert = 'low'">?</xsl:if><xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <!-- An abbreviation left unexpanded (not inside an expan). -->
  <xsl:template match="tei:div[@type = 'edition']//tei:abbr[not(ancestor::tei:expan)
                       and not(parent::tei:choice)]" priority="2">
    <span class="abbr"><xsl:apply-templates/></span>
    <span class="ed abbr-mark">(- - -)</span>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:expan" priority="2">
    <span class="expan"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:expan/tei:abbr" priority="2">
    <span class="abbr"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Text erased in antiquity: in double square brackets, in both readings. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:del" priority="2">
    <span class="del del-{@rend}">⟦<xsl:apply-templates/>⟧</span>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'edition']//tei:surplus" priority="2">
    <span class="surplus">{<xsl:apply-templates/>}</span>
  </xsl:template>

  <!-- Letters added by the scribe above the line or in the margin. -->
  <xsl:template match="tei:div[@type = 'edition']//tei:add" priority="2">
    <span class="add add-{@place}">
      <xsl:choose>
        <xsl:when test="@place = 'above'">`<xsl:apply-templates/>´</xsl:when>
        <xsl:when test="@place = 'below'">/<xsl:apply-templates/>\</xsl:when>
        <xsl:otherwise>\<xsl:apply-templates/>/</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- A symbol of the inscription. -->
  <xsl:template match="tei:g">
    <span class="g">
      <xsl:if test="@type">
        <xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="normalize-space(.) != ''"><xsl:apply-templates/></xsl:when>
        <xsl:when test="@type = 'leaf' or @type = 'hedera'">❦</xsl:when>
        <xsl:when test="@type = 'interpunct' or @type = 'dot'">·</xsl:when>
        <xsl:when test="@type = 'cross'">☩</xsl:when>
        <xsl:when test="@type = 'chi-rho'">☧</xsl:when>
        <xsl:when test="@type = 'stauros'">⳨</xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat('(', translate(normalize-space(concat(@type, ' ', @ref)),
                                '#', ''), ')')"/>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- An uninscribed space: vac(at). -->
  <xsl:template match="tei:div[@type = 'edition']//tei:space" priority="2">
    <span class="space">
      <xsl:text> vac.</xsl:text>
      <xsl:if test="@quantity"><xsl:value-of select="@quantity"/></xsl:if>
      <xsl:text> </xsl:text>
    </span>
  </xsl:template>

</xsl:stylesheet>
