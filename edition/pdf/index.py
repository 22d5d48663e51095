"""Indexes of persons, places and organisations with page numbers read from the layout.

CSS cannot merge repeated ``target-counter()`` values, so the book is laid out first
and the page of every mention anchor (``m__<entry>__<n>``) is read from WeasyPrint's
pages. The index, at the back of the book, is laid out afterwards; nothing before it
moves, so the numbers stay true.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.model import EntityKind, Register

MENTION_PREFIX = "m__"
INDEXED_KINDS = (EntityKind.PERSON, EntityKind.PLACE, EntityKind.ORG)
TITLES = {kind: f"Index of {kind.heading}" for kind in INDEXED_KINDS}


@dataclass(frozen=True)
class PageRef:
    label: str
    """The folio as printed (``12``)."""
    anchor: str
    """The first mention anchor on that page: the link target."""


@dataclass(frozen=True)
class IndexEntry:
    id: str
    name: str
    dates: str
    pages: tuple[PageRef, ...]

    @property
    def runs(self) -> list[tuple[PageRef, PageRef | None]]:
        """The pages as printed: three or more consecutive pages become a range
        (``17–20``), given as (first, last); a single page is (page, None)."""
        runs: list[list[PageRef]] = []
        for page in self.pages:
            if runs and page.label.isdigit() and runs[-1][-1].label.isdigit() and \
                    int(page.label) == int(runs[-1][-1].label) + 1:
                runs[-1].append(page)
            else:
                runs.append([page])
        result: list[tuple[PageRef, PageRef | None]] = []
        for run in runs:
            if len(run) >= 3:
                result.append((run[0], run[-1]))
            else:
                result.extend((page, None) for page in run)
        return result


@dataclass(frozen=True)
class Index:
    kind: str
    title: str
    entries: tuple[IndexEntry, ...]


_ISO_DATE = re.compile(r"\b(-?\d{4})(?:-\d{2}){1,2}\b")


def years(dates: str) -> str:
    """``1912-04-15 – 1994-07-08`` → ``1912–1994``: an index gives years only."""
    return _ISO_DATE.sub(r"\1", dates).replace(" – ", "–")


def mention_entry(anchor: str) -> str | None:
    """``m__kim-il-sung__kis1957-id3-12`` → ``kim-il-sung``; other anchors → None."""
    if not anchor.startswith(MENTION_PREFIX):
        return None
    entry, sep, _ = anchor[len(MENTION_PREFIX):].rpartition("__")
    return entry if sep else None


def mention_pages(anchors: dict[str, int]) -> dict[str, dict[int, str]]:
    """Entry id → {page index → first mention anchor on that page}."""
    result: dict[str, dict[int, str]] = {}
    for anchor, page in sorted(anchors.items(), key=lambda item: (item[1], item[0])):
        entry = mention_entry(anchor)
        if entry:
            result.setdefault(entry, {}).setdefault(page, anchor)
    return result


def build_indexes(registers: dict[EntityKind, Register], anchors: dict[str, int],
                  folio: dict[int, str]) -> list[Index]:
    """One index per register kind that has mentions, entries in register order
    (`Entry.sort_key`), each page listed once in page order."""
    pages = mention_pages(anchors)
    indexes = []
    for kind in INDEXED_KINDS:
        register = registers.get(kind)
        if register is None:
            continue
        entries = tuple(
            IndexEntry(e.id, e.index_name or e.name, years(e.dates), tuple(
                PageRef(folio[page], anchor) for page, anchor in sorted(pages[e.id].items())))
            for e in sorted(register.entries, key=lambda e: (e.sort_key, e.id))
            if e.id in pages)
        if entries:
            indexes.append(Index(kind.value, TITLES[kind], entries))
    return indexes
