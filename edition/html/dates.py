"""ISO dates as readers write them: ``1957-11-07`` → ``7 November 1957``."""

from __future__ import annotations

import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_ISO = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def human_date(value: str | None) -> str:
    """A readable form of an ISO date (year, year-month or full date); anything else is
    returned unchanged."""
    if not value:
        return ""
    match = _ISO.match(value.strip())
    if not match:
        return value
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return value
    if day is None:
        return f"{MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


_ISO_IN_TEXT = re.compile(r"(?<![\w-])-?\d{4}(?:-\d{2}){0,2}(?![\w-])")


def readable_dates(value: str | None) -> str:
    """Every ISO date inside a phrase made readable: ``1912-04-15 – 1994-07-08`` →
    ``15 April 1912 – 8 July 1994``."""
    return _ISO_IN_TEXT.sub(lambda m: human_date(m.group(0)), value or "")


def years(value: str | None) -> str:
    """Every ISO date inside a phrase shortened to its year, for tables:
    ``1912-04-15 – 1994-07-08`` → ``1912 – 1994``."""
    return _ISO_IN_TEXT.sub(lambda m: m.group(0)[:5] if m.group(0).startswith("-")
                            else m.group(0)[:4], value or "")
