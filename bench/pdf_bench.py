"""How long the print edition takes: lay out, write the whole-edition PDF, write offprints.

    python bench/pdf_bench.py [EDITION_DIR] [--repeat N]

Prints wall-clock and CPU seconds per step (CPU time is what the step costs when the
machine is shared), page counts and file sizes. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from edition.model import load_edition
from edition.paths import BUNDLED_EDITION
from edition.pdf import Book, archive
from edition.pdf.layout import captured_warnings

R = TypeVar("R")


def timed(label: str, step: Callable[[], R]) -> R:
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<28} {wall:7.2f} s wall {cpu:7.2f} s cpu")
    return result


def run_once(source: Path, out: Path) -> None:
    edition = timed("load", lambda: load_edition(source))
    with captured_warnings() as log:
        book = timed("lay out (all parts)", lambda: Book(edition))
        whole = out / f"{edition.meta.id}.pdf"
        timed("write whole edition", lambda: archive.write(
            book.whole(), whole, archive.edition_files(edition),
            front_pages=len(book.front.pages), first_folio=1))
        for text in edition.texts:
            document, front = timed(f"lay out offprint {text.id}", lambda t=text: book.offprint(t))
            timed(f"write offprint {text.id}", lambda t=text, d=document, f=front: archive.write(
                d, out / f"{t.id}.pdf", archive.text_files(edition, t), front_pages=f,
                first_folio=book.text_pages(t).start + 1))
    print(f"pages: front {len(book.front.pages)}, body {len(book.body.pages)}, "
          f"indexes {len(book.back_pages)}; warnings {len(log.records)}")
    for pdf in sorted(out.glob("*.pdf")):
        print(f"{pdf.name:<28} {pdf.stat().st_size / 1024:7.0f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=BUNDLED_EDITION)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    for round_ in range(args.repeat):
        print(f"-- round {round_ + 1}")
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            run_once(args.source, Path(out))
            print(f"{'total':<28} {time.perf_counter() - start:7.2f} s wall")


if __name__ == "__main__":
    main()
