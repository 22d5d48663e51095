"""The facsimile fixture built whole (HTML and PDF): IIIF image services and manifests,
DTS, the harvesting files, the deposit, and the one-line reports on bad images."""

from __future__ import annotations

import json
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from dts_walk import Walk
from facsimile_fixture import make_edition
from iiif_prezi3 import Manifest
from lxml import etree
from PIL import Image
from pydantic import ValidationError

from edition.build import BuildOptions, build
from edition.iiif.images import MAX_PIXELS, Layout
from edition.model import load_edition
from edition.package import check_package, make_package
from edition.package.check import NO_DOI_RULE

BASE = "https://editions.example.org/harrow/"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
STATIC = "{http://www.openarchives.org/OAI/2.0/static-repository}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = make_edition(tmp_path_factory.mktemp("facsimile") / "edition")
    out = source.parent / "build"
    report = build(BuildOptions(source, out, jobs=1))
    assert report.problems == []
    return out


def local(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    return site / url.removeprefix(BASE)


def test_each_local_page_is_a_level_0_image_service_with_every_tile(built: Path) -> None:
    site = built / "html"
    info = json.loads((site / "iiif/har-1-1/har-1-1-r/info.json").read_text())
    assert (info["type"], info["profile"], info["protocol"]) == (
        "ImageService3", "level0", "http://iiif.io/api/image")
    assert (info["width"], info["height"]) == (2479, 3508)  # the size the TEI declares
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4, 8]}]
    layout = Layout(2479, 3508)
    assert len(layout.tiles()) == 52
    for _factor, region, size in layout.tiles():
        tile = local(site, f"{info['id']}/{','.join(map(str, region))}/{size[0]},{size[1]}"
                           "/0/default.jpg")
        with Image.open(tile) as image:
            assert image.size == size, tile
    for size in info["sizes"]:
        with Image.open(local(site, f"{info['id']}/full/{size['width']},{size['height']}"
                                    "/0/default.jpg")) as image:
            assert image.size == (size["width"], size["height"])


def test_the_tiles_show_the_page(built: Path) -> None:
    """The upper left tile at full size holds the page's red mark, the ink of its lines
    and paper, where the generated scan has them."""
    tile = built / "html/iiif/har-1-1/har-1-1-r/0,0,512,512/512,512/0/default.jpg"
    with Image.open(tile) as image:
        red = image.getpixel((200, 200))
        paper = image.getpixel((450, 50))
        ink = image.getpixel((310, 460))
    assert red[0] > 150 and red[1] < 80 and red[2] < 80
    assert paper[0] > 200 and paper[2] > 170
    assert max(ink) < 100


def test_the_manifest_is_presentation_3_with_a_canvas_and_transcription_per_page(
        built: Path) -> None:
    data = json.loads((built / "html/iiif/har-1-1/manifest.json").read_text())
    Manifest(**data)  # iiif-prezi3's models of the Presentation 3 schema
    broken = json.loads(json.dumps(data))
    broken["items"][0]["type"] = "Page"
    with pytest.raises(ValidationError):
        Manifest(**broken)
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert [c["label"] for c in data["items"]] == [{"none": ["1r"]}, {"none": ["1v"]}]
    first = data["items"][0]
    painting = first["items"][0]["items"][0]
    assert painting["motivation"] == "painting" and painting["target"] == first["id"]
    assert local(built / "html", painting["body"]["id"]).is_file()
    notes = first["annotations"][0]["items"]
    assert notes[0]["body"]["value"].startswith("My dear Tom, the school opened again")
    assert "sister" not in notes[0]["body"]["value"]  # page 1v's words are on its own canvas
    zones = {n["target"].split("#")[1]: n["body"]["value"] for n in notes[1:]}
    assert zones["xywh=300,400,1880,120"] == "My dear Tom, the school opened again on Monday"


def test_a_remote_page_image_is_linked_never_fetched(built: Path) -> None:
    data = json.loads((built / "html/iiif/har-1-2/manifest.json").read_text())
    Manifest(**data)
    remote = data["items"][1]["items"][0]["items"][0]["body"]
    assert remote["id"] == "https://images.example.org/iiif/HAR-1-2-v/full/max/0/default.jpg"
    assert "service" not in remote
    assert not (built / "html/iiif/har-1-2/har-1-2-v").exists()
    page = (built / "html/texts/har-1-2.html").read_text()
    assert 'href="https://images.example.org/iiif/HAR-1-2-v/full/max/0/default.jpg"' in page
    assert "<img" not in page and 'image class="facs-base" href="https' not in page


