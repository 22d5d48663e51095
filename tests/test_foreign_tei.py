"""TEI written by other projects, in their own styles: correspondence with a separate
personography, a critical edition with a large apparatus, drama, verse, an EpiDoc
inscription, a journal volume of several MB (generated here), and files with dangling
references or no teiHeader (`tests/fixtures/foreign/`).

The edition cannot resolve everything in them; it must say so, file by file, and must
not crash. Rendered, every document keeps all of its text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import html
from typer.testing import CliRunner

from edition.problems import EditionError
from edition.sources import Kind, find_xml_files, parse_source

ROOT = Path(__file__).resolve().parent.parent
FOREIGN = ROOT / "tests" / "fixtures" / "foreign"
TEI_NS = "http://www.tei-c.org/ns/1.0"
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(\d+):(\d+): (error|warning): .+ \[[\w.-]+\]$")


def journal_volume(articles: int = 240) -> str:
    """A journal volume in the style of a digitised periodical: front matter, articles with
    bylines, footnotes, tables, lists, figures, bibliographies and page breaks."""
    parts = []
    page = 1
    for a in range(1, articles + 1):
        paragraphs = []
        for p in range(1, 40):
            if p % 9 == 0:
                page += 1
                paragraphs.append(f'<pb n="{page}" facs="page-{page:04d}.jpg"/>')
            paragraphs.append(
                f'<p>Article {a}, paragraph {p}: the society met at <placeName>Bristol</placeName> '
                f'on <date when="1887-{p % 12 + 1:02d}-{a % 27 + 1:02d}">the meeting day</date> '
                f'and heard <persName>Dr. Member {a}</persName> read a paper on <hi rend="italic">'
                f'the drainage of the levels</hi>, which <ref target="#art{(a % articles) + 1}">'
                f'see article {(a % articles) + 1}</ref> continues.<note place="foot" n="{p}">'
                f'Minutes, volume {a}, folio {p}.</note></p>')
        parts.append(
            f'<div type="article" xml:id="art{a}" n="{a}"><head>Article {a}: Notes on the '
            f'levels</head><byline>By <docAuthor>Member {a}</docAuthor></byline>'
            + "".join(paragraphs)
            + '<table rows="2" cols="2"><row role="label"><cell>Year</cell><cell>Acres</cell>'
            f'</row><row><cell>1886</cell><cell>{a * 13}</cell></row></table>'
            '<list type="bulleted"><item>First observation</item><item>Second observation'
            '</item></list><figure><graphic url="plate.png"/><figDesc>A plate of the sluice'
            '</figDesc></figure><listBibl><bibl><author>Anon.</author>, <title>Report</title>'
            ', 1885.</bibl></listBibl></div>')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}" xml:id="journal-1887" '
            'xml:lang="en"><teiHeader><fileDesc><titleStmt><title>Proceedings of the Levels '
            'Society, volume 12 (1887)</title></titleStmt><publicationStmt><p>Test fixture in '
            'the style of a digitised journal.</p></publicationStmt><sourceDesc><bibl>'
            '<title level="j">Proceedings</title> <biblScope unit="volume">12</biblScope>'
            '</bibl></sourceDesc></fileDesc></teiHeader><text><front><titlePage><docTitle>'
            '<titlePart>Proceedings of the Levels Society</titlePart></docTitle><docDate>1887'
            '</docDate></titlePage></front><body>' + "\n".join(parts) + "</body></text></TEI>\n")


@pytest.fixture(scope="module")
def foreign_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("foreign") / "foreign"
    shutil.copytree(FOREIGN, folder)
    (folder / "journal").mkdir()
    (folder / "journal" / "volume-12.xml").write_text(journal_volume(), encoding="utf-8")
    return folder


def alphanumeric(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def text_tokens(path: Path) -> set[str]:
    """The words of a document's ``text`` element, split at whitespace and at element
    boundaries, punctuation dropped: a rendering may add brackets around a supplement or
    move a note, but every one of these must still be found in its page."""
    root = parse_source(path).tree.getroot()
    text = root.find(f"{{{TEI_NS}}}text")
    tokens = {alphanumeric(word) for node in text.xpath(".//text()") for word in node.split()}
    return tokens - {""}


def test_every_foreign_fixture_is_well_formed_tei_p5(foreign_edition: Path) -> None:
    files = find_xml_files([foreign_edition])
    assert len(files) == 10
    kinds = {path.name: parse_source(path).kind for path in files}
    assert kinds.pop("persons.xml") is Kind.REGISTER  # a personography in its own file
    assert set(kinds.values()) == {Kind.TEXT}, kinds


def test_the_journal_volume_is_several_megabytes_and_parses_quickly(
        foreign_edition: Path) -> None:
    path = foreign_edition / "journal" / "volume-12.xml"
    assert path.stat().st_size > 3_000_000
    start = time.perf_counter()
    tree = parse_source(path).tree
    assert time.perf_counter() - start < 3.0
    assert len(tree.getroot().findall(f".//{{{TEI_NS}}}div[@type='article']")) == 240


def test_external_schema_processing_instructions_are_ignored_not_fetched() -> None:
    tree = parse_source(FOREIGN / "epidoc" / "inscription-17.xml").tree
    model = tree.getroot().getprevious()
    assert model is not None and model.target == "xml-model"  # kept, never acted on





@pytest.fixture(scope="module")
def validate_output(foreign_edition: Path) -> tuple[int, str]:
    from edition.cli import app

    result = CliRunner().invoke(app, ["validate", str(foreign_edition)])
    return result.exit_code, result.output


def test_validate_reports_the_foreign_folder_line_by_line_without_crashing(
        validate_output: tuple[int, str]) -> None:
    exit_code, output = validate_output
    assert "Traceback" not in output and "[internal]" not in output
    assert exit_code in (0, 1)
    problems = [line for line in output.splitlines() if PROBLEM_LINE.match(line)]
    assert problems, output
    odd = [line for line in output.splitlines()
           if line.strip() and not PROBLEM_LINE.match(line) and "file" not in line
           and "problem" not in line]
    assert not odd, odd


def test_validate_names_the_unresolved_references(validate_output: tuple[int, str]) -> None:
    _, output = validate_output
    lines = output.splitlines()
    for target in ("#nobody", "#nowhere", "#also-missing", "persons.xml#okehampton"):
        assert any(target in line for line in lines), target


def test_validate_in_a_subprocess_finishes_on_the_foreign_folder(foreign_edition: Path) -> None:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "edition", "validate", str(foreign_edition)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode in (0, 1)
    assert time.perf_counter() - start < 60





@pytest.fixture(scope="module")
def foreign_build(foreign_edition: Path, tmp_path_factory: pytest.TempPathFactory
                  ) -> tuple[Path, int, str]:
    out = tmp_path_factory.mktemp("foreign-build") / "out"
    done = subprocess.run([sys.executable, "-m", "edition", "build", str(foreign_edition),
                           "--out", str(out), "--no-pdf"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    return out, done.returncode, done.stdout + done.stderr


def test_build_of_the_foreign_folder_reports_rather_than_crashes(
        foreign_edition: Path, foreign_build: tuple[Path, int, str]) -> None:
    """The build is the publish gate: TEI outside the edition's customisation, unresolved
    pointers and missing canonical ids are errors, so nothing is published; every problem
    is listed with its file and line, and no output folder is left behind."""
    out, exit_code, output = foreign_build
    assert "Traceback" not in output and "[internal]" not in output, output
    assert exit_code == 1, output
    problems = [line for line in output.splitlines() if PROBLEM_LINE.match(line)]
    reported = {Path(PROBLEM_LINE.match(line).group("path")).name for line in problems}
    assert {"dangling.xml", "no-header.xml", "letter-1846-04-11.xml"} <= reported
    assert any("#nobody" in line for line in problems)
    assert not out.exists()


@pytest.fixture(scope="module")
def rendered_foreign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """Every foreign document, the 3.6 MB journal volume included, built with
    ``--lenient``: rendered although it breaks the edition's rules, every problem listed."""
    folder = tmp_path_factory.mktemp("foreign-render") / "foreign"
    shutil.copytree(FOREIGN, folder)
    (folder / "journal").mkdir()
    (folder / "journal" / "volume-12.xml").write_text(journal_volume(), encoding="utf-8")
    out = folder.parent / "out"
    done = subprocess.run([sys.executable, "-m", "edition", "build", str(folder), "--out",
                           str(out), "--no-pdf", "--lenient"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Traceback" not in output and "[internal]" not in output, output
    return folder, out / "html", output


def test_a_lenient_build_lists_the_problems_it_renders_through(
        rendered_foreign: tuple[Path, Path, str]) -> None:
    _, _, output = rendered_foreign
    problems = [line for line in output.splitlines() if PROBLEM_LINE.match(line)]
    assert any("#nobody" in line for line in problems)
    assert re.search(r"^\d+ errors?, \d+ warnings? in \d+ files?$", output, re.M), output


def test_a_personography_in_a_file_of_its_own_is_read_as_a_register(
        rendered_foreign: tuple[Path, Path, str]) -> None:
    _, site, _ = rendered_foreign
    assert not (site / "texts" / "persons.html").exists()
    assert "Harrow" in (site / "registers" / "persons.html").read_text(encoding="utf-8")


def test_every_foreign_document_is_rendered_with_all_its_text(
        rendered_foreign: tuple[Path, Path, str]) -> None:
    from edition.html.urls import text_page

    folder, out, _ = rendered_foreign
    for path in find_xml_files([folder]):
        source = parse_source(path)
        if source.kind is not Kind.TEXT:
            continue
        root = source.tree.getroot()
        text_id = root.get("{http://www.w3.org/XML/1998/namespace}id") or path.stem
        page = out / text_page(text_id)
        assert page.is_file(), f"{path.name}: no page {page.name}"
        rendered = alphanumeric(html.parse(str(page)).getroot().text_content())
        missing = sorted(token for token in text_tokens(path) if token not in rendered)
        assert not missing, f"{path.name}: {missing[:10]} missing from {page.name}"


def _render_seconds(folder: Path, articles: int) -> float:
    from edition.html import render_site
    from edition.model import load_edition

    source = folder / f"journal-{articles}"
    source.mkdir()
    (source / "volume.xml").write_text(journal_volume(articles), encoding="utf-8")
    edition = load_edition(source)
    start = time.perf_counter()
    render_site(edition, folder / f"out-{articles}")
    return time.perf_counter() - start


def test_rendering_time_grows_linearly_with_the_size_of_a_text(tmp_path: Path) -> None:
    """Numbering notes with <xsl:number level="any"> once made it quadratic: a 3.6 MB
    journal volume (9,360 notes) took 408 s to render."""
    small, large = _render_seconds(tmp_path, 8), _render_seconds(tmp_path, 32)
    assert large < 8 * max(small, 0.05), f"8 articles {small:.2f} s, 32 articles {large:.2f} s"


def test_a_foreign_file_with_a_doctype_entity_is_refused_not_expanded(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.xml"
    legacy.write_text('<!DOCTYPE TEI [<!ENTITY ndash "&#x2013;">]>'
                      f'<TEI xmlns="{TEI_NS}"><text><body><p>1914&ndash;18</p></body></text>'
                      "</TEI>")
    with pytest.raises(EditionError) as caught:
        parse_source(legacy)
    assert caught.value.rule == "xml-entity" and "legacy.xml:1:1" in str(caught.value)


def test_text_tokens_split_at_element_boundaries_and_drop_punctuation() -> None:
    tokens = text_tokens(FOREIGN / "epidoc" / "inscription-17.xml")
    assert {"Fel", "iculae", "Iuliae", "XXV"} <= tokens
    assert "Feliculae" not in tokens and "" not in tokens
