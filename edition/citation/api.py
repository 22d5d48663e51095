"""What ``edition cite`` prints: a target (edition, text, paragraph) in one style and format."""

from __future__ import annotations

from pathlib import Path

from edition.citation.bibtex import to_bibtex
from edition.citation.formatting import render
from edition.citation.items import CslItem, csl_item
from edition.citation.paragraphs import paragraph_citations
from edition.citation.ris import to_ris
from edition.citation.serialise import to_csl_json
from edition.citation_styles import STYLES
from edition.model import Edition, Paragraph, Text, load_edition
from edition.problems import EditionError

EXPORTS = {"bibtex": to_bibtex, "ris": to_ris, "csl-json": to_csl_json}
FORMATS = ("text", "html", *EXPORTS)


def resolve_target(edition: Edition, target: str) -> tuple[Text | None, Paragraph | None]:
    """``edition`` → (None, None); a text id → (text, None); a paragraph reference →
    (its text, paragraph). Anything else is an error naming the valid forms."""
    if target == "edition":
        return None, None
    text = edition.text(target)
    if text is not None:
        return text, None
    paragraph = edition.find_paragraph(target)
    if paragraph is not None:
        return edition.text(paragraph.text_id), paragraph
    ids = ", ".join(t.id for t in edition.texts)
    example = next((t.paragraphs[0].ref for t in edition.texts if t.paragraphs), "ID.1")
    raise EditionError(
        f"unknown citation target {target!r}: give 'edition', a text id ({ids}) or a "
        f"paragraph reference such as {example}", path=edition.header_path or edition.source,
        rule="cite-target")


def export(item: CslItem, fmt: str) -> str:
    """``item`` as BibTeX, RIS or CSL-JSON."""
    return EXPORTS[fmt](item)


def cite(source: Path, target: str, style: str = "chicago", fmt: str = "text") -> str:
    """The citation of ``target`` in the edition at ``source``: formatted in ``style`` as
    ``text`` or ``html``, or exported as ``bibtex``, ``ris`` or ``csl-json``.

    A paragraph's formatted citation is the one the HTML "Cite" control shows (both come
    from `paragraph_citations`)."""
    if not source.is_dir():
        raise EditionError("the edition source must be a folder of TEI files", path=source,
                           rule="io")
    return citation_of(load_edition(source), target, style, fmt)


def citation_of(edition: Edition, target: str, style: str = "chicago",
                fmt: str = "text") -> str:
    """`cite` for an edition already loaded."""
    if style not in STYLES:
        raise EditionError(f"unknown citation style {style!r}; choose one of "
                           f"{', '.join(STYLES)}", rule="cite-style")
    if fmt not in FORMATS:
        raise EditionError(f"unknown citation format {fmt!r}; choose one of "
                           f"{', '.join(FORMATS)}", rule="cite-format")
    text, paragraph = resolve_target(edition, target)
    if fmt in EXPORTS:
        return export(csl_item(edition, text, paragraph), fmt)
    if paragraph is not None and text is not None:
        return str(paragraph_citations(edition, text, style, fmt)[paragraph.ref])
    return str(render(csl_item(edition, text), style, fmt))
