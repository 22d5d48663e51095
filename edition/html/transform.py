"""TEI mixed content → HTML fragments, by ``xslt/html.xsl`` (compiled once per process).

The stylesheet asks the build for file names through two extension functions
(``ed:entry-href``, ``ed:pointer-href``); they read the `LinkResolver` of the edition
being rendered, set for the duration of one transform.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from lxml import etree
from markupsafe import Markup

from edition import lineation
from edition.html import urls
from edition.model import Edition
from edition.nesting import annotate as annotate_nesting
from edition.paths import XML_ID, XSLT_DIR, T
from edition.problems import EditionError, Problem, Severity, display_path
from edition.typography import typeset_tree
from edition.url_safety import XSLT_EXTENSIONS, is_safe_external
from edition.validate.locate import element_position

EXTENSION_NS = "urn:edition:html"
UNKNOWN_RULE = "html-unknown-element"
_UNKNOWN_MESSAGE = re.compile(rf"^{UNKNOWN_RULE} (\S+) (\d+)")


class LinkResolver:
    """Site-relative links for register entries and edition pointers."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self._text_of_id: dict[str, str] | None = None
        self._text_ids = {t.id for t in edition.texts}

    def know_ids(self, text_of_id: dict[str, str]) -> None:
        """Take the xml:id → text map from the build, which has it from checking each
        file, instead of walking every text's tree for it."""
        self._text_of_id = dict(text_of_id)

    def entry_href(self, entry_id: str) -> str:
        return urls.entry_page(entry_id) if entry_id in self.edition.entries else ""

    def _texts_by_id(self) -> dict[str, str]:
        """Every xml:id of every text → its text (built once, on first need)."""
        if self._text_of_id is None:
            self._text_of_id = {}
            for text in self.edition.texts:
                for element in text.tree.getroot().iter():
                    if isinstance(element.tag, str) and element.get(XML_ID):
                        self._text_of_id.setdefault(element.get(XML_ID), text.id)
        return self._text_of_id

    def pointer_href(self, pointer: str) -> str:
        """``#id`` (or ``file.xml#id``) → its page and anchor; safe absolute URLs as they
        are; anything else (unknown targets, unsafe schemes) → "" (not linked)."""
        pointer = pointer.strip()
        if not pointer or " " in pointer:
            return ""
        if is_safe_external(pointer):
            return pointer
        path, _, fragment = pointer.partition("#")
        if ":" in path:
            return ""
        if not fragment:
            stem = Path(path).stem
            return urls.text_page(stem) if path.endswith(".xml") and stem in self._text_ids \
                else ""
        if fragment in self.edition.entries:
            return urls.entry_page(fragment)
        if fragment in self._text_ids:
            return urls.text_page(fragment)
        text_id = self._texts_by_id().get(fragment)
        return urls.paragraph_link(text_id, fragment) if text_id else ""


_current: ContextVar[LinkResolver] = ContextVar("edition_html_links")


def _entry_href(_context: object, value: object) -> str:
    return _current.get().entry_href(str(value))


def _pointer_href(_context: object, value: object) -> str:
    return _current.get().pointer_href(str(value))


@cache
def html_stylesheet() -> etree.XSLT:
    path = XSLT_DIR / "html.xsl"
    try:
        document = etree.parse(str(path))
        extensions = {(EXTENSION_NS, "entry-href"): _entry_href,
                      (EXTENSION_NS, "pointer-href"): _pointer_href, **XSLT_EXTENSIONS}
        return etree.XSLT(document, extensions=extensions)
    except (OSError, etree.XMLSyntaxError, etree.XSLTParseError) as error:
        raise EditionError(f"cannot compile the HTML stylesheet: {error}", path=path,
                           rule="xslt") from None


@contextmanager
def resolving(resolver: LinkResolver) -> Iterator[None]:
    token = _current.set(resolver)
    try:
        yield
    finally:
        _current.reset(token)


NUMBER_NS = "urn:edition:numbered"
_NUMBERED = (f"{T}note", f"{T}app", f"{T}choice")
NOTE_SERIES = "notes"
"""The counter of ``num:fn``: the number of a note in the printed series of notes, which
leaves out the sources (``note type="source"``, keyed to their line instead)."""


