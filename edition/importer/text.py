"""Write the recognised structure as the TEI `text`: front, body and back."""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from edition.importer import inline
from edition.importer.contents import Entry, heading_key
from edition.importer.draft import Division, Draft, Paragraph, TitlePage
from edition.importer.speakers import Speakers
from edition.importer.speech import Speech, find_speech
from edition.importer.titlepage import iso_date
from edition.paths import TEI_NS, XML_ID, T

E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})


def build_text(draft: Draft, speakers: Speakers) -> etree._Element:
    writer = _Writer(draft, speakers)
    text = E.text()
    front = writer.front()
    if len(front):
        text.append(front)
    text.append(writer.body())
    if draft.back:
        text.append(E.back(*[writer.division(d, [d.n]) for d in draft.back]))
    return text


class _Writer:
    def __init__(self, draft: Draft, speakers: Speakers) -> None:
        self.draft = draft
        self.speakers = speakers
        self.ids: dict[str, str] = {}  # heading key -> division id, for the contents
        # With sections anywhere, paragraphs directly in a chapter are in section 0.
        self.sectioned = any(chapter.children for chapter in draft.body.children)

    def front(self) -> etree._Element:
        self._collect_ids(self.draft.body, [])
        front = E.front(*[_title_page(page) for page in self.draft.title_pages])
        for division in self.draft.front:
            front.append(self.division(division, [division.n]))
        return front

    def body(self) -> etree._Element:
        body = E.body()
        if self.draft.pages:
            body.append(E.pb(n=str(self.draft.pages.first)))
        root = self.draft.body
        prefix = ["0", "0"] if root.children else []
        self._paragraphs(body, root.paragraphs, prefix)
        for chapter in root.children:
            body.append(self.division(chapter, [chapter.n]))
        return body

    def division(self, division: Division, path: list[str]) -> etree._Element:
        element = E.div(type=division.kind, n=division.n)
        element.set(XML_ID, self._id(path))
        if division.head:
            element.append(E.head(division.head))
        if division.kind == "contents" and self.draft.contents:
            element.append(self._contents())
        prefix = path + ["0"] if self.sectioned and division.kind == "chapter" else path
        self._paragraphs(element, division.paragraphs, prefix)
        for child in division.children:
            element.append(self.division(child, path + [child.n]))
        return element

    def _paragraphs(self, parent: etree._Element, paragraphs: list[Paragraph],
                    path: list[str]) -> None:
        announced: Speech | None = None  # speech announced at the end of the paragraph before
        for number, paragraph in enumerate(paragraphs, start=1):
            content, announced = self._content(paragraph, announced)
            element = etree.fromstring(f'<p xmlns="{TEI_NS}">{content}</p>')
            element.set("n", str(number))
            element.set(XML_ID, self._id(path + [str(number)]))
            parent.append(element)

    def _content(self, paragraph: Paragraph,
                 announced: Speech | None) -> tuple[str, Speech | None]:
        """The paragraph's markup, and the speech it announces for the next paragraph."""
        text = inline.plain_text(paragraph)
        speech = announced or find_speech(text)
        start = 0 if announced else (speech.start if speech else len(text))
        lead, spoken = text[:start], text[start:]
        if speech is None or not spoken.strip():
            markup = inline.markup(text)
            return inline.place_joins(markup, paragraph.joins), None if announced else speech
        who = self.speakers.who(speech.speaker)
        markup = inline.markup(lead) + inline.said(inline.markup(spoken), who)
        return inline.place_joins(markup, paragraph.joins), None

    def _id(self, path: list[str]) -> str:
        return ".".join([self.draft.text_id, *path])

    def _collect_ids(self, division: Division, path: list[str]) -> None:
        for child in division.children:
            child_path = path + [child.n]
            if child.head:
                self.ids[heading_key(child.head)] = self._id(child_path)
            self._collect_ids(child, child_path)

    def _contents(self) -> etree._Element:
        toc = E.list(type="toc")
        chapter_list = None
        for entry in self.draft.contents:
            item = self._entry(entry)
            if entry.level == 1 or chapter_list is None:
                toc.append(item)
                chapter_list = item
            else:
                sections = chapter_list.find(f"{T}list")
                if sections is None:
                    sections = E.list()
                    chapter_list.append(sections)
                sections.append(item)
        return toc

    def _entry(self, entry: Entry) -> etree._Element:
        target = self.ids.get(heading_key(entry.title))
        label = E.ref(entry.title, target=f"#{target}") if target else E.label(entry.title)
        page = E.num(str(entry.page), type="page", value=str(entry.page))
        label.tail = " "
        return E.item(label, page)


def _title_page(page: TitlePage) -> etree._Element:
    element = E.titlePage(E.docTitle(E.titlePart(page.title, type="main")))
    title = element[0]
    for description in page.descriptions:
        title.append(E.titlePart(description, type="desc"))
    if page.publisher or page.place:
        imprint = E.docImprint()
        if page.publisher:
            imprint.append(E.publisher(page.publisher))
        if page.place:
            imprint.append(E.pubPlace(page.place))
        element.append(imprint)
    if page.date:
        date = E.docDate(page.date)
        when = iso_date(page.date)
        if when:
            date.set("when", when)
        element.append(date)
    return element
