"""`edition annotate` on the edition's real texts, and through the command line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from edition.annotate import annotate_paths
from edition.cli import app
from edition.paths import TEI_NS, XML_ID

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tei" / "texts"
REGISTERS = ROOT / "tei" / "registers"
T = f"{{{TEI_NS}}}"
MENTIONS = ("persName", "placeName", "orgName", "name")
TEXT_FILES = sorted(TEXTS.glob("*.xml"))


@pytest.fixture(scope="module")
def register_ids() -> set[str]:
    ids = set()
    for path in REGISTERS.glob("*.xml"):
        for entry in etree.parse(str(path)).iter(f"{T}person", f"{T}place", f"{T}org",
                                                 f"{T}event"):
            if entry.get(XML_ID):
                ids.add(entry.get(XML_ID))
    return ids


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_annotating_the_annotated_texts_again_changes_no_byte(path: Path,
                                                              tmp_path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    result = annotate_paths([copy], REGISTERS)
    assert copy.read_bytes() == path.read_bytes()
    assert list(result.lines())[0].endswith("nothing new to tag")


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_annotating_a_text_stripped_of_its_tags_gives_them_back_and_is_then_stable(
        path: Path, tmp_path: Path) -> None:
    tree = etree.parse(str(path))
    for element in tree.getroot().find(f"{T}text").iter(f"{T}placeName"):
        if element.get("ref") == "#korea":
            element.tag = "{urn:test}unwrap"
    etree.strip_tags(tree, "{urn:test}unwrap")
    stripped = tmp_path / path.name
    stripped.write_bytes(etree.tostring(tree, encoding="UTF-8"))
    annotate_paths([stripped], REGISTERS)
    once = stripped.read_bytes()
    again = annotate_paths([stripped], REGISTERS)
    assert stripped.read_bytes() == once
    assert not any(sum(f.counts.values()) for f in again.files)
    assert once.count(b'ref="#korea"') >= path.read_bytes().count(b'ref="#korea"')


def test_only_tagged_lines_change_and_the_rest_is_kept_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "t.xml"
    original = (b"<?xml version='1.0' encoding='UTF-8'?>\n<!-- kept -->\n"
                b'<TEI xmlns="http://www.tei-c.org/ns/1.0" type="text">\n'
                b"  <teiHeader><fileDesc><titleStmt><title>Korea</title></titleStmt>"
                b"</fileDesc></teiHeader>\n"
                b"  <text>\n    <body>\n      <p   n='1'>Korea   was &#x201c;here&#x201d;.</p>\n"
                b"      <p n=\"2\">Nothing.</p>\n    </body>\n  </text>\n</TEI>\n")
    source.write_bytes(original)
    annotate_paths([source], REGISTERS)
    before, after = original.splitlines(), source.read_bytes().splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(after) == len(before) and changed == [6]
    assert b'<placeName ref="#korea">Korea</placeName>' in after[6]
    assert after[:6] == before[:6] and after[0].startswith(b"<?xml version='1.0'")


def test_every_ref_in_the_texts_resolves_to_a_register_entry(register_ids: set[str]) -> None:
    unresolved = []
    for path in TEXT_FILES:
        for element in etree.parse(str(path)).iter(*(f"{T}{m}" for m in MENTIONS)):
            for ref in (element.get("ref") or "").split():
                if ref.split("#")[-1] not in register_ids:
                    unresolved.append((path.name, element.sourceline, ref))
    assert unresolved == []


def test_every_register_entry_is_mentioned_in_a_text(register_ids: set[str]) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in TEXT_FILES)
    mentioned = set(re.findall(r'(?:ref|who)="#([^"]+)"', text))
    assert register_ids - mentioned == set()


def test_the_texts_have_names_of_every_kind_and_dates_tagged() -> None:
    for path in TEXT_FILES:
        body = etree.parse(str(path)).getroot().find(f"{T}text")
        kinds = {etree.QName(e).localname for e in body.iter(*(f"{T}{m}" for m in MENTIONS))
                 if e.get("ref")}
        assert kinds == set(MENTIONS), path.name
        assert body.find(f".//{T}date") is not None


def test_the_cli_annotates_a_file_and_reports_what_it_tagged(tmp_path: Path) -> None:
    text = tmp_path / "t.xml"
    text.write_text(f'<TEI xmlns="{TEI_NS}" type="text"><text><body><p>Stalin met '
                    "Kim Il Sung in Moscow on March 5, 1949, with Henry Foo.</p></body></text>"
                    "</TEI>\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["annotate", str(text), "--registers", str(REGISTERS),
                                      "--report"])
    assert result.exit_code == 0, result.output
    assert "tagged 2 persons, 1 places, 1 dates" in result.output
    assert '"Henry Foo" is in no register [annotate-unregistered]' in result.output
    assert '<date when="1949-03-05">March 5, 1949</date>' in text.read_text(encoding="utf-8")


def test_the_cli_names_a_broken_file_in_one_line_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI><text>", encoding="utf-8")
    result = CliRunner().invoke(app, ["annotate", str(broken), "--registers", str(REGISTERS)])
    assert result.exit_code == 1
    assert "broken.xml:" in result.output and "Traceback" not in result.output


def test_the_cli_refuses_a_missing_registers_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["annotate", str(TEXT_FILES[0]), "--registers",
                                      str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "registers folder not found" in result.output


def test_no_name_is_tagged_inside_another_name_or_a_date() -> None:
    tags = [f"{T}{m}" for m in (*MENTIONS, "date")]
    nested = []
    for path in TEXT_FILES:
        for element in etree.parse(str(path)).iter(*tags):
            if any(a.tag in tags for a in element.iterancestors()):
                nested.append((path.name, element.sourceline))
    assert nested == []


def test_the_annotated_texts_and_registers_validate_without_problems() -> None:
    from edition.validate import validate_paths

    problems = validate_paths([ROOT / "tei"])
    mine = [str(p) for p in problems if re.search(r"(^|/)tei/(texts|registers)/", p.path)
            or p.severity == "error"]
    assert mine == []


def test_an_importer_draft_annotated_from_scratch_stays_schema_valid(tmp_path: Path) -> None:
    from edition.importer import import_file
    from edition.paths import RELAXNG_SCHEMA

    source = ROOT / "tei" / "sources" / "kim-il-sung-1957-friendship-and-solidarity.txt"
    draft = tmp_path / "kis1957.xml"
    draft.write_text(import_file(source, "kis1957"), encoding="utf-8")
    result = annotate_paths([draft], REGISTERS)
    assert result.files[0].counts["places"] > 50
    schema = etree.RelaxNG(etree.parse(str(RELAXNG_SCHEMA)))
    tree = etree.parse(str(draft))
    assert schema.validate(tree), schema.error_log
    refs = {e.get("ref") for e in tree.iter(f"{T}placeName")}
    assert {"#soviet-union", "#korea", "#dprk", "#south-korea"} <= refs
