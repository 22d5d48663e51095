"""Reading a printed page back by position (``pdftotext -bbox-layout``): the lines of
the reading text, the numbers in its margin and the entries at the foot of the page.

The page is read as a reader reads it: the reading text is set larger than the foot of
the page and the margin numbers smaller, so the words are told apart by their height,
and the entries are found in the text of the foot of the page by their keys.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"([^<]*)</word>")
PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
TEXT_HEIGHT = 10.8
"""Words at least this tall (pt) are the reading text (10.5 pt type, 9.8 pt quoted)."""
HEADING_HEIGHT = 13.0
"""Taller words are headings and titles, which carry no line number."""
FOOT_HEIGHT = 9.0
"""The foot of the page is set at 8.5 pt; the margin numbers at 7.5 pt are smaller."""


@dataclass(frozen=True)
class Word:
    x: float
    y: float
    x_end: float
    height: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    """1-based page of the PDF."""
    lines: list[list[Word]]
    """Lines of the reading text, top to bottom."""
    margin: list[Word]
    """Numbers standing right of the reading text (line numbers)."""
    left: list[Word]
    """Numbers standing left of the reading text (paragraph numbers)."""
    foot: str
    """The text of the foot of the page, line after line."""


def _lines(words: list[Word]) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.y, w.x)):
        if rows and abs(rows[-1][0].y - word.y) < 2.0:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x) for row in rows]


def bbox_layout(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox-layout", *options, str(pdf),
                           "-"], check=True, capture_output=True, text=True).stdout


def words_of(xml: str) -> list[Word]:
    """The words of a page (or of a block or line of it) of ``bbox_layout``, their text
    as printed (``pdftotext`` writes it as XML text)."""
    return [Word(float(a), float(b), float(c), float(d) - float(b), html.unescape(t))
            for a, b, c, d, t in WORD.findall(xml)]


def read_pages(pdf: Path) -> list[Page]:
    pages = []
    for number, page in enumerate(PAGE.findall(bbox_layout(pdf)), start=1):
        words = words_of(page)
        text = [w for w in words if TEXT_HEIGHT <= w.height < HEADING_HEIGHT]
        lines = _lines(text)
        right = max((w.x_end for w in text), default=0.0)
        left_edge = min((w.x for w in text), default=0.0)
        bottom = max((w.y for w in text), default=0.0)
        small = [w for w in words if w.height < FOOT_HEIGHT + 0.5 and w.text.isdigit()
                 and w.y <= bottom + 4]
        margin = [w for w in small if w.x > right + 5]
        left = [w for w in small if w.x_end < left_edge - 2]
        foot = [w for w in words if FOOT_HEIGHT <= w.height < TEXT_HEIGHT and w.y > bottom]
        pages.append(Page(number, lines, margin, left,
                          "\n".join(" ".join(w.text for w in row) for row in _lines(foot))))
    return pages


def plain_words(text: str) -> list[str]:
    """The words of a line without punctuation, note calls or occurrence figures."""
    return [w for w in (re.sub(r"[^\w’']|\d", "", t).lower() for t in text.split()) if w]
