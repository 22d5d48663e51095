"""Citations of every paragraph of a text, without a citeproc run per paragraph.

The paragraph citations of one text differ only in the locator and in the anchor of the
URL. So the text is formatted once per locator *shape* (``12`` and ``3.2.5`` are different
shapes: a style may treat a plain number differently) with sentinel values in those two
places, and the sentinels are then replaced by each paragraph's own values. A test checks
the result against formatting each paragraph on its own.
"""

from __future__ import annotations

import re
from itertools import count

from edition.citation.formatting import FormattedCitation, render
from edition.citation.items import paragraph_item, paragraph_locator
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
            templates[shape] = (sentinel, render(item, style, fmt))
        sentinel, template = templates[shape]
        result[paragraph.ref] = _substitute(template, sentinel, paragraph, locator)
    return result
