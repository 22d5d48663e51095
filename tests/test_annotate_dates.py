"""Date forms read by `edition annotate` and the values they are given."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.annotate import gazetteer
from edition.annotate.dates import find_dates
from edition.annotate.document import annotate_tree
from edition.paths import TEI_NS

REGISTERS = Path(__file__).resolve().parent / "fixtures" / "annotate" / "registers"
T = f"{{{TEI_NS}}}"


@pytest.fixture(scope="module")
def names() -> gazetteer.Gazetteer:
    return gazetteer.load(REGISTERS)


def dates_in(body: str, names: gazetteer.Gazetteer, creation: str = ""):  # noqa: ANN201
    profile = (f'<profileDesc><creation><date when="{creation}"/></creation></profileDesc>'
               if creation else "")
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><teiHeader>{profile}</teiHeader><text>'
                            f"<body>{body}</body></text></TEI>")
    result = annotate_tree(root.getroottree(), names, Path("t.xml"))
    found = [(d.text, dict(d.attrib)) for d in root.find(f"{T}text").iter(f"{T}date")]
    return found, result


@pytest.mark.parametrize(("text", "surface", "attributes"), [
    ("in November 1957.", "November 1957", {"when": "1957-11"}),
    ("on September 9, 1948, the", "September 9, 1948", {"when": "1948-09-09"}),
    ("on 9 September 1948 the", "9 September 1948", {"when": "1948-09-09"}),
    ("plan in 1949.", "1949", {"when": "1949"}),
    ("from February 22 to April 7, 1949 he", "February 22 to April 7, 1949",
     {"from": "1949-02-22", "to": "1949-04-07"}),
    ("war (August 1964-January 1973) and", "August 1964-January 1973",
     {"from": "1964-08", "to": "1973-01"}),
    ("in June and July 1956 drew", "June and July 1956", {"from": "1956-06", "to": "1956-07"}),
    ("period from 1946 to 1949.", "1946 to 1949", {"from": "1946", "to": "1949"}),
    ("between 1949 and 1950, an", "1949 and 1950", {"from": "1949", "to": "1950"}),
    ("in the 1960s;", "1960s", {"notBefore": "1960", "notAfter": "1969"}),
    ("to the mid-1950s President", "mid-1950s", {"notBefore": "1954", "notAfter": "1956"}),
    ("From the late 1940s to", "late 1940s", {"notBefore": "1947", "notAfter": "1949"}),
    ("in the early 1990s the", "early 1990s", {"notBefore": "1990", "notAfter": "1993"}),
    ("In the beginning of the 1970s powers", "beginning of the 1970s",
     {"notBefore": "1970", "notAfter": "1973"}),
    ("in the latter half of the 1960s.", "latter half of the 1960s",
     {"notBefore": "1965", "notAfter": "1969"}),
    ("in the mid-20th century as", "mid-20th century",
     {"notBefore": "1934", "notAfter": "1966"}),
    ("In mid-May 1984 a train", "mid-May 1984",
     {"notBefore": "1984-05-11", "notAfter": "1984-05-20"}),
    ("in late April 1971 Zhou", "late April 1971",
     {"notBefore": "1971-04-21", "notAfter": "1971-04-30"}),
])
def test_each_date_form_gets_its_iso_value(text: str, surface: str, attributes: dict,
                                           names) -> None:
    found, _ = dates_in(f"<p>{text}</p>", names)
    assert found == [(surface, attributes)]


def test_a_day_and_month_without_a_year_take_the_nearest_year_before_them(names) -> None:
    found, _ = dates_in("<p>On March 5, 1949, they met.</p><p>In 1961 he said so.</p>"
                        "<p>Earlier, on March 17 the talks were held.</p>", names)
    assert found[-1] == ("March 17", {"when": "1961-03-17", "cert": "medium"})


def test_a_month_after_a_preposition_takes_the_year_and_is_marked_medium(names) -> None:
    found, _ = dates_in("<p>In January 1970 they spoke. In October that year he wrote. "
                        "In December he answered.</p>", names)
    assert found[1:] == [("October that year", {"when": "1970-10", "cert": "medium"}),
                         ("December", {"when": "1970-12", "cert": "medium"})]


def test_last_year_after_a_month_counts_back_from_the_narrative(names) -> None:
    found, _ = dates_in("<p>In September 1974 he said: <said>We helped you during the war in "
                        "October last year.</said></p>", names)
    assert found[1] == ("October last year", {"when": "1973-10", "cert": "medium"})


def test_this_year_in_the_authors_voice_is_the_year_of_writing(names) -> None:
    found, _ = dates_in("<p>From 1946 to 1949 output grew; this year it will double. The "
                        "war last year failed.</p>", names, creation="1957-11")
    assert found[1:] == [("this year", {"when": "1957", "cert": "medium"}),
                         ("last year", {"when": "1956", "cert": "medium"})]


def test_a_day_without_any_year_before_it_is_left_and_reported(names) -> None:
    found, result = dates_in("<p>On April 10 a ceremony was held.</p>", names)
    assert found == []
    assert [n.rule for n in result.notes] == ["annotate-date-context"]


def test_may_the_verb_and_numbers_that_are_not_years_are_not_dates() -> None:
    text = ("They may come. 1,300 million people, the 5 000-year-long history, "
            "a 20 000km journey, pages 310-322, ISBN 978-9946-0-2608-4, Team Spirit 93.")
    assert find_dates(text) == []


def test_an_impossible_day_is_not_a_date_but_its_year_is() -> None:
    assert [m.attrs for m in find_dates("on February 30, 1950 nothing")] == [{"when": "1950"}]


def test_dates_already_tagged_are_kept_and_give_the_year(names) -> None:
    found, result = dates_in('<p>On <date when="1965-04-10">10 April</date> and on April 14 '
                             "they met.</p>", names)
    assert found == [("10 April", {"when": "1965-04-10"}),
                     ("April 14", {"when": "1965-04-14", "cert": "medium"})]
    assert result.counts["dates"] == 1
