"""The InvenioRDM record of a deposit, mapped from the bag's own DataCite record.

The bag's ``data/metadata/datacite.json`` is derived from the edition header like every
other record (citations, meta tags, CFF, ``.zenodo.json``, the PDF imprint), so the
repository is told exactly what the bag says, and nothing is typed in twice. The mapping
follows the InvenioRDM metadata reference (``metadata`` of a draft: ``resource_type``,
``creators[].person_or_org``, ``rights``, ``related_identifiers`` and so on), with the
vocabulary ids Zenodo uses (``publication-book``, ``cc-by-4.0``, ISO 639-3 languages).
"""

from __future__ import annotations

import html
from typing import Any

from edition.package.zenodo import ISO_639_3

RESOURCE_TYPES = {"Book": "publication-book", "BookChapter": "publication-section",
                  "Dataset": "dataset", "JournalArticle": "publication-article"}
_SCHEMES = {"ORCID": "orcid", "ROR": "ror"}
_TITLE_TYPES = {"Subtitle": "subtitle", "AlternativeTitle": "alternative-title",
                "TranslatedTitle": "translated-title", "Other": "other"}


def _bare(identifier: str) -> str:
    """ORCID and ROR ids are given to InvenioRDM without their resolver."""
    return identifier.rstrip("/").rsplit("/", 1)[-1]


def _person_or_org(creator: dict[str, Any]) -> dict[str, Any]:
    identifiers = [{"scheme": _SCHEMES[i["nameIdentifierScheme"]],
                    "identifier": _bare(i["nameIdentifier"])}
                   for i in creator.get("nameIdentifiers", [])
                   if i.get("nameIdentifierScheme") in _SCHEMES]
    if creator.get("nameType") == "Personal" and creator.get("familyName"):
        entry: dict[str, Any] = {"type": "personal", "family_name": creator["familyName"],
                                 "given_name": creator.get("givenName", "")}
    else:  # DataCite names without a type are bodies here (an editorial team, a press)
        entry = {"type": "organizational", "name": creator["name"]}
    if identifiers:
        entry["identifiers"] = identifiers
    return {"person_or_org": entry}


def _titles(record: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    main, *others = record["titles"]
    additional = [{"title": t["title"], "type": {"id": _TITLE_TYPES.get(t.get("titleType"),
                                                                      "other")},
                   **({"lang": {"id": ISO_639_3[t["lang"]]}} if t.get("lang") in ISO_639_3
                      else {})} for t in others]
    return main["title"], additional


def _rights(record: dict[str, Any]) -> list[dict[str, Any]]:
    rights = []
    for entry in record.get("rightsList", []):
        if entry.get("rightsIdentifierScheme") == "SPDX":
            rights.append({"id": entry["rightsIdentifier"].lower()})
        else:
            rights.append({"title": {"en": entry["rights"]},
                           **({"link": entry["rightsUri"]} if entry.get("rightsUri") else {})})
    return rights


def _related(record: dict[str, Any]) -> list[dict[str, Any]]:
    related = []
    for entry in record.get("relatedIdentifiers", []):
        item: dict[str, Any] = {"identifier": entry["relatedIdentifier"],
                                "scheme": entry["relatedIdentifierType"].lower(),
                                "relation_type": {"id": entry["relationType"].lower()}}
        kind = RESOURCE_TYPES.get(entry.get("resourceTypeGeneral", ""))
        if kind:
            item["resource_type"] = {"id": kind}
        related.append(item)
    return related


def _publication_date(record: dict[str, Any]) -> str:
    issued = [d["date"] for d in record.get("dates", []) if d.get("dateType") == "Issued"]
    return issued[0] if issued else str(record["publicationYear"])


def invenio_metadata(record: dict[str, Any]) -> dict[str, Any]:
    """The ``metadata`` of an InvenioRDM draft for the DataCite ``record``."""
    title, additional = _titles(record)
    metadata: dict[str, Any] = {
        "resource_type": {"id": RESOURCE_TYPES.get(record["types"]["resourceTypeGeneral"],
                                                   "other")},
        "title": title,
        "creators": [_person_or_org(c) for c in record["creators"]],
        "publisher": record["publisher"]["name"],
        "publication_date": _publication_date(record),
    }
    optional = {
        "additional_titles": additional,
        # InvenioRDM reads descriptions as HTML: the plain text is escaped
        "description": html.escape(record["descriptions"][0]["description"], quote=False)
        if record.get("descriptions") else None,
        "version": record.get("version"),
        "languages": [{"id": ISO_639_3[record["language"]]}]
        if record.get("language") in ISO_639_3 else None,
        "subjects": [{"subject": s["subject"]} for s in record.get("subjects", [])],
        "rights": _rights(record),
        "related_identifiers": _related(record),
        "identifiers": [{"identifier": a["alternateIdentifier"],
                         "scheme": a["alternateIdentifierType"].lower()}
                        for a in record.get("alternateIdentifiers", [])],
        "formats": record.get("formats"),
    }
    metadata.update({k: v for k, v in optional.items() if v})
    return metadata


def draft_body(record: dict[str, Any], pids: dict[str, Any]) -> dict[str, Any]:
    """The whole draft as PUT: open access, files enabled, the metadata and the DOI."""
    return {"access": {"record": "public", "files": "public"}, "files": {"enabled": True},
            "metadata": invenio_metadata(record), "pids": pids}


def previous_version_doi(record: dict[str, Any]) -> str | None:
    """The DOI of the version the bag succeeds (``IsNewVersionOf``), if the record names it."""
    return next((r["relatedIdentifier"] for r in record.get("relatedIdentifiers", [])
                 if r["relationType"] == "IsNewVersionOf"
                 and r["relatedIdentifierType"] == "DOI"), None)
