"""Printed line numbers for prose, counted on each page, and the apparatus keyed to them.

A lineated text (`edition.lineation`) has its lines in the TEI. Prose gets its lines only
from the layout, so they are numbered after it, as reledmac's ``\\lineation{page}`` does:
the lines of the reading text are counted afresh on every page, and each entry of the
apparatus (and of the sources) names the line of that page its lemma starts on.

1. The part is laid out with its entries keyed by paragraph, as the print stylesheet
   writes them.
2. On each page the lines of the reading text of a text marked `PAGE_LINED_CLASS` are
   counted from the top: headings, the text's opening, the foot of the page and the
   margins are not lines of the text. Lines side by side (table cells) count once.
3. Each entry's key is set to its line (a bar for a second entry of the same line, as
   for lineated texts) and the part is laid out again (`edition.pdf.settle`). A key
   changes only the foot of its page, but that can move a page break, so the lines are
   counted again until the keys settle (a warning says so if they do not).
4. Every `INTERVAL`-th line's number is drawn in the right margin from a sheet laid over
   the part's pages (`number_sheet`), as the folios are: the reading text is never laid
   out around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import lxml.html
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from lxml import etree
from weasyprint import Document
from weasyprint.formatting_structure.boxes import (
    Box,
    FootnoteAreaBox,
    InlineReplacedBox,
    LineBox,
    MarginBox,
    TextBox,
)
from weasyprint.layout.absolute import AbsolutePlaceholder

from edition.paths import TEMPLATES_DIR
from edition.pdf.hyphenation import serialise, texts

PAGE_LINED_CLASS = "page-lined"
"""The class of a text whose printed lines are numbered page by page."""
ENTRY_CLASSES = ("app-entry", "src-entry")
"""Entries keyed to a line; ``app-entry`` ones of one line are separated by a bar."""
INTERVAL = 5
NOT_LINES = {"h1", "h2", "h3", "h4", "h5", "h6", "header"}
"""Elements whose lines are not lines of the reading text: headings, the opening."""
NOT_LINES_CLASSES = {"titlePage"}
"""Nor are the lines of a title page in the text's front (its entries say "title")."""
SAME_LINE_TOLERANCE = 1.0
"""Line boxes whose tops are closer than this (CSS px) stand on one printed line."""


@dataclass(frozen=True)
class PrintedLine:
    """A numbered line of the reading text on its page, in CSS px from the page's top
    left."""

    number: int
    top: float
    height: float
    font_size: float
    right: float
    """The right edge of the text column."""


@dataclass(frozen=True)
class PageCount:
    lines: list[PrintedLine]
    entry_lines: dict[str, int]
    """Entry id → the number of the line its lemma (or its call) stands on."""
    occurrences: dict[str, int] = field(default_factory=dict)
    """Entry id → which occurrence on its line its lemma is, where the lemma's words
    stand there more than once (reledmac's samewords)."""


def count_pages(document: Document) -> list[PageCount]:
    return [_count(page._page_box) for page in document.pages]


def _count(page: Box) -> PageCount:
    found: list[tuple[LineBox, float]] = []
    _collect(page, False, found)
    tops: list[float] = []
    lines: list[PrintedLine] = []
    line_of_box: dict[int, int] = {}
    for line, right in sorted(found, key=lambda item: item[0].position_y):
        if not tops or line.position_y - tops[-1] > SAME_LINE_TOLERANCE:
            tops.append(line.position_y)
            lines.append(PrintedLine(len(tops), line.position_y, line.height,
                                     line.style["font_size"], right))
        line_of_box[id(line)] = len(tops)
    return PageCount(lines, *_entry_lines(found, line_of_box))


def _collect(box: Box, inside: bool, found: list[tuple[LineBox, float]],
             right: float = 0.0) -> None:
    """The line boxes of the page-lined reading text under ``box``, with the right edge
    of the column they stand in."""
    if isinstance(box, FootnoteAreaBox | MarginBox | AbsolutePlaceholder):
        return
    element = box.element
    if element is not None and (box.element_tag in NOT_LINES
                                or NOT_LINES_CLASSES.intersection(_classes(element))):
        return
    if not inside and element is not None and box.element_tag == "article" and \
            PAGE_LINED_CLASS in _classes(element):
        inside, right = True, box.content_box_x() + box.width
    if isinstance(box, LineBox):
        if inside and _visible(box):
            found.append((box, right))
        return
    for child in getattr(box, "children", ()):
        _collect(child, inside, found, right)


def _descendants(box: Box) -> Iterator[Box]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _visible(line: LineBox) -> bool:
    return any(isinstance(b, TextBox) and b.text.strip() or isinstance(b, InlineReplacedBox)
               for b in _descendants(line))


