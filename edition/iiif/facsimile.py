"""A text's facsimile as plain data: its surfaces, their images, zones and transcriptions.

TEI encodes page images in ``facsimile``: one ``surface`` per page with a ``graphic``
(``@url`` the image, ``@width``/``@height`` its declared size) and ``zone``s with
coordinates (``@ulx @uly @lrx @lry``, or ``@points``) in the surface's own coordinate
space (``surface/@ulx … @lry``, else the image's pixels). The transcription points at
them: ``pb/@facs`` opens the page of a surface, ``lb/@facs`` (or ``line``/``zone``
elements with ``@facs``) a line with its zone.

The transcription of a page is the diplomatic reading (the source's forms, as on the
image) from its ``pb`` to the next; each zone gets the words of its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from edition.paths import XML_ID
from edition.textual import SKIPPED_DIPLOMATIC, T, normalise_space

BLOCKS = {f"{T}{n}" for n in ("p", "head", "l", "ab", "item", "opener", "closer", "salute",
                              "signed", "dateline", "address", "addrLine", "note", "sp",
                              "speaker", "lg", "div", "fw")}


@dataclass(frozen=True)
class Zone:
    id: str
    x: float
    y: float
    width: float
    height: float
    """In the image's pixels."""
    line: str = ""
    """The words of the line the zone holds, when a line points at it."""


@dataclass
class Surface:
    id: str
    label: str
    url: str
    """``graphic/@url`` as written."""
    image: Path | None
    """The local image file; None for a remote image (linked, never fetched)."""
    declared: tuple[int, int] | None
    """``graphic/@width``, ``@height`` in pixels, when stated."""
    line: int
    zones: list[Zone] = field(default_factory=list)
    transcription: str = ""

    @property
    def remote(self) -> bool:
        return self.image is None


_PIXELS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


def _pixels(value: str | None) -> int | None:
    match = _PIXELS.match(value or "")
    return round(float(match.group(1))) if match else None


def _local_image(url: str, base: Path) -> Path | None:
    """The file a relative (or ``file:``) ``@url`` names, beside the TEI; None for
    http(s) and other schemes."""
    parsed = urlparse(url)
    if parsed.scheme in ("", "file") and not parsed.netloc:
        return (base.parent / unquote(parsed.path)).resolve() if parsed.scheme == "" \
            else Path(unquote(parsed.path))
    return None


def _box(element: etree._Element) -> tuple[float, float, float, float] | None:
    try:
        if element.get("points"):
            pairs = [tuple(float(v) for v in p.split(",")) for p in element.get("points").split()]
            xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
            return min(xs), min(ys), max(xs), max(ys)
        values = [float(element.get(a)) for a in ("ulx", "uly", "lrx", "lry")]
    except (TypeError, ValueError, IndexError):
        return None
    return values[0], values[1], values[2], values[3]


def _pages(root: etree._Element) -> list[tuple[etree._Element, etree._Element]]:
    """Each page of the facsimile as (the element that stands for it, its graphic): a
    ``surface`` with a ``graphic`` (in a ``surfaceGrp`` too), or a ``graphic`` standing
    directly in ``facsimile``, as EpiDoc and many photograph lists write it."""
    pages = []
    for facsimile in root.iter(f"{T}facsimile"):
        for element in facsimile.iter(f"{T}surface", f"{T}graphic"):
            if element.tag == f"{T}surface":
                graphic = element.find(f"{T}graphic")
                if graphic is not None:
                    pages.append((element, graphic))
            elif element.getparent().tag == f"{T}facsimile":
                pages.append((element, element))
    return pages


def read_surfaces(root: etree._Element, path: Path) -> list[Surface]:
    """Every page of the text's ``facsimile`` that has an image, labelled by the ``pb``
    that opens it. A page without an ``@xml:id`` (nothing can point at it) is named by
    its place, ``surface-N``, so that its image is still published."""
    labels = {(pb.get("facs") or "").lstrip("#"): pb.get("n") or ""
              for pb in root.iter(f"{T}pb") if pb.get("facs")}
    surfaces = []
    for number, (element, graphic) in enumerate(_pages(root), 1):
        url = (graphic.get("url") or "").strip()
        if not url:
            continue
        identifier = element.get(XML_ID) or f"surface-{number}"
        width, height = _pixels(graphic.get("width")), _pixels(graphic.get("height"))
        surfaces.append(Surface(
            identifier, labels.get(identifier) or element.findtext(f"{T}label") or str(number),
            url, _local_image(url, path), (width, height) if width and height else None,
            element.sourceline or 0))
    return surfaces


def place_zones(root: etree._Element, surface: Surface, size: tuple[int, int],
                lines: dict[str, str]) -> None:
    """The surface's zones in the image's pixels (scaled from the surface's coordinate
    space when it declares one), each with the words of its line."""
    element = next((s for s in root.iter(f"{T}surface") if s.get(XML_ID) == surface.id), None)
    if element is None:
        return
    space = _box(element)
    left, top = (space[0], space[1]) if space else (0.0, 0.0)
    scale_x = size[0] / (space[2] - space[0]) if space and space[2] > space[0] else 1.0
    scale_y = size[1] / (space[3] - space[1]) if space and space[3] > space[1] else 1.0
    surface.zones = []
    for zone in element.iter(f"{T}zone"):
        box = _box(zone)
        if box is None or not zone.get(XML_ID):
            continue
        x, y = (box[0] - left) * scale_x, (box[1] - top) * scale_y
        surface.zones.append(Zone(zone.get(XML_ID), round(x, 1), round(y, 1),
                                  round((box[2] - box[0]) * scale_x, 1),
                                  round((box[3] - box[1]) * scale_y, 1),
                                  lines.get(zone.get(XML_ID), "")))


@dataclass
class _Transcriber:
    """Walks the text once, sending each piece to the page and the line it is on."""

    pages: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)
    page: str | None = None
    line: str | None = None

    def emit(self, value: str | None) -> None:
        if not value:
            return
        if self.page is not None:
            self.pages.setdefault(self.page, []).append(value)
        if self.line is not None:
            self.lines.setdefault(self.line, []).append(value)

    def walk(self, element: etree._Element) -> None:
        tag = element.tag
        facs = (element.get("facs") or "").lstrip("#") or None
        if tag == f"{T}pb":
            self.page, self.line = facs, None
            return
        if tag == f"{T}lb" or tag == f"{T}cb":
            self.emit("\n")
            self.line = facs
            return
        block = tag in BLOCKS
        if block:
            self.emit("\n")
            self.line = facs if facs else (None if tag != f"{T}l" else self.line)
        self.emit(element.text)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in SKIPPED_DIPLOMATIC:
                self.walk(child)
            self.emit(child.tail)
        if block:
            self.emit("\n")
            self.line = None


def transcriptions(root: etree._Element) -> tuple[dict[str, str], dict[str, str]]:
    """(surface id → its page's transcription, zone id → its line's words)."""
    walker = _Transcriber()
    text = root.find(f"{T}text")
    if text is not None:
        walker.walk(text)

    def joined(parts: list[str]) -> str:
        return "\n".join(line for line in (normalise_space(s) for s in
                                           "".join(parts).split("\n")) if line)

    return ({k: joined(v) for k, v in walker.pages.items()},
            {k: normalise_space(" ".join(joined(v).split("\n"))) for k, v in walker.lines.items()})
