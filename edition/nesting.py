"""Texts inside texts: ``group``/``text`` at any depth (a journal volume of issues of
articles, an anthology, a ``teiCorpus`` read as one text by `edition.foreign`).

Every inner text gets a canonical reference, an anchor and a heading, found here once
for the model (its contents list, `edition.model.read_text`) and for both outputs (the
pre-pass `edition.html.transform.numbered` writes them on the tree as ``num:ref``,
``num:anchor`` and ``num:head`` for the stylesheets, ``xslt/nesting.xsl``):

- the reference follows the header's ``refsDecl/citeStructure`` where a level of it
  matches the inner texts (its ``@use`` value, joined to the enclosing level's by
  ``@delim``), otherwise the nesting: ``2.5`` is the fifth text of the second;
- the anchor is the text's ``xml:id``, else one made from the reference;
- the heading is the text's own title where the encoder gave one (the main
  ``titlePart`` or the ``docTitle`` of its ``front``, a ``head`` opening its ``front`` or
  ``body``): that element is marked ``num:heading`` and rendered as the heading; else
  one is made from ``@n``/``@type`` or the reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from edition.paths import TEI_NS, XML_ID
from edition.textual import T, local_name, normalise_space, reading

NUMBER_NS = "urn:edition:numbered"
N = f"{{{NUMBER_NS}}}"


@dataclass(frozen=True)
class InnerText:
    element: etree._Element
    ref: str
    """The canonical reference (``2.5``, or from citeStructure)."""
    anchor: str
    head: str
    depth: int
    """1 for a text of the outermost group."""
    heading: etree._Element | None
    """The encoder's own title element, rendered as the heading, if there is one."""


def inner_texts(root: etree._Element) -> list[InnerText]:
    """Every text inside a ``group`` of the document ``root``, in document order."""
    cited = _cited_refs(root)
    prefix = root.get(XML_ID)
    found: list[InnerText] = []
    numbers: dict[etree._Element, str] = {}
    for element in root.iter(f"{T}text"):
        parent = element.getparent()
        if parent is None or parent.tag != f"{T}group":
            continue
        outer = next((a for a in element.iterancestors(f"{T}text")
                      if a in numbers), None)
        position = 1 + sum(1 for s in element.itersiblings(f"{T}text", preceding=True))
        number = f"{numbers[outer]}.{position}" if outer is not None else str(position)
        numbers[element] = number
        ref = cited.get(element) or number
        anchor = element.get(XML_ID) or _anchor(prefix, ref)
        heading = _own_heading(element)
        depth = sum(1 for _ in element.iterancestors(f"{T}group"))
        head = reading(heading) if heading is not None else _made_head(element, ref)
        found.append(InnerText(element, ref, anchor, head, depth, heading))
    return found


def annotate(document: etree._ElementTree) -> None:
    """Write each inner text's reference, anchor and heading on the tree (a copy made
    for the stylesheets), for ``xslt/nesting.xsl``."""
    for inner in inner_texts(document.getroot()):
        inner.element.set(f"{N}ref", inner.ref)
        inner.element.set(f"{N}anchor", inner.anchor)
        inner.element.set(f"{N}head", inner.head)
        inner.element.set(f"{N}depth", str(inner.depth))
        if inner.heading is not None:
            inner.element.set(f"{N}titled", "yes")
            inner.heading.set(f"{N}heading", str(min(6, inner.depth + 1)))


_UNSAFE = re.compile(r"[^\w.-]+")


def _anchor(prefix: str | None, ref: str) -> str:
    cleaned = _UNSAFE.sub("-", ref).strip("-") or "text"
    return f"{prefix}.t{cleaned}" if prefix else f"text-{cleaned}"


def _own_heading(text: etree._Element) -> etree._Element | None:
    front = text.find(f"{T}front")
    if front is not None:
        parts = [p for p in front.iter(f"{T}titlePart")
                 if next(p.iterancestors(f"{T}text")) is text]
        main = next((p for p in parts if p.get("type") == "main"), None)
        if main is not None or parts:
            return main if main is not None else parts[0]
        title = front.find(f".//{T}docTitle")
        if title is not None:
            return title
        first = next((c for c in front if isinstance(c.tag, str)), None)
        if first is not None and first.tag == f"{T}head":
            return first
    body = text.find(f"{T}body")
    if body is not None:
        first = next((c for c in body if isinstance(c.tag, str)), None)
        if first is not None and first.tag == f"{T}head":
            return first
    return None


HEAD_WORDS = 8


def _made_head(text: etree._Element, ref: str) -> str:
    """``Issue 2`` for a text that is a container of others; else its opening words."""
    kind = (text.get("type") or "text").replace("_", " ")
    if text.find(f"{T}group") is None:
        blocks = list(text.iter(f"{T}l", f"{T}p", f"{T}ab", f"{T}item"))
        words = " ".join(reading(b) for b in blocks or [text]).split()
        if words:
            return " ".join(words[:HEAD_WORDS]) + (" …" if len(words) > HEAD_WORDS else "")
    label = normalise_space(text.get("n") or "")
    return f"{kind.capitalize()} {label or ref}"


# ------------------------------------------------------------------ citeStructure

_NAME = re.compile(r"(?<![@:\w.$-])([A-Za-z_][\w.-]*)(?![\w.-]*\s*(?:\(|::))")
_KEYWORDS = {"and", "or", "mod"}  # ("div" is read as the element, as TEI uses it)


def _tei_xpath(expression: str) -> str:
    """An XPath of a citeStructure, whose names are TEI's, with the ``tei:`` prefix
    lxml needs (names inside string literals are left alone)."""
    parts = re.split(r"('[^']*'|\"[^\"]*\")", expression)
    for index in range(0, len(parts), 2):
        parts[index] = _NAME.sub(
            lambda m: m.group(1) if m.group(1) in _KEYWORDS else f"tei:{m.group(1)}",
            parts[index])
    return "".join(parts)


def _cited_refs(root: etree._Element) -> dict[etree._Element, str]:
    """Inner texts → their reference by the header's citeStructure, where one applies."""
    refs: dict[etree._Element, str] = {}
    declaration = root.find(f"{T}teiHeader/{T}encodingDesc/{T}refsDecl")
    if declaration is None:
        return refs
    for structure in declaration.iterchildren(f"{T}citeStructure"):
        _cite_level(structure, [(root.getroottree().getroot(), "")], refs, absolute=True)
    return refs


def _cite_level(structure: etree._Element, contexts: list[tuple[etree._Element, str]],
                refs: dict[etree._Element, str], absolute: bool) -> None:
    match, use = structure.get("match"), structure.get("use")
    if not match or not use:
        return
    delim = structure.get("delim", "")
    namespaces = {"tei": TEI_NS}
    found: list[tuple[etree._Element, str]] = []
    try:
        for context, outer in contexts:
            for node in context.xpath(_tei_xpath(match), namespaces=namespaces):
                if not isinstance(node, etree._Element):
                    continue
                value = normalise_space(str(node.xpath(f"string({_tei_xpath(use)})",
                                                       namespaces=namespaces)))
                if value:
                    found.append((node, f"{outer}{delim if outer else ''}{value}"))
            if absolute:
                break
    except etree.XPathError:
        return  # an expression lxml cannot read: the nesting gives the references
    for node, ref in found:
        if local_name(node) == "text":
            refs.setdefault(node, ref)
    for inner in structure.iterchildren(f"{T}citeStructure"):
        _cite_level(inner, found, refs, absolute=False)
