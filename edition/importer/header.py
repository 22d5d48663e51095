"""The draft TEI header: what the transcription itself says about its source, and what
the importer did to it. Everything here is read from the transcription; the editor
completes the header by hand (author, responsibilities, licence, keywords)."""

from __future__ import annotations

import re

from lxml import etree
from lxml.builder import ElementMaker

from edition import __version__
from edition.importer.draft import Division, Draft
from edition.importer.furniture import Furniture
from edition.importer.titlepage import iso_date
from edition.paths import TEI_NS

E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})

_IMPRINT = {
    "editor": re.compile(r"^(?:edited|compiled) by\s+(.+)$", re.I),
    "translator": re.compile(r"^translated by\s+(.+)$", re.I),
    "publisher": re.compile(r"^published by\s+(.+)$", re.I),
    "issued": re.compile(r"^(?:issued|published|printed) in\s+(.+)$", re.I),
    "isbn": re.compile(r"\bISBN\s+([\d-]{10,17}[\dX])\b"),
}
_FURNITURE_NAMES = {
    "navigation": "the web page's navigation link",
    "sponsor": "the archive's sponsor statement",
    "archive-citation": "the archive's source citation (used for the bibliography below)",
    "archive-heading": "the archive's heading for the record",
    "summary": "the archive's summary of the document",
    "label": "the label of the archive's record block",
    "rights": "the archive's rights statement",
    "rights-contact": "the archive's rights contact, with an e-mail address the site obfuscated",
    "record-field": "a field of the archive's record",
}


def build_header(draft: Draft, language: tuple[str, str] = ("en", "English")
                 ) -> etree._Element:
    """The header; ``language`` is the text's (tag, name)."""
    return E.teiHeader(
        E.fileDesc(_title_stmt(draft), _publication_stmt(draft), _source_desc(draft)),
        _encoding_desc(draft),
        E.profileDesc(E.langUsage(E.language(language[1], ident=language[0]))),
        E.revisionDesc(E.change(
            f"Draft produced from {draft.source_name} by edition import {__version__}.")),
    )


def _title_stmt(draft: Draft) -> etree._Element:
    stmt = E.titleStmt(E.title(_title(draft), type="main"))
    imprint = imprint_fields(draft)
    for role in ("editor", "translator"):
        if role in imprint:
            stmt.append(E.editor(imprint[role], role=role))
    stmt.append(E.respStmt(E.resp("Draft encoding from the plain-text transcription"),
                           E.name("edition import", type="software")))
    return stmt


def _title(draft: Draft) -> str:
    return draft.title_pages[0].title if draft.title_pages else draft.text_id


def _publication_stmt(draft: Draft) -> etree._Element:
    return E.publicationStmt(E.p(
        f"Unpublished draft of the edition, produced from {draft.source_name}."))


def _source_desc(draft: Draft) -> etree._Element:
    source = E.sourceDesc()
    bibl = E.bibl(E.title(_title(draft)))
    imprint = imprint_fields(draft)
    page = draft.title_pages[-1] if draft.title_pages else None
    for role in ("editor", "translator"):
        if role in imprint:
            bibl.append(E.editor(imprint[role], role=role))
    publisher = imprint.get("publisher") or (page.publisher if page else None)
    if publisher:
        name, _, place = publisher.partition(",")
        bibl.append(E.publisher(name.strip()))
        place = place.strip() or (page.place if page else "")
        if place:
            bibl.append(E.pubPlace(place))
    date = imprint.get("issued") or (page.date if page else None)
    if date:
        element = E.date(date)
        if iso_date(date):
            element.set("when", iso_date(date))
        bibl.append(element)
    if "isbn" in imprint:
        bibl.append(E.idno(imprint["isbn"], type="ISBN"))
    source.append(bibl)
    for item in draft.furniture:
        if item.kind == "archive-citation":
            source.append(E.bibl(item.text, type="archive-citation"))
    return source


def imprint_fields(draft: Draft) -> dict[str, str]:
    """Editor, translator, publisher, date of issue and ISBN read from the colophon."""
    found: dict[str, str] = {}
    for division in draft.back:
        for paragraph in division.paragraphs:
            for key, pattern in _IMPRINT.items():
                match = pattern.search(paragraph.text)
                if match and key not in found:
                    found[key] = match.group(1).strip().rstrip(",")
    return found


def _encoding_desc(draft: Draft) -> etree._Element:
    decl = E.editorialDecl(
        E.segmentation(E.p(
            "Paragraphs follow the blank-line breaks of the transcription. A paragraph "
            "that the printed page split (one ending without terminal punctuation, or "
            "followed by one starting in lower case) is joined again, with pb "
            "break=\"no\" where the page turned; its page number is given only where the "
            "known page numbers determine it.")),
        E.quotation(E.p("Quoted words are marked with q; the quotation marks are not "
                        "kept as characters. Speech introduced by a verb of saying and a "
                        "colon is marked with said.")),
        E.hyphenation(E.p("Hyphens at a page end are kept as printed.")),
    )
    if draft.furniture:
        decl.append(E.p("Page furniture of the transcription is not part of the text and "
                        "is left out:", _furniture_list(draft.furniture)))
    return E.encodingDesc(decl, E.refsDecl(*cite_structure(draft)))


def _furniture_list(items: list[Furniture]) -> etree._Element:
    return E.list(*[E.item(f"{_FURNITURE_NAMES.get(i.kind, i.kind)} (line {i.line}): ",
                           E.q(i.text)) for i in items])


def cite_structure(draft: Draft) -> list[etree._Element]:
    """citeStructure for the ids the writer gives: chapter.section.paragraph, or paragraph."""
    structures: list[etree._Element] = []
    body = draft.body
    if body.children:
        has_sections = any(chapter.children for chapter in body.children)
        chapter = E.citeStructure(match="/TEI/text/body/div", use="@n", unit="chapter")
        if has_sections:
            chapter.append(E.citeStructure(match="p", use="@n", delim=".0.", unit="paragraph"))
            chapter.append(E.citeStructure(
                E.citeStructure(match="p", use="@n", delim=".", unit="paragraph"),
                match="div", use="@n", delim=".", unit="section"))
        else:
            chapter.append(E.citeStructure(match="p", use="@n", delim=".", unit="paragraph"))
        structures.append(chapter)
    else:
        structures.append(E.citeStructure(match="/TEI/text/body/p", use="@n", unit="paragraph"))
    for part, divisions in (("front", draft.front), ("back", draft.back)):
        if any(_has_paragraphs(d) for d in divisions):
            structures.append(E.citeStructure(
                E.citeStructure(match="p", use="@n", delim=".", unit="paragraph"),
                match=f"/TEI/text/{part}/div", use="@n", unit="division"))
    return structures


def _has_paragraphs(division: Division) -> bool:
    return bool(division.paragraphs)
