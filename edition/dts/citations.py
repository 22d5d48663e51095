"""A text's citable units, read from its ``refsDecl/citeStructure`` (TEI P5 4.2.0 and later).

A ``citeStructure`` names, with ``@match``, the elements that form one level of
citation (an XPath evaluated from the root for the outermost level, from the parent
unit's element below it) and, with ``@use``, the expression whose value identifies each
of them; ``@delim`` joins a unit's value to its parent's reference; ``@unit`` names the
kind of unit. The references are the text's own: ``kis1957`` cites its paragraphs by
``@n`` (``12``), ``flph2025`` its chapters, sections and paragraphs as ``1``, ``1.1``,
``1.1.5`` and ``1.0.3`` (a paragraph directly in a chapter). Prefixed with the text id
and a dot they are the ``xml:id`` every output shares (HTML anchor, PDF destination,
citation).

The XPaths of ``citeStructure`` are written without prefixes against the TEI namespace;
lxml's XPath 1.0 has no default element namespace, so every name test gets ``tei:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.paths import NSMAP, XML_ID, XML_LANG
from edition.problems import Problem, Severity, display_path
from edition.textual import T, normalise_space


@dataclass(frozen=True)
class CiteLevel:
    """One ``citeStructure``: the kind of unit it makes and the levels below it."""

    cite_type: str
    children: tuple[CiteLevel, ...] = ()


@dataclass(frozen=True)
class CitableUnit:
    identifier: str
    level: int
    parent: str | None
    cite_type: str
    element: etree._Element = field(compare=False, repr=False)
    title: str | None = None
    """The unit's heading (``head``), when it has one."""

    @property
    def xml_id(self) -> str | None:
        return self.element.get(XML_ID)


@dataclass
class CitationTree:
    levels: tuple[CiteLevel, ...]
    units: list[CitableUnit]
    problems: list[Problem] = field(default_factory=list)
    _made_index: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def depth(self) -> int:
        return max((u.level for u in self.units), default=0)

    def children_of(self, identifier: str | None) -> list[CitableUnit]:
        return list(self._index()[1].get(identifier, ()))

    def subtree(self, unit: CitableUnit | None, down: int) -> list[CitableUnit]:
        """``unit`` and its descendants ``down`` levels below it (all for -1), in document
        order; below the root when ``unit`` is None (the root itself is not a unit)."""
        top = unit.level if unit else 0
        deepest = None if down < 0 else top + down
        position, _ = self._index()
        inside = self._descendants(unit.identifier) if unit else self.units
        found = sorted((u for u in inside if deepest is None or u.level <= deepest),
                       key=lambda u: position[u.identifier])
        return ([unit] if unit else []) + found

    def _index(self) -> tuple[dict[str, int], dict[str | None, list[CitableUnit]]]:
        """Each unit's place in ``units`` (by identifier, unique in a tree) and the units
        below each parent identifier, in document order; made on first use."""
        index = self._made_index
        if index is None or index[2] != len(self.units):
            children: dict[str | None, list[CitableUnit]] = {}
            for unit in self.units:
                children.setdefault(unit.parent, []).append(unit)
            index = ({u.identifier: i for i, u in enumerate(self.units)}, children,
                     len(self.units))
            self._made_index = index
        return index[0], index[1]

    def _descendants(self, identifier: str) -> list[CitableUnit]:
        """The units below ``identifier`` at any depth (those whose parent is it, those
        whose parent is one of them, and so on)."""
        _, children = self._index()
        below: list[CitableUnit] = []
        frontier = children.get(identifier, [])
        while frontier:
            below += frontier
            frontier = [c for u in frontier for c in children.get(u.identifier, ())]
        return below


_LITERAL = re.compile(r"""("[^"]*"|'[^']*')""")
_NAME_TEST = re.compile(
    r"(?<![@$\w.:-])(?<!::)([A-Za-z_][\w.-]*)(?![\w.-]*\s*\()(?!\s*::)(?![\w.-]*:[A-Za-z_*])")
_OPERATORS = {"and", "or", "mod"}


def tei_xpath(expression: str) -> str:
    """``expression`` with every unprefixed element name test put in the TEI namespace."""
    parts = _LITERAL.split(expression)
    for i in range(0, len(parts), 2):  # the even parts are outside string literals
        parts[i] = _NAME_TEST.sub(
            lambda m: m.group(1) if m.group(1) in _OPERATORS else "tei:" + m.group(1),
            parts[i])
    return "".join(parts)


