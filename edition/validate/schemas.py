"""RELAX NG and Schematron checks of one document, with schemas compiled once per process."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lxml import etree, isoschematron

from edition.paths import RELAXNG_SCHEMA, SCHEMATRON_SCHEMA, XML_NS
from edition.problems import EditionError, Problem, Severity, display_path
from edition.validate.locate import attribute_position, element_position

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


_INVALID_ATTRIBUTE = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_ELEMENT_NAMED = re.compile(r"(?:[Ee]lement|Expecting element) (\S+?)[ :,]")


def _relaxng_place(tree: etree._ElementTree, path: Path, line: int,
                   message: str) -> tuple[int, int, str]:
    """Improve libxml2's message with the offending value, and find a column for it."""
    invalid = _INVALID_ATTRIBUTE.search(message)
    candidates = [e for e in tree.iter() if isinstance(e.tag, str) and e.sourceline == line]
    if invalid:
        name, element_name = invalid.groups()
        attribute = name.replace("xml:", f"{{{XML_NS}}}")
        for element in candidates:
            value = element.get(attribute)
            if etree.QName(element).localname == element_name and value is not None:
                line, column = attribute_position(path, element, name)
                return line, column, (f'@{name}="{value}" on <{element_name}> is not allowed by '
                                      "the schema (wrong form or value)")
    named = _ELEMENT_NAMED.search(message + " ")
    for element in candidates:
        if named and etree.QName(element).localname == named.group(1):
            return (*element_position(path, element), message)
    return line, 1, message


def relaxng_problems(path: Path, tree: etree._ElementTree) -> list[Problem]:
    schema = relaxng()
    if schema.validate(tree):
        return []
    shown = display_path(path)
    problems: list[Problem] = []
    for entry in schema.error_log:
        line, column, message = _relaxng_place(tree, path, entry.line, entry.message)
        problems.append(Problem(shown, line, column, Severity.ERROR,
                                f"{message} (tei/schema/edition.rng)", RELAXNG_RULE))
    return sorted(set(problems))


def schematron_problems(path: Path, tree: etree._ElementTree) -> list[Problem]:
    schema = schematron()
    if schema.validate(tree):
        return []
    shown = display_path(path)
    problems: list[Problem] = []
    for result in schema.validation_report.iter(f"{SVRL}failed-assert",
                                                f"{SVRL}successful-report"):
        found = tree.xpath(result.get("location", "/*"))
        node = found[0] if found and isinstance(found[0], etree._Element) else tree.getroot()
        line, column = element_position(path, node)
        text = " ".join("".join(result.itertext()).split())
        severity = Severity.WARNING if result.get("role") == "warning" else Severity.ERROR
        problems.append(Problem(shown, line, column, severity, text,
                                result.get("id", "schematron")))
    return problems
