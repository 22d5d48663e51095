"""Generate the edition's RELAX NG schema as a strict subset of TEI P5 (``tei_all.rng``).

The customisation is made by deletion only, which is what makes it provably a subset:

1. keep the element definitions of the elements listed in `KEPT_ELEMENTS`;
2. replace every reference to any other element definition by ``<notAllowed/>``;
3. simplify with rewrites that leave the language unchanged (RELAX NG section 4.19):
   ``group(p, notAllowed)`` is ``notAllowed``, ``choice(p, notAllowed)`` is ``p``,
   ``zeroOrMore(notAllowed)`` is ``empty``, ``group(p, empty)`` is ``p``,
   ``choice(p, empty)`` is ``optional(p)``; an element whose content became
   ``notAllowed`` can never occur, so references to it become ``notAllowed`` too;
4. drop every definition no longer reachable from ``<start>``, and the embedded
   documentation and Schematron (our editorial rules live in ``edition.sch``);
5. write each repetition that libxml2 can only match slowly in an equivalent form it
   matches in one pass (see `unambiguous_repetitions`).

Replacing a pattern by ``notAllowed`` can only remove documents from the language a
grammar accepts, so every document valid against the result is valid against tei_all.
Step 3 matters in practice: libxml2 rejects the unsimplified grammar or takes minutes
over it; simplified, it compiles in about half a second. Step 5 does not change the
language either, only how fast libxml2 validates a long register against it.
The generated schema is committed, so building an edition never needs tei_all.

Run: ``python -m edition.validate.customise ../shared/tei/tei_all.rng tei/schema/edition.rng``
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
RNG = f"{{{RNG_NS}}}"

HEADER = """teiHeader fileDesc titleStmt title author editor respStmt resp funder principal sponsor
meeting editionStmt edition extent publicationStmt publisher distributor authority pubPlace
availability licence idno date seriesStmt notesStmt note sourceDesc bibl biblStruct biblScope
citedRange analytic monogr imprint series relatedItem textLang listBibl listWit witness
encodingDesc projectDesc samplingDecl editorialDecl correction normalization quotation
hyphenation interpretation segmentation punctuation stdVals refsDecl citeStructure citeData
cRefPattern classDecl taxonomy category catDesc listPrefixDef prefixDef tagsDecl rendition
namespace tagUsage appInfo application variantEncoding schemaRef profileDesc langUsage language
creation textClass keywords term classCode catRef abstract calendarDesc calendar correspDesc
correspAction correspContext particDesc revisionDesc listChange change"""

STRUCTURE = """TEI text front body back div head p lg l ab list item label table row cell
figure figDesc graphic quote q said cit lb pb cb gb milestone anchor hi emph foreign term gloss
title mentioned soCalled distinct ref ptr seg num measure address addrLine street postCode email
docTitle titlePart docAuthor docImprint docDate docEdition titlePage byline dateline opener
closer salute signed postscript trailer epigraph argument linkGrp link facsimile surface zone"""

NAMES = """persName placeName orgName name rs forename surname roleName addName nameLink genName
date time geogName geogFeat country settlement region district bloc"""

INTERVENTIONS = """note noteGrp choice sic corr orig reg abbr expan am ex gap unclear supplied
add del subst damage surplus space restore secl app lem rdg rdgGrp listApp wit witDetail
witStart witEnd lacunaStart lacunaEnd"""

REGISTERS = """standOff listPerson person personGrp listPlace place location geo listOrg org
listEvent event birth death floruit occupation affiliation residence nationality education faith
sex gender state trait desc listRelation relation"""

KEPT_ELEMENTS: frozenset[str] = frozenset(
    " ".join([HEADER, STRUCTURE, NAMES, INTERVENTIONS, REGISTERS]).split()
)


def _element_name(define: etree._Element) -> str | None:
    """The element a definition declares, or None for classes, macros and datatypes."""
    element = define.find(f"{RNG}element")
    return element.get("name") if element is not None else None


def _strip_foreign(root: etree._Element) -> None:
    """Remove documentation, embedded Schematron and comments: they do not constrain."""
    for node in list(root.iter()):
        if node is root:
            continue
        if not isinstance(node.tag, str) or not node.tag.startswith(RNG):
            parent = node.getparent()
            if parent is not None:
                if isinstance(node.tag, str):
                    node.tail = None
                parent.remove(node)


def _reachable(root: etree._Element, defines: dict[str, etree._Element]) -> set[str]:
    seen: set[str] = set()
    todo = [ref.get("name") for ref in root.find(f"{RNG}start").iter(f"{RNG}ref")]
    while todo:
        name = todo.pop()
        if name in seen or name not in defines:
            continue
        seen.add(name)
        todo.extend(ref.get("name") for ref in defines[name].iter(f"{RNG}ref"))
    return seen


GROUPING = {"group", "interleave", "oneOrMore", "list", "attribute", "mixed", "element",
            "define"}  # notAllowed inside makes the whole pattern notAllowed
OPTIONAL = {"zeroOrMore", "optional"}  # notAllowed inside leaves only the empty match


def _is(node: etree._Element, local: str) -> bool:
    return node.tag == f"{RNG}{local}"


def _replace(node: etree._Element, local: str) -> None:
    new = etree.Element(f"{RNG}{local}")
    new.tail = node.tail
    node.getparent().replace(node, new)


def _simplify(node: etree._Element) -> bool:
    """Propagate ``notAllowed`` and ``empty`` upwards (RELAX NG simplification, section 4.19).

    Returns True when ``node`` is equivalent to ``notAllowed``. libxml2 rejects, or takes
    exponential time over, grammars that keep dead branches and stray ``empty`` patterns,
    so they are removed here rather than left to it.
    """
    for child in list(node):
        if _simplify(child) and not _is(child, "notAllowed"):
            _replace(child, "notAllowed")
    local = node.tag[len(RNG):]
    dead = [child for child in node if _is(child, "notAllowed")]
    if local == "notAllowed":
        return True
    if local == "choice":
        for child in dead:
            node.remove(child)
        if len(node) == 0:
            return True
        _tidy_choice(node)
        return False
    if local in OPTIONAL and dead:
        _replace(node, "empty")
        return False
    if local in GROUPING and dead:
        return True
    if local in {"group", "element", "define"}:
        _drop_empty(node)
    return False


def _drop_empty(node: etree._Element) -> None:
    """``group(empty, p)`` is ``p``; a group left with one pattern is that pattern."""
    empties = [child for child in node if _is(child, "empty")]
    patterns = [child for child in node if child.tag.startswith(RNG) and
                not _is(child, "name") and not _is(child, "anyName") and not _is(child, "nsName")]
    if len(empties) < len(patterns):
        for child in empties:
            node.remove(child)
    if _is(node, "group") and len(node) == 1:
        only = node[0]
        only.tail = node.tail
        node.getparent().replace(node, only)


def _tidy_choice(node: etree._Element) -> None:
    """``choice(p, empty)`` is ``optional(p)``; a choice of one pattern is that pattern."""
    empties = [child for child in node if _is(child, "empty")]
    others = [child for child in node if not _is(child, "empty")]
    if empties and others:
        for child in empties:
            node.remove(child)
        optional = etree.Element(f"{RNG}optional")
        optional.tail = node.tail
        node.getparent().replace(node, optional)
        optional.append(node if len(others) > 1 else others[0])
        node.tail = None
    elif len(node) == 1:
        only = node[0]
        only.tail = node.tail
        node.getparent().replace(node, only)


ELEMENT_ONLY_BREAKERS = {"text", "data", "value", "list", "attribute", "mixed", "interleave"}


def _element_only(patterns: list[etree._Element]) -> bool:
    """True when ``patterns`` match elements only (no text, data or attributes here)."""
    return all(not any(_is(node, local) for node in pattern.iter(f"{RNG}*")
                       for local in ELEMENT_ONLY_BREAKERS) for pattern in patterns)


def _one_pattern(repetition: etree._Element) -> etree._Element:
    """The pattern a repetition repeats: its only child, or the group of its children."""
    children = [child for child in repetition if isinstance(child.tag, str)]
    if len(children) == 1:
        return children[0]
    group = etree.Element(f"{RNG}group")
    group.extend(children)
    return group


def unambiguous_repetitions(root: etree._Element) -> int:
    """Rewrite ``oneOrMore(oneOrMore(p), zeroOrMore(q))`` as ``p, zeroOrMore(choice(p, q))``.

    Both accept exactly the sequences of p and q that begin with a p. TEI writes every
    register list this way (``listPerson``: persons, then relations, repeated), and
    libxml2 matches the first form by keeping one state for every way of dividing the
    entries between the inner and the outer repetition: a personography of 1,000 persons
    took 2.7 s and one of 4,400 minutes, where the second form is matched in one pass
    (0.05 s for the 4,400). References inside ``p`` and ``q`` stay references, so the
    element-only test looks at the patterns as written, which is all a ``ref`` can add
    to the sequence here. Returns the number of repetitions rewritten.
    """
    rewritten = 0
    for node in list(root.iter(f"{RNG}oneOrMore")):
        parts = [child for child in node if isinstance(child.tag, str)]
        if len(parts) != 2 or not _is(parts[0], "oneOrMore") or not _is(parts[1], "zeroOrMore"):
            continue
        first, then = _one_pattern(parts[0]), _one_pattern(parts[1])
        if not _element_only([first, then]):
            continue
        group = etree.Element(f"{RNG}group")
        group.append(copy.deepcopy(first))
        choice = etree.SubElement(etree.SubElement(group, f"{RNG}zeroOrMore"), f"{RNG}choice")
        for pattern in (first, then):
            choice.extend(list(pattern) if _is(pattern, "choice") else [pattern])
        group.tail = node.tail
        node.getparent().replace(node, group)
        rewritten += 1
    return rewritten


def customise(tei_all: etree._ElementTree, kept: frozenset[str] = KEPT_ELEMENTS) -> etree._Element:
    """Return a new grammar accepting a subset of what ``tei_all`` accepts."""
    root = etree.fromstring(etree.tostring(tei_all))
    _strip_foreign(root)
    defines = {d.get("name"): d for d in root.iter(f"{RNG}define")}
    missing = kept - {_element_name(d) for d in defines.values()}
    if missing:
        raise ValueError(f"not TEI P5 elements: {', '.join(sorted(missing))}")
    dead = {name for name, d in defines.items()
            if (element := _element_name(d)) is not None and element not in kept}
    while True:
        for ref in list(root.iter(f"{RNG}ref")):
            if ref.get("name") in dead:
                _replace(ref, "notAllowed")
        newly = {name for name, d in defines.items() if name not in dead and _simplify(d)}
        if not newly:
            break
        dead |= newly
    _simplify(root.find(f"{RNG}start"))
    live = _reachable(root, defines) - dead
    for name, define in defines.items():
        if name not in live:
            root.remove(define)
    unambiguous_repetitions(root)
    return root


def write_schema(source: Path, target: Path) -> int:
    """Write the customised schema; return the number of elements it declares."""
    grammar = customise(etree.parse(str(source)))
    elements = sorted({e.get("name") for e in grammar.iter(f"{RNG}element") if e.get("name")})
    note = etree.Comment(
        f" The edition's TEI customisation: {len(elements)} elements of TEI P5, generated "
        "from tei_all.rng by edition/validate/customise.py (deletion, and rewrites that "
        "keep the language, so a strict subset of TEI P5). Do not edit by hand; "
        "regenerate. ")
    grammar.insert(0, note)
    etree.indent(grammar, space=" ")
    target.write_bytes(etree.tostring(grammar, xml_declaration=True, encoding="UTF-8") + b"\n")
    return len(elements)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m edition.validate.customise TEI_ALL.rng OUT.rng", file=sys.stderr)
        return 2
    count = write_schema(Path(argv[0]), Path(argv[1]))
    print(f"{argv[1]}: {count} elements")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
