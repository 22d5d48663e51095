"""What the importer recognised in a transcription, before it is written as TEI."""

from __future__ import annotations

from dataclasses import dataclass, field

from edition.importer.contents import Entry
from edition.importer.furniture import Furniture


@dataclass
class Join:
    """A paragraph the printed page split: the page turns here.

    ``page`` is the number of the page that begins here when it can be deduced, else
    None; ``in_word`` is true when the page turned inside a hyphenated word.
    """

    line: int
    in_word: bool = False
    page: int | None = None


@dataclass
class Paragraph:
    """Text pieces and the page-split joins between them."""

    pieces: list[str | Join]
    line: int

    @property
    def joins(self) -> list[Join]:
        return [piece for piece in self.pieces if isinstance(piece, Join)]

    @property
    def text(self) -> str:
        """The paragraph's text, joins ignored."""
        return "".join(piece for piece in self.pieces if isinstance(piece, str))


@dataclass
class Division:
    """A front, body or back division. ``n`` is its number or its name."""

    kind: str
    n: str
    head: str | None = None
    head_line: int = 0
    page: int | None = None  # first page, from the table of contents
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Division] = field(default_factory=list)


@dataclass
class TitlePage:
    title: str
    line: int
    descriptions: list[str] = field(default_factory=list)
    publisher: str | None = None
    place: str | None = None
    date: str | None = None


@dataclass
class PageRange:
    """The pages a text occupies in its printed source, when the source says so."""

    first: int
    last: int


@dataclass
class Draft:
    """Everything recognised in one transcription."""

    text_id: str
    source_name: str
    title_pages: list[TitlePage]
    front: list[Division]
    body: Division
    back: list[Division]
    contents: list[Entry]
    furniture: list[Furniture]
    pages: PageRange | None = None
    archive_heading: str | None = None
