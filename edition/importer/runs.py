"""Formatted runs of a word-processor paragraph as TEI mixed content.

Readers turn a paragraph into pieces: `Run` (text with its formatting, e.g.
``("italic", "bold")``), `Raw` (markup made elsewhere: a note, a line or page break) and
`Link` (a hyperlink around further pieces). `render` merges neighbouring runs of the same
formatting and writes each formatting as one ``hi`` with all its values in ``@rend``
(``<hi rend="bold italic">``), so that Word's habit of splitting a word into many runs
leaves no trace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

# Word and ODF formatting as TEI @rend values (the names TEI Publisher and the TEI
# Stylesheets use).
REND_ORDER = ("bold", "italic", "underline", "superscript", "subscript", "smallcaps",
              "allcaps", "strikethrough")


@dataclass
class Run:
    text: str
    rend: tuple[str, ...] = ()


@dataclass
class Raw:
    """Markup made by a reader; ``text`` is what it contributes to the plain text."""

    markup: str
    text: str = ""


@dataclass
class Link:
    target: str
    pieces: list[Run | Raw | Link] = field(default_factory=list)


Piece = Run | Raw | Link
PAGE_MARK = "\ue001"  # a page break inside a paragraph, until the reader cuts it there


def ordered(values: set[str]) -> tuple[str, ...]:
    known = [v for v in REND_ORDER if v in values]
    return (*known, *sorted(values - set(REND_ORDER)))


def render(pieces: list[Piece]) -> tuple[str, str]:
    """(TEI mixed content, plain text) of ``pieces``; outer white space trimmed, a line
    break (``lb``) a new line of the plain text."""
    markup, text = _render(_merge(pieces))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return _trim(markup), "\n".join(line for line in lines if line)


def _merge(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Run) and not piece.text:
            continue
        last = merged[-1] if merged else None
        if isinstance(piece, Run) and isinstance(last, Run) and last.rend == piece.rend:
            merged[-1] = Run(last.text + piece.text, last.rend)
        elif isinstance(piece, Link):
            merged.append(Link(piece.target, _merge(piece.pieces)))
        else:
            merged.append(piece)
    return merged


def _render(pieces: list[Piece]) -> tuple[str, str]:
    markup: list[str] = []
    text: list[str] = []
    for piece in pieces:
        if isinstance(piece, Run):
            escaped = escape(piece.text)
            if piece.rend and piece.text.strip():
                escaped = _hi(piece.text, piece.rend)
            markup.append(escaped)
            text.append(piece.text)
        elif isinstance(piece, Raw):
            markup.append(piece.markup)
            text.append(piece.text)
        else:
            inner, inner_text = _render(piece.pieces)
            markup.append(f"<ref target={quoteattr(piece.target)}>{inner}</ref>")
            text.append(inner_text)
    return "".join(markup), "".join(text)


def _hi(text: str, rend: tuple[str, ...]) -> str:
    """White space at the edges stays outside the ``hi``."""
    stripped = text.strip()
    start = text.index(stripped)
    lead, tail = text[:start], text[start + len(stripped):]
    return (f"{escape(lead)}<hi rend={quoteattr(' '.join(rend))}>{escape(stripped)}</hi>"
            f"{escape(tail)}")


def _trim(markup: str) -> str:
    return markup.strip()


# ---------------------------------------------------------------------- TEI parts
# shared by the DOCX and ODT readers


def style_token(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name.strip()).strip("-") or "style"


def note_content(paragraphs: list[str]) -> str:
    paragraphs = [p.replace(PAGE_MARK, "") for p in paragraphs if p]
    if len(paragraphs) == 1:
        return paragraphs[0]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def table_row(header: bool, cells: list[list]) -> str:
    role = ' role="label"' if header else ""
    out = []
    for content, rows, cols in cells:
        spans = (f' rows="{rows}"' if rows > 1 else "") + (f' cols="{cols}"' if cols > 1 else "")
        out.append(f"<cell{spans}>{content}</cell>")
    return f"<row{role}>{''.join(out)}</row>"


def nested_list(items: list[tuple[int, str, str]], level: int) -> str:
    """Items of one level; deeper items form a list inside the item before them."""
    fmt = items[0][1]
    out: list[str] = []
    index = 0
    while index < len(items):
        item_level, _, markup = items[index]
        deeper = []
        index += 1
        while index < len(items) and items[index][0] > item_level:
            deeper.append(items[index])
            index += 1
        inner = nested_list(deeper, level + 1) if deeper else ""
        out.append(f"<item>{markup}{inner}</item>")
    return f"<list rend={quoteattr(fmt)}>{''.join(out)}</list>"
