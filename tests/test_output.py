"""The output folder is replaced only by a complete build."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.output import exchange, staged_output


def test_a_successful_stage_replaces_the_output(tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / "html").mkdir(parents=True)
    (out / "html" / "old.html").write_text("old")
    with staged_output(out) as stage:
        (stage / "html").mkdir()
        (stage / "html" / "new.html").write_text("new")
    assert [p.name for p in (out / "html").iterdir()] == ["new.html"]
    assert not list(tmp_path.glob(".build.staging-*"))


def test_a_failure_inside_the_stage_leaves_the_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / "html").mkdir(parents=True)
    (out / "html" / "old.html").write_text("old")
    with pytest.raises(RuntimeError), staged_output(out) as stage:
        (stage / "html").mkdir()
        raise RuntimeError("renderer failed")
    assert (out / "html" / "old.html").read_text() == "old"
    assert not list(tmp_path.glob(".build.staging-*"))


def test_products_not_rebuilt_are_carried_over(tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / "pdf").mkdir(parents=True)
    (out / "pdf" / "a.pdf").write_bytes(b"%PDF")
    with staged_output(out, keep={"pdf"}) as stage:
        (stage / "html").mkdir()
    assert (out / "pdf" / "a.pdf").read_bytes() == b"%PDF"
    assert (out / "html").is_dir()


def test_stale_staging_folders_of_killed_builds_are_cleared(tmp_path: Path) -> None:
    out = tmp_path / "build"
    stale = tmp_path / ".build.staging-99999"
    stale.mkdir()
    (stale / "partial.html").write_text("half")
    with staged_output(out) as stage:
        (stage / "x").write_text("x")
    assert not stale.exists()


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "in-a").touch()
    (b / "in-b").touch()
    exchange(a, b)
    assert (a / "in-b").exists() and (b / "in-a").exists()
