"""Typographic punctuation: one rendering rule for the web and the printed edition.

The TEI keeps the source's characters (straight quotation marks, hyphens in ranges);
what is rendered from it gets, in its text (never in attributes, metadata or code):

- curly quotation marks and apostrophes: ``"`` → “ or ”, ``'`` → ‘ or ’ (an
  apostrophe inside or at the end of a word, or eliding the start of a year, is ’);
- an en dash in a range of numbers: ``310-322`` → 310–322 (not in a chain of numbers
  such as an ISBN, a telephone number or an ISO date);
- a no-break space after an abbreviation that is followed by what it abbreviates
  for: ``p. 311``, ``no. 3``, ``Dr. Kim``.

The rule runs over rendered trees (`typeset_tree`): the HTML fragment of a text page,
each part of the printed book. Quotation marks are decided by the character before
them, which may end the previous text node; a block element starts afresh.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

OPENING_CONTEXT = frozenset(" \t\n\r\u00a0\u2002\u2003\u2009([{“‘—–-/")
"""After these (or at the start of a block) a quotation mark opens."""
ELISIONS = re.compile(r"(?:\d\d|tis\b|twas\b|em\b|n\b)", re.IGNORECASE)
"""What an apostrophe at the start of a word stands before when it elides ('60s)."""
RANGE = re.compile(r"(?<![\d\-–/.,])(\d{1,4})-(\d{1,4})(?![\d\-–/]|[.,]\d)")
ABBREVIATION = re.compile(
    r"(?<![\w.])((?:[pP]p?|[nN]os?|[vV]ols?|[cC]hap|[cC]h|[pP]aras?|[fF]igs?|[aA]rt|[sS]ec"
    r"|[nN]r)\.) (?=[\dIVXLCivxlc])|(?<![\w.])((?:Mr|Mrs|Ms|Dr|Prof|St)\.) (?=[A-Z])")
BLOCKS = frozenset({"p", "div", "section", "article", "header", "footer", "nav", "aside",
                    "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th",
                    "blockquote", "figcaption", "caption", "ol", "ul", "dl", "table", "tr",
                    "body", "br"})
SKIPPED = frozenset({"head", "script", "style", "code", "pre", "kbd", "samp"})
TYPESET_ATTRIBUTES = ("data-label", "data-running")
"""Attributes whose value is printed (running heads, bookmarks)."""


def typeset(text: str, before: str = "") -> str:
    """``text`` with typographic punctuation; ``before`` is the character before it
    ('' at the start of a block)."""
    if "'" in text or '"' in text:
        text = _quotes(text, before)
    if "-" in text:
        text = RANGE.sub("\\1\u2013\\2", text)
    if ". " in text:
        text = ABBREVIATION.sub(lambda m: (m.group(1) or m.group(2)) + "\u00a0", text)
    return text


def _quotes(text: str, before: str) -> str:
    out: list[str] = []
    previous = before
    for index, char in enumerate(text):
        if char == '"':
            char = "“" if _opens(previous) else "”"
        elif char == "'":
            following = text[index + 1:index + 5]
            if _opens(previous) and following[:1].isalnum() and not ELISIONS.match(following):
                char = "‘"
            else:
                char = "’"
        out.append(char)
        previous = char
    return "".join(out)


def _opens(previous: str) -> bool:
    return previous == "" or previous in OPENING_CONTEXT


def _typeset_text(value: str | None, before: str) -> tuple[str | None, str]:
    if not value:
        return value, before
    value = typeset(value, before)
    return value, value[-1]


def _walk(element: etree._Element, before: str) -> str:
    """Typeset the text inside ``element`` (not its tail); return the last character."""
    tag = element.tag.lower() if isinstance(element.tag, str) else None
    if tag is None or tag in SKIPPED:
        return before
    if tag in BLOCKS:
        before = ""
    element.text, before = _typeset_text(element.text, before)
    for child in element:
        before = _walk(child, before)
        child.tail, before = _typeset_text(child.tail, before)
    return "" if tag in BLOCKS else before


def typeset_tree(root: etree._Element) -> etree._Element:
    """Apply `typeset` to every text of the tree ``root`` in place, and return it."""
    _walk(root, "")
    for element in root.iter(etree.Element):
        for name in TYPESET_ATTRIBUTES:
            if element.get(name):
                element.set(name, typeset(element.get(name)))
    return root


def typeset_html(html: str) -> str:
    """A whole HTML document with `typeset_tree` applied to its body."""
    document = lxml.html.document_fromstring(html)
    body = document.find("body")
    if body is not None:
        typeset_tree(body)
    return lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")
