"""`edition serve`: served on loopback, rebuilt on save, a banner while a save fails,
pages reloaded by themselves, a clean stop."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser_html import Page, browser  # noqa: F401 - the fixture for the reload test
from typer.testing import CliRunner

from edition.cli import app
from edition.serve import SiteState, decorate

SAMPLE_WORD = "at length"


class Served:
    """``edition serve`` in a process of its own, its output read as it comes."""

    def __init__(self, edition: Path, cwd: Path) -> None:
        self.edition = edition
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "edition", "serve", "--port", "0", "--jobs", "1"],
            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        threading.Thread(target=self._read, daemon=True).start()
        line = self.expect(r"serving http://", timeout=180)
        self.url = re.search(r"http://\S+/", line).group(0)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, pattern: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} in {self.seen}") from None
            self.seen.append(line)
            if re.search(pattern, line):
                return line

    def page(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def page_once(self, path: str, test, timeout: float = 30) -> str:
        """The page, fetched until ``test`` holds for it (a deadline, no fixed sleep)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                page = self.page(path)
            except urllib.error.HTTPError as error:  # 503 until the edition first builds
                page = error.read().decode("utf-8")
            if test(page):
                return page
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} never met the condition; output: {self.seen}")
            time.sleep(0.05)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=60)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    result = CliRunner().invoke(app, ["new", str(folder), "--editor", "Doe, Jane"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def served(edition: Path) -> Iterator[Served]:
    server = Served(edition, cwd=edition / "texts")  # from a subfolder of the edition
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait(timeout=30)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_save_is_served_a_broken_save_shows_a_banner_and_ctrl_c_stops_cleanly(
        served: Served, edition: Path) -> None:
    sample = edition / "texts" / "sample.xml"
    page = served.page("texts/sample.html")
    assert SAMPLE_WORD in page and "/__edition__/reload.js" in page
    built = (edition / "build" / "html" / "texts" / "sample.html").read_text()
    assert "__edition__" not in built and SAMPLE_WORD in built

    _replace(sample, SAMPLE_WORD, "in a fortnight")
    page = served.page_once("texts/sample.html", lambda p: "in a fortnight" in p)
    assert "edition-serve-banner" not in page
    served.expect(r"^built .*1 text pages rendered|text pages rendered 1")

    _replace(sample, "<head>A letter", "<head broken>A letter")
    page = served.page_once("texts/sample.html", lambda p: "edition-serve-banner" in p)
    assert "in a fortnight" in page, "the last good build is still served"
    assert re.search(r"sample\.xml:\d+:\d+: error: .*\[xml-syntax\]", page)
    served.expect(r"sample\.xml:\d+:\d+: error: .*\[xml-syntax\]")
    assert served.page("index.html").count("edition-serve-banner") == 1

    _replace(sample, "<head broken>A letter", "<head>A letter")
    served.page_once("texts/sample.html", lambda p: "edition-serve-banner" not in p)

    _replace(sample, "in a fortnight", "soon")
    served.expect(r"^changed: ")  # a build is under way: stop in the middle of it
    assert served.stop() == 0
    assert served.seen[-1] == "stopped"
    leftovers = [p.name for p in edition.iterdir() if ".staging-" in p.name]
    assert leftovers == []
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(served.url, timeout=5)


def test_the_banner_and_script_are_added_to_served_pages_only() -> None:
    state = SiteState()
    page = b"<html><head><title>t</title></head><body class='x'><p>text</p></body></html>"
    plain = decorate(page, state)
    assert b'<script src="/__edition__/reload.js" data-generation="0" defer></script>' in plain
    assert plain.index(b"reload.js") < plain.index(b"</head>")
    assert b"edition-serve-banner" not in plain
    state.publish(["texts/a.xml:3:1: error: <oops> [xml-syntax]"])
    failing = decorate(page, state)
    assert failing.index(b"<body class='x'>") < failing.index(b"edition-serve-banner")
    assert b"&lt;oops&gt;" in failing and b"<oops>" not in failing
    assert b'data-generation="1"' in failing


def test_a_port_in_use_is_one_line(edition: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "edition", "serve", "--port", str(port)],
                              cwd=edition, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "--port" in done.stderr


@pytest.mark.browser
def test_an_open_page_reloads_by_itself_after_a_save_without_csp_errors(
        served: Served, edition: Path, browser: Page) -> None:  # noqa: F811
    browser.open(served.url + "texts/sample.html")
    browser.evaluate("window.notReloadedYet = true")
    saved = time.monotonic()
    _replace(edition / "texts" / "sample.xml", SAMPLE_WORD, "by return of post")
    browser.wait_for("document.body && document.body.textContent.includes('by return of post')"
                     " && !window.notReloadedYet", timeout=30)
    print(f"save to reloaded page: {time.monotonic() - saved:.2f}s")
    browser.wait_for("document.readyState === 'complete'")
    # over http the browser asks for /favicon.ico, which the site does not have; any other
    # error (a script or style refused by the Content-Security-Policy) fails the test
    errors = [e["params"]["entry"] for e in browser.events
              if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"]
    assert [e for e in errors if not e.get("url", "").endswith("/favicon.ico")] == []
    assert not browser.evaluate("document.querySelector('.edition-serve-banner')")


def test_an_edition_that_never_built_is_served_as_a_banner(edition: Path) -> None:
    _replace(edition / "texts" / "sample.xml", "<head>A letter", "<head broken>A letter")
    server = Served(edition, cwd=edition)
    try:
        with pytest.raises(urllib.error.HTTPError) as error:
            server.page("index.html")
        assert error.value.code == 503
        page = error.value.read().decode()
        assert "Nothing has been built yet" in page and "[xml-syntax]" in page
        _replace(edition / "texts" / "sample.xml", "<head broken>A letter", "<head>A letter")
        page = server.page_once("index.html", lambda p: "edition-serve-banner" not in p)
        assert "A Sample Letter" in page
    finally:
        assert server.stop() == 0
