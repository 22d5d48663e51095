"""Read an ODT file (OpenDocument text) into `Document` blocks, through odfpy.

odfpy loads the package with defusedxml (no entities, no external resources) and gives
the element tree and the style definitions; the walk is ours. It keeps what the DOCX
reader keeps (see `wordml`): paragraphs, headings (``text:h`` and its outline level),
formatting from automatic and named styles as ``hi @rend`` (following parent styles),
links, line breaks, page breaks (``fo:break-before="page"``), footnotes and endnotes,
annotations as comments, tables with spans and header rows, bulleted and numbered lists;
other paragraph styles go into ``@rend``. Frames (images, text boxes), generated indexes
and tracked deletions are listed as not represented. ``text:soft-page-break`` is where
the word processor last laid out a page, not a page of the source, and is ignored.
"""

from __future__ import annotations

import re
from pathlib import Path

from edition.importer.archive import open_checked
from edition.importer.document import Block, Document, Lost
from edition.importer.runs import (
    Link,
    Piece,
    Raw,
    Run,
    nested_list,
    note_content,
    ordered,
    render,
    style_token,
    table_row,
)
from edition.problems import EditionError

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
XLINK = "http://www.w3.org/1999/xlink"
DC = "http://purl.org/dc/elements/1.1/"
_PLAIN = {"standard", "text body", "default paragraph style", "text_20_body", "default",
          "body text", "list paragraph", "table contents", "footnote", "endnote",
          "list contents", "list"}


def read_odt(path: Path) -> Document:
    """The blocks of the OpenDocument text at ``path``."""
    open_checked(path, "content.xml").close()
    from odf.opendocument import load  # odfpy, imported only when an ODT is read

    try:
        package = load(str(path))
    except Exception as error:  # noqa: BLE001 - any failure of the reader is the file's
        raise EditionError(f"not a readable OpenDocument text: {error}", path=path,
                           rule="import-odt") from None
    return _Reader(package, path).read()


def _name(node) -> tuple[str, str] | None:
    return getattr(node, "qname", None)


def _attr(node, ns: str, name: str) -> str | None:
    return node.attributes.get((ns, name)) if hasattr(node, "attributes") else None


def _text(node) -> str:
    if node.nodeType == node.TEXT_NODE:
        return node.data
    return "".join(_text(child) for child in node.childNodes)


