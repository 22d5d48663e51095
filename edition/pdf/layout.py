"""WeasyPrint as the book's layout engine: one HTML string in, laid-out pages out.

WeasyPrint reports problems (a missing glyph, an unsupported property) only through
its logger; `render` captures them as `Problem` warnings so a build can show them and
the tests can fail on them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from edition.paths import TEMPLATES_DIR
from edition.pdf import series
from edition.problems import Problem, Severity, display_path

PRINT_CSS = TEMPLATES_DIR / "print" / "print.css"
FOLIOS_CSS = TEMPLATES_DIR / "print" / "folios.css"
"""The page numbers at the foot of the page, apart from the rest of the book's style: the
parts of the body are laid out without them and get them from a folio sheet when the
book is assembled, so that a part's layout does not depend on where it falls."""
WEASYPRINT_RULE = "pdf-layout"


class LayoutLog(logging.Handler):
    """Collects what WeasyPrint logs at WARNING and above while a document is laid out."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def warning(self, message: str) -> None:
        """Record a warning of the print stage itself."""
        self.records.append(logging.LogRecord("edition.pdf", logging.WARNING, "", 0,
                                              message, None, None))

    def problems(self, path: Path) -> list[Problem]:
        """One warning per distinct message (a part laid out and then painted may
        report the same missing glyph twice)."""
        return [Problem(display_path(path), 0, 0, Severity.WARNING, message, WEASYPRINT_RULE)
                for message in self.messages()]

    def messages(self) -> tuple[str, ...]:
        """Each distinct message once, WeasyPrint's marked as its own."""
        return tuple(dict.fromkeys(
            ("WeasyPrint: " if r.name.startswith("weasyprint") else "") + r.getMessage()
            for r in self.records))


@contextmanager
def captured_warnings() -> Iterator[LayoutLog]:
    log = LayoutLog()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(log)
    try:
        yield log
    finally:
        logger.removeHandler(log)


@cache
def _fonts() -> FontConfiguration:
    return FontConfiguration()


@cache
def _offline() -> URLFetcher:
    """The book loads only local files: a URL of any other scheme that content might
    carry is refused (and reported as a warning), never fetched."""
    return URLFetcher(allowed_protocols={"file", "data"})


@cache
def _stylesheet(path: Path) -> CSS:
    return CSS(filename=str(path), font_config=_fonts(), url_fetcher=_offline())


def render(html: str, base_url: Path, folios: bool = True) -> Document:
    """Lay out ``html`` with the print stylesheet, and the folios unless ``folios`` is
    false. ``base_url`` resolves relative URLs (the book uses none, but WeasyPrint needs
    a base for local anchors)."""
    series.apply()
    sheets = [_stylesheet(PRINT_CSS), *([_stylesheet(FOLIOS_CSS)] if folios else [])]
    return HTML(string=collapse_line_breaks(html), base_url=str(base_url),
                url_fetcher=_offline()).render(
        stylesheets=sheets, font_config=_fonts())


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
_LINE_BREAK = re.compile(r"[ \t\r]*\n\s*")


def collapse_line_breaks(html: str) -> str:
    """``html`` with every run of white space that holds a line break made one space,
    outside ``pre``. The book's text collapses white space anyway, so nothing printed
    changes; but WeasyPrint 70 fails on a footnote whose text is white space with a
    line break in it (an assertion in ``split_text_box``), which a TEI note of nothing
    but an indented element gives."""
    pieces = _PRE.split(html)
    return "".join(piece if index % 2 else _LINE_BREAK.sub(" ", piece)
                   for index, piece in enumerate(pieces))


def render_sheet(html: str, base_url: Path) -> Document:
    """Lay out a sheet to be drawn over the book's pages (its style is its own)."""
    return HTML(string=html, base_url=str(base_url), url_fetcher=_offline()).render(
        font_config=_fonts())


def anchor_pages(document: Document) -> dict[str, int]:
    """Every anchor (HTML id) of the document → the 0-based index of the page it starts
    on. An element broken across pages leaves its anchor on each page; the first wins."""
    pages: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            pages.setdefault(name, index)
    return pages
