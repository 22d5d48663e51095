"""Each printed apparatus entry of a text against the page its lemma is printed on.

The print stylesheet leaves an anchor on every lemma in the text (``app-<text>-<n>``,
``cor-<text>-<n>`` for a correction) and on its entry at the foot of the page (the same
with ``-entry``); WeasyPrint reports the page of each. An entry must stand on the page
of its lemma, and the text of that page (``pdftotext``) must show the entry: its key
(the paragraph number, or the line), then the first word of its lemma.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pdf_lines import Page, plain_words, read_pages
from test_pdf_support import Rendered, pdftotext

from edition.textual import T, reading

EDITED = (f"{T}corr", f"{T}reg", f"{T}expan")
SOURCE = (f"{T}sic", f"{T}orig", f"{T}abbr")


@dataclass(frozen=True)
class Expected:
    anchor: str
    key: str | None
    """The paragraph number printed before the entry (None: no key is printed)."""
    lemma: str
    in_text: bool
    """The lemma stands in the reading text (not in a title or a reading)."""


def _numbered(root: etree._Element, tag: str) -> list[tuple[int, etree._Element]]:
    body = [e for e in root.iter(f"{T}text") if e.getparent() is root]
    return [(n, e) for text in body for n, e in enumerate(text.iter(tag), start=1)]


def _key(element: etree._Element) -> str | None:
    p = next((a for a in element.iterancestors(f"{T}p") if a.get("n")), None)
    return p.get("n") if p is not None else None


def expected_entries(root: etree._Element, text_id: str) -> list[Expected]:
    found: list[Expected] = []
    for n, app in _numbered(root, f"{T}app"):
        if any(True for _ in app.iterancestors(f"{T}note")):
            continue
        nested = any(True for _ in app.iterancestors(f"{T}rdg", f"{T}titlePart"))
        found.append(Expected(f"app-{text_id}-{n}", _key(app), reading(app), not nested))
    for n, choice in _numbered(root, f"{T}choice"):
        edited = [c for c in choice if c.tag in EDITED]
        if not edited or not any(c.tag in SOURCE for c in choice) or any(
                True for _ in choice.iterancestors(f"{T}note")):
            continue
        in_title = any(True for _ in choice.iterancestors(f"{T}titlePart"))
        found.append(Expected(f"cor-{text_id}-{n}", _key(choice), reading(edited[0]),
                              not in_title))
    return found


def paragraph_of_lines(pages: list[Page]) -> dict[tuple[int, int], str]:
    """(page, printed line) → the paragraph it belongs to: the last paragraph number in
    the left margin at or above it, on its page or an earlier one."""
    found: dict[tuple[int, int], str] = {}
    current = ""
    for page in pages:
        numbers = sorted(page.left, key=lambda w: w.y)
        for index, row in enumerate(page.lines):
            for word in numbers:
                if word.y <= row[0].y + 3:
                    current = word.text
            found[(page.number, index)] = current
            numbers = [w for w in numbers if w.y > row[0].y + 3]
    return found


def keyed_to_its_paragraph(pages: list[Page], paragraphs: dict[tuple[int, int], str],
                           folio: int, entry: Expected) -> bool:
    """A line of page ``folio`` that holds the lemma's first word is in the paragraph
    the entry's key names (read by position, pdftotext -bbox-layout)."""
    page = pages[folio - 1]
    words = plain_words(entry.lemma)

    def holds(index: int) -> bool:
        row = " ".join(w.text for w in page.lines[index])
        if not words:  # a lemma of punctuation only (a dash)
            return entry.lemma.strip() in row
        # a word hyphenated at the line's end goes on at the start of the next line
        after = page.lines[index + 1] if index + 1 < len(page.lines) else []
        joined = "".join(plain_words(row + " " + " ".join(w.text for w in after)))
        return words[0] in plain_words(row) or (
            row.rstrip().endswith(("-", "\u2010", "\u00ad")) and words[0] in joined)

    return any(holds(index) and paragraphs[(folio, index)] == entry.key
               for index in range(len(page.lines)))


def check_entries(rendered: Rendered, text_id: str) -> tuple[int, list[str]]:
    """(entries checked, what is wrong) for the text ``text_id`` of the book."""
    placed = rendered.book.placed[f"text-{text_id}"]
    anchors = placed.part.anchors
    text = next(t for t in rendered.edition.texts if t.id == text_id)
    wrong: list[str] = []
    expected = expected_entries(text.tree.getroot(), text_id)
    pages = read_pages(rendered.whole)
    paragraphs = paragraph_of_lines(pages)
    for entry in expected:
        page = anchors.get(f"{entry.anchor}-entry")
        if page is None:
            wrong.append(f"{entry.anchor}: no printed entry")
            continue
        if entry.in_text and anchors.get(entry.anchor) != page:
            wrong.append(f"{entry.anchor}: entry on page {page}, lemma on "
                         f"{anchors.get(entry.anchor)}")
            continue
        folio = rendered.physical(str(placed.first + page + 1))
        printed = " ".join(pdftotext(rendered.whole, folio, folio).split())
        words = entry.lemma.split()
        shown = f"{entry.key}\u00a0{words[0]}" if entry.key and words else (
            words[0] if words else "")
        if shown.replace("\u00a0", " ") not in printed.replace("\u00a0", " "):
            wrong.append(f"{entry.anchor}: {shown!r} not on its page {folio}")
        elif entry.key and entry.in_text and not keyed_to_its_paragraph(
                pages, paragraphs, folio, entry):
            wrong.append(f"{entry.anchor}: no line of page {folio} in paragraph {entry.key} "
                         f"holds {entry.lemma!r}")
    return len(expected), wrong
