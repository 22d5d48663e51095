"""The edition as plain data, read from parsed TEI.

Renderers, citation and packaging work from these dataclasses. Only `Text.tree` keeps
the parsed TEI, for the XSLT stage that renders a text's mixed content; templates never
receive lxml elements.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from lxml import etree

from edition.config import Config
from edition.metadata import EditionMeta, TextMeta, read_edition_meta, read_text_meta
from edition.nesting import InnerText, inner_texts
from edition.paths import NSMAP, XML_ID
from edition.problems import EditionError
from edition.sources import Kind, SourceFile
from edition.textual import T, local_name, normalise_space, reading, reading_with_spans


class EntityKind(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORG = "org"
    EVENT = "event"

    @property
    def noun(self) -> str:
        """One entry of the kind, as a label: ``Person``, ``Organisation``."""
        return _KIND_NOUNS[self.value]

    @property
    def plural(self) -> str:
        """The kind in file and page names: ``persons``, ``organisations``."""
        return f"{self.noun.lower()}s"

    @property
    def heading(self) -> str:
        """The kind as a register's or an index's heading: ``Persons``, ``Organisations``."""
        return f"{self.noun}s"


_KIND_NOUNS = {"person": "Person", "place": "Place", "org": "Organisation", "event": "Event"}
"""The one place the kinds are named; every label, file and page name derives from it."""


# Register list element → kind of its entries.
LIST_KINDS = {"listPerson": EntityKind.PERSON, "listPlace": EntityKind.PLACE,
              "listOrg": EntityKind.ORG, "listEvent": EntityKind.EVENT}
ENTRY_TAGS = {"person": EntityKind.PERSON, "personGrp": EntityKind.PERSON,
              "place": EntityKind.PLACE, "org": EntityKind.ORG, "event": EntityKind.EVENT}
# Mention element in a text → kind it must point at.
MENTION_TAGS = {"persName": EntityKind.PERSON, "placeName": EntityKind.PLACE,
                "orgName": EntityKind.ORG, "name": None, "rs": None}

AUTHORITY_URLS = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "geonames": "https://www.geonames.org/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "gnd": "https://d-nb.info/gnd/{}",
    "lcnaf": "https://id.loc.gov/authorities/names/{}",
}


@dataclass(frozen=True)
class Authority:
    scheme: str
    value: str

    @property
    def url(self) -> str | None:
        pattern = AUTHORITY_URLS.get(self.scheme.lower())
        return pattern.format(self.value) if pattern else None


@dataclass
class Entry:
    """One person, place, organisation or event of a register."""

    id: str
    kind: EntityKind
    name: str
    variants: list[str]
    identification: str
    dates: str
    """Human-readable dates: life span, founding and dissolution, or event dates."""
    when: str | None
    """An ISO date (or start of a range) for ordering events; None when undated."""
    authorities: list[Authority]
    coordinates: tuple[float, float] | None
    path: Path
    line: int
    sort_key: str
    index_name: str = ""
    """The name as an index lists it: "Lincoln, Abraham", "Kim Il Sung"."""
    facts: list[tuple[str, str]] = field(default_factory=list)
    """(label, text) of what else the entry records: birth and death with their places,
    occupation, residence, affiliation, further notes."""


@dataclass
class Register:
    kind: EntityKind
    title: str
    path: Path
    entries: list[Entry]


@dataclass(frozen=True)
class Mention:
    """A tagged name in a text, with its keyword-in-context snippet."""

    entry_id: str
    kind: EntityKind | None
    surface: str
    text_id: str
    paragraph: str
    before: str
    after: str


@dataclass(frozen=True)
class DateMention:
    surface: str
    when: str | None
    from_: str | None
    to: str | None
    not_before: str | None
    not_after: str | None
    cert: str | None
    text_id: str
    paragraph: str
    before: str
    after: str

    @property
    def sort_key(self) -> str:
        return self.when or self.from_ or self.not_before or self.to or self.not_after or ""


@dataclass
class Paragraph:
    """A citable paragraph: its canonical reference is its ``xml:id``."""

    ref: str
    n: str
    text_id: str
    division: str | None
    reading: str
    page: str | None
    """Source page on which the paragraph begins (``pb/@n`` before it), if known."""


@dataclass
class Division:
    ref: str | None
    n: str | None
    type: str | None
    head: str
    level: int
    children: list[Division] = field(default_factory=list)


@dataclass
class Text:
    id: str
    path: Path
    meta: TextMeta
    tree: etree._ElementTree
    paragraphs: list[Paragraph]
    divisions: list[Division]
    mentions: list[Mention]
    dates: list[DateMention]

    def paragraph(self, ref: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.ref == ref), None)


@dataclass
class Edition:
    meta: EditionMeta
    config: Config
    source: Path
    header_path: Path | None
    texts: list[Text]
    registers: dict[EntityKind, Register]
    entries: dict[str, Entry]
    introduction: etree._Element | None = None
    """The edition header's ``div type="introduction"``, rendered by the XSLT stage."""

    def text(self, text_id: str) -> Text | None:
        return self._texts_by_id().get(text_id)

    def _texts_by_id(self) -> dict[str, Text]:
        """Texts by id (the first in edition order for an id that is not unique), kept
        while ``texts`` is the same list of the same length."""
        texts = self.texts
        cached = self.__dict__.get("_by_id")
        if cached is None or cached[0] is not texts or cached[1] != len(texts):
            index: dict[str, Text] = {}
            for text in texts:
                index.setdefault(text.id, text)
            cached = (texts, len(texts), index)
            self.__dict__["_by_id"] = cached
        return cached[2]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_by_id", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def find_paragraph(self, ref: str) -> Paragraph | None:
        text_id = ref.split(".", 1)[0]
        text = self.text(text_id)
        return text.paragraph(ref) if text else None

    def mentions_of(self, entry_id: str) -> list[Mention]:
        return [m for t in self.texts for m in t.mentions if m.entry_id == entry_id]

    @property
    def all_dates(self) -> list[DateMention]:
        return sorted((d for t in self.texts for d in t.dates),
                      key=lambda d: (d.sort_key, d.text_id, d.paragraph))


