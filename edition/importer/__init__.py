"""Transcriptions to TEI drafts.

`convert` is the whole import (inputs, kinds, many texts, the report); the readers
(`plaintext`, `wordml` for DOCX, `odf` for ODT) give blocks (`document`), from which
`letter`, `diary` and `compose` make letters, diaries and structured documents. This
module is the recogniser of printed books and articles in plain text.

The import is deterministic: the same transcription always gives the same TEI. It
recognises what a plain transcription shows -- title pages, front matter, a table of
contents, headings, paragraphs split by the printed page, direct speech, quotations,
a colophon and the furniture of web archives -- and leaves everything that needs
judgement (corrections, notes, names, dates) to the editor.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from edition.importer.blocks import split_blocks
from edition.importer.draft import Draft, PageRange
from edition.importer.furniture import Furniture, strip_furniture
from edition.importer.header import build_header
from edition.importer.joins import unjoin
from edition.importer.layout import indent
from edition.importer.page_numbers import number_pages
from edition.importer.speakers import Speakers
from edition.importer.structure import colophon, read_front_and_body, split_regions
from edition.importer.suspects import find_suspects
from edition.importer.text import build_text
from edition.importer.titlepage import read_title_pages
from edition.paths import TEI_NS, XML_ID, XML_LANG, T
from edition.problems import EditionError, Problem, display_path

TEXT_ID = re.compile(r"^[A-Za-z_][\w-]*$")
# Characters XML does not allow (a form feed is a page turn, see `plaintext`).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_PAGE_RANGE = re.compile(r"\b(\d{1,4})\s*[-–]\s*(\d{1,4})\.?\s*$")

__all__ = ["check_file", "import_file", "import_text", "read_transcription", "recognise"]


def import_file(path: Path, text_id: str, registers: Path | None = None) -> str:
    """The TEI draft (an XML string) of the plain-text transcription at ``path``."""
    return import_text(read_transcription(path), text_id, path.name,
                       Speakers.from_registers(registers))


def check_file(path: Path) -> list[Problem]:
    """Readings of the transcription at ``path`` that may be transcription errors."""
    return find_suspects(read_transcription(path), display_path(path))


def read_transcription(path: Path) -> str:
    """The text of ``path``, decoded as UTF-8 (a byte-order mark is dropped)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise EditionError(f"cannot read file: {error.strerror}", path=path,
                           rule="io") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise EditionError(f"not UTF-8: byte {data[error.start]:#04x} cannot be decoded",
                           path=path, line=line, column=1, rule="import-encoding") from None
    bad = _NOT_XML.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - text.rfind("\n", 0, bad.start())
        raise EditionError(f"control character U+{ord(bad.group()):04X} cannot stand in XML: "
                           "remove it", path=path, line=line, column=column,
                           rule="import-encoding")
    return text


def import_text(text: str, text_id: str, source_name: str = "<text>",
                speakers: Speakers | None = None,
                language: tuple[str, str] = ("en", "English")) -> str:
    """The TEI draft of ``text`` (the content of ``source_name``), a book or an article
    in ``language`` (tag, name). Paragraphs split by the printed page are joined only
    when the transcription shows its source's pages (a contents with page numbers, a
    cited page range)."""
    draft = recognise(text, text_id, source_name)
    if not draft.contents and draft.pages is None:
        unjoin(draft)
    root = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})
    root.set("type", "text")
    root.set(XML_ID, text_id)
    root.set(XML_LANG, language[0])
    root.append(build_header(draft, language))
    root.append(build_text(draft, speakers or Speakers()))
    indent(root)
    return etree.tostring(root, encoding="unicode", xml_declaration=False) + "\n"


def recognise(text: str, text_id: str, source_name: str = "<text>") -> Draft:
    """Everything the importer recognises in ``text``, before it is written as TEI."""
    if not TEXT_ID.match(text_id):
        raise EditionError(f"text id {text_id!r} is not a valid XML name "
                           "(use letters, digits, hyphens, e.g. kis1957)", rule="import-id")
    blocks, furniture = strip_furniture(split_blocks(text))
    if not blocks:
        raise EditionError("no text left after removing page furniture", path=source_name,
                           line=1, column=1, rule="import-empty")
    title_blocks, main_blocks, colophon_blocks = split_regions(blocks)
    title_pages, archive_heading = read_title_pages(title_blocks)
    if archive_heading:
        line = next(b.line for b in title_blocks if archive_heading in b.flat)
        furniture.append(Furniture("archive-heading", archive_heading, line))
        furniture.sort(key=lambda item: item.line)
    front, body, contents = read_front_and_body(main_blocks)
    if not body.paragraphs and not body.children:
        raise EditionError("no running text found after the title page and front matter",
                           path=source_name, line=1, column=1, rule="import-empty")
    draft = Draft(text_id, source_name, title_pages, front, body, colophon(colophon_blocks),
                  contents, furniture, _page_range(furniture), archive_heading)
    number_pages(draft)
    return draft


def _page_range(furniture: list[Furniture]) -> PageRange | None:
    """First and last page from the archive's citation (``..., 310-322.``)."""
    for item in furniture:
        match = _PAGE_RANGE.search(item.text) if item.kind == "archive-citation" else None
        if match and int(match.group(1)) <= int(match.group(2)):
            return PageRange(int(match.group(1)), int(match.group(2)))
    return None
