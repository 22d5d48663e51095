"""What harvesters read: an OAI-PMH Static Repository, a sitemap and schema.org JSON-LD.

    oai.xml         OAI-PMH 2.0 Static Repository: one record per text and one for the
                    edition, as ``oai_dc`` and, for the texts, their TEI header (``tei``)
    sitemap.xml     every HTML page (only with a base URL: a sitemap's addresses are
                    absolute)
    schema.jsonld   the edition as a schema.org ``Book`` whose ``hasPart`` are the texts,
                    each ``isPartOf`` it

A static repository is answered by a Static Repository Gateway: the gateway's base URL
followed by the repository's address without its scheme is the repository's
``baseURL`` (``[site] oai_gateway`` in ``edition.toml``).
"""

from __future__ import annotations

import json
from copy import deepcopy
from pathlib import Path
from urllib.parse import quote, urlparse

from lxml import etree

from edition.clock import build_date
from edition.describe import source_line
from edition.dts.site import COLLECTION, filled
from edition.dts.site import FOLDER as DTS_FOLDER
from edition.html import meta as html_meta
from edition.html import urls
from edition.iiif.site import manifest_path
from edition.incremental import entries_below
from edition.model import Edition, Text
from edition.package.dublincore import DC, OAI_DC, SCHEMA_LOCATION, XSI, dublin_core
from edition.paths import TEI_NS
from edition.problems import Problem
from edition.textual import T
from edition.url_safety import web_url

OAI = "http://www.openarchives.org/OAI/2.0/"
STATIC = "http://www.openarchives.org/OAI/2.0/static-repository"
STATIC_SCHEMA = f"{STATIC} http://www.openarchives.org/OAI/2.0/static-repository.xsd"
TEI_SCHEMA = "https://tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
OAI_FILE, SITEMAP_FILE, SCHEMA_FILE = "oai.xml", "sitemap.xml", "schema.jsonld"


def write_harvest(edition: Edition, site: Path) -> list[Problem]:
    (site / OAI_FILE).write_bytes(static_repository(edition))
    base = html_meta.base_url(edition)
    if base:
        (site / SITEMAP_FILE).write_bytes(sitemap(base, site))
    (site / SCHEMA_FILE).write_text(schema_org(edition, site), encoding="utf-8")
    return []


# ------------------------------------------------------------------ OAI-PMH

def _oai(parent: etree._Element, name: str, value: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{OAI}}}{name}")
    if value is not None:
        element.text = value
    return element


def record_id(edition: Edition, local: str) -> str:
    """``oai:<host>:<id>`` below the site's host, else below the edition's id."""
    base = html_meta.base_url(edition)
    space = urlparse(base).hostname if base else edition.meta.id
    return f"oai:{space}:{local}"


def repository_base_url(edition: Edition) -> str:
    """The gateway's address for this repository (OAI static repository guidelines,
    3.3); the repository's own address while no gateway is configured."""
    base = html_meta.base_url(edition)
    own = f"{base}{OAI_FILE}" if base else OAI_FILE
    gateway = edition.config.oai_gateway
    if gateway and base:
        return gateway + own.split("://", 1)[1]
    return own


