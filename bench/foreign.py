"""TEI from other projects: how much of each document we render, beside the TEI
Stylesheets' ``html.xsl``.

    python bench/foreign.py [FOLDER ...] [--stylesheets ../Stylesheets] [--no-lenient-report]

The real TEI committed in ``tests/fixtures/real-tei/`` is always measured, then every
FOLDER given. For every ``*.xml`` below each folder: the document is built alone by ``edition build
--lenient --no-pdf`` (in this process, one worker, nothing reused), and transformed by
the TEI Stylesheets' ``html/html.xsl`` through saxonche (XSLT 3.0). Printed side by
side: the share of the document's distinct words of four letters or more found in each
output (`bench/coverage.py`), and the seconds each took. The Stylesheets run is skipped,
with a message, when their checkout or saxonche is absent. Then the whole folder is built
once with ``--lenient`` and the lines of its report are counted (target: fewer than 400).
The project of a document is the first folder of its path below the measured folder.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `edition` importable
    sys.path.insert(0, str(ROOT))

from bench.coverage import coverage, letters  # noqa: E402

DEFAULT_STYLESHEETS = ROOT.parent / "Stylesheets"
REAL_TEI = ROOT / "tests" / "fixtures" / "real-tei"
REPORT_TARGET = 400


@dataclass
class Row:
    name: str
    words: int
    ours: float | None
    ours_seconds: float
    theirs: float | None
    theirs_seconds: float | None
    note: str = ""


def our_rendering(path: Path, scratch: Path) -> tuple[float | None, float, str]:
    """(share, seconds, note) of ``edition build --lenient`` of the document alone."""
    from edition.build import BuildOptions, build
    from edition.problems import EditionError

    source = scratch / "source"
    shutil.rmtree(scratch, ignore_errors=True)
    source.mkdir(parents=True)
    shutil.copy(path, source / path.name)
    start = time.perf_counter()
    try:
        build(BuildOptions(source=source, out=scratch / "out", pdf=False, lenient=True,
                           jobs=1, reuse=False))
    except EditionError as error:
        return None, time.perf_counter() - start, f"ours: {error.rule}"
    except Exception as error:  # noqa: BLE001 - an internal error is a finding to print
        return None, time.perf_counter() - start, f"ours: internal {type(error).__name__}"
    seconds = time.perf_counter() - start
    site = scratch / "out" / "html"
    pages = [*site.glob("texts/*.html"), *site.glob("registers/*.html"),
             *site.glob("entries/*.html")]
    if not pages:
        return 0.0, seconds, "ours: no page"
    return coverage(path, pages).share, seconds, ""


class Stylesheets:
    """The TEI Stylesheets' html.xsl, compiled once by saxonche."""

    def __init__(self, checkout: Path) -> None:
        from saxonche import PySaxonProcessor

        self.processor = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        self.executable = compiler.compile_stylesheet(
            stylesheet_file=str(checkout / "html" / "html.xsl"))

    def render(self, path: Path, scratch: Path) -> tuple[float | None, float, str]:
        out = scratch / "theirs.html"
        out.unlink(missing_ok=True)
        start = time.perf_counter()
        try:
            self.executable.transform_to_file(source_file=str(path), output_file=str(out))
        except Exception as error:  # noqa: BLE001 - saxonche raises its own base class
            first = str(error).strip().splitlines()[0][:60] if str(error).strip() else "?"
            return None, time.perf_counter() - start, f"theirs: {first}"
        seconds = time.perf_counter() - start
        if not out.is_file():
            return 0.0, seconds, "theirs: no output"
        return coverage(path, [out]).share, seconds, ""


def load_stylesheets(checkout: Path) -> Stylesheets | None:
    if not (checkout / "html" / "html.xsl").is_file():
        print(f"TEI Stylesheets not found at {checkout}: their column is skipped")
        return None
    try:
        return Stylesheets(checkout)
    except ImportError:
        print("saxonche is not installed (pip install saxonche): their column is skipped")
        return None


def measure(folder: Path, stylesheets: Stylesheets | None) -> list[Row]:
    from bench.coverage import document_words
    from edition.problems import EditionError

    rows = []
    with tempfile.TemporaryDirectory(prefix="edition-foreign-") as tmp:
        scratch = Path(tmp)
        for path in sorted(folder.rglob("*.xml")):
            name = str(path.relative_to(folder))
            try:
                words = len(document_words(path))
            except EditionError as error:
                rows.append(Row(name, 0, None, 0.0, None, None, f"refused: {error.rule}"))
                continue
            ours, ours_seconds, note = our_rendering(path, scratch / "ours")
            theirs = theirs_seconds = None
            if stylesheets is not None:
                theirs, theirs_seconds, their_note = stylesheets.render(path, scratch)
                note = "; ".join(n for n in (note, their_note) if n)
            rows.append(Row(name, words, ours, ours_seconds, theirs, theirs_seconds, note))
    return rows


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _project(name: str) -> str:
    parts = Path(name).parts
    return parts[0] if len(parts) > 1 else "-"


def table(rows: list[Row]) -> str:
    lines = ["| document | project | words | ours | Stylesheets | our s | their s | note |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        theirs_s = "-" if r.theirs_seconds is None else f"{r.theirs_seconds:.2f}"
        lines.append(f"| {Path(r.name).name} | {_project(r.name)} | {r.words} | "
                     f"{_share(r.ours)} | {_share(r.theirs)} | {r.ours_seconds:.2f} | "
                     f"{theirs_s} | {r.note} |")
    measured = [r for r in rows if r.words]
    if measured:
        ours_ok = sum(1 for r in measured if (r.ours or 0) >= 0.95)
        theirs_ok = sum(1 for r in measured if (r.theirs or 0) >= 0.95)
        lines.append(f"| **{len(measured)} documents ≥ 95 %** | | | {ours_ok} | {theirs_ok} | "
                     f"{sum(r.ours_seconds for r in measured):.1f} | "
                     f"{sum(r.theirs_seconds or 0 for r in measured):.1f} | |")
    return "\n".join(lines)


def lenient_report_lines(folder: Path) -> int:
    """Lines printed by ``edition build FOLDER --lenient --no-pdf``."""
    with tempfile.TemporaryDirectory(prefix="edition-foreign-report-") as tmp:
        done = subprocess.run([sys.executable, "-m", "edition", "build", str(folder),
                               "--out", str(Path(tmp) / "out"), "--no-pdf", "--lenient"],
                              capture_output=True, text=True, cwd=ROOT)
    output = done.stdout + done.stderr
    if "Traceback" in output:
        print(output)
    return len(output.splitlines())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="*",
                        help="further folders of TEI to measure after tests/fixtures/real-tei")
    parser.add_argument("--stylesheets", type=Path, default=DEFAULT_STYLESHEETS)
    parser.add_argument("--no-lenient-report", action="store_true")
    args = parser.parse_args(argv)
    stylesheets = load_stylesheets(args.stylesheets)
    for folder in folders_to_measure(args.folders):
        print(f"\n## {folder}\n")
        print(table(measure(folder, stylesheets)))
        if not args.no_lenient_report:
            lines = lenient_report_lines(folder)
            print(f"\nedition build --lenient over {folder}: {lines} lines of report "
                  f"(target < {REPORT_TARGET})")


def folders_to_measure(given: list[Path]) -> list[Path]:
    """The committed real TEI first, then each folder given, each once."""
    folders: list[Path] = []
    for folder in [REAL_TEI, *given]:
        if folder.resolve() not in [f.resolve() for f in folders]:
            folders.append(folder)
    return folders


__all__ = ["letters", "main"]

if __name__ == "__main__":
    main()
