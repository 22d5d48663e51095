"""Read a DOCX file (Office Open XML) into `Document` blocks, through python-docx.

python-docx opens the package (its parser never resolves entities or fetches anything)
and gives the parsed parts and style definitions; the walk over WordprocessingML is ours
because python-docx has no API for footnotes, endnotes, tracked changes or fields. What
the walk keeps: paragraphs; headings (style ``Heading N``/``Title`` or an outline level);
bold, italic, underline, superscript, subscript, small capitals, capitals and strike-through
as ``hi @rend``; hyperlinks as ``ref``; line breaks as ``lb``; page and section breaks as
``pb``; footnotes and endnotes as ``note`` at their reference; comments as ``note
type="comment"`` at their reference; tables (with spans and header rows) and numbered or
bulleted lists. A paragraph or character style without a TEI equivalent goes into
``@rend``. Images, text boxes, equations, tracked deletions, headers and footers are
listed as not represented.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from edition.importer.archive import open_checked
from edition.importer.document import Block, Document, Lost
from edition.importer.runs import (
    PAGE_MARK,
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
from edition.xmlparse import parse_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
# Paragraph styles that are the default look of running text: no @rend.
_PLAIN_STYLES = {"normal", "body text", "list paragraph", "default paragraph font",
                 "standard", "text body", "no spacing", "plain text", "footnote text",
                 "endnote text", "comment text", "annotation text"}
# Character styles with a TEI equivalent.
_CHAR_STYLES = {"emphasis": "italic", "strong": "bold", "intense emphasis": "bold italic",
                "subtle emphasis": "italic", "book title": "italic"}
_TOGGLES = {"b": "bold", "i": "italic", "smallCaps": "smallcaps", "caps": "allcaps",
            "strike": "strikethrough", "dstrike": "strikethrough"}
_OFF = {"0", "false", "off", "none"}
PAGE = Raw(PAGE_MARK)  # a page break inside a paragraph, until blocks are cut


def read_docx(path: Path) -> Document:
    """The blocks of the Word document at ``path``."""
    open_checked(path, "word/document.xml").close()
    import docx  # python-docx, imported only when a DOCX is read

    try:
        package = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - any failure of the reader is the file's
        raise EditionError(f"not a readable Word document: {error}", path=path,
                           rule="import-docx") from None
    return _Reader(package, path).read()


class _Reader:
    def __init__(self, package, path: Path) -> None:
        self.package = package
        self.document = Document(path.name, [], fmt="docx")
        self.styles = _styles(package)
        self.parts = _related_parts(package, path)
        self.notes = {kind: _notes(self.parts.get(kind), kind)
                      for kind in ("footnotes", "endnotes", "comments")}
        self.numbering = _numbering(self.parts.get("numbering"))
        self.style_numbers = {
            style.style_id: style.element.find(f"{w('pPr')}/{w('numPr')}")
            for style in package.styles
            if style.element.find(f"{w('pPr')}/{w('numPr')}") is not None}
        self.links = {rel.rId: rel.target_ref for rel in package.part.rels.values()
                      if rel.is_external}
        self.note_numbers = {"footnotes": 0, "endnotes": 0}
        self.paragraph = 0

    def read(self) -> Document:
        body = self.package.element.body
        self._blocks(body)
        self._lose_page_furniture()
        return self.document

    # ------------------------------------------------------------------ blocks

    def _blocks(self, container: etree._Element) -> None:
        pending_list: list[tuple[int, str, str]] = []  # (level, format, markup)
        for child in container:
            info = self._list_info(child) if child.tag == w("p") else None
            if info and pending_list and info[0] == 0 and info[1] != pending_list[0][1]:
                self._add_list(pending_list)  # another list begins
                pending_list = []
            if info:
                self.paragraph += 1
                pending_list.append((info[0], info[1], render(self._pieces(child))[0]))
                continue
            if pending_list:
                self._add_list(pending_list)
                pending_list = []
            if child.tag == w("p"):
                self.paragraph += 1
                self._paragraph(child)
            elif child.tag == w("tbl"):
                self.paragraph += 1
                self._table(child)
            elif child.tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                self._blocks(content if content is not None else child)
        if pending_list:
            self._add_list(pending_list)

    def _paragraph(self, p: etree._Element) -> None:
        properties = p.find(w("pPr"))
        if properties is not None and properties.find(w("pageBreakBefore")) is not None:
            self._add(Block("pb", line=self.paragraph))
        style = self._style_of(p)
        level = self._heading_level(p, style)
        for index, pieces in enumerate(_split_pages(self._pieces(p))):
            if index:
                self._add(Block("pb", line=self.paragraph))
            markup, text = render(pieces)
            if not text and not markup:
                continue
            kind = "head" if level is not None and text else "p"
            rend = None if kind == "head" else self._rend(p, style)
            self._add(Block(kind, text, markup, self.paragraph, level or 0, rend))
        if properties is not None and properties.find(w("sectPr")) is not None:
            kind = properties.find(f"{w('sectPr')}/{w('type')}")
            if kind is None or kind.get(w("val")) in ("nextPage", "oddPage", "evenPage"):
                self._add(Block("pb", line=self.paragraph))

    def _add(self, block: Block) -> None:
        self.document.blocks.append(block)

    def _style_of(self, p: etree._Element) -> tuple[str, int | None]:
        node = p.find(f"{w('pPr')}/{w('pStyle')}")
        style_id = node.get(w("val")) if node is not None else "Normal"
        return self.styles.get(style_id, (style_id or "Normal", None))

    def _heading_level(self, p: etree._Element, style: tuple[str, int | None]
                       ) -> int | None:
        name, outline = style
        own = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        if own is not None and own.get(w("val"), "9").isdigit() and int(own.get(w("val"))) < 9:
            return int(own.get(w("val"))) + 1
        if name.casefold() in ("title",):
            return 0
        found = _HEADING_STYLE.match(name)
        if found:
            return int(found.group(1))
        return outline + 1 if outline is not None and outline < 9 else None

    def _rend(self, p: etree._Element, style: tuple[str, int | None]) -> str | None:
        values = []
        name = style[0]
        if name.casefold() not in _PLAIN_STYLES:
            values.append(style_token(name))
        align = p.find(f"{w('pPr')}/{w('jc')}")
        if align is not None and align.get(w("val")) in ("center", "right", "end"):
            values.append({"end": "right"}.get(align.get(w("val")), align.get(w("val"))))
        return " ".join(values) or None

    def _list_info(self, p: etree._Element) -> tuple[int, str] | None:
        number = p.find(f"{w('pPr')}/{w('numPr')}")
        if number is None:  # numbering given by the paragraph's style (List Bullet, ...)
            style = p.find(f"{w('pPr')}/{w('pStyle')}")
            number = self.style_numbers.get(style.get(w("val")) if style is not None else "")
        if number is None:
            return None
        num_id = number.find(w("numId"))
        level = number.find(w("ilvl"))
        if num_id is None or num_id.get(w("val")) in (None, "0"):
            return None
        ilvl = int(level.get(w("val"), "0")) if level is not None else 0
        fmt = self.numbering.get((num_id.get(w("val")), ilvl), "bullet")
        name = self._style_of(p)[0].casefold()
        if "number" in name or "bullet" in name:  # the style's name says what Word shows
            fmt = "decimal" if "number" in name else "bullet"
        kind = "bulleted" if fmt in ("bullet", "none") else "numbered"
        return ilvl, f"{kind}:{num_id.get(w('val'))}"

    def _add_list(self, items: list[tuple[int, str, str]]) -> None:
        items = [(level, fmt.split(":")[0], markup) for level, fmt, markup in items]
        markup = nested_list(items, 0)
        text = " ".join(re.sub(r"<[^>]+>", " ", m) for _, _, m in items)
        self._add(Block("list", " ".join(text.split()), markup, self.paragraph))

    def _table(self, table: etree._Element) -> None:
        rows = []
        spans: dict[int, list] = {}  # column -> the cell a vertical merge continues
        for tr in table.iter(w("tr")):
            if tr.getparent() is not table:
                continue
            cells, column = [], 0
            header = tr.find(f"{w('trPr')}/{w('tblHeader')}") is not None
            for tc in tr.findall(w("tc")):
                span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                cols = int(span.get(w("val"), "1")) if span is not None else 1
                merge = tc.find(f"{w('tcPr')}/{w('vMerge')}")
                if merge is not None and merge.get(w("val")) != "restart" and column in spans:
                    spans[column][1] += 1
                else:
                    cell = [self._cell(tc), 1, cols]
                    if merge is not None:
                        spans[column] = cell
                    else:
                        spans.pop(column, None)
                    cells.append(cell)
                column += cols
            rows.append((header, cells))
        markup = "<table>" + "".join(table_row(h, cells) for h, cells in rows) + "</table>"
        text = " ".join(c[0] for _, cells in rows for c in cells)
        self._add(Block("table", re.sub(r"<[^>]+>", " ", text), markup, self.paragraph))

    def _cell(self, tc: etree._Element) -> str:
        parts = []
        for child in tc:
            if child.tag == w("p"):
                parts.append(render(self._pieces(child))[0].replace(PAGE.markup, ""))
            elif child.tag == w("tbl"):
                self._lose("a table inside a table cell (its text is kept in the cell)")
                parts.append(escape(" ".join("".join(child.itertext()).split())))
        return "<lb/>".join(part for part in parts if part)

    # ------------------------------------------------------------------ inline

    def _pieces(self, element: etree._Element, rend: tuple[str, ...] = ()) -> list[Piece]:
        pieces: list[Piece] = []
        for child in element:
            tag = child.tag
            if tag == w("r"):
                pieces.extend(self._run(child))
            elif tag == w("hyperlink"):
                target = self.links.get(child.get(f"{{{R}}}id") or "")
                inner = self._pieces(child)
                pieces.append(Link(target, inner) if target else Raw(render(inner)[0],
                                                                     render(inner)[1]))
            elif tag in (w("ins"), w("moveTo"), w("smartTag"), w("customXml"),
                         w("fldSimple"), w("sdtContent"), w("dir"), w("bdo")):
                pieces.extend(self._pieces(child))
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    pieces.extend(self._pieces(content))
            elif tag in (w("del"), w("moveFrom")):
                deleted = "".join(child.itertext()).strip()
                self._lose(f"tracked deletion {deleted!r} left out (the text as it reads now "
                           "is kept)")
            elif tag in (f"{{{M}}}oMath", f"{{{M}}}oMathPara"):
                formula = "".join(t.text or "" for t in child.iter(f"{{{M}}}t"))
                self._lose(f"equation {formula!r} kept as plain text")
                pieces.append(Run(formula))
        return pieces

    def _run(self, r: etree._Element) -> list[Piece]:
        rend = self._run_rend(r)
        pieces: list[Piece] = []
        for child in r:
            tag = child.tag
            if tag == w("t"):
                pieces.append(Run(child.text or "", rend))
            elif tag in (w("tab"), w("ptab")):
                pieces.append(Run(" ", rend))
            elif tag == w("br"):
                pieces.append(PAGE if child.get(w("type")) == "page" else Raw("<lb/>", "\n"))
            elif tag == w("cr"):
                pieces.append(Raw("<lb/>", "\n"))
            elif tag == w("noBreakHyphen"):
                pieces.append(Run("\u2011", rend))
            elif tag == w("sym"):
                pieces.append(Run(chr(int(child.get(w("char"), "20"), 16) & 0xFFFF), rend))
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                pieces.append(self._note(child, "footnotes" if "foot" in tag else "endnotes"))
            elif tag == w("commentReference"):
                pieces.append(self._comment(child.get(w("id"))))
            elif tag in (w("drawing"), w("pict"), w("object")):
                pieces.extend(self._drawing(child))
        return pieces

    def _run_rend(self, r: etree._Element) -> tuple[str, ...]:
        properties = r.find(w("rPr"))
        if properties is None:
            return ()
        values: set[str] = set()
        for name, value in _TOGGLES.items():
            node = properties.find(w(name))
            if node is not None and node.get(w("val"), "true") not in _OFF:
                values.add(value)
        underline = properties.find(w("u"))
        if underline is not None and underline.get(w("val"), "single") not in _OFF:
            values.add("underline")
        position = properties.find(w("vertAlign"))
        if position is not None and position.get(w("val")) in ("superscript", "subscript"):
            values.add(position.get(w("val")))
        style = properties.find(w("rStyle"))
        if style is not None:
            name = self.styles.get(style.get(w("val")), (style.get(w("val")), None))[0]
            mapped = _CHAR_STYLES.get(name.casefold())
            if mapped:
                values.update(mapped.split())
            elif not name.casefold().endswith(("reference", "hyperlink", "default paragraph "
                                                "font")):
                values.add(style_token(name))
        return ordered(values)

    def _note(self, reference: etree._Element, kind: str) -> Raw:
        note_id = reference.get(w("id"))
        paragraphs = self.notes[kind].get(note_id)
        if paragraphs is None:
            self._lose(f"reference to {kind[:-1]} {note_id}, which the file does not hold")
            return Raw("")
        self.note_numbers[kind] += 1
        place = "foot" if kind == "footnotes" else "end"
        content = note_content([render(self._pieces(p))[0] for p in paragraphs])
        return Raw(f'<note place="{place}" n="{self.note_numbers[kind]}">{content}</note>')

    def _comment(self, comment_id: str | None) -> Raw:
        found = self.notes["comments"].get(comment_id or "")
        if found is None:
            return Raw("")
        authors = self.document.comment_authors
        author, date = self.parts.get("comment_authors", {}).get(comment_id, ("", ""))
        if date:
            self._lose(f"the date of {author or 'a'}'s comment ({date})")
        if author not in authors:
            authors.append(author)
        resp = f"#\ue002{authors.index(author) + 1}"
        content = note_content([render(self._pieces(p))[0] for p in found])
        return Raw(f'<note type="comment" resp="{resp}">{content}</note>')

    def _drawing(self, element: etree._Element) -> list[Piece]:
        boxes = list(element.iter(w("txbxContent")))
        if boxes:
            text = " ".join(" ".join("".join(b.itertext()).split()) for b in boxes)
            self._lose(f"text box {text[:60]!r} not represented")
        else:
            label = next((d.get("descr") or d.get("name") for d in element.iter()
                          if d.get("descr") or d.get("name")), "")
            self._lose(f"image{f' {label!r}' if label else ''} not represented")
        return []

    def _lose(self, what: str) -> None:
        self.document.lost.append(Lost(what, f"paragraph {self.paragraph}"))

    def _lose_page_furniture(self) -> None:
        for number, section in enumerate(self.package.sections, start=1):
            for name in ("header", "footer"):
                part = getattr(section, name)
                if part.is_linked_to_previous:
                    continue
                text = " ".join(" ".join(p.text for p in part.paragraphs).split())
                if text:
                    self.document.lost.append(Lost(
                        f"page {name} {text[:60]!r} left out (page furniture)",
                        f"section {number}"))


# ---------------------------------------------------------------------- helpers


def _split_pages(pieces: list[Piece]) -> list[list[Piece]]:
    """A paragraph cut where a page break stands in it."""
    parts: list[list[Piece]] = [[]]
    for piece in pieces:
        if piece is PAGE:
            parts.append([])
        else:
            parts[-1].append(piece)
    return parts


def _styles(package) -> dict[str, tuple[str, int | None]]:
    """Style id -> (name, outline level inherited through ``basedOn``)."""
    found: dict[str, tuple[str, int | None]] = {}
    for style in package.styles:
        level, current, seen = None, style, 0
        while current is not None and level is None and seen < 10:
            node = current.element.find(f"{w('pPr')}/{w('outlineLvl')}")
            if node is not None and node.get(w("val"), "").isdigit():
                level = int(node.get(w("val")))
            current = getattr(current, "base_style", None)
            seen += 1
        found[style.style_id] = (style.name or style.style_id, level)
    return found


def _related_parts(package, path: Path) -> dict:
    kinds = {_RT + "footnotes": "footnotes", _RT + "endnotes": "endnotes",
             _RT + "comments": "comments", _RT + "numbering": "numbering"}
    parts = {}
    for rel in package.part.rels.values():
        if rel.reltype in kinds and not rel.is_external:
            parts[kinds[rel.reltype]] = _element(rel.target_part, path)
    comments = parts.get("comments")
    if comments is not None:
        parts["comment_authors"] = {c.get(w("id")): (c.get(w("author"), ""),
                                                     c.get(w("date"), ""))
                                    for c in comments.iter(w("comment"))}
    return parts


def _element(part, path: Path) -> etree._Element:
    """A part python-docx parsed, or one it keeps as bytes (footnotes, endnotes), parsed
    by the edition's hardened parser."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return parse_bytes(part.blob, f"{path}:{part.partname}").getroot()


def _notes(root: etree._Element | None, kind: str) -> dict[str, list[etree._Element]]:
    if root is None:
        return {}
    tag = {"footnotes": "footnote", "endnotes": "endnote", "comments": "comment"}[kind]
    return {n.get(w("id")): n.findall(f".//{w('p')}") for n in root.iter(w(tag))
            if n.get(w("type")) not in ("separator", "continuationSeparator",
                                         "continuationNotice")}


def _numbering(root: etree._Element | None) -> dict[tuple[str, int], str]:
    """(numId, level) -> number format (``bullet``, ``decimal``, ...)."""
    if root is None:
        return {}
    abstract = {}
    for node in root.iter(w("abstractNum")):
        for lvl in node.iter(w("lvl")):
            fmt = lvl.find(w("numFmt"))
            abstract[(node.get(w("abstractNumId")), int(lvl.get(w("ilvl"), "0")))] = (
                fmt.get(w("val")) if fmt is not None else "decimal")
    found = {}
    for num in root.iter(w("num")):
        ref = num.find(w("abstractNumId"))
        if ref is None:
            continue
        for (abstract_id, level), fmt in abstract.items():
            if abstract_id == ref.get(w("val")):
                found[(num.get(w("numId")), level)] = fmt
    return found
