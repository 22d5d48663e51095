"""The printed sources an edition is derived from, as the deposit metadata names them.

Every text's header describes its source (``sourceDesc``); these descriptions tie the
deposit to the publications it reproduces: by ISBN or URL where the header gives one
(DataCite ``relatedIdentifier``, Zenodo ``related_identifiers``), and always by a full
bibliographic description (DataCite ``relatedItem``, CFF ``references``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.metadata import SourceInfo
from edition.model import Edition


@dataclass(frozen=True)
class EditedSource:
    text_id: str
    source: SourceInfo
    text_date: str | None = None
    """When the text itself was written or first published (its header's creation date)."""

    @property
    def first_publication(self) -> tuple[str, str] | None:
        """(periodical or book, year) of the text's first appearance, when the source names
        one other than itself."""
        year = (self.text_date or "")[:4]
        if self.source.first_publication and year and year != self.year:
            return self.source.first_publication, year
        return None

    @property
    def year(self) -> str | None:
        match = re.match(r"\d{4}", self.source.date or "")
        return match.group(0) if match else None

    @property
    def isbn(self) -> str | None:
        return self.source.isbn.replace(" ", "") if self.source.isbn else None

    @property
    def pages(self) -> tuple[str | None, str | None]:
        """(first page, last page) of ``310–322``; (first, None) for one page."""
        if not self.source.pages:
            return None, None
        parts = re.split(r"\s*[-–]\s*", self.source.pages, maxsplit=1)
        return parts[0], parts[1] if len(parts) > 1 else None

    @property
    def is_part(self) -> bool:
        """True for an article or chapter within a larger publication."""
        return bool(self.source.container_title)


def edited_sources(edition: Edition) -> list[EditedSource]:
    """The sources described in the texts' headers, each once, in text order."""
    seen: set[str] = set()
    found = []
    for text in edition.texts:
        for source in text.meta.sources:
            if source.title and source.statement not in seen:
                seen.add(source.statement)
                found.append(EditedSource(text.id, source, text.meta.date))
    return found
