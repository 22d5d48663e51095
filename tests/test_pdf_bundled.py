"""The print edition of the bundled edition (tei/): rendered once per session, checked
for warnings, completeness, reading order, contents and index pages; and the book face
checked against every character the texts use."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from test_pdf_support import (
    Rendered,
    dehyphenate,
    missing_in_order,
    pdffonts_rows,
    pdfinfo,
    pdftotext,
    plain,
    render,
    squash,
)
from weasyprint.formatting_structure.boxes import Box, TextBox

from edition.model import Edition, load_edition
from edition.pdf import hyphenation
from edition.pdf.hyphenation import HYPHEN
from edition.pdf.layout import captured_warnings
from edition.pdf.layout import render as lay_out
from edition.pdf.settle import lay_out_settled
from edition.textual import T

BOOK_FACES = ("Linux Libertine O", "Linux Libertine O:italic", "Linux Libertine O:bold")
HANGUL_FACE = "NanumMyeongjo"
SYMBOL_FACE = "DejaVu Sans"  # the few symbols Libertine lacks (☎ in a colophon)


@pytest.fixture(scope="session")
def bundled_pdf(bundled_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(bundled_edition, tmp_path_factory.mktemp("bundled-pdf"))


def test_the_bundled_edition_prints_without_any_warning(bundled_pdf: Rendered) -> None:
    problems = [str(p) for p in bundled_pdf.problems]
    if bundled_pdf.edition.header_path is None:  # drafts without tei/edition.xml yet
        problems = [p for p in problems if "is also a text id" not in p]
    assert problems == []


def test_the_bundled_edition_has_a_pdf_per_text(bundled_pdf: Rendered) -> None:
    names = {p.name for p in bundled_pdf.out.glob("*.pdf")}
    assert names == {f"{bundled_pdf.edition.meta.id}.pdf",
                     *(f"{t.id}.pdf" for t in bundled_pdf.edition.texts)}
    for text in bundled_pdf.edition.texts:
        if text.id == bundled_pdf.edition.meta.id:
            continue
        pages = int(pdfinfo(bundled_pdf.out / f"{text.id}.pdf")["Pages"])
        assert pages == len(bundled_pdf.book.text_pages(text)) + 2  # title page, imprint


def test_every_font_of_the_bundled_edition_is_embedded(bundled_pdf: Rendered) -> None:
    assert all(row["emb"] == "yes" for row in pdffonts_rows(bundled_pdf.whole))


def test_every_paragraph_of_both_texts_is_extracted_in_order(bundled_pdf: Rendered) -> None:
    paragraphs = [(p.ref, p.reading) for t in bundled_pdf.edition.texts for p in t.paragraphs]
    assert paragraphs
    assert missing_in_order(paragraphs, pdftotext(bundled_pdf.whole)) == []


def test_each_text_opens_on_a_right_hand_page(bundled_pdf: Rendered) -> None:
    for text in bundled_pdf.edition.texts:
        assert bundled_pdf.book.anchors[text.id] % 2 == 0  # page index 0 is folio 1


def test_the_contents_give_the_right_page_of_every_entry(bundled_pdf: Rendered) -> None:
    assert bundled_pdf.book.toc
    for item in bundled_pdf.book.toc:
        page = squash(bundled_pdf.page_text(bundled_pdf.physical(item.page)))
        assert squash(item.label) in page, (item.label, item.page)


def test_every_index_page_carries_the_mention(bundled_pdf: Rendered) -> None:
    edition = bundled_pdf.edition
    mentioned = {m.entry_id for t in edition.texts for m in t.mentions}
    indexed_kinds = {"person", "place", "org"}
    expected = {e.id for e in edition.entries.values()
                if e.kind.value in indexed_kinds and e.id in mentioned}
    listed = {e.id: e for i in bundled_pdf.book.indexes for e in i.entries}
    assert set(listed) == expected
    def text_of(physical: int) -> str:
        return plain(squash(dehyphenate(bundled_pdf.page_text(physical))))

    for entry in listed.values():
        surfaces = {plain(squash(m.surface)) for m in edition.mentions_of(entry.id)}
        for page in entry.pages:
            physical = bundled_pdf.physical(page.label)
            text = text_of(physical)
            assert any(s in text or _carried_over(s, text, text_of(physical + 1))
                       for s in surfaces), (entry.id, page.label)


def _carried_over(surface: str, here: str, there: str) -> bool:
    """A mention that begins on this page and ends on the next (the index gives the page
    where it begins): its first words here, the rest there."""
    words = surface.split()
    return any(" ".join(words[:k]) in here and " ".join(words[k:]) in there
               for k in range(1, len(words)))


# ---------------------------------------------------------------- glyph coverage

@cache
def _cmap(face: str) -> frozenset[int]:
    path = subprocess.run(["fc-match", "-f", "%{file}", face], check=True,
                          capture_output=True, text=True).stdout
    return frozenset(TTFont(path, fontNumber=0).getBestCmap())


def _printed_characters(edition: Edition) -> set[str]:
    """Every character of the texts and notes, the headers' titles and sources, and the
    registers' names: what the book prints."""
    chunks = []
    for text in edition.texts:
        root = text.tree.getroot()
        chunks.extend(root.find(f"{T}text").itertext())
        chunks.extend([text.meta.title, *(s.statement for s in text.meta.sources)])
    chunks.extend(e.name for e in edition.entries.values())
    chunks.append(edition.meta.full_title)
    return {c for chunk in chunks for c in chunk
            if not c.isspace() and unicodedata.category(c)[0] != "C"}


