"""Distributed Text Services 1.0, Level 0: the API as static files below ``dts/``.

DTS allows a Level 0 server to be a folder of files addressed through the URI templates
of its entry point (DTS 1.0, "Conformance" and "URI Templates examples for static
website"). The templates here use only path expansion, so a filled template is a path
that any static host, and ``file://``, serves::

    dts/index.json                                  the entry point
    dts/context.json                                the JSON-LD context (bundled)
    dts/collection{/id,nav}.json                    collection.json is the edition
    dts/navigation/{resource}{/ref}{;down}.json     a text's citation tree
    dts/document/{resource}{/ref}.xml               the whole text, or one unit

Every valid call is written: the edition and each text with ``nav`` absent,
``children`` or ``parents``; for each text the tree from the root (``down`` 1 to the
tree's depth and -1), and for each citable unit the unit alone, its siblings
(``down=0``), and its subtree (``down`` 1 to the depth left below it, and -1); the whole
text and each unit as TEI. A larger ``down`` than the tree is deep gives the same as
-1 and is not written again. ``start``/``end`` ranges, which Level 0 need not support,
``page`` and ``mediaType`` are not in the templates.
"""

from __future__ import annotations

import json
import posixpath
import re
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

import uritemplate
from lxml import etree

from edition.describe import source_line
from edition.dts.citations import CitableUnit, CitationTree, CiteLevel, citation_tree
from edition.dts.context import dts_context
from edition.html import meta as html_meta
from edition.html import urls
from edition.links import site_link
from edition.model import Edition, Text
from edition.paths import TEI_NS, T
from edition.problems import EditionError, Problem, Severity, display_path
from edition.url_safety import web_url

FOLDER = "dts"
VERSION = "1.0"
COLLECTION = "collection{/id,nav}.json"
NAVIGATION = "navigation/{resource}{/ref}{;down}.json"
DOCUMENT = "document/{resource}{/ref}.xml"
WRAPPER_NS = "https://w3id.org/api/dts#"
"""The namespace of ``dts:wrapper`` (DTS 1.0, Document endpoint)."""
TEI_MEDIA_TYPE = "application/tei+xml"


def filled(template: str, **values: str) -> str:
    """The site path (below ``dts/``) a template gives for ``values`` (strings: the
    uritemplate package drops a number 0)."""
    if all(isinstance(v, str) for v in values.values()):
        return _TEMPLATE_PART.sub(lambda m: _expanded(m.group(1), m.group(2), values),
                                  template)
    return unquote(uritemplate.expand(template, **values))


_TEMPLATE_PART = re.compile(r"\{([/;]?)([A-Za-z0-9_,]+)\}")


def _expanded(operator: str, names: str, values: dict[str, str]) -> str:
    """One expression of a template filled as ``unquote(uritemplate.expand(...))`` fills it
    for string values (RFC 6570: simple, path-segment and path-parameter expansion; the
    percent-encoding it applies is undone by ``unquote``, so the values stand as they are).
    """
    given = [(name, values[name]) for name in names.split(",") if name in values]
    if operator == "/":
        return "".join(f"/{value}" for _, value in given)
    if operator == ";":
        return "".join(f";{name}={value}" if value else f";{name}" for name, value in given)
    return ",".join(value for _, value in given)


@dataclass
class Writer:
    """Writes the files of one edition's DTS into ``site/dts``."""

    edition: Edition
    site: Path
    base: str | None
    root_id: str
    files: int = 0
    folders: set[Path] = field(default_factory=set)
    resources: dict[tuple[str, str], str] = field(default_factory=dict)
    units: dict[str, dict[int, tuple[dict, str]]] = field(default_factory=dict)
    """Each unit of the text being written as the files of one folder show it, as data
    and as JSON (`_unit`): the same in every file of the folder, so made once."""

    def units_in(self, folder: str) -> dict[int, tuple[dict, str]]:
        """The units made for the files of ``folder``, by ``id()`` of the unit."""
        made = self.units.get(folder)
        if made is None:
            made = self.units[folder] = {}
        return made

    def link(self, at: str, target: str) -> str:
        return site_link(self.base, at, target)

    def api(self, at: str, template: str) -> str:
        """An endpoint's URI template as seen from the file ``at``."""
        return self.link(at, f"{FOLDER}/") + template

    def write(self, path: str, data: bytes | dict, spliced: dict[str, str] | None = None
              ) -> None:
        """Write ``data`` (a dict as compact JSON) to ``path``. ``spliced`` gives, for keys
        of ``data``, their values already as JSON (the parts that every file of a folder
        shares, made once), which are written in place of the values in ``data``."""
        if posixpath.normpath(path) != path or not path.startswith(f"{FOLDER}/"):
            raise EditionError(f"DTS file {path!r} would lie outside the site", rule="dts")
        target = self.site / path
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        if isinstance(data, dict):
            if spliced:
                data = dict(data, **{key: f"\0{key}\0" for key in spliced})
            text = _json(data)
            for key, value in (spliced or {}).items():
                text = text.replace(json.dumps(f"\0{key}\0"), value, 1)
            data = text.encode()
        with open(target, "wb") as file:
            file.write(data)
        self.files += 1

    def envelope(self, at: str, kind: str, identifier: str) -> dict:
        return {"@context": self.link(at, f"{FOLDER}/context.json"), "dtsVersion": VERSION,
                "@id": identifier, "@type": kind}


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class TextDts:
    """What the edition's own files need of a text whose DTS files are written."""

    problems: list[Problem]
    levels: tuple[CiteLevel, ...] | None
    """The text's ``citeStructure`` levels; None when it declares none."""
    listed: bool = True
    """False when the text's id cannot name a file, so the text is left out."""


