"""A DTS 1.0 client for the static API: starts at ``dts/index.json`` and follows every
URI template for every text and every reference, checking each answer against our
reading of the specification (JSON schemas below; the section of the specification
each rule comes from is named beside it).

``read`` gets a site path and returns its bytes, so the same walk runs on the files
and through a browser from ``file://``.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

import jsonschema
import uritemplate
from lxml import etree

DTS_WRAPPER = "https://w3id.org/api/dts#"
TEI = "http://www.tei-c.org/ns/1.0"

# "Scheme for Entry Endpoint Responses": @id, @type EntryPoint, dtsVersion, and the
# three endpoints as URI templates, all required.
ENTRY = {
    "type": "object",
    "required": ["@context", "@id", "@type", "dtsVersion", "collection", "navigation",
                 "document"],
    "properties": {"@type": {"const": "EntryPoint"}, "dtsVersion": {"const": "1.0"},
                   "collection": {"type": "string"}, "navigation": {"type": "string"},
                   "document": {"type": "string"}},
}
# "MetadataObject Structure": values are literals, URIs, arrays of {value, lang} or of
# URIs; we also allow arrays of plain strings, as the specification's own examples do.
METADATA = {
    "type": "object",
    "additionalProperties": {"anyOf": [
        {"type": ["string", "number", "boolean"]},
        {"type": "array", "items": {"anyOf": [
            {"type": "string"},
            {"type": "object", "required": ["value", "lang"], "additionalProperties": False,
             "properties": {"value": {"type": "string"}, "lang": {"type": "string"}}}]}}]},
}
# "CiteStructure": citeType required, citeStructure an array of the same.
CITE_STRUCTURE = {
    "type": "object", "required": ["citeType"],
    "properties": {"citeType": {"type": "string"}, "@type": {"const": "CiteStructure"},
                   "citeStructure": {"type": "array", "items": {"$ref": "#/definitions/cs"}}},
}
# "CitationTree": @type CitationTree; the default (first) tree has no identifier.
CITATION_TREES = {"type": "array", "items": {
    "type": "object", "required": ["@type"], "not": {"required": ["identifier"]},
    "properties": {"@type": {"const": "CitationTree"},
                   "citeStructure": {"type": "array", "items": {"$ref": "#/definitions/cs"}}}}}
# "Scheme for Collection API Responses": @id, @type, title, totalParents, collection
# always; totalChildren for a Collection; navigation and document for a Resource.
MEMBER = {
    "type": "object",
    "required": ["@id", "@type", "title", "totalParents", "collection"],
    "properties": {
        "@type": {"enum": ["Collection", "Resource"]}, "title": {"type": "string"},
        "totalParents": {"type": "integer"}, "totalChildren": {"type": "integer"},
        "dublinCore": {"$ref": "#/definitions/metadata"},
        "citationTrees": {"$ref": "#/definitions/trees"},
        "mediaTypes": {"type": "array", "items": {"type": "string"}},
    },
    "if": {"properties": {"@type": {"const": "Resource"}}},
    "then": {"required": ["navigation", "document"]},
    "else": {"required": ["totalChildren"]},
}
COLLECTION = {
    "allOf": [{"$ref": "#/definitions/member"}],
    "required": ["@context", "dtsVersion"],
    "properties": {"dtsVersion": {"const": "1.0"},
                   "member": {"type": "array", "items": {"$ref": "#/definitions/member"}}},
}
# "CitableUnit": identifier, @type, level and parent (null at the root) required.
CITABLE_UNIT = {
    "type": "object", "required": ["identifier", "@type", "level", "parent"],
    "properties": {"identifier": {"type": "string"}, "@type": {"const": "CitableUnit"},
                   "level": {"type": "integer", "minimum": 1},
                   "parent": {"type": ["string", "null"]}, "citeType": {"type": "string"},
                   "@id": {"type": "string"}, "dublinCore": {"$ref": "#/definitions/metadata"}},
}
# "Navigation Object" and its "Resource": the resource with its three templates and
# citationTrees (required there), ref/member as CitableUnits.
NAVIGATION = {
    "type": "object",
    "required": ["@context", "@id", "@type", "dtsVersion", "resource"],
    "properties": {
        "@type": {"const": "Navigation"}, "dtsVersion": {"const": "1.0"},
        "resource": {"type": "object",
                     "required": ["@id", "@type", "collection", "navigation", "document",
                                  "citationTrees"],
                     "properties": {"@type": {"const": "Resource"},
                                    "citationTrees": {"$ref": "#/definitions/trees"}}},
        "ref": {"$ref": "#/definitions/unit"},
        "member": {"type": "array", "items": {"$ref": "#/definitions/unit"}},
    },
}
DEFINITIONS = {"cs": CITE_STRUCTURE, "trees": CITATION_TREES, "metadata": METADATA,
               "member": MEMBER, "unit": CITABLE_UNIT}


def check(instance: dict, schema: dict) -> None:
    jsonschema.validate(instance, {**schema, "definitions": DEFINITIONS})


def fill(template: str, **values: str) -> str:
    """RFC 6570 expansion (numbers as strings: the uritemplate package drops a 0)."""
    return uritemplate.expand(template, **values)


@dataclass
class Walk:
    read: Callable[[str], bytes]
    base: str | None = None
    """The site's base URL, when its answers use absolute addresses."""
    responses: dict[str, object] = field(default_factory=dict)
    units: dict[str, list[dict]] = field(default_factory=dict)
    """Resource id → its citable units, as the navigation gave them with down=-1."""
    passages: dict[tuple[str, str], etree._Element] = field(default_factory=dict)

    def get(self, at: str, reference: str) -> tuple[str, bytes]:
        """The answer to ``reference`` (a relative URL, as in the file ``at``)."""
        if "://" in reference:
            assert self.base and reference.startswith(self.base), reference
            path = unquote(reference.removeprefix(self.base))
        else:
            path = unquote(posixpath.normpath(posixpath.join(posixpath.dirname(at), reference)))
        return path, self.read(path)

    def json(self, at: str, reference: str, schema: dict) -> tuple[str, dict]:
        path, raw = self.get(at, reference)
        data = json.loads(raw)
        check(data, schema)
        for unit in [data.get("ref"), *data.get("member", [])] if schema is NAVIGATION else []:
            if unit and "@id" in unit and "://" not in unit["@id"]:
                # a relative @id is resolved against the answer's own address
                unit["@id"] = posixpath.normpath(posixpath.join(posixpath.dirname(path),
                                                                unit["@id"]))
        self.responses[path] = data
        return path, data

    def run(self, entry: str = "dts/index.json") -> None:
        at, data = self.json(entry, posixpath.basename(entry), ENTRY)
        context_path, context = self.get(at, data["@context"])
        self.responses[context_path] = json.loads(context)
        assert "@context" in self.responses[context_path]
        root_at, root = self.json(at, fill(data["collection"]), COLLECTION)
        assert root["@type"] == "Collection" and root["totalParents"] == 0
        assert root["totalChildren"] == len(root["member"])
        for nav in (None, "children", "parents"):  # the edition asked for by its id
            values = {"id": root["@id"], **({"nav": nav} if nav else {})}
            _, same = self.json(at, fill(data["collection"], **values), COLLECTION)
            ids = [m["@id"] for m in same["member"]]
            assert ids == ([] if nav == "parents" else [m["@id"] for m in root["member"]])
        for member in root["member"]:
            self.resource(root_at, member)

    def resource(self, at: str, member: dict) -> None:
        identifier = member["@id"]
        for nav in (None, "children", "parents"):
            path, data = self.json(at, fill(member["collection"], **({"nav": nav} if nav else {})),
                                   COLLECTION)
            assert data["@id"] == identifier and data["@type"] == "Resource"
            if nav == "parents":
                assert [m["@type"] for m in data["member"]] == ["Collection"]
        tree = member["citationTrees"][0] if member["citationTrees"] else None
        depth = _depth(tree["citeStructure"]) if tree else 0
        path, everything = self.json(at, fill(member["navigation"], down="-1"), NAVIGATION)
        units = everything["member"]
        self.units[identifier] = units
        # "Order of CitableUnits in member": pre-order, depth first; parents come first
        seen: set[str | None] = {None}
        for unit in units:
            assert unit["parent"] in seen, unit
            seen.add(unit["identifier"])
        assert len({u["identifier"] for u in units}) == len(units)  # "Unique identifiers"
        for down in range(1, depth + 1):
            _, data = self.json(at, fill(member["navigation"], down=str(down)), NAVIGATION)
            assert data["member"] == [u for u in units if u["level"] <= down]
        for unit in units:
            self.unit(at, member, units, unit, depth)
        _, whole = self.get(at, fill(member["document"]))
        document = etree.fromstring(whole)
        assert document.tag == f"{{{TEI}}}TEI"  # the root MUST be TEI

    def unit(self, at: str, member: dict, units: list[dict], unit: dict, depth: int) -> None:
        ref = unit["identifier"]
        _, alone = self.json(at, fill(member["navigation"], ref=ref), NAVIGATION)
        assert alone["ref"] == unit and "member" not in alone  # down absent: no member
        _, siblings = self.json(at, fill(member["navigation"], ref=ref, down="0"), NAVIGATION)
        assert siblings["member"] == [u for u in units if u["parent"] == unit["parent"]]
        below = _subtree(units, unit)
        _, data = self.json(at, fill(member["navigation"], ref=ref, down="-1"), NAVIGATION)
        assert data["member"] == below
        for down in range(1, max(1, depth - unit["level"]) + 1):
            _, data = self.json(at, fill(member["navigation"], ref=ref, down=str(down)),
                                NAVIGATION)
            assert data["member"] == [u for u in below if u["level"] <= unit["level"] + down]
        _, raw = self.get(at, fill(member["document"], ref=ref))
        document = etree.fromstring(raw)
        assert document.tag == f"{{{TEI}}}TEI"
        wrappers = document.findall(f".//{{{DTS_WRAPPER}}}wrapper")
        assert len(wrappers) == 1 and len(wrappers[0]) == 1  # the unit, in dts:wrapper
        self.passages[(member["@id"], ref)] = wrappers[0][0]


def _depth(structures: list[dict]) -> int:
    return max((1 + _depth(s.get("citeStructure", [])) for s in structures), default=0)


def _subtree(units: list[dict], unit: dict) -> list[dict]:
    inside = {unit["identifier"]}
    found = [unit]
    for other in units[units.index(unit) + 1:]:
        if other["parent"] not in inside:
            if other["level"] <= unit["level"]:
                break
            continue
        inside.add(other["identifier"])
        found.append(other)
    return found
