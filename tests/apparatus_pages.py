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


def check_entries(rendered: Rendered, text_id: str) -> tuple[int, list[str]]:
    """(entries checked, what is wrong) for the text ``text_id`` of the book."""
    placed = rendered.book.placed[f"text-{text_id}"]
    anchors = placed.part.anchors
    text = next(t for t in rendered.edition.texts if t.id == text_id)
    wrong: list[str] = []
    expected = expected_entries(text.tree.getroot(), text_id)
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
    return len(expected), wrong
