"""Line numbers of lineated texts, and the line each apparatus entry is keyed to.

A text is lineated when it has verse lines (``l``), or when its ``citeStructure``
declares a unit "line" matched on ``lb``: then the edition follows the source's lines
and each ``lb`` starts a printed line (prose with ``lb @n`` and no such declaration is
run on as usual). Lines are counted through the text, or afresh in each element the
line ``citeStructure`` is nested in (``<citeStructure match="div"><citeStructure
match="l" unit="line"/>`` restarts the count in every division).

`stamp` writes what the stylesheets need on a copy of the document (``num:`` attributes,
as `edition.html.transform.numbered` does for note numbers), so that the web page and
the printed page read one rule:

- ``num:line`` on every ``l`` and line-starting ``lb``: its line number;
- ``num:line`` on every ``app`` and correction (``choice``): the line its lemma starts on;
- ``num:occ`` on an entry whose lemma occurs more than once on its line: which
  occurrence it is (reledmac's samewords);
- ``num:same`` on an entry keyed to the same line as the entry before it, which the
  printed apparatus separates with a bar instead of repeating the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from edition.paths import XML_ID
from edition.textual import T, reading, reading_with_spans

NUMBER_NS = "urn:edition:numbered"
LINE = f"{{{NUMBER_NS}}}line"
OCCURRENCE = f"{{{NUMBER_NS}}}occ"
SAME_LINE = f"{{{NUMBER_NS}}}same"

_OUTSIDE = {f"{T}teiHeader", f"{T}note", f"{T}rdg", f"{T}rdgGrp", f"{T}witDetail",
            f"{T}standOff"}
_STEP_NAME = re.compile(r"^([A-Za-z][\w.-]*)")


@dataclass(frozen=True)
class Lineation:
    """How a text counts its lines."""

    prose: bool
    """``lb`` starts a numbered line (the edition follows the source's lines)."""
    restart: str | None
    """The local name of the element lines are counted afresh in (None: the text)."""


def _line_structures(root: etree._Element) -> list[etree._Element]:
    return [c for c in root.iter(f"{T}citeStructure")
            if c.get("unit") == "line" or _last_step(c.get("match", "")) in {"l", "lb"}]


def _last_step(match: str) -> str:
    step = match.strip().rstrip("/").rsplit("/", 1)[-1]
    found = _STEP_NAME.match(step)
    return found.group(1) if found else ""


def lineation_of(root: etree._Element) -> Lineation | None:
    """The text's lineation, or None when it has no lines to number."""
    structures = _line_structures(root)
    prose = any(_last_step(c.get("match", "")) == "lb" for c in structures)
    if not prose and next(_lines(root, Lineation(False, None)), None) is None:
        return None
    restart = None
    if structures:
        parent = structures[0].getparent()
        if parent is not None and parent.tag == f"{T}citeStructure":
            restart = _last_step(parent.get("match", "")) or None
    return Lineation(prose, restart)


def _walk(element: etree._Element) -> Iterator[etree._Element]:
    """Elements of the reading text in document order, leaving out what is not printed
    on a line of the text (the header, notes, readings)."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _OUTSIDE:
            continue
        yield child
        yield from _walk(child)


def _lines(root: etree._Element, lineation: Lineation) -> Iterator[etree._Element]:
    for element in _walk(root):
        if element.tag == f"{T}l" or (lineation.prose and element.tag == f"{T}lb"):
            yield element


def stamp(document: etree._ElementTree) -> None:
    """Stamp line numbers and apparatus keys on ``document`` (changed in place)."""
    root = document.getroot()
    lineation = lineation_of(root)
    if lineation is None:
        return
    line = 0
    scope = 0
    words: dict[str, tuple[etree._Element, tuple[int, int], int]] = {}
    entries: list[tuple[int, tuple[int, int], etree._Element, etree._Element | None]] = []
    for place, element in enumerate(_walk(root)):
        name = etree.QName(element).localname
        if name == "text" or name == lineation.restart:
            line, scope = 0, scope + 1
        if name == "l" or (lineation.prose and name == "lb"):
            line += 1
            element.set(LINE, str(line))
        ref = element.get(XML_ID)
        if ref:
            words[ref] = (element, (scope, line), place)
        if name in {"app", "choice"} and _keyed(element):
            entries.append((place, (scope, line), element, None))
    # An entry attached by @from (and @to) to words of the text is keyed to the line of
    # its first word and stands, in the printed apparatus, after its last word.
    for index, (_, _, element, _) in enumerate(entries):
        first = words.get(attached_pointer(element, "from") or "")
        if first is not None:
            last = words.get(attached_pointer(element, "to") or "", first)
            entries[index] = (last[2], first[1], element, first[0])
    previous: tuple[int, int] | None = None
    for _, (entry_scope, entry_line), element, word in sorted(entries, key=lambda e: e[0]):
        if not entry_line:
            continue
        element.set(LINE, str(entry_line))
        if previous == (entry_scope, entry_line):
            element.set(SAME_LINE, "1")
        previous = (entry_scope, entry_line)
        occurrence = _occurrence(element if word is None else word, lineation)
        if occurrence:
            element.set(OCCURRENCE, str(occurrence))


def keys_printed_lines(root: etree._Element, lineated: bool) -> bool:
    """The text is prose whose printed lines are numbered page by page
    (`edition.pdf.page_lines`): it is not ``lineated`` (`lineation_of`, which the
    caller has found), and it has entries at the foot of the page to key to them
    (variants, corrections, sources)."""
    return not lineated and any(not any(a.tag in _OUTSIDE for a in e.iterancestors())
               and (e.tag == f"{T}app" or e.tag == f"{T}choice" and _keyed(e)
                    or e.tag == f"{T}note" and e.get("type") == "source")
               for e in root.iter(f"{T}app", f"{T}choice", f"{T}note"))


def attached_pointer(app: etree._Element, end: str) -> str | None:
    """The id an ``app`` without ``lem`` points at with ``@from`` or ``@to`` ("#w3"
    gives "w3"): an apparatus attached by double end-points."""
    if app.tag != f"{T}app" or app.find(f"{T}lem") is not None:
        return None
    pointer = (app.get(end) or "").strip()
    if not pointer.startswith("#") or " " in pointer:
        return None
    return pointer[1:]


def _keyed(element: etree._Element) -> bool:
    """An apparatus entry of its own (a choice is one only as a correction)."""
    if element.tag == f"{T}app":
        return True
    return any(c.tag in {f"{T}corr", f"{T}reg", f"{T}expan"} for c in element)


def _container(element: etree._Element, lineation: Lineation) -> etree._Element | None:
    for ancestor in element.iterancestors():
        if ancestor.tag == f"{T}l":
            return ancestor
        if lineation.prose and ancestor.tag in {f"{T}p", f"{T}ab", f"{T}head"}:
            return ancestor
    return None


def _occurrence(entry: etree._Element, lineation: Lineation) -> int:
    """Which occurrence on its line the entry's lemma is, when it occurs more than
    once there (0 otherwise)."""
    container = _container(entry, lineation)
    if container is None:
        return 0
    text, spans = reading_with_spans(container)
    at = next((s.start for s in spans if s.element is entry), None)
    if at is None:
        return 0
    breaks = sorted(s.start for s in spans if s.element.tag == f"{T}lb")
    start = max((b for b in breaks if b <= at), default=0)
    end = min((b for b in breaks if b > at), default=len(text))
    lemma = reading(entry)
    if not lemma:
        return 0
    words = r"\s+".join(re.escape(w) for w in lemma.split())
    pattern = re.compile(r"(?<!\w)" + words + r"(?!\w)")
    starts = [m.start() + start for m in pattern.finditer(text[start:end])]
    if len(starts) < 2:
        return 0
    return sum(1 for s in starts if s <= at)
