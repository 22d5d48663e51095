"""How people and printed sources are written out: one rule each, for every output.

The web pages, their metadata, the feeds, the printed book and the deposit records all
describe a text's source in the same order: authors, title (in quotation marks when it
is part of a container, which follows with "in"), editors, translators, volume, imprint,
pages. What differs between outputs is declared, not written again: the book sets titles
in italics, gives the year of the imprint only and lists names as prose ("A, B and C");
the web keeps the full date and lists names with commas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from markupsafe import Markup, escape

from edition.metadata import SourceInfo


class Named(Protocol):
    """A contributor of the TEI header, an editor named on the command line."""

    @property
    def name(self) -> str: ...


def listed_names(people: Iterable[Named]) -> str:
    """``A, B, C``: names as the web pages and the metadata list them."""
    return ", ".join(p.name for p in people)


def prose_names(people: Iterable[Named]) -> str:
    """``A, B and C``: names as the printed book writes them (nameless entries left out)."""
    listed = [p.name for p in people if p.name]
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]


@dataclass(frozen=True)
class SourceStyle:
    """What one output changes in the description of a source."""

    names: Callable[[Iterable[Named]], str]
    italic_titles: bool
    year_only: bool


WEB = SourceStyle(names=listed_names, italic_titles=False, year_only=False)
PRINT = SourceStyle(names=prose_names, italic_titles=True, year_only=True)


def _titles(source: SourceInfo, style: SourceStyle) -> list[Markup]:
    title = source.title or ""
    if not source.container_title:
        return [Markup("<i>{}</i>").format(title) if style.italic_titles else escape(title)]
    container = (Markup("<i>{}</i>").format(source.container_title) if style.italic_titles
                 else escape(source.container_title))
    return [Markup("“{}”").format(title), Markup("in {}").format(container)]


def _imprint(source: SourceInfo, style: SourceStyle) -> str:
    date = source.date[:4] if style.year_only and source.date else source.date
    place_publisher = ": ".join(p for p in (source.place, source.publisher) if p)
    return ", ".join(p for p in (place_publisher, date) if p)


def described_source(source: SourceInfo, style: SourceStyle) -> Markup:
    """``Author, “Title”, in Container, ed. X, trans. Y, vol. 3 (Place: Publisher, 1982),
    10–11.``; the description as encoded when the header gives no title."""
    if not source.title:
        return escape(source.statement)
    parts = [escape(style.names(source.authors))] if source.authors else []
    parts += _titles(source, style)
    parts += [escape(f"{label} {value}") for label, value in (
        ("ed.", source.editors and style.names(source.editors)),
        ("trans.", source.translators and style.names(source.translators)),
        ("vol.", source.volume)) if value]
    line = Markup(", ").join(parts)
    imprint = _imprint(source, style)
    if imprint:
        line += escape(f" ({imprint})")
    if source.pages:
        line += escape(f", {source.pages}")
    return line + "."


def source_line(source: SourceInfo) -> str:
    """The description as plain text, for the web pages, their metadata and the feeds."""
    return described_source(source, WEB).unescape()


def source_note(source: SourceInfo) -> Markup:
    """The description as the printed book sets it, titles in italics."""
    return described_source(source, PRINT)
