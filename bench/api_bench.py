"""How big and how slow the static APIs are: DTS for a synthetic edition of N texts, and
the IIIF tiles of the facsimile fixture (its page images drawn at their real sizes).

    python bench/api_bench.py [COUNT]       (default 1000 texts)

Prints each figure beside its target. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.synth import default_source, generate
from edition.dts.site import write_dts
from edition.iiif.site import write_iiif
from edition.model import load_edition

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS_PER_TEXT = 0.1
"""The DTS files of one text should cost no more than a tenth of a second to write."""


def files_and_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def dts(count: int, work: Path) -> None:
    source = work / "edition"
    generate(default_source(), source, count)
    started = time.perf_counter()
    edition = load_edition(source)
    print(f"model of {count} texts: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    problems = write_dts(edition, work / "site")
    took = time.perf_counter() - started
    files, size = files_and_bytes(work / "site" / "dts")
    print(f"DTS files: {files:,} ({files / count:.0f} per text), {size / 1e6:.1f} MB "
          f"(apparent size), {len(problems)} problems")
    print(f"DTS writing: {took:.1f} s, {took / count:.3f} s per text "
          f"(target {TARGET_SECONDS_PER_TEXT} s per text)")


def iiif(work: Path) -> None:
    if str(ROOT / "tests") not in sys.path:  # run as a script: the tests' own helpers
        sys.path.insert(0, str(ROOT / "tests"))
    from facsimile_fixture import make_edition

    source = make_edition(work / "facsimile")
    started = time.perf_counter()
    problems = write_iiif(load_edition(source), work / "facsimile-site")
    took = time.perf_counter() - started
    folder = work / "facsimile-site" / "iiif"
    tiles = [p for p in folder.rglob("default.jpg") if not p.parts[-4] == "full"]
    files, size = files_and_bytes(folder)
    print(f"IIIF of the facsimile fixture: {len(tiles)} tiles, {files} files, "
          f"{size / 1e6:.2f} MB, {took:.1f} s, {len(problems)} problems")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edition-api-bench-") as work:
        iiif(Path(work))
        dts(args.count, Path(work))


if __name__ == "__main__":
    main()
