"""Headings recognised without a table of contents."""

from __future__ import annotations

import re

from edition.importer.joins import ends_sentence

_NUMBERED = re.compile(r"^(?P<n>\d+)\.\s+\S")
# Short words that end a broken line of prose but never a heading.
_DANGLING = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the",
             "to", "with"}
MAX_HEADING_WORDS = 14


def heading_number(text: str) -> int | None:
    match = _NUMBERED.match(text)
    return int(match.group("n")) if match else None


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
