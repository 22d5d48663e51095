"""Every command works from a subfolder of an edition: the edition is found by its
edition.toml in the working folder or above it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from edition.cli import app

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sub") / "letters"
    assert run("new", str(folder), "--editor", "Doe, Jane").exit_code == 0
    return folder


def test_validate_build_cite_package_and_check_from_the_texts_folder(
        letters: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(letters / "texts")
    result = run("validate", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["problems"] == []

    result = run("build", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert (letters / "build" / "html" / "texts" / "sample.html").is_file()
    assert (letters / "build" / "pdf" / "letters.pdf").is_file()
    assert not (letters / "texts" / "build").exists()

    result = run("cite", "sample.1.2", "--style", "mla")
    assert result.exit_code == 0 and "A Sample Letter" in result.stdout

    result = run("package")
    assert result.exit_code == 0, result.output
    bag = letters / "build" / "deposit" / "letters-0.1.0.zip"
    assert bag.is_file()
    result = run("package", "--check", str(Path("..") / "build" / "deposit" / bag.name))
    assert result.exit_code == 0 and "bag is complete and valid" in result.stdout


def test_annotate_and_import_from_the_registers_folder(letters: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(letters / "registers")
    result = run("annotate", "--report")
    assert result.exit_code == 0, result.output
    assert "sample.xml" in result.output
    transcription = letters / "registers" / "note.txt"
    transcription.write_text("A Note\n\nThomas Reed said: we shall meet in May.\n")
    try:
        result = run("import", "note.txt", "--id", "note", "--registers", ".")
        assert result.exit_code == 0, result.output
        assert 'who="#thomas-reed"' in result.stdout
    finally:
        transcription.unlink()


def test_an_explicit_source_wins_over_the_edition_of_the_working_folder(
        letters: Path, monkeypatch: pytest.MonkeyPatch, mini_edition: Path) -> None:
    monkeypatch.chdir(letters / "texts")
    result = run("cite", "mini1", "--source", str(mini_edition))
    assert result.exit_code == 0 and "A Letter on the Visit to Moscow" in result.stdout
    result = run("validate", str(letters))  # an edition folder is its TEI
    assert result.exit_code == 0 and "no problems" in result.output


def test_the_bundled_edition_from_inside_tei_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "tei" / "texts")
    result = run("validate", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["problems"] == []
    result = run("cite", "kis1957.12")
    assert result.exit_code == 0 and "Friendship and Solidarity" in result.stdout
