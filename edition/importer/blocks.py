"""Split a plain-text transcription into blocks: runs of lines between blank lines.

A block is the importer's unit: a paragraph, a heading, a title-page line or a line of
page furniture. Each keeps the line it starts on so that problems can name the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOLD = re.compile(r"^\*\*(.*)\*\*$", re.DOTALL)


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines; ``gap`` is the number of blank lines before it."""

    text: str
    line: int
    gap: int = 0

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def flat(self) -> str:
        """The block as one line: its lines joined by single spaces."""
        return " ".join(part.strip() for part in self.lines if part.strip())


def split_blocks(text: str) -> list[Block]:
    """Blocks of ``text`` in order, with the 1-based line number each starts on.

    Markdown bold around a whole block (``**...**``, left by some conversions of
    cover pages) is markup of the conversion, not of the text, and is dropped.
    """
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    gap = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.strip():
            if not current:
                start = number
            current.append(line)
            continue
        if current:
            blocks.append(_block(current, start, gap))
            current, gap = [], 0
        gap += 1
    if current:
        blocks.append(_block(current, start, gap))
    return blocks


def _block(lines: list[str], start: int, gap: int) -> Block:
    text = "\n".join(lines).strip()
    bold = _BOLD.match(text)
    if bold:
        text = bold.group(1).strip()
    return Block(text, start, gap)
