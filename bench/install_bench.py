"""What a new user waits for: the wheel, its install into a fresh venv, `edition new` plus
the first `edition build`, and a save under `edition serve` until the page shows it.

    python bench/install_bench.py [--keep DIR]

Everything runs outside the repository: the wheel is built from a copy of the working
tree and installed (with its dependencies, from pip's cache where it has them) into a new
virtual environment; the edition is made in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str | Path], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(a) for a in args], cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def _tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return [f for f in out.splitlines() if (ROOT / f).is_file()]


def build_wheel(base: Path) -> Path:
    source = base / "source"
    for name in _tracked():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", base / "dist",
          source], base)
    return next((base / "dist").glob("edition-*.whl"))


def save_to_served(edition: Path, command: Path) -> float:
    """Seconds from saving a changed word to the served page holding it."""
    process = subprocess.Popen([str(command), "serve", "--port", "0"], cwd=edition,
                               stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for line in process.stdout:
            if line.startswith("serving http://"):
                url = re.search(r"http://\S+/", line).group(0) + "texts/sample.html"
                break
        sample = edition / "texts" / "sample.xml"
        sample.write_text(sample.read_text().replace("at length", "by return of post"))
        saved = time.perf_counter()
        deadline = saved + 60
        while time.perf_counter() < deadline:
            with urllib.request.urlopen(url, timeout=10) as response:
                if b"by return of post" in response.read():
                    return time.perf_counter() - saved
            time.sleep(0.02)
        raise RuntimeError("the change was never served")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="edition-install-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        wheel = build_wheel(base)
        with zipfile.ZipFile(wheel) as archive:
            files = len(archive.namelist())
        venv = base / "venv"
        install = _run([sys.executable, "-m", "venv", venv], base)
        install += _run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], base)
        command = venv / "bin" / "edition"
        first = _run([command, "new", "letters", "--editor", "Doe, Jane"], base)
        first += _run([command, "build"], base / "letters")
        served = save_to_served(base / "letters", command)
        rows = [("wheel size", f"{wheel.stat().st_size / 1024:.0f} KiB", "-"),
                ("wheel files", str(files), "-"),
                ("install into a fresh venv", f"{install:.1f} s", "-"),
                ("edition new + first edition build (HTML and PDF)", f"{first:.1f} s", "-"),
                ("save under edition serve to the page served", f"{served:.2f} s",
                 "a few seconds")]
        print("| figure | measured | target |\n| --- | --- | --- |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
