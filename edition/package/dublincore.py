"""Simple Dublin Core (``oai_dc``, the OAI-PMH baseline format) for the deposit."""

from __future__ import annotations

from lxml import etree

from edition.model import Edition
from edition.package.common import description
from edition.package.printed_sources import edited_sources
from edition.url_safety import web_url

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


def dublin_core(edition: Edition) -> bytes:
    """The edition described in the fifteen Dublin Core elements (those that apply)."""
    meta = edition.meta
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)

    def add(name: str, value: str | None) -> None:
        if value:
            etree.SubElement(root, f"{{{DC}}}{name}").text = value

    add("title", meta.full_title)
    for editor in meta.editors:
        add("creator", editor.name_inverted)
    for author in dict.fromkeys(a.name for t in edition.texts for a in t.meta.authors):
        add("contributor", author)
    for keyword in meta.keywords:
        add("subject", keyword)
    add("description", description(edition))
    add("publisher", meta.publisher)
    add("date", meta.date)
    add("type", "Text")
    for media_type in ("application/tei+xml", "text/html", "application/pdf"):
        add("format", media_type)
    add("identifier", f"https://doi.org/{meta.doi}" if meta.doi else None)
    add("identifier", meta.base_url)
    for version in (edition.config.concept_doi, edition.config.previous_doi):
        add("relation", f"https://doi.org/{version}" if version else None)
    for source in edited_sources(edition):
        add("source", source.source.statement)
        add("relation", f"urn:isbn:{source.isbn}" if source.isbn else None)
    for language in meta.languages:
        add("language", language)
    add("rights", " ".join(v for v in (meta.licence, web_url(meta.licence_url)) if v) or None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
