"""A diary's entries: each begins with a date, on a line of its own or opening a paragraph.

``19. August 1895.``, ``Montag, 19. August 1895``, ``August 19, 1895`` or, after the
first entry has given the year, ``20. August``: a date at the very start of a block, with
nothing before it but a weekday. The entry runs until the next such date; text before the
first entry is kept as paragraphs before the entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.importer.datelines import DateFound, find_date
from edition.importer.document import Block
from edition.importer.letter import WEEKDAYS


@dataclass
class Entry:
    date: DateFound
    heading: str  # the words of the date as written
    line: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Diary:
    before: list[Block] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def entry_date(block: Block, lang: str, year: int | None) -> tuple[DateFound, str, str] | None:
    """(date, heading, the text after it) when ``block`` opens an entry."""
    if block.kind not in ("p", "head"):
        return None
    text = block.flat
    date = find_date(text[:80], lang, year)
    if date is None:
        return None
    before = text[:date.start].strip(" ,.")
    if before and not all(w.strip(",.").casefold() in WEEKDAYS for w in before.split()):
        return None
    rest = text[date.end:]
    cut = re.match(r"^\s*[.:,–—-]?\s*", rest)
    return date, text[:date.end].strip(), rest[cut.end():] if cut else rest


def recognise_diary(blocks: list[Block], lang: str, year: int | None) -> Diary:
    diary = Diary()
    for block in blocks:
        context = diary.entries[-1].date.when[:4] if diary.entries else year
        found = entry_date(block, lang, int(context) if context else None)
        if found is None:
            target = diary.entries[-1].blocks if diary.entries else diary.before
            target.append(block)
            continue
        date, heading, rest = found
        entry = Entry(date, heading, block.line)
        if rest.strip():
            entry.blocks.append(Block("p", rest, _rest_markup(block, heading, rest),
                                      block.line, rend=block.rend))
        diary.entries.append(entry)
    return diary


def _rest_markup(block: Block, heading: str, rest: str) -> str:
    """The markup after the date when the block's markup begins with the date verbatim."""
    from xml.sax.saxutils import escape

    escaped = escape(heading)
    if block.markup.startswith(escaped):
        tail = block.markup[len(escaped):]
        return re.sub(r"^\s*[.:,–—-]?\s*", "", tail)
    return escape(rest)
