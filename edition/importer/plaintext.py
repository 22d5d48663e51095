"""Read a plain-text or Markdown transcription into `Document` blocks.

Blocks are the runs of lines between blank lines. A line ``# Heading`` (Markdown, also
accepted in ``.txt``) is a heading of as many levels as it has ``#``; ``- item`` or
``1. item`` lines of a Markdown file make a list (two lines or more: a line of its own
that begins ``19.`` is a date, not a list); ``*italic*``, ``_italic_`` and
``**bold**`` become ``hi``. Page markers say where the source's pages turn: ``[p. 12]``,
``[S. 12]``, ``|12|`` or a form feed, alone on a line or inside a paragraph.
"""

from __future__ import annotations

import re

from edition.importer import inline
from edition.importer.blocks import split_blocks
from edition.importer.document import Block, Document

FORM_FEED = "\ue003"
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|(\d+)[.)])\s+(.+)$")
PAGE_MARK = re.compile(r"\[(?:p|pp|page|S|Seite|f|fol)\.?\s*(?P<a>\d+[rv]?)\]"
                       r"|\|(?P<b>\d+[rv]?)\||" + FORM_FEED)
_EMPHASIS = re.compile(r"\*\*?([^*]+)\*\*?|(?<![\w_])_([^_]+)_(?![\w_])")
_BOLD = re.compile(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*")
_UNDERSCORE = re.compile(r"(?<![\w_])_([^_\s](?:[^_]*[^_\s])?)_(?![\w_])")


def read_text(text: str, source_name: str, markdown: bool = False) -> Document:
    """The blocks of ``text`` (the content of ``source_name``)."""
    text = text.replace("\f", f"\n\n{FORM_FEED}\n\n")
    blocks: list[Block] = []
    for raw in split_blocks(text):
        blocks.extend(_blocks_of(raw.text, raw.line, markdown))
    return Document(source_name, blocks, fmt="md" if markdown else "txt")


def _blocks_of(text: str, line: int, markdown: bool) -> list[Block]:
    lines = text.split("\n")
    heading = _HEADING.match(lines[0].strip())
    if heading and len(lines) == 1:
        content = heading.group(2)
        return [Block("head", content, line_markup(content), line, len(heading.group(1)))]
    if markdown and len(lines) > 1 and all(_LIST_ITEM.match(x) for x in lines):
        return [_list(lines, line)]
    found = []
    for piece, number in _around_page_marks(lines, line):
        found.append(piece if isinstance(piece, Block) else _paragraph(piece, number))
    return found


def _around_page_marks(lines: list[str], start: int) -> list:
    """Lines grouped into paragraphs, with a page block for a marker on a line of its own."""
    found: list = []
    current: list[str] = []
    first = start
    for offset, text in enumerate(lines):
        mark = PAGE_MARK.fullmatch(text.strip())
        if mark:
            if current:
                found.append((current, first))
                current = []
            found.append((Block("pb", line=start + offset, n=_page(mark)), 0))
            continue
        if not current:
            first = start + offset
        current.append(text)
    if current:
        found.append((current, first))
    return found


def _page(mark: re.Match[str]) -> str | None:
    return mark.group("a") or mark.group("b")


def _paragraph(lines: list[str], line: int) -> Block:
    texts = [x.strip() for x in lines]
    plain = "\n".join(_plain(t) for t in texts)
    markup = line_markup(" ".join(texts))
    return Block("p", plain, markup, line, parts=[line_markup(t) for t in texts])


def _plain(line: str) -> str:
    """A line for recognition: page markers and emphasis marks taken out."""
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), PAGE_MARK.sub("", line))
    return " ".join(text.split())


def line_markup(text: str) -> str:
    """Escaped text with quotations, italics, bold, links and page markers marked up."""
    marked = inline.markup(text)
    marked = _BOLD.sub(r'<hi rend="bold">\1</hi>', marked)
    marked = _UNDERSCORE.sub(r'<hi rend="italic">\1</hi>', marked)
    return PAGE_MARK.sub(lambda m: f'<pb n="{m.group("a") or m.group("b")}"/>'
                         if _page(m) else "<pb/>", marked)


def _list(lines: list[str], line: int) -> Block:
    numbered = bool(_LIST_ITEM.match(lines[0]).group(1))
    items = [line_markup(_LIST_ITEM.match(x).group(2)) for x in lines]
    markup = (f'<list rend="{"numbered" if numbered else "bulleted"}">'
              + "".join(f"<item>{i}</item>" for i in items) + "</list>")
    text = " ".join(_LIST_ITEM.match(x).group(2) for x in lines)
    return Block("list", text, markup, line)

