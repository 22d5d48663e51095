"""Title pages before the text and the colophon after it."""

from __future__ import annotations

import re

from edition.importer.blocks import Block
from edition.importer.draft import TitlePage
from edition.importer.sentences import ends_sentence

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
           "November|December")
DATE_LINE = re.compile(rf"^(?:(?:{_MONTHS})\s+)?\d{{4}}$")
_PUBLISHER = re.compile(r"\b(Publishing House|Press|Publishers?|Verlag|Éditions)\b")
_COLOPHON = [
    re.compile(r"^(edited|compiled|translated|published|printed|issued|designed|"
               r"first published)\b", re.I),
    re.compile(r"\bISBN\b"),
    re.compile(r"^e-?mail\s*:", re.I),
    re.compile(r"^<?https?://\S+>?$"),
    re.compile(r"^(☎|tel\.?|phone)\s*[-:]?\s*[\d\s()+-]+$", re.I),
    re.compile(r"^[\d\s]{10,}>?$"),  # the digits printed under a bar code
]


def is_colophon_line(text: str) -> bool:
    return any(pattern.search(text) for pattern in _COLOPHON)


def colophon_start(blocks: list[Block], title: str | None) -> int:
    """Index of the first colophon block at the end of ``blocks`` (len(blocks) if none).

    The colophon is the run of imprint lines at the very end (editor, translator,
    publisher, date of issue, contact, ISBN), with the title repeated above them.
    """
    start = len(blocks)
    while start > 0 and is_colophon_line(blocks[start - 1].flat):
        start -= 1
    if start == len(blocks):
        return start
    if start > 0 and title and _same(blocks[start - 1].flat, title):
        start -= 1
    return start


def read_title_pages(blocks: list[Block]) -> tuple[list[TitlePage], str | None]:
    """Title pages (a repeated title begins a new one) and an archive heading if any.

    An archive heading repeats the title followed by the date (``Title, November 1957``):
    it is the web archive's heading for the record, not a line of the source.
    """
    pages: list[TitlePage] = []
    archive_heading = None
    pending_date = None
    for block in blocks:
        for line in _title_lines(block):
            current = pages[-1] if pages else None
            if DATE_LINE.match(line):
                if current is None:
                    pending_date = line
                else:
                    current.date = current.date or line
            elif current and current.date and _same(line, f"{current.title}, {current.date}"):
                archive_heading = line
            elif current is None or _same(line, current.title):
                pages.append(TitlePage(line, block.line, date=pending_date))
                pending_date = None
            elif _PUBLISHER.search(line):
                current.publisher = line.rstrip(",")
            elif current.publisher and current.place is None:
                current.place = line
            else:
                _describe(current, line)
    return pages, archive_heading


def _title_lines(block: Block) -> list[str]:
    """Lines of a title-page block: a block that reads as one phrase stays one line."""
    lines = [line.strip() for line in block.lines if line.strip()]
    if any(_PUBLISHER.search(line) or DATE_LINE.match(line) for line in lines):
        return lines
    return [block.flat]


def _describe(page: TitlePage, line: str) -> None:
    """A further title-page line; one phrase broken over lines is joined again."""
    if page.descriptions and not ends_sentence(page.descriptions[-1]):
        page.descriptions[-1] = f"{page.descriptions[-1]} {line}"
    else:
        page.descriptions.append(line)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def iso_date(text: str) -> str | None:
    """``November 1957`` as ``1957-11``, ``2025`` as ``2025``; None for anything else."""
    match = re.search(rf"(?:\b({_MONTHS})\s+)?\b(\d{{4}})\b", text)
    if not match:
        return None
    if match.group(1) is None:
        return match.group(2)
    month = _MONTHS.split("|").index(match.group(1)) + 1
    return f"{match.group(2)}-{month:02d}"
