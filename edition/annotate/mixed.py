"""Where text may be tagged, and how a run of text is split around new elements.

lxml keeps the text of mixed content in two places: ``element.text`` (before the first
child) and ``child.tail`` (after each child, although it belongs to the parent). A *slot*
names one of these strings. Every piece of code in the annotator that reads or changes
running text goes through this module, so the text/tail trap is handled in one place.

Tagging never crosses an element boundary: a match is always inside one slot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from edition.paths import T

# Names and dates are already tagged inside these; their content is never tagged again.
TAGGED = {f"{T}{n}" for n in ("persName", "placeName", "orgName", "name", "rs", "date",
                              "docDate", "time", "geogName", "roleName")}
# Content that is not the text's own running prose, or is the source's uncorrected
# reading: the header, source errors and original spellings, editorial notes, titles of
# works (quoted whole), foreign words, glosses, mentioned words, identifiers and links,
# and the corrected reading of a choice (a name inside a choice is tagged around the
# whole choice, see `whole_reading`).
EXCLUDED = TAGGED | {f"{T}{n}" for n in (
    "teiHeader", "sic", "orig", "corr", "reg", "abbr", "expan", "note", "title", "foreign",
    "gloss", "mentioned", "term", "idno", "ref", "ptr", "email", "num", "rdg", "fw",
    "figDesc", "standOff",
)}


@dataclass(frozen=True)
class Slot:
    """One run of text: ``element.text`` (``where="text"``) or ``element.tail``."""

    element: etree._Element
    where: str

    @property
    def value(self) -> str:
        return (self.element.text if self.where == "text" else self.element.tail) or ""

    @property
    def container(self) -> etree._Element:
        """The element whose content the text is part of."""
        return self.element if self.where == "text" else self.element.getparent()


@dataclass(frozen=True)
class Found:
    """Something met in document order: a taggable slot, or an element already tagged."""

    slot: Slot | None = None
    tagged: etree._Element | None = None


def is_tag(element: object) -> bool:
    return isinstance(getattr(element, "tag", None), str)


def walk(root: etree._Element) -> Iterator[Found]:
    """Taggable slots and already-tagged elements below ``root`` (inclusive), in document
    order. Excluded subtrees are not entered; their tails are still running text."""
    yield from _walk(root)


def _walk(element: etree._Element) -> Iterator[Found]:
    if element.tag in TAGGED:
        yield Found(tagged=element)
        return
    if element.tag in EXCLUDED:
        return
    if element.text:
        yield Found(slot=Slot(element, "text"))
    for child in element:
        if is_tag(child):
            yield from _walk(child)
        if child.tail:
            yield Found(slot=Slot(child, "tail"))


def whole_reading(element: etree._Element) -> str | None:
    """The reading of a ``choice`` (its correction, regularisation or expansion) or of a
    ``foreign`` word: the text a name in it would have."""
    if element.tag == f"{T}foreign":
        return "".join(element.itertext())
    for name in ("corr", "reg", "expan"):
        found = element.find(f"{T}{name}")
        if found is not None:
            return "".join(found.itertext())
    return None


def taggable_wholes(root: etree._Element) -> list[etree._Element]:
    """``choice`` and ``foreign`` elements below ``root`` standing in taggable running
    text: a name can be tagged around them as a whole, never inside them."""
    return [c for c in root.iter(f"{T}choice", f"{T}foreign")
            if _in_running_text(c.getparent(), root)]


def _in_running_text(element: etree._Element | None, root: etree._Element) -> bool:
    while element is not None:
        if element.tag in EXCLUDED:
            return False
        if element is root:
            return True
        element = element.getparent()
    return True


Maker = Callable[[str], etree._Element]


def split(slot: Slot, spans: list[tuple[int, int, Maker]]) -> list[etree._Element]:
    """Wrap the given character spans of ``slot`` in new elements, in place.

    ``spans`` are non-overlapping ``(start, end, make)`` in any order; ``make(text)``
    returns a new element whose content is ``text``. The text before the first span stays
    where it was; each new element takes the text after it as its tail. Returns the new
    elements in order.
    """
    if not spans:
        return []
    text = slot.value
    ordered = sorted(spans, key=lambda s: s[0])
    new: list[etree._Element] = []
    for (start, end, make), following in zip(ordered, [*ordered[1:], None], strict=True):
        element = make(text[start:end])
        element.tail = text[end:following[0] if following else len(text)] or None
        new.append(element)
    head = text[:ordered[0][0]] or None
    if slot.where == "text":
        parent, index = slot.element, 0
        parent.text = head
    else:
        parent = slot.element.getparent()
        index = parent.index(slot.element) + 1
        slot.element.tail = head
    for offset, element in enumerate(new):
        parent.insert(index + offset, element)
    return new


def wrap(element: etree._Element, wrapper: etree._Element) -> etree._Element:
    """Put ``wrapper`` where ``element`` is and ``element`` inside it; the tail moves out."""
    parent = element.getparent()
    wrapper.tail, element.tail = element.tail, None
    parent.replace(element, wrapper)
    wrapper.append(element)
    return wrapper
