"""Helpers for the print tests (render an edition's PDFs, read them with poppler), and
tests of the helpers themselves, so a check that cannot fail is caught here."""

from __future__ import annotations

import os
import re
import subprocess
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pdf_lines import PAGE, TEXT_HEIGHT, Word, bbox_layout, words_of

from edition.model import Edition, load_edition
from edition.pdf import Book, render_book
from edition.pdf.parts import LaidOutPart, MemoryStore, PartJob
from edition.problems import Problem

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


class RecordingStore(MemoryStore):
    """A part store that remembers the job of every part laid out."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: dict[str, PartJob] = {}

    def put(self, job: PartJob, part: LaidOutPart) -> None:
        self.jobs[job.name] = job
        super().put(job, part)


@dataclass
class Rendered:
    edition: Edition
    book: Book
    problems: list[Problem]
    out: Path
    store: RecordingStore

    @property
    def whole(self) -> Path:
        return self.out / f"{self.edition.meta.id}.pdf"

    def physical(self, folio: str) -> int:
        """1-based page of the whole PDF that carries the arabic folio ``folio``."""
        return self.book.front_pages + int(folio)

    def page_text(self, page: int, pdf: Path | None = None) -> str:
        return pdftotext(pdf or self.whole, page, page)


@contextmanager
def source_date_epoch(value: str = EPOCH) -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def render(source: Path, out: Path) -> Rendered:
    store = RecordingStore()
    with source_date_epoch():
        edition = load_edition(source)
        book, problems = render_book(edition, out, store=store)
    return Rendered(edition, book, problems, out, store)


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdftotext(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The text of the pages, as ``pdftotext`` reads them, without the line numbers in
    the right margin: read by position (``-bbox-layout``), a figure right of the page's
    reading text and set smaller than it is a line number, which ``pdftotext`` would
    otherwise run into the line beside it (and part a hyphenated word from its end)."""
    pages = [] if first is None else ["-f", str(first), "-l", str(last or first)]
    layout = bbox_layout(pdf, *pages)
    return "\f".join(_page_text(page) for page in PAGE.findall(layout)) + "\f"


_BBOX_BLOCK = re.compile(r"<block [^>]*>(.*?)</block>", re.S)
_BBOX_LINE = re.compile(r"<line [^>]*>(.*?)</line>", re.S)
_TOUCHING = 0.5
"""Words closer than this (pt) are printed as one (pdftotext parts them by font)."""


def _page_text(page: str) -> str:
    right = max((w.x_end for w in words_of(page) if w.height >= TEXT_HEIGHT), default=None)

    def kept(word: Word) -> bool:
        return right is None or not (word.text.isdigit() and word.height < TEXT_HEIGHT
                                     and word.x > right + 2)

    blocks = []
    for block in _BBOX_BLOCK.findall(page):
        lines = []
        for line in _BBOX_LINE.findall(block):
            text, end = "", None
            for word in filter(kept, words_of(line)):
                # words that touch (a note call after its word) are not parted
                joined = end is not None and word.x - end < _TOUCHING
                text += ("" if joined or end is None else " ") + word.text
                end = word.x_end
            if text:
                lines.append(text)
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def pdfinfo(pdf: Path, *options: str) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", *options, str(pdf)).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    return info


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u00a0": " "})


def plain(text: str) -> str:
    """Printed text with the typographic punctuation (`edition.typography`) turned back
    into the source's characters, to compare it with the TEI."""
    return text.translate(PLAIN)


HYPHENATED = re.compile(r"(\w)\u2010[ \t]*\n\s*(\w)")
"""A line end in the hyphenate-character: a word broken by hyphenation (a hard hyphen
never ends a line of the book, see print.xsl)."""


def dehyphenate(text: str) -> str:
    """Extracted text with the words broken at line ends by hyphenation joined again."""
    return HYPHENATED.sub(r"\1\2", text)


def words(text: str) -> list[str]:
    """Comparable words: case-folded, digits dropped (note calls and margin numbers sit
    next to words in extracted text), split at hyphens and punctuation."""
    found = (re.sub(r"\d", "", w) for w in re.findall(r"\w+", dehyphenate(text).casefold()))
    return [w for w in found if w]


