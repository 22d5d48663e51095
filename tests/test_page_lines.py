"""Printed line numbers of prose (`edition.pdf.page_lines`), on small parts laid out by
WeasyPrint with the print stylesheet: the keys of the entries, the bar for a second
entry of one line, the occurrence of a lemma that stands twice on its line, the
numbers in the margin, and the entry kept on its lemma's page."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from pdf_lines import PAGE, Word, bbox_layout, words_of

from edition.pdf import page_lines
from edition.pdf.layout import anchor_pages, captured_warnings, render
from edition.pdf.parts import PartJob, lay_out
from edition.pdf.settle import lay_out_settled

FILLER = ("The delegation travelled by train through the provinces and the towns along "
          "the line received it with speeches, music and flags of the two countries. ")


def entry(n: int, lemma: str, reading: str) -> str:
    return (f'<span class="lem-text" id="app-t-{n}">{lemma}</span>'
            f'<span class="app-entry" id="app-t-{n}-entry"><span class="app-key">1</span>'
            f'\u00a0<span class="lem">{lemma}</span>] <span class="rdg">{reading}</span> '
            f'</span>')


def part(body: str, lined: bool = True) -> str:
    css_class = "text page-lined" if lined else "text"
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
            f'<style>@page {{ size: 150mm 200mm; }}</style></head><body class="body">'
            f'<article class="{css_class}" id="t" lang="en"><div class="text-body">'
            f'<div class="tei-body">{body}</div></div></article></body></html>')


def laid_out(html: str):
    with captured_warnings() as log:
        settled = lay_out_settled(html, lambda h: render(h, Path.cwd(), folios=False),
                                  log.warning)
    return settled.document, settled.html, settled.lines


def keys(html: str) -> dict[str, str]:
    root = lxml.html.document_fromstring(html)
    return {e.get("id"): e[0].text for e in root.iter("span")
            if e.get("class") == "app-entry"}


def test_an_entry_is_keyed_to_the_line_of_its_page_its_lemma_starts_on() -> None:
    body = (f'<p class="para" id="t.1">{FILLER * 3}Then {entry(1, "Moscow", "Moskva")} '
            f'welcomed them. {FILLER * 2}</p>')
    _, html, counts = laid_out(part(body))
    line = counts[0].entry_lines["app-t-1-entry"]
    assert keys(html) == {"app-t-1-entry": str(line)}
    assert line > 3  # the filler runs over several lines first
    # the line counted is the one that holds the lemma: its top is that of the anchor
    assert [c.number for c in counts[0].lines] == list(range(1, len(counts[0].lines) + 1))


def test_a_second_entry_of_one_line_is_set_off_by_a_bar_and_a_repeated_word_numbered(
        ) -> None:
    body = (f'<p class="para" id="t.1">{entry(1, "the", "a")} train and '
            f'{entry(2, "the", "this")} town.</p>')
    _, html, counts = laid_out(part(body))
    assert counts[0].entry_lines == {"app-t-1-entry": 1, "app-t-2-entry": 1}
    assert counts[0].occurrences == {"app-t-1-entry": 1, "app-t-2-entry": 2}
    root = lxml.html.document_fromstring(html)
    first, second = (root.get_element_by_id(f"app-t-{n}-entry") for n in (1, 2))
    assert (first[0].get("class"), first[0].text) == ("app-key", "1")
    assert (second[0].get("class"), second[0].text) == ("app-sep", "|")
    assert [s.text for s in root.iter("sup")] == ["1", "2"]


def test_a_word_once_on_its_line_has_no_occurrence_figure() -> None:
    assert page_lines._occurrence("a train and a town", 2, "train") == 0
    assert page_lines._occurrence("the train and the town", 14, "the") == 2
    assert page_lines._occurrence("then the train", 5, "the") == 0  # "then" is not "the"


def test_headings_and_a_text_not_marked_are_not_counted() -> None:
    body = (f'<h2 class="head">A heading</h2><p class="para" id="t.1">{FILLER}'
            f'{entry(1, "train", "carriage")}</p>')
    _, html, counts = laid_out(part(body))
    assert counts[0].lines[0].top > 20  # the heading stands above line 1
    tops = [c.top for c in counts[0].lines]
    assert tops == sorted(tops)
    _, same, none = laid_out(part(body, lined=False))
    assert none == [] and keys(same) == {"app-t-1-entry": "1"}


@pytest.fixture(scope="module")
def long_part(tmp_path_factory: pytest.TempPathFactory) -> Path:
    paragraphs = "".join(
        f'<p class="para" id="t.{n}">{FILLER * 2}{entry(n, "cities", "villages")} '
        f'{FILLER}</p>' for n in range(1, 13))
    laid = lay_out(PartJob("text-t", part(paragraphs), Path.cwd()))
    out = tmp_path_factory.mktemp("page-lines") / "part.pdf"
    out.write_bytes(laid.pdf)
    return out


def _words(pdf: Path) -> list[list[Word]]:
    return [words_of(page) for page in PAGE.findall(bbox_layout(pdf))]


def test_every_fifth_line_is_numbered_in_the_right_margin_beside_it(long_part: Path) -> None:
    shown = 0
    for page in _words(long_part):
        text = [w for w in page if w.height > 10.8]
        right = max(w.x for w in text)
        rows = sorted({round(w.y) for w in text})
        numbers = [(int(w.text), w.y) for w in page if w.text.isdigit() and w.height < 9.5
                   and w.x > right]
        assert [n for n, _ in numbers] == list(range(5, len(rows) + 1, 5))
        for number, y in numbers:
            assert abs(y - rows[number - 1]) < 4
        shown += len(numbers)
    assert shown >= 4


def test_each_entry_stands_on_the_page_of_its_lemma(long_part: Path) -> None:
    pages = _words(long_part)
    assert len(pages) >= 2
    entries = 0
    for page in pages:
        text = " ".join(w.text for w in page)
        lemmas = text.count("cities") - text.count("cities]")
        assert text.count("cities]") == lemmas  # every lemma's entry on its page
        entries += lemmas
    assert entries == 12


def test_an_entry_is_not_parted_from_its_lemma_to_spare_a_widow() -> None:
    """Where the line after an entry's call overflows the page and breaking before it
    would leave a widow, WeasyPrint would move the entry to the next page; here the
    page breaks earlier (`edition.pdf.series`). The opening paragraph's length moves
    the page breaks through the paragraphs: some of these layouts meet the case."""
    for lead in range(12):
        paragraphs = f'<p class="para" id="t.0">{"word " * (lead * 7)}</p>' + "".join(
            f'<p class="para" id="t.{n}">{FILLER * 2}{entry(n, "cities", "villages")} '
            f'closing words of it.</p>' for n in range(1, 9))
        with captured_warnings():
            document = render(part(paragraphs), Path.cwd(), folios=False)
        pages = anchor_pages(document)
        assert [n for n in range(1, 9)
                if pages[f"app-t-{n}"] != pages[f"app-t-{n}-entry"]] == [], lead


def test_line_breaks_in_the_print_html_are_collapsed_outside_pre() -> None:
    """WeasyPrint 70 stops on a footnote whose text is white space with a line break;
    the HTML laid out has such breaks collapsed (nothing printed changes),
    but not inside ``pre``, which keeps its lines."""
    from edition.pdf.layout import collapse_line_breaks

    fragment = ('<p class="para">Text<span class="fn"> \n   \n </span> more\n  words.</p>'
                '<pre class="eg">a\n  b</pre>')
    collapsed = collapse_line_breaks(fragment)
    assert collapsed == ('<p class="para">Text<span class="fn"> </span> more words.</p>'
                         '<pre class="eg">a\n  b</pre>')
    with captured_warnings():
        document = render(part(collapsed, lined=False), Path.cwd(), folios=False)
    assert len(document.pages) == 1


def test_the_print_stage_s_own_warnings_are_not_credited_to_weasyprint() -> None:
    import logging

    from edition.pdf.layout import LayoutLog

    with captured_warnings() as log:
        logging.getLogger("weasyprint").warning("Anchor defined twice: %r", "x")
        log.warning("apparatus keys did not settle on their lines after 3 layouts")
    assert isinstance(log, LayoutLog)
    assert log.messages() == ("WeasyPrint: Anchor defined twice: 'x'",
                              "apparatus keys did not settle on their lines after 3 layouts")


def test_a_part_whose_keys_are_right_is_laid_out_once() -> None:
    """An entry in a heading is keyed "heading", not to a line: nothing is set, so the
    part is not laid out again for it."""
    body = ('<h2 class="head">A <span class="lem-text" id="app-t-1">heading</span>'
            '<span class="app-entry" id="app-t-1-entry"><span class="app-key">heading</span>'
            '\u00a0<span class="lem">heading</span>] <span class="rdg">title</span> </span>'
            f'</h2><p class="para" id="t.1">{FILLER}</p>')
    layouts = []

    def counted(html: str):
        layouts.append(html)
        return render(html, Path.cwd(), folios=False)

    with captured_warnings() as log:
        settled = lay_out_settled(part(body), counted, log.warning)
    assert len(layouts) == 1 and settled.html == part(body)
    assert keys(settled.html) == {"app-t-1-entry": "heading"}
