"""One part of the book laid out on its own: the front matter, a text, the indexes.

A part is an HTML document in, a small PDF and its page map out. `lay_out` is the work
a worker process does (`edition.executor`): its argument and result are plain picklable
objects, so any executor will do. A part's layout does not depend on where the part
falls in the book: the body's parts are laid out without folios (a folio sheet supplies
them when the book is assembled), and a link to an anchor in another part is kept as a
link for the assembly to resolve. So a part whose HTML is unchanged is never laid out
again (`PartStore`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

from weasyprint import Document

from edition.pdf import overlay, page_lines, pdfa
from edition.pdf.layout import anchor_pages, captured_warnings, render, render_sheet
from edition.pdf.settle import lay_out_settled

PART_LINK = "x-edition-anchor:"
"""Scheme of a link to an anchor in another part, resolved when the book is assembled."""

BUILD_TIME = re.compile(r'<meta name="dcterms\.(?:created|modified)" content="[^"]*">')
Bookmark = tuple[str, int, float, float, list]
"""(label, page index in the part, x, y in CSS px from the page's top left, children)."""


@dataclass(frozen=True)
class PartJob:
    name: str
    html: str
    base_url: Path
    folios: bool = False
    """Lay out the folios with the part (the front matter, which is numbered apart)."""
    attachments: tuple[pdfa.EmbeddedFile, ...] = ()
    """Files embedded in the part's PDF; only the part that opens a PDF carries them."""
    tagged: bool = False
    """Write the structure tree (headings, paragraphs, notes, figures) for PDF/UA."""

    @cached_property
    def digest(self) -> str:
        """What the part's layout depends on, besides the toolchain. The build time in
        the document information is left out: a part taken over from an earlier build
        keeps the time it was made, and a PDF that opens with it that date."""
        h = hashlib.sha256()
        for value in (BUILD_TIME.sub("", self.html), str(self.base_url), str(self.folios),
                      str(self.tagged)):
            h.update(value.encode("utf-8") + b"\0")
        for file in self.attachments:
            h.update(f"{file.name}\0{file.description}\0{file.relationship}\0".encode())
            h.update(pdfa.read_embedded(file))
        return h.hexdigest()


@dataclass(frozen=True)
class LaidOutPart:
    name: str
    digest: str
    """The digest of the job it was laid out from (`PartJob.digest`)."""
    pdf: bytes
    pages: int
    anchors: dict[str, int]
    """Every anchor → the 0-based page of the part it starts on (the first wins)."""
    bookmarks: list[Bookmark]
    warnings: tuple[str, ...] = ()
    unhyphenated: tuple[str, ...] = field(default=())
    """Words kept whole to avoid a third hyphenated line end in a row (`hyphenation`)."""


class PartStore(Protocol):
    """Laid-out parts kept from an earlier layout, by the digest of their job."""

    def get(self, job: PartJob) -> LaidOutPart | None: ...

    def put(self, job: PartJob, part: LaidOutPart) -> None: ...


class MemoryStore:
    """Parts kept for the life of one book (an offprint reuses the book's text part)."""

    def __init__(self) -> None:
        self.parts: dict[str, LaidOutPart] = {}

    def get(self, job: PartJob) -> LaidOutPart | None:
        return self.parts.get(job.digest)

    def put(self, job: PartJob, part: LaidOutPart) -> None:
        self.parts[job.digest] = part


def lay_out(job: PartJob) -> LaidOutPart:
    """Lay out one part and write it as a PDF (PDF/A-3b, like the book it goes into)."""
    def render_part(html: str) -> Document:
        return render(html, job.base_url, folios=job.folios)

    with captured_warnings() as log:
        settled = lay_out_settled(job.html, render_part, log.warning)
        document = settled.document
        anchors = anchor_pages(document)
        _redirect_foreign_links(document, anchors)
        pdf = pdfa.part_pdf(document, list(job.attachments), tagged=job.tagged)
        sheet = page_lines.number_sheet(document, settled.lines)
        if sheet is not None:
            pdf = overlay.over_every_page(
                pdf, render_sheet(sheet, job.base_url).write_pdf(), "Lines")
    messages = log.messages()
    return LaidOutPart(job.name, job.digest, pdf, len(document.pages), anchors,
                       _bookmarks(document.make_bookmark_tree()), messages, settled.kept_whole)


def _redirect_foreign_links(document: Document, anchors: dict[str, int]) -> None:
    """A link to an anchor outside the part would be dropped by WeasyPrint with a
    warning; it is written as a `PART_LINK` URI instead, for the assembly to resolve."""
    for page in document.pages:
        page.links = [("external", PART_LINK + target, rectangle, box)
                      if kind == "internal" and target not in anchors
                      else (kind, target, rectangle, box)
                      for kind, target, rectangle, box in page.links]


def _bookmarks(tree: list) -> list[Bookmark]:
    return [(label, page, x, y, _bookmarks(children))
            for label, (page, x, y), children, _state in tree]
