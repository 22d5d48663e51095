"""DataCite metadata (kernel 4.5) for the deposit, from the edition header.

The record is built as DataCite JSON, checked against the official DataCite 4.5 JSON schema
shipped in the ``datacite`` package, and serialised to kernel-4 XML by that package's own
writer, so the two forms cannot disagree. The edition is a ``Book`` (a digital scholarly
edition) whose creators are its editors; the printed sources it reproduces are
``relatedItem``s with relation ``IsDerivedFrom``, and, where they carry an ISBN or URL,
``relatedIdentifier``s too. Versions are related by DOI: the concept DOI of all versions
(``IsVersionOf``) and the version this one succeeds (``IsNewVersionOf``), both from
``edition.toml``. An ``identifier`` (DOI) is written only when the header declares one or
``edition.toml`` gives a reserved one; without it the record is a draft for the repository
to complete (valid against the JSON schema, not yet against the XML schema, which requires
the identifier).
"""

from __future__ import annotations

from typing import Any

from datacite import schema45

from edition.metadata import Contributor
from edition.model import Edition
from edition.package.common import description, orcid_url, ror_url, spdx_licence
from edition.package.printed_sources import EditedSource, edited_sources
from edition.problems import EditionError
from edition.url_safety import web_url

FORMATS = ["application/tei+xml", "text/html", "application/pdf"]


def _person(person: Contributor) -> dict[str, Any]:
    if person.family:
        entry: dict[str, Any] = {"name": person.name_inverted, "nameType": "Personal",
                                 "familyName": person.family}
        if person.given:
            entry["givenName"] = person.given
    elif person.organisation:
        entry = {"name": person.name, "nameType": "Organizational"}
    else:
        entry = {"name": person.name}
    identifiers = [{"nameIdentifier": url, "nameIdentifierScheme": scheme, "schemeUri": home}
                   for url, scheme, home in (
                       (orcid_url(person.orcid), "ORCID", "https://orcid.org"),
                       (ror_url(person.ror), "ROR", "https://ror.org")) if url]
    if identifiers:
        entry["nameIdentifiers"] = identifiers
    return entry


def _versions(edition: Edition) -> list[dict[str, str]]:
    """The edition's place among its versions, by the DOIs ``edition.toml`` names."""
    config = edition.config
    return [{"relatedIdentifier": doi, "relatedIdentifierType": "DOI", "relationType": relation,
             "resourceTypeGeneral": "Book"}
            for doi, relation in ((config.concept_doi, "IsVersionOf"),
                                  (config.previous_doi, "IsNewVersionOf")) if doi]


def _related_identifiers(sources: list[EditedSource]) -> list[dict[str, str]]:
    related = []
    for source in sources:
        if source.isbn:
            related.append({"relatedIdentifier": source.isbn, "relatedIdentifierType": "ISBN",
                            "relationType": "IsDerivedFrom", "resourceTypeGeneral": "Book"})
        if source.source.url:
            related.append({"relatedIdentifier": source.source.url,
                            "relatedIdentifierType": "URL", "relationType": "IsDerivedFrom"})
    return related


def _related_item(source: EditedSource) -> dict[str, Any]:
    info = source.source
    item: dict[str, Any] = {
        "relationType": "IsDerivedFrom",
        "relatedItemType": "BookChapter" if source.is_part else "Book",
        "titles": [{"title": info.title}],
    }
    if source.is_part:
        item["titles"].append({"title": info.container_title, "titleType": "Other"})
    if source.isbn:
        item["relatedItemIdentifier"] = {"relatedItemIdentifier": source.isbn,
                                         "relatedItemIdentifierType": "ISBN"}
    if info.authors:
        item["creators"] = [_person(a) for a in info.authors]
    contributors = [dict(_person(e), contributorType="Editor") for e in info.editors]
    contributors += [dict(_person(t), contributorType="Other") for t in info.translators]
    if contributors:
        item["contributors"] = contributors
    first, last = source.pages
    optional = {"publicationYear": source.year, "volume": info.volume, "issue": info.issue,
                "firstPage": first, "lastPage": last, "publisher": info.publisher}
    item.update({k: v for k, v in optional.items() if v})
    return item


def _first_publication_item(source: EditedSource) -> dict[str, Any] | None:
    """The text's first appearance (a 1957 journal issue, say) as a related item."""
    if source.first_publication is None:
        return None
    venue, year = source.first_publication
    item: dict[str, Any] = {
        "relationType": "IsDerivedFrom",
        "relatedItemType": "JournalArticle",
        "titles": [{"title": source.source.title}, {"title": venue, "titleType": "Other"}],
        "publicationYear": year,
    }
    if source.source.authors:
        item["creators"] = [_person(a) for a in source.source.authors]
    return item


def datacite_record(edition: Edition) -> dict[str, Any]:
    """The DataCite 4.5 record of the edition as DataCite JSON."""
    meta = edition.meta
    if not meta.year:
        raise EditionError("the edition header has no publication date "
                           "(publicationStmt/date/@when), which DataCite requires",
                           path=edition.header_path or edition.source, rule="deposit-date")
    sources = edited_sources(edition)
    titles = [{"title": meta.title, "lang": meta.languages[0]}]
    if meta.subtitle:
        titles.append({"title": meta.subtitle, "titleType": "Subtitle",
                       "lang": meta.languages[0]})
    record: dict[str, Any] = {
        "schemaVersion": "http://datacite.org/schema/kernel-4",
        "types": {"resourceTypeGeneral": "Book", "resourceType": "Digital scholarly edition"},
        "creators": [_person(e) for e in meta.editors] or [{"name": meta.publisher}],
        "titles": titles,
        "publisher": {"name": meta.publisher},
        "publicationYear": meta.year,
        "subjects": [{"subject": k} for k in meta.keywords],
        "dates": [{"date": meta.date, "dateType": "Issued"}],
        "language": meta.languages[0],
        "version": meta.version,
        "formats": FORMATS,
        "descriptions": [{"description": description(edition), "descriptionType": "Abstract"}],
        "relatedIdentifiers": _versions(edition) + _related_identifiers(sources),
        "relatedItems": [item for s in sources
                         for item in (_related_item(s), _first_publication_item(s)) if item],
    }
    if meta.doi:
        record["doi"] = meta.doi
    if meta.base_url:
        record["alternateIdentifiers"] = [{"alternateIdentifier": meta.base_url,
                                           "alternateIdentifierType": "URL"}]
    if meta.licence or meta.licence_url:
        rights = {"rights": meta.licence or meta.licence_url}
        if web_url(meta.licence_url):
            rights["rightsUri"] = web_url(meta.licence_url)
        if spdx_licence(meta.licence_url):
            rights.update(rightsIdentifier=spdx_licence(meta.licence_url),
                          rightsIdentifierScheme="SPDX", schemeUri="https://spdx.org/licenses/")
        record["rightsList"] = [rights]
    return {k: v for k, v in record.items() if v not in ([], None, "")}


def validate_record(record: dict[str, Any]) -> list[str]:
    """Messages of every way ``record`` breaks the DataCite 4.5 JSON schema."""
    return [f"{'/'.join(map(str, e.path)) or 'record'}: {e.message}"
            for e in schema45.validator.iter_errors(record)]


def datacite_xml(record: dict[str, Any]) -> bytes:
    """The record as DataCite kernel-4 XML."""
    return schema45.tostring(record).encode("utf-8")
