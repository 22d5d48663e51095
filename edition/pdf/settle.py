"""A part laid out until what is corrected after layout settles.

Two things are known only once a part is laid out, and each is corrected in its HTML
before the part is laid out again:

- a third hyphenated line end in a row (`edition.pdf.hyphenation` keeps the word
  broken there whole);
- the line of the page each apparatus entry of prose is keyed to
  (`edition.pdf.page_lines`).

Both are read from the same layout and corrected together, so a part that needs both
is laid out again once, not once for each. A correction can move what the other reads
(a word kept whole moves a line; a key moves a page break), so the part is checked
again after every layout, at most `LAYOUTS` times in all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from weasyprint import Document

from edition.pdf import hyphenation, page_lines
from edition.pdf.page_lines import PageCount

LAYOUTS = 4


@dataclass(frozen=True)
class Settled:
    document: Document
    html: str
    """The HTML the document was laid out from, with the corrections."""
    kept_whole: tuple[str, ...]
    """Words kept whole to avoid a third hyphenated line end in a row."""
    lines: list[PageCount]
    """The counted lines of each page of a page-lined text (else empty)."""


def lay_out_settled(html: str, render: Callable[[str], Document],
                    warn: Callable[[str], None]) -> Settled:
    lined = page_lines.PAGE_LINED_CLASS in html
    document = render(html)
    kept: list[str] = []
    for layout in range(1, LAYOUTS + 1):
        breaks = hyphenation.excess_hyphenations(document)
        counts = page_lines.count_pages(document) if lined else []
        revised = hyphenation.keep_whole(html, breaks) if breaks else html
        revised = page_lines.set_keys(revised, counts) if lined else revised
        if revised == html:
            return Settled(document, html, tuple(kept), counts)
        if layout == LAYOUTS:
            break
        kept.extend(word for _, word in breaks)
        html, document = revised, render(revised)
    if lined and page_lines.set_keys(html, counts) != html:
        warn(f"apparatus keys did not settle on their lines after {LAYOUTS} layouts")
    return Settled(document, html, tuple(kept), counts)
