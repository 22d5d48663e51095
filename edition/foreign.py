"""TEI from other projects, read into the shape the edition renders.

A parsed document whose root is not a TEI P5 ``<TEI>`` is turned, in memory, into one
that is, when what it is can be told; every such reading is reported once, as a warning
naming the rule that was applied:

- ``tei-p4``: a TEI P4 ``<TEI.2>`` without entity declarations: its elements are moved
  into the TEI namespace, ``id`` and ``lang`` read as ``xml:id`` and ``xml:lang``;
- ``tei-corpus``: a ``<teiCorpus>`` of several ``<TEI>``: one text whose ``group`` holds
  each document's ``text`` in order, headed by the title of that document's header;
- ``tei-fragment``: a TEI element as the root of a file: a register entry (``person``,
  ``place``, ``org``, ``event`` and their lists) becomes a register of one entry; a
  ``sourceDoc`` or ``surface`` a genetic transcription; any other element of the text
  (``ab``, ``div``, ``lg``, ``sp``, ``body``, ``text`` …) the body of a text.

A root of another vocabulary, or a TEI element that holds no text (a lone
``teiHeader``), is left alone: `edition.sources.check_root` refuses it with ``not-tei``.
The same reading is applied every time a file is parsed, so the trees every stage sees
are the same.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.paths import TEI_NS, XML_ID
from edition.problems import Problem, Severity, display_path
from edition.textual import T, local_name, normalise_space
from edition.xmlparse import TEI_P4_ROOT, ParsedFile

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

REGISTER_ROOTS = {"person": "listPerson", "personGrp": "listPerson", "place": "listPlace",
                  "org": "listOrg", "event": "listEvent"}
REGISTER_LISTS = {"listPerson", "listPlace", "listOrg", "listEvent"}
GENETIC_ROOTS = {"surface", "surfaceGrp"}
TEXT_ROOTS = {"ab", "p", "div", "lg", "l", "sp", "floatingText", "letter", "body",
              "front", "back", "group", "div1", "div2", "div3", "listBibl", "table", "list",
              "entry", "superEntry", "msDesc", "note", "quote", "castList"}
TEXT_PARTS = {"front", "body", "back", "group"}


def adapt(parsed: ParsedFile, path: Path) -> ParsedFile:
    """``parsed`` read as a TEI P5 document where that can be done, with a warning."""
    root = parsed.tree.getroot()
    if not isinstance(root.tag, str):
        return parsed
    qname = etree.QName(root)
    rule, message, tree = None, "", parsed.tree
    if qname.namespace is None and qname.localname == TEI_P4_ROOT:
        tree = _from_p4(root)
        rule, message = "tei-p4", (
            "TEI P4 document (root <TEI.2>) read as TEI P5: its elements moved into the "
            "TEI namespace, id and lang read as xml:id and xml:lang; convert it with the "
            "TEI Stylesheets' P4 profile (profiles/default/p4/from.xsl) to publish it")
    elif qname.namespace == TEI_NS and qname.localname == "teiCorpus":
        tree = _from_corpus(root, path)
        rule, message = "tei-corpus", (
            f"<teiCorpus> of {len(root.findall(f'.//{T}TEI'))} TEI documents read as one "
            "text: each document's text, under its own title, in order")
    elif qname.namespace == TEI_NS and qname.localname != "TEI":
        found = _from_fragment(root, path)
        if found is not None:
            tree, what = found
            rule, message = "tei-fragment", (
                f"root <{qname.localname}> is not a TEI document: read as {what}")
    if rule is None:
        return parsed
    note = Problem(display_path(path), root.sourceline or 1, 1, Severity.WARNING, message,
                   rule)
    return ParsedFile(tree, [*parsed.problems, note])


# ------------------------------------------------------------------ TEI P4

def _from_p4(root: etree._Element) -> etree._ElementTree:
    for element in root.iter():
        if not isinstance(element.tag, str) or etree.QName(element).namespace is not None:
            continue
        name = "TEI" if element.tag == TEI_P4_ROOT else element.tag
        element.tag = f"{T}{name}"
        for old, new in (("id", XML_ID), ("lang", XML_LANG)):
            if old in element.attrib and new not in element.attrib:
                element.set(new, element.attrib.pop(old))
    return _renamespaced(root)


def _renamespaced(root: etree._Element) -> etree._ElementTree:
    """A copy of ``root`` with the TEI namespace as its default one (the elements moved
    into it keep their lines)."""
    lines = [node.sourceline for node in root.iter()]
    fresh = etree.Element(root.tag, nsmap={None: TEI_NS})
    fresh.attrib.update(root.attrib)
    fresh.text = root.text
    fresh.extend(list(root))
    fresh.sourceline = lines[0]
    return fresh.getroottree()


# ------------------------------------------------------------------ teiCorpus

def _header(title: str) -> etree._Element:
    header = etree.Element(f"{T}teiHeader")
    file_desc = etree.SubElement(header, f"{T}fileDesc")
    statement = etree.SubElement(file_desc, f"{T}titleStmt")
    etree.SubElement(statement, f"{T}title").text = title
    etree.SubElement(etree.SubElement(file_desc, f"{T}publicationStmt"), f"{T}p").text = (
        "Not published as a document of its own.")
    etree.SubElement(etree.SubElement(file_desc, f"{T}sourceDesc"), f"{T}p").text = (
        "Read from a file whose root is not a TEI document.")
    return header


def _title_of(document: etree._Element) -> str:
    title = document.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}title")
    return normalise_space("".join(title.itertext())) if title is not None else ""


def _from_corpus(corpus: etree._Element, path: Path) -> etree._ElementTree:
    document = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})
    document.sourceline = corpus.sourceline
    if corpus.get(XML_ID):
        document.set(XML_ID, corpus.get(XML_ID))
    header = corpus.find(f"{T}teiHeader")
    document.append(header if header is not None else _header(path.stem))
    group = etree.SubElement(etree.SubElement(document, f"{T}text"), f"{T}group")
    for member in corpus:
        if local_name(member) in {"TEI", "teiCorpus"}:
            group.append(_corpus_member(member))
    return document.getroottree()


def _corpus_member(member: etree._Element) -> etree._Element:
    """One document of a corpus as a ``text`` of the group, under its header's title."""
    text = etree.Element(f"{T}text")
    text.sourceline = member.sourceline
    for attribute in (XML_ID, "n", XML_LANG):
        if member.get(attribute):
            text.set(attribute, member.get(attribute))
    if local_name(member) == "teiCorpus":
        inner = _from_corpus(member, Path("corpus")).getroot().find(f"{T}text")
        parts = list(inner)
    else:
        found = member.find(f"{T}text")
        parts = list(found) if found is not None else []
        for other in member.iterchildren(f"{T}sourceDoc"):
            parts.append(_as_body(other))
    title = _title_of(member)
    if title and not any(p.find(f".//{T}docTitle") is not None for p in parts
                         if local_name(p) == "front"):
        front = next((p for p in parts if local_name(p) == "front"), None)
        if front is None:
            front = etree.Element(f"{T}front")
            parts.insert(0, front)
        doc_title = etree.Element(f"{T}docTitle")
        etree.SubElement(doc_title, f"{T}titlePart", type="main").text = title
        front.insert(0, doc_title)
    text.extend(parts)
    return text


