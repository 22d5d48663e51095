"""Dates in datelines and diary headings, read in the text's language.

Where a date begins and ends is found by the edition's own patterns, which also accept
the ordinal endings of older hands (``9t März 1818``, ``1er mai``, ``1° maggio``,
``3rd March``); what a month word means is asked of dateparser in the text's language
(``März``, ``juin``, ``giugno``, ``Sept.``), so every language dateparser knows is read
without a table here. The calendar is checked with `datetime.date`. A day and month
without a year take the year given by the context (the text before, the file name, the
previous text of the same input) and are marked ``cert="medium"``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = r"[^\W\d_]{3,}\.?"
_SUFFIX = r"(?:\.|ten|ter|te|t|er|re|e|°|º|o|a|st|nd|rd|th)?"
_YEAR = r"(?P<y>1[0-9]{3}|20[0-9]{2})"
_FORMS = [
    ("dmy", re.compile(rf"(?<![\w.])(?P<d>[0-3]?\d){_SUFFIX}\s*(?:(?:de|of|di|d')\s*)?"
                       rf"(?P<m>{_WORD})\s*,?\s*(?:(?:de|del)\s+)?{_YEAR}?(?![\w])")),
    ("mdy", re.compile(rf"(?<![\w])(?P<m>{_WORD})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?[,.]?\s+"
                       rf"{_YEAR}(?![\w])")),
    ("numeric", re.compile(rf"(?<![\w.])(?P<d>[0-3]?\d)\s*(?P<sep>[./])\s*(?P<m>[01]?\d)"
                           rf"\s*(?P=sep)\s*{_YEAR}(?!\d)")),
    ("my", re.compile(rf"(?<![\w])(?P<m>{_WORD})\s+{_YEAR}(?![\w])")),
]


@dataclass(frozen=True)
class DateFound:
    """A date in a line: its span, ISO value and how it was read."""

    start: int
    end: int
    when: str
    cert: str | None = None
    how: str = ""

    def text_in(self, line: str) -> str:
        return line[self.start:self.end]


def find_date(line: str, lang: str, context_year: int | None = None) -> DateFound | None:
    """The first date in ``line``; a day and month alone need ``context_year``."""
    found: list[DateFound] = []
    impossible: list[tuple[int, int]] = []  # "30. Februar 1818" is no date, not "Februar 1818"
    for form, pattern in _FORMS:
        for match in pattern.finditer(line):
            if any(start <= match.start() < end for start, end in impossible):
                continue
            date = _read(form, match, lang, context_year)
            if date is False:
                impossible.append((match.start(), match.end()))
            elif date is not None:
                found.append(date)
                break
    if not found:
        return None
    return min(found, key=lambda d: (d.start, -(d.end - d.start)))


def _read(form: str, match: re.Match[str], lang: str, context_year: int | None
          ) -> DateFound | None | bool:
    """The date ``match`` reads; False when it names a day the calendar does not have."""
    year = int(match["y"]) if match["y"] else None
    if form == "numeric":
        month = int(match["m"])
        day, month = (month, int(match["d"])) if _us(lang, match["sep"]) else (int(match["d"]),
                                                                             month)
    else:
        month = month_number(match["m"].rstrip("."), lang)
        day = int(match["d"]) if form != "my" else None
    if month is None:
        return None
    cert, how = None, f"{form} in {lang}"
    if year is None:
        if context_year is None:
            return None
        year, cert, how = context_year, "medium", f"{how}, year {context_year} from the context"
    when = _iso(year, month, day)
    if when is None:
        return False
    end = match.end() if match["y"] or form != "dmy" else match.end("m")
    return DateFound(match.start(), end, when, cert, how)


def _us(lang: str, separator: str) -> bool:
    return lang.split("-")[0] == "en" and separator == "/"


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


# Month names an older hand borrows from another language (``3ten May 1820`` in German,
# ``Junius``, ``Aprile``): asked of these after the text's own language.
FALLBACK_LANGUAGES = ("en", "de", "fr", "it", "es", "nl")


@lru_cache(maxsize=4096)
def month_number(word: str, lang: str) -> int | None:
    """The month a word names in ``lang`` (``März`` -> 3), asked of dateparser; a word
    that language does not know is asked of `FALLBACK_LANGUAGES`."""
    if len(word) < 3 or word.isdigit():
        return None
    primary = lang.split("-")[0]
    for language in (primary, *(f for f in FALLBACK_LANGUAGES if f != primary)):
        month = _month_in(word, language)
        if month is not None:
            return month
    return None


def _month_in(word: str, lang: str) -> int | None:
    parsed = _parser(lang).get_date_data(f"15 {word} 2000")
    if parsed is None or parsed.date_obj is None or parsed.period not in ("day", "month"):
        return None
    if parsed.date_obj.year != 2000:
        return None
    return parsed.date_obj.month


@lru_cache(maxsize=32)
def _parser(lang: str):
    from dateparser.date import DateDataParser  # imported only when a date is read

    try:
        return DateDataParser(languages=[lang], settings={
            "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True})
    except ValueError:  # a language dateparser does not know: English month names
        return DateDataParser(languages=["en"], settings={"STRICT_PARSING": True})


def year_in(text: str) -> int | None:
    """A year stated in ``text`` (a file name, a heading), for dates without one."""
    found = re.search(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)", text)
    return int(found.group(1)) if found else None
