"""Cross-file checks: unique xml:ids, pointers that resolve, register entries in use.

The edition is one id space (docs/encoding.md): ``#id`` resolves within its own file
first, then anywhere in the edition; ``registers/persons.xml#id`` (relative to the file
or to the edition folder) is accepted too. Pointers with a URI scheme (``https:``,
``mailto:``, a prefixDef prefix) are outside the edition and not followed.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.paths import XML_ID, T
from edition.problems import Problem, Severity, display_path
from edition.sources import Kind, SourceFile
from edition.validate.locate import attribute_position
from edition.validate.wording import one_line

POINTER_ATTRIBUTES = ("ref", "target", "who", "wit", "corresp", "resp", "facs", "source",
                      "sameAs", "active", "passive", "mutual")
EXTERNAL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# register entries are the members of the register lists (an org's founding event is not)
ENTRY_LISTS = {"person": "listPerson", "personGrp": "listPerson", "place": "listPlace",
               "org": "listOrg", "event": "listEvent"}

# what a pointer from (element, attribute) must land on, and how to say it
EXPECTED_TARGET: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("persName", "ref"): (frozenset({"person", "personGrp"}), "a person"),
    ("placeName", "ref"): (frozenset({"place"}), "a place"),
    ("orgName", "ref"): (frozenset({"org"}), "an organisation"),
    ("said", "who"): (frozenset({"person", "personGrp"}), "a person"),
}
EVENT_TARGET = (frozenset({"event"}), "an event")
WITNESS_TARGET = (frozenset({"witness"}), "a witness")


def local_name(element: etree._Element) -> str:
    return _local_name(element.tag)


@lru_cache(maxsize=4096)
def _local_name(tag: str) -> str:
    return etree.QName(tag).localname


@dataclass
class EditionIndex:
    """Every xml:id of the edition, and which file holds it."""

    sources: list[SourceFile]
    root: Path | None = None
    ids: dict[str, list[tuple[SourceFile, etree._Element]]] = field(
        default_factory=lambda: defaultdict(list))
    files: dict[Path, SourceFile] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for source in self.sources:
            self.files[source.path.resolve()] = source
            for element in source.tree.iter():
                if isinstance(element.tag, str) and (value := element.get(XML_ID)):
                    self.ids[value].append((source, element))

    def in_file(self, source: SourceFile, ident: str) -> etree._Element | None:
        return next((e for s, e in self.ids.get(ident, ()) if s is source), None)

    def anywhere(self, ident: str) -> etree._Element | None:
        found = self.ids.get(ident)
        return found[0][1] if found else None

    def file_for(self, source: SourceFile, relative: str) -> tuple[SourceFile | None, bool]:
        """The edition file ``relative`` names, and whether it exists on disk at all."""
        bases = [source.path.parent] + ([self.root] if self.root else [])
        exists = False
        for base in bases:
            candidate = (base / relative).resolve()
            if candidate in self.files:
                return self.files[candidate], True
            try:
                exists = exists or candidate.is_file()
            except OSError:  # a name too long for the file system names no file
                pass
        return None, exists


@dataclass(frozen=True)
class Pointer:
    source: SourceFile
    element: etree._Element
    attribute: str
    token: str


_POINTING = frozenset(POINTER_ATTRIBUTES)
_ORDER = {name: n for n, name in enumerate(POINTER_ATTRIBUTES)}


def pointers(sources: Iterable[SourceFile]) -> Iterator[Pointer]:
    for source in sources:
        for element in source.tree.iter():
            if not isinstance(element.tag, str):
                continue
            present = _POINTING.intersection(element.keys())
            if not present:
                continue
            for attribute in sorted(present, key=_ORDER.__getitem__) if len(
                    present) > 1 else present:
                for token in (element.get(attribute) or "").split():
                    if not EXTERNAL.match(token):
                        yield Pointer(source, element, attribute, token)


def _problem(pointer: Pointer, severity: Severity, message: str, rule: str) -> Problem:
    line, column = attribute_position(pointer.source.path, pointer.element, pointer.attribute)
    return Problem(display_path(pointer.source.path), line, column, severity, one_line(message),
                   rule)


def _resolve(index: EditionIndex, pointer: Pointer) -> tuple[list[etree._Element], bool]:
    """(candidate targets, resolved at all). A pointer to a whole file has no element.

    ``#id`` resolves within its own file first; when an id is (wrongly) used twice in the
    edition every holder is a candidate, so one duplicate is reported once, as such.
    """
    path, _, fragment = pointer.token.partition("#")
    if not path:
        holders = index.ids.get(fragment, [])
        own = [e for s, e in holders if s is pointer.source]
        targets = own + [e for s, e in holders if s is not pointer.source]
        return targets, bool(targets)
    source, exists = index.file_for(pointer.source, path)
    if source is None:
        return [], exists and not fragment
    if not fragment:
        return [], True
    target = index.in_file(source, fragment)
    return ([target], True) if target is not None else ([], False)


def _unresolved_message(index: EditionIndex, pointer: Pointer) -> str:
    name = local_name(pointer.element)
    said = f'@{pointer.attribute}="{pointer.token}" on <{name}>'
    path, hash_sign, fragment = pointer.token.partition("#")
    if not hash_sign and path in index.ids:
        return f"{said} names no file; to point at the xml:id write \"#{path}\""
    if path and not hash_sign:
        return f"{said} names no file of the edition and no file on disk"
    holder = index.file_for(pointer.source, path)[0] if path else None
    if path and holder is None:
        return f'{said}: file "{path}" is not part of the edition'
    where = display_path(holder.path) if holder else "the edition"
    message = f'{said} matches no xml:id in {where}'
    close = difflib.get_close_matches(fragment, list(index.ids), n=1, cutoff=0.75)
    return f'{message}; did you mean "#{close[0]}"?' if close else message


def _expected(pointer: Pointer) -> tuple[frozenset[str], str] | None:
    name = local_name(pointer.element)
    if pointer.attribute == "wit":
        return WITNESS_TARGET
    if name == "name" and pointer.attribute == "ref" and pointer.element.get("type") == "event":
        return EVENT_TARGET
    return EXPECTED_TARGET.get((name, pointer.attribute))


def pointer_problems(index: EditionIndex, found: Iterable[Pointer]) -> list[Problem]:
    problems: list[Problem] = []
    for pointer in found:
        targets, resolved = _resolve(index, pointer)
        expected = _expected(pointer)
        kinds = {local_name(t) for t in targets}
        if not resolved:
            rule = "wit-undeclared" if pointer.attribute == "wit" else "ref-unresolved"
            message = _unresolved_message(index, pointer)
            if rule == "wit-undeclared":
                message += ": declare the witness in a listWit (<witness xml:id=\"...\">)"
            problems.append(_problem(pointer, Severity.ERROR, message, rule))
        elif expected and kinds and not kinds & expected[0]:
            problems.append(_problem(
                pointer, Severity.ERROR,
                f'@{pointer.attribute}="{pointer.token}" on <{local_name(pointer.element)}> '
                f"points at a <{local_name(targets[0])}>, not {expected[1]}",
                "wit-undeclared" if pointer.attribute == "wit" else "ref-kind"))
    return problems


def duplicate_id_problems(index: EditionIndex) -> list[Problem]:
    problems: list[Problem] = []
    for ident, places in index.ids.items():
        if len(places) < 2:
            continue
        for source, element in places:
            others = ", ".join(
                f"{display_path(s.path)}:{e.sourceline}" for s, e in places if e is not element)
            line, column = attribute_position(source.path, element, "xml:id")
            problems.append(Problem(
                display_path(source.path), line, column, Severity.ERROR,
                one_line(f'xml:id="{ident}" is used more than once in the edition; '
                         f"also at {others}"), "id-duplicate"))
    return problems


def _entries(sources: Iterable[SourceFile]) -> Iterator[tuple[SourceFile, etree._Element]]:
    for source in sources:
        for stand_off in source.tree.iter(f"{T}standOff"):
            for element in stand_off.iter():
                if not isinstance(element.tag, str) or not element.get(XML_ID):
                    continue
                parent = element.getparent()
                if local_name(parent) == ENTRY_LISTS.get(local_name(element)):
                    yield source, element


def unused_entry_problems(index: EditionIndex, found: Iterable[Pointer]) -> list[Problem]:
    """Register entries no pointer of the edition lands on (only when texts are present)."""
    if not any(s.kind is Kind.TEXT for s in index.sources):
        return []
    used = {id(target) for p in found for target in _resolve(index, p)[0]}
    problems: list[Problem] = []
    for source, entry in _entries(index.sources):
        if id(entry) in used:
            continue
        line, column = attribute_position(source.path, entry, "xml:id")
        problems.append(Problem(
            display_path(source.path), line, column, Severity.WARNING,
            one_line(f'register entry "{entry.get(XML_ID)}" ({local_name(entry)}) is '
                     "referenced nowhere in the edition: tag its mentions or remove it"),
            "entry-unused"))
    return problems


def reference_problems(sources: list[SourceFile], root: Path | None) -> list[Problem]:
    index = EditionIndex(sources, root)
    found = list(pointers(sources))
    return [*duplicate_id_problems(index), *pointer_problems(index, found),
            *unused_entry_problems(index, found)]
