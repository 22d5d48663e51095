"""Bibliographic metadata read from TEI headers: the single source for citations,
meta tags, the PDF imprint and the deposit metadata."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from edition.config import Config
from edition.paths import NSMAP, XML_ID, XML_LANG
from edition.problems import EditionError
from edition.textual import T, normalise_space
from edition.url_safety import web_url


@dataclass(frozen=True)
class Contributor:
    """A person (family and given names) or a body (literal name)."""

    family: str | None = None
    given: str | None = None
    literal: str | None = None
    orcid: str | None = None
    role: str | None = None
    ror: str | None = None
    """The ROR id of an organisation (``idno type="ROR"``)."""
    organisation: bool = False
    """Named by an ``orgName``: a body, not a person."""

    @property
    def name(self) -> str:
        """Display name in the order the source writes it (given family, or literal)."""
        if self.literal:
            return self.literal
        return " ".join(part for part in (self.given, self.family) if part)

    @property
    def name_inverted(self) -> str:
        """``Family, Given`` for bibliographies."""
        if self.literal or not self.given:
            return self.name
        return f"{self.family}, {self.given}"


@dataclass(frozen=True)
class SourceInfo:
    """One bibliographic description of a source (``biblStruct`` or ``bibl``)."""

    statement: str
    """The description as one line of text, as encoded."""
    title: str | None = None
    container_title: str | None = None
    authors: tuple[Contributor, ...] = ()
    editors: tuple[Contributor, ...] = ()
    translators: tuple[Contributor, ...] = ()
    publisher: str | None = None
    place: str | None = None
    date: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    isbn: str | None = None
    url: str | None = None
    first_publication: str | None = None
    """Where the text first appeared when the source names it (the first title of its
    ``note type="first-publication"``, e.g. a journal); the date is the text's own."""


@dataclass(frozen=True)
class TextMeta:
    id: str
    title: str
    subtitle: str | None
    authors: tuple[Contributor, ...]
    editors: tuple[Contributor, ...]
    date: str | None
    """When the text was written or first published (ISO), from ``profileDesc/creation``."""
    language: str
    keywords: tuple[str, ...]
    sources: tuple[SourceInfo, ...]
    licence: str | None
    licence_url: str | None
    abstract: str | None

    @property
    def sort_date(self) -> str | None:
        return self.date


@dataclass(frozen=True)
class EditionMeta:
    id: str
    title: str
    subtitle: str | None
    editors: tuple[Contributor, ...]
    publisher: str
    place: str | None
    date: str | None
    version: str
    licence: str | None
    licence_url: str | None
    base_url: str | None
    doi: str | None
    keywords: tuple[str, ...]
    languages: tuple[str, ...]
    responsibilities: tuple[tuple[str, str], ...] = field(default=())
    """(what was done, by whom) from ``respStmt``s."""

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    value = normalise_space("".join(element.itertext()))
    return value or None


def _xpath_text(root: etree._Element, path: str) -> str | None:
    found = root.xpath(path, namespaces=NSMAP)
    if not found:
        return None
    first = found[0]
    return normalise_space(first) if isinstance(first, str) else _text(first)


def contributor(element: etree._Element) -> Contributor:
    role = element.get("role") or (etree.QName(element).localname
                                   if etree.QName(element).localname != "persName" else None)
    orcid = _xpath_text(element, ".//tei:idno[@type='ORCID' or @type='orcid']")
    ror = _xpath_text(element, ".//tei:idno[@type='ROR' or @type='ror']")
    organisation = etree.QName(element).localname == "orgName" or (
        element.find(f"{T}orgName") is not None and element.find(f"{T}persName") is None)
    pers = element if etree.QName(element).localname == "persName" else element.find(
        f"{T}persName")
    if pers is not None and (pers.find(f"{T}surname") is not None):
        return Contributor(family=_text(pers.find(f"{T}surname")),
                           given=_text(pers.find(f"{T}forename")), orcid=orcid, role=role)
    literal = normalise_space("".join(
        t for t in (pers if pers is not None else element).itertext()
        if t not in {orcid, ror}))
    for identifier in (orcid, ror):
        if identifier:
            literal = normalise_space(literal.replace(identifier, ""))
    return Contributor(literal=literal, orcid=orcid, role=role, ror=ror,
                       organisation=organisation)


