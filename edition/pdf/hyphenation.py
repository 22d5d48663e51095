"""At most two hyphenated line ends in a row.

WeasyPrint hyphenates (``hyphens: auto``, with pyphen's dictionary for the ``lang`` of
each text) but does not implement ``hyphenate-limit-lines``. So the limit is kept after
layout: where a paragraph has a third hyphenated line end in a row, the word broken
there is kept whole (``<span class="nohyph">``, ``hyphens: manual``) and the part is laid
out again (`edition.pdf.settle`). Line breaks inside a paragraph do not depend on where
the page breaks fall, so one more layout nearly always settles it.

The last line of a page may end in a hyphen (WeasyPrint has no ``hyphenate-limit-last``
either, and keeping it would cost a layout per page turned).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree
from weasyprint import Document
from weasyprint.formatting_structure.boxes import Box, LineBox, TextBox

HYPHEN = "\u2010"
"""WeasyPrint's hyphenate-character (the print stylesheet keeps the default)."""
MAX_RUN = 2
KEEP_WHOLE_CLASS = "nohyph"


def _line_boxes(box: Box) -> Iterator[LineBox]:
    if isinstance(box, LineBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _line_boxes(child)


def texts(box: Box) -> Iterator[str]:
    """The text of every text box under ``box``, in order."""
    if isinstance(box, TextBox):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from texts(child)


@dataclass(frozen=True)
class Line:
    text: str
    page: int

    @property
    def hyphenated(self) -> bool:
        return self.text.rstrip().endswith(HYPHEN)


def block_lines(document: Document) -> dict[int, tuple[str | None, list[Line]]]:
    """The lines of each block element of the laid-out document, in order, keyed by
    the element: (its id, its lines)."""
    blocks: dict[int, tuple[str | None, list[Line]]] = {}
    for number, page in enumerate(document.pages):
        for line in _line_boxes(page._page_box):
            element = line.element
            key = id(element)
            if key not in blocks:
                blocks[key] = (element.get("id") if element is not None else None, [])
            blocks[key][1].append(Line("".join(texts(line)), number))
    return blocks


def excess(lines: list[Line]) -> list[int]:
    """Indexes of the hyphenated lines that are the ``MAX_RUN + 1``-th in a row: each
    starts a run of its own once the word it breaks is kept whole."""
    found, run = [], 0
    for index, line in enumerate(lines):
        run = run + 1 if line.hyphenated else 0
        if run > MAX_RUN:
            found.append(index)
            run = 0
    return found


def excess_hyphenations(document: Document) -> list[tuple[str, str]]:
    """(element id, word) of every excess hyphenation; blocks without an id cannot be
    told apart in the HTML and are left as they are."""
    breaks = []
    for element_id, lines in block_lines(document).values():
        if element_id is None:
            continue
        for index in excess(lines):
            if index + 1 >= len(lines):
                continue
            head = lines[index].text.rstrip()[:-1].split()
            tail = lines[index + 1].text.split()
            word = re.sub(r"^\W+|\W+$", "", head[-1] + tail[0]) if head and tail else ""
            if word:
                breaks.append((element_id, word))
    return breaks


def keep_whole(html: str, breaks: list[tuple[str, str]]) -> str:
    """``html`` with each (element id, word) wrapped in a span that is not hyphenated,
    wherever the word stands as a whole word in that element's text."""
    document = lxml.html.document_fromstring(html)
    for element_id, word in breaks:
        found = document.xpath("//*[@id=$id]", id=element_id)
        if found:
            _wrap_word(found[0], re.compile(rf"(?<!\w){re.escape(word)}(?!\w)"))
    return serialise(document)


def _wrap_word(element: etree._Element, pattern: re.Pattern[str]) -> None:
    for node in list(element.iter(etree.Element)):
        if node.get("class") != KEEP_WHOLE_CLASS:
            _wrap_in_text(node, pattern, tail=False)
        if node is not element:
            _wrap_in_text(node, pattern, tail=True)


def _wrap_in_text(node: etree._Element, pattern: re.Pattern[str], tail: bool) -> None:
    """Split the text (or tail) of ``node`` around each match into ``span`` elements."""
    text = node.tail if tail else node.text
    if not text or not pattern.search(text):
        return
    pieces = pattern.split(text)
    words = pattern.findall(text)
    if tail:
        node.tail = pieces[0]
        anchor, index = node.getparent(), node.getparent().index(node) + 1
    else:
        node.text = pieces[0]
        anchor, index = node, 0
    for offset, (word, after) in enumerate(zip(words, pieces[1:], strict=True)):
        span = etree.Element("span", {"class": KEEP_WHOLE_CLASS})
        span.text, span.tail = word, after
        anchor.insert(index + offset, span)


def serialise(document: etree._Element) -> str:
    return lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")
