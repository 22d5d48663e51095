"""``.zenodo.json``: deposit metadata in the form Zenodo's deposit API and GitHub
integration read (``upload_type``, ``creators``, ``related_identifiers``, ...)."""

from __future__ import annotations

import json
from typing import Any

from edition.describe import source_line
from edition.metadata import Contributor
from edition.model import Edition
from edition.package.common import bare_orcid, description, spdx_licence
from edition.package.printed_sources import EditedSource, edited_sources

# Zenodo takes ISO 639-3 language codes; the edition header gives ISO 639-1.
ISO_639_3 = {"en": "eng", "ko": "kor", "ru": "rus", "zh": "zho", "ja": "jpn", "de": "deu",
             "fr": "fra"}


def _creator(person: Contributor) -> dict[str, str]:
    creator = {"name": person.name_inverted}
    if person.orcid:
        creator["orcid"] = bare_orcid(person.orcid) or ""
    return creator


def _related(edition: Edition) -> list[dict[str, str]]:
    config = edition.config
    related = [{"identifier": doi, "relation": relation, "scheme": "doi"}
               for doi, relation in ((config.concept_doi, "isVersionOf"),
                                     (config.previous_doi, "isNewVersionOf")) if doi]
    for source in edited_sources(edition):
        if source.isbn:
            related.append({"identifier": source.isbn, "relation": "isDerivedFrom",
                            "scheme": "isbn", "resource_type": "publication-book"})
        if source.source.url:
            related.append({"identifier": source.source.url, "relation": "isDerivedFrom",
                            "scheme": "url"})
    return related


def _describe(source: EditedSource) -> str:
    """The source as the pages describe it, with what a deposit adds: the ISBN, and where
    the text first appeared when that was elsewhere."""
    text = source_line(source.source)
    if source.isbn:
        text += f" ISBN {source.isbn}."
    if source.first_publication:
        text += f" First published in {source.first_publication[0]}, " \
                f"{source.first_publication[1]}."
    return text


def zenodo_metadata(edition: Edition) -> dict[str, Any]:
    meta = edition.meta
    data: dict[str, Any] = {
        "upload_type": "publication",
        "publication_type": "book",
        "title": meta.full_title,
        "creators": [_creator(e) for e in meta.editors] or [{"name": meta.publisher}],
        "description": description(edition),
        "access_right": "open",
        "version": meta.version,
    }
    licence = spdx_licence(meta.licence_url)
    sources = "; ".join(_describe(s) for s in edited_sources(edition))
    optional = {
        "publication_date": meta.date if meta.date and len(meta.date) == 10 else None,
        "license": licence.lower() if licence else None,
        "keywords": list(meta.keywords),
        "language": ISO_639_3.get(meta.languages[0]),
        "doi": meta.doi,
        "related_identifiers": _related(edition),
        "imprint_publisher": meta.publisher,
        "imprint_place": meta.place,
        "notes": f"Edition of: {sources}" if sources else None,
    }
    data.update({k: v for k, v in optional.items() if v})
    return data


def zenodo_json(edition: Edition) -> str:
    return json.dumps(zenodo_metadata(edition), ensure_ascii=False, indent=2) + "\n"
