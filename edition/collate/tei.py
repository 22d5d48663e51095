"""The TEI of a collation: the base text in parallel segmentation, with its witnesses.

Each variant location is an ``app``: the base witness's reading is the ``lem`` (with
every witness that agrees with it), and each other reading a ``rdg`` with the witnesses
that have it; an empty reading is an omission, an empty lemma an addition. A blank line
of the base text between two stretches of agreement begins a new paragraph. The output
depends only on the witnesses and the options, so the same input gives the same file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from edition.collate.alignment import Location
from edition.collate.witnesses import Witness
from edition.paths import TEI_NS, XML_ID

_PARAGRAPH = re.compile(r"\n\s*\n\s*")
_SPACE = re.compile(r"\s+")


def _el(parent: etree._Element, name: str, text: str | None = None,
        **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI_NS}}}{name}",
                               {(XML_ID if k == "xml_id" else k): v
                                for k, v in attributes.items()})
    element.text = text
    return element


def _header(root: etree._Element, witnesses: Sequence[Witness], base: str) -> None:
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", "Collation of " + ", ".join(w.siglum for w in witnesses),
        type="main")
    publication = _el(file_desc, "publicationStmt")
    _el(publication, "p", "Made by edition collate; not yet published.")
    source_desc = _el(file_desc, "sourceDesc")
    _el(source_desc, "bibl", f"The text is that of witness {base}; the apparatus records "
                          "the readings of the others.")
    list_wit = _el(source_desc, "listWit")
    for witness in witnesses:
        _el(list_wit, "witness", witness.source, xml_id=witness.siglum, n=witness.siglum)
    encoding = _el(header, "encodingDesc")
    _el(encoding, "variantEncoding", method="parallel-segmentation", location="internal")
    refs = _el(encoding, "refsDecl")
    _el(refs, "citeStructure", match="/TEI/text/body/p", use="@n", unit="paragraph")


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _app(p: etree._Element, location: Location, base: str) -> None:
    lemma = location.readings[base]
    normal = location.normals
    app = _el(p, "app")
    agreeing = [s for s in location.readings if normal[s] == normal[base]]
    _el(app, "lem", lemma.strip() or None, wit=" ".join(f"#{s}" for s in agreeing))
    others: dict[str, list[str]] = {}
    for siglum in location.readings:
        if siglum not in agreeing:
            others.setdefault(normal[siglum], []).append(siglum)
    for sigla in others.values():
        _el(app, "rdg", location.readings[sigla[0]].strip() or None,
            wit=" ".join(f"#{s}" for s in sigla))
    trailing = lemma[len(lemma.rstrip()):] if lemma.strip() else ""
    app.tail = " " if trailing else None


def _new_paragraph(body: etree._Element, text_id: str, number: int) -> etree._Element:
    return _el(body, "p", n=str(number), xml_id=f"{text_id}.{number}")


def _lay_out(root: etree._Element, body: etree._Element,
             paragraphs: list[etree._Element]) -> None:
    """Indent the header and put each paragraph on its own line; the mixed content of a
    paragraph is left as it is (an indent inside an app would become reading text)."""
    etree.indent(root[0], space="  ", level=1)
    root.text = root[0].tail = "\n  "
    root[1].text, root[1].tail = "\n    ", "\n"
    body.text, body.tail = "\n      ", "\n  "
    for p in paragraphs:
        p.tail = "\n      "
    paragraphs[-1].tail = "\n    "


def collation_tei(witnesses: Sequence[Witness], base: str, text_id: str,
                  locations: Sequence[Location]) -> str:
    root = etree.Element(f"{{{TEI_NS}}}TEI", {"type": "text", XML_ID: text_id},
                         nsmap={None: TEI_NS})
    _header(root, witnesses, base)
    body = _el(_el(root, "text"), "body")
    paragraphs = [_new_paragraph(body, text_id, 1)]
    for location in locations:
        if not location.varies:
            parts = _PARAGRAPH.split(location.readings[base])
            for i, part in enumerate(parts):
                if i:
                    paragraphs.append(_new_paragraph(body, text_id, len(paragraphs) + 1))
                _append_text(paragraphs[-1], _SPACE.sub(" ", part))
            continue
        _app(paragraphs[-1], location, base)
        lemma = location.readings[base]
        if _PARAGRAPH.search(lemma[len(lemma.rstrip()):]):
            paragraphs.append(_new_paragraph(body, text_id, len(paragraphs) + 1))
    for p in paragraphs:
        if p.text:
            p.text = p.text.lstrip()
        last = p[-1] if len(p) else None
        if last is not None and last.tail:
            last.tail = last.tail.rstrip() or None
        elif last is None and p.text:
            p.text = p.text.rstrip()
    _lay_out(root, body, paragraphs)
    return etree.tostring(root, encoding="unicode", xml_declaration=False) + "\n"
