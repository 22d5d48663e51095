"""RELAX NG and Schematron checks of one document, with schemas compiled once per process."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lxml import etree, isoschematron

from edition.paths import RELAXNG_SCHEMA, SCHEMATRON_SCHEMA, XML_NS
from edition.problems import EditionError, Problem, Severity, display_path
from edition.validate.locate import attribute_position, element_position, elements_on_line
from edition.validate.wording import one_line

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
RELAXNG_RULE = "relaxng"


def _load_schema(path: Path) -> etree._ElementTree:
    try:
        return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as error:
        raise EditionError(f"cannot read schema: {error}", path=path, rule="schema") from None


@cache
def relaxng(path: Path = RELAXNG_SCHEMA) -> etree.RelaxNG:
    """The compiled RELAX NG schema (about a quarter of a second, paid once)."""
    try:
        return etree.RelaxNG(_load_schema(path))
    except etree.RelaxNGParseError as error:
        raise EditionError(f"schema does not compile: {error}", path=path,
                           rule="schema") from None


@cache
def schematron(path: Path = SCHEMATRON_SCHEMA) -> isoschematron.Schematron:
    try:
        return isoschematron.Schematron(_load_schema(path), store_report=True)
    except etree.SchematronParseError as error:
        raise EditionError(f"schema does not compile: {error}", path=path,
                           rule="schema") from None


@cache
def declared_elements(path: Path = RELAXNG_SCHEMA) -> frozenset[str]:
    """Names of the elements the edition's customisation allows anywhere."""
    rng = "{http://relaxng.org/ns/structure/1.0}element"
    return frozenset(e.get("name") for e in _load_schema(path).iter(rng) if e.get("name"))


_INVALID_ATTRIBUTE = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_UNEXPECTED = re.compile(r"Did not expect element (\S+) there")
_EXTRA_CONTENT = re.compile(r"Element (\S+) has extra content: (\S+)")
_ENDS_EARLY = re.compile(r"Expecting an element (\S*), got nothing")
_ELEMENT_NAMED = re.compile(r"(?:[Ee]lement|Expecting element) (\S+?)[ :,]")


def _on_line(tree: etree._ElementTree, line: int, name: str) -> list[etree._Element]:
    return [e for e in elements_on_line(tree, line) if etree.QName(e).localname == name]


def _explain(tree: etree._ElementTree, path: Path, line: int,
             message: str) -> tuple[int, int, str]:
    """Say what libxml2 means, with the offending value, and find a column for it."""
    if invalid := _INVALID_ATTRIBUTE.search(message):
        name, element_name = invalid.groups()
        attribute = name.replace("xml:", f"{{{XML_NS}}}")
        for element in _on_line(tree, line, element_name):
            if (value := element.get(attribute)) is not None:
                return (*attribute_position(path, element, name),
                        f'@{name}="{value}" on <{element_name}> is not allowed by the schema: '
                        "an attribute this element does not take, or a value of the wrong form")
    if unexpected := _UNEXPECTED.search(message):
        name = unexpected.group(1)
        for element in _on_line(tree, line, name):
            parent = element.getparent()
            where = f"inside <{etree.QName(parent).localname}>" if parent is not None else "here"
            if name not in declared_elements():
                return (*element_position(path, element),
                        f"<{name}> is not an element of the edition's TEI customisation")
            return (*element_position(path, element), f"<{name}> is not allowed {where} here")
    if early := _ENDS_EARLY.search(message):
        expected = f"<{early.group(1)}>" if early.group(1) else "an element it requires"
        for element in elements_on_line(tree, line):
            name = etree.QName(element).localname
            return (*element_position(path, element),
                    f"<{name}> ends too early: {expected} is missing from its content")
    named = _ELEMENT_NAMED.search(message + " ")
    for element in _on_line(tree, line, named.group(1) if named else ""):
        return (*element_position(path, element), message)
    return line, 1, message


def _redundant(messages: list[tuple[int, str]]) -> set[tuple[int, str]]:
    """libxml2 reports an unexpected child twice (on the child and on its parent)."""
    unexpected = {(line, m.group(1)) for line, text in messages
                  if (m := _UNEXPECTED.search(text))}
    return {(line, text) for line, text in messages
            if (m := _EXTRA_CONTENT.search(text)) and (line, m.group(2)) in unexpected}


def relaxng_problems(path: Path, tree: etree._ElementTree) -> list[Problem]:
    schema = relaxng()
    if schema.validate(tree):
        return []
    shown = display_path(path)
    messages = [(entry.line, entry.message) for entry in schema.error_log]
    redundant = _redundant(messages)
    problems: list[Problem] = []
    for line, text in messages:
        if (line, text) in redundant:
            continue
        line, column, message = _explain(tree, path, line, text)
        problems.append(Problem(shown, line, column, Severity.ERROR,
                                one_line(f"{message} (tei/schema/edition.rng)"), RELAXNG_RULE))
    return sorted(set(problems))


_STEP = re.compile(r"/\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='([^']*)'\](?:\[(\d+)\])?")


def _follow(tree: etree._ElementTree, location: str,
            children: dict[tuple[int, str], list[etree._Element]]) -> etree._Element:
    """The element an SVRL @location names.

    The skeleton writes locations as steps ``/*[local-name()='p' and namespace-uri()='…'][3]``;
    walking them child by child (``children`` remembers each parent's children by name)
    is linear, where evaluating them as XPath on a large document is not. Anything else
    is evaluated as XPath.
    """
    steps = _STEP.findall(location)
    if steps and "".join(m.group(0) for m in _STEP.finditer(location)) == location:
        node = None
        for local, namespace, position in steps:
            tag = f"{{{namespace}}}{local}" if namespace else local
            if node is None:
                pool = [tree.getroot()] if tree.getroot().tag == tag else []
            else:
                key = (id(node), tag)
                if key not in children:
                    children[key] = node.findall(tag)
                pool = children[key]
            index = int(position or 1) - 1
            if index >= len(pool):
                return tree.getroot()
            node = pool[index]
        return node
    found = tree.xpath(location)
    return found[0] if found and isinstance(found[0], etree._Element) else tree.getroot()


def schematron_problems(path: Path, tree: etree._ElementTree) -> list[Problem]:
    schema = schematron()
    if schema.validate(tree):
        return []
    shown = display_path(path)
    problems: list[Problem] = []
    children: dict[tuple[int, str], list[etree._Element]] = {}
    for result in schema.validation_report.iter(f"{SVRL}failed-assert",
                                                f"{SVRL}successful-report"):
        node = _follow(tree, result.get("location", "/*"), children)
        line, column = element_position(path, node)
        text = " ".join("".join(result.itertext()).split())
        severity = Severity.WARNING if result.get("role") == "warning" else Severity.ERROR
        problems.append(Problem(shown, line, column, severity, one_line(text),
                                result.get("id", "schematron")))
    return problems
