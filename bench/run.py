"""Benchmark the build on synthetic editions of growing size, beside its targets.

    python bench/run.py [--sizes 300,1000] [--stages build,xsl,pages,search,...]
                        [--jobs N] [--keep DIR]

For each size N a synthetic edition of N texts is generated from the real texts
(`bench/synth.py`), then each stage runs in a fresh process and is measured: the time
the stage itself took, the wall time of the whole process (interpreter start and
imports included), texts per second, and the peak resident memory of the largest
single process of the stage (the main process or one worker), read from the rusage of
the reaped process. Stages:

    validate  parse and validate every file (RELAX NG, Schematron, cross-file checks)
    model     build the edition model (after validation)
    html      render the HTML site (after validation and model)
    pdf       render the PDFs (skipped above --max-pdf-texts texts)
    package   build the deposit package from the build made by `build`
    build     a cold `edition build --no-pdf` into an empty folder (validate, model, HTML)
    xsl       the anchor: the TEI Stylesheets' html.xsl under saxonche, one process, over
              the same texts (`bench/stylesheets.py`; skipped without the checkout)
    pages     the largest HTML page, the most occurrences on one entry page and the size
              of the site and of its search index, in the output of `build`
    search    the index bytes that searches load, in headless Chromium (`bench/search_load.py`);
              once more at --search-scale texts (10,000) on the index alone
              (`bench/search_scale.py`: the index is what a query loads from)
    noop      the same build again, nothing changed
    change1   the same build after one text was edited
    dask      a cold build on a Dask LocalCluster of --jobs workers (`--scheduler local:N`),
              compared byte for byte with the output of `change1` (only up to --dask-texts)

After the table, every figure with a target is printed beside it. The machine may be
shared: compare figures measured in the same run (the ratio to the Stylesheets), not
across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `edition` importable
    sys.path.insert(0, str(ROOT))

from bench.synth import default_source, generate  # noqa: E402

ALL_STAGES = ("validate", "model", "html", "pdf", "package", "build", "xsl", "pages",
              "search", "noop", "change1", "dask")
DEFAULT_STAGES = ("build", "xsl", "pages", "search", "noop", "change1", "dask")
SEARCHES = ("korea", "independence", "soviet union")
"""Queries of the search stage: a word in many texts, another, and two words."""


@dataclass
class Measurement:
    stage: str
    texts: int
    seconds: float | None
    wall: float
    peak_mb: float
    note: str = ""
    figures: dict[str, float] = field(default_factory=dict)
    """Figures other than time that the targets read (bytes, counts)."""

    @property
    def rate(self) -> str:
        if not self.seconds:
            return "-"
        rate = self.texts / self.seconds
        return f"{rate:,.0f}" if rate >= 10 else f"{rate:.2g}"


def run_measured(command: list[str], env: dict[str, str], cwd: Path
                 ) -> tuple[int, str, str, float, float]:
    """Run ``command``; return exit code, stdout, stderr, wall seconds and peak RSS in MB.

    The peak is ``ru_maxrss`` of the reaped process, which Linux reports as the largest
    resident set of the process and the descendants it waited for (its workers).
    """
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    return process.returncode, stdout, stderr, wall, usage.ru_maxrss / 1024


CODE = {"edition": "edition", "bench": "bench", "templates": "edition/templates",
        "xslt": "edition/xslt", "tei/schema": "edition/schema"}
"""What a build reads besides the edition, and where the copy made once per run
(`snapshot_code`) puts it: the resource folders inside the package, as a wheel installs
them, so that `edition.paths` finds the copies."""


def snapshot_code(target: Path) -> Path:
    """Copy the code, templates, stylesheets and schemas into ``target``.

    Every stage then runs the same code even while the working tree changes, and a
    change there does not make the `noop` build rebuild everything (the code is part
    of every input key).
    """
    import shutil

    if target.exists():
        shutil.rmtree(target)
    for name, copy in CODE.items():
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, target / copy,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


def _environment(code: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    env.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    from bench.stylesheets import stylesheets_dir

    found = stylesheets_dir()  # the stages run in the code snapshot, beside no checkout
    if found:
        env.setdefault("TEI_STYLESHEETS", str(found))
    return env


def measure_stage(stage: str, texts: int, edition: Path, work: Path, jobs: int | None,
                  code: Path = ROOT) -> Measurement:
    jobs_args = ["--jobs", str(jobs)] if jobs else []
    out = work / "build"
    if stage == "pages":
        return measure_pages(texts, out / "html")
    if stage == "search":
        return measure_search(texts, out / "html")
    if stage == "xsl":
        command = [sys.executable, "-m", "bench.stylesheets", str(edition / "texts"),
                   str(work / "stylesheets")]
    elif stage == "dask":
        import shutil

        shutil.rmtree(work / "dask", ignore_errors=True)
        command = [sys.executable, "-m", "edition", "build", str(edition), "--out",
                   str(work / "dask"), "--no-pdf", "--scheduler", f"local:{jobs or 2}"]
    elif stage in {"build", "noop", "change1"}:
        if stage == "build" and out.exists():
            import shutil

            shutil.rmtree(out)
        if stage == "change1":
            edit_one_text(edition)
        command = [sys.executable, "-m", "edition", "build", str(edition), "--out", str(out),
                   "--no-pdf", *jobs_args]
    elif stage == "package":
        command = [sys.executable, "-m", "edition", "package", "--source", str(edition),
                   "--build", str(out)]
    else:
        command = [sys.executable, "-m", "bench.stage", stage, str(edition),
                   str(work / f"stage-{stage}"), *jobs_args]
    status, stdout, stderr, wall, peak = run_measured(command, _environment(code), code)
    if status != 0:
        last = (stderr.strip() or stdout.strip() or "failed").splitlines()[-1]
        return Measurement(stage, texts, None, wall, peak, f"exit {status}: {last[:70]}")
    if stage == "xsl" and "skipped" in stdout:
        return Measurement(stage, texts, None, 0.0, 0.0, json.loads(stdout)["skipped"])
    seconds, note = _stage_seconds(stage, stdout, wall)
    if stage == "dask":
        same = _same_files(out / "html", work / "dask" / "html")
        note = ("output byte-identical to the local build; " if same
                else "OUTPUT DIFFERS from the local build; ") + note
    return Measurement(stage, texts, seconds, wall, peak, note)


def _same_files(a: Path, b: Path) -> bool:
    def files(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}
    return a.is_dir() and files(a) == files(b)


def measure_pages(texts: int, site: Path) -> Measurement:
    """Sizes in a built site: the largest page, the fullest entry page, the whole."""
    if not site.is_dir():
        return Measurement("pages", texts, None, 0.0, 0.0, "skipped: no build to read")
    pages = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    largest, where = max(pages)
    contexts = max((p.read_text(encoding="utf-8").count('<a class="kwic"'), p.name)
                   for p in (site / "entries").glob("*.html"))
    index = sum(p.stat().st_size for p in (site / "assets" / "search").rglob("*") if p.is_file())
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    figures = {"largest page": largest, "entry contexts": contexts[0], "site": total,
               "search index": index}
    note = (f"largest page {largest / 1e6:.2f} MB ({where.relative_to(site)}); "
            f"at most {contexts[0]} contexts on an entry page ({contexts[1]}); "
            f"site {total / 1e6:.0f} MB, search index {index / 1e6:.1f} MB")
    return Measurement("pages", texts, None, 0.0, 0.0, note, figures)


def measure_search_scale(texts: int, work: Path, code: Path, source: Path) -> Measurement:
    """The search index alone at ``texts`` texts (`bench/search_scale.py`), searched."""
    site = work / "build" / "html"
    if not site.is_dir():
        return Measurement("search", texts, None, 0.0, 0.0, "skipped: no build to read")
    command = [sys.executable, "-m", "bench.search_scale", str(site), str(texts), str(source),
               *SEARCHES]
    status, stdout, stderr, wall, peak = run_measured(command, _environment(code), code)
    if status != 0:
        last = (stderr.strip() or "failed").splitlines()[-1]
        return Measurement("search", texts, None, wall, peak, f"exit {status}: {last[:70]}")
    made, *runs = (json.loads(line) for line in stdout.strip().splitlines())
    note = (f"index alone: {made['records']:,} records, {made['chunks']:,} chunks, "
            f"{made['word files']:,} word files, {made['bytes'] / 1e6:.0f} MB, written in "
            f"{made['seconds']} s; ") + _search_note(runs)
    return Measurement("search", texts, None, wall, peak, note,
                       {"search bytes": max(r["bytes"] for r in runs),
                        "one-word bytes": runs[0]["bytes"]})


def _search_note(runs: list[dict]) -> str:
    return "; ".join(f"{r['query']!r}: {r['files']} files, {r['bytes'] / 1e3:.0f} KB, "
                     f"{r['status']}" for r in runs)


def measure_search(texts: int, site: Path) -> Measurement:
    from bench.search_load import loaded_by

    if not site.is_dir():
        return Measurement("search", texts, None, 0.0, 0.0, "skipped: no build to read")
    try:
        runs = [loaded_by(site, query) for query in SEARCHES]
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        return Measurement("search", texts, None, 0.0, 0.0, f"skipped: {error}")
    note = _search_note(runs)
    return Measurement("search", texts, None, 0.0, 0.0, note,
                       {"search bytes": max(r["bytes"] for r in runs),
                        "one-word bytes": runs[0]["bytes"]})


def _stage_seconds(stage: str, stdout: str, wall: float) -> tuple[float, str]:
    """The stage's own time: reported by `bench.stage`; for whole commands, their wall time."""
    if stage in {"validate", "model", "html", "pdf", "xsl"}:
        data = json.loads(stdout.strip().splitlines()[-1])
        return data["seconds"], data.get("note", "")
    return wall, _build_note(stdout)