def test_the_book_face_covers_every_character_of_both_texts(bundled_edition: Path) -> None:
    characters = _printed_characters(load_edition(bundled_edition))
    hangul = {c for c in characters if "HANGUL" in unicodedata.name(c, "")}
    symbols = {c for c in characters - hangul if unicodedata.category(c) == "So"}
    for face in BOOK_FACES:
        uncovered = sorted(c for c in characters - hangul - symbols
                           if ord(c) not in _cmap(face))
        assert uncovered == [], (face, [f"U+{ord(c):04X} {c}" for c in uncovered])
    assert sorted(c for c in hangul if ord(c) not in _cmap(HANGUL_FACE)) == []
    assert sorted(c for c in symbols
                  if ord(c) not in _cmap(BOOK_FACES[0]) | _cmap(SYMBOL_FACE)) == []


def test_the_coverage_check_finds_a_character_the_face_lacks() -> None:
    assert ord("주") not in _cmap(BOOK_FACES[0])


def test_no_line_of_the_bundled_book_ends_in_a_hard_hyphen(bundled_pdf: Rendered) -> None:
    raw = subprocess.run(["pdftotext", "-raw", "-nopgbrk", str(bundled_pdf.whole), "-"],
                         check=True, capture_output=True, text=True).stdout
    assert [line for line in raw.splitlines() if re.search(r"\w-$", line)] == []


def test_every_page_after_an_opening_carries_its_running_head(bundled_pdf: Rendered) -> None:
    book = bundled_pdf.book
    starts = [(item.label, int(item.page)) for item in book.toc if item.level == 1]
    last_folio = book.pages
    for (label, start), (_, following) in zip(starts, [*starts[1:], ("", last_folio + 1)],
                                              strict=True):
        if not label.startswith("Index"):
            continue
        for folio in range(start + 1, following):
            text = bundled_pdf.page_text(bundled_pdf.physical(str(folio)))
            assert text.lstrip().startswith(label), (label, folio)


def test_hangul_is_set_upright_in_the_korean_face(bundled_pdf: Rendered) -> None:
    edition = bundled_pdf.edition
    has_hangul = any("HANGUL" in unicodedata.name(c, "") for t in edition.texts
                     for c in "".join(t.tree.getroot().find(f"{T}text").itertext()))
    names = [row["name"] for row in pdffonts_rows(bundled_pdf.whole)]
    assert not any("Nanum" in n and ("Oblique" in n or "Italic" in n) for n in names)
    assert any("NanumMyeongjo" in n for n in names) == has_hangul


# ---------------------------------------------------------------- typography on the pages

def _name_breaks(box: Box, in_name: bool = False) -> Iterator[str]:
    """Text of the boxes inside a tagged name (class ``ent``) that end in a hyphen."""
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    in_name = in_name or "ent" in classes
    if isinstance(box, TextBox) and in_name and box.text.rstrip().endswith(HYPHEN):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from _name_breaks(child, in_name)


def test_the_bundled_book_is_hyphenated_and_has_no_straight_quotes(
        bundled_pdf: Rendered) -> None:
    text = pdftotext(bundled_pdf.whole)
    hyphenated = [line for line in text.splitlines() if line.rstrip().endswith(HYPHEN)]
    assert len(hyphenated) > 50
    assert "'" not in text and '"' not in text
    assert "\u2019" in text and "\u201c" in text and "\u2013" in text


def test_the_bundled_texts_keep_the_hyphenation_limit_names_and_two_lines_a_page(
        bundled_pdf: Rendered) -> None:
    for text in bundled_pdf.edition.texts:
        job = bundled_pdf.store.jobs[f"text-{text.id}"]
        with captured_warnings():
            document = lay_out_settled(
                job.html, lambda h, j=job: lay_out(h, j.base_url, folios=False),
                lambda message: None).document
        assert not [t for page in document.pages for t in _name_breaks(page._page_box)]
        for element_id, lines in hyphenation.block_lines(document).values():
            assert hyphenation.excess(lines) == [], element_id
            pages = [line.page for line in lines]
            if element_id and element_id.startswith(text.id) and len(set(pages)) > 1:
                for page in set(pages):
                    assert pages.count(page) >= 2, (element_id, page)  # no widow, orphan


@pytest.mark.parametrize("text_id", ["kis1957", "flph2025"])
def test_every_fifth_line_of_a_page_is_numbered_beside_it(bundled_pdf: Rendered,
                                                          text_id: str) -> None:
    from apparatus_pages import check_margin_numbers

    shown, wrong = check_margin_numbers(bundled_pdf, text_id)
    assert wrong == []
    assert shown >= 10


@pytest.mark.parametrize(("text_id", "entries"), [("kis1957", 10), ("flph2025", 1)])
def test_each_printed_entry_is_on_its_lemmas_page_keyed_to_its_line(
        bundled_pdf: Rendered, text_id: str, entries: int) -> None:
    from apparatus_pages import check_entries

    checked, wrong = check_entries(bundled_pdf, text_id)
    assert wrong == []
    assert checked == entries