def in_epidoc_apparatus(element: etree._Element) -> bool:
    """Whether ``element`` is inside the ``listApp`` of a ``div type="apparatus"``
    (EpiDoc), whose entries and their notes the stylesheets list where they stand."""
    return any(a.tag == f"{T}div" and a.get("type") == "apparatus"
               for a in element.iterancestors()) and any(
        True for _ in element.iterancestors(f"{T}listApp"))


def numbered(document: etree._ElementTree) -> etree._ElementTree:
    """A copy of ``document`` whose notes (outside the header), apparatus entries and
    choices carry ``num:n`` (and whose lines their numbers, `edition.lineation`): their
    number through their text, as ``<xsl:number
    level="any" from="tei:text">`` counts them, found in one pass instead of one scan of
    the preceding nodes per element (quadratic over a long text)."""
    document = copy.deepcopy(document)
    annotate_nesting(document)  # inner texts' references, anchors and headings
    counters = dict.fromkeys(_NUMBERED, 0)
    for element in document.getroot().iter(f"{T}text", *_NUMBERED):
        if element.tag == f"{T}text":
            # numbered through the whole page: an inner text of a group goes on counting,
            # so that its notes' anchors stay unique
            if not any(True for _ in element.iterancestors(f"{T}group")):
                counters = dict.fromkeys(_NUMBERED, 0)
            continue
        if element.tag == f"{T}note" and any(True for _ in element.iterancestors(
                f"{T}teiHeader")):
            continue
        if element.tag != f"{T}choice" and in_epidoc_apparatus(element):
            continue  # an entry of an apparatus kept apart from the text: listed there
        counters[element.tag] += 1
        element.set(f"{{{NUMBER_NS}}}n", str(counters[element.tag]))
        if element.tag == f"{T}note" and element.get("type") != "source":
            # the printed notes are a series of their own, apart from the sources
            counters[NOTE_SERIES] = counters.get(NOTE_SERIES, 0) + 1
            element.set(f"{{{NUMBER_NS}}}fn", str(counters[NOTE_SERIES]))
    lineation.stamp(document)
    return document


def render_fragment(document: etree._ElementTree | etree._Element, resolver: LinkResolver,
                    source: Path, root: str = "../") -> tuple[Markup, list[Problem]]:
    """Run html.xsl over a TEI document (or a detached element such as the edition's
    introduction) and return the HTML fragment with the warnings it raised."""
    if isinstance(document, etree._Element):
        document = etree.ElementTree(copy.deepcopy(document))
    document = numbered(document)
    with resolving(resolver):
        try:
            result = html_stylesheet()(document, root=etree.XSLT.strparam(root))
        except etree.XSLTApplyError as error:
            raise EditionError(f"HTML transformation failed: {error}", path=source,
                               rule="xslt") from None
    problems = _unknown_elements(html_stylesheet().error_log, document, source)
    top = result.getroot()
    html = "" if top is None else etree.tostring(typeset_tree(top), method="html",
                                                 encoding="unicode")
    return Markup(html), problems


def _unknown_elements(log: etree._ListErrorLog, document: etree._ElementTree,
                      source: Path) -> list[Problem]:
    """Warnings for elements the stylesheet has no rule for, at their source line."""
    found: dict[tuple[str, int], Problem] = {}
    elements: list[etree._Element] | None = None
    for entry in log:
        match = _UNKNOWN_MESSAGE.match(entry.message.strip())
        if not match:
            continue
        if elements is None:
            elements = [e for e in document.getroot().iter() if isinstance(e.tag, str)]
        name, index = match.group(1), int(match.group(2))
        line, column = (element_position(source, elements[index]) if index < len(elements)
                        else (1, 1))
        found[(name, line)] = Problem(
            display_path(source), line, column, Severity.WARNING,
            f"<{name}> has no HTML rendering; its text is shown unformatted", UNKNOWN_RULE)
    return sorted(found.values())
