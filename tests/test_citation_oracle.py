"""`edition cite` prints what citeproc-js, the reference CSL processor, makes of the same
CSL-JSON with the same style file and locale: for the edition, a text and a paragraph, in
all three styles (white space normalised, nothing else)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import citeproc
import pytest

from edition.citation import citation_of, cite, style_path
from edition.model import Edition, load_edition

RENDERER = Path(__file__).parent / "js" / "render_citation.js"
LOCALE = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
STYLES = ("chicago", "mla", "apa")
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed for citeproc-js")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _citeproc_js(style: str, requests: list[dict]) -> list[dict]:
    result = subprocess.run(
        [NODE, str(RENDERER), str(style_path(style)), str(LOCALE), "text"],
        input=json.dumps(requests), capture_output=True, text=True, check=True, timeout=120)
    return json.loads(result.stdout)


def _request(edition: Edition, target: str) -> dict:
    """The CSL-JSON that `edition cite --format csl-json` exports, as a citeproc-js request."""
    [item] = json.loads(citation_of(edition, target, "chicago", "csl-json"))
    locator = item.pop("locator", None)
    label = item.pop("custom", {}).get("locator-label")
    return {"item": item, "locator": locator, "label": label}


def _targets(edition: Edition) -> list[str]:
    targets = ["edition"]
    for text in edition.texts:
        targets.append(text.id)
        targets.extend(p.ref for p in (text.paragraphs[0], text.paragraphs[-1]))
    return targets


@pytest.fixture(scope="module")
def editions(mini_edition: Path, bundled_edition: Path) -> dict[str, Edition]:
    return {"mini": load_edition(mini_edition), "bundled": load_edition(bundled_edition)}


@pytest.fixture(scope="module")
def compared(editions: dict[str, Edition]) -> dict[str, list[tuple[str, str, dict]]]:
    """Per style: (edition, target, citeproc-js result) for every target of both editions,
    rendered in one citeproc-js run per style (building an engine is the slow part)."""
    targets = [(name, target) for name, edition in editions.items()
               for target in _targets(edition)]
    result = {}
    for style in STYLES:
        rendered = _citeproc_js(style, [_request(editions[n], t) for n, t in targets])
        result[style] = [(n, t, r) for (n, t), r in zip(targets, rendered, strict=True)]
    return result


@pytest.mark.parametrize("style", STYLES)
def test_cite_text_output_equals_citeproc_js(style: str, editions: dict[str, Edition],
                                             compared: dict) -> None:
    for name, target, reference in compared[style]:
        ours = citation_of(editions[name], target, style, "text").split("\n")
        theirs = [reference["reference"]] + ([reference["pinpoint"]]
                                             if reference["pinpoint"] else [])
        assert [_squash(x) for x in ours] == [_squash(x) for x in theirs], (name, target)


def test_the_command_prints_the_same_as_for_a_loaded_edition(
        mini_edition: Path, editions: dict[str, Edition]) -> None:
    for target in ("edition", "mini1", "mini1.2.1"):
        assert cite(mini_edition, target, "mla") == citation_of(editions["mini"], target, "mla")


def test_the_paragraph_locator_reaches_citeproc_js_as_a_paragraph(compared: dict) -> None:
    pinpoints = {t: r["pinpoint"] for _, t, r in compared["apa"]}
    assert "para. 1.1" in pinpoints["mini1.1.1"]
    assert pinpoints["mini1"] is None
