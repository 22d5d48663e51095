"""Citations of every paragraph of a text, without a citeproc run per paragraph.

The paragraph citations of one text differ only in the locator and in the anchor of the
URL. So the text is formatted once per locator *shape* (``12`` and ``3.2.5`` are different
shapes: a style may treat a plain number differently) with sentinel values in those two
places, and the sentinels are then replaced by each paragraph's own values. A test checks
the result against formatting each paragraph on its own.
"""

from __future__ import annotations

import html
import re
from itertools import count

from edition.citation.formatting import FormattedCitation, render, render_pinpoint
from edition.citation.items import paragraph_item, paragraph_locator, text_item, text_url
from edition.model import Edition, Paragraph, Text

_ANCHOR_SENTINEL = "zqxanchorzqx"
_NUMBER_SENTINEL_BASE = 7364519000


def _shape(locator: str) -> str:
    return re.sub(r"\d+", "0", locator)


def _sentinel_locator(shape: str) -> str:
    numbers = count(_NUMBER_SENTINEL_BASE)
    return re.sub(r"0", lambda _: str(next(numbers)), shape)


def _substitute(template: FormattedCitation, sentinel: str, paragraph: Paragraph,
                locator: str) -> FormattedCitation:
    def fill(value: str | None) -> str | None:
        if value is None:
            return None
        return value.replace(_ANCHOR_SENTINEL, paragraph.ref).replace(sentinel, locator)

    return FormattedCitation(fill(template.reference) or "", fill(template.pinpoint))


def _reference_template(edition: Edition, text: Text, item: dict, style: str,
                        fmt: str) -> str:
    """The paragraphs' reference with the anchor sentinel: the text's own reference (which
    the text's page shows anyway) with the paragraph anchor added to its URL, when the URL
    occurs in it exactly once; else the sentinel item formatted."""
    shared = render(text_item(edition, text), style, fmt).reference
    url = text_url(edition, text.id)
    if url is None:
        return shared
    needle = html.escape(url, quote=False) if fmt == "html" else url
    if shared.count(needle) == 1:
        return shared.replace(needle, f"{needle}#{_ANCHOR_SENTINEL}")
    return render({k: v for k, v in item.items() if k not in ("locator", "label")}, style,
                  fmt).reference


def paragraph_citations(edition: Edition, text: Text, style: str,
                        fmt: str = "text") -> dict[str, FormattedCitation]:
    """``{paragraph ref: citation}`` for every paragraph of ``text``, in document order."""
    templates: dict[str, tuple[str, FormattedCitation]] = {}
    result: dict[str, FormattedCitation] = {}
    for paragraph in text.paragraphs:
        locator = paragraph_locator(paragraph)
        shape = _shape(locator)
        if shape not in templates:
            sentinel = _sentinel_locator(shape)
            item = paragraph_item(edition, paragraph)
            item["locator"] = sentinel
            if "URL" in item:
                item["URL"] = item["URL"].replace(f"#{paragraph.ref}", f"#{_ANCHOR_SENTINEL}")
            reference = _reference_template(edition, text, item, style, fmt)
            pinpoint = render_pinpoint(item, style, fmt)
            templates[shape] = (sentinel, FormattedCitation(reference, pinpoint))
        sentinel, template = templates[shape]
        result[paragraph.ref] = _substitute(template, sentinel, paragraph, locator)
    return result