class _Reader:
    def __init__(self, package, path: Path) -> None:
        self.document = Document(path.name, [], fmt="odt")
        self.styles = _styles(package)
        self.list_styles = _list_styles(package)
        self.body = package.text
        self.master_pages = [m for m in package.masterstyles.childNodes
                             if _name(m) == (STYLE, "master-page")]
        self.paragraph = 0
        self.numbers = {"footnote": 0, "endnote": 0}

    def read(self) -> Document:
        self._blocks(self.body)
        self._lose_page_furniture()
        return self.document

    def _lose_page_furniture(self) -> None:
        for page in self.master_pages:
            for part in page.childNodes:
                name = _name(part)
                text = " ".join(_text(part).split())
                if name and name[0] == STYLE and name[1].startswith(("header", "footer")) \
                        and text:
                    kind = "header" if name[1].startswith("header") else "footer"
                    self.document.lost.append(Lost(
                        f"page {kind} {text[:60]!r} left out (page furniture)",
                        f"master page {_attr(page, STYLE, 'name')}"))

    def _blocks(self, container) -> None:
        for child in container.childNodes:
            name = _name(child)
            if name in ((TEXT, "p"), (TEXT, "h")):
                self.paragraph += 1
                self._paragraph(child, name[1] == "h")
            elif name == (TEXT, "list"):
                self.paragraph += 1
                items = self._list_items(child, 0, self._list_format(child))
                if items:
                    markup = nested_list(items, 0)
                    text = " ".join(re.sub(r"<[^>]+>", " ", m) for _, _, m in items)
                    self._add(Block("list", " ".join(text.split()), markup, self.paragraph))
            elif name == (TABLE, "table"):
                self.paragraph += 1
                self._table(child)
            elif name in ((TEXT, "section"), (TEXT, "index-body")):
                self._blocks(child)
            elif name == (TEXT, "tracked-changes"):
                for region in child.childNodes:
                    deleted = " ".join(_text(region).split())
                    if deleted:
                        self._lose(f"tracked change {deleted[:60]!r} left out (the text as "
                                   "it reads now is kept)")
            elif name in ((TEXT, "table-of-content"), (TEXT, "alphabetical-index"),
                          (TEXT, "bibliography")):
                self._lose(f"generated {name[1]} left out")

    def _paragraph(self, node, heading: bool) -> None:
        style = self.styles.get(_attr(node, TEXT, "style-name") or "", {})
        if style.get("page"):
            self._add(Block("pb", line=self.paragraph))
        markup, text = render(self._pieces(node, ()))
        if not text and not markup:
            return
        if heading:
            level = int(_attr(node, TEXT, "outline-level") or "1")
            self._add(Block("head", text, markup, self.paragraph, level))
            return
        rend = " ".join(v for v in (style.get("rend"), style.get("align")) if v) or None
        if style.get("title"):
            self._add(Block("head", text, markup, self.paragraph, 0))
            return
        self._add(Block("p", text, markup, self.paragraph, rend=rend))

    def _add(self, block: Block) -> None:
        self.document.blocks.append(block)

    def _pieces(self, node, rend: tuple[str, ...]) -> list[Piece]:
        pieces: list[Piece] = []
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                pieces.append(Run(child.data, rend))
                continue
            name = _name(child)
            if name == (TEXT, "span"):
                own = self.styles.get(_attr(child, TEXT, "style-name") or "", {})
                pieces.extend(self._pieces(child, ordered(set(rend) | own.get("hi", set()))))
            elif name == (TEXT, "a"):
                pieces.append(Link(_attr(child, XLINK, "href") or "", self._pieces(child, rend)))
            elif name == (TEXT, "s"):
                pieces.append(Run(" " * int(_attr(child, TEXT, "c") or "1"), rend))
            elif name == (TEXT, "tab"):
                pieces.append(Run(" ", rend))
            elif name == (TEXT, "line-break"):
                pieces.append(Raw("<lb/>", "\n"))
            elif name == (TEXT, "note"):
                pieces.append(self._note(child))
            elif name == (OFFICE, "annotation"):
                pieces.append(self._comment(child))
            elif name == (DRAW, "frame"):
                self._frame(child)
            elif name in ((TEXT, "soft-page-break"), (TEXT, "bookmark"),
                          (TEXT, "bookmark-start"), (TEXT, "bookmark-end"),
                          (OFFICE, "annotation-end"), (TEXT, "change"),
                          (TEXT, "change-start"), (TEXT, "change-end")):
                continue
            else:  # fields (dates, page numbers, sequences) and unknown inline wrappers
                pieces.extend(self._pieces(child, rend))
        return pieces

    def _note(self, node) -> Raw:
        kind = _attr(node, TEXT, "note-class") or "footnote"
        body = next((c for c in node.childNodes if _name(c) == (TEXT, "note-body")), None)
        paragraphs = [render(self._pieces(p, ()))[0] for p in (body.childNodes if body else [])
                      if _name(p) in ((TEXT, "p"), (TEXT, "h"))]
        self.numbers[kind] = self.numbers.get(kind, 0) + 1
        place = "end" if kind == "endnote" else "foot"
        return Raw(f'<note place="{place}" n="{self.numbers[kind]}">'
                   f"{note_content(paragraphs)}</note>")

    def _comment(self, node) -> Raw:
        author = next((_text(c) for c in node.childNodes if _name(c) == (DC, "creator")), "")
        date = next((_text(c) for c in node.childNodes if _name(c) == (DC, "date")), "")
        if date:
            self._lose(f"the date of {author or 'a'}'s comment ({date})")
        authors = self.document.comment_authors
        if author not in authors:
            authors.append(author)
        paragraphs = [render(self._pieces(p, ()))[0] for p in node.childNodes
                      if _name(p) == (TEXT, "p")]
        return Raw(f'<note type="comment" resp="#\ue002{authors.index(author) + 1}">'
                   f"{note_content(paragraphs)}</note>")

    def _frame(self, node) -> None:
        label = _attr(node, DRAW, "name") or ""
        boxes = [c for c in node.childNodes if _name(c) == (DRAW, "text-box")]
        if boxes:
            self._lose(f"text box {' '.join(_text(boxes[0]).split())[:60]!r} not represented")
        else:
            self._lose(f"image{f' {label!r}' if label else ''} not represented")

    def _list_format(self, node) -> str:
        return self.list_styles.get(_attr(node, TEXT, "style-name") or "", "bulleted")

    def _list_items(self, node, level: int, fmt: str) -> list[tuple[int, str, str]]:
        items = []
        for item in node.childNodes:
            if _name(item) not in ((TEXT, "list-item"), (TEXT, "list-header")):
                continue
            for child in item.childNodes:
                if _name(child) in ((TEXT, "p"), (TEXT, "h")):
                    items.append((level, fmt, render(self._pieces(child, ()))[0]))
                elif _name(child) == (TEXT, "list"):
                    items.extend(self._list_items(child, level + 1, fmt))
        return items

    def _table(self, node) -> None:
        rows = []
        for header, row in _rows(node):
            cells = []
            for cell in row.childNodes:
                if _name(cell) != (TABLE, "table-cell"):
                    continue
                content = "<lb/>".join(
                    render(self._pieces(p, ()))[0] for p in cell.childNodes
                    if _name(p) in ((TEXT, "p"), (TEXT, "h")))
                cells.append([content, int(_attr(cell, TABLE, "number-rows-spanned") or 1),
                              int(_attr(cell, TABLE, "number-columns-spanned") or 1)])
            rows.append((header, cells))
        markup = "<table>" + "".join(table_row(h, c) for h, c in rows) + "</table>"
        text = " ".join(re.sub(r"<[^>]+>", " ", c[0]) for _, cells in rows for c in cells)
        self._add(Block("table", " ".join(text.split()), markup, self.paragraph))

    def _lose(self, what: str) -> None:
        self.document.lost.append(Lost(what, f"paragraph {self.paragraph}"))


