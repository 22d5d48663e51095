"""Cutting long witnesses into stretches that can be collated one by one.

CollateX's alignment takes time in the product of the witnesses' lengths: two witnesses
of 10,000 words would take many minutes. Between two stretches where every witness reads
the same words, though, the alignment of one side cannot change the other. So the
witnesses are cut at such places ("anchors"): a position in the base witness about every
`STRETCH` tokens where a run of `ANCHOR` tokens (in normal form) is matched in every other
witness (by difflib's longest matching blocks), and each stretch is collated on its own.
A cut falls in the middle of agreement, never inside a variant location.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

STRETCH = 200
"""Tokens of the base witness per stretch (collated in a fraction of a second)."""
ANCHOR = 6
"""Tokens in agreement around a cut: ANCHOR // 2 before it and as many after it."""


def _mapping(base: Sequence[str], other: Sequence[str]) -> dict[int, int]:
    """Base position → position in ``other`` where both sit well inside a matching
    block (at least ANCHOR // 2 matching tokens on each side)."""
    half = ANCHOR // 2
    found: dict[int, int] = {}
    matcher = SequenceMatcher(None, list(base), list(other), autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(half, block.size - half + 1):
            found[block.a + offset] = block.b + offset
    return found


def cuts(forms: Sequence[Sequence[str]]) -> list[tuple[int, ...]]:
    """Where to cut each witness (the first is the base): a list of positions, one per
    witness, at which every witness may be cut; the ends included."""
    base = forms[0]
    if len(base) <= 2 * STRETCH:
        return [tuple(0 for _ in forms), tuple(len(f) for f in forms)]
    mappings = [_mapping(base, other) for other in forms[1:]]
    found = [tuple(0 for _ in forms)]
    position = STRETCH
    while position < len(base) - STRETCH:
        cut = next((i for i in range(position, len(base) - STRETCH)
                    if all(i in m for m in mappings)), None)
        if cut is None:
            break
        at = (cut, *(m[cut] for m in mappings))
        if all(a > b for a, b in zip(at, found[-1], strict=True)):
            found.append(at)
        position = cut + STRETCH
    found.append(tuple(len(f) for f in forms))
    return found
