"""The structure tree of an assembled PDF: the tagged parts' trees made one.

WeasyPrint tags each part it lays out (``pdf_tags``): a ``Document`` element holding
headings, paragraphs, lists, notes, figures and links, each pointing at its marked
content on a page, and a parent tree from each page's ``StructParents`` key (and each
annotation's ``StructParent``) back to the elements. The keys of each part start at 0,
so when parts are assembled their keys are moved past those of the parts before them,
and the parts' ``Document`` children are gathered, in book order, under one
``Document``: the reading order of the book is the order of its parts.

`declare_ua` adds the PDF/UA-1 identification to the XMP metadata, beside PDF/A-3b's.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, NumberTree

UA_SCHEMA = """<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\
<pdfuaid:part>1</pdfuaid:part></rdf:Description>"""


def _children(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def merge(book: pikepdf.Pdf, parts: list[tuple[pikepdf.Pdf, list[int]]]) -> None:
    """Make the structure tree of ``book`` from those of ``parts``: (the part's PDF, the
    indexes in ``book`` of the pages taken from it), in book order. The first part may
    be ``book`` itself."""
    document = book.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document,
                                             K=Array()))
    root = book.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document])))
    document.P = root
    numbers = Array()
    offset = 0
    for pdf, pages in parts:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            continue
        native = pdf is book

        def own(obj: pikepdf.Object, native: bool = native) -> pikepdf.Object:
            return obj if native else _copy(book, obj)

        for top in _children(tree):
            for child in _children(top):
                child = own(child)
                if isinstance(child, Dictionary):
                    child.P = document
                document.K.append(child)
        keys = -1
        if "/ParentTree" in tree:
            for key, value in NumberTree(tree.ParentTree).items():
                numbers.extend([key + offset, own(value)])
                keys = max(keys, key)
        for index in pages:
            _move_keys(book.pages[index].obj, offset)
        offset += keys + 1
    root.ParentTree = book.make_indirect(Dictionary(Nums=numbers))
    root.ParentTreeNextKey = offset
    book.Root.StructTreeRoot = root
    book.Root.MarkInfo = Dictionary(Marked=True)


def _copy(book: pikepdf.Pdf, obj: pikepdf.Object) -> pikepdf.Object:
    """``obj`` of another PDF in ``book``: an indirect object is copied (once: pikepdf
    keeps a map per source, so a page already copied is the same page), a direct
    array or dictionary is rebuilt around its copied members."""
    if not isinstance(obj, pikepdf.Object):
        return obj
    if obj.is_indirect:
        return book.copy_foreign(obj)
    if isinstance(obj, Array):
        return Array([_copy(book, item) for item in obj])
    if isinstance(obj, Dictionary):
        return Dictionary({key: _copy(book, value) for key, value in obj.items()})
    return obj


def _move_keys(page: pikepdf.Dictionary, offset: int) -> None:
    if "/StructParents" in page:
        page.StructParents = int(page.StructParents) + offset
    for annotation in page.get("/Annots", Array()):
        if "/StructParent" in annotation:
            annotation.StructParent = int(annotation.StructParent) + offset


def declare_ua(book: pikepdf.Pdf) -> None:
    """Add ``pdfuaid:part 1`` to the XMP metadata (kept otherwise as WeasyPrint wrote it
    for PDF/A-3b), and ask viewers to show the document title."""
    xmp = book.Root.Metadata.read_bytes().decode("utf-8")
    if "pdfuaid:part" not in xmp:
        xmp = xmp.replace("</rdf:RDF>", UA_SCHEMA + "</rdf:RDF>", 1)
        book.Root.Metadata.write(xmp.encode("utf-8"))
    preferences = book.Root.get("/ViewerPreferences", Dictionary())
    preferences.DisplayDocTitle = True
    book.Root.ViewerPreferences = preferences
