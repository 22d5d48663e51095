"""Finding dates in one run of text and giving them ISO 8601 values.

No date-parsing library is used: python-dateutil and its kind turn one known string into
one instant, whereas the job here is to find where a date expression begins and ends in
running prose, to keep its precision (a year, a month or a day, never a made-up first of
January), and to read ranges, decades and vague periods, which they do not. The calendar
itself is checked with `datetime.date` (no 30 February).

Forms read (English, as printed in the texts):

- ``September 9, 1948`` and ``9 September 1948`` → ``@when="1948-09-09"``;
  ``November 1957`` → ``1957-11``; ``1949`` → ``1949``;
- ``February 22 to April 7, 1949``, ``August 1964-January 1973``, ``June and July 1956``,
  ``from 1946 to 1949``, ``between 1949 and 1950`` → ``@from``/``@to``;
- ``the 1960s`` → ``@notBefore="1960" @notAfter="1969"``; ``early``/``mid``/``late`` take
  the first, middle or last years of a decade (0–3, 4–6, 7–9), of a month (days 1–10,
  11–20, 21–end) or of a century (years 0–33, 34–66, 67–99); ``the beginning``/``the end
  of the 1970s`` are early/late, ``the first``/``latter half`` the two halves;
- a day and month without a year (``On March 17``) and a month after a preposition
  (``in October``, ``in October last year``) take the year from the narrative: the nearest
  year stated before them in the text (one year less with ``last year``);
- ``this year`` and ``last year`` on their own are counted from when the words were
  written: the text's date of creation (``profileDesc/creation/date``), or, inside
  reported speech or a quotation, the narrative's year;
- inferred dates are marked ``@cert="medium"``; where no year is known they are not
  tagged and are reported.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_M = "(?:" + "|".join(MONTHS) + ")"
_Y = r"(?:1[5-9]\d\d|20\d\d)"
_D = r"(?:[12]\d|3[01]|0?[1-9])"
_NO_DIGIT_BEFORE = r"(?<![\d,.\-–])"
_NO_DIGIT_AFTER = r"(?![\d]|,\d|-\d)"
_RELATIVE = r"(?:\s+(?P<rel>that year|the same year|last year))?"
_DASH = r"\s*[-–—]\s*"

Attrs = dict[str, str]


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    attrs: Attrs | None
    """The attributes when the text states the year; None when it must be inferred."""
    infer: Callable[[int], Attrs | None] | None = None
    years: tuple[int, ...] = field(default=())
    """Years the expression states; the last one becomes the narrative's current year."""
    deictic: bool = False
    """``this year``/``last year``: counted from when the words were written or said."""


def _month(name: str) -> int:
    return MONTHS.index(name) + 1


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


# Where "early", "mid" and "late" fall, as offsets into a decade or a century.
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_CENTURY_PARTS = {"early": (0, 33), "mid": (34, 66), "late": (67, 99)}


# ------------------------------------------------------------------ the forms

def _full_range(m: re.Match[str]) -> DateMatch | None:
    year = int(m["y"])
    start = _day(year, _month(m["m1"]), int(m["d1"]))
    end = _day(year, _month(m["m2"]), int(m["d2"]))
    if not (start and end) or start > end:
        return None
    return DateMatch(m.start("span"), m.end(), {"from": start, "to": end}, years=(year,))


def _month_year_range(m: re.Match[str]) -> DateMatch | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    start, end = _ym(y1, _month(m["m1"])), _ym(y2, _month(m["m2"]))
    if start > end:
        return None
    return DateMatch(m.start(), m.end(), {"from": start, "to": end}, years=(y1, y2))


def _two_months(m: re.Match[str]) -> DateMatch | None:
    year = int(m["y"])
    start, end = _ym(year, _month(m["m1"])), _ym(year, _month(m["m2"]))
    if start >= end:
        return None
    return DateMatch(m.start(), m.end(), {"from": start, "to": end}, years=(year,))


def _month_day_year(m: re.Match[str]) -> DateMatch | None:
    year = int(m["y"])
    when = _day(year, _month(m["m"]), int(m["d"]))
    return DateMatch(m.start(), m.end(), {"when": when}, years=(year,)) if when else None


def _part_of_month(m: re.Match[str]) -> DateMatch | None:
    year, month = int(m["y"]), _month(m["m"])
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[m["part"]]
    return DateMatch(m.start(), m.end(), {"notBefore": _day(year, month, first_day),
                                          "notAfter": _day(year, month, last_day)},
                     years=(year,))


def _month_year(m: re.Match[str]) -> DateMatch:
    year = int(m["y"])
    return DateMatch(m.start(), m.end(), {"when": _ym(year, _month(m["m"]))}, years=(year,))


def _year_range(m: re.Match[str]) -> DateMatch | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y1 >= y2:
        return None
    return DateMatch(m.start("span"), m.end(), {"from": str(y1), "to": str(y2)},
                     years=(y1, y2))


def _decade(m: re.Match[str]) -> DateMatch:
    first = int(m["dec"])
    part = (m["part"] or m["phrase"] or "").lower()
    part = {"beginning": "early", "end": "late", "first half": "first",
            "latter half": "second", "second half": "second"}.get(part, part)
    if part in _DECADE_PARTS:
        lo, hi = (first + offset for offset in _DECADE_PARTS[part])
    elif part == "first":
        lo, hi = first, first + 4
    elif part == "second":
        lo, hi = first + 5, first + 9
    else:
        lo, hi = first, first + 9
    return DateMatch(m.start(), m.end(), {"notBefore": str(lo), "notAfter": str(hi)})