def write_dts(edition: Edition, site: Path, texts: list[TextDts] | None = None
              ) -> list[Problem]:
    """Write the DTS endpoints of ``edition`` into the site folder ``site``. ``texts``, the
    results of `write_text_dts` for every text in order, says that the files of each text
    are already written (by the build's workers); without it they are written here."""
    if texts is None:
        texts = [write_text_dts(edition, site, text) for text in edition.texts]
    writer = _writer(edition, site)
    problems = [p for written in texts for p in written.problems]
    levels = {text.id: written.levels for text, written in zip(edition.texts, texts,
                                                                strict=True) if written.listed}
    _write_collections(writer, [t for t in edition.texts if t.id in levels], levels)
    writer.write(f"{FOLDER}/context.json", dts_context())
    at = f"{FOLDER}/index.json"
    entry = writer.envelope(at, "EntryPoint", writer.link(at, at))
    entry.update(collection=writer.api(at, COLLECTION), navigation=writer.api(at, NAVIGATION),
                 document=writer.api(at, DOCUMENT))
    writer.write(at, entry)
    return problems


def write_text_dts(edition: Edition, site: Path, text: Text) -> TextDts:
    """Write the DTS files of one text (its navigation and documents) into ``site``."""
    if not _addressable(text.id):
        return TextDts([_unaddressable(text, text.id, "text id")], None, listed=False)
    tree = citation_tree(text.tree.getroot(), text.path)
    problems = list(tree.problems) if tree else []
    problems += _write_text(_writer(edition, site), text, tree)
    return TextDts(problems, tree.levels if tree else None)


def _writer(edition: Edition, site: Path) -> Writer:
    base = html_meta.base_url(edition)
    ids = {t.id for t in edition.texts}
    root_id = edition.meta.id
    if not _addressable(root_id) or root_id in ids:  # its own file, never a text's
        root_id = f"{urls.safe_name(root_id)}-edition"
    return Writer(edition, site, base, root_id)


def _addressable(value: str) -> bool:
    """A value that fills a path segment and names one file: no ``/``, not ``.`` or ``..``."""
    return bool(value) and "/" not in value and value not in {".", ".."} and "\0" not in value


def _unaddressable(text: Text, value: str, what: str) -> Problem:
    return Problem(display_path(text.path), 1, 1, Severity.WARNING,
                   f"the {what} {value!r} cannot name a static DTS file (it holds '/' or is "
                   "'.' or '..'); it is left out of the DTS API", "dts-unaddressable")


# ------------------------------------------------------------------ collection

def _write_collections(writer: Writer, texts: list[Text],
                       trees: dict[str, tuple[CiteLevel, ...] | None]) -> None:
    root = writer.root_id
    for path, nav in ((filled(COLLECTION), None), (filled(COLLECTION, id=root), None),
                      (filled(COLLECTION, id=root, nav="children"), "children"),
                      (filled(COLLECTION, id=root, nav="parents"), "parents")):
        at = f"{FOLDER}/{path}"
        data = _edition_collection(writer, at, len(texts))
        data["member"] = [] if nav == "parents" else [
            _resource(writer, at, t, trees[t.id]) for t in texts]
        writer.write(at, data)
    for text in texts:
        for nav in (None, "children", "parents"):
            at = f"{FOLDER}/{filled(COLLECTION, id=text.id, **({'nav': nav} if nav else {}))}"
            data = writer.envelope(at, "Resource", text.id)
            data.update(_resource(writer, at, text, trees[text.id]))
            if nav == "parents":
                summary = _edition_collection(writer, at, len(texts))
                data["member"] = [{k: v for k, v in summary.items()
                                   if k not in {"@context", "dtsVersion"}}]
            writer.write(at, data)


