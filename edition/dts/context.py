"""The DTS 1.0 JSON-LD context, written into the site so that no response points off it.

The terms are those of DTS 1.0 (``https://dtsapi.org/v1.0#``): its classes, its
properties, ``dublinCore`` nested with Dublin Core Terms as its vocabulary and
``extensions`` nested without one. A response names it with a relative ``@context``
(``../context.json``), which JSON-LD resolves against the response's own address.
"""

from __future__ import annotations

DTS = "https://dtsapi.org/v1.0#"
DCT = "http://purl.org/dc/terms/"

CLASSES = ("CitableUnit", "CitationTree", "CiteStructure", "Collection", "EntryPoint",
           "MetadataObject", "Navigation", "Pagination", "Resource")
PROPERTIES = ("citationTrees", "citeStructure", "citeType", "collection", "description",
              "document", "download", "dtsVersion", "end", "first", "identifier", "last",
              "level", "mediaTypes", "member", "navigation", "next", "parent", "previous",
              "ref", "resource", "start", "title", "totalChildren", "totalParents", "view")


def dts_context() -> dict:
    terms: dict[str, object] = {"dts": DTS, "dct": DCT}
    terms.update({name: f"dts:{name}" for name in CLASSES + PROPERTIES})
    terms.update({
        "lang": "@language",
        "value": "@value",
        "dublinCore": {"@id": "@nest", "@context": {
            "@vocab": DCT,
            # the DTS terms of the same names must not capture Dublin Core's
            "description": {"@id": "dct:description"},
            "identifier": {"@id": "dct:identifier"},
            "title": {"@id": "dct:title"},
        }},
        "extensions": {"@id": "@nest", "@context": {"@vocab": None}},
    })
    return {"@context": terms}
