"""The tagged book (``--pdf-variant ua``): one structure tree over the assembled parts,
read back with pikepdf.

Verified here: the XMP declares PDF/UA-1 beside PDF/A-3b; the tree has headings,
paragraphs, lists and links, in the order of the book, covering every printed page;
every page's key leads through the parent tree to elements of that page, every link's
to the element that holds it, and no two parts share a key. Not verified: conformance with
a PDF/UA checker (none is available offline); notes, which WeasyPrint tags as plain
spans in the footnote area rather than ``Note`` elements; figures, as the mini edition
has none (WeasyPrint tags an image ``Figure``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from test_pdf_support import run, source_date_epoch

from edition.model import load_edition
from edition.pdf import render_book
from edition.problems import EditionError


@pytest.fixture(scope="module")
def tagged(mini_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tagged")
    with source_date_epoch():
        _, problems = render_book(load_edition(mini_edition), out, variant="ua")
    assert problems == []
    return out


def _elements(element: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    if isinstance(element, pikepdf.Dictionary) and "/S" in element:
        yield element
        kids = element.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                yield from _elements(kid)


def _text_of(pdf: pikepdf.Pdf, page: int) -> str:
    return run("pdftotext", "-f", str(page + 1), "-l", str(page + 1), str(pdf.filename), "-")


def test_the_tagged_book_declares_pdf_ua_and_pdf_a(tagged: Path) -> None:
    xmp = run("pdfinfo", "-meta", str(tagged / "mini.pdf"))
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "pdfaid:part" in xmp
    assert run("pdfinfo", str(tagged / "mini.pdf")).count("Tagged:          yes") == 1


def test_headings_paragraphs_and_links_are_tagged_in_book_order(tagged: Path) -> None:
    with pikepdf.open(tagged / "mini.pdf") as pdf:
        pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
        (document,) = list(pdf.Root.StructTreeRoot.K)
        assert document.S == pikepdf.Name.Document
        found = [(str(e.S), pages.get(e.Pg.objgen) if "/Pg" in e else None)
                 for e in _elements(document)]
        kinds = {kind for kind, _ in found}
        assert {"/H1", "/H2", "/P", "/L", "/LI", "/Link"} <= kinds
        # reading order: elements follow the pages of the book (the front matter, the
        # introduction, the text, the indexes), never going back
        on_pages = [page for _, page in found if page is not None]
        assert on_pages == sorted(on_pages)
        text_pages = {i for i in range(len(pdf.pages))
                      if _text_of(pdf, i).strip()}
        assert set(on_pages) >= text_pages  # nothing printed is left out of the tree
        headings = {pages[e.Pg.objgen] for e in _elements(document) if e.S == "/H2"}
        assert any("The Visit" in _text_of(pdf, page) for page in headings)


def test_every_structure_key_leads_to_elements_of_its_page(tagged: Path) -> None:
    with pikepdf.open(tagged / "mini.pdf") as pdf:
        tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
        entries = dict(tree.items())
        assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) > max(entries)
        keys = []
        for number, page in enumerate(pdf.pages, 1):
            if "/StructParents" not in page.obj:
                continue
            key = int(page.obj.StructParents)
            keys.append(key)
            elements = [e for e in entries[key] if isinstance(e, pikepdf.Dictionary)]
            assert all(e.Pg.objgen == page.objgen for e in elements if "/Pg" in e)
            # a page with text has its elements; one left blank (before a right-hand
            # opening) has none
            assert bool(elements) == bool(_page_text(tagged / "mini.pdf", number)), number
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    keys.append(int(annotation.StructParent))
                    parent = entries[int(annotation.StructParent)]
                    kids = parent.K if isinstance(parent.K, pikepdf.Array) else [parent.K]
                    assert any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
                               and k.Obj.objgen == annotation.objgen for k in kids)
        assert len(keys) == len(set(keys))  # no two parts share a key


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_the_offprint_is_tagged_too(tagged: Path) -> None:
    with pikepdf.open(tagged / "mini1.pdf") as pdf:
        kinds = {str(e.S) for e in _elements(pdf.Root.StructTreeRoot.K[0])}
    assert {"/H1", "/H2", "/P"} <= kinds


def test_an_unknown_variant_is_one_readable_error(mini_edition: Path, tmp_path: Path) -> None:
    with pytest.raises(EditionError) as error:
        render_book(load_edition(mini_edition), tmp_path, variant="x")
    assert str(error.value).endswith("[pdf-variant]")
