"""The HTML edition in headless Chromium, from ``file://``: popovers by keyboard, the
reading switch, the Cite dialog, search, and an axe-core accessibility audit.

Chromium is driven over the DevTools protocol (a websocket, via the ``websockets``
package); one browser serves the whole module.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

websockets_sync = pytest.importorskip("websockets.sync.client")

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"


class Page:
    """One browser tab: send DevTools commands, evaluate scripts, press keys."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self.ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=30))
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression: str, await_promise: bool = False) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=await_promise)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str) -> None:
        """Navigate and return once the new document's load event has fired: deferred
        scripts run before it, and a document still loading cannot be mistaken for the
        previous one (whose readyState was already complete). A change of fragment alone
        keeps the document, so it returns once the browser reports that navigation."""
        self.events.clear()
        result = self.send("Page.navigate", url=url)
        if "loaderId" not in result:
            # Only the fragment changed: the document stays, no load event follows.
            self.wait_event("Page.navigatedWithinDocument")
            return
        self.wait_event("Page.loadEventFired")
        self.wait_for("document.readyState === 'complete'")

    def wait_event(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method:
                    return event
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            remaining = max(deadline - time.monotonic(), 0.01)
            self.events.append(json.loads(self.socket.recv(timeout=remaining)))

    def wait_for(self, condition: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"Boolean({condition})"):
            if time.monotonic() > deadline:
                raise TimeoutError(condition)
            time.sleep(0.05)

    def press(self, key: str, code: str, key_code: int, text: str | None = None) -> None:
        """A real key press; keys that type a character (Enter: "\r") need ``text`` to
        activate buttons and submit forms."""
        down = {"type": "keyDown", "text": text} if text else {"type": "rawKeyDown"}
        for event in (down, {"type": "keyUp"}):
            self.send("Input.dispatchKeyEvent", key=key, code=code,
                      windowsVirtualKeyCode=key_code, **event)

    def tab(self) -> None:
        self.press("Tab", "Tab", 9)

    def console_errors(self) -> list[str]:
        return [e["params"]["entry"]["text"] for e in self.events
                if e.get("method") == "Log.entryAdded"
                and e["params"]["entry"]["level"] == "error"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (./run test installs it)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "--remote-allow-origins=*", "--window-size=1280,1000", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.is_file() or not port_file.read_text().strip():
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        endpoint = next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"]
        with websockets_sync.connect(endpoint, max_size=None, open_timeout=20) as socket:
            page = Page(socket)
            page.send("Page.enable")
            page.send("Runtime.enable")
            page.send("Log.enable")
            # focus events fire as in a focused window although the browser is headless
            page.send("Emulation.setFocusEmulationEnabled", enabled=True)
            yield page
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def url(site: Path, page: str) -> str:
    return (site / page).resolve().as_uri()


def test_text_page_scripts_run_from_file_urls_without_csp_errors(browser: Page,
                                                                   mini_site: Path) -> None:
    browser.open(url(mini_site, "texts/mini1.html"))
    assert browser.evaluate("!document.querySelector('.reading-switch').hidden")
    assert browser.console_errors() == []


def test_popover_opens_on_keyboard_focus_and_is_announced(browser: Page,
                                                          mini_site: Path) -> None:
    browser.open(url(mini_site, "texts/mini1.html"))
    for _ in range(80):
        browser.tab()
        if browser.evaluate("document.activeElement.getAttribute('data-ref')") == "kim-il-sung":
            break
    else:
        pytest.fail("no mention of Kim Il Sung reached by Tab")
    popover = browser.evaluate("""(() => {
        const box = document.getElementById('popover');
        const described = document.getElementById(
            document.activeElement.getAttribute('aria-describedby'));
        return {visible: !!box && !box.hidden && box.getBoundingClientRect().height > 0,
                role: box && box.getAttribute('role'), text: box && box.textContent,
                description: described && described.textContent};
    })()""")
    assert popover["visible"]
    assert popover["role"] == "tooltip"
    assert "Kim Il Sung" in popover["text"] and "1912" in popover["text"]
    assert "Leader of the Democratic People's Republic of Korea" in popover["description"]
    browser.press("Escape", "Escape", 27)
    assert browser.evaluate("document.getElementById('popover').hidden")


def test_note_marker_shows_the_note_in_a_popover(browser: Page, mini_site: Path) -> None:
    browser.open(url(mini_site, "texts/mini1.html"))
    browser.evaluate("document.querySelector('.noteref a').focus()")
    assert "by train" in browser.evaluate("document.getElementById('popover').textContent")


def test_switch_shows_the_text_as_transcribed_and_back(browser: Page, mini_site: Path) -> None:
    browser.open(url(mini_site, "texts/mini1.html"))
    shown = """(() => {
        const visible = s => getComputedStyle(document.querySelector(s)).display !== 'none';
        return [visible('.choice .sic'), visible('.choice-ed')];
    })()"""
    assert browser.evaluate(shown) == [False, True]
    browser.evaluate("document.querySelector('.reading-switch').focus()")
    browser.press("Enter", "Enter", 13, "\r")
    assert browser.evaluate(shown) == [True, False]
    assert browser.evaluate(
        "document.querySelector('.reading-switch').getAttribute('aria-pressed')") == "true"
    browser.evaluate("document.querySelector('.reading-switch').click()")
    assert browser.evaluate(shown) == [False, True]


def test_cite_control_gives_the_paragraph_citation_in_three_styles(browser: Page,
                                                                    mini_site: Path) -> None:
    browser.open(url(mini_site, "texts/mini1.html"))
    browser.evaluate("document.querySelector('.cite-para[data-ref=\"mini1.1.2\"]').click()")
    browser.wait_for("document.getElementById('cite-dialog').open")
    dialog = browser.evaluate("""(() => {
        const d = document.getElementById('cite-dialog');
        return {styles: [...d.querySelectorAll('.citation')].map(p => p.textContent),
                references: [...d.querySelectorAll('.citation-ref [data-style]')].map(
                    p => p.textContent),
                links: [...d.querySelectorAll('a[data-format]')].map(
                    a => [a.href.slice(0, 5), a.getAttribute('download')])};
    })()""")
    assert len(dialog["styles"]) == 3 and all(dialog["styles"])
    assert all("1.2" in text for text in dialog["styles"])
    assert len(dialog["references"]) == 3
    assert all("A Letter on the Visit to Moscow" in text for text in dialog["references"])
    assert dialog["links"] == [["blob:", "mini1.1.2.bib"], ["blob:", "mini1.1.2.ris"],
                               ["blob:", "mini1.1.2.json"]]


def test_search_finds_paragraphs_and_entries(browser: Page, mini_site: Path) -> None:
    browser.open(url(mini_site, "search.html"))
    browser.evaluate("document.getElementById('q').focus()")
    browser.send("Input.insertText", text="moscow")
    browser.press("Enter", "Enter", 13, "\r")
    browser.wait_for("document.querySelectorAll('#search-results li').length > 0")
    results = browser.evaluate(
        "[...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))")
    assert results[0] == "entries/moscow.html"
    assert "texts/mini1.html#mini1.1.1" in results[1:]
    assert "result" in browser.evaluate("document.getElementById('search-status').textContent")


AUDITED = ["index.html", "texts/mini1.html", "registers/persons.html",
           "entries/kim-il-sung.html", "chronology.html", "search.html", "principles.html"]


def audit(browser: Page, page_url: str) -> list[str]:
    browser.send("Page.setBypassCSP", enabled=True)
    browser.open(page_url)
    browser.evaluate(AXE.read_text(encoding="utf-8"))
    result = browser.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, nodes: v.nodes.length})))", await_promise=True)
    browser.send("Page.setBypassCSP", enabled=False)
    return [f"{v['id']} ({v['impact']}, {v['nodes']} nodes)" for v in result
            if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("page", AUDITED)
def test_axe_finds_no_serious_or_critical_violation(browser: Page, mini_site: Path,
                                                   page: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (./run test installs it)")
    assert audit(browser, url(mini_site, page)) == []


def test_axe_finds_no_serious_violation_on_the_bundled_edition(browser: Page,
                                                              bundled_site: Path) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (./run test installs it)")
    pages = [*sorted((bundled_site / "texts").glob("*.html")),
             *(bundled_site / name for name in ("index.html", "chronology.html",
                                                "principles.html", "registers/persons.html"))]
    found = {page.name: audit(browser, page.as_uri()) for page in pages if page.is_file()}
    assert found and all(v == [] for v in found.values()), found


def test_the_apparatus_count_agrees_in_number(browser: Page, bundled_site: Path) -> None:
    """The 1957 text has one variant: "1 entry", not "1 entries"."""
    browser.open((bundled_site / "texts" / "kis1957.html").as_uri())
    assert browser.evaluate("document.querySelectorAll('ol.apparatus > li').length") == 1
    browser.wait_for("document.querySelector('.app-count').textContent !== ''")
    assert browser.evaluate("document.querySelector('.app-count').textContent") == "1 entry"


def test_search_finds_the_sources_form_of_a_corrected_word(browser: Page,
                                                           mini_site: Path) -> None:
    browser.open(url(mini_site, "search.html") + "?q=revoluti6nary")
    browser.wait_for("document.querySelectorAll('#search-results li').length > 0")
    assert browser.evaluate("document.querySelector('#search-results li a')"
                            ".getAttribute('href')") == "texts/mini1.html#mini1.1.2"


def _expected_results(site: Path, query: list[str]) -> list[str]:
    """The URLs a search must list, in order: named register entries, then the rest."""
    from edition.html.search import read_records, words

    def begins(record_words: list[str]) -> bool:
        return all(any(w == q or (len(q) > 2 and w.startswith(q)) for w in record_words)
                   for q in query)

    found = [r for r in read_records(site) if begins(words(" ".join(r[2:])))]
    named = [r for r in found if r[0] == "e" and all(
        any(w.startswith(q) for w in words(r[2])) for q in query)]
    return [r[1] for r in named + [r for r in found if r not in named]]


def test_search_loads_only_the_shards_it_needs_and_pages_through_all_results(
        browser: Page, bundled_site: Path) -> None:
    from edition.html.search import CHUNK_RECORDS, read_records

    expected = _expected_results(bundled_site, ["korea"])
    chunks = -(-len(read_records(bundled_site)) // CHUNK_RECORDS)
    assert len(expected) > 60 and chunks > 4
    browser.open(url(bundled_site, "search.html") + "?q=Korea")
    browser.wait_for("/results/.test(document.getElementById('search-status').textContent)")
    first = browser.evaluate("document.querySelectorAll('#search-results li').length")
    loaded = browser.evaluate("window.EDITION_SEARCH_FILES")
    assert 50 <= first < len(expected)
    assert loaded[:2] == ["keys.js", "words/6b-6f-72.js"]
    assert 1 <= len([f for f in loaded if f.startswith("records/")]) < chunks
    assert "so far" in browser.evaluate("document.getElementById('search-status').textContent")
    shown = first
    while browser.evaluate("!document.getElementById('search-more').hidden"):
        browser.evaluate("document.getElementById('search-more').click()")
        browser.wait_for(f"document.querySelectorAll('#search-results li').length > {shown}"
                         " || document.getElementById('search-more').hidden")
        shown = browser.evaluate("document.querySelectorAll('#search-results li').length")
    results = browser.evaluate(
        "[...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))")
    assert results == expected
    assert browser.evaluate("document.getElementById('search-status').textContent") == \
        f"{len(expected)} results"
    assert browser.console_errors() == []


def test_search_for_two_words_intersects_their_shards(browser: Page, bundled_site: Path
                                                      ) -> None:
    expected = _expected_results(bundled_site, ["soviet", "union", "friend"])
    assert 0 < len(expected) < 50
    browser.open(url(bundled_site, "search.html") + "?q=Soviet%20Union%20friend")
    browser.wait_for("/results?$/.test(document.getElementById('search-status').textContent)")
    results = browser.evaluate(
        "[...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))")
    assert results == expected
    loaded = browser.evaluate("window.EDITION_SEARCH_FILES")
    assert {"words/73-6f-76.js", "words/75-6e-69.js", "words/66-72-69.js"} <= set(loaded)


def test_search_for_a_word_in_no_text_loads_no_word_file(browser: Page, mini_site: Path
                                                        ) -> None:
    browser.open(url(mini_site, "search.html") + "?q=qqqzzz")
    browser.wait_for("document.getElementById('search-status').textContent === '0 results'")
    assert browser.evaluate("window.EDITION_SEARCH_FILES") == ["keys.js"]
    assert browser.console_errors() == []


def test_search_works_from_a_web_server_too(browser: Page, bundled_site: Path) -> None:
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(bundled_site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        expected = _expected_results(bundled_site, ["soviet", "union", "friend"])
        browser.open(f"http://127.0.0.1:{server.server_address[1]}/search.html"
                     "?q=Soviet+Union+friend")
        browser.wait_for("/results?$/.test(document.getElementById('search-status')"
                         ".textContent)")
        results = browser.evaluate("[...document.querySelectorAll('#search-results li a')]"
                                   ".map(a => a.getAttribute('href'))")
        assert results == expected
        failed = [e["params"]["entry"].get("url", "") for e in browser.events
                  if e.get("method") == "Log.entryAdded"
                  and e["params"]["entry"]["level"] == "error"]
        assert [u for u in failed if not u.endswith("/favicon.ico")] == []  # the browser's own
    finally:
        server.shutdown()
        server.server_close()
