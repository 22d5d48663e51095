"""Machine-readable metadata of a text page, for Zotero, Google Scholar and crawlers:
Highwire Press ``citation_*`` tags, Dublin Core ``DC.*`` tags and schema.org JSON-LD.

Everything is derived from the TEI headers (`EditionMeta`, `TextMeta`). Absolute URLs
appear only when the edition has a base URL; none is ever invented.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from edition.describe import source_line
from edition.html import urls
from edition.html.cite import script_safe
from edition.metadata import Contributor
from edition.model import Edition, Text
from edition.url_safety import web_url


def base_url(edition: Edition) -> str | None:
    """The published address of the site, only if it is http(s): the header's
    ``idno type="URL"`` is content, and a ``javascript:`` base would otherwise become
    the canonical link."""
    return web_url(edition.meta.base_url)


def absolute(edition: Edition, path: str) -> str | None:
    """The page's absolute URL; None without a usable base URL."""
    base = base_url(edition)
    return f"{base}{path}" if base else None


def _highwire_date(iso: str | None) -> str | None:
    """Highwire dates are ``YYYY/MM/DD`` (or a prefix of it)."""
    return iso.replace("-", "/") if iso else None


def _inverted(people: tuple[Contributor, ...]) -> list[str]:
    return [p.name_inverted for p in people]


def meta_tags(edition: Edition, text: Text, pdf: str | None) -> list[tuple[str, str]]:
    """``(name, content)`` pairs of the text page's ``<meta>`` tags, in a stable order."""
    meta, book = text.meta, edition.meta
    tags: list[tuple[str, str | None]] = [("citation_title", meta.title)]
    tags += [("citation_author", name) for name in _inverted(meta.authors)]
    tags += [("citation_editor", name) for name in _inverted(book.editors or meta.editors)]
    tags += [
        ("citation_inbook_title", book.full_title),
        ("citation_book_title", book.full_title),
        ("citation_publisher", book.publisher),
        ("citation_publication_date", _highwire_date(book.date)),
        ("citation_date", _highwire_date(book.date)),
        ("citation_language", meta.language),
        ("citation_doi", book.doi),
        ("citation_public_url", absolute(edition, urls.text_page(text.id))),
        ("citation_abstract_html_url", absolute(edition, urls.text_page(text.id))),
        ("citation_pdf_url", absolute(edition, pdf) if pdf else None),
        ("citation_xml_url", absolute(edition, urls.tei_file(text.id))),
    ]
    tags += [("citation_keywords", k) for k in meta.keywords]
    tags += [("DC.title", meta.title)]
    tags += [("DC.creator", name) for name in _inverted(meta.authors)]
    tags += [("DC.contributor", name) for name in _inverted(book.editors or meta.editors)]
    tags += [
        ("DC.publisher", book.publisher),
        ("DC.date", book.date),
        ("DC.date.created", meta.date),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
        ("DC.language", meta.language),
        ("DC.identifier", absolute(edition, urls.text_page(text.id)) or book.doi),
        ("DC.relation.isPartOf", book.full_title),
        ("DC.rights", meta.licence or book.licence),
        ("DC.description", meta.abstract),
    ]
    tags += [("DC.source", source_line(s)) for s in meta.sources]
    tags += [("DC.subject", k) for k in meta.keywords]
    return [(name, value) for name, value in tags if value]


def _person(person: Contributor) -> dict[str, str]:
    data = {"@type": "Person", "name": person.name}
    if person.family:
        data["familyName"] = person.family
    if person.given:
        data["givenName"] = person.given
    if person.orcid:
        data["@id"] = f"https://orcid.org/{person.orcid}"
    return data


def json_ld(edition: Edition, text: Text, pdf: str | None) -> Markup:
    """schema.org description of the text as part of the edition, ready to be placed in a
    ``<script type="application/ld+json">`` (escaped so it cannot close the element)."""
    meta, book = text.meta, edition.meta
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": meta.title,
        "inLanguage": meta.language,
        "author": [_person(a) for a in meta.authors],
        "editor": [_person(e) for e in book.editors or meta.editors],
        "dateCreated": meta.date,
        "datePublished": book.date,
        "publisher": {"@type": "Organization", "name": book.publisher},
        "license": web_url(meta.licence_url or book.licence_url),
        "keywords": list(meta.keywords),
        "isBasedOn": [source_line(s) for s in meta.sources],
        "isPartOf": {"@type": "Book", "name": book.full_title, "bookEdition": book.version,
                     "url": base_url(edition), "identifier": book.doi and
                     f"https://doi.org/{book.doi}"},
        "url": absolute(edition, urls.text_page(text.id)),
        "encoding": [{"@type": "MediaObject", "encodingFormat": fmt,
                      "contentUrl": absolute(edition, path)}
                     for fmt, path in (("application/tei+xml", urls.tei_file(text.id)),
                                       ("application/pdf", pdf)) if path],
    }
    return Markup(script_safe(json.dumps(_pruned(data), ensure_ascii=False, indent=1)))


def _pruned(value: object) -> object:
    """Drop empty values so the description only states what the headers say."""
    if isinstance(value, dict):
        pruned = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_pruned(v) for v in value) if v not in (None, "", [], {})]
    return value


def edition_meta_tags(edition: Edition, pdf: str | None) -> list[tuple[str, str]]:
    """The home page's tags: the edition as a book."""
    book = edition.meta
    tags: list[tuple[str, str | None]] = [("citation_title", book.full_title)]
    tags += [("citation_editor", name) for name in _inverted(book.editors)]
    tags += [
        ("citation_publisher", book.publisher),
        ("citation_publication_date", _highwire_date(book.date)),
        ("citation_doi", book.doi),
        ("citation_public_url", base_url(edition)),
        ("citation_pdf_url", absolute(edition, pdf) if pdf else None),
        ("DC.title", book.full_title),
    ]
    tags += [("DC.contributor", name) for name in _inverted(book.editors)]
    tags += [("DC.publisher", book.publisher), ("DC.date", book.date), ("DC.type", "Text"),
             ("DC.rights", book.licence), ("DC.identifier", base_url(edition) or book.doi)]
    tags += [("DC.language", language) for language in book.languages]
    tags += [("DC.subject", k) for k in book.keywords]
    return [(name, value) for name, value in tags if value]


def edition_json_ld(edition: Edition, pdf: str | None) -> Markup:
    book = edition.meta
    data = {
        "@context": "https://schema.org",
        "@type": "Book",
        "name": book.full_title,
        "editor": [_person(e) for e in book.editors],
        "publisher": {"@type": "Organization", "name": book.publisher},
        "datePublished": book.date,
        "bookEdition": book.version,
        "license": web_url(book.licence_url),
        "inLanguage": list(book.languages),
        "keywords": list(book.keywords),
        "url": base_url(edition),
        "identifier": book.doi and f"https://doi.org/{book.doi}",
        "hasPart": [{"@type": "CreativeWork", "name": t.meta.title,
                     "url": absolute(edition, urls.text_page(t.id))} for t in edition.texts],
        "encoding": [{"@type": "MediaObject", "encodingFormat": "application/pdf",
                      "contentUrl": absolute(edition, pdf)}] if pdf else [],
    }
    return Markup(script_safe(json.dumps(_pruned(data), ensure_ascii=False, indent=1)))
