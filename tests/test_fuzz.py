"""Property-based fuzzing: random TEI trees and mutations of real texts go through the same
stages as a build (parse → validate → model, and HTML when it is asked for). Every outcome
must be a success or a clean `EditionError` (collected problems included); any other
exception, or a run longer than the time limit, fails.

Examples are derandomised, so CI sees the same ~2,100 documents on every run; a
hundred of them go on through `build --no-pdf`.
"""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.problems import EditionError
from edition.sources import find_xml_files, parse_source

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
BASES = {path.name: path.read_bytes() for path in
         [MINI / "texts" / "mini1.xml", *sorted((ROOT / "tei" / "texts").glob("kis*.xml"))]}

FUZZ = settings(derandomize=True, database=None, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# Elements of docs/encoding.md, and attribute values an attacker or a careless editor writes.
BLOCK_TAGS = ["div", "p", "head", "note", "quote", "lg", "l", "list", "item", "sp", "speaker",
              "stage", "app", "lem", "rdg", "choice", "sic", "corr"]
INLINE_TAGS = ["persName", "placeName", "orgName", "name", "date", "foreign", "q", "said",
               "hi", "title", "term", "gloss", "ref", "pb", "lb", "seg", "abbr", "expan",
               "supplied", "gap", "unclear", "del", "add", "ptr", "figure", "graphic"]
ATTRIBUTES = ["ref", "target", "facs", "url", "when", "from", "to", "notBefore", "notAfter",
              "cert", "type", "n", "resp", "wit", "who", "rend", "break", "source", "corresp",
              f"{{{XML_NS}}}id", f"{{{XML_NS}}}lang", "onclick", "style", "href"]
HOSTILE_VALUES = [
    "javascript:alert(1)", " JaVaScRiPt:alert(document.cookie)", "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>", "data:image/svg+xml;base64,PHN2Zz4=",
    "#kim-il-sung", "#", "", "#missing", "persons.xml#stalin", "../../etc/passwd",
    "../../../x", "/etc/passwd", "file:///etc/passwd", "http://127.0.0.1:9/x",
    "<script>alert(1)</script>", '" onmouseover="alert(1)', "'><img src=x onerror=alert(1)>",
    "1957", "1957-13-45", "-0044-03-15", "1957-11-07T10:00:00", "medium", "x" * 300,
    "{{ 7*7 }}", "{% raw %}", "${7*7}", "\u202eevil", "𝔗𝔈𝔌", "kis1957.1", "mini1.1.1",
]

xml_chars = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co"),
                          include_characters="\n\t")
xml_text = st.text(xml_chars, max_size=30)
attr_values = st.one_of(st.sampled_from(HOSTILE_VALUES), xml_text)
attrs = st.dictionaries(st.sampled_from(ATTRIBUTES), attr_values, max_size=3)


def _node(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(st.sampled_from(BLOCK_TAGS + INLINE_TAGS), attrs,
                     st.lists(children, max_size=4))


trees = st.recursive(st.one_of(xml_text, st.just("<script>alert(1)</script>")), _node,
                     max_leaves=25)


def to_element(tree: tuple, parent: etree._Element) -> None:
    tag, attributes, children = tree
    element = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}", attributes)
    for child in children:
        if isinstance(child, str):
            last = element[-1] if len(element) else None
            if last is None:
                element.text = (element.text or "") + child
            else:
                last.tail = (last.tail or "") + child
        else:
            to_element(child, element)


