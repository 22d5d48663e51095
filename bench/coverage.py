"""How much of a TEI document's text a rendering keeps: the share of the document's
distinct words (four letters or more) found in its page or pages.

Words are taken from every text node outside the ``teiHeader`` (notes, readings and
register entries included), split at element boundaries, so that a rendering may add
brackets, underdots or line numbers between the letters of a word without losing it:
the page's text is compared with every character that is not a letter or a digit
removed. Used by `bench/foreign.py` and `tests/test_foreign_coverage.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree, html

from edition.paths import TEI_NS, XML_ID
from edition.problems import EditionError
from edition.sources import Kind, find_xml_files, parse_source, read_tei

WORD = re.compile(r"[^\W\d_]{4,}")
HEADER = f"{{{TEI_NS}}}teiHeader"


@dataclass(frozen=True)
class Coverage:
    words: int
    found: int
    missing: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.found / self.words if self.words else 1.0


def document_words(path: Path) -> set[str]:
    """The distinct words of the document's text (everything but its header), read as
    the edition reads the file (a TEI P4 file or a fragment as TEI P5)."""
    root = read_tei(path).tree.getroot()
    words: set[str] = set()
    for node in root.xpath("//text()[not(ancestor::tei:teiHeader)]",
                           namespaces={"tei": TEI_NS}):
        if isinstance(node.getparent(), etree._Comment | etree._ProcessingInstruction):
            continue
        words.update(WORD.findall(str(node)))
    return words


def letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def page_letters(pages: Iterable[Path]) -> str:
    """The letters and digits of the pages' text, scripts and styles left out."""
    found = []
    for page in pages:
        document = html.parse(str(page)).getroot()
        for junk in document.iter("script", "style"):
            junk.drop_tree()
        found.append(letters(document.text_content()))
    return "\n".join(found)


def coverage(path: Path, pages: Iterable[Path]) -> Coverage:
    rendered = page_letters(pages)
    words = document_words(path)
    missing = tuple(sorted(w for w in words if letters(w) not in rendered))
    return Coverage(len(words), len(words) - len(missing), missing)


def pages_of(path: Path, site: Path) -> list[Path]:
    """The pages of ``site`` (an HTML output folder) that show the document at ``path``:
    its text page, or the register and entry pages of a register."""
    try:
        source = parse_source(path)
    except EditionError:
        return []
    if source.kind is Kind.REGISTER:
        return sorted([*site.glob("registers/*.html"), *site.glob("entries/*.html")])
    from edition.html.urls import text_page

    text_id = source.tree.getroot().get(XML_ID) or path.stem
    page = site / text_page(text_id)
    return [page] if page.is_file() else []


def poorly_rendered(documents: Iterable[Path], site: Path, root: Path,
                    least: float = 0.95) -> dict[str, object]:
    """The documents (named below ``root``) that ``site`` shows with less than ``least``
    of their words, with their share and the first missing words, or not at all."""
    poor: dict[str, object] = {}
    for path in documents:
        name = str(path.relative_to(root))
        pages = pages_of(path, site)
        if not pages:
            poor[name] = "no page"
            continue
        found = coverage(path, pages)
        if found.share < least:
            poor[name] = (f"{found.share:.0%}", found.missing[:8])
    return poor


def renderable_documents(folder: Path) -> list[Path]:
    """The TEI files below ``folder`` that the edition renders: every one but those it
    refuses by rule (not TEI, declaring entities, TEI P4 with a DOCTYPE subset), which are
    reported once and get no page."""
    found = []
    for path in find_xml_files([folder]):
        try:
            parse_source(path)
        except EditionError:
            continue
        found.append(path)
    return found
