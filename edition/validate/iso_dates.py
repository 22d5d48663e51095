"""The W3C/ISO 8601 date values of @when, @from, @to, @notBefore, @notAfter: parsed to the
span of days they mean and checked against the calendar.

The RELAX NG datatypes accept the form; here the day must exist in its month (1957-02-30
does not), and a range must not end before it begins.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
ISO_ATTRIBUTES = ("when-iso", "from-iso", "to-iso", "notBefore-iso", "notAfter-iso")

_ZONE = r"(?:Z|[+-]\d\d:\d\d)?"
_TIME = r"(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)(?:\.\d+)?"
_FORMS = [
    re.compile(rf"(?P<year>-?\d{{4,}})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d)(?:T{_TIME})?)?)?{_ZONE}"),
    re.compile(rf"--(?P<month>\d\d)(?:-?(?P<day>\d\d))?{_ZONE}"),  # --11, --11-17, --1117
    re.compile(rf"---(?P<day>\d\d){_ZONE}"),
    re.compile(rf"{_TIME}{_ZONE}"),
]


@dataclass(frozen=True)
class Span:
    """The earliest and latest day a date value can mean, as (year, month, day)."""

    earliest: tuple[int, int, int]
    latest: tuple[int, int, int]


_ISO_BASIC = re.compile(r"(?P<year>\d{4})(?P<month>\d\d)(?P<day>\d\d)")
_ISO_CALENDAR = re.compile(r"-?\d{4,}(?:-\d\d(?:-\d\d)?)?|--\d\d-?\d\d")


class DateError(ValueError):
    """A date value that is not a real date; the message says what is wrong."""


def _check_fields(year: int | None, month: int | None, day: int | None) -> None:
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month:02d} does not exist")
    if day is None:
        return
    if month is None:
        last = 31
    elif year is None:
        last = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    else:
        last = calendar.monthrange(year if year > 0 else 2000, month)[1]
    if not 1 <= day <= last:
        where = f"{calendar.month_name[month]} {year}" if month and year is not None else (
            calendar.month_name[month] if month else "any month")
        raise DateError(f"day {day:02d} does not exist in {where} (last day: {last})")


def _check_time(match: re.Match[str]) -> None:
    if match.groupdict().get("hour") is None:
        return
    hour, minute, second = (int(match[g]) for g in ("hour", "minute", "second"))
    if hour > 24 or minute > 59 or second > 60:
        raise DateError(f"time {hour:02d}:{minute:02d}:{second:02d} does not exist")


def parse_date(value: str) -> Span | None:
    """Check ``value``; return its span when it has a year (else None). Raise `DateError`."""
    for form in _FORMS:
        match = form.fullmatch(value)
        if not match:
            continue
        fields = match.groupdict()
        year = int(fields["year"]) if fields.get("year") else None
        month = int(fields["month"]) if fields.get("month") else None
        day = int(fields["day"]) if fields.get("day") else None
        if year == 0:
            raise DateError("year 0000 does not exist in the W3C calendar (1 BCE is -0001)")
        _check_fields(year, month, day)
        _check_time(match)
        if year is None:
            return None
        first_month, last_month = (month, month) if month else (1, 12)
        last_day = day or calendar.monthrange(year if year > 0 else 2000, last_month)[1]
        return Span((year, first_month, day or 1), (year, last_month, last_day))
    raise DateError("not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD, --MM-DD, ...)")


# from/to on these elements are pages, lines or positions, not dates; on <app> they point
# at the first and last word of the lemma (an apparatus attached by double end-points)
NOT_DATES = frozenset({"biblScope", "citedRange", "locus", "locusGrp", "span", "addSpan",
                       "delSpan", "damageSpan", "app"})
RANGES = (("from", "to"), ("notBefore", "notAfter"))


def check_iso_date(value: str) -> None:
    """Check the calendar dates in an ISO 8601 value (``@when-iso``): ``1957-11-07``,
    ``19571107``, ``--1117``, and each end of an interval ``1957-11/1958-02``. Week and
    ordinal dates, durations and times are left to the schema. Raise `DateError`."""
    for part in value.split("/"):
        if basic := _ISO_BASIC.fullmatch(part):
            part = "-".join(basic.groups())
        if _ISO_CALENDAR.fullmatch(part):
            parse_date(part)
