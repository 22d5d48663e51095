"""Annotating one TEI document: names and dates in the running text of ``text``.

The walk goes through the document in reading order, so that two kinds of context are
known at every point: the entries already mentioned (an ambiguous name is read as the
candidate mentioned most recently before it, or left for the editor) and the last year
the narrative stated (a day and month without a year take it, with ``@cert="medium"``).
Names and dates already tagged count as context and are never tagged again, which is what
makes a second run change nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.annotate import mixed
from edition.annotate.candidates import candidates
from edition.annotate.dates import DateMatch, find_dates
from edition.annotate.gazetteer import Gazetteer, Target
from edition.annotate.names import NameMatch, find_names
from edition.model import EntityKind
from edition.paths import XML_LANG, T
from edition.problems import Problem, Severity, display_path

COUNTED = {"persName": EntityKind.PERSON.plural, "placeName": EntityKind.PLACE.plural,
           "orgName": EntityKind.ORG.plural, "name": EntityKind.EVENT.plural, "date": "dates"}
"""What an annotation run counts, by the element it writes."""
_YEAR = re.compile(r"^(\d{4})")
DATES = {f"{T}date", f"{T}docDate"}
HEADINGS = {f"{T}{n}" for n in ("head", "titlePage", "docTitle", "titlePart", "item",
                                 "label", "byline", "docImprint")}
SPEECH = {f"{T}said", f"{T}quote", f"{T}q", f"{T}sp"}


@dataclass
class Note:
    """A finding to report, before its line and column are known."""

    element: etree._Element
    needle: str
    message: str
    rule: str


@dataclass
class Context:
    """What the narrative has established so far."""

    mentioned: list[str] = field(default_factory=list)
    year: int | None = None
    written: int | None = None
    """The year the text was written (its creation date), for "this year"."""

    def see_element(self, element: etree._Element) -> None:
        ref = element.get("ref", "")
        if ref:
            self.mentioned.extend(p.split("#")[-1] for p in ref.split())
        for attribute in ("when", "to", "from"):
            found = _YEAR.match(element.get(attribute, ""))
            if found and element.tag in DATES and not element.get("cert"):
                self.year = int(found.group(1))
                break

    def resolve(self, targets: tuple[Target, ...]) -> Target | None:
        """The one target; else, among the candidates that existed in the narrative's
        current year, the only one or the one mentioned most recently; None if
        undecided."""
        if len({t.id for t in targets}) == 1:
            return targets[0]
        if self.year is not None:
            targets = tuple(t for t in targets if t.existed_in(self.year)) or targets
            if len({t.id for t in targets}) == 1:
                return targets[0]
        for entry_id in reversed(self.mentioned):
            for target in targets:
                if target.id == entry_id:
                    return target
        return None


@dataclass
class DocumentResult:
    path: Path
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[Note] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return sum(self.counts.values()) > 0


def annotate_tree(tree: etree._ElementTree, gazetteer: Gazetteer, path: Path,
                  report: bool = False) -> DocumentResult:
    """Tag names and dates in ``tree`` in place."""
    result = DocumentResult(path)
    for text in tree.getroot().iter(f"{T}text"):
        if text.getparent() is not None and text.getparent().tag == f"{T}text":
            continue
        _wrap_wholes(text, gazetteer, result)
        context = Context(written=_creation_year(tree))
        for found in list(mixed.walk(text)):
            if found.tagged is not None:
                context.see_element(found.tagged)
            else:
                _annotate_slot(found.slot, gazetteer, context, result, report)
    return result


def _creation_year(tree: etree._ElementTree) -> int | None:
    for date in tree.getroot().iterfind(f".//{T}profileDesc/{T}creation//{T}date"):
        for attribute in ("when", "notBefore", "from"):
            found = _YEAR.match(date.get(attribute, ""))
            if found:
                return int(found.group(1))
    return None


def _in_heading(element: etree._Element) -> bool:
    """Headings and title pages are in title case: their capitals say nothing."""
    return any(a.tag in HEADINGS for a in (element, *element.iterancestors()))


def _in_speech(element: etree._Element) -> bool:
    return any(a.tag in SPEECH for a in element.iterancestors()) or element.tag in SPEECH


def _element(tag: str, **attributes: str | None) -> etree._Element:
    element = etree.Element(f"{T}{tag}")
    for name, value in attributes.items():
        if value is not None:
            element.set(name, value)
    return element


def _make(tag: str, **attributes: str | None) -> mixed.Maker:
    def make(content: str) -> etree._Element:
        element = _element(tag, **attributes)
        element.text = content
        return element
    return make


def _wrap_wholes(text: etree._Element, gazetteer: Gazetteer, result: DocumentResult) -> None:
    """A ``choice`` whose corrected reading, or a ``foreign`` word whose text, is a whole
    register name is tagged as a whole:
    ``<persName><choice><sic>Willy Brant</sic><corr>Willy Brandt</corr></choice></persName>``,
    ``<orgName><foreign xml:lang="pl">Sejm</foreign></orgName>``."""
    for element in mixed.taggable_wholes(text):
        reading = mixed.whole_reading(element)
        targets = gazetteer.targets(reading) if reading else []
        if len({t.id for t in targets}) == 1:
            target = targets[0]
            mixed.wrap(element, _element(target.tag, ref=target.ref, type=target.type))
            result.counts[COUNTED[target.tag]] += 1


def _name_element(match: NameMatch, target: Target) -> mixed.Maker:
    base = _make(target.tag, ref=target.ref, type=target.type)

    def make(content: str) -> etree._Element:
        element = base(content)
        if match.title_end:
            role = etree.SubElement(element, f"{T}roleName")
            role.text = content[:match.title_end]
            role.tail = content[match.title_end:]
            element.text = None
        return element
    return make


def _annotate_slot(slot: mixed.Slot, gazetteer: Gazetteer, context: Context,
                   result: DocumentResult, report: bool) -> None:
    text = slot.value
    names = find_names(text, gazetteer, _language(slot.container))
    dates = [d for d in find_dates(text)
             if not any(d.start < n.end and n.start < d.end for n in names)]
    spans: list[tuple[int, int, mixed.Maker]] = []
    for item in sorted([*names, *dates], key=lambda m: m.start):
        made = (_name_span(item, context, slot, text, result, gazetteer)
                if isinstance(item, NameMatch)
                else _date_span(item, context, slot, text, result))
        if made is not None:
            spans.append(made)
    if report and not _in_heading(slot.container):
        known = [(s, e) for s, e, _ in spans] + [(n.start, n.end) for n in names]
        for _offset, words in candidates(text, known, _text_before(slot)):
            result.notes.append(Note(slot.container, words, f'"{words}" is in no register',
                                     "annotate-unregistered"))
    mixed.split(slot, spans)


def _language(element: etree._Element) -> str | None:
    """The ``xml:lang`` in force at ``element``."""
    for ancestor in (element, *element.iterancestors()):
        if ancestor.get(XML_LANG):
            return ancestor.get(XML_LANG)
    return None


def _text_before(slot: mixed.Slot) -> str:
    """What precedes a slot in its paragraph, as far as the end of a sentence matters."""
    if slot.where == "text":
        return ""
    return "".join(slot.element.itertext()) or "x"


def _name_span(match: NameMatch, context: Context, slot: mixed.Slot, text: str,
               result: DocumentResult, gazetteer: Gazetteer
               ) -> tuple[int, int, mixed.Maker] | None:
    target = context.resolve(match.targets)
    surface = text[match.start:match.end]
    if target is None:
        ids = " or ".join(sorted({f"#{t.id}" for t in match.targets}))
        names = sorted({gazetteer.canonical.get(t.id, t.id) for t in match.targets})
        ids = f"{ids} ({', '.join(names)})"
        result.notes.append(Note(slot.container, surface,
                                 f'"{surface}" may be {ids}; left untagged for the editor',
                                 "annotate-ambiguous"))
        return None
    context.mentioned.append(target.id)
    result.counts[COUNTED[target.tag]] += 1
    return match.start, match.end, _name_element(match, target)


def _date_span(match: DateMatch, context: Context, slot: mixed.Slot, text: str,
               result: DocumentResult) -> tuple[int, int, mixed.Maker] | None:
    attrs = match.attrs
    if attrs is None and match.infer is not None:
        year = context.year
        if match.deictic and context.written and not _in_speech(slot.container):
            year = context.written
        attrs = match.infer(year) if year is not None else None
        if attrs is None:
            surface = text[match.start:match.end]
            result.notes.append(Note(slot.container, surface,
                                     f'"{surface}" has no year and none is stated before it; '
                                     "left untagged", "annotate-date-context"))
            return None
    if match.years:
        context.year = match.years[-1]
    result.counts["dates"] += 1
    return match.start, match.end, _make("date", **attrs)


def locate(notes: list[Note], path: Path, source: str) -> list[Problem]:
    """Problems with the line and column where each note's words first occur at or after
    the line of the element they were found in."""
    lines = source.splitlines()
    problems = []
    for note in notes:
        line, column = _find(lines, note.element.sourceline or 1, note.needle)
        problems.append(Problem(display_path(path), line, column, Severity.WARNING,
                                note.message, note.rule))
    return problems


def _find(lines: list[str], start: int, needle: str) -> tuple[int, int]:
    first_word = needle.split()[0] if needle.split() else needle
    for number in range(start, len(lines) + 1):
        column = lines[number - 1].find(first_word)
        if column >= 0:
            return number, column + 1
    return start, 1
