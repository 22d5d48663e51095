"""Headings recognised without a table of contents."""

from __future__ import annotations

import re

from edition.importer.sentences import ends_sentence

# ``3. Title``, ``IV. Title``, ``Chapter 3``, ``Chapter IV: Title``, ``Part 2 Title``
_NUMBERED = [
    re.compile(r"^(?P<n>\d+)\.\s+\S"),
    re.compile(r"^(?P<n>[IVXLC]+)\.\s+\S"),
    re.compile(r"^(?:chapter|part)\s+(?P<n>\d+|[ivxlc]+)\b(?:[.:]?\s+\S|[.:]?$)", re.I),
]
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# Short words that end a broken line of prose but never a heading.
_DANGLING = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the",
             "to", "with"}
MAX_HEADING_WORDS = 14


def heading_number(text: str) -> int | None:
    """The chapter number a heading is printed with, if it has one."""
    for pattern in _NUMBERED:
        match = pattern.match(text)
        if match:
            number = match.group("n")
            return int(number) if number.isdigit() else _roman(number)
    return None


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral.casefold()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def is_numbered_heading(text: str) -> bool:
    return heading_number(text) is not None and _title_like(text)


def looks_like_heading(text: str, previous: str | None, following: str | None) -> bool:
    """A short title-like line between complete paragraphs, followed by a capital."""
    if not _title_like(text) or following is None or not following[:1].isupper():
        return False
    return previous is None or ends_sentence(previous)


def _title_like(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or ends_sentence(text) or "\n" in text:
        return False
    if text.endswith(",") or words[-1].casefold() in _DANGLING:
        return False
    return text[:1].isupper() or text[:1].isdigit()
