"""TEI mixed content → HTML fragments for the printed book, by ``xslt/print.xsl``.

The stylesheet is compiled once per process. Each text is transformed once; the page
templates receive the result as `Markup`, never lxml elements.
"""

from __future__ import annotations

from functools import cache

from lxml import etree
from markupsafe import Markup

from edition.html.transform import numbered
from edition.model import Edition, Text
from edition.paths import XSLT_DIR
from edition.problems import EditionError
from edition.url_safety import XSLT_EXTENSIONS
from edition.witnesses import witnesses as witness_list

PRINT_XSL = XSLT_DIR / "print.xsl"


@cache
def _stylesheet() -> etree.XSLT:
    try:
        return etree.XSLT(etree.parse(str(PRINT_XSL)), extensions=XSLT_EXTENSIONS)
    except (etree.XSLTParseError, etree.XMLSyntaxError) as error:
        raise EditionError(f"print stylesheet does not compile: {error}", path=PRINT_XSL,
                           rule="pdf-xslt") from None


def _fragment(tree: etree._ElementTree, text_id: str, base_siglum: str) -> Markup:
    """Transform a whole TEI document (the header renders as nothing); a whole document,
    not an element, so that ``key()`` and ``xsl:number`` see every node."""
    transform = _stylesheet()
    try:
        result = transform(numbered(tree), **{
            "text-id": etree.XSLT.strparam(text_id),
            "base-siglum": etree.XSLT.strparam(base_siglum)})
    except etree.XSLTApplyError as error:
        raise EditionError(f"print stylesheet failed: {error}", rule="pdf-xslt") from None
    return Markup(str(result).strip())


def base_siglum(text: Text) -> str:
    """The siglum of the copy-text: the first witness the text declares, else ''.

    ``sic`` records an error of the copy-text, so its apparatus entry is credited to
    that witness.
    """
    found = witness_list(text.tree.getroot(), text.id)
    return found[0].siglum if found else ""


def witnesses(text: Text) -> list[tuple[str, str]]:
    """(siglum, description) of every witness the text declares."""
    return [(w.siglum, w.description) for w in witness_list(text.tree.getroot(), text.id)]


def text_content(text: Text) -> Markup:
    """The printed reading text of ``text``: front, body and back."""
    return _fragment(text.tree, text.id, base_siglum(text))


def introduction(edition: Edition) -> Markup:
    """The edition's introduction (from the edition header), or empty."""
    if edition.introduction is None:
        return Markup("")
    return _fragment(edition.introduction.getroottree(), "intro", "")
