"""Packed per-paragraph citations unpack to exactly the strings they were made from."""

from __future__ import annotations

from pathlib import Path

from edition.html.cite import paragraph_data
from edition.html.packing import pack, unpack
from edition.model import load_edition


def _unpacked_equals(rows: dict) -> bool:
    return unpack(pack(rows)) == {ref: values for ref, (_, values) in rows.items()}


def test_paragraphs_differing_only_in_reference_and_locator_share_one_template() -> None:
    rows = {f"t.{n}": (str(n), {"c": f"Kim, “Title,” para. {n}, https://x.org/t.html#t.{n}."})
            for n in range(1, 30)}
    packed = pack(rows)
    assert packed["t"]["c"] == "Kim, “Title,” para. \u0002, https://x.org/t.html#\u0001."
    assert all(own == {} for _, _, own in packed["p"])
    assert _unpacked_equals(rows)


def test_a_locator_that_also_occurs_elsewhere_in_the_citation_is_kept_exact() -> None:
    rows = {f"t.{n}": (str(n), {"c": f"Works, vol. 10, pp. 10–11, para. {n}."})
            for n in range(1, 15)}
    assert _unpacked_equals(rows)
    assert "para. 10." in unpack(pack(rows))["t.10"]["c"]


def test_values_with_placeholder_characters_are_stored_whole() -> None:
    rows = {"t.1": ("1", {"c": "odd \u0001 value 1"}), "t.2": ("2", {"c": "odd \u0001 value 2"})}
    assert _unpacked_equals(rows)


def test_the_mini_texts_paragraph_citations_round_trip(mini_edition: Path) -> None:
    edition = load_edition(mini_edition)
    rows = paragraph_data(edition, edition.texts[0])
    assert _unpacked_equals(rows)
    packed = pack(rows)
    assert sum(len(own) for _, _, own in packed["p"]) < len(rows)


def test_a_named_locator_at_the_end_of_a_sentence_is_a_placeholder() -> None:
    rows = {f"b.preface.{n}": (f"preface.{n}", {"c": f"Cited at paragraph preface.{n}."})
            for n in range(1, 5)}
    packed = pack(rows)
    assert packed["t"]["c"] == "Cited at paragraph \u0002."
    assert _unpacked_equals(rows)
