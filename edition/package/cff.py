"""``CITATION.cff`` (Citation File Format 1.2.0), read by GitHub, Zenodo and Zotero.

The edition is cited as a ``dataset`` (the only CFF type besides software) authored by
its editors; the printed sources it reproduces are listed under ``references``.
"""

from __future__ import annotations

from typing import Any

import yaml

from edition.metadata import Contributor
from edition.model import Edition
from edition.package.common import description, orcid_url, spdx_licence
from edition.package.printed_sources import EditedSource, edited_sources


def _person(person: Contributor) -> dict[str, str]:
    entry = ({"family-names": person.family, "given-names": person.given or ""}
             if person.family else {"name": person.name})
    entry = {k: v for k, v in entry.items() if v}
    if person.orcid:
        entry["orcid"] = orcid_url(person.orcid)
    return entry


def _reference(source: EditedSource) -> dict[str, Any]:
    info = source.source
    # CFF has no chapter type: a text within collected works is a historical work in a book
    reference: dict[str, Any] = {"type": "historical-work" if source.is_part else "book",
                                 "title": info.title,
                                 "authors": [_person(a) for a in info.authors]
                                 or [{"name": info.publisher or "Anonymous"}]}
    first, last = source.pages
    optional = {
        "collection-title": info.container_title,
        "collection-type": "book" if source.is_part else None,
        "editors": [_person(e) for e in info.editors],
        "translators": [_person(t) for t in info.translators],
        "publisher": {"name": info.publisher} if info.publisher else None,
        "location": {"name": info.place} if info.place else None,
        "year": int(source.year) if source.year else None,
        "volume": int(info.volume) if (info.volume or "").isdigit() else None,
        "start": first, "end": last,
        "isbn": source.isbn, "url": info.url,
    }
    reference.update({k: v for k, v in optional.items() if v})
    return reference


def _first_publication(source: EditedSource) -> dict[str, Any] | None:
    if source.first_publication is None:
        return None
    venue, year = source.first_publication
    reference: dict[str, Any] = {"type": "article", "title": source.source.title,
                                 "authors": [_person(a) for a in source.source.authors]
                                 or [{"name": "Anonymous"}],
                                 "journal": venue, "year": int(year)}
    month = (source.text_date or "")[5:7]
    if month.isdigit():
        reference["month"] = int(month)
    return reference


def citation_cff(edition: Edition) -> dict[str, Any]:
    """The ``CITATION.cff`` document as data."""
    meta = edition.meta
    data: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this edition, please cite it as below.",
        "type": "dataset",
        "title": meta.full_title,
        "authors": [_person(e) for e in meta.editors] or [{"name": meta.publisher}],
        "version": meta.version,
        "abstract": description(edition),
    }
    optional = {
        "date-released": meta.date if meta.date and len(meta.date) == 10 else None,
        "doi": meta.doi,
        "url": meta.base_url,
        "license": spdx_licence(meta.licence_url),
        "keywords": list(meta.keywords),
        "references": [ref for s in edited_sources(edition)
                       for ref in (_reference(s), _first_publication(s)) if ref],
    }
    data.update({k: v for k, v in optional.items() if v})
    identifiers = [{"type": "doi", "value": doi, "description": what}
                   for doi, what in ((meta.doi, "This version of the edition."),
                                     (edition.config.concept_doi, "Every version of the edition."))
                   if doi]
    if identifiers:
        data["identifiers"] = identifiers
    return data


def citation_cff_text(edition: Edition) -> str:
    return yaml.safe_dump(citation_cff(edition), sort_keys=False, allow_unicode=True,
                          width=100)
