"""The two edited texts keep the structure the importer found and the words of the sources.

The texts in tei/texts/ were imported and then completed by hand (header, corrections,
notes) and are tagged for names and dates afterwards. These tests hold them to the raw
transcriptions: every paragraph, read as transcribed (``sic`` rather than ``corr``,
without notes), must be the paragraph the importer reads in the source, and every
division and paragraph must carry the canonical id of docs/encoding.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from edition.importer import inline, recognise
from edition.importer.draft import Division, Draft
from edition.paths import NSMAP, XML_ID
from edition.textual import reading

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {
    "kis1957": "kim-il-sung-1957-friendship-and-solidarity.txt",
    "flph2025": "flph-2025-defending-independence-and-equality.txt",
}
_MARKS = re.compile(r"[\"“”*]")


def xpath(node: etree._Element, path: str) -> list:
    return node.xpath(path, namespaces=NSMAP)


@pytest.fixture(scope="module", params=sorted(TEXTS))
def edited(request) -> tuple[str, etree._Element, Draft]:
    text_id = request.param
    root = etree.parse(str(ROOT / "tei" / "texts" / f"{text_id}.xml")).getroot()
    source = (ROOT / "tei" / "sources" / TEXTS[text_id]).read_text(encoding="utf-8")
    return text_id, root, recognise(source, text_id)


def _source_paragraphs(division: Division) -> list[str]:
    found = [_as_transcribed(inline.plain_text(p)) for p in division.paragraphs]
    for child in division.children:
        found.extend(_source_paragraphs(child))
    return found


def _as_transcribed(text: str) -> str:
    """Source text without quotation marks and Markdown asterisks, which become markup."""
    return " ".join(_MARKS.sub("", text.replace(inline.JOIN_MARK, "")).split())


def test_every_body_paragraph_reads_as_the_transcription_reads(edited):
    _, root, draft = edited
    tei = [_MARKS.sub("", reading(p, diplomatic=True)) for p in xpath(root, "//tei:body//tei:p")]
    source = _source_paragraphs(draft.body)
    assert len(tei) == len(source)
    for number, (ours, theirs) in enumerate(zip(tei, source, strict=True), start=1):
        assert " ".join(ours.split()) == theirs, f"paragraph {number} differs from the source"


def test_every_division_and_paragraph_has_its_canonical_id(edited):
    text_id, root, _ = edited
    for element in xpath(root, "//tei:text//tei:div | //tei:text//tei:div//tei:p | "
                               "//tei:body/tei:p"):
        assert element.get(XML_ID) == _canonical_id(text_id, element), element.get(XML_ID)


def _canonical_id(text_id: str, element: etree._Element) -> str:
    path = [a.get("n") for a in reversed(list(element.iterancestors(f"{{{NSMAP['tei']}}}div")))]
    path.append(element.get("n"))
    parent = element.getparent()
    in_chapter = etree.QName(element).localname == "p" and parent.get("type") == "chapter"
    sectioned = bool(xpath(element, "//tei:body/tei:div/tei:div[@type='section']"))
    if in_chapter and sectioned:
        path.insert(-1, "0")
    return ".".join([text_id, *path])


def test_paragraphs_are_numbered_from_one_in_each_division(edited):
    _, root, _ = edited
    for parent in xpath(root, "//tei:body | //tei:text//tei:div"):
        numbers = [p.get("n") for p in xpath(parent, "tei:p")]
        assert numbers == [str(i) for i in range(1, len(numbers) + 1)]


def test_every_correction_and_note_names_a_responsible_editor_of_the_header(edited):
    _, root, _ = edited
    declared = {f"#{i}" for i in xpath(root, "//tei:teiHeader//tei:editor/@xml:id")}
    for element in xpath(root, "//tei:corr | //tei:note[@type='editorial']"):
        assert element.get("resp") in declared


def test_the_1957_article_records_its_nine_corrections_and_the_title_variant():
    root = etree.parse(str(ROOT / "tei/texts/kis1957.xml")).getroot()
    pairs = [(c.findtext(f"{{{NSMAP['tei']}}}sic"), c.findtext(f"{{{NSMAP['tei']}}}corr"))
             for c in xpath(root, "//tei:choice")]
    assert ("of", "off") in pairs and ("counter-revoluti6nary", "counter-revolutionary") in pairs
    assert len(pairs) == 9
    assert xpath(root, "//tei:titlePart//tei:rdg/@wit") == ["#kis1957-record"]
    assert xpath(root, "//tei:body//tei:pb/@n") == ["310"]


def test_the_book_keeps_its_52_page_turns_and_the_one_page_number_that_is_known():
    root = etree.parse(str(ROOT / "tei/texts/flph2025.xml")).getroot()
    assert xpath(root, "count(//tei:body//tei:pb[@break='no'])") == 52
    assert xpath(root, "//tei:pb/@n") == ["6"]
    assert xpath(root, "count(//tei:body/tei:div[@type='chapter'])") == 6
    assert xpath(root, "count(//tei:div[@type='section'])") == 8
