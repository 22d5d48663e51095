"""The README's Quick start on Debian's own Python: `PYTHON=/usr/bin/python3 ./run build`
in a fresh clone makes a project-local venv and builds the bundled edition, writing
nothing into the system's site-packages (which PEP 668 forbids)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEBIAN_PYTHON = Path("/usr/bin/python3")


@pytest.mark.slow
def test_run_build_from_a_fresh_clone_with_debians_python(tmp_path: Path) -> None:
    if not DEBIAN_PYTHON.is_file():
        pytest.skip("no /usr/bin/python3 on this machine: Debian's Python is what this tests")
    clone = tmp_path / "edition"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=300)
    if (ROOT.parent / "shared").exists():
        (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    path = [p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))]
    env["PATH"] = os.pathsep.join(["/usr/bin", "/bin", *path])  # Debian's python3 first
    env["PYTHON"] = str(DEBIAN_PYTHON)
    started = time.perf_counter()
    done = subprocess.run(["./run", "build"], cwd=clone, env=env, capture_output=True,
                          text=True, timeout=2400)
    print(f"\n./run build from a fresh clone: {time.perf_counter() - started:.0f}s")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "externally-managed-environment" not in done.stderr

    assert (clone / "build" / "html" / "texts" / "kis1957.html").is_file()
    assert (clone / "build" / "pdf" / "dprk-diplomacy.pdf").is_file()
    config = (clone / ".venv" / "pyvenv.cfg").read_text()
    assert "include-system-site-packages = false" in config
    assert "home = /usr/bin" in config
    assert (clone / ".venv" / ".made-by").read_text().strip() == str(DEBIAN_PYTHON)
    # from / (not beside the clone, whose folder the interpreter would import from)
    outside = subprocess.run([str(DEBIAN_PYTHON), "-c", "import edition"], cwd="/",
                             env=env, capture_output=True, text=True, timeout=60)
    assert outside.returncode != 0, "edition must not be installed into the system's Python"
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True,
                            text=True, check=True).stdout
    assert status == "", f"./run build left files git does not ignore: {status}"

    # The Quick start's second command comes after the first: with the venv made, ./run
    # again (PYTHON unset, python3 found on PATH) must keep it, not remake it.
    del env["PYTHON"]
    again = subprocess.run(["./run", "build", "--help"], cwd=clone, env=env,
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "making the virtual environment" not in again.stderr
    assert (clone / ".venv" / ".made-by").read_text().strip() == str(DEBIAN_PYTHON)