# ---------------------------------------------------------------- registers

def _first_text(entry: etree._Element, xpath: str) -> str:
    found = entry.xpath(xpath, namespaces=NSMAP)
    return normalise_space("".join(found[0].itertext())) if found else ""


def _entry_names(entry: etree._Element) -> tuple[str, list[str]]:
    names = [e for e in entry if local_name(e) in
             {"persName", "placeName", "orgName", "label", "name", "geogName"}]
    if not names:
        return entry.get(XML_ID, ""), []
    main = next((e for e in names if e.get("type") == "main"), names[0])
    main_text = normalise_space("".join(main.itertext()))
    variants = []
    for e in names:
        text = normalise_space("".join(e.itertext()))
        if e is not main and text and text != main_text and text not in variants:
            variants.append(text)
    return main_text, variants


def _span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start} – {end}"
    return start or (f"until {end}" if end else "")


def _date_value(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    for attribute in ("when", "from", "notBefore", "to", "notAfter"):
        if element.get(attribute):
            return element.get(attribute)
    return None


def _entry_dates(entry: etree._Element, kind: EntityKind) -> tuple[str, str | None]:
    if kind is EntityKind.PERSON:
        birth = _date_value(entry.find(f"{T}birth"))
        death = _date_value(entry.find(f"{T}death"))
        if bool(birth) != bool(death):  # a living person, or one whose birth is unknown
            return (f"born {birth}" if birth else f"died {death}"), birth
        return _span(birth, death), birth
    if kind is EntityKind.EVENT:
        start = entry.get("when") or entry.get("from") or entry.get("notBefore")
        end = entry.get("to") or entry.get("notAfter")
        return (start if entry.get("when") else _span(start, end)), start
    founded = next((_date_value(e) for e in entry.iter(f"{T}event", f"{T}state")
                    if e.get("type") in {"founding", "foundation", "established"}), None)
    dissolved = next((_date_value(e) for e in entry.iter(f"{T}event", f"{T}state")
                      if e.get("type") in {"dissolution", "dissolved"}), None)
    return _span(founded, dissolved), founded


def _coordinates(entry: etree._Element) -> tuple[float, float] | None:
    geo = entry.find(f"{T}location/{T}geo")
    if geo is None or not geo.text:
        return None
    try:
        lat, lon = (float(v) for v in geo.text.replace(",", " ").split())
    except ValueError:
        return None
    return lat, lon


PARTICLES = ("al-", "el-", "de ", "van ", "von ", "da ", "di ")


def _structured_name(element: etree._Element) -> tuple[str, str] | None:
    """(index form, sort form) of a main name encoded with ``surname`` and ``forename``.

    A name written forename first ("Abraham Lincoln") is indexed inverted ("Lincoln,
    Abraham"); one written surname first, as East Asian names are ("Kim Il Sung"), is
    indexed as written. Both sort by surname, ignoring a lower-case particle.
    """
    main = element.find(f"{T}persName[@type='main']")
    if main is None:
        return None
    surname, forename = main.find(f"{T}surname"), main.find(f"{T}forename")
    if surname is None:
        return None
    family = normalise_space("".join(surname.itertext()))
    given = normalise_space("".join(forename.itertext())) if forename is not None else ""
    given_first = forename is not None and main.index(forename) < main.index(surname)
    index_form = f"{family}, {given}" if given_first and given else normalise_space(
        "".join(main.itertext()))
    sort_form = family
    for particle in PARTICLES:
        if sort_form.startswith(particle):
            sort_form = sort_form[len(particle):]
    return index_form, f"{sort_form} {given}"


FACT_LABELS = {"birth": "Born", "death": "Died", "floruit": "Active", "occupation": "Occupation",
               "residence": "Residence", "affiliation": "Affiliation", "education": "Education",
               "faith": "Faith", "nationality": "Nationality", "state": "State",
               "trait": "Trait", "note": "Note", "country": "Country", "region": "Region",
               "settlement": "Settlement", "event": "Event", "location": "Location",
               "noteGrp": "Notes", "sex": "Sex", "gender": "Gender", "age": "Age",
               "socecStatus": "Social status", "langKnowledge": "Languages"}


def _fact_text(fact: etree._Element) -> str:
    """The plain text of one statement; a location's coordinates are shown on its map,
    not repeated as text."""
    if local_name(fact) == "location" and fact.find(f".//{T}geo") is not None:
        fact = copy.deepcopy(fact)
        etree.strip_elements(fact, f"{T}geo", with_tail=False)
    return normalise_space("".join(fact.itertext()))


def _entry_facts(entry: etree._Element) -> list[tuple[str, str]]:
    """The entry's other statements, in order, each as its plain text (an identifying
    note is shown as the identification already)."""
    facts = []
    for child in entry:
        name = local_name(child)
        if name not in FACT_LABELS or (name == "note" and child.get("type") == "identification"):
            continue
        text = _fact_text(child)
        date = _date_value(child) if name in {"birth", "death", "floruit", "event"} else None
        if date and date not in text:
            text = f"{date} {text}".strip()
        if text:
            facts.append((FACT_LABELS[name], text))
    return facts


def _read_entry(element: etree._Element, kind: EntityKind, path: Path) -> Entry:
    name, variants = _entry_names(element)
    index_name, sort_name = _structured_name(element) or (name, name)
    dates, when = _entry_dates(element, kind)
    identification = _first_text(element, "tei:note[@type='identification'] | tei:desc")
    authorities = [Authority(i.get("type", ""), normalise_space(i.text or ""))
                   for i in element.findall(f"{T}idno") if (i.text or "").strip()]
    return Entry(
        id=element.get(XML_ID, ""), kind=kind, name=name, variants=variants,
        identification=identification, dates=dates, when=when, authorities=authorities,
        coordinates=_coordinates(element), path=path, line=element.sourceline or 0,
        sort_key=sort_key(sort_name, kind), index_name=index_name,
        facts=_entry_facts(element),
    )


def sort_key(name: str, kind: EntityKind) -> str:
    """Alphabetical key: leading articles ignored, case folded.

    Diacritics do not count (Kádár files with Kissinger's neighbours under K-a). A person
    whose main name is encoded with ``surname``/``forename`` is sorted by surname.
    """
    key = "".join(c for c in unicodedata.normalize("NFKD", name.casefold())
                  if not unicodedata.combining(c))
    for article in ("the ", "a "):
        if key.startswith(article):
            key = key[len(article):]
    return key


def read_registers(sources: list[SourceFile]) -> dict[EntityKind, Register]:
    registers: dict[EntityKind, Register] = {}
    for source in sources:
        if source.kind is not Kind.REGISTER:
            continue
        title = _first_text(source.tree.getroot(), "tei:teiHeader//tei:titleStmt/tei:title")
        for list_name, kind in LIST_KINDS.items():
            for listing in source.tree.getroot().iter(f"{T}{list_name}"):
                entries = [_read_entry(e, kind, source.path) for e in listing
                           if local_name(e) in ENTRY_TAGS and e.get(XML_ID)]
                register = registers.setdefault(kind, Register(kind, title or kind.plural,
                                                               source.path, []))
                register.entries.extend(entries)
    for register in registers.values():
        register.entries.sort(key=lambda e: (e.sort_key, e.id))
    return registers


# ---------------------------------------------------------------- texts

CONTEXT_CHARS = 60


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = normalise_space(text[max(0, start - CONTEXT_CHARS):start])
    after = normalise_space(text[end:end + CONTEXT_CHARS])
    if start > CONTEXT_CHARS:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if len(text) - end > CONTEXT_CHARS:
        after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
    if text[start - 1:start].isspace():
        before += " "
    if text[end:end + 1].isspace():
        after = " " + after
    return before, after


def _pointer_id(value: str) -> str:
    """``#kim-il-sung`` or ``registers/persons.xml#kim-il-sung`` → ``kim-il-sung``."""
    return value.split("#", 1)[1] if "#" in value else value


BLOCK_TAGS = {"p", "head", "note", "l", "ab", "item", "cell", "label", "titlePart", "docTitle",
              "byline", "dateline", "salute", "signed", "trailer", "closer", "opener"}


def _anchor(block: etree._Element, text_id: str) -> str:
    """The citable place a block belongs to: its own paragraph, or the nearest enclosing
    paragraph or division with an id, else the text."""
    for candidate in (block, *block.iterancestors()):
        if local_name(candidate) in {"p", "div"} and candidate.get(XML_ID):
            return candidate.get(XML_ID)
    return text_id


def _block_annotations(block: etree._Element, text_id: str
                       ) -> tuple[list[Mention], list[DateMention]]:
    """Names and dates whose nearest enclosing block is ``block``, with their context."""
    text, spans = reading_with_spans(block)  # a note given as the root is read, not skipped
    ref = _anchor(block, text_id)
    mentions: list[Mention] = []
    dates: list[DateMention] = []
    for span in spans:
        element, name = span.element, local_name(span.element)
        if element is block or _nearest_block(element) is not block:
            continue
        surface = normalise_space(text[span.start:span.end])
        before, after = _context(text, span.start, span.end)
        if name in MENTION_TAGS and element.get("ref"):
            kind = MENTION_TAGS[name]
            if name in {"name", "rs"}:
                kind = EntityKind.EVENT if element.get("type") == "event" else None
            mentions.extend(Mention(_pointer_id(target), kind, surface, text_id, ref, before,
                                    after) for target in element.get("ref", "").split())
        elif name == "date":
            dates.append(DateMention(
                surface, element.get("when"), element.get("from"), element.get("to"),
                element.get("notBefore"), element.get("notAfter"), element.get("cert"),
                text_id, ref, before, after))
    return mentions, dates


def _nearest_block(element: etree._Element) -> etree._Element | None:
    return next((a for a in element.iterancestors() if local_name(a) in BLOCK_TAGS), None)


def _divisions(parent: etree._Element, level: int) -> list[Division]:
    result = []
    for div in parent.iterchildren(f"{T}div"):
        head = div.find(f"{T}head")
        result.append(Division(
            ref=div.get(XML_ID), n=div.get("n"), type=div.get("type"),
            head=reading(head) if head is not None else (
                div.get("n") or (div.get("subtype") or div.get("type") or "").capitalize()),
            level=level, children=_divisions(div, level + 1)))
    return result


def _text_divisions(text: etree._Element, level: int,
                    inner: dict[etree._Element, InnerText]) -> list[Division]:
    """The divisions of a text's front, body and back, and its inner texts (each a
    division of type "text" holding its own), in document order."""
    result: list[Division] = []
    for part in text.iterchildren(f"{T}front", f"{T}body", f"{T}back", f"{T}group"):
        if part.tag == f"{T}group":
            result.extend(_group_divisions(part, level, inner))
        else:
            result.extend(_divisions(part, level))
    return result


def _group_divisions(group: etree._Element, level: int,
                     inner: dict[etree._Element, InnerText]) -> list[Division]:
    result: list[Division] = []
    for child in group.iterchildren(f"{T}text", f"{T}group"):
        if child.tag == f"{T}group":
            result.extend(_group_divisions(child, level, inner))
            continue
        found = inner[child]
        result.append(Division(found.anchor, found.ref, "text", found.head, level,
                               _text_divisions(child, level + 1, inner)))
    return result


def read_text(source: SourceFile) -> Text:
    root = source.tree.getroot()
    text_id = root.get(XML_ID) or source.path.stem
    text_element = root.find(f"{T}text")
    if text_element is None:
        text_element = root.find(f"{T}sourceDoc")  # a genetic transcription only
    if text_element is None:
        raise EditionError("TEI text has no <text> element", path=source.path,
                           line=root.sourceline or 0, rule="text-missing")
    paragraphs: list[Paragraph] = []
    mentions: list[Mention] = []
    dates: list[DateMention] = []
    page: str | None = None
    for element in text_element.iter(f"{T}pb", f"{T}p"):
        if element.tag == f"{T}pb":
            page = element.get("n") or page
            continue
        if element.getparent() is not None and local_name(element.getparent()) in {
                "note", "item", "cell", "quote", "said", "q"} or element.get(XML_ID) is None:
            continue
        ref = element.get(XML_ID)
        start_page = page
        # A page that turns inside the paragraph counts for what follows it.
        for pb in element.iter(f"{T}pb"):
            page = pb.get("n") or page
        division = next((a.get(XML_ID) for a in element.iterancestors(f"{T}div")), None)
        paragraphs.append(Paragraph(ref, element.get("n") or ref.rsplit(".", 1)[-1], text_id,
                                    division, reading(element), start_page))
    for block in text_element.iter(*(f"{T}{b}" for b in BLOCK_TAGS)):
        found_mentions, found_dates = _block_annotations(block, text_id)
        mentions.extend(found_mentions)
        dates.extend(found_dates)
    inner = {found.element: found for found in inner_texts(root)}
    divisions = _text_divisions(text_element, 1, inner)
    return Text(text_id, source.path, read_text_meta(root, text_id), source.tree, paragraphs,
                divisions, mentions, dates)


# ---------------------------------------------------------------- edition

def build_model(sources: list[SourceFile], config: Config, source_dir: Path,
                texts: list[Text] | None = None) -> Edition:
    """The edition as data. Assumes the sources have passed validation.

    ``texts``, when given, are the texts already modelled (by worker processes or from
    the build cache); the text sources are then not read again.
    """
    header = next((s for s in sources if s.kind is Kind.EDITION), None)
    if texts is None:
        texts = [read_text(s) for s in sources if s.kind is Kind.TEXT]
    texts = list(texts)
    texts.sort(key=lambda t: (t.meta.sort_date or "", t.id))
    registers = read_registers(sources)
    entries = {e.id: e for r in registers.values() for e in r.entries}
    if header is not None:
        meta = read_edition_meta(header.tree.getroot(), config)
        introduction = header.tree.getroot().find(
            f"{T}text/{T}body/{T}div[@type='introduction']")
    elif texts:
        meta = read_edition_meta(texts[0].tree.getroot(), config, fallback_id=texts[0].id)
        introduction = None
    elif registers:  # a register published on its own (a personography)
        first = next(s for s in sources if s.kind is Kind.REGISTER)
        meta = read_edition_meta(first.tree.getroot(), config, fallback_id=first.path.stem)
        introduction = None
    else:
        raise EditionError("no TEI texts found", path=source_dir, rule="no-texts")
    return Edition(meta, config, source_dir, header.path if header else None, texts,
                   registers, entries, introduction)


def load_edition(source: Path, config: Config | None = None) -> Edition:
    """Parse and model an edition folder without validating it (for tools and tests)."""
    from edition.config import load_config
    from edition.sources import load_sources

    return build_model(load_sources([source]), config or load_config(source), source)