def test_dts_of_the_fixture_agrees_with_the_pdf_destinations(built: Path) -> None:
    walk = Walk(lambda path: (built / "html" / path).read_bytes(), BASE)
    walk.run()
    dests = subprocess.run(["pdfinfo", "-dests", str(built / "pdf/harrow.pdf")],
                           capture_output=True, text=True, check=True).stdout
    for text_id, units in walk.units.items():
        for unit in units:
            xml_id = f"{text_id}.{unit['identifier']}"
            assert unit["@id"] == f"{BASE}texts/{text_id}.html#{xml_id}"
            if unit["citeType"] == "paragraph":
                assert f'"{xml_id}"' in dests, xml_id


def test_the_static_repository_has_both_formats_for_every_text(built: Path) -> None:
    root = etree.parse(str(built / "html/oai.xml")).getroot()
    assert root.tag == f"{STATIC}Repository"
    assert root.findtext(f"{STATIC}Identify/{OAI}baseURL") == f"{BASE}oai.xml"
    prefixes = [e.text for e in root.iter(f"{OAI}metadataPrefix")]
    assert prefixes == ["oai_dc", "tei"]
    lists = {e.get("metadataPrefix"): e for e in root.iter(f"{STATIC}ListRecords")}
    dc = [r.findtext(f"{OAI}header/{OAI}identifier") for r in lists["oai_dc"]]
    assert dc == ["oai:editions.example.org:harrow", "oai:editions.example.org:har-1-1",
                  "oai:editions.example.org:har-1-2"]
    headers = lists["tei"].findall(f"{OAI}record/{OAI}metadata/"
                                   "{http://www.tei-c.org/ns/1.0}teiHeader")
    assert len(headers) == 2
    titles = [t.text for t in lists["oai_dc"].iter("{http://purl.org/dc/elements/1.1/}title")]
    assert "Margaret Harrow to Thomas Harrow, 2 March 1846" in titles


