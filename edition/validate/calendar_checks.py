"""Date attributes of one document: real calendar dates, ranges that do not run backwards."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.problems import Problem, Severity, display_path
from edition.validate.iso_dates import (
    DATE_ATTRIBUTES,
    ISO_ATTRIBUTES,
    NOT_DATES,
    RANGES,
    DateError,
    Span,
    check_iso_date,
    parse_date,
)
from edition.validate.locate import attribute_position
from edition.validate.wording import one_line


def _problem(path: Path, element: etree._Element, attribute: str, message: str,
             rule: str) -> Problem:
    line, column = attribute_position(path, element, attribute)
    return Problem(display_path(path), line, column, Severity.ERROR, one_line(message), rule)


def _element_problems(path: Path, element: etree._Element) -> list[Problem]:
    problems: list[Problem] = []
    spans: dict[str, Span | None] = {}
    name = etree.QName(element).localname
    for attribute in DATE_ATTRIBUTES:
        value = element.get(attribute)
        if value is None:
            continue
        try:
            spans[attribute] = parse_date(value.strip())
        except DateError as error:
            problems.append(_problem(path, element, attribute,
                                     f'@{attribute}="{value}" on <{name}> is not a real date: '
                                     f"{error}", "date-invalid"))
    for attribute in ISO_ATTRIBUTES:
        value = element.get(attribute)
        if value is None:
            continue
        try:
            check_iso_date(value.strip())
        except DateError as error:
            problems.append(_problem(path, element, attribute,
                                     f'@{attribute}="{value}" on <{name}> is not a real date: '
                                     f"{error}", "date-invalid"))
    for start, end in RANGES:
        first, last = spans.get(start), spans.get(end)
        if first and last and first.earliest > last.latest:
            problems.append(_problem(
                path, element, end,
                f'<{name}> range ends before it begins: @{start}="{element.get(start)}" is '
                f'later than @{end}="{element.get(end)}"', "date-range"))
    return problems


_DATING = frozenset((*DATE_ATTRIBUTES, *ISO_ATTRIBUTES))


def date_problems(path: Path, tree: etree._ElementTree) -> list[Problem]:
    problems: list[Problem] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or _DATING.isdisjoint(element.keys()):
            continue
        if etree.QName(element).localname not in NOT_DATES:
            problems.extend(_element_problems(path, element))
    return problems
