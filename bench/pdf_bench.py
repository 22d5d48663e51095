"""How long the print edition takes, and whether it meets its targets.

    python bench/pdf_bench.py [--small 10] [--large 100] [--jobs 2] [--work DIR]

On synthetic editions (`bench/synth.py`: the bundled texts copied, ids renamed) the PDF
stage of `edition build --no-html` is timed:

- cold, the small edition with one worker and with ``--jobs`` workers: the speed-up;
- cold, the large edition with ``--jobs`` workers: its time against the small one's;
- the large edition again after a one-word correction to one of its texts: against
  its cold time.

Each figure is printed beside its target, with the machine's load average before and
after (the machine may be shared: CPU seconds of the building process and its workers
are printed too). Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import default_source, generate  # noqa: E402
from edition.build import BuildOptions, build  # noqa: E402

TARGET_RATIO = 4.0
TARGET_SPEEDUP = 1.6
TARGET_CHANGE = 0.25


@dataclass
class Timing:
    label: str
    wall: float
    cpu: float
    work: dict[str, int]
    pages: int


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pdf_stage(label: str, source: Path, out: Path, jobs: int) -> Timing:
    """Build ``source`` into ``out`` without the HTML site; time the PDF stage."""
    cpu = _cpu()
    report = build(BuildOptions(source, out, html=False, jobs=jobs))
    cpu = _cpu() - cpu
    work = {k: v for k, v in report.work.items() if "PDF" in k}
    wall = report.timings["pdf"]
    pages = _book_pages(out / "pdf")
    timing = Timing(label, wall, cpu, work, pages)
    print(f"{label:<44} {wall:8.1f} s wall {cpu:8.1f} s cpu (whole build)  "
          f"{pages:5d} pages  {_work(work)}", flush=True)
    return timing


def _book_pages(folder: Path) -> int:
    import pikepdf

    books = sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_size)
    if not books:
        return 0
    with pikepdf.open(books[-1]) as pdf:
        return len(pdf.pages)


def _work(work: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(work.items()))


def change_one_word(edition: Path) -> Path:
    """Correct one word of the running text of the middle text of ``edition`` (the same
    length, as most corrections are, so the page map may stay as it was)."""
    texts = sorted((edition / "texts").glob("*.xml"))
    target = texts[len(texts) // 2]
    source = target.read_text(encoding="utf-8")
    body = source.index("<body")
    match = re.compile(r"(<p\b[^>]*>[^<]*?)\bthe\b").search(source, body)
    if match is None:
        raise SystemExit(f"{target}: no paragraph with a word to correct")
    changed = source[:match.start()] + match.group(1) + "The" + source[match.end():]
    target.write_text(changed, encoding="utf-8")
    return target


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def verdict(value: float, target: float, at_most: bool) -> str:
    met = value <= target if at_most else value >= target
    return "met" if met else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None,
                        help="folder for the editions and builds (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="pdf-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {load()}  (cores: {os.cpu_count()})", flush=True)
    small, large = work / f"synthetic-{args.small}", work / f"synthetic-{args.large}"
    generate(default_source(), small, args.small)
    generate(default_source(), large, args.large)
    try:
        serial = pdf_stage(f"{args.small} texts, cold, 1 job", small, work / "out-s1", 1)
        parallel = pdf_stage(f"{args.small} texts, cold, {args.jobs} jobs", small,
                             work / "out-s2", args.jobs)
        cold = pdf_stage(f"{args.large} texts, cold, {args.jobs} jobs", large,
                         work / "out-l", args.jobs)
        changed = change_one_word(large)
        again = pdf_stage(f"{args.large} texts, {changed.stem} changed, {args.jobs} jobs",
                          large, work / "out-l", args.jobs)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {load()}")
    speedup = serial.wall / parallel.wall
    ratio = cold.wall / parallel.wall
    share = again.wall / cold.wall
    print(f"speed-up on {args.jobs} cores ({args.small} texts)       {speedup:6.2f}   "
          f"target >= {TARGET_SPEEDUP}   {verdict(speedup, TARGET_SPEEDUP, False)}")
    print(f"{args.large} texts / {args.small} texts (cold, {args.jobs} jobs)      {ratio:6.2f}   "
          f"target <= {TARGET_RATIO}   {verdict(ratio, TARGET_RATIO, True)}   "
          f"(pages {cold.pages} / {parallel.pages} = {cold.pages / max(1, parallel.pages):.2f})")
    print(f"one text changed / cold ({args.large} texts)     {share:6.1%}   "
          f"target <= {TARGET_CHANGE:.0%}   {verdict(share, TARGET_CHANGE, True)}")


if __name__ == "__main__":
    main()