def _edition_collection(writer: Writer, at: str, count: int) -> dict:
    meta = writer.edition.meta
    data = writer.envelope(at, "Collection", writer.root_id)
    language = meta.languages[0] if meta.languages else "en"
    data.update({
        "title": meta.full_title,
        "totalParents": 0,
        "totalChildren": count,
        "collection": writer.api(at, COLLECTION),
        "dublinCore": _pruned({
            "title": [{"lang": language, "value": meta.full_title}],
            "creator": [e.name for e in meta.editors],
            "publisher": [meta.publisher],
            "date": meta.date,
            "hasVersion": meta.version,
            "language": list(meta.languages),
            "subject": [{"lang": language, "value": k} for k in meta.keywords],
            "rights": [v for v in (meta.licence, web_url(meta.licence_url)) if v],
            "identifier": [v for v in (meta.doi and f"https://doi.org/{meta.doi}",
                                       html_meta.base_url(writer.edition)) if v],
            "type": ["Collection"],
        }),
    })
    return data


def _resource(writer: Writer, at: str, text: Text, tree: tuple[CiteLevel, ...] | None
              ) -> dict:
    """A text as a DTS ``Resource`` (a member of the edition, or the answer itself)."""
    meta = text.meta
    resource = quote(text.id, safe="")
    data = {
        "@id": text.id,
        "@type": "Resource",
        "title": meta.title,
        "description": meta.abstract,
        "totalParents": 1,
        "totalChildren": 0,
        "collection": writer.api(at, f"collection/{resource}{{/nav}}.json"),
        "navigation": writer.api(at, f"navigation/{resource}{{/ref}}{{;down}}.json"),
        "document": writer.api(at, f"document/{resource}{{/ref}}.xml"),
        "download": writer.link(at, urls.tei_file(text.id)),
        "mediaTypes": [TEI_MEDIA_TYPE],
        "citationTrees": _citation_trees(tree),
        "dublinCore": _text_dublin_core(writer, text),
    }
    return _pruned(data)


def _citation_trees(levels: tuple[CiteLevel, ...] | None) -> list[dict]:
    """One tree (DTS: the default tree carries no ``identifier``); none without
    ``citeStructure``."""
    if levels is None:
        return []
    return [{"@type": "CitationTree", "citeStructure": [_structure(s) for s in levels]}]


def _structure(level: CiteLevel) -> dict:
    data: dict = {"@type": "CiteStructure", "citeType": level.cite_type}
    if level.children:
        data["citeStructure"] = [_structure(c) for c in level.children]
    return data


def _text_dublin_core(writer: Writer, text: Text) -> dict:
    meta, book = text.meta, writer.edition.meta
    return {
        "title": [{"lang": meta.language, "value": meta.title}],
        "alternative": [{"lang": meta.language, "value": meta.subtitle}] if meta.subtitle
        else [],
        "creator": [a.name for a in meta.authors],
        "contributor": [e.name for e in book.editors or meta.editors],
        "created": meta.date,
        "language": [meta.language],
        "subject": [{"lang": meta.language, "value": k} for k in meta.keywords],
        "description": [{"lang": meta.language, "value": meta.abstract}] if meta.abstract
        else [],
        "source": [source_line(s) for s in meta.sources],
        "publisher": [book.publisher],
        "rights": [v for v in (meta.licence or book.licence,
                               web_url(meta.licence_url or book.licence_url)) if v],
        "isPartOf": [writer.root_id],
        "type": ["Text"],
    }


def _pruned(data: dict) -> dict:
    """Leave out what the headers do not say (DTS: a property present must have a value)."""
    out = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _pruned(value)
        if value not in (None, "", [], {}):
            out[key] = value
    return out


# ------------------------------------------------------------------ navigation

def _write_text(writer: Writer, text: Text, tree: CitationTree | None) -> list[Problem]:
    problems = []
    writer.units = {}  # keyed by id(): only while the text's tree is alive
    writer.write(f"{FOLDER}/{filled(DOCUMENT, resource=text.id)}", text.path.read_bytes())
    units = tree.units if tree else []
    depth = tree.depth if tree else 0
    for down in [*range(1, depth + 1), -1] if units else [1, -1]:
        _write_navigation(writer, text, tree, None, down)
    for unit in units:
        if not _addressable(unit.identifier):
            problems.append(_unaddressable(text, unit.identifier, "citation reference"))
            continue
        for down in (None, 0, *range(1, max(1, depth - unit.level) + 1), -1):
            _write_navigation(writer, text, tree, unit, down)
        _write_passage(writer, text, unit)
    return problems


