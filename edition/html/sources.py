"""How a text's printed source is described on its page and in its metadata."""

from __future__ import annotations

from edition.metadata import Contributor, SourceInfo


def _people(contributors: tuple[Contributor, ...]) -> str:
    return ", ".join(c.name for c in contributors)


def source_line(source: SourceInfo) -> str:
    """A readable one-line description of a source from its structured fields (the
    encoded statement when the header gives no structure)."""
    if not source.title:
        return source.statement
    parts = [_people(source.authors)] if source.authors else []
    parts.append(f"“{source.title}”" if source.container_title else source.title)
    if source.container_title:
        parts.append(f"in {source.container_title}")
    if source.editors:
        parts.append(f"ed. {_people(source.editors)}")
    if source.translators:
        parts.append(f"trans. {_people(source.translators)}")
    if source.volume:
        parts.append(f"vol. {source.volume}")
    imprint = ", ".join(p for p in (
        ": ".join(p for p in (source.place, source.publisher) if p), source.date) if p)
    line = ", ".join(parts) + (f" ({imprint})" if imprint else "")
    return line + (f", {source.pages}" if source.pages else "") + "."