def _evaluate(context: etree._Element, expression: str) -> list | str | float | bool:
    return context.xpath(tei_xpath(expression), namespaces=NSMAP)


def _heading(element: etree._Element) -> str | None:
    head = element.find(f"{T}head")
    if head is None:
        return None
    return normalise_space("".join(head.itertext())) or None


class _Reader:
    def __init__(self, root: etree._Element, path: Path) -> None:
        self.root = root
        self.path = path
        self.order = {e: i for i, e in enumerate(root.iter())}
        self.problems: list[Problem] = []

    def warn(self, declaration: etree._Element, message: str) -> None:
        self.problems.append(Problem(display_path(self.path), declaration.sourceline or 1, 1,
                                     Severity.WARNING, message, "dts-cite-structure"))

    def level(self, declaration: etree._Element) -> CiteLevel:
        return CiteLevel(_unit_name(declaration), tuple(self.level(c) for c in
                                          declaration.findall(f"{T}citeStructure")))

    def units(self, declarations: list[etree._Element], context: etree._Element,
              parent: CitableUnit | None) -> list[CitableUnit]:
        """The units ``declarations`` make below ``parent``, each followed by its own
        descendants: pre-order, in document order, as DTS lists them."""
        found = [pair for d in declarations for pair in self._matches(d, context, parent)]
        found.sort(key=lambda pair: self.order.get(pair[0].element, 0))
        result: list[CitableUnit] = []
        for unit, declaration in found:
            result.append(unit)
            result += self.units(declaration.findall(f"{T}citeStructure"), unit.element, unit)
        return result

    def _matches(self, declaration: etree._Element, context: etree._Element,
                 parent: CitableUnit | None) -> list[tuple[CitableUnit, etree._Element]]:
        match, use = declaration.get("match", ""), declaration.get("use", "")
        try:
            elements = _evaluate(context, match)
        except etree.XPathError as error:
            self.warn(declaration, f"citeStructure/@match {match!r} is not XPath: {error}")
            return []
        if not isinstance(elements, list):
            self.warn(declaration, f"citeStructure/@match {match!r} selects no elements")
            return []
        cite_type = _unit_name(declaration)
        delim = declaration.get("delim", "")
        units = []
        for element in (e for e in elements if isinstance(e, etree._Element)):
            try:
                value = normalise_space(str(_evaluate(element, f"string({use})")))
            except etree.XPathError as error:
                self.warn(declaration, f"citeStructure/@use {use!r} is not XPath: {error}")
                return []
            if not value:
                continue
            identifier = f"{parent.identifier if parent else ''}{delim}{value}"
            unit = CitableUnit(identifier, (parent.level + 1) if parent else 1,
                               parent.identifier if parent else None, cite_type, element,
                               _heading(element))
            units.append((unit, declaration))
        return units


def _unit_name(declaration: etree._Element) -> str:
    """``@unit``, else the element name its ``@match`` ends with (``div``, ``p``)."""
    last = declaration.get("match", "").rstrip("/").rsplit("/", 1)[-1]
    return declaration.get("unit") or last.split("[", 1)[0] or "unit"


def citation_tree(root: etree._Element, path: Path) -> CitationTree | None:
    """The text's citation tree from its first ``refsDecl`` that holds ``citeStructure``;
    None when it declares none."""
    for refs in root.iter(f"{T}refsDecl"):
        declarations = refs.findall(f"{T}citeStructure")
        if declarations:
            reader = _Reader(root, path)
            levels = tuple(reader.level(d) for d in declarations)
            units = reader.units(declarations, root, None)
            return CitationTree(levels, _unique(units, reader), reader.problems)
    return None


def _unique(units: list[CitableUnit], reader: _Reader) -> list[CitableUnit]:
    """DTS requires an identifier to be unique within its tree: the first unit keeps it,
    a later one is reported and left out."""
    seen: dict[str, CitableUnit] = {}
    kept = []
    for unit in units:
        if unit.identifier in seen:
            line = unit.element.sourceline or 0
            reader.problems.append(Problem(
                str(reader.path), line, 0, Severity.WARNING,
                f"citation reference {unit.identifier!r} is given to two units (the first is "
                f"at line {seen[unit.identifier].element.sourceline}); only the first is "
                "citable in DTS", "dts-duplicate-ref"))
            continue
        seen[unit.identifier] = unit
        kept.append(unit)
    return kept


def language_of(element: etree._Element, default: str) -> str:
    """The ``xml:lang`` in force at ``element``."""
    for candidate in (element, *element.iterancestors()):
        if candidate.get(XML_LANG):
            return candidate.get(XML_LANG)
    return default
