"""Where the time of a cold build goes: each step of the per-file work timed per text, and
the edition-wide steps, in one process (no workers, so every step is seen).

    python bench/steps.py [--texts 20] [--cprofile FILE]

Prints a Markdown table (docs/scaling.md keeps one): per step, the total seconds, the
milliseconds per text and the share of the whole. With ``--cprofile FILE`` the same run
is also recorded by cProfile (read it with ``python -m pstats FILE``); the per-step
figures are then inflated by the profiler's own cost.
"""

from __future__ import annotations

import argparse
import cProfile
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synth import default_source, generate  # noqa: E402


class Steps:
    """Seconds spent in each named step, summed over texts."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.order: list[str] = []

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        if name not in self.seconds:
            self.order.append(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start

    def timed(self, name: str, fn: Callable) -> Callable:
        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            with self.step(name):
                return fn(*args, **kwargs)
        return wrapper


def _check(steps: Steps, paths: list[Path]) -> list:
    """`edition.tasks.check_file`, step by step, for every file."""
    import pickle

    from edition.detached import DetachedText
    from edition.extracts import text_extracts
    from edition.model import read_text
    from edition.sources import Kind, parse_source
    from edition.tasks import CheckedFile
    from edition.validate import date_problems, relaxng_problems, schematron_problems
    from edition.validate.locate import clear_cache
    from edition.validate.skeleton import skeleton

    checked = []
    for path in paths:
        with steps.step("check: parse"):
            source = parse_source(path)
        with steps.step("check: RELAX NG"):
            problems = relaxng_problems(source.path, source.tree)
        with steps.step("check: Schematron"):
            problems += schematron_problems(source.path, source.tree)
        with steps.step("check: dates"):
            problems += date_problems(source.path, source.tree)
        with steps.step("check: skeleton"):
            bare = skeleton(source.tree)
        clear_cache()
        item = CheckedFile(path, source.kind, problems, bare)
        if source.kind is Kind.TEXT:
            with steps.step("check: model"):
                item.text = DetachedText.of(read_text(source))
            with steps.step("check: extracts"):
                item.text.extracts = text_extracts(source.tree)
        with steps.step("check: pickle"):
            pickle.loads(pickle.dumps(item))
        checked.append(item)
    return checked


def _instrument_html(steps: Steps) -> None:
    """Wrap the steps of a text page so that `render_text_page` reports them."""
    from edition.html import cite, pages

    pages.render_fragment = steps.timed("html: XSLT", pages.render_fragment)
    cite.paragraph_script = steps.timed("html: paragraph citations", cite.paragraph_script)
    pages.cite.styled = steps.timed("html: text citations", cite.styled)
    pages._write_cite_files = steps.timed("html: citation files", pages._write_cite_files)
    pages.entry_tips = steps.timed("html: popovers", pages.entry_tips)
    pages.meta.meta_tags = steps.timed("html: metadata", pages.meta.meta_tags)
    pages.meta.json_ld = steps.timed("html: metadata", pages.meta.json_ld)
    pages.Site.write = steps.timed("html: templates and writing", pages.Site.write)


def _site(steps: Steps, source: Path, out: Path) -> int:
    from edition import build
    from edition.html import pages, search

    with steps.step("edition: files, cross-file checks, model"):
        checked = build.check_edition(source, jobs=1)
    _instrument_html(steps)
    text_steps = ("render_home", "render_register_page", "render_entry_pages",
                  "render_chronology_page", "render_principles")
    for name in text_steps:
        setattr(pages, name, steps.timed(f"edition: {name.removeprefix('render_')}",
                                         getattr(pages, name)))
    import edition.html as html

    html.write_search_index = steps.timed("edition: search index", search.write_search_index)
    import edition.dts.site as dts
    import edition.harvest.site as harvest
    import edition.iiif.site as iiif

    dts.write_text_dts = steps.timed("html: DTS files of the text", dts.write_text_dts)
    dts.write_dts = steps.timed("edition: DTS collections", dts.write_dts)
    iiif.write_iiif = steps.timed("edition: IIIF", iiif.write_iiif)
    harvest.write_harvest = steps.timed("edition: harvesting files", harvest.write_harvest)
    start = time.perf_counter()
    build.render_html(checked.edition, out, jobs=1, ids=checked.text_of_id())
    steps.seconds["html: (all)"] = time.perf_counter() - start
    return checked.text_count


def profile(texts: int, work: Path) -> tuple[Steps, int]:
    from edition.sources import find_xml_files

    edition = work / "edition"
    generate(default_source(), edition, texts)
    steps = Steps()
    _check(steps, find_xml_files([edition]))
    count = _site(steps, edition, work / "html")
    return steps, count


def table(steps: Steps, texts: int) -> str:
    rows = [name for name in steps.order if name != "html: (all)"]
    per_text = [r for r in rows if r.startswith(("check:", "html:"))]
    total = sum(steps.seconds[r] for r in per_text) + sum(
        steps.seconds[r] for r in rows if r.startswith("edition:") and "model" not in r)
    lines = ["| step | seconds | ms per text | share |", "|---|---:|---:|---:|"]
    for name in rows:
        seconds = steps.seconds[name]
        share = "" if "model" in name and name.startswith("edition:") else \
            f"{100 * seconds / total:.0f} %"
        lines.append(f"| {name} | {seconds:.2f} | {1000 * seconds / texts:.1f} | {share} |")
    lines.append(f"| total (per-file steps and edition pages) | {total:.2f} | "
                 f"{1000 * total / texts:.1f} | 100 % |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=20)
    parser.add_argument("--cprofile", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edition-profile-") as work:
        profiler = cProfile.Profile() if args.cprofile else None
        if profiler:
            profiler.enable()
        steps, count = profile(args.texts, Path(work))
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.cprofile)
    print(f"# {count} texts, one process")
    print(table(steps, count))
    return 0


if __name__ == "__main__":
    sys.exit(main())
