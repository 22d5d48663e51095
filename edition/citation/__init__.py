"""Citations of the edition, its texts and their paragraphs.

Public API (used by ``edition cite`` and the HTML "Cite" control, so both show the same):

- `csl_item(edition, text=None, paragraph=None)` → CSL-JSON item (dict);
- `format_citation(item, style, fmt)` → formatted citation (``chicago``, ``mla``, ``apa``;
  ``text`` or ``html``); `render` gives the reference and the pinpoint separately;
- `paragraph_citations(edition, text, style, fmt)` → every paragraph's citation of a text,
  fast (one citeproc run per text, not per paragraph);
- `to_bibtex(item)`, `to_ris(item)`, `to_csl_json(item)` → export formats;
- `cite(source, target, style, fmt)` → what ``edition cite`` prints.
"""

from edition.citation.api import citation_of, cite, export, resolve_target
from edition.citation.bibtex import to_bibtex
from edition.citation.formatting import (
    STYLES,
    FormattedCitation,
    format_citation,
    render,
    style_path,
)
from edition.citation.items import csl_data, csl_item, paragraph_url, text_url
from edition.citation.paragraphs import paragraph_citations
from edition.citation.ris import to_ris
from edition.citation.serialise import to_csl_json

__all__ = [
    "STYLES",
    "FormattedCitation",
    "citation_of",
    "cite",
    "csl_data",
    "csl_item",
    "export",
    "format_citation",
    "paragraph_citations",
    "paragraph_url",
    "render",
    "resolve_target",
    "style_path",
    "text_url",
    "to_bibtex",
    "to_csl_json",
    "to_ris",
]
