"""Collation of witnesses into a TEI apparatus in parallel segmentation.

`collate_files` reads two or more witnesses (plain text or TEI), aligns their words with
CollateX, gathers adjacent differences into variant locations, and returns the TEI text
(`edition.collate.tei`), which validates and builds as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from edition.collate.alignment import Location, align
from edition.collate.tei import collation_tei
from edition.collate.witnesses import Normalisation, Witness, read_witness

__all__ = ["Location", "Normalisation", "Witness", "collate_files", "collate_witnesses"]


def collate_witnesses(witnesses: Sequence[Witness], base: str, text_id: str,
                      normalisation: Normalisation) -> tuple[str, int]:
    """The TEI of the collation and its number of variant locations."""
    locations = align(witnesses, base, normalisation)
    return collation_tei(witnesses, base, text_id, locations), \
        sum(1 for loc in locations if loc.varies)


def collate_files(paths: Sequence[Path], base: str | None, text_id: str,
                  sigla: dict[Path, str], normalisation: Normalisation) -> tuple[str, int]:
    witnesses = [read_witness(path, sigla.get(path)) for path in paths]
    return collate_witnesses(witnesses, base or witnesses[0].siglum, text_id, normalisation)
