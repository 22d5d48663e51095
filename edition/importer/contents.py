"""The table of contents: which lines are headings, at which level, on which page.

A contents entry is one line holding a heading and the page it starts on, separated by
a tab, a leader of dots or at least two spaces (``1. On the Principles ...<TAB>5``).
Numbered entries (``N.``, ``IV.``, ``Chapter 3``) are chapters; unnumbered entries are
sections of the chapter above them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.importer.blocks import Block
from edition.importer.headings import heading_number

CONTENTS_HEADINGS = re.compile(r"^(table of )?contents$", re.I)
_ENTRY = re.compile(r"^(?P<title>\S.*?)(?:\t+|\s*\.{3,}\s*|\s{2,})(?P<page>\d{1,4})$")


@dataclass(frozen=True)
class Entry:
    """One line of the table of contents."""

    title: str  # as printed, with its number if it has one
    page: int
    level: int  # 1 chapter, 2 section
    number: int | None  # the printed chapter number
    line: int


def parse_entry(line: str, number: int) -> Entry | None:
    match = _ENTRY.match(line.strip())
    if not match:
        return None
    title = match.group("title").strip()
    chapter = heading_number(title)
    return Entry(title, int(match.group("page")), 1 if chapter is not None else 2, chapter,
                 number)


def is_contents_block(block: Block) -> bool:
    """Every line of the block is a contents entry."""
    return all(parse_entry(line, 0) is not None for line in block.lines)


def read_contents(blocks: list[Block]) -> list[Entry]:
    """The entries of consecutive contents blocks (blank lines inside a contents are kept)."""
    entries: list[Entry] = []
    for block in blocks:
        for offset, line in enumerate(block.lines):
            entry = parse_entry(line, block.line + offset)
            if entry is not None:
                entries.append(entry)
    return entries


def heading_key(text: str) -> str:
    """A heading compared without case, punctuation or spacing differences."""
    return re.sub(r"[\W_]+", " ", text).strip().casefold()
