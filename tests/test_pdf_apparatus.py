"""The printed apparatus of lineated texts, read back from the laid-out pages.

The fixture edition ``tests/fixtures/lineated`` has two poems (lines counted afresh in
each poem, as its citeStructure says) and a chronicle that follows its source's lines
(``lb``, counted afresh in each chapter). Each printed page is read with
``pdftotext -bbox-layout`` (`pdf_lines`): every line of the reading text is matched with
its line in the TEI, every number in the margin is checked against the line beside it,
and every entry at the foot of the page against the line its number names, on that page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from pdf_lines import Page, plain_words, read_pages
from test_pdf_support import Rendered, render

from edition.textual import T, reading, reading_with_spans

FIXTURE = Path(__file__).parent / "fixtures" / "lineated"


@dataclass(frozen=True)
class SourceLine:
    scope: int
    number: int
    words: list[str]


@dataclass(frozen=True)
class Entry:
    page: int
    key: int
    lemma: list[str]
    ellipsis: bool
    occurrence: int


@pytest.fixture(scope="module")
def lineated_pdf(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(FIXTURE, tmp_path_factory.mktemp("lineated-pdf"))


def tei(name: str) -> etree._Element:
    return etree.parse(str(FIXTURE / "texts" / f"{name}.xml")).getroot()


def source_lines(root: etree._Element) -> list[SourceLine]:
    """The text's lines, counted here from the TEI apart from the edition's own count:
    verse lines, or the stretches between ``lb`` of a paragraph; afresh in each div."""
    found: list[SourceLine] = []
    for scope, div in enumerate(root.iter(f"{T}div")):
        verse = list(div.iter(f"{T}l"))
        if verse:
            found += [SourceLine(scope, n, plain_words(reading(line)))
                      for n, line in enumerate(verse, start=1)]
            continue
        number = 0
        for p in div.iter(f"{T}p"):
            text, spans = reading_with_spans(p)
            starts = [s.start for s in spans if s.element.tag == f"{T}lb"]
            for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
                number += 1
                found.append(SourceLine(scope, number, plain_words(text[a:b])))
    return found


def printed_numbers(pages: list[Page], lines: list[SourceLine]
                    ) -> dict[tuple[int, int], SourceLine]:
    """(page, index of the printed line) → the TEI line it prints, matched in order."""
    matched: dict[tuple[int, int], SourceLine] = {}
    at = 0
    for page in pages:
        for index, row in enumerate(page.lines):
            if at < len(lines) and plain_words(" ".join(w.text for w in row)) == lines[at].words:
                matched[(page.number, index)] = lines[at]
                at += 1
    assert at == len(lines), f"printed lines do not match the TEI from line {at}: {lines[at]}"
    return matched


def parse_entries(page: Page, sigla: set[str]) -> tuple[list[Entry], int]:
    """The apparatus entries at the foot of ``page`` and where in its text they end."""
    entries: list[Entry] = []
    tokens = page.foot.split()
    key, candidate, last_key, end = None, [], 0, 0
    for i, token in enumerate(tokens):
        if token.isdigit() or token == "|":
            key, candidate = token, []
            continue
        if key is None:
            continue
        if token == "add." and not candidate or token.endswith("]"):
            if token.endswith("]") and token != "]":
                candidate.append(token[:-1])
            while candidate and candidate[-1] in sigla:
                candidate.pop()
            number = last_key if key == "|" else int(key)
            occurrence = 0
            if candidate and (found := re.fullmatch(r"(.*?)(\d+)", candidate[-1])):
                candidate[-1], occurrence = found.group(1), int(found.group(2))
            entries.append(Entry(page.number, number, plain_words(" ".join(candidate)),
                                 "…" in candidate, occurrence))
            last_key, key, end = number, None, i
            continue
        candidate.append(token)
    return entries, len(" ".join(tokens[:end + 1]))


def occurrences(words: list[str], phrase: list[str]) -> int:
    return sum(1 for i in range(len(words)) if words[i:i + len(phrase)] == phrase)


def lemma_stands_on(entry: Entry, line: list[str]) -> bool:
    if not entry.lemma:
        return True  # an addition to an empty lemma: only its line is named
    if entry.ellipsis:
        return entry.lemma[0] in line and entry.lemma[-1] in line
    found = occurrences(line, entry.lemma)
    return found >= max(entry.occurrence, 1) and (entry.occurrence == 0 or found >= 2)


def checked_entries(rendered: Rendered, name: str) -> tuple[int, list[str], int]:
    """(entries read, what is wrong, apparatus entries the TEI has) for text ``name``."""
    root = tei(name)
    sigla = {w.get("n") for w in root.iter(f"{T}witness")}
    pages = read_pages(rendered.out / f"{name}.pdf")
    lines = source_lines(root)
    matched = printed_numbers(pages, lines)
    wrong: list[str] = []
    count = 0
    for page in pages:
        entries, _ = parse_entries(page, sigla)
        count += len(entries)
        on_page = [(line, plain_words(" ".join(w.text for w in page.lines[i])))
                   for (p, i), line in matched.items() if p == page.number]
        for entry in entries:
            if not any(line.number == entry.key and lemma_stands_on(entry, words)
                       for line, words in on_page):
                wrong.append(f"page {page.number}: {entry}")
    expected = len(root.findall(f".//{T}body//{T}app"))
    return count, wrong, expected


@pytest.mark.parametrize("name", ["poems", "chronicle"])
def test_each_printed_entry_is_keyed_to_the_line_its_lemma_stands_on(
        lineated_pdf: Rendered, name: str) -> None:
    count, wrong, expected = checked_entries(lineated_pdf, name)
    assert wrong == []
    assert count == expected >= 10


@pytest.mark.parametrize("name", ["poems", "chronicle"])
def test_every_fifth_line_is_numbered_in_the_margin_beside_its_line(
        lineated_pdf: Rendered, name: str) -> None:
    pages = read_pages(lineated_pdf.out / f"{name}.pdf")
    matched = printed_numbers(pages, source_lines(tei(name)))
    shown = 0
    for (page_number, index), line in matched.items():
        page = pages[page_number - 1]
        y = page.lines[index][0].y
        beside = [int(w.text) for w in page.margin if abs(w.y - y) < 4]
        assert beside == ([line.number] if line.number % 5 == 0 else []), (page_number, line)
        shown += bool(beside)
    assert shown >= 3


def test_the_series_stand_in_order_apparatus_sources_notes(lineated_pdf: Rendered) -> None:
    root = tei("poems")
    pages = read_pages(lineated_pdf.out / "poems.pdf")
    sources = [" ".join(reading(n).split()[:3]) for n in root.iter(f"{T}note")
               if n.get("type") == "source"]
    notes = [" ".join(reading(n).split()[:3]) for n in root.iter(f"{T}note")
             if n.get("type") != "source"]
    seen = 0
    for page in pages:
        _, end = parse_entries(page, {"A", "B", "C"})
        foot = " ".join(page.foot.split())
        found_sources = [foot.find(s) for s in sources if s in foot]
        found_notes = [foot.find(s) for s in notes if s in foot]
        if found_sources and found_notes:
            seen += 1
            assert end < min(found_sources) and max(found_sources) < min(found_notes), foot
    assert seen >= 1


def test_a_source_is_keyed_to_the_line_it_is_attached_to(lineated_pdf: Rendered) -> None:
    pages = read_pages(lineated_pdf.out / "poems.pdf")
    foot = " ".join(" ".join(p.foot.split()) for p in pages)
    assert "5 Compare the market towns" in foot
    assert "18 An echo of the spring song" in foot


def test_the_reader_is_told_how_the_apparatus_is_keyed(lineated_pdf: Rendered) -> None:
    text = " ".join(lineated_pdf.page_text(1, lineated_pdf.out / "poems.pdf").split())
    for page in range(2, 4):
        text += " ".join(lineated_pdf.page_text(page, lineated_pdf.out / "poems.pdf").split())
    assert "keyed to the line" in text
    assert "keyed to the paragraph number" not in text


def test_the_front_matter_lists_the_witnesses_of_every_text(lineated_pdf: Rendered) -> None:
    front = " ".join(" ".join(lineated_pdf.page_text(p).split())
                     for p in range(1, lineated_pdf.book.front_pages + 1))
    at = front.index("The sigla of the apparatus")
    for title, siglum, description in [("Two Poems of the River", "B", "The draft"),
                                       ("A Chronicle of the Frost", "C", "A printed copy")]:
        assert title in front[at:] and description in front[at:]
        assert siglum in front[at:]


def test_the_notes_are_numbered_as_a_series_of_their_own(lineated_pdf: Rendered) -> None:
    """The sources are keyed to their lines, so the notes are numbered 1, 2, 3 … among
    themselves, without the gaps the sources would leave."""
    root = tei("poems")
    notes = [" ".join(reading(n).split()[:3]) for n in root.iter(f"{T}note")
             if n.get("type") != "source"]
    assert len(notes) >= 2 and len(notes) < len(list(root.iter(f"{T}note")))
    foot = " ".join(" ".join(p.foot.split()) for p in read_pages(lineated_pdf.out / "poems.pdf"))
    for number, words in enumerate(notes, start=1):
        assert f"{number} {words}" in foot