def _write_navigation(writer: Writer, text: Text, tree: CitationTree | None,
                      unit: CitableUnit | None, down: int | None) -> None:
    values = {"resource": text.id}
    if unit is not None:
        values["ref"] = unit.identifier
    if down is not None:
        values["down"] = str(down)
    at = f"{FOLDER}/{filled(NAVIGATION, **values)}"
    data = writer.envelope(at, "Navigation", writer.link(at, at))
    # what every file of the folder shares is made once, as JSON, and written in place
    # (a value that stands in for it holds a NUL, which no TEI and no envelope holds)
    spliced = {"resource": _navigation_resource(writer, at, text, tree)}
    data["resource"] = None
    if unit is not None:
        data["ref"] = None
        spliced["ref"] = _unit_made(writer, at, text, unit)[1]
    if down is not None and tree is not None:
        members = (tree.children_of(unit.parent) if down == 0 and unit is not None
                   else tree.subtree(unit, down))
        made = writer.units_in(posixpath.dirname(at))
        data["member"] = None
        spliced["member"] = "[" + ",".join(made[id(m)][1] if id(m) in made
                                           else _unit_made(writer, at, text, m)[1]
                                           for m in members) + "]"
    elif down is not None:
        data["member"] = []
    writer.write(at, data, spliced)


def _navigation_resource(writer: Writer, at: str, text: Text,
                         tree: CitationTree | None) -> str:
    """The text as the ``resource`` of a navigation answer, as JSON: the same in every
    file of one folder, so made once per folder."""
    key = (text.id, posixpath.dirname(at))
    if key not in writer.resources:
        writer.resources = {key: _json(_navigation_resource_in(writer, at, text, tree))}
    return writer.resources[key]


def _navigation_resource_in(writer: Writer, at: str, text: Text,
                            tree: CitationTree | None) -> dict:
    levels = tree.levels if tree else None
    full = _resource(writer, at, text, levels)
    keep = ("@id", "@type", "title", "collection", "navigation", "document", "mediaTypes")
    data = {k: full[k] for k in keep if k in full}
    data["citationTrees"] = _citation_trees(levels)
    return data


def _unit_made(writer: Writer, at: str, text: Text, unit: CitableUnit) -> tuple[dict, str]:
    """The unit as the files of the folder of ``at`` show it (its link is relative to
    that folder), as data and as JSON; made once per folder of the text being written."""
    in_folder = writer.units_in(posixpath.dirname(at))
    made = in_folder.get(id(unit))
    if made is None:
        data = _unit_data(writer, at, text, unit)
        made = in_folder[id(unit)] = (data, _json(data))
    return made


def _unit_data(writer: Writer, at: str, text: Text, unit: CitableUnit) -> dict:
    data: dict = {"identifier": unit.identifier, "@type": "CitableUnit", "level": unit.level,
                  "parent": unit.parent, "citeType": unit.cite_type}
    if unit.xml_id:
        data["@id"] = writer.link(at, urls.paragraph_link(text.id, unit.xml_id))
    if unit.title:
        data["dublinCore"] = {"title": [{"lang": text.meta.language, "value": unit.title}]}
    return data


# ------------------------------------------------------------------ document

def _write_passage(writer: Writer, text: Text, unit: CitableUnit) -> None:
    """One unit's TEI in ``dts:wrapper`` inside a TEI document whose header names the
    passage and the text it comes from."""
    root = etree.Element(f"{T}TEI", nsmap={None: TEI_NS, "dts": WRAPPER_NS})
    header = etree.SubElement(root, f"{T}teiHeader")
    file_desc = etree.SubElement(header, f"{T}fileDesc")
    title = etree.SubElement(etree.SubElement(file_desc, f"{T}titleStmt"), f"{T}title")
    title.text = f"{text.meta.title}, {unit.cite_type} {unit.identifier}"
    publication = etree.SubElement(etree.SubElement(file_desc, f"{T}publicationStmt"),
                                   f"{T}p")
    publication.text = f"Part of {writer.edition.meta.full_title}"
    source = etree.SubElement(etree.SubElement(file_desc, f"{T}sourceDesc"), f"{T}p")
    source.text = f"Passage {unit.identifier} of the text {text.id}"
    body = etree.SubElement(etree.SubElement(root, f"{T}text"), f"{T}body")
    wrapper = etree.SubElement(body, f"{{{WRAPPER_NS}}}wrapper")
    passage = deepcopy(unit.element)
    passage.tail = None
    wrapper.append(passage)
    at = f"{FOLDER}/{filled(DOCUMENT, resource=text.id, ref=unit.identifier)}"
    writer.write(at, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
