"""The edition model read from the mini fixture: paragraphs, mentions, dates, registers."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.model import EntityKind, load_edition


@pytest.fixture(scope="module")
def edition(mini_edition: Path):
    return load_edition(mini_edition)


def test_paragraph_references_are_the_xml_ids(edition) -> None:
    text = edition.text("mini1")
    assert [p.ref for p in text.paragraphs] == ["mini1.1.1", "mini1.1.2", "mini1.2.1"]
    assert [p.n for p in text.paragraphs] == ["1", "2", "1"]


def test_paragraph_reading_shows_corrections_and_hides_notes(edition) -> None:
    para = edition.find_paragraph("mini1.1.2")
    assert "counter-revolutionary" in para.reading
    assert "revoluti6nary" not in para.reading
    first = edition.find_paragraph("mini1.1.1")
    assert "by train" not in first.reading


def test_the_source_page_of_a_paragraph_is_the_page_break_before_it(edition) -> None:
    assert [p.page for p in edition.text("mini1").paragraphs] == ["10", "10", "10"]


def test_mentions_in_headings_and_notes_are_counted_with_their_place(edition) -> None:
    mentions = {(m.entry_id, m.paragraph) for m in edition.text("mini1").mentions}
    assert ("korean-war", "mini1.2") in mentions  # in a heading: the division
    assert ("pyongyang", "mini1.1.1") in mentions  # in a note: the paragraph it annotates


def test_a_mention_carries_its_keyword_in_context(edition) -> None:
    moscow = next(m for m in edition.mentions_of("moscow"))
    assert moscow.surface == "Moscow"
    assert moscow.before.endswith("Kim Il Sung visited ")
    assert moscow.after.startswith(" with a delegation")


def test_event_names_point_at_events(edition) -> None:
    war = next(m for m in edition.mentions_of("korean-war"))
    assert war.kind is EntityKind.EVENT


def test_dates_are_ordered_by_their_earliest_point(edition) -> None:
    keys = [(d.sort_key, d.surface) for d in edition.all_dates]
    assert keys == [("1949-02-22", "February 22 to April 7, 1949"),
                    ("1949-03", "March 1949"), ("1955", "the mid-1950s")]


def test_register_entries_have_names_variants_dates_and_authorities(edition) -> None:
    kim = edition.entries["kim-il-sung"]
    assert kim.name == "Kim Il Sung"
    assert kim.variants == ["President Kim Il Sung"]
    assert kim.dates == "1912-04-15 – 1994-07-08"
    assert kim.authorities[0].url == "https://www.wikidata.org/wiki/Q41117"
    assert edition.entries["korean-war"].dates == "1950-06-25 – 1953-07-27"


def test_registers_are_sorted_ignoring_case_and_articles(edition) -> None:
    names = [e.name for e in edition.registers[EntityKind.PERSON].entries]
    assert names == ["Joseph Stalin", "Kim Il Sung"]


def test_divisions_keep_their_headings(edition) -> None:
    heads = [d.head for d in edition.text("mini1").divisions]
    assert heads == ["The Visit", "After the Korean War"]


def test_index_names_invert_forename_first_names_and_keep_family_first_ones(
        bundled_edition: Path) -> None:
    persons = load_edition(bundled_edition).registers[EntityKind.PERSON].entries
    by_id = {e.id: e for e in persons}
    lincoln = next(e for e in persons if e.name == "Abraham Lincoln")
    kim = by_id["kim-il-sung"]
    assert (lincoln.index_name, kim.index_name) == ("Lincoln, Abraham", "Kim Il Sung")
    assert (lincoln.name, kim.name) == ("Abraham Lincoln", "Kim Il Sung")


def test_persons_sort_by_surname_ignoring_diacritics_and_particles(
        bundled_edition: Path) -> None:
    order = [e.index_name for e in
             load_edition(bundled_edition).registers[EntityKind.PERSON].entries]
    assert order.index("Kádár, János") < order.index("Khrushchev, Nikita")
    assert order.index("Lenin, Vladimir Ilyich") < order.index("Lincoln, Abraham")
    assert order.index("de Gaulle, Charles") > order.index("Clinton, Bill")
    assert order.index("de Gaulle, Charles") < order.index("Honecker, Erich")


def test_a_person_with_only_a_birth_date_is_shown_as_born(bundled_edition: Path) -> None:
    persons = load_edition(bundled_edition).registers[EntityKind.PERSON].entries
    clinton = next(e for e in persons if e.name == "Bill Clinton")
    assert clinton.dates.startswith("born 1946")


def test_a_place_entry_states_its_location_and_notes_without_repeating_coordinates() -> None:
    from lxml import etree

    from edition.model import _entry_facts

    place = etree.fromstring(
        '<place xmlns="http://www.tei-c.org/ns/1.0" xml:id="cafe"><placeName>Café</placeName>'
        '<location type="coords"><geo>48.2 16.37</geo></location>'
        '<location><placeName>Wien</placeName> <address><street>Kärntner Ring 16</street>'
        "</address></location><noteGrp><note>Letter, 1901 (1×)</note></noteGrp></place>")
    assert _entry_facts(place) == [("Location", "Wien Kärntner Ring 16"),
                                   ("Notes", "Letter, 1901 (1×)")]
