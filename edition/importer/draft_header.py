"""The TEI header of a draft made from a letter, a diary or a word-processor file.

It records what the input says and what the importer did: the title it could derive,
the input file, how paragraphs and pages were read, what the input held that the draft
does not represent, the language (given or detected, with the languages of foreign
sentences), the date of writing and, for a letter, the ``correspDesc``: who sent it,
where and when (``correspAction type="sent"``) and, when an address line names the
recipient, to whom (``type="received"``). A sender or place that matches an entry of
the registers is linked to it with ``@ref``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from lxml.builder import ElementMaker

from edition import __version__
from edition.importer.document import Lost
from edition.importer.language import Detected, language_name
from edition.paths import TEI_NS, XML_ID

E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})


@dataclass
class Party:
    name: str
    ref: str | None = None


@dataclass
class HeaderFacts:
    text_id: str
    title: str
    source_name: str
    kind: str
    why: str
    language: Detected
    foreign: list[str] = field(default_factory=list)
    date: tuple[str, str | None] | None = None  # (ISO value, cert)
    sender: Party | None = None
    place: Party | None = None
    recipient: Party | None = None
    lost: list[Lost] = field(default_factory=list)
    commenters: list[str] = field(default_factory=list)
    shows_pages: bool = False
    cite: str = "paragraphs"
    """How paragraphs are referred to: ``paragraphs`` (ID.n), ``entries`` (ID.k.n),
    ``chapters`` (ID.k.n) or ``sections`` (ID.k.0.n and ID.k.s.n)."""


def build_draft_header(facts: HeaderFacts) -> etree._Element:
    title_stmt = E.titleStmt(E.title(facts.title, type="main"))
    for number, author in enumerate(facts.commenters, start=1):
        resp = E.respStmt(E.resp("Comments in the word-processor file"),
                          E.name(author or "unnamed commenter"))
        resp.set(XML_ID, f"{facts.text_id}.commenter-{number}")
        title_stmt.append(resp)
    title_stmt.append(E.respStmt(E.resp(f"Draft encoding from {facts.source_name}"),
                                 E.name("edition import", type="software")))
    return E.teiHeader(
        E.fileDesc(title_stmt,
                   E.publicationStmt(E.p(f"Unpublished draft of the edition, produced from "
                                         f"{facts.source_name}.")),
                   E.sourceDesc(E.p(f"Transcription in {facts.source_name}."))),
        E.encodingDesc(_editorial(facts),
                       E.refsDecl(_cite_structure(facts.cite))),
        _profile(facts),
        E.revisionDesc(E.change(
            f"Draft produced from {facts.source_name} by edition import {__version__}.")))


def _editorial(facts: HeaderFacts) -> etree._Element:
    pages = ("Page breaks stand where the input marks them; a paragraph that a page break "
             "interrupts is kept as one paragraph with the pb inside it." if facts.shows_pages
             else "The input marks no pages, so no page breaks are given and no paragraphs "
             "are joined.")
    decl = E.editorialDecl(
        E.p(f"Read as a {facts.kind}: {facts.why}."),
        E.segmentation(E.p("Paragraphs are those of the input. " + pages)))
    if facts.lost:
        decl.append(E.p("Not represented in this draft:",
                        E.list(*[E.item(str(item)) for item in facts.lost])))
    return decl


def _profile(facts: HeaderFacts) -> etree._Element:
    usage = E.langUsage(E.language(facts.language.name, ident=facts.language.tag))
    for tag in sorted(set(facts.foreign) - {facts.language.tag}):
        usage.append(E.language(language_name(tag), ident=tag))
    profile = E.profileDesc()
    if facts.date:
        date = E.date(when=facts.date[0])
        if facts.date[1]:
            date.set("cert", facts.date[1])
        profile.append(E.creation(date))
    profile.append(usage)
    if facts.kind == "letter" and (facts.sender or facts.date or facts.place):
        profile.append(_corresp(facts))
    return profile


def _corresp(facts: HeaderFacts) -> etree._Element:
    sent = E.correspAction(type="sent")
    if facts.sender:
        sent.append(_name("persName", facts.sender))
    if facts.place:
        sent.append(_name("placeName", facts.place))
    if facts.date:
        date = E.date(when=facts.date[0])
        if facts.date[1]:
            date.set("cert", facts.date[1])
        sent.append(date)
    corresp = E.correspDesc(sent)
    if facts.recipient:
        corresp.append(E.correspAction(_name("persName", facts.recipient), type="received"))
    return corresp


def _name(tag: str, party: Party) -> etree._Element:
    element = E(tag, party.name)
    if party.ref:
        element.set("ref", f"#{party.ref}")
    return element


def _cite_structure(kind: str) -> etree._Element:
    """The citeStructure of the ids `compose` gives."""
    def paragraph(delim: str = ".") -> etree._Element:
        return E.citeStructure(match="p", use="@n", delim=delim, unit="paragraph")

    if kind == "paragraphs":
        return E.citeStructure(match="/TEI/text/body/p", use="@n", unit="paragraph")
    unit = "entry" if kind == "entries" else "chapter"
    top = E.citeStructure(match="/TEI/text/body/div", use="@n", unit=unit)
    if kind == "sections":
        top.append(paragraph(".0."))
        top.append(E.citeStructure(paragraph(), match="div", use="@n", delim=".",
                                   unit="section"))
    else:
        top.append(paragraph())
    return top
