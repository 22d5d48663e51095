"""Real TEI published by other projects (`tests/fixtures/real-tei/`, committed unmodified
with their licences; see the README there), built together with ``--lenient --no-pdf``.

Every document the edition renders keeps at least 95 % of its distinct words of four
letters or more (`bench/coverage.py`); nothing ends in a traceback; the lenient report of
the whole set stays under 400 lines. How long the set takes is `bench/foreign.py`'s to say.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.coverage import pages_of, poorly_rendered, renderable_documents
from edition.sources import find_xml_files

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real-tei"
REPORT_LIMIT = 400
LICENCES = ("CC0", "CC BY", "CC BY-SA", "MIT", "BSD 2-Clause")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("real") / "out"
    done = subprocess.run([sys.executable, "-m", "edition", "build", str(REAL), "--out",
                           str(out), "--lenient", "--no-pdf"], capture_output=True, text=True,
                          timeout=600, cwd=ROOT)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    return out / "html", output


def test_the_set_holds_25_documents_of_12_projects_each_listed_with_its_licence() -> None:
    files = find_xml_files([REAL])
    projects = {p.relative_to(REAL).parts[0] for p in files}
    assert len(files) >= 25 and len(projects) >= 12
    listed = (REAL / "README.md").read_text(encoding="utf-8")
    for path in files:
        assert f"| {path.relative_to(REAL).as_posix()} |" in listed, path
    for project in projects:
        section = listed.split(f"## {project}: ", 1)[1].split("\n## ", 1)[0]
        assert re.search(r"at commit `[0-9a-f]{40}`", section), project
        assert any(name in section for name in LICENCES), project


def test_every_real_document_keeps_95_percent_of_its_words(
        built: tuple[Path, str]) -> None:
    site, output = built
    assert "Traceback" not in output and "[internal]" not in output
    poor = poorly_rendered(renderable_documents(REAL), site, REAL)
    assert not poor, poor


def test_the_lenient_report_of_the_whole_set_is_under_400_lines(
        built: tuple[Path, str]) -> None:
    _, output = built
    lines = output.splitlines()
    assert len(lines) < REPORT_LIMIT, f"{len(lines)} lines"
    assert lines[-1].endswith(f"in {len(find_xml_files([REAL]))} files")


def test_a_tei_p4_doctype_that_only_configures_its_dtd_is_read_with_one_warning(
        built: tuple[Path, str]) -> None:
    """The Perseus file's internal subset switches a DTD section on and names a DTD
    module by its public identifier: the DTD is never read, the document renders, the
    DOCTYPE is one warning and the one entity the DTD would have defined one error, left
    visible in the text."""
    site, output = built
    path = REAL / "verse-perseus" / "phi0692.phi003.perseus-lat1.xml"
    shown = path.relative_to(ROOT).as_posix()
    lines = [line for line in output.splitlines() if line.startswith(f"{shown}:")]
    assert sum("[xml-dtd]" in line for line in lines) == 1
    assert sum("[xml-entity]" in line and "&dagger;" in line for line in lines) == 1
    pages = pages_of(path, site)
    assert pages and "&amp;dagger;" in pages[0].read_text(encoding="utf-8")


def test_an_epidoc_apparatus_note_is_shown_once_in_its_apparatus(
        built: tuple[Path, str]) -> None:
    """I.Sicily keeps the source of its text as a note of an apparatus entry: it stands
    in the inscription's apparatus, once, and is neither an endnote nor an empty entry
    of the apparatus of variants; IOSPE's empty entries are left out."""
    site, _ = built
    page = pages_of(REAL / "epidoc-isicily" / "ISic000424.xml", site)[0].read_text(
        encoding="utf-8")
    apparatus = page.split('class="epidoc-apparatus"', 1)[1].split("</ul>", 1)[0]
    assert apparatus.count("<li>") == 1 and "Text from CIL" in apparatus
    assert page.count("Text from CIL") == 1
    assert 'class="apparatus-section"' not in page and 'class="endnotes"' not in page
    assert 'href="#apparatus-heading"' not in page and 'href="#notes-heading"' not in page
    iospe = pages_of(REAL / "epidoc-iospe" / "1.6.xml", site)[0].read_text(encoding="utf-8")
    assert "<li>" not in iospe.split('class="epidoc-apparatus"', 1)[1].split("</ul>", 1)[0]


