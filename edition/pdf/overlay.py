"""Drawing one PDF page over another: the folios over the assembled book, the line
numbers of prose over a text part (`edition.pdf.page_lines`)."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Name


def draw_over(pdf: pikepdf.Pdf, page: pikepdf.Page, sheet: pikepdf.Page, name: str) -> None:
    """Draw ``sheet`` over ``page`` of ``pdf`` as an artifact (it is not content of the
    structure tree), as a form XObject called ``name``. pikepdf's ``add_overlay`` names
    it at random, which would make two builds of the same book differ; one name for all
    would clash, as a part's pages share their resources."""
    form = pdf.copy_foreign(sheet.as_form_xobject())
    resource = page.add_resource(form, Name.XObject, Name(f"/{name}"))
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(
        pdf, b"\nQ\n/Artifact BMC q " + bytes(resource.unparse()) + b" Do Q EMC\n"))


def over_every_page(pdf: bytes, sheet: bytes, name: str) -> bytes:
    """``pdf`` with page i of ``sheet`` drawn over its page i (``name`` + i)."""
    with pikepdf.open(io.BytesIO(pdf)) as target, pikepdf.open(io.BytesIO(sheet)) as over:
        for index, (page, sheet_page) in enumerate(zip(target.pages, over.pages,
                                                       strict=True)):
            draw_over(target, page, sheet_page, f"{name}{index + 1}")
        out = io.BytesIO()
        target.save(out, deterministic_id=True)
        return out.getvalue()