def _entry_lines(found: list[tuple[LineBox, float]], line_of_box: dict[int, int]
                 ) -> tuple[dict[str, int], dict[str, int]]:
    """Each entry called on the page → its line: where its lemma starts (the anchor
    ``id`` of the entry without ``-entry``), else where its call stands; and the
    occurrence of each lemma that stands more than once on its line."""
    starts: dict[str, tuple[int, int]] = {}
    calls: dict[str, int] = {}
    for line, _ in found:
        number = line_of_box[id(line)]
        text, here = "", []
        for box in _descendants(line):
            if isinstance(box, TextBox):
                text += box.text
            element = box.element
            name = element.get("id") if element is not None else None
            if not name:
                continue
            if box.element_tag.endswith("::footnote-call"):
                calls.setdefault(name, number)
            elif name not in starts:
                words = "".join(texts(box))
                here.append((name, len(text), words))
                starts[name] = (number, 0)
        for name, offset, words in here:
            starts[name] = (number, _occurrence(text, offset, words))
    lines, occurrences = {}, {}
    for name, number in calls.items():
        line_number, occurrence = starts.get(name.removesuffix("-entry"), (number, 0))
        lines[name] = line_number
        if occurrence:
            occurrences[name] = occurrence
    return lines, occurrences


def _occurrence(line: str, offset: int, lemma: str) -> int:
    """Which occurrence of ``lemma`` in ``line`` starts at ``offset``, when it occurs
    there more than once (0 otherwise); matched as whole words."""
    lemma = " ".join(lemma.split())
    if not lemma:
        return 0
    pattern = re.compile(rf"(?<!\w){re.escape(lemma)}(?!\w)")
    starts = [m.start() for m in pattern.finditer(line)]
    if len(starts) < 2 or offset not in starts:
        return 0
    return starts.index(offset) + 1


def set_keys(html: str, counts: list[PageCount]) -> str:
    """``html`` with the key of every entry counted on a page set to its line; ``html``
    itself when every key is already so (then the part need not be laid out again)."""
    document = lxml.html.document_fromstring(html)
    changed = False
    for count in counts:
        previous = None
        for element in _entries(document, count.entry_lines):
            number = count.entry_lines[element.get("id")]
            in_apparatus = "app-entry" in _classes(element)
            bar = in_apparatus and previous == number
            changed |= _set_key(element, "|" if bar else str(number),
                                "app-sep" if bar else "app-key")
            changed |= _set_occurrence(element, count.occurrences.get(element.get("id"), 0))
            if in_apparatus:
                previous = number
    return serialise(document) if changed else html


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _entries(document: etree._Element, ids: dict[str, int]) -> list[etree._Element]:
    """The entries named in ``ids``, in the order of the document (and of the foot of
    the page)."""
    wanted = set(ids)
    return [e for e in document.iter("span") if e.get("id") in wanted
            and any(c in _classes(e) for c in ENTRY_CLASSES)]


def _set_key(entry: etree._Element, text: str, css_class: str) -> bool:
    """Give the entry the key ``text``; whether that changed it."""
    first = entry[0] if len(entry) else None
    if first is not None and first.get("class") in {"app-key", "app-sep"} \
            and not (entry.text or "").strip():
        key = first
        if (key.get("class"), key.text) == (css_class, text):
            return False
    else:
        key = etree.Element("span")
        key.tail = "\u00a0" + (entry.text or "")
        entry.text = None
        entry.insert(0, key)
    key.set("class", css_class)
    key.text = text
    return True


def _set_occurrence(entry: etree._Element, occurrence: int) -> bool:
    """A raised figure after the lemma of the entry for the occurrence of its words on
    the line (none when they stand there once); whether that changed the entry."""
    lemma = next((e for e in entry.iter("span") if e.get("class") in {"lem", "lemma"}), None)
    if lemma is None:
        return False
    shown = [old.text for old in lemma.findall("sup[@class='occ']")]
    wanted = [str(occurrence)] if occurrence else []
    if shown == wanted:
        return False
    for old in lemma.findall("sup[@class='occ']"):
        lemma.remove(old)
    if occurrence:
        etree.SubElement(lemma, "sup", {"class": "occ"}).text = str(occurrence)
    return True


# --------------------------------------------------------------- the number sheet
@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES_DIR / "print")),
                       autoescape=True, undefined=StrictUndefined)


def number_sheet(document: Document, counts: list[PageCount]) -> str | None:
    """The HTML of a sheet of as many pages as ``document``, with every
    `INTERVAL`-th line's number beside its line; None when no line is numbered."""
    pages = [[line for line in count.lines if line.number % INTERVAL == 0]
             for count in counts]
    if not any(pages):
        return None
    first = document.pages[0]
    return _environment().get_template("line-numbers.html").render(
        width=first.width, height=first.height, pages=pages)