def tei_document(body: list) -> bytes:
    root = etree.fromstring(BASES["mini1.xml"])
    body_element = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    for child in list(body_element):
        body_element.remove(child)
    for tree in body:
        if isinstance(tree, str):
            body_element.text = (body_element.text or "") + tree
        else:
            to_element(tree, body_element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(_signum: int, _frame: object) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the mini edition whose text is replaced by each fuzzed document."""
    folder = tmp_path_factory.mktemp("fuzz") / "edition"
    shutil.copytree(MINI, folder)
    return folder


def run_stages(workspace: Path, document: bytes, stage: str = "check") -> None:
    """Put ``document`` in the edition as its text, then run one path through the stages:

    - ``parse``: read every file as the build does (parser and root checks) — cheap, so
      most mutations stop here;
    - ``check``: the build's own check (`check_edition`, in this process): parse,
      RELAX NG, Schematron, dates, references across files, then the model;
    - ``validate``: what ``edition validate`` runs (`validate_paths`).
    """
    from edition.build import check_edition
    from edition.validate import validate_paths

    (workspace / "texts" / "mini1.xml").write_bytes(document)
    with time_limit(10):
        try:
            if stage == "parse":
                for path in find_xml_files([workspace]):
                    parse_source(path)
            elif stage == "check":
                check_edition(workspace, jobs=1)
            else:
                for problem in validate_paths([workspace]):
                    assert str(problem).count("\n") == 0
        except EditionError as error:
            assert str(error).strip()


# One mutated document in five goes through validation and the model; the rest are parsed.
stages = st.sampled_from(["parse", "parse", "parse", "parse", "check", "validate"])


@settings(FUZZ, max_examples=250)
@given(stage=st.sampled_from(["check", "validate"]),
       body=st.lists(trees, min_size=1, max_size=4))
def test_random_tei_trees_are_processed_or_refused_cleanly(workspace: Path, stage: str,
                                                           body: list) -> None:
    run_stages(workspace, tei_document(body), stage)


base_names = st.sampled_from(sorted(BASES))


@settings(FUZZ, max_examples=500)
@given(stage=stages, name=base_names,
       flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                      min_size=1, max_size=8))
def test_byte_flips_in_real_texts_are_processed_or_refused_cleanly(
        workspace: Path, stage: str, name: str, flips: list[tuple[float, int]]) -> None:
    data = bytearray(BASES[name])
    for where, value in flips:
        data[int(where * len(data))] = value
    run_stages(workspace, bytes(data), stage)


@settings(FUZZ, max_examples=300)
@given(stage=stages, name=base_names, keep=st.floats(0, 1))
def test_truncated_real_texts_are_processed_or_refused_cleanly(
        workspace: Path, stage: str, name: str, keep: float) -> None:
    data = BASES[name]
    run_stages(workspace, data[:int(keep * len(data))], stage)


TAG = re.compile(rb"</?[A-Za-z][^<>]*>")


@settings(FUZZ, max_examples=400)
@given(stage=stages, name=base_names,
       picks=st.lists(st.floats(0, 1, exclude_max=True), min_size=1, max_size=5))
def test_real_texts_with_tags_deleted_are_processed_or_refused_cleanly(
        workspace: Path, stage: str, name: str, picks: list[float]) -> None:
    data = BASES[name]
    for pick in picks:
        tags = list(TAG.finditer(data))
        match = tags[int(pick * len(tags))]
        data = data[:match.start()] + data[match.end():]
    run_stages(workspace, data, stage)


START_TAG = re.compile(rb"<([A-Za-z][\w.:-]*)(?=[\s/>])")


def attribute_source(name: str, value: str) -> str:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return f' {name.replace(f"{{{XML_NS}}}", "xml:")}="{escaped}"'


garbage = st.one_of(
    st.builds(attribute_source, st.sampled_from(ATTRIBUTES + ["src"]),
              st.sampled_from(HOSTILE_VALUES)),
    st.sampled_from([' ref=javascript:alert(1)', ' ="x"', " a='1' a='2'", ' xmlns:x="urn:x"',
                     ' x:y="1"', " " * 3, ' ref="#a" ref="#b"']),
)


@settings(FUZZ, max_examples=400)
@given(stage=stages, name=base_names,
       edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), garbage), min_size=1,
                      max_size=4))
def test_attribute_garbage_in_real_texts_is_processed_or_refused_cleanly(
        workspace: Path, stage: str, name: str, edits: list[tuple[float, str]]) -> None:
    data = BASES[name]
    for pick, attribute in edits:
        tags = list(START_TAG.finditer(data))
        match = tags[int(pick * len(tags))]
        data = data[:match.end()] + attribute.encode() + data[match.end():]
    run_stages(workspace, data, stage)


INJECTIONS = ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;",
              "<![CDATA[<script>alert(1)</script>]]>", "<!-- <script> -->",
              '<?php echo 1; ?>', "<html:script xmlns:html='http://www.w3.org/1999/xhtml'>"
              "alert(1)</html:script>", "<svg xmlns='http://www.w3.org/2000/svg' "
              "onload='alert(1)'/>", "]]>", "{{ config }}"]


@settings(FUZZ, max_examples=150)
@given(stage=stages, name=base_names, pick=st.floats(0, 1, exclude_max=True),
       injection=st.sampled_from(INJECTIONS))
def test_markup_injected_into_real_texts_is_processed_or_refused_cleanly(
        workspace: Path, stage: str, name: str, pick: float, injection: str) -> None:
    data = BASES[name]
    ends = [m.end() for m in re.finditer(rb"<p\b[^>]*>", data)]
    where = ends[int(pick * len(ends))]
    run_stages(workspace, data[:where] + injection.encode() + data[where:], stage)


@pytest.fixture(scope="module")
def build_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz-build") / "edition"
    shutil.copytree(MINI, folder)
    return folder


# a script element that runs code written in the page (JSON-LD is data), or an on* attribute
SCRIPT_OR_HANDLER = re.compile(
    r'<script(?![^>]*\b(src=|type="application/(ld\+)?json"))|<[^>]*\son\w+\s*=', re.I)


@settings(FUZZ, max_examples=100)
@given(pick=st.floats(0, 1, exclude_max=True),
       text=st.one_of(xml_text, st.sampled_from(HOSTILE_VALUES + INJECTIONS)))
def test_builds_of_texts_with_inserted_content_render_or_refuse_cleanly(
        build_workspace: Path, pick: float, text: str) -> None:
    """Content inserted as text keeps most documents valid, so the build goes on to write
    the HTML edition: it must succeed or be refused cleanly, and whatever it writes
    carries no script or event handler from the content."""
    from edition.build import BuildOptions, build

    data = BASES["mini1.xml"]
    ends = [m.end() for m in re.finditer(rb"<p\b[^>]*>", data)]
    where = ends[int(pick * len(ends))]
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").encode()
    (build_workspace / "texts" / "mini1.xml").write_bytes(data[:where] + escaped + data[where:])
    out = build_workspace.parent / "out"
    with time_limit(20):
        try:
            build(BuildOptions(source=build_workspace, out=out, pdf=False, jobs=1))
        except EditionError as error:
            assert str(error).strip()
            return
    for page in out.glob("html/**/*.html"):
        assert not SCRIPT_OR_HANDLER.search(page.read_text(encoding="utf-8")), page


@pytest.mark.parametrize("stage", ["check", "validate"])
def test_a_pointer_naming_a_file_too_long_for_the_file_system_is_no_crash(
        workspace: Path, stage: str) -> None:
    """Found by the random trees: ``@ref`` of 300 characters was looked up on disk."""
    document = BASES["mini1.xml"].replace(b'ref="#moscow"', b'ref="' + b"x" * 300 + b'"')
    run_stages(workspace, document, stage)
