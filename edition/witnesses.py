"""The witnesses a text declares (``listWit``) and the sigla they are printed with.

One rule for every output: a witness's siglum is its ``@n`` when it has one, else its
``xml:id`` without the text's id as prefix (ids are unique across the edition, so they
often carry one: "kis1957-works" is "works"). The stylesheets apply the same rule in the
``siglum`` template of ``xslt/common.xsl``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from edition.paths import XML_ID
from edition.textual import T, normalise_space


@dataclass(frozen=True)
class WitnessInfo:
    id: str
    siglum: str
    description: str


def siglum(witness: etree._Element, text_id: str) -> str:
    if (witness.get("n") or "").strip():
        return witness.get("n", "").strip()
    identifier = witness.get(XML_ID, "")
    prefix = f"{text_id}-"
    return identifier[len(prefix):] if identifier.startswith(prefix) else identifier


def witness_elements(root: etree._Element) -> list[etree._Element]:
    return [w for w in root.iterfind(f".//{T}sourceDesc//{T}listWit/{T}witness")
            if w.get(XML_ID)]


def witnesses(root: etree._Element, text_id: str) -> list[WitnessInfo]:
    """Every witness the text declares, in order."""
    return [WitnessInfo(w.get(XML_ID, ""), siglum(w, text_id),
                        normalise_space("".join(w.itertext())))
            for w in witness_elements(root)]
