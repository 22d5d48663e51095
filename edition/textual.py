"""Reading TEI mixed content as text.

lxml splits mixed content into ``text`` and ``tail``: the text after a child element
belongs to that child's ``tail``, not to the parent. All code that turns TEI content
into plain text goes through this module so that the trap is handled once.

The *edited reading* is what a reader of the edition sees: corrections rather than
errors (``corr`` over ``sic``), regularised and expanded forms, the lemma of an
apparatus entry (or, in an ``app`` without ``lem``, its first reading), no notes, no
deletions. The *diplomatic reading* keeps the source's
forms instead (``sic``, ``orig``, ``abbr``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from edition.paths import XML_ID, T

# Elements whose whole content is left out of a reading.
SKIPPED_ALWAYS = {f"{T}note", f"{T}rdg", f"{T}rdgGrp", f"{T}witDetail", f"{T}fw", f"{T}figDesc"}
SKIPPED_EDITED = SKIPPED_ALWAYS | {f"{T}sic", f"{T}orig", f"{T}abbr", f"{T}del", f"{T}surplus"}
SKIPPED_DIPLOMATIC = SKIPPED_ALWAYS | {f"{T}corr", f"{T}reg", f"{T}expan", f"{T}supplied"}

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """Where an element's reading sits inside the reading of an enclosing element."""

    element: etree._Element
    start: int
    end: int


def _walk(element: etree._Element, skipped: set[str], spans: list[Span] | None,
          out: list[str], offset: list[int]) -> None:
    def emit(s: str | None) -> None:
        if s:
            out.append(s)
            offset[0] += len(s)

    start = offset[0]
    emit(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag not in skipped:
            _walk(child, skipped, spans, out, offset)
        elif child.tag == f"{T}rdg" and _stands_for_lemma(child):
            _walk(child, skipped, spans, out, offset)
        emit(child.tail)
    if spans is not None:
        spans.append(Span(element, start, offset[0]))


def _stands_for_lemma(rdg: etree._Element) -> bool:
    """An app without lem: its first reading stands in the text (in every output)."""
    app = rdg.getparent()
    return (app is not None and app.tag == f"{T}app" and app.find(f"{T}lem") is None
            and app.find(f"{T}rdg") is rdg)


def reading(element: etree._Element, *, diplomatic: bool = False) -> str:
    """The element's content as one line of text, white space normalised."""
    return normalise_space(raw_reading(element, diplomatic=diplomatic))


def raw_reading(element: etree._Element, *, diplomatic: bool = False) -> str:
    out: list[str] = []
    _walk(element, SKIPPED_DIPLOMATIC if diplomatic else SKIPPED_EDITED, None, out, [0])
    return "".join(out)


def reading_with_spans(element: etree._Element) -> tuple[str, list[Span]]:
    """The edited reading (not normalised) and the span of every element inside it."""
    out: list[str] = []
    spans: list[Span] = []
    _walk(element, SKIPPED_EDITED, spans, out, [0])
    return "".join(out), spans


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def local_name(element: etree._Element) -> str:
    tag = element.tag
    return _local_name(tag) if isinstance(tag, str) else ""


@lru_cache(maxsize=4096)
def _local_name(tag: str) -> str:
    """The local part of a tag (remembered: a document uses few tags, asked for often)."""
    return etree.QName(tag).localname


def source_only_words(root: etree._Element) -> dict[str, str]:
    """Paragraph reference → the words of its diplomatic reading missing from its edited
    reading (only for paragraphs where there are any)."""
    found: dict[str, str] = {}
    for element in root.iter(f"{T}p"):
        ref = element.get(XML_ID)
        if ref is None:
            continue
        edited = set(reading(element).split())
        extra = [w for w in dict.fromkeys(reading(element, diplomatic=True).split())
                 if w not in edited]
        if extra:
            found[ref] = " ".join(extra)
    return found
