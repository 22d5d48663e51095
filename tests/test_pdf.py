"""The print edition of the mini fixture: files, metadata, fonts, text, contents, indexes,
apparatus, archival features. The book is rendered once per session."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from test_pdf_support import (
    EPOCH,
    Rendered,
    pdf_objects_text,
    pdffonts_rows,
    pdfinfo,
    pdftotext,
    plain,
    render,
    run,
    source_date_epoch,
    squash,
    words,
)
from test_pdf_support import missing_in_order as missing

from edition.config import Config
from edition.model import load_edition
from edition.pdf import Book
from edition.pdf.layout import captured_warnings
from edition.problems import EditionError


@pytest.fixture(scope="session")
def mini_pdf(mini_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(mini_edition, tmp_path_factory.mktemp("mini-pdf"))


def test_the_whole_edition_and_each_text_get_a_pdf_named_by_id(mini_pdf: Rendered) -> None:
    assert sorted(p.name for p in mini_pdf.out.glob("*.pdf")) == ["mini.pdf", "mini1.pdf"]


def test_weasyprint_reports_no_warning(mini_pdf: Rendered) -> None:
    assert mini_pdf.problems == []


def test_pdfinfo_shows_the_metadata_of_the_edition_header(mini_pdf: Rendered) -> None:
    info = pdfinfo(mini_pdf.whole)
    assert info["Title"] == "A Miniature Edition: Fixture for the test suite"
    assert info["Author"] == "Ada Editor"
    assert info["Subject"] == "Fixture for the test suite"
    assert info["Keywords"] == "diplomacy, letters"
    assert info["CreationDate"].endswith("2026 UTC") and "Jan  1 00:00:00" in info["CreationDate"]
    book = mini_pdf.book
    assert int(info["Pages"]) == book.front_pages + book.pages


def test_each_offprint_carries_its_text_metadata(mini_pdf: Rendered) -> None:
    info = pdfinfo(mini_pdf.out / "mini1.pdf")
    assert info["Title"] == "A Letter on the Visit to Moscow"
    assert info["Author"] == mini_pdf.edition.texts[0].meta.authors[0].name


def test_the_page_is_the_default_trim_size(mini_pdf: Rendered) -> None:
    width, height = re.match(r"([\d.]+) x ([\d.]+) pts", pdfinfo(mini_pdf.whole)["Page size"]
                             ).groups()
    assert round(float(width) / 72 * 25.4) == 156
    assert round(float(height) / 72 * 25.4) == 234


def test_the_trim_size_follows_the_configuration(mini_edition: Path) -> None:
    edition = load_edition(mini_edition, Config(trim_width_mm=170, trim_height_mm=240))
    with captured_warnings():
        part = Book(edition, jobs=1).placed["text-mini1"].part
    with pikepdf.open(io.BytesIO(part.pdf)) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
    assert round(box[2] / 72 * 25.4) == 170
    assert round(box[3] / 72 * 25.4) == 240


def test_every_font_is_embedded_and_the_book_face_is_libertine(mini_pdf: Rendered) -> None:
    rows = pdffonts_rows(mini_pdf.whole)
    assert rows and all(row["emb"] == "yes" for row in rows)
    assert any("Linux-Libertine-O" in row["name"] for row in rows)


def test_the_tei_source_is_embedded_as_an_attachment(mini_pdf: Rendered,
                                                      tmp_path: Path) -> None:
    listing = run("pdfdetach", "-list", str(mini_pdf.out / "mini1.pdf"))
    assert "mini1.xml" in listing
    run("pdfdetach", "-saveall", "-o", str(tmp_path), str(mini_pdf.out / "mini1.pdf"))
    source = mini_pdf.edition.texts[0].path
    assert (tmp_path / "mini1.xml").read_bytes() == source.read_bytes()
    whole = run("pdfdetach", "-list", str(mini_pdf.whole))
    assert "mini1.xml" in whole and "edition.xml" in whole


def test_the_pdf_declares_pdf_a_3b_in_its_xmp(mini_pdf: Rendered) -> None:
    xmp = run("pdfinfo", "-meta", str(mini_pdf.whole))
    assert re.search(r"pdfaid:part=.3", xmp) or "<pdfaid:part>3" in xmp
    assert re.search(r"pdfaid:conformance=.B", xmp) or "<pdfaid:conformance>B" in xmp


def test_every_paragraph_is_extracted_whole_and_in_reading_order(mini_pdf: Rendered) -> None:
    paragraphs = [(p.ref, p.reading) for t in mini_pdf.edition.texts for p in t.paragraphs]
    assert missing(paragraphs, pdftotext(mini_pdf.whole)) == []


def test_each_paragraph_is_a_named_destination_on_the_page_it_starts(
        mini_pdf: Rendered) -> None:
    dests = run("pdfinfo", "-dests", str(mini_pdf.whole))
    for paragraph in mini_pdf.edition.texts[0].paragraphs:
        line = next((line for line in dests.splitlines()
                     if re.search(rf"\s\"{re.escape(paragraph.ref)}\"$", line)), None)
        assert line, paragraph.ref
        page = int(line.split()[0])
        first_words = " ".join(words(paragraph.reading)[:3])
        assert first_words in " ".join(words(mini_pdf.page_text(page))), paragraph.ref


def test_the_correction_stands_in_the_text_and_the_error_in_the_apparatus(
        mini_pdf: Rendered) -> None:
    text = squash(pdftotext(mini_pdf.out / "mini1.pdf"))
    assert "counter-revolutionary] counter-revoluti6nary W" in text
    assert "revoluti6nary threat" not in text
    assert "reads P] raeds W" in text


def test_apparatus_entries_are_keyed_to_the_line_of_their_page(mini_pdf: Rendered) -> None:
    """Prose is numbered by the lines of each page: an entry's key is the line its
    lemma stands on, counted again here from the page read back by position."""
    from apparatus_pages import check_entries

    checked, wrong = check_entries(mini_pdf, "mini1")
    assert wrong == []
    assert checked >= 2
    text = squash(pdftotext(mini_pdf.out / "mini1.pdf"))
    assert re.search(r"\b\d+ counter-revolutionary\]", text)
    assert re.search(r"\b\d+ reads P\]", text)


def test_editorial_notes_are_numbered_footnotes_with_linked_calls(mini_pdf: Rendered) -> None:
    text = squash(pdftotext(mini_pdf.out / "mini1.pdf"))
    assert "Workers\u2019 Party of Korea.1" in text
    assert "1 The delegation left Pyongyang by train." in text
    dests = run("pdfinfo", "-dests", str(mini_pdf.whole))
    assert '"fn-mini1-1"' in dests and '"fn-mini1-1-call"' in dests


def test_no_extracted_line_ends_in_a_hyphen_that_extraction_would_join(
        mini_pdf: Rendered) -> None:
    raw = run("pdftotext", "-raw", "-nopgbrk", str(mini_pdf.whole), "-")
    assert not [line for line in raw.splitlines() if re.search(r"\w-$", line)]
    assert "counter-revolutionary threat" in squash(pdftotext(mini_pdf.whole))


def test_source_pages_are_in_the_margin(mini_pdf: Rendered) -> None:
    text = pdftotext(mini_pdf.out / "mini1.pdf")
    assert "[p. 10]" in text and "[p. 11]" in text


def test_the_witnesses_are_listed_with_their_sigla(mini_pdf: Rendered) -> None:
    text = squash(pdftotext(mini_pdf.out / "mini1.pdf"))
    assert "W Transcription in the web archive" in text
    assert "P Printed volume" in text


def test_the_contents_give_the_page_each_part_starts_on(mini_pdf: Rendered) -> None:
    labels = [item.label for item in mini_pdf.book.toc]
    assert labels[:2] == ["Introduction", "A Letter on the Visit to Moscow"]
    assert "Index of Persons" in labels
    contents = squash(mini_pdf.page_text(mini_pdf.book.front_pages - 1)) + squash(
        mini_pdf.page_text(mini_pdf.book.front_pages))
    for item in mini_pdf.book.toc:
        assert f"{item.label}" in contents
        assert item.label in squash(mini_pdf.page_text(mini_pdf.physical(item.page))), item


def test_every_index_page_carries_a_mention_of_the_entry(mini_pdf: Rendered) -> None:
    edition = mini_pdf.edition
    listed = [(e, p) for i in mini_pdf.book.indexes for e in i.entries for p in e.pages]
    assert {e.id for e, _ in listed} >= {"kim-il-sung", "stalin", "moscow", "wpk"}
    for entry, page in listed:
        surfaces = {m.surface for m in edition.mentions_of(entry.id)}
        text = plain(squash(mini_pdf.page_text(mini_pdf.physical(page.label))))
        assert any(s in text for s in surfaces), (entry.id, page.label)


def test_index_entries_are_sorted_and_their_pages_unique(mini_pdf: Rendered) -> None:
    for index in mini_pdf.book.indexes:
        keys = [mini_pdf.edition.entries[e.id].sort_key for e in index.entries]
        assert keys == sorted(keys)
        for entry in index.entries:
            labels = [p.label for p in entry.pages]
            assert len(labels) == len(set(labels))


def test_the_index_is_printed_with_register_names_and_years(mini_pdf: Rendered) -> None:
    first = mini_pdf.physical(mini_pdf.book.toc[-3].page)
    text = squash(mini_pdf.page_text(first))
    assert "Kim Il Sung (1912–1994)" in text


def test_the_outline_lists_texts_and_sections(mini_pdf: Rendered) -> None:
    def labels(items: list) -> list[str]:
        return [label for item in items for label in [item.title, *labels(item.children)]]

    with pikepdf.open(mini_pdf.whole) as pdf, pdf.open_outline() as outline:
        top = [item.title for item in outline.root]
        outline_labels = labels(outline.root)
    assert top == [
        "Title page", "Witnesses", "Contents", "Introduction", "A Letter on the Visit to Moscow",
        "Index of Persons", "Index of Places", "Index of Organisations"]
    assert outline_labels.index("The Visit") == outline_labels.index(
        "A Letter on the Visit to Moscow") + 1


def test_the_imprint_states_licence_version_and_build_date(mini_pdf: Rendered) -> None:
    imprint = squash(mini_pdf.page_text(4))
    assert "Version 1.2.0" in imprint
    assert "built on 2026-01-01" in imprint
    assert "Creative Commons Attribution 4.0 International" in imprint
    assert "https://editions.example.org/mini/" in imprint


def test_page_labels_number_the_front_matter_in_roman(mini_pdf: Rendered) -> None:
    objects = pdf_objects_text(mini_pdf.whole)
    front = mini_pdf.book.front_pages
    assert re.search(rb"/PageLabels\s*<<\s*/Nums\s*\[\s*0\s*<<\s*/S\s*/r\s*>>\s*"
                     + str(front).encode() + rb"\s*<<\s*/S\s*/D\s*/St\s*1", objects)


def test_two_builds_with_source_date_epoch_are_byte_identical(
        mini_pdf: Rendered, mini_edition: Path, tmp_path: Path) -> None:
    # The second build runs in another process with another hash seed, so nothing may
    # depend on set or dict order that varies between runs.
    script = ("import sys; from pathlib import Path; from edition.model import load_edition;"
              " from edition.pdf import render_pdfs;"
              " render_pdfs(load_edition(Path(sys.argv[1])), Path(sys.argv[2]))")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(mini_edition), str(tmp_path)],
                   check=True, env=env, cwd=Path(__file__).parent.parent)
    for name in ("mini.pdf", "mini1.pdf"):
        assert (tmp_path / name).read_bytes() == (mini_pdf.out / name).read_bytes(), name


def test_another_source_date_epoch_changes_the_dates(mini_edition: Path,
                                                     tmp_path: Path) -> None:
    with source_date_epoch("1767312000"):  # 2026-01-02
        edition = load_edition(mini_edition)
        from edition.pdf import render_pdfs
        assert render_pdfs(edition, tmp_path) == []
    assert "Jan  2" in pdfinfo(tmp_path / "mini.pdf")["CreationDate"]


def test_every_internal_link_resolves_to_a_named_destination(mini_pdf: Rendered) -> None:
    with pikepdf.open(mini_pdf.whole) as pdf:
        links = [a for page in pdf.pages for a in page.obj.get("/Annots", [])
                 if a.get("/Subtype") == pikepdf.Name.Link]
        targets = {str(a.Dest) for a in links if "/Dest" in a}
        uris = [str(a.A.URI) for a in links if "/A" in a]
    dests = run("pdfinfo", "-dests", str(mini_pdf.whole))
    names = set(re.findall(r'"([^"]+)"\s*$', dests, re.M))
    assert targets and targets <= names
    # contents, note calls and back-links, index page numbers: links across parts too
    assert {"introduction", "mini1", "mini1.1", "index-person", "fn-mini1-1",
            "fn-mini1-1-call"} <= targets
    assert any(t.startswith("m__stalin__") for t in targets)
    assert not [u for u in uris if not u.startswith(("http://", "https://"))]


def test_the_tei_is_attached_with_the_source_relationship(mini_pdf: Rendered) -> None:
    objects = pdf_objects_text(mini_pdf.out / "mini1.pdf")
    assert re.search(rb"/AFRelationship\s*/Source", objects)
    assert re.search(rb"/AF\s*\[", objects)


def test_a_character_no_font_has_fails_as_a_warning(mini_edition: Path,
                                                    tmp_path: Path) -> None:
    source = tmp_path / "edition"
    shutil.copytree(mini_edition, source)
    text = source / "texts" / "mini1.xml"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "plainly", "plainly \U00010000"), encoding="utf-8")
    from edition.pdf import render_pdfs
    with source_date_epoch():
        problems = render_pdfs(load_edition(source), tmp_path / "out")
    assert any(".notdef" in p.message and p.rule == "pdf-layout" for p in problems)
    assert all(str(p).endswith("[pdf-layout]") for p in problems)


def test_the_margin_number_of_each_paragraph_is_its_web_number(mini_pdf: Rendered) -> None:
    dests = run("pdfinfo", "-dests", str(mini_pdf.whole))
    for paragraph in mini_pdf.edition.texts[0].paragraphs:
        page = next(int(line.split()[0]) for line in dests.splitlines()
                    if line.endswith(f'"{paragraph.ref}"'))
        layout = plain(run("pdftotext", "-layout", "-f", str(page), "-l", str(page),
                           str(mini_pdf.whole), "-"))
        first = paragraph.reading.split()[0]
        assert re.search(rf"^\s*{re.escape(paragraph.n)}\s+{re.escape(first)}", layout, re.M), \
            paragraph.ref


def test_the_book_fetches_nothing_from_the_network(tmp_path: Path) -> None:
    from edition.pdf.layout import render as lay_out

    html = '<html><body><img src="https://example.org/x.png"><p>text</p></body></html>'
    with captured_warnings() as log:
        lay_out(html, tmp_path)
    assert any("disallowed protocol" in r.getMessage() for r in log.records)


def test_a_trim_size_too_small_for_the_margins_is_one_readable_error(
        mini_edition: Path) -> None:
    edition = load_edition(mini_edition, Config(trim_width_mm=50, trim_height_mm=80))
    with pytest.raises(EditionError) as error:
        Book(edition)
    assert str(error.value).endswith("[pdf-trim]")
    assert "edition.toml:0:0: error: trim size 50 × 80 mm is too small" in str(error.value)