def _century(m: re.Match[str]) -> DateMatch:
    first = (int(m["c"]) - 1) * 100
    part = (m["part"] or "").lower()
    lo, hi = (first + o for o in _CENTURY_PARTS.get(part, (0, 99)))
    return DateMatch(m.start(), m.end(), {"notBefore": f"{lo:04d}", "notAfter": f"{hi:04d}"})


def _shift(rel: str | None) -> int:
    return -1 if rel == "last year" else 0


def _month_day(m: re.Match[str]) -> DateMatch:
    month, day, shift = _month(m["m"]), int(m["d"]), _shift(m["rel"])

    def infer(year: int) -> Attrs | None:
        when = _day(year + shift, month, day)
        return {"when": when, "cert": "medium"} if when else None

    return DateMatch(m.start("span"), m.end(), None, infer)


def _month_alone(m: re.Match[str]) -> DateMatch:
    month, shift = _month(m["m"]), _shift(m["rel"])
    return DateMatch(m.start("span"), m.end(), None,
                     lambda year: {"when": _ym(year + shift, month), "cert": "medium"})


def _relative_year(m: re.Match[str]) -> DateMatch:
    shift = -1 if m["which"] == "last" else 0
    return DateMatch(m.start(), m.end(), None,
                     lambda year: {"when": f"{year + shift:04d}", "cert": "medium"},
                     deictic=True)


def _year(m: re.Match[str]) -> DateMatch:
    year = int(m.group())
    return DateMatch(m.start(), m.end(), {"when": f"{year:04d}"}, years=(year,))


_FORMS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], DateMatch | None]]] = [
    (re.compile(rf"(?:from\s+)?(?P<span>(?P<m1>{_M})\s+(?P<d1>{_D})(?:\s+to|{_DASH})\s*"
                rf"(?P<m2>{_M})\s+(?P<d2>{_D}),?\s+(?P<y>{_Y})){_NO_DIGIT_AFTER}"),
     _full_range),
    (re.compile(rf"(?P<m1>{_M})\s+(?P<y1>{_Y}){_DASH}(?P<m2>{_M})\s+(?P<y2>{_Y})"
                rf"{_NO_DIGIT_AFTER}"), _month_year_range),
    (re.compile(rf"(?P<m1>{_M})\s+and\s+(?P<m2>{_M})\s+(?P<y>{_Y}){_NO_DIGIT_AFTER}"),
     _two_months),
    (re.compile(rf"(?P<m>{_M})\s+(?P<d>{_D}),\s+(?P<y>{_Y}){_NO_DIGIT_AFTER}"),
     _month_day_year),
    (re.compile(rf"{_NO_DIGIT_BEFORE}(?P<d>{_D})\s+(?P<m>{_M})\s+(?P<y>{_Y})"
                rf"{_NO_DIGIT_AFTER}"), _month_day_year),
    (re.compile(rf"(?<!\w)(?P<part>early|mid|late)[-\s](?P<m>{_M})\s+(?P<y>{_Y})"
                rf"{_NO_DIGIT_AFTER}", re.I), _part_of_month),
    (re.compile(rf"(?P<m>{_M})\s+(?P<y>{_Y}){_NO_DIGIT_AFTER}"), _month_year),
    (re.compile(rf"(?<!\w)(?:from|between)\s+(?P<span>(?P<y1>{_Y})\s+(?:to|and)\s+"
                rf"(?P<y2>{_Y})){_NO_DIGIT_AFTER}", re.I), _year_range),
    (re.compile(r"(?<!\w)(?:(?P<part>early|mid|late)[-\s]?|(?P<phrase>beginning|end|"
                r"first half|latter half|second half)\s+of\s+the\s+)?"
                r"(?P<dec>1[5-9]\d0|20\d0)'?s(?!\w)", re.I), _decade),
    (re.compile(r"(?<!\w)(?:(?P<part>early|mid|late)[-\s])?(?P<c>1\d|2[01]|[1-9])"
                r"(?:st|nd|rd|th)\s+century(?!\w)", re.I), _century),
    (re.compile(rf"(?<!\w)(?P<span>(?P<m>{_M})\s+(?P<d>{_D})){_NO_DIGIT_AFTER}"
                rf"(?!,?\s+{_Y}){_RELATIVE}"), _month_day),
    (re.compile(rf"(?<!\w)(?:in|In|on|On|by|By|since|Since|until|Until|of|from|From)\s+"
                rf"(?P<span>(?P<m>{_M})){_RELATIVE}(?!\s*\d)(?!\w)"), _month_alone),
    (re.compile(r"(?<!\w)(?P<which>last|this) year(?!\w)"), _relative_year),
    (re.compile(rf"{_NO_DIGIT_BEFORE}(?<!\w){_Y}(?![\d]|,\d|-\d|'?s\b|\w)"), _year),
]


def find_dates(text: str) -> list[DateMatch]:
    """Every date expression in ``text``: leftmost first, the longest at a position,
    never overlapping."""
    found: list[DateMatch] = []
    for pattern, read in _FORMS:
        for m in pattern.finditer(text):
            match = read(m)
            if match is not None:
                found.append(match)
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    chosen: list[DateMatch] = []
    for match in found:
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen
