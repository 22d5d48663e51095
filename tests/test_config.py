"""Build settings from edition.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.config import Config, load_config
from edition.problems import EditionError


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    assert load_config(tmp_path) == Config()


def test_values_are_read_and_the_base_url_gets_a_trailing_slash(tmp_path: Path) -> None:
    (tmp_path / "edition.toml").write_text(
        '[site]\nbase_url = "https://e.example.org/x"\n[pdf]\ntrim_width_mm = 170\n')
    config = load_config(tmp_path)
    assert config.base_url == "https://e.example.org/x/"
    assert config.trim_width_mm == 170.0


@pytest.mark.parametrize("content, message", [
    ("[site\n", "invalid configuration"),
    ('[site]\nbase_url = "javascript:alert(1)"\n', "base_url must start with"),
    ("[colours]\n", "unknown section [colours]"),
])
def test_bad_configuration_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "edition.toml").write_text(content)
    with pytest.raises(EditionError) as error:
        load_config(tmp_path)
    assert message in str(error.value)
    assert str(error.value).startswith(str(tmp_path / "edition.toml")) or "edition.toml" in str(
        error.value)


# ------------------------------------------------------------------ edition.toml as a project

import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from edition.config import (  # noqa: E402
    SETTINGS,
    find_project,
    governing_file,
    project_from_file,
    resolve_project,
)

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _configuration_section() -> str:
    return README.split("## Configuration (edition.toml)", 1)[1].split("\n## ", 1)[0]


def test_every_key_is_in_the_readme_table_and_every_row_is_a_key() -> None:
    rows = set(re.findall(r"^\| `(\[\w+\] \w+)` \|", _configuration_section(), re.M))
    assert rows == {s.name for s in SETTINGS}


def test_the_readme_table_gives_each_key_its_real_default() -> None:
    section = _configuration_section()
    for setting in SETTINGS:
        row = re.search(rf"^\| `{re.escape(setting.name)}` \| ([^|]+) \|", section, re.M)
        shown = row.group(1).strip().strip("`")
        expected = "none" if setting.default is None else (
            f'"{setting.default}"' if isinstance(setting.default, str)
            else f"{setting.default:g}")
        assert shown == expected, setting.name


@pytest.mark.parametrize("content, line, words", [
    ("[build]\nsource = '.'\n\n[pdf]\ntrim_width = 170\n", 5,
     ["unknown key trim_width in [pdf]", "did you mean trim_width_mm?", "trim_height_mm"]),
    ("[biuld]\nout = 'x'\n", 1, ["unknown section [biuld]", "did you mean build?"]),
    ("[pdf]\ntrim_height_mm = 'tall'\n", 2, ["[pdf] trim_height_mm = 'tall'", "millimetres"]),
    ("[serve]\nport = 70000\n", 2, ["[serve] port = 70000", "1 to 65535"]),
    ("[build]\nsource = 'txt'\n", 2, ["[build] source = 'txt'", "no such folder",
                                      "edition.xml, texts/ and registers/"]),
    ("[build]\nout = '.'\n", 2, ["[build] out = '.'", "must not hold the TEI",
                                 'out = "build"']),
    ("build = 3\n", 1, ["build must be a section"]),
])
def test_a_bad_key_or_value_is_one_line_with_file_line_key_and_fix(
        tmp_path: Path, content: str, line: int, words: list[str]) -> None:
    (tmp_path / "edition.toml").write_text(content)
    with pytest.raises(EditionError) as error:
        find_project(tmp_path)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{tmp_path / 'edition.toml'}:{line}:") or message.startswith(
        f"edition.toml:{line}:"), message
    for word in words:
        assert word in message


def test_the_edition_is_found_from_a_subfolder_and_paths_are_relative_to_the_file(
        tmp_path: Path) -> None:
    (tmp_path / "tei" / "texts").mkdir(parents=True)
    (tmp_path / "edition.toml").write_text(
        '[build]\nsource = "tei"\nout = "site"\n[site]\nbase_url = "https://e.example.org"\n')
    project = find_project(tmp_path / "tei" / "texts")
    assert project.source == (tmp_path / "tei").resolve()
    assert project.out == (tmp_path / "site").resolve()
    assert project.config.base_url == "https://e.example.org/"
    assert governing_file(tmp_path / "tei") == (tmp_path / "edition.toml").resolve()
    assert load_config(tmp_path / "tei").base_url == "https://e.example.org/"


def test_output_defaults_to_build_beside_edition_toml(tmp_path: Path) -> None:
    (tmp_path / "edition.toml").write_text("")
    project = project_from_file(tmp_path / "edition.toml")
    assert project.source == tmp_path.resolve()
    assert project.out == (tmp_path / "build").resolve()


def test_an_explicit_source_wins_over_the_working_folder(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    here, other = tmp_path / "here", tmp_path / "other"
    here.mkdir()
    other.mkdir()
    (here / "edition.toml").write_text("")
    (other / "edition.toml").write_text('[build]\nout = "out"\n')
    monkeypatch.chdir(here)
    assert resolve_project(None).source == here.resolve()
    assert resolve_project(other).out == (other / "out").resolve()
    plain = tmp_path / "plain"
    plain.mkdir()
    assert resolve_project(plain).source == plain
    assert resolve_project(plain).out == (here / "build").resolve()


def test_an_edition_toml_describing_another_folder_does_not_govern(tmp_path: Path) -> None:
    (tmp_path / "tei").mkdir()
    (tmp_path / "fixture").mkdir()
    (tmp_path / "edition.toml").write_text('[build]\nsource = "tei"\n[pdf]\ntrim_width_mm = 99\n')
    assert governing_file(tmp_path / "fixture") is None
    assert load_config(tmp_path / "fixture") == Config()


def test_outside_any_edition_a_command_says_how_to_start(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "edition", "build"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "no edition.toml in" in done.stderr and "edition new DIR" in done.stderr


def test_the_repository_edition_toml_describes_the_bundled_edition() -> None:
    project = project_from_file(ROOT / "edition.toml")
    assert project.source == ROOT / "tei"
    assert project.out == ROOT / "build"
