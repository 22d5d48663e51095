"""Each printed apparatus entry of a text against the page its lemma is printed on.

The print stylesheet leaves an anchor on every lemma in the text (``app-<text>-<n>``,
``cor-<text>-<n>`` for a correction) and on its entry at the foot of the page (the same
with ``-entry``); WeasyPrint reports the page of each. An entry must stand on the page
of its lemma, and the text of that page (``pdftotext``) must show the entry: its key,
then the first word of its lemma.

Prose has its printed lines counted on each page (`edition.pdf.page_lines`); its key is
that line. Here the lines are counted again from the page as read back by position
(``pdftotext -bbox-layout``): the lines of the reading text from the top, leaving out
its headings (found by their words in the TEI) and, on the text's first page, what
stands above the first words of its first paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from pdf_lines import Page, Word, plain_words, read_pages
from test_pdf_support import Rendered, pdftotext

from edition.textual import T, reading

EDITED = (f"{T}corr", f"{T}reg", f"{T}expan")
SOURCE = (f"{T}sic", f"{T}orig", f"{T}abbr")


@dataclass(frozen=True)
class Expected:
    anchor: str
    key: str | None
    """The paragraph number the entry belongs to (None: it is in no paragraph)."""
    lemma: str
    in_text: bool
    """The lemma stands in the reading text (not in a title or a reading)."""
    in_heading: bool = False
    """The lemma stands in a heading, whose lines are not counted: keyed "heading"."""


def _numbered(root: etree._Element, tag: str) -> list[tuple[int, etree._Element]]:
    body = [e for e in root.iter(f"{T}text") if e.getparent() is root]
    return [(n, e) for text in body for n, e in enumerate(text.iter(tag), start=1)]


def _key(element: etree._Element) -> str | None:
    p = next((a for a in element.iterancestors(f"{T}p") if a.get("n")), None)
    return p.get("n") if p is not None else None


def _in_heading(element: etree._Element) -> bool:
    return any(True for _ in element.iterancestors(f"{T}head"))


def expected_entries(root: etree._Element, text_id: str) -> list[Expected]:
    found: list[Expected] = []
    for n, app in _numbered(root, f"{T}app"):
        if any(True for _ in app.iterancestors(f"{T}note")):
            continue
        nested = any(True for _ in app.iterancestors(f"{T}rdg", f"{T}titlePart"))
        found.append(Expected(f"app-{text_id}-{n}", _key(app), reading(app), not nested,
                              _in_heading(app)))
    for n, choice in _numbered(root, f"{T}choice"):
        edited = [c for c in choice if c.tag in EDITED]
        if not edited or not any(c.tag in SOURCE for c in choice) or any(
                True for _ in choice.iterancestors(f"{T}note")):
            continue
        in_title = any(True for _ in choice.iterancestors(f"{T}titlePart"))
        found.append(Expected(f"cor-{text_id}-{n}", _key(choice), reading(edited[0]),
                              not in_title, _in_heading(choice)))
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


def reading_lines(pages: list[Page], root: etree._Element, first_folio: int,
                  last_folio: int) -> dict[int, list[list[Word]]]:
    """Physical page → the lines of its reading text, top to bottom, for the pages of
    one text (``first_folio`` to ``last_folio``, 1-based pages of the PDF)."""
    heads = [plain_words(reading(h)) for h in root.iter(f"{T}head")]
    first = next((plain_words(reading(p))[:3] for p in root.iter(f"{T}p")
                  if not any(a.tag in {f"{T}teiHeader", f"{T}note", f"{T}titlePage"}
                             for a in p.iterancestors()) and plain_words(reading(p))), [])
    found: dict[int, list[list[Word]]] = {}
    started = False
    for page in pages[first_folio - 1:last_folio]:
        left = min((row[0].x for row in page.lines), default=0.0)
        right = max((row[-1].x_end for row in page.lines), default=0.0)
        rows = []
        for row in page.lines:
            words = plain_words(" ".join(w.text for w in row))
            if not started:
                started = words[:len(first)] == first
                if not started:
                    continue
            # a heading is centred on the column (a list of contents that repeats the
            # headings is not)
            margins = (row[0].x - left, right - row[-1].x_end)
            centred = abs(margins[0] - margins[1]) < 6 and min(margins) > 6
            if not (centred and words and any(words == head for head in heads)):
                rows.append(row)
        found[page.number] = rows
    return found


def keyed_to_its_line(lines: list[list[Word]], entry: Expected, key: str) -> bool:
    """Line ``key`` of the page (1-based) holds the lemma's first word."""
    if not key.isdigit() or not 0 < int(key) <= len(lines):
        return False
    index = int(key) - 1
    row = " ".join(w.text for w in lines[index])
    words = plain_words(entry.lemma)
    if not words:
        return entry.lemma.strip() in row
    after = " ".join(w.text for w in lines[index + 1]) if index + 1 < len(lines) else ""
    return words[0] in plain_words(row) or (
        row.rstrip().endswith(("-", "\u2010", "\u00ad"))
        and words[0] in "".join(plain_words(row + " " + after)))


def foot_keys(foot: str) -> list[tuple[str, str]]:
    """(key, the word after it) of every entry at the foot of a page, in order; a bar
    stands for the key before it."""
    found, last = [], ""
    for key, word in re.findall(r"(\d+|\|)\s+(\S+)", foot):
        last = last if key == "|" else key
        found.append((last, word))
    return found