def _as_body(element: etree._Element) -> etree._Element:
    body = etree.Element(f"{T}body")
    body.append(element)
    return body


# ------------------------------------------------------------------ fragments

def _wrapping(name: str) -> tuple[tuple[str, ...], str] | None:
    """The elements to put around a root ``name`` to make a TEI document of it, and what
    the document is then read as."""
    if name in REGISTER_ROOTS:
        return ("text", "body", REGISTER_ROOTS[name]), "a register of one entry"
    if name in REGISTER_LISTS:
        return ("text", "body"), "a register"
    if name in GENETIC_ROOTS or name == "sourceDoc":
        return ("sourceDoc",) if name != "sourceDoc" else (), "a genetic transcription"
    if name == "text":
        return (), "the text of a document without a header"
    if name in TEXT_PARTS:
        return ("text",), "the text of a document without a header"
    if name in TEXT_ROOTS:
        return ("text", "body"), "the text of a document without a header"
    return None


def _from_fragment(root: etree._Element, path: Path
                   ) -> tuple[etree._ElementTree, str] | None:
    """A TEI document holding the element ``root``, and what it was read as."""
    wrapping = _wrapping(local_name(root))
    if wrapping is None:
        return None
    wrappers, what = wrapping
    document = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})
    document.sourceline = root.sourceline
    if what.startswith("a register"):
        document.set("type", "register")
    document.append(_header(_fragment_title(root) or path.stem))
    parent = document
    for name in wrappers:
        parent = etree.SubElement(parent, f"{T}{name}")
    parent.append(root)
    return document.getroottree(), what


def _fragment_title(root: etree._Element) -> str:
    for candidate in root.iter(f"{T}head", f"{T}persName", f"{T}placeName", f"{T}orgName",
                               f"{T}label", f"{T}title"):
        text = normalise_space("".join(candidate.itertext()))
        if text:
            return text[:120]
    return ""