def _contributors(root: etree._Element, path: str) -> tuple[Contributor, ...]:
    return tuple(contributor(e) for e in root.xpath(path, namespaces=NSMAP))


def _date(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return element.get("when") or element.get("from") or element.get("notBefore") or _text(
        element)


def _pages(scope: etree._Element | None) -> str | None:
    if scope is None:
        return None
    if scope.get("from") and scope.get("to"):
        return f"{scope.get('from')}–{scope.get('to')}"
    return scope.get("from") or _text(scope)


def read_source(bibl: etree._Element) -> SourceInfo:
    """Fields of a ``biblStruct`` (analytic + monogr), or the text of a plain ``bibl``."""
    statement = normalise_space(" ".join(bibl.itertext()))
    monogr = bibl.find(f"{T}monogr")
    if monogr is None:
        return SourceInfo(statement=statement, title=_xpath_text(bibl, "tei:title"),
                          authors=_contributors(bibl, "tei:author"),
                          publisher=_xpath_text(bibl, "tei:publisher"),
                          place=_xpath_text(bibl, "tei:pubPlace"),
                          date=_date(bibl.find(f"{T}date")))
    analytic = bibl.find(f"{T}analytic")
    imprint = monogr.find(f"{T}imprint")
    scope_root = imprint if imprint is not None else monogr

    def scope(unit: str) -> etree._Element | None:
        found = bibl.xpath(f".//tei:biblScope[@unit='{unit}']", namespaces=NSMAP)
        return found[0] if found else None

    title_source = analytic if analytic is not None else monogr
    return SourceInfo(
        statement=statement,
        title=_xpath_text(title_source, "tei:title[not(@type='sub')]"),
        container_title=_xpath_text(monogr, "tei:title[not(@type='sub')]")
        if analytic is not None else None,
        authors=_contributors(title_source, "tei:author"),
        editors=_contributors(monogr, "tei:editor[not(@role='translator')]"),
        translators=_contributors(monogr, "tei:editor[@role='translator'] | "
                                  "tei:respStmt[contains(tei:resp, 'transl')]/tei:persName"),
        publisher=_xpath_text(scope_root, "tei:publisher"),
        place=_xpath_text(scope_root, "tei:pubPlace"),
        date=_date(scope_root.find(f"{T}date")),
        volume=_text(scope("volume")),
        issue=_text(scope("issue")),
        pages=_pages(scope("page")),
        isbn=_xpath_text(bibl, ".//tei:idno[@type='ISBN' or @type='isbn']"),
        url=web_url(_xpath_text(bibl, ".//tei:idno[@type='URL']") or _xpath_text(
            bibl, ".//tei:ptr/@target")),
        first_publication=_xpath_text(bibl, "tei:note[@type='first-publication']//tei:title"),
    )


def _titles(header: etree._Element) -> tuple[str, str | None]:
    title = (_xpath_text(header, "tei:fileDesc/tei:titleStmt/tei:title[@type='main']")
             or _xpath_text(header, "tei:fileDesc/tei:titleStmt/tei:title") or "Untitled")
    subtitle = _xpath_text(header, "tei:fileDesc/tei:titleStmt/tei:title[@type='sub']")
    return title, subtitle


def _licence(header: etree._Element) -> tuple[str | None, str | None]:
    licence = header.find(f".//{T}publicationStmt/{T}availability/{T}licence")
    if licence is None:
        return _xpath_text(header, ".//tei:publicationStmt/tei:availability"), None
    return _text(licence), licence.get("target")


def _keywords(header: etree._Element) -> tuple[str, ...]:
    return tuple(normalise_space("".join(t.itertext())) for t in header.xpath(
        "tei:profileDesc/tei:textClass/tei:keywords//tei:term", namespaces=NSMAP))


def read_text_meta(root: etree._Element, text_id: str) -> TextMeta:
    header = root.find(f"{T}teiHeader")
    if header is None:
        return TextMeta(text_id, text_id, None, (), (), None,
                        root.get(XML_LANG, "en"), (), (), None, None, None)
    title, subtitle = _titles(header)
    licence, licence_url = _licence(header)
    sources = tuple(read_source(b) for b in header.xpath(
        "tei:fileDesc/tei:sourceDesc/tei:biblStruct | tei:fileDesc/tei:sourceDesc/tei:bibl",
        namespaces=NSMAP))
    date = (_xpath_text(header, "tei:profileDesc/tei:creation/tei:date/@when")
            or _xpath_text(header, "tei:profileDesc/tei:creation/tei:date/@notBefore")
            or next((s.date for s in sources if s.date), None))
    language = (root.get(XML_LANG)
                or _xpath_text(header, "tei:profileDesc/tei:langUsage/tei:language/@ident")
                or "en")
    return TextMeta(
        id=text_id, title=title, subtitle=subtitle,
        authors=_contributors(header, "tei:fileDesc/tei:titleStmt/tei:author"),
        editors=_contributors(header, "tei:fileDesc/tei:titleStmt/tei:editor"),
        date=date, language=language, keywords=_keywords(header), sources=sources,
        licence=licence, licence_url=licence_url,
        abstract=_xpath_text(header, "tei:profileDesc/tei:abstract"),
    )


def read_edition_meta(root: etree._Element, config: Config,
                      fallback_id: str | None = None) -> EditionMeta:
    header = root.find(f"{T}teiHeader")
    if header is None:
        header = etree.SubElement(etree.Element(f"{T}TEI"), f"{T}teiHeader")
    title, subtitle = _titles(header)
    licence, licence_url = _licence(header)
    pub = "tei:fileDesc/tei:publicationStmt"
    edition_id = (_xpath_text(header, f"{pub}/tei:idno[@type='edition-id']")
                  or fallback_id or root.get(XML_ID) or "edition")
    # the header's address is content: only a web URL may become the base of the
    # site's canonical links, citations and feeds (see edition.url_safety)
    base_url = config.base_url or web_url(_xpath_text(header, f"{pub}/tei:idno[@type='URL']"))
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    responsibilities = tuple(
        (_text(r.find(f"{T}resp")) or "", "; ".join(
            normalise_space("".join(n.itertext())) for n in r
            if isinstance(n.tag, str)  # not a comment
            and etree.QName(n).localname in {"persName", "orgName", "name"}))
        for r in header.xpath("tei:fileDesc/tei:titleStmt/tei:respStmt", namespaces=NSMAP))
    languages = tuple(header.xpath("tei:profileDesc/tei:langUsage/tei:language/@ident",
                                   namespaces=NSMAP)) or (root.get(XML_LANG, "en"),)
    return EditionMeta(
        id=edition_id, title=title, subtitle=subtitle,
        editors=_contributors(header, "tei:fileDesc/tei:titleStmt/tei:editor"),
        publisher=_xpath_text(header, f"{pub}/tei:publisher") or
        _xpath_text(header, f"{pub}/tei:authority") or "",
        place=_xpath_text(header, f"{pub}/tei:pubPlace"),
        date=_xpath_text(header, f"{pub}/tei:date/@when") or _xpath_text(header,
                                                                         f"{pub}/tei:date"),
        version=_xpath_text(header, "tei:fileDesc/tei:editionStmt/tei:edition/@n") or "0.0.0",
        licence=licence, licence_url=licence_url, base_url=base_url,
        doi=_doi(_xpath_text(header, f"{pub}/tei:idno[@type='DOI']"), config.doi),
        keywords=_keywords(header), languages=languages, responsibilities=responsibilities,
    )


def _doi(declared: str | None, reserved: str | None) -> str | None:
    """The header's DOI, else the one reserved in ``edition.toml``; the two must agree."""
    if declared and reserved and declared.lower() != reserved.lower():
        raise EditionError(f"the edition header declares DOI {declared}, but edition.toml's "
                           f"[deposit] doi is {reserved}: keep one of them",
                           rule="config-doi")
    return declared or reserved
