"""Re-join paragraphs that the printed page split.

A paragraph that ends without terminal punctuation, or a block that starts with a
lower-case letter, continues across a page turn: the two blocks are one paragraph
with a `Join` where the page turned. A block ending in a hyphen after a letter,
followed by a lower-case letter, was split inside a word.
"""

from __future__ import annotations

import re

from edition.importer.blocks import Block
from edition.importer.draft import Division, Draft, Join, Paragraph
from edition.importer.sentences import ends_sentence

IN_WORD = re.compile(r"[^\W\d_]-$")


def continues(previous: str, following: str) -> bool:
    """Whether ``following`` continues the paragraph ``previous`` across a page turn."""
    first = following.lstrip()[:1]
    return not ends_sentence(previous) or first.islower()


def join_blocks(blocks: list[Block]) -> list[Paragraph]:
    """Paragraphs made of ``blocks``, page-split paragraphs re-joined."""
    paragraphs: list[Paragraph] = []
    for block in blocks:
        text = block.flat
        if paragraphs and continues(paragraphs[-1].text, text):
            _append(paragraphs[-1], text, block.line)
        else:
            paragraphs.append(Paragraph([text], block.line))
    return paragraphs


def _append(paragraph: Paragraph, text: str, line: int) -> None:
    previous = paragraph.text
    in_word = bool(IN_WORD.search(previous)) and text[:1].islower()
    separator = "" if in_word else " "
    last = paragraph.pieces[-1]
    assert isinstance(last, str)
    paragraph.pieces[-1] = last + separator
    paragraph.pieces.extend([Join(line, in_word), text])


def unjoin(draft: Draft) -> None:
    """Undo every join: a transcription that does not show its source's pages gives no
    ground for a page turn, so each block stays a paragraph of its own."""
    for division in (*draft.front, draft.body, *draft.back):
        _unjoin(division)


def _unjoin(division: Division) -> None:
    paragraphs: list[Paragraph] = []
    for paragraph in division.paragraphs:
        current = Paragraph([], paragraph.line)
        for piece in paragraph.pieces:
            if isinstance(piece, Join):
                current.pieces[-1] = current.pieces[-1].rstrip()
                paragraphs.append(current)
                current = Paragraph([], piece.line)
            else:
                current.pieces.append(piece)
        paragraphs.append(current)
    division.paragraphs = paragraphs
    for child in division.children:
        _unjoin(child)
