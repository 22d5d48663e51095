"""Dates of datelines and diary headings read in the text's language."""

from __future__ import annotations

import pytest

from edition.importer.datelines import find_date

CASES = [
    ("Weimar, den 9t März 1818", "de", "9t März 1818", "1818-03-09"),
    ("Wien, 19. August 1895.", "de", "19. August 1895", "1895-08-19"),
    ("Frankfurt a. M., 21. Juni. 1891", "de", "21. Juni. 1891", "1891-06-21"),
    ("Wien 21. 6. 1891", "de", "21. 6. 1891", "1891-06-21"),
    ("Paris, le 27 juin 1834", "fr", "27 juin 1834", "1834-06-27"),
    ("Paris, 1er mai 1834", "fr", "1er mai 1834", "1834-05-01"),
    ("Puteaux, 26 giugno 1834", "it", "26 giugno 1834", "1834-06-26"),
    ("Milano, 1° maggio 1834", "it", "1° maggio 1834", "1834-05-01"),
    ("London, March 3rd, 1850", "en", "March 3rd, 1850", "1850-03-03"),
    ("the 3rd of March 1850", "en", "3rd of March 1850", "1850-03-03"),
    ("Boston, 3/4/1850", "en", "3/4/1850", "1850-03-04"),
    ("Madrid, 5 de mayo de 1834", "es", "5 de mayo de 1834", "1834-05-05"),
    ("Mai 1818", "de", "Mai 1818", "1818-05"),
]


@pytest.mark.parametrize("line, lang, words, when", CASES)
def test_a_date_is_read_in_the_language_of_its_text(line, lang, words, when) -> None:
    found = find_date(line, lang)
    assert found is not None and found.text_in(line) == words and found.when == when
    assert found.cert is None


def test_a_day_and_month_take_the_year_of_the_context_with_medium_certainty() -> None:
    found = find_date("Puteaux, 26 giugno", "it", context_year=1834)
    assert (found.when, found.cert) == ("1834-06-26", "medium")
    assert find_date("Puteaux, 26 giugno", "it") is None


@pytest.mark.parametrize("line, lang", [("30. Februar 1818", "de"), ("am Montag", "de"),
                                        ("32 juin 1834", "fr"), ("I said nothing", "en")])
def test_what_is_no_date_is_not_read_as_one(line, lang) -> None:
    assert find_date(line, lang) is None
