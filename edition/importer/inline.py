"""A paragraph's text as TEI mixed content: quotations, italics, speech and page turns.

The text is escaped first and the markup added afterwards by non-overlapping patterns,
so the result is always well-formed. Quotation marks of either kind become `q` (the
marks themselves are left to the rendering); ``*italic*`` from the transcription's
Markdown becomes ``hi rend="italic"``; web and e-mail addresses become ``ref`` and an
ISBN ``idno``; page turns inside a paragraph become ``pb``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from edition.importer.draft import Join, Paragraph

JOIN_MARK = "\ue000"  # stands for a page turn until the markup is complete
_QUOTED = re.compile(r"“([^“”]*)”|\"([^\"]*)\"")
_AUTOLINK = re.compile(r"&lt;(https?://[^\s&]+)&gt;")
_EMAIL = re.compile(r"\b([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\b")
_ISBN = re.compile(r"\bISBN\s+([\d-]{10,17}[\dX])\b")
_ITALIC = re.compile(r"(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])")

Speaker = Callable[[str | None], str | None]


def plain_text(paragraph: Paragraph) -> str:
    """The paragraph with each page turn as `JOIN_MARK`."""
    return "".join(JOIN_MARK if isinstance(p, Join) else p for p in paragraph.pieces)


def markup(text: str) -> str:
    """Escaped ``text`` with quotations and italics marked up (page turns still marks)."""
    escaped = escape(text)
    escaped = _QUOTED.sub(lambda m: f"<q>{_first(m.group(1), m.group(2))}</q>", escaped)
    escaped = _ITALIC.sub(lambda m: f'<hi rend="italic">{m.group(1)}</hi>', escaped)
    return links(escaped)


def links(escaped: str) -> str:
    """Web addresses, e-mail addresses and ISBNs as ``ref`` and ``idno``."""
    escaped = _AUTOLINK.sub(r'<ref target="\1">\1</ref>', escaped)
    escaped = _EMAIL.sub(r'<ref target="mailto:\1">\1</ref>', escaped)
    return _ISBN.sub(r'ISBN <idno type="ISBN">\1</idno>', escaped)


def _first(*groups: str | None) -> str:
    return next(group for group in groups if group is not None)


def said(content: str, who: str | None) -> str:
    attribute = f" who={quoteattr('#' + who)}" if who else ""
    return f"<said{attribute} direct=\"true\">{content}</said>"


def place_joins(content: str, joins: list[Join]) -> str:
    """Replace each page-turn mark by its ``pb``."""
    turns = iter(joins)
    return re.sub(JOIN_MARK, lambda _: page_break(next(turns)), content)


def page_break(join: Join) -> str:
    number = f' n="{join.page}"' if join.page is not None else ""
    return f'<pb{number} break="no"/>'
