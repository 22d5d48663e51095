"""Plain objects the print templates receive: the book, its texts, its contents.

Everything here is derived from the model (whose metadata comes from the TEI headers);
templates never see lxml elements.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from edition import __version__, lineation
from edition.clock import build_date, build_time
from edition.describe import prose_names, source_note
from edition.model import Division, Edition, Text
from edition.pdf import transform


@dataclass(frozen=True)
class DocInfo:
    """What WeasyPrint writes into the PDF's document information and XMP."""

    title: str
    authors: tuple[str, ...]
    description: str
    keywords: tuple[str, ...]
    lang: str
    generator: str = f"edition {__version__} (WeasyPrint)"
    dated: bool = True
    """False for a part whose pages go into another PDF: its HTML then does not change
    with the build time, so an unchanged part is reused."""

    @property
    def created(self) -> str:
        return build_time().strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def modified(self) -> str:
        return self.created


@dataclass(frozen=True)
class BookInfo:
    title: str
    subtitle: str | None
    full_title: str
    editors: str
    publisher: str
    place: str | None
    year: str | None
    date: str | None
    version: str
    build_date: str
    responsibilities: tuple[tuple[str, str], ...]
    licence: str | None
    licence_url: str | None
    doi: str | None
    url: str | None
    citation: str | None


@dataclass(frozen=True)
class TextView:
    id: str
    lang: str
    title: str
    subtitle: str | None
    authors: str
    date: str | None
    sources: tuple[Markup, ...]
    witnesses: tuple[tuple[str, str], ...]
    content: Markup
    url: str | None
    citation: str | None
    lineated: bool = False
    """The text has numbered lines, to which its apparatus is keyed."""
    page_lines: bool = False
    """Prose whose printed lines are numbered page by page, and its apparatus keyed to
    them (`edition.pdf.page_lines`)."""


@dataclass(frozen=True)
class TocItem:
    level: int
    label: str
    target: str
    page: str
    note: str = ""


def _citation(edition: Edition, text: Text | None = None) -> str | None:
    """The formatted citation (Chicago) from the citation module, when it is present."""
    try:
        from edition.citation import csl_item, format_citation
    except ImportError:
        return None
    return format_citation(csl_item(edition, text), "chicago", "text")


def _url(edition: Edition, text: Text | None = None) -> str | None:
    try:
        from edition.citation import text_url
    except ImportError:
        return edition.meta.base_url
    return text_url(edition, text.id) if text else edition.meta.base_url


def book_info(edition: Edition) -> BookInfo:
    meta = edition.meta
    return BookInfo(
        title=meta.title, subtitle=meta.subtitle, full_title=meta.full_title,
        editors=prose_names(meta.editors), publisher=meta.publisher, place=meta.place,
        year=meta.year, date=meta.date, version=meta.version, build_date=build_date(),
        responsibilities=meta.responsibilities, licence=meta.licence,
        licence_url=meta.licence_url, doi=meta.doi, url=meta.base_url,
        citation=_citation(edition))


def edition_doc_info(edition: Edition) -> DocInfo:
    meta = edition.meta
    description = meta.subtitle or "Scholarly edition of " + "; ".join(
        t.meta.title for t in edition.texts)
    return DocInfo(meta.full_title, tuple(p.name for p in meta.editors), description,
                   meta.keywords, meta.languages[0] if meta.languages else "en")


def part_doc_info(title: str, lang: str) -> DocInfo:
    """The document information of a part laid out to be assembled into another PDF
    (only its pages are kept)."""
    return DocInfo(title, (), "", (), lang, dated=False)


def text_doc_info(edition: Edition, text: Text) -> DocInfo:
    meta = text.meta
    authors = tuple(p.name for p in meta.authors) or tuple(p.name for p in meta.editors)
    description = f"{meta.title}, from {edition.meta.full_title}"
    return DocInfo(meta.title, authors, description,
                   meta.keywords or edition.meta.keywords, meta.language)


def text_view(edition: Edition, text: Text) -> TextView:
    meta = text.meta
    lineated = lineation.lineation_of(text.tree.getroot()) is not None
    return TextView(
        id=text.id, lang=meta.language, title=meta.title, subtitle=meta.subtitle,
        authors=prose_names(meta.authors), date=_display_date(meta.date),
        sources=tuple(line for line in map(source_note, meta.sources) if line),
        witnesses=tuple(transform.witnesses(text)), content=transform.text_content(text),
        url=_url(edition, text), citation=_citation(edition, text),
        lineated=lineated, page_lines=lineation.keys_printed_lines(text.tree.getroot(),
                                                                   lineated))


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _display_date(iso: str | None) -> str | None:
    """``1957-11`` → ``November 1957``; ``1949-04-10`` → ``10 April 1949``."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return iso
    return iso


def toc_items(edition: Edition, pages: dict[str, str], max_depth: int = 2) -> list[TocItem]:
    """Contents lines for the introduction, each text and its divisions down to
    ``max_depth``, with the folio of each target as laid out."""
    items: list[TocItem] = []
    if "introduction" in pages:
        items.append(TocItem(1, "Introduction", "introduction", pages["introduction"]))
    for text in edition.texts:
        if text.id not in pages:
            continue
        note = ", ".join(part for part in (prose_names(text.meta.authors),
                                           _display_date(text.meta.date)) if part)
        items.append(TocItem(1, text.meta.title, text.id, pages[text.id], note))
        items.extend(_division_items(text.divisions, pages, max_depth))
    return items


def _division_items(divisions: list[Division], pages: dict[str, str],
                    max_depth: int) -> list[TocItem]:
    items = []
    for division in divisions:
        if division.level > max_depth:
            continue
        if division.ref in pages and division.head:
            items.append(TocItem(division.level + 1, division.head, division.ref,
                                 pages[division.ref]))
        items.extend(_division_items(division.children, pages, max_depth))
    return items
