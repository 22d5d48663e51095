"""Divide a transcription into title pages, front matter, body and back matter.

Headings come from the table of contents when the text has one: a block whose text is
a contents entry is a heading, numbered entries are chapters and unnumbered ones their
sections. Without a contents, a short title-like block that stands between complete
paragraphs is taken as a heading (`headings.looks_like_heading`).
"""

from __future__ import annotations

import re

from edition.importer import headings
from edition.importer.blocks import Block
from edition.importer.contents import (
    CONTENTS_HEADINGS,
    Entry,
    heading_key,
    is_contents_block,
    read_contents,
)
from edition.importer.draft import Division, Paragraph
from edition.importer.joins import join_blocks
from edition.importer.titlepage import colophon_start, is_colophon_line, read_title_pages

FRONT_HEADINGS = re.compile(
    r"^(preface|foreword|introduction|prologue|acknowledge?ments|editor's note|"
    r"publisher's note|dedication)$", re.I)


def is_front_heading(block: Block) -> bool:
    return bool(FRONT_HEADINGS.match(block.flat) or CONTENTS_HEADINGS.match(block.flat))


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_CLAUSE_END = re.compile(r"[.!?:;][\"'”’)]*$")


def is_prose(block: Block) -> bool:
    """A block of running text rather than a title-page line: sentences, not a label."""
    words = len(block.flat.split())
    return (words >= 3 and bool(_SENTENCE_END.search(block.flat))) or (
        words >= 12 and bool(_CLAUSE_END.search(block.flat)))


def _ends_title_page(block: Block) -> bool:
    return is_front_heading(block) or is_prose(block) or headings.is_numbered_heading(block.flat)


def split_regions(blocks: list[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    """(title-page blocks, the rest up to the colophon, colophon blocks)."""
    start = next((i for i, b in enumerate(blocks) if _ends_title_page(b)), 0)
    pages, _ = read_title_pages(blocks[:start])
    title = pages[0].title if pages else None
    end = max(start, colophon_start(blocks, title))
    return blocks[:start], blocks[start:end], blocks[end:]


def read_front_and_body(blocks: list[Block]) -> tuple[list[Division], Division, list[Entry]]:
    """Front divisions (preface, contents, ...), the body, and the contents entries."""
    front: list[Division] = []
    contents: list[Entry] = []
    index = 0
    while index < len(blocks) and is_front_heading(blocks[index]):
        head = blocks[index]
        end = index + 1
        if CONTENTS_HEADINGS.match(head.flat):
            while end < len(blocks) and is_contents_block(blocks[end]):
                end += 1
            contents = read_contents(blocks[index + 1:end])
            division = Division("contents", "contents", head.flat, head.line)
        else:
            while end < len(blocks) and not _starts_body(blocks, end, contents):
                end += 1
            name = _name(head.flat)
            division = Division(name, name, head.flat, head.line,
                                paragraphs=join_blocks(blocks[index + 1:end]))
        front.append(division)
        index = end
    body = read_body(blocks[index:], contents)
    return front, body, contents


def _starts_body(blocks: list[Block], index: int, contents: list[Entry]) -> bool:
    block = blocks[index]
    if is_front_heading(block):
        return True
    if contents:
        return False  # a front division runs until the next front heading
    return headings.is_numbered_heading(block.flat)


def _name(heading: str) -> str:
    return re.sub(r"[^a-z]+", "-", heading.casefold()).strip("-")


def read_body(blocks: list[Block], contents: list[Entry]) -> Division:
    """The body: paragraphs before any heading, then chapters holding sections."""
    by_key = {heading_key(entry.title): entry for entry in contents}
    body = Division("body", "")
    chapter: Division | None = None
    current = body
    pending: list[Block] = []
    chapters = 0
    for index, block in enumerate(blocks):
        entry = _heading_entry(blocks, index, by_key)
        if entry is None:
            pending.append(block)
            continue
        current.paragraphs.extend(join_blocks(pending))
        pending = []
        if entry.level == 1 or chapter is None:
            chapters += 1
            number = entry.number if entry.number is not None else chapters
            chapter = Division("chapter", str(number), block.flat, block.line, entry.page or None)
            body.children.append(chapter)
            current = chapter
        else:
            n = str(len(chapter.children) + 1)
            current = Division("section", n, block.flat, block.line, entry.page or None)
            chapter.children.append(current)
    current.paragraphs.extend(join_blocks(pending))
    return body


def _heading_entry(blocks: list[Block], index: int, by_key: dict[str, Entry]) -> Entry | None:
    """The contents entry (or a recognised stand-in) for a heading block, else None."""
    block = blocks[index]
    if by_key:
        return by_key.get(heading_key(block.flat))
    previous = blocks[index - 1].flat if index else None
    following = blocks[index + 1].flat if index + 1 < len(blocks) else None
    if not headings.looks_like_heading(block.flat, previous, following):
        return None
    number = headings.heading_number(block.flat)
    return Entry(block.flat, 0, 1 if number is not None else 2, number, block.line)


def colophon(blocks: list[Block]) -> list[Division]:
    """The colophon as one back division: its first line, a repeated title, is its head."""
    if not blocks:
        return []
    head, rest = blocks[0], blocks[1:]
    if is_colophon_line(head.flat):
        head, rest = None, blocks
    division = Division("colophon", "colophon", head.flat if head else None,
                        head.line if head else 0)
    division.paragraphs = [Paragraph([b.flat], b.line) for b in rest]
    return [division]