def tokens(text: str) -> list[str]:
    """`words`, except that the first half of a word hyphenated at a line end keeps its
    hyphen (``colo‐``): its second half begins the next line, or, at the foot of a page,
    the next page's text after the footnotes and the running head."""
    found = (re.sub(r"\d", "", w) for w in
             re.findall(r"\w+(?:\u2010(?=[ \t]*$))?", text.casefold(), re.M))
    return [w for w in found if w and w != "\u2010"]


def find_word(found: list[str], word: str, start: int, end: int, window: int) -> int:
    """Where ``word`` is in ``found[start:end]``, whole or as the two halves of a word
    hyphenated across a page (at most ``window`` words apart); -1 when it is not."""
    for index in range(start, min(end, len(found))):
        token = found[index]
        if token == word:
            return index
        if token.endswith("\u2010") and word.startswith(token[:-1]):
            rest = word[len(token) - 1:]
            for later in range(index + 1, min(index + 1 + window, len(found))):
                if found[later] == rest:
                    return later
    return -1


def missing_in_order(paragraphs: list[tuple[str, str]], extracted: str,
                     window: int = 600) -> list[str]:
    """Paragraphs (ref, reading) whose words do not follow one another, in order, in the
    extracted text (at most ``window`` foreign words between two of them: running heads,
    footnotes and apparatus at a page break; the first word of a text may come later)."""
    pdf_words = tokens(extracted)
    position = 0
    failures = []
    text = None
    for ref, reading in paragraphs:
        # A text may begin anywhere after the previous one (an introduction, an
        # opening page come between); within a text the window applies.
        opening = ref.split(".", 1)[0] != text
        text = ref.split(".", 1)[0]
        for word in words(reading):
            end = len(pdf_words) if opening else position + window
            opening = False
            found = find_word(pdf_words, word, position, end, window)
            if found < 0:
                failures.append(f"{ref}: {word!r} not found after word {position}")
                break
            position = found + 1
    return failures


def pdffonts_rows(pdf: Path) -> list[dict[str, str]]:
    """``pdffonts`` as rows: name, type, encoding, emb, sub, uni."""
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    rows = []
    for line in lines:
        fields = line.split()
        # name type [type…] encoding emb sub uni object-id
        rows.append({"name": fields[0], "emb": fields[-5], "sub": fields[-4],
                     "uni": fields[-3]})
    return rows


def pdf_objects_text(pdf: Path) -> bytes:
    """The PDF's bytes with every Flate stream inflated (object streams included), so
    catalog entries such as /PageLabels can be looked for."""
    data = pdf.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


# ---------------------------------------------------------------- the helpers' own tests

def test_words_ignore_note_calls_case_and_hyphen_breaks() -> None:
    assert words("Korea.1 Counter-\nrevolutionary") == ["korea", "counter", "revolutionary"]


def test_a_word_hyphenated_at_the_line_end_is_one_word() -> None:
    assert words("dele\u2010\ngation of") == ["delegation", "of"]


def test_a_word_hyphenated_across_a_page_is_found_after_the_foot() -> None:
    extracted = "against colo\u2010\n1 a note\n\f12 Running head\nnialism and"
    assert missing_in_order([("x.1", "against colonialism and")], extracted) == []
    assert missing_in_order([("x.1", "against colonialism and")],
                            "against colo\u2010\nnote\nnial and")


def test_the_reading_order_check_fails_on_a_missing_word() -> None:
    assert missing_in_order([("x.1", "alpha beta gamma")], "alpha gamma")


def test_the_reading_order_check_fails_on_paragraphs_out_of_order() -> None:
    assert missing_in_order([("x.1", "alpha"), ("x.2", "beta")], "beta alpha")


def test_the_reading_order_check_passes_with_noise_between_words() -> None:
    assert missing_in_order([("x.1", "alpha beta")], "alpha 12 [p. 3] beta") == []


def test_the_reading_order_check_fails_on_a_gap_inside_a_text() -> None:
    extracted = "alpha " + "noise " * 50 + "beta"
    assert missing_in_order([("x.1", "alpha beta")], extracted, window=10)
    assert missing_in_order([("x.1", "alpha"), ("y.1", "beta")], extracted, window=10) == []
