"""Benchmark the build on synthetic editions of growing size.

    python bench/run.py --sizes 100,1000 [--stages validate,model,html,pdf,package]
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
    build     a cold `edition build --no-pdf` into an empty folder
    noop      the same build again, nothing changed
    change1   the same build after one text was edited
"""

from __future__ import annotations

import argparse
import json
import os
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

from bench.synth import default_source, generate  # noqa: E402

ALL_STAGES = ("validate", "model", "html", "pdf", "package", "build", "noop", "change1")
DEFAULT_STAGES = ("validate", "model", "html", "build", "noop", "change1")


@dataclass
class Measurement:
    stage: str
    texts: int
    seconds: float | None
    wall: float
    peak_mb: float
    note: str = ""

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
    return env


def measure_stage(stage: str, texts: int, edition: Path, work: Path, jobs: int | None,
                  code: Path = ROOT) -> Measurement:
    jobs_args = ["--jobs", str(jobs)] if jobs else []
    out = work / "build"
    if stage in {"build", "noop", "change1"}:
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
    seconds, note = _stage_seconds(stage, stdout, wall)
    return Measurement(stage, texts, seconds, wall, peak, note)


def _stage_seconds(stage: str, stdout: str, wall: float) -> tuple[float, str]:
    """The stage's own time: reported by `bench.stage`; for whole commands, their wall time."""
    if stage in {"validate", "model", "html", "pdf"}:
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
        seconds = "-" if r.note.startswith("skipped") else "failed"
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build on synthetic editions.")
    parser.add_argument("--sizes", default="100,1000", help="comma-separated numbers of texts")
    parser.add_argument("--stages", default=",".join(DEFAULT_STAGES),
                        help=f"comma-separated stages out of {','.join(ALL_STAGES)}")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    parser.add_argument("--source", type=Path, default=None, help="edition to copy texts from")
    parser.add_argument("--max-pdf-texts", type=int, default=200,
                        help="skip the pdf stage for larger editions (default 200)")
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
                if stage == "pdf" and size > args.max_pdf_texts:
                    rows.append(Measurement(stage, size, None, 0.0, 0.0,
                                            f"skipped: more than {args.max_pdf_texts} texts"))
                    continue
                rows.append(measure_stage(stage, size, edition, work, args.jobs, code))
                print("  ".join(row_cells(rows[-1])), file=sys.stderr, flush=True)
        print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
