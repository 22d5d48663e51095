"""Mixed content read as text: the lxml text/tail split handled in one place."""

from __future__ import annotations

from lxml import etree

from edition.textual import reading, reading_with_spans

NS = 'xmlns="http://www.tei-c.org/ns/1.0"'


def p(xml: str) -> etree._Element:
    return etree.fromstring(f"<p {NS}>{xml}</p>")


def test_the_tail_after_a_skipped_element_is_kept() -> None:
    assert reading(p("Before<note>a note</note> after.")) == "Before after."


def test_edited_and_diplomatic_readings_choose_opposite_sides_of_a_choice() -> None:
    element = p("a <choice><sic>teh</sic><corr>the</corr></choice> word "
                "<choice><abbr>Dr</abbr><expan>Doctor</expan></choice>")
    assert reading(element) == "a the word Doctor"
    assert reading(element, diplomatic=True) == "a teh word Dr"


def test_only_the_lemma_of_an_apparatus_entry_is_read() -> None:
    assert reading(p("<app><lem>reads</lem><rdg>raeds</rdg></app> on")) == "reads on"


def test_spans_locate_nested_elements_in_the_reading() -> None:
    text, spans = reading_with_spans(p("Go to <placeName>Moscow</placeName> now"))
    place = next(s for s in spans if s.element.tag.endswith("placeName"))
    assert text[place.start:place.end] == "Moscow"


def test_white_space_is_normalised() -> None:
    assert reading(p("  two\n   lines  ")) == "two lines"
