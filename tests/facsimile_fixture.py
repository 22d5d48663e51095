"""The facsimile fixture (tests/fixtures/facsimile) with its page images, which are made
here with Pillow at the sizes the TEI declares rather than committed.

Each image is a sheet of paper colour with ink strokes inside every line zone and a
coloured mark in its upper left corner (``MARKS``), so a test can tell the pages apart
by their pixels."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw

FIXTURE = Path(__file__).parent / "fixtures" / "facsimile"
PAPER = (236, 226, 204)
INK = (52, 40, 30)
MARKS = {"har-1-1-r": (200, 30, 30), "har-1-1-v": (30, 60, 200), "har-1-2-r": (30, 150, 60)}
MARK_BOX = (100, 100, 300, 300)
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def page_image(size: tuple[int, int], zones: list[tuple[float, ...]],
               mark: tuple[int, int, int], seed: int) -> Image.Image:
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle(MARK_BOX, fill=mark)
    rng = random.Random(seed)
    for ulx, uly, lrx, lry in zones:
        x = ulx
        while x < lrx - 40:
            word = rng.randint(60, 220)
            draw.rectangle((x, uly + 30, min(x + word, lrx), lry - 30), fill=INK)
            x += word + rng.randint(25, 45)
    return image


def make_edition(target: Path) -> Path:
    """Copy the fixture to ``target`` and draw its local page images beside the texts."""
    shutil.copytree(FIXTURE, target)
    for text in sorted((target / "texts").glob("*.xml")):
        root = etree.parse(str(text)).getroot()
        for number, surface in enumerate(root.iter(f"{TEI}surface")):
            graphic = surface.find(f"{TEI}graphic")
            url = graphic.get("url")
            if url.startswith("http"):
                continue
            size = (int(graphic.get("width").removesuffix("px")),
                    int(graphic.get("height").removesuffix("px")))
            zones = [tuple(float(z.get(a)) for a in ("ulx", "uly", "lrx", "lry"))
                     for z in surface.iter(f"{TEI}zone")]
            path = text.parent / url
            path.parent.mkdir(parents=True, exist_ok=True)
            page_image(size, zones, MARKS[surface.get(XML_ID)], number).save(path)
    return target
