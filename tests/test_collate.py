"""`edition collate`: witnesses to TEI parallel segmentation with CollateX."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from edition.cli import app
from edition.collate import Normalisation, collate_files
from edition.paths import TEI_NS
from edition.validate import validate_paths

T = f"{{{TEI_NS}}}"
LINEATED = Path(__file__).parent / "fixtures" / "lineated"


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(app, ["collate", *args])


def witnesses(folder: Path, **texts: str) -> list[Path]:
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def apps(xml: str) -> list[etree._Element]:
    return etree.fromstring(xml.encode()).findall(f".//{T}app")


def readings(app_element: etree._Element) -> list[tuple[str, str, str]]:
    return [(etree.QName(r).localname, r.get("wit"), r.text or "") for r in app_element]


def test_sigla_come_from_file_names_and_the_base_reading_is_the_lemma(tmp_path: Path) -> None:
    paths = witnesses(tmp_path, A="the red fox runs", B="the brown fox runs")
    xml, count = collate_files(paths, "A", "fox", {}, Normalisation())
    root = etree.fromstring(xml.encode())
    assert [w.get("{http://www.w3.org/XML/1998/namespace}id")
            for w in root.iter(f"{T}witness")] == ["A", "B"]
    assert count == 1
    assert readings(apps(xml)[0]) == [("lem", "#A", "red"), ("rdg", "#B", "brown")]


def test_adjacent_differences_form_one_variant_location(tmp_path: Path) -> None:
    paths = witnesses(tmp_path, A="over the lazy dog at dawn", B="over a sleepy dog at dusk")
    xml, count = collate_files(paths, "A", "dog", {}, Normalisation())
    assert count == 2
    assert [readings(a) for a in apps(xml)] == [
        [("lem", "#A", "the lazy"), ("rdg", "#B", "a sleepy")],
        [("lem", "#A", "dawn"), ("rdg", "#B", "dusk")]]


def test_an_omission_is_an_empty_reading_and_an_addition_an_empty_lemma(tmp_path: Path) -> None:
    paths = witnesses(tmp_path, A="one two three four", B="one three four five")
    xml, _ = collate_files(paths, "A", "n", {}, Normalisation())
    assert [readings(a) for a in apps(xml)] == [
        [("lem", "#A", "two"), ("rdg", "#B", "")],
        [("lem", "#A", ""), ("rdg", "#B", "five")]]


def test_witnesses_that_agree_share_a_reading(tmp_path: Path) -> None:
    paths = witnesses(tmp_path, A="a red cat", B="a black cat", C="a black cat", D="a red cat")
    xml, _ = collate_files(paths, "A", "cat", {}, Normalisation())
    assert readings(apps(xml)[0]) == [("lem", "#A #D", "red"), ("rdg", "#B #C", "black")]


def test_punctuation_and_case_are_left_aside_only_when_asked(tmp_path: Path) -> None:
    paths = witnesses(tmp_path, A="The dog barked, loudly.", B="the dog barked loudly")
    _, strict = collate_files(paths, "A", "d", {}, Normalisation())
    xml, lenient = collate_files(paths, "A", "d", {}, Normalisation.parse("punctuation,case"))
    assert strict == 2 and lenient == 0
    assert "The dog barked, loudly." in xml


def test_the_output_is_deterministic(tmp_path: Path) -> None:
    paths = witnesses(tmp_path, A="In the beginning was the word and the word was",
                      B="In beginning was a word and the word is", C="In the beginning word")
    first = collate_files(paths, "B", "w", {}, Normalisation())
    assert all(collate_files(paths, "B", "w", {}, Normalisation()) == first for _ in range(3))


def test_the_output_validates_in_an_edition(tmp_path: Path) -> None:
    edition = tmp_path / "ed"
    (edition / "texts").mkdir(parents=True)
    shutil.copy(LINEATED / "edition.xml", edition / "edition.xml")
    paths = witnesses(tmp_path, A="First paragraph here.\n\nAnd a second one, short.",
                      B="First paragraph there.\n\nAnd the second one short.")
    result = run(*map(str, paths), "--base", "A", "--id", "two", "--out",
                 str(edition / "texts" / "two.xml"))
    assert result.exit_code == 0, result.output
    assert "3 variant locations in 2 witnesses" in result.output
    root = etree.parse(str(edition / "texts" / "two.xml")).getroot()
    assert len(root.findall(f".//{T}body/{T}p")) == 2
    assert [p for p in validate_paths([edition]) if p.severity.value == "error"] == []
    built = subprocess.run([sys.executable, "-m", "edition", "build", str(edition), "--out",
                            str(tmp_path / "out"), "--no-pdf"], capture_output=True, text=True,
                           check=False)
    assert built.returncode == 0, built.stderr[-1500:]
    page = (tmp_path / "out" / "html" / "texts" / "two.html").read_text(encoding="utf-8")
    assert page.count('class="appref"') == 3


def test_a_tei_witness_gives_the_edited_reading_of_its_body(tmp_path: Path) -> None:
    tei = tmp_path / "T.xml"
    tei.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/><text><body><p>the <choice><sic>rad'
                   '</sic><corr>red</corr></choice> fox<note>a note</note> runs</p></body>'
                   '</text></TEI>', encoding="utf-8")
    paths = [tei, *witnesses(tmp_path, B="the brown fox runs")]
    xml, count = collate_files(paths, "T", "fox", {}, Normalisation())
    assert count == 1
    assert readings(apps(xml)[0]) == [("lem", "#T", "red"), ("rdg", "#B", "brown")]


def test_siglum_option_overrides_the_file_name(tmp_path: Path) -> None:
    paths = witnesses(tmp_path, first="a b c", second="a x c")
    result = run(*map(str, paths), "--id", "t", "--siglum", f"{paths[1]}=P")
    assert result.exit_code == 0, result.output
    assert '<rdg wit="#P">x</rdg>' in result.output
    assert '<witness xml:id="P" n="P">second.txt</witness>' in result.output


@pytest.mark.parametrize(("setup", "expected"), [
    ("missing", "B.txt:0:0: error: witness not found"),
    ("empty", "B.txt:1:1: error: the witness is empty"),
    ("latin1", "B.txt:2:8: error: the witness is not UTF-8 (byte 0xe9)"),
])
def test_a_bad_witness_gets_one_line_and_exit_1(tmp_path: Path, setup: str,
                                                expected: str) -> None:
    a = tmp_path / "A.txt"
    a.write_text("a caf\u00e9 here", encoding="utf-8")
    b = tmp_path / "B.txt"
    if setup == "empty":
        b.write_text("  \n", encoding="utf-8")
    elif setup == "latin1":
        b.write_bytes("a line\nthe caf\u00e9\n".encode("latin-1"))
    result = run(str(a), str(b), "--id", "t")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.output
    assert "Traceback" not in result.output


def test_an_unknown_normalisation_is_refused(tmp_path: Path) -> None:
    paths = witnesses(tmp_path, A="a", B="b")
    result = run(*map(str, paths), "--id", "t", "--ignore", "spelling")
    assert result.exit_code == 1
    assert "--ignore 'spelling' is not known" in result.output


def test_long_witnesses_collated_in_stretches_give_the_same_apparatus(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.collate_bench import witnesses as bench_witnesses
    from edition.collate import segments

    a, b = bench_witnesses(700)
    paths = witnesses(tmp_path, A=a, B=b)
    monkeypatch.setattr(segments, "STRETCH", 10_000)
    whole = collate_files(paths, "A", "w", {}, Normalisation())
    assert whole[1] > 10
    monkeypatch.setattr(segments, "STRETCH", 60)
    assert len(segments.cuts([a.split(), b.split()])) > 5
    assert collate_files(paths, "A", "w", {}, Normalisation()) == whole