def static_repository(edition: Edition) -> bytes:
    root = etree.Element(f"{{{STATIC}}}Repository",
                         nsmap={None: STATIC, "oai": OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", STATIC_SCHEMA)
    today = build_date()
    identify = etree.SubElement(root, f"{{{STATIC}}}Identify")
    for name, value in (("repositoryName", edition.meta.full_title),
                        ("baseURL", repository_base_url(edition)),
                        ("protocolVersion", "2.0"),
                        ("adminEmail", edition.config.admin_email),
                        ("earliestDatestamp", today), ("deletedRecord", "no"),
                        ("granularity", "YYYY-MM-DD")):
        if value:
            _oai(identify, name, value)
    formats = etree.SubElement(root, f"{{{STATIC}}}ListMetadataFormats")
    for prefix, schema, namespace in (("oai_dc", "http://www.openarchives.org/OAI/2.0/"
                                       "oai_dc.xsd", OAI_DC), ("tei", TEI_SCHEMA, TEI_NS)):
        found = _oai(formats, "metadataFormat")
        _oai(found, "metadataPrefix", prefix)
        _oai(found, "schema", schema)
        _oai(found, "metadataNamespace", namespace)
    records = etree.SubElement(root, f"{{{STATIC}}}ListRecords", metadataPrefix="oai_dc")
    _record(records, record_id(edition, edition.meta.id), today,
            etree.fromstring(dublin_core(edition)))
    for text in edition.texts:
        _record(records, record_id(edition, text.id), today, text_dublin_core(edition, text))
    records = etree.SubElement(root, f"{{{STATIC}}}ListRecords", metadataPrefix="tei")
    for text in edition.texts:
        header = text.tree.getroot().find(f"{T}teiHeader")
        if header is not None:
            _record(records, record_id(edition, text.id), today, deepcopy(header))
    etree.cleanup_namespaces(root, top_nsmap={"oai": OAI})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _record(parent: etree._Element, identifier: str, datestamp: str,
            metadata: etree._Element) -> None:
    record = _oai(parent, "record")
    header = _oai(record, "header")
    _oai(header, "identifier", identifier)
    _oai(header, "datestamp", datestamp)
    metadata.tail = None
    _oai(record, "metadata").append(metadata)


def text_dublin_core(edition: Edition, text: Text) -> etree._Element:
    """One text in simple Dublin Core, part of the edition."""
    meta, book = text.meta, edition.meta
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    page = html_meta.absolute(edition, urls.text_page(text.id))
    for name, value in (
            ("title", meta.title), *(("creator", a.name) for a in meta.authors),
            *(("contributor", e.name) for e in book.editors or meta.editors),
            *(("subject", k) for k in meta.keywords), ("description", meta.abstract),
            ("publisher", book.publisher), ("date", meta.date), ("type", "Text"),
            ("format", "application/tei+xml"), ("format", "text/html"),
            ("identifier", page or urls.text_page(text.id)),
            *(("source", source_line(s)) for s in meta.sources),
            ("language", meta.language),
            ("relation", html_meta.base_url(edition) or record_id(edition, book.id)),
            ("rights", " ".join(v for v in (meta.licence or book.licence,
                                            web_url(meta.licence_url or book.licence_url))
                                if v))):
        if value:
            etree.SubElement(root, f"{{{DC}}}{name}").text = value
    return root


# ------------------------------------------------------------------ sitemap, schema.org

def sitemap(base: str, site: Path) -> bytes:
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP})
    today = build_date()
    for page in sorted(name for name, _ in entries_below(site) if name.endswith(".html")):
        url = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(url, f"{{{SITEMAP}}}loc").text = base + quote(page)
        etree.SubElement(url, f"{{{SITEMAP}}}lastmod").text = today
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def schema_org(edition: Edition, site: Path) -> str:
    """One JSON-LD graph: the edition (the home page's description) and its texts (each
    page's), tied by ``hasPart`` and ``isPartOf`` through their ``@id``s."""
    base = html_meta.base_url(edition)

    def node_id(path: str) -> str:
        return f"{base}{path}" if base else path

    def pdf(identifier: str) -> str | None:
        path = urls.pdf_file(identifier)
        return path if (site / path).is_file() else None

    book = json.loads(str(html_meta.edition_json_ld(edition, pdf(edition.meta.id))))
    book.pop("@context", None)
    book["@id"] = node_id("index.html")
    book["hasPart"] = [{"@id": node_id(urls.text_page(t.id))} for t in edition.texts]
    graph = [book]
    for text in edition.texts:
        work = json.loads(str(html_meta.json_ld(edition, text, pdf(text.id))))
        work.pop("@context", None)
        work["@id"] = node_id(urls.text_page(text.id))
        work["isPartOf"] = {"@id": book["@id"]}
        work.setdefault("encoding", []).append(
            {"@type": "MediaObject", "encodingFormat": "application/ld+json",
             "contentUrl": node_id(f"{DTS_FOLDER}/" + filled(COLLECTION, id=text.id))})
        if (site / manifest_path(text.id)).is_file():
            work["encoding"].append({"@type": "MediaObject",
                                     "encodingFormat": "application/ld+json;profile="
                                     "\"http://iiif.io/api/presentation/3/context.json\"",
                                     "contentUrl": node_id(manifest_path(text.id))})
        graph.append(work)
    return json.dumps({"@context": "https://schema.org", "@graph": graph},
                      ensure_ascii=False, indent=1)
