"""The facsimile fixture in headless Chromium from ``file://``: the DTS endpoints and the
IIIF manifest read through the browser, and the viewer showing each page's image beside
its text, checked by the pixels of a screenshot."""

from __future__ import annotations

import base64
import io
import json
import subprocess
from pathlib import Path

import pytest
from dts_walk import Walk
from facsimile_fixture import MARKS, make_edition
from PIL import Image
from test_browser_html import Page, audit, browser, url  # noqa: F401  (the "browser" fixture)
from test_html_validity import VNU

from edition.build import BuildOptions, build

pytestmark = pytest.mark.browser
BASE = "https://editions.example.org/harrow/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = make_edition(tmp_path_factory.mktemp("facsimile-browser") / "edition")
    out = source.parent / "build"
    assert build(BuildOptions(source, out, pdf=False, jobs=1)).problems == []
    return out / "html"


def browser_read(page: Page, site: Path):  # noqa: ANN201
    """A reader of site files through the browser: each file opened at its file:// URL,
    its text taken from the page (JSON shown as text, XML serialised as parsed)."""
    def read(path: str) -> bytes:
        page.open(url(site, path))
        if path.endswith(".xml"):
            # Chromium's XML viewer keeps the parsed document in a hidden element
            return page.evaluate(
                "(() => { const held = document.getElementById("
                "'webkit-xml-viewer-source-xml'); return new XMLSerializer()"
                ".serializeToString(held ? held.firstElementChild : document); })()").encode()
        return page.evaluate("document.body.innerText").encode()
    return read


def test_the_dts_endpoints_walk_through_the_browser(
        browser: Page, site: Path) -> None:  # noqa: F811
    walk = Walk(browser_read(browser, site), BASE)
    walk.run()
    assert set(walk.units) == {"har-1-1", "har-1-2"}
    assert [u["identifier"] for u in walk.units["har-1-1"]] == ["1", "1.1", "1.2", "1.3"]
    written = {p.relative_to(site).as_posix() for p in (site / "dts").rglob("*.json")}
    assert written <= set(walk.responses)


def test_the_manifest_and_its_images_open_from_file_urls(
        browser: Page, site: Path) -> None:  # noqa: F811
    read = browser_read(browser, site)
    manifest = json.loads(read("iiif/har-1-1/manifest.json"))
    assert manifest["type"] == "Manifest" and len(manifest["items"]) == 2
    for canvas, surface in zip(manifest["items"], ("har-1-1-r", "har-1-1-v"), strict=True):
        body = canvas["items"][0]["items"][0]["body"]
        info = json.loads(read(body["service"][0]["id"].removeprefix(BASE) + "/info.json"))
        assert (info["width"], info["height"]) == (canvas["width"], canvas["height"])
        small = info["sizes"][0]
        browser.open(url(site, f"{body['service'][0]['id'].removeprefix(BASE)}/full/"
                               f"{small['width']},{small['height']}/0/default.jpg"))
        size = browser.evaluate("[document.images[0].naturalWidth, "
                                "document.images[0].naturalHeight]")
        assert size == [small["width"], small["height"]], surface


def pixel(page: Page, x: float, y: float) -> tuple:
    """The colour on screen where the current page's image shows its point (x, y), in
    the scan's pixels (the SVG's own coordinates)."""
    at = page.evaluate(f"""(() => {{
        const svg = document.querySelector('.facs-page.current svg');
        const p = svg.createSVGPoint(); p.x = {x}; p.y = {y};
        const q = p.matrixTransform(svg.getScreenCTM()); return [q.x, q.y]; }})()""")
    shot = page.send("Page.captureScreenshot", format="png")
    image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
    ratio = image.width / page.evaluate("window.innerWidth")
    return image.getpixel((round(at[0] * ratio), round(at[1] * ratio)))


def open_viewer(page: Page, site: Path, text: str = "har-1-1") -> None:
    page.open(url(site, f"texts/{text}.html"))
    page.wait_for("document.querySelector('.facs-page.current')")


def is_close(colour: tuple, target: tuple, slack: int = 45) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(colour, target, strict=True))


