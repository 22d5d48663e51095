"""Page furniture of web archives: kept out of the text, described in the header.

Transcriptions saved from a web archive carry the web page around the document:
navigation links, a sponsor line, the archive's own citation, and after the document a
record block (summary, citation, rights statement, metadata labels, e-mail addresses
obfuscated by the site). None of it is part of the text. Each item removed is kept as
a `Furniture` record so that the TEI header can say what was left out and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.importer.blocks import Block

# Lines at the top of a saved web page that belong to the page, not to the document.
_LEADING = [
    ("navigation", re.compile(r"^skip to (main )?content$", re.I)),
    ("sponsor", re.compile(r"^this (document|record|item) (was|has been) made possible .*", re.I)),
    ("archive-citation", re.compile(r"^\[source:\s*(?P<value>.+?)\]?$", re.I | re.S)),
]
# A label opening the archive's record block after the document.
_RECORD_START = re.compile(r"^(document|record|item) information$", re.I)
_RIGHTS = re.compile(r"\b(copyright|rights holders?|permission|reuse)\b", re.I)
_EMAIL_RESIDUE = re.compile(r"\[email\s+protected\]", re.I)


@dataclass(frozen=True)
class Furniture:
    """One piece of page furniture removed from the transcription."""

    kind: str  # navigation, sponsor, archive-citation, summary, rights, label, ...
    text: str
    line: int


def strip_furniture(blocks: list[Block]) -> tuple[list[Block], list[Furniture]]:
    """The blocks of the document proper, and the furniture taken out around them."""
    removed: list[Furniture] = []
    kept = _strip_leading(blocks, removed)
    kept = _strip_record(kept, removed)
    return kept, removed


def _strip_leading(blocks: list[Block], removed: list[Furniture]) -> list[Block]:
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        kind = _leading_kind(block) if index < 12 else None
        if kind is None:
            kept.append(block)
            continue
        removed.append(Furniture(kind, _value(block), block.line))
    return kept


def _leading_kind(block: Block) -> str | None:
    for kind, pattern in _LEADING:
        if pattern.match(block.flat):
            return kind
    return None


def _value(block: Block) -> str:
    match = _LEADING[2][1].match(block.flat)
    return match.group("value").strip() if match else block.flat


def _strip_record(blocks: list[Block], removed: list[Furniture]) -> list[Block]:
    """Remove the archive's record block: its label, all after it, and the summary before it."""
    start = next((i for i, b in enumerate(blocks) if _RECORD_START.match(b.flat)), None)
    if start is None:
        return blocks
    if start > 0:
        summary = blocks[start - 1]
        removed.append(Furniture("summary", summary.flat, summary.line))
        start -= 1
    for block in blocks[start + 1:]:
        removed.append(Furniture(_record_kind(block), block.flat, block.line))
    return blocks[:start]


def _record_kind(block: Block) -> str:
    text = block.flat
    if _EMAIL_RESIDUE.search(text):
        return "rights-contact"
    if _RIGHTS.search(text):
        return "rights"
    if _RECORD_START.match(text):
        return "label"
    return "record-field"
