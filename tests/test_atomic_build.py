"""A build replaces the previous one whole or not at all: a build that fails, or that is
killed while writing, leaves the last good build exactly as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
PAUSING_BUILD = """
import sys, threading
from pathlib import Path
from edition.cli import app

marker, path_open = Path(sys.argv[1]), Path.open


class PausingFile:  # a page file that, once closed, pauses the build until it is killed

    def __init__(self, handle):
        self.handle = handle

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.handle.close()
        marker.touch()
        threading.Event().wait()  # paused mid-build, with a page written, until killed


def open_then_pause(self, mode="r", *args, **kwargs):
    handle = path_open(self, mode, *args, **kwargs)
    if "w" in mode and ".staging-" in str(self) and self.suffix == ".html":
        return PausingFile(handle)
    return handle

Path.open = open_then_pause  # Path.write_text opens through Path.open as well
app(sys.argv[2:])
"""
"""`edition build` that stops, deterministically, right after writing its first page into
the staging folder, and waits there to be killed."""


PAUSED_WRITER = """
import sys, threading
from pathlib import Path
from edition.output import staged_output
with staged_output(Path(sys.argv[1])) as stage:
    for n in range(4):
        (stage / f"page{n}.html").write_text("new " * 1000)
    Path(sys.argv[2]).touch()  # four pages written: wait here until killed
    threading.Event().wait()
"""


def previous_output(folder: Path) -> dict[str, str]:
    (folder / "html").mkdir(parents=True)
    for n in range(5):
        (folder / "html" / f"page{n}.html").write_text(f"old {n}")
    return snapshot(folder)


def test_staged_output_killed_while_writing_leaves_the_old_folder_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    state = previous_output(out)
    marker = tmp_path.parent / f"{tmp_path.name}-paused"
    process = subprocess.Popen([sys.executable, "-c", PAUSED_WRITER, str(out), str(marker)],
                               cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)  # polling for the marker, with a deadline
        assert marker.exists() and process.poll() is None
    finally:
        process.kill()
        process.wait(timeout=30)
    assert snapshot(out) == state
    stage = tmp_path / f".out.staging-{process.pid}"
    assert [p.name for p in tmp_path.iterdir() if p.name != "out"] == [stage.name]
    assert sorted(p.name for p in stage.iterdir()) == [f"page{n}.html" for n in range(4)]


def test_staged_output_that_raises_leaves_the_old_folder_and_no_staging(tmp_path: Path) -> None:
    from edition.output import staged_output

    out = tmp_path / "out"
    state = previous_output(out)
    with pytest.raises(RuntimeError), staged_output(out) as stage:
        (stage / "half.html").write_text("half")
        raise RuntimeError("render failed")
    assert snapshot(out) == state
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_staged_output_that_completes_replaces_the_old_folder_whole(tmp_path: Path) -> None:
    from edition.output import staged_output

    out = tmp_path / "out"
    previous_output(out)
    with staged_output(out) as stage:
        (stage / "new.html").write_text("new")
    assert snapshot(out) == {"new.html": hashlib.sha256(b"new").hexdigest()}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def build(source: Path, out: Path, **popen: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", "build", str(source), "--out",
                           str(out), "--no-pdf"], capture_output=True, text=True, timeout=300,
                          cwd=ROOT, **popen)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the hash of its content."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A good build of the mini edition, and the snapshot that must survive."""
    out = tmp_path_factory.mktemp("atomic") / "site"
    done = build(MINI, out)
    assert done.returncode == 0, done.stdout + done.stderr
    state = snapshot(out)
    assert any(name.endswith("index.html") for name in state)
    return out, state


def test_a_failed_build_leaves_the_previous_build_intact(
        previous_build: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    out, state = previous_build
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    text = broken / "texts" / "mini1.xml"
    text.write_text(text.read_text(encoding="utf-8").replace("</body>", ""), encoding="utf-8")
    done = build(broken, out)
    assert done.returncode == 1
    assert "mini1.xml:" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(out) == state
    assert not list(out.parent.glob(".*staging*")), "a failed build left its staging folder"


def test_a_build_killed_while_writing_leaves_the_previous_build_intact(
        previous_build: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    out, state = previous_build
    source = Path(shutil.copytree(MINI, tmp_path / "changed"))
    text = source / "texts" / "mini1.xml"
    text.write_text(text.read_text(encoding="utf-8") + "<!-- changed -->\n", encoding="utf-8")
    marker = tmp_path / "first-page-written"
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSING_BUILD, str(marker), "build", str(source), "--out",
         str(out), "--no-pdf", "--jobs", "1"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)  # polling for the marker, with a deadline
        assert marker.exists(), "the build never started writing"
        assert process.poll() is None, "the build ended before it could be killed"
        written = [p for stage in out.parent.glob(".*staging*") for p in stage.rglob("*.html")]
        assert written, "the paused build has no page in its staging folder"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # any worker the build had started
        except ProcessLookupError:
            pass
    assert snapshot(out) == state
    siblings = {path.name for path in out.parent.iterdir()}
    assert siblings - {out.name} <= {s for s in siblings if "staging" in s}


def test_the_next_build_clears_what_a_killed_build_left_and_succeeds(
        previous_build: tuple[Path, dict[str, str]]) -> None:
    out, state = previous_build
    leftover = out.parent / f".{out.name}.staging-999999"
    (leftover / "html").mkdir(parents=True, exist_ok=True)
    (leftover / "html" / "half.html").write_text("<p>half")
    done = build(MINI, out)
    assert done.returncode == 0, done.stderr
    assert not leftover.exists()
    assert set(snapshot(out)) == set(state)
