"""The alignment of witnesses by CollateX, read as variant locations.

CollateX aligns the tokens of the witnesses in a table of columns, one token (or a gap)
per witness. A column where every witness has the same normal form is agreement; a run
of adjacent columns that are not is one variant location, as a reader counts them
("the red fox" against "a brown dog" is one place where the witnesses differ, not
three).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from edition.collate.segments import cuts
from edition.collate.witnesses import Normalisation, Witness
from edition.problems import EditionError


@dataclass(frozen=True)
class Location:
    """A stretch of the text: each witness's reading there (its tokens joined)."""

    readings: dict[str, str]
    """Each witness's reading (its tokens as written), by siglum."""
    normals: dict[str, str]
    """Each witness's reading in normal form, which tells agreement from variance."""
    varies: bool


def _table(witnesses: Sequence[Witness], normalisation: Normalisation) -> list[list]:
    """The alignment table (one row per witness), collated stretch by stretch between
    the anchors `segments.cuts` finds, the stretches' tables put side by side."""
    tokens = [[{"t": t, "n": normalisation.normal(t)} for t in w.tokens] for w in witnesses]
    places = cuts([[t["n"] for t in row] for row in tokens])
    rows: list[list] = [[] for _ in witnesses]
    for start, end in zip(places, places[1:], strict=False):
        stretch = [row[a:b] for row, a, b in zip(tokens, start, end, strict=True)]
        for row, columns in zip(rows, _collated(witnesses, stretch), strict=True):
            row.extend(columns)
    return rows


def _collated(witnesses: Sequence[Witness], stretch: list[list[dict]]) -> list[list]:
    from collatex import Collation, collate

    if not any(stretch):
        return [[] for _ in stretch]
    if not all(stretch):  # CollateX needs a token in every witness
        width = max(len(row) for row in stretch)
        return [[[token] for token in row] if row else [None] * width for row in stretch]
    collation = Collation.create_from_dict({"witnesses": [
        {"id": w.siglum, "tokens": [dict(t) for t in row]}
        for w, row in zip(witnesses, stretch, strict=True)]})
    return json.loads(collate(collation, output="json", segmentation=False))["table"]


def align(witnesses: Sequence[Witness], base: str, normalisation: Normalisation
          ) -> list[Location]:
    sigla = [w.siglum for w in witnesses]
    if len(set(sigla)) != len(sigla):
        twice = next(s for s in sigla if sigla.count(s) > 1)
        raise EditionError(f"two witnesses have the siglum {twice!r}: give one another "
                           "with --siglum FILE=SIGLUM", rule="collate-siglum")
    if base not in sigla:
        raise EditionError(f"--base {base!r} is not a witness: give one of "
                           + ", ".join(sigla), rule="collate-usage")
    if len(witnesses) < 2:
        raise EditionError("give at least two witnesses to collate", rule="collate-usage")
    table = _table(witnesses, normalisation)
    columns = list(zip(*table, strict=True))
    locations: list[Location] = []
    run: list[tuple] = []
    for column in columns:
        if _agrees(column):
            if run:
                locations.append(_location(sigla, run, True))
                run = []
            locations.append(_location(sigla, [column], False))
        else:
            run.append(column)
    if run:
        locations.append(_location(sigla, run, True))
    return _merged_agreement(locations)


def _forms(cell: list | None) -> str:
    return " ".join(token["n"] for token in cell) if cell else ""


def _agrees(column: tuple) -> bool:
    return all(cell for cell in column) and len({_forms(cell) for cell in column}) == 1


def _location(sigla: list[str], columns: list[tuple], varies: bool) -> Location:
    cells = {s: [token for column in columns for token in (column[i] or [])]
             for i, s in enumerate(sigla)}
    return Location({s: "".join(t["t"] for t in tokens) for s, tokens in cells.items()},
                    {s: " ".join(t["n"] for t in tokens) for s, tokens in cells.items()},
                    varies)


def _merged_agreement(locations: list[Location]) -> list[Location]:
    """Adjacent stretches of agreement as one (fewer, longer text nodes)."""
    merged: list[Location] = []
    for location in locations:
        if merged and not location.varies and not merged[-1].varies:
            previous = merged.pop()
            location = Location(
                {s: previous.readings[s] + r for s, r in location.readings.items()},
                {s: f"{previous.normals[s]} {n}" for s, n in location.normals.items()}, False)
        merged.append(location)
    return merged
