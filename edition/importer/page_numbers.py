"""Number the page turns that can be deduced, and only those.

Between two points whose pages are known (a heading and the page the table of contents
gives for it, or the first and last page of an article) the page turns exactly
``P - P0`` times. Only the turns that fall inside a paragraph are visible (the joins);
turns between paragraphs leave no trace in a plain transcription. The k-th of ``m``
visible turns therefore begins a page between ``P0 + k`` and ``P - (m - k)``; when that
range is a single page, the number is certain and recorded, otherwise it is left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from edition.importer.draft import Division, Draft, Join


def number_pages(draft: Draft) -> None:
    """Set ``Join.page`` wherever the known pages determine it."""
    for start, end, joins in _segments(draft):
        m = len(joins)
        for k, join in enumerate(joins, start=1):
            low = start + k
            high = end - (m - k) if end is not None else None
            if high is not None and low == high:
                join.page = low


def _segments(draft: Draft) -> Iterator[tuple[int, int | None, list[Join]]]:
    """(known page at the start, known page at the end or None, joins in between)."""
    start = draft.pages.first if draft.pages else None
    joins: list[Join] = []
    for division, paragraph_joins in _walk(draft.body):
        if division is not None and division.page is not None:
            if start is not None:
                yield start, division.page, joins
            start, joins = division.page, []
        joins.extend(paragraph_joins)
    if start is not None:
        yield start, draft.pages.last if draft.pages else None, joins


def _walk(division: Division) -> Iterator[tuple[Division | None, list[Join]]]:
    """Divisions (when they start) and the joins of each paragraph, in text order."""
    yield division, []
    for paragraph in division.paragraphs:
        yield None, paragraph.joins
    for child in division.children:
        yield from _walk(child)
