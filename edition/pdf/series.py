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

A second correction keeps an entry on the page of its lemma. The print stylesheet gives
the entries ``footnote-policy: line``: where an entry does not fit, the line that calls
it goes to the next page with it. WeasyPrint honours that where the entry is laid out,
but not where a later line of the page overflows and breaking before it would leave a
widow: there it moves the page's last footnotes to the next page to make room, whatever
their policy, and the entry is parted from its lemma. While lines are laid out
(``weasyprint.layout.block._linebox_layout``) the page's footnotes are handed over as a
list that reads as empty to that rule when its last footnote must keep its line, so
the page breaks before the widow's lines instead. Upstream this is a bug report: the
widow rule should not report a footnote whose ``footnote-policy`` is ``line``.
"""

from __future__ import annotations

from typing import Any

from weasyprint.layout import LayoutContext, block

from edition.problems import EditionError

_MARK = "_edition_series_order"


def _order(footnote: Any) -> int:
    value = footnote.style["order"]
    return value if isinstance(value, int) else 0


def apply() -> None:
    """Install the corrections once per process (idempotent)."""
    _install(LayoutContext, "_update_footnote_area", "LayoutContext", _sorted_by_series,
             needs=("layout_footnote",))
    _install(block, "_linebox_layout", "layout.block", _entries_kept_with_their_lines)


def _install(owner: Any, name: str, where: str, correction: Any,
             needs: tuple[str, ...] = ()) -> None:
    """Replace ``owner.name`` by ``correction(original)``, once; refuse, with one line, a
    WeasyPrint that has not got what the correction wraps."""
    original = getattr(owner, name, None)
    if original is None or not all(hasattr(owner, other) for other in needs):
        raise EditionError(f"this WeasyPrint has no {where}.{name}: "
                           "edition/pdf/series.py is written for WeasyPrint 62 to 70",
                           rule="pdf-series")
    if getattr(original, _MARK, False):
        return
    corrected = correction(original)
    setattr(corrected, _MARK, True)
    setattr(owner, name, corrected)


def _sorted_by_series(original: Any) -> Any:
    def update_footnote_area(self: LayoutContext) -> Any:
        calls = self.current_page_footnotes
        self.current_page_footnotes = sorted(calls, key=_order)
        try:
            return original(self)
        finally:
            self.current_page_footnotes = calls

    return update_footnote_area


class _LineBound(list):  # type: ignore[type-arg]
    """A page's footnotes, false while the last of them must keep its line."""

    def __bool__(self) -> bool:
        return bool(len(self)) and self[-1].style["footnote_policy"] != "line"


def _entries_kept_with_their_lines(original: Any) -> Any:
    def linebox_layout(context: LayoutContext, *args: Any, **kwargs: Any) -> Any:
        kind = type(context.current_page_footnotes)
        context.current_page_footnotes = _LineBound(context.current_page_footnotes)
        try:
            return original(context, *args, **kwargs)
        finally:
            context.current_page_footnotes = kind(context.current_page_footnotes)

    return linebox_layout