def test_the_header_description_of_the_source_is_a_catalogue_entry_before_the_text(
        built: tuple[Path, str]) -> None:
    """The charter of the Stylesheets' ms.xml and the I.Sicily stele are described in
    their headers' sourceDesc: the page shows the description, its shelfmark as a
    heading, before the text; a measure the template left empty is not shown."""
    site, _ = built
    charter = pages_of(REAL / "stylesheets-tests" / "ms.xml", site)[0].read_text(
        encoding="utf-8")
    described = charter.split('class="source-description"', 1)
    assert len(described) == 2 and 'class="tei-body"' not in described[0]
    assert "Lithuanian National M. Mazvydas Library" in described[1].split("tei-body", 1)[0]
    assert 'ms-shelfmark' in described[1].split("tei-body", 1)[0]
    stele = pages_of(REAL / "epidoc-isicily" / "ISic000424.xml", site)[0].read_text(
        encoding="utf-8")
    entry = stele.split('class="source-description"', 1)[1].split("tei-body", 1)[0]
    assert "limestone" in entry and "×" not in entry


def test_an_apparatus_attached_by_end_points_is_printed_after_its_words() -> None:
    """The Stylesheets' testapp2.xml attaches every app by @from to a word of its verse
    text: the printed text has each entry right after the word it points at, with that
    word as its lemma, keyed to the word's verse line, and none where the apps are
    encoded."""
    from lxml import html

    from edition.pdf.transform import _fragment as print_fragment
    from edition.xmlparse import parse_file

    path = REAL / "stylesheets-tests" / "testapp2.xml"
    tree = parse_file(path)
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    apps = tree.getroot().xpath("//t:app[@from]", namespaces=ns)
    lines = {}
    for number, line in enumerate(tree.getroot().xpath("//t:text//t:l", namespaces=ns), 1):
        for word in line.xpath(".//t:w", namespaces=ns):
            lines[word.get("{http://www.w3.org/XML/1998/namespace}id")] = (number, word)
    printed = html.fromstring(f"<div>{print_fragment(tree, 'testapp2', '')}</div>")
    entries = printed.xpath("//*[contains(@class, 'app-entry')]")
    assert len(entries) == len(apps) > 40
    key = None
    for app, entry in zip(apps, entries, strict=True):
        number, word = lines[app.get("from")[1:]]
        before = entry.getprevious()
        assert before is not None and before.get("id") == app.get("from")[1:]
        assert entry.xpath("string(span[@class='lem'])").strip() == word.text.strip()
        shown = entry.xpath("string(span[@class='app-key'])")
        key = int(shown) if shown else key  # a bar: the line of the entry before
        assert key == number, (app.get("from"), key, number)
    assert not printed.xpath("//div[contains(@class, 'ab')]//*[contains(@class, 'app-entry')]")


@pytest.mark.parametrize("project", ["letters-kraus-postcards", "letters-schnitzler",
                                     "genetic-sga"])
def test_real_letters_and_drafts_print_every_sign(tmp_path: Path, project: str) -> None:
    """Every document of the project gets its offprint PDF, with no internal error (a
    postcard's note of nothing but an indented address once stopped the layout) and no
    sign the fonts lack (the marks of an addition over several zones once were)."""
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "edition", "build", str(REAL / project),
                           "--out", str(out), "--lenient", "--no-html"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    output = done.stdout + done.stderr
    assert done.returncode == 0 and "[internal]" not in output, output[-3000:]
    assert ".notdef" not in output and "Anchor defined twice" not in output, output[-3000:]
    letters = [p for p in find_xml_files([REAL / project]) if not p.stem.startswith("list")]
    printed = {p.stem for p in (out / "pdf").glob("*.pdf")}
    assert letters and {p.stem for p in letters} <= printed