def _rows(table) -> list:
    found = []
    for child in table.childNodes:
        if _name(child) == (TABLE, "table-header-rows"):
            found += [(True, r) for r in child.childNodes if _name(r) == (TABLE, "table-row")]
        elif _name(child) == (TABLE, "table-row"):
            found.append((False, child))
        elif _name(child) == (TABLE, "table-rows"):
            found += [(False, r) for r in child.childNodes if _name(r) == (TABLE, "table-row")]
    return found


def _styles(package) -> dict[str, dict]:
    """Style name -> what it means for TEI, parents followed: ``hi`` values, ``rend``
    (a named paragraph style without TEI equivalent), ``align``, ``page`` (break before),
    ``title``."""
    raw: dict[str, object] = {}
    for container in (package.styles, package.automaticstyles):
        for style in container.childNodes:
            if _name(style) == (STYLE, "style"):
                raw[_attr(style, STYLE, "name") or ""] = style
    return {name: _style(name, raw, 0) for name in raw}


def _style(name: str, raw: dict, depth: int) -> dict:
    style = raw.get(name)
    if style is None or depth > 10:
        return {}
    parent = _attr(style, STYLE, "parent-style-name")
    meaning = dict(_style(parent, raw, depth + 1)) if parent else {}
    meaning["hi"] = set(meaning.get("hi", set()))
    automatic = _attr(style, STYLE, "display-name") is None and re.match(r"^[PT]\d+$", name)
    display = (_attr(style, STYLE, "display-name") or name).replace("_20_", " ")
    if not automatic and _attr(style, STYLE, "family") == "paragraph":
        if display.casefold() == "title":
            meaning["title"] = True
        elif display.casefold() not in _PLAIN and not display.casefold().startswith(
                ("heading", "footnote", "endnote")):
            meaning["rend"] = style_token(display)
    for child in style.childNodes:
        if _name(child) == (STYLE, "text-properties"):
            meaning["hi"] |= _text_rend(child)
        elif _name(child) == (STYLE, "paragraph-properties"):
            if _attr(child, FO, "break-before") == "page":
                meaning["page"] = True
            align = _attr(child, FO, "text-align")
            if align in ("center", "end", "right"):
                meaning["align"] = "center" if align == "center" else "right"
    if not automatic and _attr(style, STYLE, "family") == "text" and not meaning["hi"]:
        meaning["hi"] = {style_token(display)}
    return meaning


def _text_rend(properties) -> set[str]:
    values = set()
    if _attr(properties, FO, "font-style") in ("italic", "oblique"):
        values.add("italic")
    if _attr(properties, FO, "font-weight") in ("bold", "600", "700", "800", "900"):
        values.add("bold")
    if (_attr(properties, STYLE, "text-underline-style") or "none") != "none":
        values.add("underline")
    if (_attr(properties, STYLE, "text-line-through-style") or "none") != "none":
        values.add("strikethrough")
    if _attr(properties, FO, "font-variant") == "small-caps":
        values.add("smallcaps")
    if _attr(properties, FO, "text-transform") == "uppercase":
        values.add("allcaps")
    position = (_attr(properties, STYLE, "text-position") or "").split()
    if position and position[0] not in ("0", "0%"):
        values.add("subscript" if position[0].startswith(("sub", "-")) else "superscript")
    return values


def _list_styles(package) -> dict[str, str]:
    found = {}
    for container in (package.styles, package.automaticstyles):
        for style in container.childNodes:
            if _name(style) == (TEXT, "list-style"):
                first = next((c for c in style.childNodes if hasattr(c, "qname")), None)
                bullet = first is not None and first.qname[1] == "list-level-style-bullet"
                found[_attr(style, STYLE, "name") or ""] = "bulleted" if bullet else "numbered"
    return found

