"""The validation library: date arithmetic, and the entry point the build uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.problems import Severity
from edition.sources import load_sources
from edition.validate import edition_root, validate_paths, validate_sources
from edition.validate.iso_dates import DateError, check_iso_date, parse_date

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("value", ["1957", "1957-11", "1957-11-07", "2000-02-29", "--11-17",
                                   "--1117", "---07", "-0044-03-15", "1957-11-07T10:30:00Z",
                                   "1957-11-07+09:00"])
def test_real_dates_in_every_w3c_form_are_accepted(value):
    parse_date(value)


@pytest.mark.parametrize(("value", "reason"), [
    ("1957-02-30", "day 30 does not exist in February 1957"),
    ("1900-02-29", "day 29 does not exist in February 1900"),
    ("1957-13", "month 13 does not exist"),
    ("--02-30", "day 30 does not exist in February"),
    ("0000", "year 0000"),
    ("1957-11-07T25:00:00", "time 25:00:00"),
    ("7 Nov 1957", "not an ISO 8601 date"),
])
def test_impossible_dates_are_refused_with_the_reason(value, reason):
    with pytest.raises(DateError, match=reason):
        parse_date(value)


def test_a_month_spans_its_first_to_its_last_day():
    span = parse_date("1957-02")
    assert (span.earliest, span.latest) == ((1957, 2, 1), (1957, 2, 28))


def test_edition_root_is_the_nearest_folder_with_registers_or_edition_xml():
    text = FIXTURES / "valid/edition/texts/letter.xml"
    assert edition_root(text) == (FIXTURES / "valid/edition").resolve()
    assert edition_root(FIXTURES / "invalid/app-lem/text.xml") is None


def test_validate_sources_finds_what_validate_paths_finds():
    folder = FIXTURES / "invalid/ref-unresolved/across-files"
    assert validate_sources(load_sources([folder])) == validate_paths([folder])


def test_validate_sources_of_a_valid_edition_is_empty():
    assert validate_sources(load_sources([FIXTURES / "valid/edition"])) == []


def test_problems_are_sorted_by_path_and_line():
    problems = validate_paths([FIXTURES / "invalid"])
    assert problems == sorted(problems)
    assert {p.severity for p in problems} == {Severity.ERROR, Severity.WARNING}


def test_unused_register_entries_are_warnings_only_when_texts_are_present():
    registers = load_sources([FIXTURES / "invalid/entry-unused/registers"])
    assert validate_sources(registers) == []


@pytest.mark.parametrize("value", ["--1117", "19571107", "1957-W45", "1957-311",
                                   "1957-11/1958-02", "P2Y"])
def test_iso_values_with_real_dates_or_other_forms_pass(value):
    check_iso_date(value)


@pytest.mark.parametrize("value", ["19570230", "--0230", "1957-11/1958-02-30"])
def test_iso_values_with_an_impossible_day_are_refused(value):
    with pytest.raises(DateError, match="day"):
        check_iso_date(value)


def test_a_value_with_line_breaks_is_reported_on_one_line(tmp_path):
    text = (FIXTURES / "invalid/ref-unresolved/in-file.xml").read_text(encoding="utf-8")
    bad = tmp_path / "text.xml"
    bad.write_text(text.replace('ref="#stalin"', 'ref="#sta&#10;lin&#9;"')
                   .replace('<p n="1"', '<p n="1" rend="&#10;"'), encoding="utf-8")
    problems = validate_paths([bad])
    assert problems and all("\n" not in str(p) for p in problems)
    assert any("\\n" in p.message for p in problems)
