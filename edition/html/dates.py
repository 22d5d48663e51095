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
