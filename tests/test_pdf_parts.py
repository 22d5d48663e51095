"""The book laid out in parts: the same PDFs whatever the number of workers, parts taken
over from the previous build, a part that grows moving the others, offprints made of
the book's own parts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_pdf_support import RecordingStore, pdftotext, source_date_epoch, squash

from bench.synth import generate
from edition.build import BuildOptions, build
from edition.model import load_edition
from edition.pdf import render_book
from edition.pdf.parts import MemoryStore


@pytest.fixture()
def two_texts(mini_edition: Path, tmp_path: Path) -> Path:
    """The mini edition with its text twice (ids renamed), in a folder of its own."""
    source = tmp_path / "source"
    shutil.copytree(mini_edition, source)
    generate(source, tmp_path / "two", 2)
    return tmp_path / "two"


def _pdf_build(source: Path, out: Path, jobs: int = 2) -> dict[str, int]:
    with source_date_epoch():
        return build(BuildOptions(source, out, html=False, jobs=jobs)).work


def _lengthen(text: Path, paragraphs: int) -> None:
    """Add ``paragraphs`` copies of the text's last paragraph (new ids) after it."""
    source = text.read_text(encoding="utf-8")
    last = list(re.finditer(r"<p (n=\"[^\"]+\" xml:id=\"[^\"]+\")>(.*?)</p>", source,
                            re.S))[-1]
    body = re.sub(r' xml:id="[^"]+"', "", last.group(2))
    copies = "".join("<p " + re.sub(r'"( |$)', f'x{n}"\\1', last.group(1)) + f">{body}</p>"
                     for n in range(paragraphs))
    text.write_text(source[:last.end()] + copies + source[last.end():], encoding="utf-8")


def test_one_worker_and_two_give_the_same_bytes(mini_edition: Path, tmp_path: Path) -> None:
    with source_date_epoch():
        edition = load_edition(mini_edition)
        render_book(edition, tmp_path / "one", jobs=1)
        render_book(edition, tmp_path / "two", jobs=2)
    for pdf in sorted((tmp_path / "one").glob("*.pdf")):
        assert pdf.read_bytes() == (tmp_path / "two" / pdf.name).read_bytes(), pdf.name


def test_an_offprint_is_made_of_the_book_s_own_text_part(mini_edition: Path,
                                                         tmp_path: Path) -> None:
    store = RecordingStore()
    with source_date_epoch():
        book, problems = render_book(load_edition(mini_edition), tmp_path, store=store)
    assert problems == []
    assert sorted(book.laid_out) == sorted(store.jobs)
    assert book.laid_out.count("text-mini1") == 1
    offprint = pdftotext(tmp_path / "mini1.pdf")
    span = book.text_pages(book.edition.texts[0])
    assert squash(offprint).count("Stalin") == squash(pdftotext(
        tmp_path / "mini.pdf", book.front_pages + span.start + 1,
        book.front_pages + span.stop)).count("Stalin")


def test_a_corrected_word_lays_out_only_its_text_and_what_lists_pages(
        two_texts: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _pdf_build(two_texts, out)
    assert first["PDF parts rendered"] >= 6 and "PDF parts reused" not in first
    text = sorted((two_texts / "texts").glob("*.xml"))[1]
    text.write_text(text.read_text(encoding="utf-8").replace("rebuild", "rebuilt", 1),
                    encoding="utf-8")
    again = _pdf_build(two_texts, out)
    # the text itself, and the two parts that embed its TEI: the book's front matter
    # and the offprint's title pages; the other text, the introduction, the indexes
    # and the folio sheets are taken over
    assert again["PDF parts rendered"] == 3
    assert again["PDF parts reused"] == first["PDF parts rendered"] - 3
    assert again["PDF files reused"] == 1  # the other text's offprint
    clean = tmp_path / "clean"
    _pdf_build(two_texts, clean)
    for pdf in sorted((clean / "pdf").glob("*.pdf")):
        assert pdf.read_bytes() == (out / "pdf" / pdf.name).read_bytes(), pdf.name
    assert "rebuilt" in pdftotext(out / "pdf" / f"{text.stem}.pdf")


def test_a_text_that_grows_moves_the_next_without_laying_it_out_again(
        two_texts: Path, tmp_path: Path) -> None:
    store = MemoryStore()
    texts = sorted((two_texts / "texts").glob("*.xml"))
    with source_date_epoch():
        before, _ = render_book(load_edition(two_texts), tmp_path / "before", store=store)
        _lengthen(texts[0], 60)
        book, problems = render_book(load_edition(two_texts), tmp_path / "after", store=store)
        render_book(load_edition(two_texts), tmp_path / "clean")
    assert problems == []
    moved = f"text-{texts[1].stem}"
    assert book.placed[moved].first > before.placed[moved].first
    # laid out again: the grown text, the indexes, the front matter, the offprints'
    # title pages (their page ranges changed); not the text that only moved
    assert moved not in book.laid_out
    assert set(book.laid_out) <= {f"text-{texts[0].stem}", "indexes", "front",
                                  *(f"offprint-{t.stem}" for t in texts),
                                  *(f"folios-{n}" for n in range(4))}
    whole = tmp_path / "after" / "mini.pdf"
    for item in book.toc:
        page = squash(pdftotext(whole, book.front_pages + int(item.page),
                                book.front_pages + int(item.page)))
        assert squash(item.label) in page, item
    for pdf in sorted((tmp_path / "clean").glob("*.pdf")):
        assert pdf.read_bytes() == (tmp_path / "after" / pdf.name).read_bytes(), pdf.name
