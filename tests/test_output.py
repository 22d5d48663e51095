"""The output folder is replaced only by a complete build."""

from __future__ import annotations

import ctypes
import errno
import os
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
    assert exchange(a, b) is True
    assert (a / "in-b").exists() and (b / "in-a").exists()


def test_renameat2_is_declared_with_its_c_signature() -> None:
    from edition import output

    assert output._renameat2 is not None  # glibc on Linux has it
    assert output._renameat2.argtypes == [ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
                                          ctypes.c_char_p, ctypes.c_uint]
    assert output._renameat2.restype is ctypes.c_int


def _failing_renameat2(code: int):  # noqa: ANN202 - a stand-in for the libc function
    def renameat2(*args: object) -> int:
        ctypes.set_errno(code)
        return -1

    return renameat2


def build_twice(out: Path) -> None:
    (out / "html").mkdir(parents=True)
    (out / "html" / "old.html").write_text("old")
    for generation in ("new", "newer"):
        with staged_output(out) as stage:
            (stage / "html").mkdir()
            (stage / "html" / f"{generation}.html").write_text(generation)


def test_without_exchange_the_output_becomes_a_link_flipped_atomically(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edition import output

    monkeypatch.setattr(output, "_renameat2", _failing_renameat2(errno.EINVAL))
    out = tmp_path / "build"
    build_twice(out)
    assert out.is_symlink()
    assert [p.name for p in (out / "html").iterdir()] == ["newer.html"]
    # only the build the link points at is left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["build", os.readlink(out)])
    monkeypatch.setattr(output, "_renameat2", None)  # no renameat2 in libc at all
    with staged_output(out) as stage:
        (stage / "last.html").write_text("last")
    assert [p.name for p in out.iterdir()] == ["last.html"]
    assert len(list(tmp_path.iterdir())) == 2


def test_a_renameat2_failure_other_than_unsupported_is_raised_and_the_build_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edition import output

    monkeypatch.setattr(output, "_renameat2", _failing_renameat2(errno.EACCES))
    out = tmp_path / "build"
    out.mkdir()
    (out / "old.html").write_text("old")
    with pytest.raises(PermissionError), staged_output(out) as stage:
        (stage / "new.html").write_text("new")
    assert [p.name for p in out.iterdir()] == ["old.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_a_build_killed_between_parking_and_flipping_is_restored(tmp_path: Path) -> None:
    out = tmp_path / "build"
    parked = tmp_path / "build.swap"
    parked.mkdir()
    (parked / "good.html").write_text("last good build")
    with staged_output(out) as stage:  # the clean-up moves the parked build back first
        assert (out / "good.html").read_text() == "last good build"
        (stage / "new.html").write_text("new")
    assert not parked.exists()
    assert [p.name for p in out.iterdir()] == ["new.html"]


def test_a_left_over_swap_beside_a_complete_output_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    (tmp_path / "build.swap").mkdir()
    (tmp_path / "build.swap" / "old.html").write_text("old")
    with staged_output(out) as stage:
        (stage / "new.html").write_text("new")
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_exchange_reports_what_it_cannot_do(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from edition import output

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    with pytest.raises(FileNotFoundError):
        exchange(a, b)  # a real errno from the kernel: b does not exist
    monkeypatch.setattr(output, "_renameat2", _failing_renameat2(errno.ENOSYS))
    b.mkdir()
    assert exchange(a, b) is False
