"""Run one stage of the build on an edition and print how long the stage itself took.

    python -m bench.stage validate|model|html|pdf EDITION WORKDIR [--jobs N]

The stages a stage depends on run first, untimed (``html`` validates and models the
edition, then renders it). Prints one line of JSON: ``{"seconds": …, "texts": …}``.
`bench/run.py` runs this in a fresh process per stage to measure its peak memory.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from edition.build import check_edition, render_html, render_pdf
from edition.executor import available_cores


def run(stage: str, edition: Path, work: Path, jobs: int) -> dict:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    start = time.perf_counter()
    checked = check_edition(edition, jobs=jobs, model=stage != "validate")
    seconds = time.perf_counter() - start
    result = {"texts": checked.text_count, "seconds": seconds,
              "note": f"{len(checked.problems)} problems"}
    if stage == "model":
        result["note"] = "parse, validate and model"
    elif stage in {"html", "pdf"}:
        start = time.perf_counter()
        if stage == "html":
            render_html(checked.edition, work / stage, jobs=jobs, ids=checked.text_of_id())
        else:
            render_pdf(checked.edition, work / stage, jobs=jobs)
        result["seconds"] = time.perf_counter() - start
        result["note"] = f"{sum(1 for p in (work / stage).rglob('*') if p.is_file())} files"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=["validate", "model", "html", "pdf"])
    parser.add_argument("edition", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--jobs", type=int, default=available_cores())
    args = parser.parse_args()
    print(json.dumps(run(args.stage, args.edition, args.work, args.jobs)))


if __name__ == "__main__":
    main()
