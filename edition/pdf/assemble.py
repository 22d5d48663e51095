"""One PDF from laid-out parts, with pikepdf.

The first part (the book's front matter, an offprint's title pages) is the document the
others' pages are added to: it carries the PDF/A-3b metadata, the output intent and the
embedded TEI. Then, for the assembled document as a whole:

- each page of the body gets its folio, laid over it from a folio sheet (`FolioSheet`);
  a blank page keeps a right-hand opening on the right;
- the named destinations of all parts make one name tree, and a link to another part's
  anchor (`parts.PART_LINK`) becomes a link to that named destination;
- the outline is the parts' bookmarks in book order;
- page labels follow the printed folios (i, ii … then 1, 2 …).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, OutlineItem, PageLocation, String

from edition.pdf import structure
from edition.pdf.overlay import draw_over
from edition.pdf.parts import PART_LINK, Bookmark, LaidOutPart
from edition.problems import EditionError

FOLIO_CHUNK = 50
"""Folios are laid out in sheets of this many pages (an even number, so every sheet
starts on a right-hand page), each reused for every book whose pages it numbers."""
CSS_PX = 0.75
"""PDF points per CSS pixel."""


@dataclass(frozen=True)
class Slot:
    """One page of the assembled document: page ``page`` of ``part`` (or a blank page
    when ``part`` is None), with the arabic folio ``folio`` laid over it, if any."""

    part: str | None
    page: int = 0
    folio: int | None = None


@dataclass(frozen=True)
class FolioSheet:
    """Laid-out folio sheets: ``sheets[k]`` numbers folios ``k * FOLIO_CHUNK + 1`` on."""

    sheets: dict[int, LaidOutPart]


def sheet_numbers(folios: int) -> range:
    """The sheets a book of ``folios`` arabic pages needs."""
    return range((folios + FOLIO_CHUNK - 1) // FOLIO_CHUNK)


class _Opened:
    """Each part's PDF opened once, with its pages' indexes by object."""

    def __init__(self, parts: dict[str, LaidOutPart]) -> None:
        self.parts = parts
        self.pdfs: dict[str, pikepdf.Pdf] = {}

    def __getitem__(self, name: str) -> pikepdf.Pdf:
        if name not in self.pdfs:
            self.pdfs[name] = pikepdf.open(io.BytesIO(self.parts[name].pdf))
        return self.pdfs[name]

    def close(self) -> None:
        for pdf in self.pdfs.values():
            pdf.close()


def assemble(first: LaidOutPart, slots: list[Slot], parts: dict[str, LaidOutPart],
             folios: FolioSheet, target: Path, *, front_pages: int, first_folio: int,
             tagged: bool = False) -> list[str]:
    """Write ``first`` followed by ``slots`` to ``target``; return the problems found
    (links to anchors that are in no part). ``tagged``: the parts are tagged PDFs, whose
    structure trees are made one and the file declared PDF/UA-1 (`structure`)."""
    opened = _Opened({**parts, **{f"folios-{k}": s for k, s in folios.sheets.items()},
                      first.name: first})
    try:
        book = opened[first.name]
        placed: dict[tuple[str, int], int] = {(first.name, i): i for i in range(first.pages)}
        width, height = _page_size(book.pages[0])
        for slot in slots:
            placed_at = len(book.pages)
            if slot.part is None:
                book.add_blank_page(page_size=(width, height))
                continue
            book.pages.append(opened[slot.part].pages[slot.page])
            placed[(slot.part, slot.page)] = placed_at
            if slot.folio is not None:
                sheet, page = divmod(slot.folio - 1, FOLIO_CHUNK)
                draw_over(book, book.pages[placed_at], opened[f"folios-{sheet}"].pages[page],
                          f"Folio{slot.folio}")
        names = _destinations(book, opened, [first.name, *_part_order(slots)], placed)
        problems = _resolve_links(book, names)
        _outline(book, [first.name, *_part_order(slots)], parts | {first.name: first}, placed)
        _page_labels(book, front_pages, first_folio)
        if tagged:
            order = [first.name, *_part_order(slots)]
            structure.merge(book, [(opened[name], sorted(
                index for (part, _), index in placed.items() if part == name))
                for name in order])
            structure.declare_ua(book)
        try:
            book.save(target, deterministic_id=True)
        except OSError as error:
            raise EditionError(f"cannot write PDF: {error.strerror}", path=target,
                               rule="pdf-write") from None
        return problems
    finally:
        opened.close()


def _page_size(page: pikepdf.Page) -> tuple[float, float]:
    box = page.mediabox
    return float(box[2]) - float(box[0]), float(box[3]) - float(box[1])


def _part_order(slots: list[Slot]) -> list[str]:
    return list(dict.fromkeys(s.part for s in slots if s.part is not None))


def _destinations(book: pikepdf.Pdf, opened: _Opened, order: list[str],
                  placed: dict[tuple[str, int], int]) -> set[str]:
    """One name tree of every part's named destinations, pointing at the pages where
    they now are (the first part to name an anchor keeps it)."""
    tree = NameTree.new(book)
    names: set[str] = set()
    for name in order:
        pdf = opened[name]
        if "/Names" not in pdf.Root or "/Dests" not in pdf.Root.Names:
            continue
        index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        for anchor, dest in NameTree(pdf.Root.Names.Dests).items():
            page = placed.get((name, index.get(dest[0].objgen, -1)))
            if page is None or anchor in names:
                continue
            names.add(anchor)
            tree[anchor] = Array([book.pages[page].obj, *list(dest)[1:]])
    if "/Names" not in book.Root:
        book.Root.Names = Dictionary()
    book.Root.Names.Dests = tree.obj
    return names


def _links(book: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Page, pikepdf.Dictionary]]:
    for page in book.pages:
        for annotation in page.obj.get("/Annots", Array()):
            if annotation.get("/Subtype") == Name.Link:
                yield page, annotation


def _resolve_links(book: pikepdf.Pdf, names: set[str]) -> list[str]:
    """Links to another part's anchor become links to its named destination; a link to
    an anchor no part has is removed and reported."""
    problems: list[str] = []
    for page, annotation in list(_links(book)):
        action = annotation.get("/A")
        uri = str(action.get("/URI", "")) if action is not None else ""
        if not uri.startswith(PART_LINK):
            continue
        anchor = uri[len(PART_LINK):]
        if anchor in names:
            del annotation["/A"]
            annotation.Dest = String(anchor)
        else:
            problems.append(f"No anchor #{anchor} for internal URI reference")
            page.obj.Annots = Array([a for a in page.obj.Annots
                                     if a.objgen != annotation.objgen])
    return problems


def _outline(book: pikepdf.Pdf, order: list[str], parts: dict[str, LaidOutPart],
             placed: dict[tuple[str, int], int]) -> None:
    heights = {}

    def items(name: str, marks: list[Bookmark]) -> list[OutlineItem]:
        made = []
        for label, page, x, y, children in marks:
            at = placed.get((name, page))
            if at is None:
                continue
            if at not in heights:
                heights[at] = _page_size(book.pages[at])[1]
            item = OutlineItem(label, at, PageLocation.XYZ, left=x * CSS_PX,
                               top=heights[at] - y * CSS_PX)
            item.children.extend(items(name, children))
            made.append(item)
        return made

    with book.open_outline() as outline:
        outline.root.clear()
        for name in order:
            outline.root.extend(items(name, parts[name].bookmarks))


def _page_labels(book: pikepdf.Pdf, front_pages: int, first_folio: int) -> None:
    """The front matter labelled i, ii …, the rest from ``first_folio``."""
    numbers = Array()
    if front_pages:
        numbers.extend([0, Dictionary(S=Name("/r"))])
    numbers.extend([front_pages, Dictionary(S=Name("/D"), St=first_folio)])
    book.Root.PageLabels = Dictionary(Nums=numbers)