def _build_note(stdout: str) -> str:
    """From `edition build`'s report: the time per stage and what was made or reused."""
    parts = []
    for line in stdout.splitlines():
        if line.startswith("built ") or " is up to date" in line:
            parts.append(line[line.rfind("(") + 1:].rstrip(")"))
        elif "reused" in line or "rendered" in line:
            parts.append(line.replace("cross-file checks reused", "cross-file reused")
                         .replace("files ", "").replace("text pages ", "pages "))
    return "; ".join(parts)


def edit_one_text(edition: Path) -> Path:
    """Change the wording of one text, as an editor's correction would."""
    path = sorted((edition / "texts").glob("*.xml"))[len(list((edition / "texts").glob("*.xml")))
                                                     // 2]
    data = path.read_text(encoding="utf-8")
    marker = "</p>"
    at = data.find(marker)
    path.write_text(data[:at] + " (corrected)" + data[at:], encoding="utf-8")
    return path


HEADER = ("texts", "stage", "stage s", "wall s", "texts/s", "peak MB", "note")


def row_cells(r: Measurement) -> tuple[str, ...]:
    if r.seconds is None:
        seconds = "-" if r.note.startswith("skipped") or r.figures else "failed"
    else:
        seconds = f"{r.seconds:.2f}"
    return (f"{r.texts:,}", r.stage, seconds, f"{r.wall:.2f}" if r.wall else "-", r.rate,
            f"{r.peak_mb:,.0f}" if r.peak_mb else "-", r.note)


def format_table(rows: list[Measurement]) -> str:
    """A Markdown table, so that results can be pasted into the README as they are."""
    lines = [HEADER, *(row_cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    text = []
    for number, line in enumerate(lines):
        cells = [c.ljust(w) if i in (1, 6) else c.rjust(w)
                 for i, (c, w) in enumerate(zip(line, widths, strict=True))]
        text.append("| " + " | ".join(cells) + " |")
        if number == 0:
            text.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(text)


TARGETS_HEADER = ("figure", "texts", "measured", "target", "")


def _row(rows: list[Measurement], stage: str, texts: int) -> Measurement | None:
    found = [r for r in rows if r.stage == stage and r.texts == texts]
    return found[-1] if found else None


def _verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "NOT MET")


def target_lines(rows: list[Measurement]) -> list[tuple[str, ...]]:
    """Every figure of the benchmark that has a target, beside it."""
    lines: list[tuple[str, ...]] = []
    for texts in sorted({r.texts for r in rows}):
        build, xsl = _row(rows, "build", texts), _row(rows, "xsl", texts)
        if build and build.seconds and xsl and xsl.seconds:
            ratio = xsl.wall / build.wall
            lines.append(("cold build (validate+model+HTML) against the TEI Stylesheets' "
                          "html.xsl (their time / ours)", f"{texts:,}",
                          f"{ratio:.2f}x ({build.wall:.1f} s against {xsl.wall:.1f} s)",
                          ">= 2x", _verdict(ratio >= 2)))
        pages = _row(rows, "pages", texts)
        if pages and pages.figures:
            largest = pages.figures["largest page"]
            lines.append(("largest HTML page", f"{texts:,}", f"{largest / 1e6:.2f} MB",
                          "<= 1 MB", _verdict(largest <= 1e6)))
            contexts = pages.figures["entry contexts"]
            lines.append(("contexts on one entry page", f"{texts:,}", f"{contexts:,.0f}",
                          "<= 200", _verdict(contexts <= 200)))
            lines.append(("size of the site", f"{texts:,}",
                          f"{pages.figures['site'] / 1e6:.0f} MB", "-", "-"))
        search = _row(rows, "search", texts)
        if search and search.figures:
            lines.append(("index bytes one search loads (largest of "
                          f"{', '.join(repr(q) for q in SEARCHES)})", f"{texts:,}",
                          f"{search.figures['search bytes'] / 1e3:,.0f} KB", "<= 2 MB",
                          _verdict(search.figures["search bytes"] <= 2e6)))
            lines.append((f"index bytes a search for {SEARCHES[0]!r} loads", f"{texts:,}",
                          f"{search.figures['one-word bytes'] / 1e3:,.0f} KB", "<= 2 MB",
                          _verdict(search.figures["one-word bytes"] <= 2e6)))
        for stage, label, limit in (("change1", "rebuild after one changed text", 3.0),
                                    ("noop", "build with nothing changed", 1.0)):
            row = _row(rows, stage, texts)
            if row and row.seconds:
                lines.append((label, f"{texts:,}", f"{row.seconds:.2f} s", f"<= {limit:g} s",
                              _verdict(row.seconds <= limit) if texts == 1000 else "-"))
        measured = [r for r in rows if r.texts == texts and r.peak_mb
                    and r.stage in {"build", "noop", "change1"}]
        if measured:
            peak = max(r.peak_mb for r in measured)
            lines.append(("peak memory of a build (one process)", f"{texts:,}",
                          f"{peak:,.0f} MB", "<= 600 MB",
                          _verdict(peak <= 600) if texts <= 1000 else "-"))
        dask = _row(rows, "dask", texts)
        if dask and dask.seconds and build and build.seconds:
            lines.append(("Dask build (LocalCluster) against the local cold build",
                          f"{texts:,}", f"{dask.wall:.1f} s against {build.wall:.1f} s",
                          "byte-identical", _verdict("byte-identical" in dask.note)))
    return lines


def format_targets(rows: list[Measurement]) -> str:
    lines = [TARGETS_HEADER, *target_lines(rows)]
    text = ["| " + " | ".join(line) + " |" for line in lines]
    text.insert(1, "|" + "|".join("---" for _ in TARGETS_HEADER) + "|")
    return "\n".join(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build on synthetic editions.")
    parser.add_argument("--sizes", default="300,1000", help="comma-separated numbers of texts")
    parser.add_argument("--stages", default=",".join(DEFAULT_STAGES),
                        help=f"comma-separated stages out of {','.join(ALL_STAGES)}")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    parser.add_argument("--source", type=Path, default=None, help="edition to copy texts from")
    parser.add_argument("--max-pdf-texts", type=int, default=200,
                        help="skip the pdf stage for larger editions (default 200)")
    parser.add_argument("--dask-texts", type=int, default=300,
                        help="run the dask stage only up to this many texts (default 300)")
    parser.add_argument("--search-scale", type=int, default=10_000,
                        help="also write the search index alone for this many texts and "
                             "search it (default 10,000; 0: not)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = set(stages) - set(ALL_STAGES)
    if unknown:
        parser.error(f"unknown stage {sorted(unknown)[0]!r}; choose from {', '.join(ALL_STAGES)}")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    source = (args.source or default_source()).resolve()
    print(f"# texts copied from {source}; jobs={args.jobs or os.cpu_count()}", flush=True)
    rows: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as temporary:
        base = args.keep.resolve() if args.keep else Path(temporary)
        code = snapshot_code(base / "code")
        for size in sizes:
            work = base / f"n{size}"
            edition = work / "edition"
            generate(source, edition, size)
            for stage in stages:
                limit = {"pdf": args.max_pdf_texts, "dask": args.dask_texts}.get(stage)
                if limit is not None and size > limit:
                    rows.append(Measurement(stage, size, None, 0.0, 0.0,
                                            f"skipped: more than {limit} texts"))
                    continue
                rows.append(measure_stage(stage, size, edition, work, args.jobs, code))
                print("  ".join(row_cells(rows[-1])), file=sys.stderr, flush=True)
        if args.search_scale and "search" in stages and sizes:
            rows.append(measure_search_scale(args.search_scale, base / f"n{sizes[0]}", code,
                                             source))
            print("  ".join(row_cells(rows[-1])), file=sys.stderr, flush=True)
        print(format_table(rows))
        print()
        print(format_targets(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
