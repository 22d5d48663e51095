"""Direct speech introduced by a verb of saying and a colon.

``Kim Il Sung said: Everything goes well.`` -- the words after the colon, to the end of
the paragraph, are speech. When the colon ends the paragraph (``... Kim Il Sung said:``),
the whole next paragraph is the speech. The speaker is the name standing right before
the verb (``... Soekarno said:``), else a name opening the clause (``Kim Il Sung
encouraged him, saying:``); pronouns and descriptions (``he``, ``the vice-president``)
leave the speaker unnamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERBS = (r"said|says|replied|answered|told|tells|continued|added|adding|saying|declared|"
          r"stated|wrote|writes|asked|remarked|exclaimed|went on")
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_ATTRIBUTION = re.compile(r":(?:\s+(?=\S)|\s*$)")
_NAME = r"[A-Z][\w'’.-]*"
# ``Soekarno said``, ``President Soekarno of Indonesia said``: the name before the verb.
_NAME_BEFORE_VERB = re.compile(
    rf"((?:{_NAME}\s+){{0,4}}{_NAME})(?:\s+of\s+(?:the\s+)?(?:{_NAME}\s+)*{_NAME})?"
    rf"\s+(?:{_VERBS})\b")
# ``Kim Il Sung encouraged him, saying``: a name opening the clause, followed by a verb.
_CLAUSE_START = re.compile(
    rf"^((?:{_NAME}\s+){{0,4}}{_NAME})\s+(?:\w+ed|met|told|gave|spoke|went|{_VERBS})\b")
# Capitalised words that open a clause without being part of a name.
_NOT_NAME = {
    "a", "after", "and", "but", "again", "as", "at", "before", "during", "earlier", "in", "later",
    "next", "on", "once", "so", "still", "that", "the", "then", "this", "thus", "today",
    "when", "while", "he", "she", "they", "we", "it", "his", "her", "their",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
}


@dataclass(frozen=True)
class Speech:
    """Where speech starts in a paragraph (``start == len(text)``: in the next one)."""

    start: int
    speaker: str | None


def find_speech(text: str) -> Speech | None:
    """The first attribution ``<clause with a verb of saying>:`` in ``text``, if any."""
    for match in _ATTRIBUTION.finditer(text):
        clause = _clause_before(text, match.start())
        if _VERB.search(clause):
            return Speech(match.end(), speaker(clause))
    return None


def _clause_before(text: str, colon: int) -> str:
    """The sentence that ends at ``colon``."""
    head = text[:colon]
    cut = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    return head[cut + 2:] if cut >= 0 else head


def speaker(clause: str) -> str | None:
    """The name of whoever speaks in an attribution clause, when it is clear."""
    for match in reversed(list(_NAME_BEFORE_VERB.finditer(clause))):
        name = _strip_non_names(match.group(1))
        if name:
            return name
    start = _CLAUSE_START.match(clause.split(", ")[-1] if ", " in clause else clause)
    name = _strip_non_names(start.group(1)) if start else None
    if name:
        return name
    start = _CLAUSE_START.match(clause)
    return _strip_non_names(start.group(1)) if start else None


def _strip_non_names(words: str) -> str | None:
    parts = words.split()
    while parts and (parts[0].casefold() in _NOT_NAME or parts[0][:1].isdigit()):
        parts.pop(0)
    return " ".join(parts) or None
