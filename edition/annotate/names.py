"""Finding register names in one run of text.

Rules (documented for editors in the README):

- the longest name at a position wins, and the leftmost name wins over a later one that
  overlaps it: "Workers' Party of Korea" is one organisation, not a place inside one;
- a name stands between non-word characters: "Korea" is not found in "Korean", "Lenin"
  not in "Leninist"; a possessive ending stays outside the tag ("Stalin's" → "Stalin");
- straight and curly apostrophes are the same character for matching, and so are
  letters with and without diacritics or in another case, by the rule of
  `edition.annotate.matching`, which also admits the inflectional endings of the text's
  language (German "Goethes");
- a title written immediately before a person's name, with a capital ("President Kim Il
  Sung", "Premier Pham Van Dong"), is inside the tag, marked as ``roleName``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.annotate import matching
from edition.annotate.gazetteer import APOSTROPHES, Gazetteer, Target

TITLES = ("President", "Premier", "Comrade", "Chairman", "Marshal", "Samdech", "Prince",
          "King", "Mr", "Mrs", "Dr", "Professor", "General Secretary", "Prime Minister",
          "Vice-President", "Secretary")
_TITLE_BEFORE = re.compile(
    r"(?<!\w)(?P<title>" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\s+$")
_TITLE_INSIDE = re.compile(
    r"^(?P<title>" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\s+(?=\S)")


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    targets: tuple[Target, ...]
    title_end: int = 0
    """Offset (from ``start``) where a leading title ends; 0 when there is none."""

    @property
    def ambiguous(self) -> bool:
        return len({t.id for t in self.targets}) > 1


def find_names(text: str, gazetteer: Gazetteer, lang: str | None = None) -> list[NameMatch]:
    """Every register name in ``text``, leftmost-longest, non-overlapping, compared by
    the rule of `edition.annotate.matching` (diacritics, case, the endings of ``lang``)."""
    folded = text.translate(APOSTROPHES)  # one character for one: offsets stay valid
    endings = matching.endings(lang)
    matches = []
    for found in gazetteer.pattern_for(endings).finditer(matching.fold(folded)):
        surface = folded[found.start():found.end()]
        targets = tuple(gazetteer.targets(surface, endings))
        if targets:
            matches.append(_with_title(folded, found.start(), found.end(), targets))
    return matches


def _with_title(folded: str, start: int, end: int, targets: tuple[Target, ...]) -> NameMatch:
    if not all(t.tag == "persName" for t in targets):
        return NameMatch(start, end, targets)
    inside = _TITLE_INSIDE.match(folded[start:end])
    if inside:
        return NameMatch(start, end, targets, inside.end("title"))
    before = _TITLE_BEFORE.search(folded[:start])
    if before:
        return NameMatch(before.start(), end, targets, before.end("title") - before.start())
    return NameMatch(start, end, targets)