def check_entries(rendered: Rendered, text_id: str) -> tuple[int, list[str]]:
    """(entries checked, what is wrong) for the text ``text_id`` of the book."""
    if rendered.book.texts[text_id].page_lines:
        return check_line_keys(rendered, text_id)
    placed = rendered.book.placed[f"text-{text_id}"]
    anchors = placed.part.anchors
    text = next(t for t in rendered.edition.texts if t.id == text_id)
    wrong: list[str] = []
    expected = expected_entries(text.tree.getroot(), text_id)
    pages = read_pages(rendered.whole)
    paragraphs = paragraph_of_lines(pages)
    for entry in expected:
        page = entry_page(entry, anchors, wrong)
        if page is None:
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


def _leads(entry: Expected, word: str) -> bool:
    """``word`` of the foot of the page can begin the entry's lemma (a lemma of
    punctuation only, a dash, is matched as printed)."""
    words = plain_words(entry.lemma)
    if words:
        return plain_words(word)[:1] == words[:1]
    return word.startswith(entry.lemma.split()[0])


def entry_page(entry: Expected, anchors: dict[str, int], wrong: list[str]) -> int | None:
    """The page of the part the entry is printed on, when it is printed on its lemma's
    page (else what is wrong is added to ``wrong``)."""
    page = anchors.get(f"{entry.anchor}-entry")
    if page is None:
        wrong.append(f"{entry.anchor}: no printed entry")
        return None
    if entry.in_text and anchors.get(entry.anchor) != page:
        wrong.append(f"{entry.anchor}: entry on page {page}, lemma on "
                     f"{anchors.get(entry.anchor)}")
        return None
    return page


def _occurrence_holds(lines: list[list[Word]], key: str, word: str,
                      entry: Expected) -> bool:
    """A one-word lemma printed with an occurrence figure ("the2]") stands on its line
    at least twice, and at least that many times."""
    found = re.fullmatch(r"(.*?\D)(\d+)\]?", word)
    if not found or len(entry.lemma.split()) != 1:
        return True
    row = " ".join(w.text for w in lines[int(key) - 1])
    words = plain_words(entry.lemma)
    times = plain_words(row).count(words[0]) if words else row.count(entry.lemma.strip())
    return times >= max(int(found.group(2)), 2)


def check_line_keys(rendered: Rendered, text_id: str,
                    by_line: list[str] | None = None) -> tuple[int, list[str]]:
    """(entries checked, what is wrong) for a text keyed to its printed lines: each
    entry stands on its lemma's page, and its key is the line of that page (counted
    here from the page read back) that holds the lemma; a bar, the line of the entry
    before it. The anchors of the entries whose line was checked go to ``by_line``
    (the others are in a title or a heading, keyed so, or nested in a reading)."""
    placed = rendered.book.placed[f"text-{text_id}"]
    anchors = placed.part.anchors
    root = next(t for t in rendered.edition.texts if t.id == text_id).tree.getroot()
    pages = read_pages(rendered.whole)
    first = rendered.physical(str(placed.first + 1))
    lines = reading_lines(pages, root, first, first + placed.part.pages - 1)
    wrong: list[str] = []
    expected = expected_entries(root, text_id)
    for entry in expected:
        page = entry_page(entry, anchors, wrong)
        if page is None:
            continue
        folio = rendered.physical(str(placed.first + page + 1))
        if not entry.in_text or not entry.lemma.split():
            continue
        foot = pages[folio - 1].foot
        if entry.in_heading:
            if f"heading {entry.lemma.split()[0]}" not in " ".join(foot.split()):
                wrong.append(f"{entry.anchor}: no entry 'heading {entry.lemma}' on {folio}")
            continue
        keys = [(key, word) for key, word in foot_keys(foot) if _leads(entry, word)]
        if not keys:
            wrong.append(f"{entry.anchor}: no entry for {entry.lemma!r} on page {folio}")
        elif not any(keyed_to_its_line(lines[folio], entry, key)
                     and _occurrence_holds(lines[folio], key, word, entry)
                     for key, word in keys):
            wrong.append(f"{entry.anchor}: line {keys} of page {folio} does not hold "
                         f"{entry.lemma!r}")
        elif by_line is not None:
            by_line.append(entry.anchor)
    return len(expected), wrong


def check_margin_numbers(rendered: Rendered, text_id: str) -> tuple[int, list[str]]:
    """(numbers shown, what is wrong) for a text keyed to its printed lines: every
    fifth line of each page, and no other, has its number in the right margin, at the
    height of that line (counted here from the page read back)."""
    placed = rendered.book.placed[f"text-{text_id}"]
    root = next(t for t in rendered.edition.texts if t.id == text_id).tree.getroot()
    pages = read_pages(rendered.whole)
    first = rendered.physical(str(placed.first + 1))
    shown, wrong = 0, []
    for folio, rows in reading_lines(pages, root, first,
                                     first + placed.part.pages - 1).items():
        margin = sorted(pages[folio - 1].margin, key=lambda w: w.y)
        expected = [(n, rows[n - 1][0].y) for n in range(5, len(rows) + 1, 5)]
        found = [(int(w.text), w.y) for w in margin]
        if [n for n, _ in found] != [n for n, _ in expected] or any(
                abs(y - line_y) > 4 for (_, y), (_, line_y) in zip(found, expected,
                                                                     strict=True)):
            wrong.append(f"page {folio}: numbers {found}, lines {expected}")
        shown += len(found)
    return shown, wrong
