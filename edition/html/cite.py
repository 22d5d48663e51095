"""The "Cite" control's content, from `edition.citation` (the same citations as
``edition cite``): formatted citations in three styles and the export formats."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from lxml import html as lxml_html
from markupsafe import Markup, escape

from edition import citation
from edition.citation.items import paragraph_locator as citation_locator
from edition.citation_styles import STYLE_LABELS
from edition.html.packing import Rows, pack
from edition.model import Edition, Paragraph, Text

EXPORTS = {"bib": ("BibTeX", citation.to_bibtex), "ris": ("RIS", citation.to_ris),
           "json": ("CSL-JSON", citation.to_csl_json)}


@dataclass(frozen=True)
class StyledCitation:
    style: str
    label: str
    reference: Markup
    """The bibliography entry (HTML from `edition.citation`, whose data is escaped there)."""


INLINE_TAGS = {"i", "b", "em", "strong", "sup", "sub", "span"}


def safe_citation_html(fragment: str) -> Markup:
    """The citation's inline formatting kept (italics, bold …), everything else as text.

    The data in it is already escaped, once, by `edition.citation.formatting`; this only
    keeps the inline tags the Cite control shows (re-serialising the text lxml decoded),
    so that nothing but those tags can reach the page even if citeproc changed."""
    root = lxml_html.fragment_fromstring(fragment, create_parent="span")
    return Markup(_inner(root))


def _inner(element: lxml_html.HtmlElement) -> str:
    parts = [escape(element.text or "")]
    for child in element.iterchildren():
        parts.append(_rebuild(child))
        parts.append(escape(child.tail or ""))
    return "".join(parts)


def _rebuild(element: lxml_html.HtmlElement) -> str:
    if not isinstance(element.tag, str):
        return ""
    if element.tag in INLINE_TAGS:
        return f"<{element.tag}>{_inner(element)}</{element.tag}>"
    return escape(element.text_content())


def styled(edition: Edition, text: Text | None) -> list[StyledCitation]:
    """The edition's or a text's citation in every style."""
    item = citation.csl_item(edition, text)
    return [StyledCitation(style, label,
                           safe_citation_html(citation.render(item, style, "html").reference))
            for style, label in STYLE_LABELS.items()]


def exports(edition: Edition, text: Text | None) -> dict[str, str]:
    """``{file extension: content}`` of the BibTeX, RIS and CSL-JSON exports."""
    item = citation.csl_item(edition, text)
    return {extension: make(item) for extension, (_, make) in EXPORTS.items()}


def paragraph_data(edition: Edition, text: Text) -> Rows:
    """For every paragraph of ``text``: its locator, and its pinpoint citation and reference
    in each style (HTML) and its exports. One citeproc run per style and text, not per
    paragraph."""
    by_style = {style: citation.paragraph_citations(edition, text, style, "html")
                for style in STYLE_LABELS}
    paragraph_exports = ParagraphExports(edition, text)
    data: Rows = {}
    for paragraph in text.paragraphs:
        entry: dict[str, str] = {}
        for style in STYLE_LABELS:
            formatted = by_style[style][paragraph.ref]
            entry[style] = formatted.pinpoint or formatted.reference
            entry[f"{style}-ref"] = formatted.reference
        entry.update(paragraph_exports(paragraph))
        data[paragraph.ref] = (citation_locator(paragraph), entry)
    return data


_REF_SENTINEL = "zqxparagraphrefzqx"
_LOCATOR_SENTINEL = "zqxparagraphlocatorzqx"
_PLAIN_REF = re.compile(r"[A-Za-z0-9.:-]+")
_PLAIN_LOCATOR = re.compile(r"[0-9a-z.-]+")
"""References and locators that every export prints as they are (no escaping, no case
change), so that they can be put into a template in place of the sentinels."""


class ParagraphExports:
    """The exports of each paragraph of one text, made once per text with sentinels in
    place of the paragraph's reference and locator, which are then filled in.

    A paragraph whose reference or locator an export might escape or change, or a text
    whose template does not reproduce its first paragraph's exports exactly, has its
    exports made directly, so the result is always what `EXPORTS` would make."""

    def __init__(self, edition: Edition, text: Text) -> None:
        self.edition = edition
        self.text = text
        self.templates: dict[str, str] | None = self._templates()

    def _templates(self) -> dict[str, str] | None:
        if not self.text.paragraphs:
            return None
        model = self.text.paragraphs[0]
        sentinel = replace(model, ref=_REF_SENTINEL, n=_LOCATOR_SENTINEL,
                           text_id=self.text.id)
        item = citation.csl_item(self.edition, self.text, sentinel)
        item["locator"] = _LOCATOR_SENTINEL
        templates = {extension: make(item) for extension, (_, make) in EXPORTS.items()}
        self.templates = templates
        if not self._fits(model) or self._filled(model) != self._direct(model):
            return None
        return templates

    def _fits(self, paragraph: Paragraph) -> bool:
        return (self.templates is not None
                and bool(_PLAIN_REF.fullmatch(paragraph.ref))
                and bool(_PLAIN_LOCATOR.fullmatch(citation_locator(paragraph))))

    def _filled(self, paragraph: Paragraph) -> dict[str, str]:
        locator = citation_locator(paragraph)
        return {extension: template.replace(_REF_SENTINEL, paragraph.ref)
                .replace(_LOCATOR_SENTINEL, locator)
                for extension, template in (self.templates or {}).items()}

    def _direct(self, paragraph: Paragraph) -> dict[str, str]:
        item = citation.csl_item(self.edition, self.text, paragraph)
        return {extension: make(item) for extension, (_, make) in EXPORTS.items()}

    def __call__(self, paragraph: Paragraph) -> dict[str, str]:
        if self._fits(paragraph):
            return self._filled(paragraph)
        return self._direct(paragraph)


def paragraph_script(edition: Edition, text: Text) -> str:
    """A script that registers the paragraph citations of ``text`` in a global, loaded by
    the Cite control on first use (a script file, so it works from ``file://``)."""
    payload = json.dumps(pack(paragraph_data(edition, text)), ensure_ascii=False,
                         separators=(",", ":"))
    return ("window.EDITION_CITES=window.EDITION_CITES||{};"
            f"window.EDITION_CITES[{json.dumps(text.id)}]={script_safe(payload)};\n")


def script_safe(payload: str) -> str:
    """JSON that cannot end a script element or open a comment in it."""
    return (payload.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
