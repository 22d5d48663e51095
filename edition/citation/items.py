"""CSL-JSON items for the edition, a text and a paragraph, derived from the TEI headers.

Every field comes from `EditionMeta` / `TextMeta` (the single source of metadata); nothing
here is typed in twice. The mapping:

- the edition is a ``book``: its editors, publisher, place, date (``issued``), version,
  base URL and DOI (only when the header declares one);
- a text is a ``chapter`` of that book: its own authors and main title, the edition as
  ``container-title`` with the edition's editors, publisher and date; the translator named
  in its source description; when it was written or first published as ``original-date``,
  and the first publication's title, publisher and place as ``original-*`` when the header
  describes a source of that same year (details of a later reprint are never mixed into the
  original-publication fields);
- a paragraph is the text's item with ``locator`` (the paragraph's number within the text)
  and ``label: "paragraph"``, the citation-item fields CSL processors read; its ``URL`` points
  at the paragraph's anchor.
"""

from __future__ import annotations

import re
from typing import Any

from edition.metadata import Contributor, SourceInfo, TextMeta
from edition.model import Edition, Paragraph, Text

CslItem = dict[str, Any]

TEXTS_FOLDER = "texts"
"""Where the HTML site puts one page per text: ``<base URL>texts/<text id>.html``."""


def csl_name(person: Contributor) -> dict[str, str]:
    if person.family:
        name = {"family": person.family}
        if person.given:
            name["given"] = person.given
        return name
    return {"literal": person.name}


def csl_date(value: str | None) -> dict[str, list[list[int]]] | None:
    """ISO ``1957``, ``1957-11`` or ``1957-11-07`` → CSL ``date-parts``; None if not ISO."""
    if not value:
        return None
    match = re.match(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not match:
        return None
    return {"date-parts": [[int(part) for part in match.groups() if part]]}


def text_url(edition: Edition, text_id: str) -> str | None:
    """Published address of a text's page, or None when no base URL is configured."""
    base = edition.meta.base_url
    return f"{base}{TEXTS_FOLDER}/{text_id}.html" if base else None


def paragraph_url(edition: Edition, paragraph: Paragraph) -> str | None:
    url = text_url(edition, paragraph.text_id)
    return f"{url}#{paragraph.ref}" if url else None


def paragraph_locator(paragraph: Paragraph) -> str:
    """The paragraph's number within its text: the canonical reference without the text id.

    ``kis1957.12`` → ``12``; in a text with chapters and sections, ``flph2025.3.2.5`` →
    ``3.2.5``, so that the locator names one paragraph of the whole text.
    """
    prefix = f"{paragraph.text_id}."
    return paragraph.ref[len(prefix):] if paragraph.ref.startswith(prefix) else paragraph.n


def _put(item: CslItem, key: str, value: Any) -> None:
    if value not in (None, "", [], ()):
        item[key] = value


def edition_item(edition: Edition) -> CslItem:
    meta = edition.meta
    # an edition without its own header takes its id from its first text: keep ids distinct
    item_id = f"{meta.id}-edition" if edition.text(meta.id) else meta.id
    item: CslItem = {"id": item_id, "type": "book", "title": meta.full_title}
    _put(item, "editor", [csl_name(e) for e in meta.editors])
    _put(item, "publisher", meta.publisher)
    _put(item, "publisher-place", meta.place)
    _put(item, "issued", csl_date(meta.date))
    _put(item, "version", meta.version)
    _put(item, "URL", meta.base_url)
    _put(item, "DOI", meta.doi)
    _put(item, "language", meta.languages[0] if meta.languages else None)
    return item


def first_publication(meta: TextMeta) -> SourceInfo | None:
    """The described source that is the text's first publication: one dated in the same
    year as the text itself."""
    year = (meta.date or "")[:4]
    if not year:
        return None
    return next((s for s in meta.sources if (s.date or "")[:4] == year), None)


def text_item(edition: Edition, text: Text) -> CslItem:
    meta = text.meta
    # the main title only: a TEI file's subtitle names the electronic file ("An electronic
    # edition"), which the edition as container already says
    item: CslItem = {"id": text.id, "type": "chapter", "title": meta.title}
    _put(item, "author", [csl_name(a) for a in meta.authors])
    source_editors = [e for s in meta.sources for e in s.editors]
    edition_editors = [csl_name(e) for e in edition.meta.editors or meta.editors]
    if meta.authors or not source_editors:
        _put(item, "editor", edition_editors)
    else:
        # A text that names no author (a book compiled by an editor) is cited under the
        # editor of its source, as a catalogue lists it. (CSL's collection-editor would
        # keep the edition's editors too, but citeproc-py does not render it as the
        # reference processor citeproc-js does, so the two would disagree.)
        _put(item, "editor", [csl_name(e) for e in dict.fromkeys(source_editors)])
    translators = [t for s in meta.sources for t in s.translators]
    _put(item, "translator", [csl_name(t) for t in dict.fromkeys(translators)])
    _put(item, "container-title", edition.meta.full_title)
    _put(item, "publisher", edition.meta.publisher)
    _put(item, "publisher-place", edition.meta.place)
    _put(item, "issued", csl_date(edition.meta.date))
    _put(item, "version", edition.meta.version)
    _put(item, "URL", text_url(edition, text.id))
    _put(item, "DOI", edition.meta.doi)
    _put(item, "language", meta.language)
    _put(item, "original-date", csl_date(meta.date))
    original = first_publication(meta)
    if original is not None:
        _put(item, "original-title", original.container_title or original.title)
        _put(item, "original-publisher", original.publisher)
        _put(item, "original-publisher-place", original.place)
    return item


def paragraph_item(edition: Edition, paragraph: Paragraph) -> CslItem:
    text = edition.text(paragraph.text_id)
    if text is None:  # a Paragraph always belongs to a text of its edition
        raise ValueError(f"paragraph {paragraph.ref} belongs to no text of the edition")
    item = text_item(edition, text)
    item["id"] = paragraph.ref
    _put(item, "URL", paragraph_url(edition, paragraph))
    item["locator"] = paragraph_locator(paragraph)
    item["label"] = "paragraph"
    return item


def csl_item(edition: Edition, text: Text | None = None,
             paragraph: Paragraph | None = None) -> CslItem:
    """The CSL-JSON item of the edition, of ``text``, or of ``paragraph`` (which implies its
    text). A paragraph item carries ``locator`` and ``label`` like a CSL citation item."""
    if paragraph is not None:
        return paragraph_item(edition, paragraph)
    if text is not None:
        return text_item(edition, text)
    return edition_item(edition)


CITATION_ITEM_KEYS = ("locator", "label")


def split_locator(item: CslItem) -> tuple[CslItem, str | None, str | None]:
    """``(item data, locator, label)``: the item without its citation-item fields."""
    data = {k: v for k, v in item.items() if k not in CITATION_ITEM_KEYS}
    return data, item.get("locator"), item.get("label")


def csl_data(item: CslItem) -> list[CslItem]:
    """The item as a CSL-JSON document (an array valid against the CSL data schema).

    The data schema admits ``locator`` but not ``label``; the label of a paragraph item is
    therefore kept in ``custom``, the schema's place for key-value pairs it does not define.
    """
    data, locator, label = split_locator(item)
    if locator is not None:
        data["locator"] = locator
        data["custom"] = {"locator-label": label or "page"}
    return [data]
