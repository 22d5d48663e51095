"""Import benchmark: a 200-page DOCX made here, imported and timed.

    python bench/import_bench.py [--pages 200] [--kind auto]

The document is generated with python-docx (through the test fixtures' builder): every
page holds three paragraphs of about 130 words each with italic and bold runs, one
footnote and a page break; every tenth page starts with a chapter heading. It prints
the size of the file, the time to read it, the time of the whole import (reading,
kind and language, structure, foreign sentences, TEI) and the peak memory, each beside
its target.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `edition` importable
    sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 10.0  # 200 pages on one of the machine's two cores
TARGET_MB = 500
WORDS = ("the survey of the province went on through the spring and the roads were walked "
         "by day while the notes were copied out by night in the inn at the crossing where "
         "the river is wide and the bridge old").split()


def _make():
    spec = importlib.util.spec_from_file_location(
        "import_make", ROOT / "tests" / "fixtures" / "import" / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _paragraph(page: int, number: int) -> tuple:
    words = [WORDS[(page * 7 + number * 13 + i) % len(WORDS)] for i in range(130)]
    runs = [(" ".join(words[:40]).capitalize() + " ", set()),
            (" ".join(words[40:46]), {"italic"}), (" " + " ".join(words[46:90]) + " ", set()),
            (" ".join(words[90:93]), {"bold"}), (" " + " ".join(words[93:]) + ".", set())]
    if number == 0:
        runs.append(("footnote", f"A note on page {page + 1}."))
    return ("p", runs, None)


def document_items(pages: int) -> list[tuple]:
    items: list[tuple] = [("title", "A Survey of the Roads of the Province")]
    for page in range(pages):
        if page % 10 == 0:
            items.append(("h", 1, f"Chapter {page // 10 + 1}"))
        items.extend(_paragraph(page, n) for n in range(3))
        items.append(("pagebreak",))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--kind", default="auto")
    args = parser.parse_args()
    from edition.importer.convert import Options, import_paths
    from edition.importer.wordml import read_docx

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"survey-{args.pages}.docx"
        started = time.perf_counter()
        _make().make_docx(document_items(args.pages), path)
        made = time.perf_counter() - started
        started = time.perf_counter()
        document = read_docx(path)
        read = time.perf_counter() - started
        started = time.perf_counter()
        [draft] = import_paths(path, Options(kind=args.kind, id_pattern="survey"))
        total = time.perf_counter() - started
        size = path.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("pages", f"{args.pages}", ""),
        ("DOCX size", f"{size / 1024:.0f} KB", ""),
        ("blocks read", f"{len(document.blocks)}", ""),
        ("made with python-docx", f"{made:.2f} s", ""),
        ("read (DOCX to blocks)", f"{read:.2f} s", ""),
        ("import (file to TEI)", f"{total:.2f} s",
         f"target {TARGET_SECONDS:.0f} s: {'met' if total <= TARGET_SECONDS else 'missed'}"),
        ("TEI size", f"{len(draft.xml.encode()) / 1024:.0f} KB", f"kind {draft.kind}"),
        ("peak memory", f"{peak:.0f} MB",
         f"target {TARGET_MB} MB: {'met' if peak <= TARGET_MB else 'missed'}"),
    ]
    print("| measure | value | note |\n| --- | --- | --- |")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


if __name__ == "__main__":
    main()
