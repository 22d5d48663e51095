"""The print edition: one archival PDF of the whole edition and an offprint per text.

The book is laid out in three parts, each by WeasyPrint from a Jinja2 template:

1. the body (introduction and texts), numbered 1, 2, 3 …; the page of every anchor
   (paragraphs, divisions, entity mentions) is read back from the laid-out pages;
2. the indexes, whose page numbers are those read in step 1, numbered on from the body;
3. the front matter (half-title, title, imprint, contents), numbered i, ii, iii …, whose
   contents list the pages found in steps 1 and 2.

The parts are then joined into one document (WeasyPrint keeps links, bookmarks and
anchors across the joined pages). Nothing before a part changes when a later part is laid
out, so every page number printed in the contents and the indexes is the real one, and
the whole book is laid out once. An offprint is the text's pages of the body, with their
book page numbers, after its own title and imprint pages.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from weasyprint import Document, Page

from edition.model import Edition, Text
from edition.paths import TEMPLATES_DIR
from edition.pdf import archive, index, transform, views
from edition.pdf.layout import anchor_pages, captured_warnings, render
from edition.problems import EditionError, Problem

PRINT_TEMPLATES = TEMPLATES_DIR / "print"


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(PRINT_TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class Book:
    """The laid-out parts of the edition's book and what was read from them."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.env = _environment()
        self.info = views.book_info(edition)
        self.trim = _trim(edition)
        self.texts = [views.text_view(edition, t) for t in edition.texts]
        self.body = self._page("body.html", views.edition_doc_info(edition), "body",
                               introduction=transform.introduction(edition),
                               texts=self.texts)
        self.body_anchors = anchor_pages(self.body)
        self.indexes: list[index.Index] = []
        self.toc: list[views.TocItem] = []
        self.back_pages, self.back_anchors = self._lay_out_indexes()
        self.front = self._lay_out_front()

    # ------------------------------------------------------------ layout
    def _page(self, template: str, doc: views.DocInfo, body_class: str,
              counter_start: int | None = None, **context: object) -> Document:
        html = self.env.get_template(template).render(
            doc=doc, lang=doc.lang, trim=self.trim, body_class=body_class,
            counter_start=counter_start, book=self.info, **context)
        return render(html, self.edition.source.resolve())

    def _lay_out_indexes(self) -> tuple[list[Page], dict[str, int]]:
        body_pages = len(self.body.pages)
        folios = {i: str(i + 1) for i in range(body_pages)}
        indexes = index.build_indexes(self.edition.registers, self.body_anchors, folios)
        self.indexes = indexes
        if not indexes:
            return [], {}
        # The indexes open on a right-hand (odd) page. After a body of odd length the
        # part must begin with a blank left-hand page; WeasyPrint always starts on a
        # right-hand page, so it lays out an empty right page first, which is dropped.
        skip = body_pages % 2
        back = self._page("back.html", views.edition_doc_info(self.edition), "back",
                          counter_start=body_pages + 1 - skip, indexes=indexes,
                          start_on_left=bool(skip))
        anchors = {name: page - skip for name, page in anchor_pages(back).items()}
        return back.pages[skip:], anchors

    def _lay_out_front(self) -> Document:
        toc = [*views.toc_items(self.edition, self.folios()), *self.index_items()]
        self.toc = toc
        doc = views.edition_doc_info(self.edition)
        front = self._page("front.html", doc, "front", toc=toc, pad=False)
        if len(front.pages) % 2:  # the body's page 1 must be a right-hand page
            front = self._page("front.html", doc, "front", toc=toc, pad=True)
        return front

    # ------------------------------------------------------------ reading back
    def folios(self) -> dict[str, str]:
        """Anchor → folio as printed, for the body and the indexes."""
        folios = {name: str(page + 1) for name, page in self.body_anchors.items()}
        offset = len(self.body.pages) + 1
        folios.update({name: str(page + offset) for name, page in self.back_anchors.items()})
        return folios

    def index_items(self) -> list[views.TocItem]:
        return [views.TocItem(1, index.TITLES[kind], f"index-{kind.value}",
                              self.folios()[f"index-{kind.value}"])
                for kind in index.INDEXED_KINDS if f"index-{kind.value}" in self.back_anchors]

    def text_pages(self, text: Text) -> range:
        """Body page indexes of ``text``: from its opening page to the next text's."""
        starts = sorted(self.body_anchors[t.id] for t in self.edition.texts
                        if t.id in self.body_anchors)
        start = self.body_anchors[text.id]
        end = next((s for s in starts if s > start), len(self.body.pages))
        return range(start, end)

    # ------------------------------------------------------------ output
    def whole(self) -> Document:
        pages = [*self.front.pages, *self.body.pages, *self.back_pages]
        return self.front.copy(pages)

    def offprint(self, text: Text) -> tuple[Document, int]:
        """The offprint of ``text`` and the number of its preliminary pages."""
        span = self.text_pages(text)
        view = next(v for v in self.texts if v.id == text.id)
        label = f"{span.start + 1}–{span.stop}" if len(span) > 1 else str(span.start + 1)
        front = self._page("offprint.html", views.text_doc_info(self.edition, text),
                           "front", text=view, pages=label)
        pages = [*front.pages, *(self.body.pages[i] for i in span)]
        return front.copy(pages), len(front.pages)


MIN_TRIM_MM = (100.0, 140.0)
"""The smallest page the book's margins leave a usable text block on (width, height)."""


def _trim(edition: Edition) -> dict[str, str]:
    width, height = edition.config.trim_width_mm, edition.config.trim_height_mm
    if width < MIN_TRIM_MM[0] or height < MIN_TRIM_MM[1]:
        raise EditionError(
            f"trim size {width:g} × {height:g} mm is too small for the book's margins; "
            f"give at least {MIN_TRIM_MM[0]:g} × {MIN_TRIM_MM[1]:g} mm in [pdf] of "
            "edition.toml", path=edition.source / "edition.toml", rule="pdf-trim")
    return {"width": f"{width:g}", "height": f"{height:g}"}


def render_book(edition: Edition, out_dir: Path) -> tuple[Book, list[Problem]]:
    """Lay out the book and write ``<edition id>.pdf`` and ``<text id>.pdf`` for every
    text into ``out_dir``; return the laid-out book and WeasyPrint's warnings."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{edition.meta.id}.pdf"
    with captured_warnings() as log:
        book = Book(edition)
        archive.write(book.whole(), target, archive.edition_files(edition),
                      front_pages=len(book.front.pages), first_folio=1)
        for text in edition.texts:
            if text.id == edition.meta.id:
                log.warning(f"the edition id {text.id!r} is also a text id: the whole edition "
                            f"is written to {target.name} and the text gets no offprint; "
                            "declare idno type=\"edition-id\" in the edition header")
                continue
            document, front_pages = book.offprint(text)
            archive.write(document, out_dir / f"{text.id}.pdf",
                          archive.text_files(edition, text), front_pages=front_pages,
                          first_folio=book.text_pages(text).start + 1)
    return book, log.problems(target)


def render_pdfs(edition: Edition, out_dir: Path) -> list[Problem]:
    """Write the edition's PDFs into ``out_dir``; return WeasyPrint's warnings."""
    return render_book(edition, out_dir)[1]
