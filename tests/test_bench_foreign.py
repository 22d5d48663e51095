"""bench/foreign.py: our column measured, the Stylesheets' column skipped with a message
when their checkout is absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.foreign import REAL_TEI, folders_to_measure, load_stylesheets, measure, table

PROJECTS = Path(__file__).resolve().parent / "fixtures" / "foreign-projects"


def test_a_missing_stylesheets_checkout_skips_their_column_with_a_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert load_stylesheets(tmp_path / "Stylesheets") is None
    assert "TEI Stylesheets not found" in capsys.readouterr().out


def test_each_document_gets_a_row_with_our_share_and_time(tmp_path: Path) -> None:
    for name in ("epidoc-isicily/severus-arch.xml", "not-tei/page.xml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECTS / name, tmp_path / name)
    rows = measure(tmp_path, None)
    assert [r.name for r in rows] == ["epidoc-isicily/severus-arch.xml", "not-tei/page.xml"]
    assert rows[0].ours == 1.0 and rows[0].words > 50 and rows[0].theirs is None
    assert rows[1].ours is None and rows[1].note == "ours: no-texts"  # nothing to render
    printed = table(rows)
    assert "| severus-arch.xml | epidoc-isicily | " in printed and "100.0%" in printed


def test_the_committed_real_tei_is_measured_first_then_each_folder_given_once() -> None:
    assert folders_to_measure([]) == [REAL_TEI]
    assert folders_to_measure([PROJECTS, REAL_TEI, PROJECTS]) == [REAL_TEI, PROJECTS]
    assert (REAL_TEI / "README.md").is_file()