def test_sitemap_and_schema_org_describe_the_texts_as_parts_of_the_edition(
        built: Path) -> None:
    site = built / "html"
    sitemap = etree.parse(str(site / "sitemap.xml")).getroot()
    locations = {e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert locations == {BASE + p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    graph = json.loads((site / "schema.jsonld").read_text())["@graph"]
    book, *works = graph
    assert book["@type"] == "Book" and book["@id"] == f"{BASE}index.html"
    assert [w["@id"] for w in works] == [p["@id"] for p in book["hasPart"]]
    assert all(w["isPartOf"] == {"@id": book["@id"]} for w in works)
    formats = [e["encodingFormat"] for e in works[0]["encoding"]]
    assert "application/tei+xml" in formats and "application/ld+json" in formats


def test_the_deposit_carries_dts_iiif_and_oai_and_check_knows_them(built: Path,
                                                                   tmp_path: Path) -> None:
    package = make_package(load_edition(built.parent / "edition"), built).path
    # the fixture has no DOI: the one finding is the draft warning
    assert [p.rule for p in check_package(package)] == [NO_DOI_RULE]
    folder = tmp_path / "bag"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    bag = next(folder.iterdir())
    payload = bag / "data/html"
    assert (payload / "dts/index.json").is_file() and (payload / "oai.xml").is_file()
    assert (payload / "iiif/har-1-1/manifest.json").is_file()
    (payload / "dts/index.json").unlink()
    (payload / "iiif/har-1-1/manifest.json").write_text("{not json")
    problems = [f"{p.path.split('/data/', 1)[1]} {p.rule}" for p in check_package(bag)
                if "/data/" in p.path]
    assert "html/dts/index.json package-required" in problems
    assert "html/iiif/har-1-1/manifest.json package-site-api" in problems


def _huge_png(path: Path) -> None:
    """A tiny PNG whose header declares 20,000 × 20,000 pixels (never decoded)."""
    Image.new("L", (8, 8)).save(path)
    data = bytearray(path.read_bytes())
    header = b"IHDR" + struct.pack(">II", 20000, 20000) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    path.write_bytes(bytes(data))


def test_missing_corrupt_and_huge_images_each_give_one_line(tmp_path: Path) -> None:
    source = make_edition(tmp_path / "edition")
    images = source / "texts" / "images"
    (images / "HAR-1-1-r.jpg").unlink()
    (images / "HAR-1-1-v.jpg").write_bytes(b"\xff\xd8\xff not a jpeg at all")
    _huge_png(images / "HAR-1-2-r.png")
    assert 20000 * 20000 > MAX_PIXELS
    from edition.iiif.site import write_iiif
    problems = write_iiif(load_edition(source), tmp_path / "site")
    lines = [str(p).replace(str(source) + "/", "") for p in problems]
    assert len(lines) == 3
    assert lines[0].startswith("texts/har-1-1.xml:30:1: warning: surface har-1-1-r: image "
                               "file HAR-1-1-r.jpg not found")
    assert lines[1].startswith("texts/har-1-1.xml:38:1: warning: surface har-1-1-v: image "
                               "file HAR-1-1-v.jpg cannot be read")
    assert "image HAR-1-2-r.png has more pixels than the limit of 150,000,000" in lines[2]
    assert all(line.endswith("[iiif-image]") and "\n" not in line for line in lines)
    assert not (tmp_path / "site/iiif/har-1-1/har-1-1-r").exists()


def test_an_image_of_another_size_than_declared_is_reported(tmp_path: Path) -> None:
    source = make_edition(tmp_path / "edition")
    text = source / "texts" / "har-1-2.xml"
    text.write_text(text.read_text().replace('width="1654px" height="2339px"/>\n      <zone',
                                             'width="1600px" height="2339px"/>\n      <zone'))
    from edition.iiif.site import write_iiif
    problems = write_iiif(load_edition(source), tmp_path / "site")
    assert [p.rule for p in problems] == ["iiif-image-size"]
    assert "declares 1600 × 2339 pixels, the image HAR-1-2-r.png has 1654 × 2339" in \
        problems[0].message


def test_a_real_epidoc_photograph_without_surface_ids_is_published(
        tmp_path: Path) -> None:
    """A real I.Sicily inscription names its photograph in ``facsimile/surface/graphic``
    (a tiled TIFF of 5520 × 3680 pixels) with no ``@xml:id`` and no ``pb/@facs``: with
    the photograph replaced by one of the same size made here, it gets its image
    service, a canvas and the viewer beside the text."""
    fixture = (Path(__file__).parent / "fixtures" / "real-tei" / "epidoc-isicily"
               / "ISic000424.xml")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / fixture.name).write_bytes(fixture.read_bytes())
    Image.new("RGB", (5520, 3680), (200, 190, 170)).save(texts / "ISic000424_tiled.tif",
                                                         compression="tiff_deflate")
    out = tmp_path / "build"
    build(BuildOptions(texts, out, jobs=1, lenient=True, pdf=False))
    site = out / "html"
    [folder] = (site / "iiif").iterdir()
    service = folder / "surface-1"
    info = json.loads((service / "info.json").read_text())
    assert (info["width"], info["height"]) == (5520, 3680)
    assert (service / "0,0,512,512" / "512,512" / "0" / "default.jpg").is_file()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert len(manifest["items"]) == 1
    # without a base URL the ids are relative to the manifest, so they work from file://
    body = manifest["items"][0]["items"][0]["items"][0]["body"]
    assert (folder / body["service"][0]["id"] / "info.json").is_file()
    page = (site / "texts" / f"{folder.name}.html").read_text()
    assert 'id="facs-surface-1"' in page


def test_graphics_directly_in_facsimile_are_pages_in_order(tmp_path: Path) -> None:
    from edition.iiif.facsimile import read_surfaces
    root = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><facsimile>'
        '<graphic url="front.jpg"/><graphic xml:id="back" url="back.jpg" width="800px" '
        'height="600px"/><surface xml:id="s3"><graphic url=" "/></surface>'
        '</facsimile><text><body><p>x</p></body></text></TEI>')
    surfaces = read_surfaces(root, tmp_path / "t.xml")
    assert [(s.id, s.url, s.declared) for s in surfaces] == [
        ("surface-1", "front.jpg", None), ("back", "back.jpg", (800, 600))]
