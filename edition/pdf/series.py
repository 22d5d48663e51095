"""Series at the foot of the page: WeasyPrint made to honour CSS ``order`` there.

A critical edition prints its apparatus in series at the foot of the page (reledmac's
A, B, C …): here the textual apparatus, then the sources, then the notes. WeasyPrint
has one footnote area and fills it in the order the footnote calls are laid out, so an
apparatus entry after a note on the same page would stand below it. This module makes
the footnote area keep its footnotes sorted by their CSS ``order`` (a stable sort, so
the entries of one series keep the order of the text); the series and their order are
declared in the print stylesheet (``templates/print/print.css``).

The correction wraps ``LayoutContext._update_footnote_area`` (WeasyPrint 62 to 70),
which lays out the footnote area from the page's footnotes: it hands WeasyPrint a sorted
copy of them, so the area is laid out in series order while WeasyPrint's own list (from
which it moves the last-called footnote to the next page when the page is full) keeps
the order of the calls. Upstream this would be a feature request: the CSS GCPM draft
leaves the order of footnotes in the area to the user agent.
"""

from __future__ import annotations

from typing import Any

from weasyprint.layout import LayoutContext

from edition.problems import EditionError

_MARK = "_edition_series_order"


def _order(footnote: Any) -> int:
    value = footnote.style["order"]
    return value if isinstance(value, int) else 0


def apply() -> None:
    """Install the correction once per process (idempotent)."""
    original = getattr(LayoutContext, "_update_footnote_area", None)
    if original is None or not hasattr(LayoutContext, "layout_footnote"):
        raise EditionError("this WeasyPrint has no LayoutContext._update_footnote_area: "
                           "edition/pdf/series.py is written for WeasyPrint 62 to 70",
                           rule="pdf-series")
    if getattr(original, _MARK, False):
        return

    def update_footnote_area(self: LayoutContext) -> Any:
        calls = self.current_page_footnotes
        self.current_page_footnotes = sorted(calls, key=_order)
        try:
            return original(self)
        finally:
            self.current_page_footnotes = calls

    setattr(update_footnote_area, _MARK, True)
    LayoutContext._update_footnote_area = update_footnote_area  # type: ignore[method-assign]
