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
