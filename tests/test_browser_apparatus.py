"""The apparatus of the web edition in headless Chromium, from ``file://``: the reading
view per witness and the filter by witness and kind, driven by the keyboard."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from test_browser_html import Page, browser, url  # noqa: F401 - the module's browser

from edition.textual import T

pytestmark = pytest.mark.browser
LINEATED = Path(__file__).parent / "fixtures" / "lineated"


@pytest.fixture(scope="module")
def lineated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lineated-site")
    subprocess.run([sys.executable, "-m", "edition", "build", str(LINEATED), "--out", str(out),
                    "--no-pdf"], check=True, capture_output=True)
    return out / "html"


def choose(page: Page, select_id: str, presses: int) -> None:
    """Focus a select and move its choice with the arrow key, as a keyboard user does."""
    page.evaluate(f"document.getElementById('{select_id}').focus()")
    for _ in range(presses):
        page.press("ArrowDown", "ArrowDown", 40)


def shown_entries(page: Page) -> int:
    return page.evaluate("[...document.querySelectorAll('ol.apparatus > li')]"
                         ".filter(li => !li.hidden).length")


def omissions() -> int:
    root = etree.parse(str(LINEATED / "texts" / "poems.xml")).getroot()
    return sum(1 for app in root.iter(f"{T}app")
               if any(not (r.text or "").strip() and not len(r) for r in app.iter(f"{T}rdg")))


def test_the_tools_show_only_with_the_script_and_raise_no_error(browser: Page,  # noqa: F811
                                                                 lineated_site: Path) -> None:
    browser.open(url(lineated_site, "texts/poems.html"))
    assert browser.evaluate("!document.querySelector('.apparatus-tools').hidden")
    assert browser.console_errors() == []
    assert browser.evaluate("document.querySelector('.witness-list').textContent"
                            ".includes('The draft')")


def test_the_reading_view_shows_the_text_as_a_witness_has_it(browser: Page,  # noqa: F811
                                                             lineated_site: Path) -> None:
    browser.open(url(lineated_site, "texts/poems.html"))
    text = ("(() => { const body = document.getElementById('text-body').cloneNode(true);"
            " body.querySelectorAll('sup, .apparatus-section, .notes').forEach(e => e.remove());"
            " document.body.appendChild(body); const t = body.innerText; body.remove();"
            " return t; })()")
    assert "The river turns" in browser.evaluate(text)
    choose(browser, "witness-view", 2)  # the edited text → A → B
    assert browser.evaluate("document.getElementById('witness-view').value") == "poems-B"
    assert "The stream turns" in browser.evaluate(text)
    assert "while wind and snow darkness" in " ".join(browser.evaluate(text).split())
    choose(browser, "witness-view", 0)
    browser.press("ArrowUp", "ArrowUp", 38)
    browser.press("ArrowUp", "ArrowUp", 38)
    assert "The river turns" in browser.evaluate(text)


def test_the_filter_keeps_the_entries_of_a_kind_and_of_a_witness(browser: Page,  # noqa: F811
                                                                 lineated_site: Path) -> None:
    browser.open(url(lineated_site, "texts/poems.html"))
    total = shown_entries(browser)
    choose(browser, "app-kind", 2)  # any → substitution → omission
    assert browser.evaluate("document.getElementById('app-kind').value") == "omission"
    assert shown_entries(browser) == omissions() >= 2
    assert browser.evaluate("document.querySelector('.app-count').textContent") == \
        f"{omissions()} of {total} entries shown"
    choose(browser, "app-kind", 0)
    browser.press("Home", "Home", 36)
    choose(browser, "app-witness", 3)  # every → A → B → C
    with_c = browser.evaluate("[...document.querySelectorAll('ol.apparatus > li')]"
                              ".filter(li => !li.hidden).every(li => li.textContent"
                              ".match(/\\bC\\b/))")
    assert with_c and 0 < shown_entries(browser) < total


def test_marker_and_entry_link_to_each_other(browser: Page,  # noqa: F811
                                             lineated_site: Path) -> None:
    browser.open(url(lineated_site, "texts/poems.html"))
    pairs = browser.evaluate("""[...document.querySelectorAll('sup.appref a')].map(a => {
        const entry = document.querySelector(a.getAttribute('href'));
        const back = entry && entry.querySelector('a.app-label').getAttribute('href');
        return back === '#' + a.parentElement.id; })""")
    assert pairs and all(pairs)
