"""Capitalised words left untagged: candidates for new register entries.

The list is for an editor, so it leaves out what is capitalised but is not a name of a
person, place, organisation or event: a sentence's first word, the pronoun "I", month and
day names, titles and forms of address, and the adjectives of nationality and doctrine
("Korean", "Soviet", "Marxist-Leninist"), which the edition deliberately does not tag.
"""

from __future__ import annotations

import re

from edition.annotate.dates import MONTHS
from edition.annotate.names import TITLES

NOT_NAMES = frozenset({
    "I", "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "In", "On", "At",
    "Our", "We", "You", "Your", "He", "His", "She", "They", "Their", "Today", "Excellency",
    "Mr", "Mrs", "Sir", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", *MONTHS, *(w for t in TITLES for w in t.split()),
    # adjectives of nationality, region and doctrine (not tagged; see the README)
    "Korean", "Koreans", "Soviet", "Chinese", "American", "Americans", "Japanese",
    "Hungarian", "Romanian", "Polish", "German", "Germans", "Indonesian", "Vietnamese",
    "Cambodian", "Laotian", "Lao", "Algerian", "Algerians", "Mauritanian", "Egyptian",
    "Tanzanian", "Portuguese", "French", "Pakistani", "Asian", "African", "European",
    "Latin-American", "Western", "Eastern", "East", "West", "Russian", "Israeli", "Syrian",
    "Belgian", "Sino-US", "Sino", "Marxist-Leninist", "Marxism-Leninism", "Leninist",
    "Marxist", "Juche", "Chajusong", "Party", "Government", "Republic", "Comrades",
    "Indonesians", "Rightist", "Leftist", "Earth", "Congress", "Central", "Committee", "ISBN",
    "Supreme", "Commander",
})

_WORD = r"[A-Z][\w'’.-]*[\w]|[A-Z]"
_LINKS = ("of", "the", "and", "for", "with", "de")
_CANDIDATE = re.compile(
    rf"(?<![\w'’-])(?:{_WORD})(?:(?:\s+(?:{'|'.join(_LINKS)}))*\s+(?:{_WORD}))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(—])\s*$")


def candidates(text: str, tagged: list[tuple[int, int]], before: str = ""
               ) -> list[tuple[int, str]]:
    """Capitalised word sequences in ``text`` outside the ``tagged`` spans, as
    ``(offset, words)``; possessive endings are dropped. ``before`` is the text that
    precedes ``text`` in its paragraph (empty at the paragraph's start)."""
    masked = text
    for start, end in tagged:  # a tag ends a run of words, as on a later run
        masked = masked[:start] + "\0" * (end - start) + masked[end:]
    result = []
    for m in _CANDIDATE.finditer(masked):
        if "\0" in m.group():
            continue
        start, words = m.start(), re.sub(r"['’]s$", "", m.group())
        at_start = _SENTENCE_START.search(before[-3:] + masked[:start])
        if at_start and not _looks_like_acronym(words.split()[0]):
            # a sentence's first word is capitalised anyway: judge the words after it
            first, _, rest = words.partition(" ")
            start, words = start + len(first) + 1, rest.strip()
        parts = [w for w in words.split() if w not in _LINKS]
        if not parts or all(w.strip(".'’") in NOT_NAMES for w in parts):
            continue
        while words.split()[0] in _LINKS:
            first, _, words = words.partition(" ")
            start += len(first) + 1
        result.append((start, words))
    return result


def _looks_like_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()