def test_the_viewer_shows_page_1_beside_its_text(
        browser: Page, site: Path) -> None:  # noqa: F811
    open_viewer(browser, site)
    assert browser.evaluate("document.querySelector('.facs-page.current').id") == \
        "facs-har-1-1-r"
    assert browser.evaluate("document.querySelectorAll('.facs-page.current').length") == 1
    browser.wait_for("(() => { const i = new Image(); i.src = document.querySelector("
                     "'.facs-page.current image').getAttribute('href'); "
                     "return i.complete && i.naturalWidth > 0; })()")
    text = browser.evaluate("document.querySelector('.text-body').getBoundingClientRect()"
                            ".right")
    view = browser.evaluate("(() => { const r = document.querySelector('.facs-page.current "
                            "svg').getBoundingClientRect(); return [r.left, r.top, r.width]; })()")
    assert view[0] >= text and view[2] > 200  # beside the text, not below it
    assert is_close(pixel(browser, 200, 200), MARKS["har-1-1-r"])  # the page's mark
    assert is_close(pixel(browser, 2330, 700), (236, 226, 204), 20)  # paper
    assert max(pixel(browser, 320, 460)) < 110  # the ink of the first line
    # the four line zones are drawn over the page and lead to their lines
    assert browser.evaluate("document.querySelectorAll('.facs-page.current rect.zone')"
                            ".length") == 4
    assert browser.evaluate("document.querySelector('#line-har-1-1-r-l1') !== null")
    assert browser.console_errors() == []


def test_zooming_loads_the_full_size_tiles(
        browser: Page, site: Path) -> None:  # noqa: F811
    open_viewer(browser, site)
    browser.evaluate("document.querySelector('.facs-page.current [data-zoom=in]').click()")
    browser.evaluate("document.querySelector('.facs-page.current [data-zoom=fit]').click()")
    assert browser.evaluate("document.querySelector('.facs-page.current svg')"
                            ".getAttribute('viewBox')") == "0 0 2479 3508"
    # eight times closer, keeping the mark where it is (as the mouse wheel does)
    browser.evaluate("window.editionFacsimile.views['har-1-1-r'].zoom(8, 200, 200)")
    box = browser.evaluate("document.querySelector('.facs-page.current svg')"
                           ".getAttribute('viewBox').split(' ').map(Number)")
    assert [round(v) for v in box] == [175, 175, 310, 438]
    browser.wait_for("document.querySelector('.facs-page.current image.facs-tile')")
    tiles = browser.evaluate("[...document.querySelectorAll('.facs-page.current "
                             "image.facs-tile')].map(t => t.getAttribute('href'))")
    assert any("/0,0,512,512/512,512/0/default.jpg" in t for t in tiles)
    browser.wait_for("[...document.querySelectorAll('.facs-page.current image.facs-tile')]"
                     ".every(t => { const i = new Image(); i.src = t.getAttribute('href'); "
                     "return i.complete && i.naturalWidth > 0; })")
    assert is_close(pixel(browser, 200, 200), MARKS["har-1-1-r"])


def test_the_viewer_follows_the_reader_to_the_next_page(
        browser: Page, site: Path) -> None:  # noqa: F811
    open_viewer(browser, site)
    browser.evaluate("document.querySelector('.pb-facs[data-facs=har-1-1-v] a').click()")
    browser.wait_for("document.querySelector('.facs-page.current').id === 'facs-har-1-1-v'")
    assert is_close(pixel(browser, 200, 200), MARKS["har-1-1-v"])
    browser.open(url(site, "texts/har-1-1.html") + "#line-har-1-1-r-l2")
    browser.wait_for("document.querySelector('#zone-har-1-1-r-l2.active')")
    assert browser.evaluate("document.querySelector('.facs-page.current').id") == \
        "facs-har-1-1-r"


def test_axe_finds_no_serious_violation_on_a_page_with_facsimiles(
        browser: Page, site: Path) -> None:  # noqa: F811
    assert audit(browser, url(site, "texts/har-1-1.html")) == []
    assert audit(browser, url(site, "texts/har-1-2.html")) == []


def test_the_pages_with_facsimiles_pass_the_nu_html_checker(site: Path) -> None:
    pages = [str(site / "texts" / f"{t}.html") for t in ("har-1-1", "har-1-2")]
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                          *pages], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or "{}").get("messages", [])
    assert [f"{m.get('url')}: {m['message']}" for m in messages] == []
