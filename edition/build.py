"""The one place that knows the order of the stages.

parse → validate → model → render HTML / PDF, then swap the new output in. Every
document is gathered and checked before anything is written, so cross-document checks
see the whole edition and a failed build writes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from edition.config import load_config
from edition.model import Edition, build_model
from edition.output import staged_output
from edition.problems import (
    ContentErrors,
    EditionError,
    Problem,
    Severity,
    has_failures,
    summary,
)
from edition.sources import SourceFile, classify, find_xml_files
from edition.xmlparse import parse_file


@dataclass(frozen=True)
class BuildOptions:
    source: Path
    out: Path
    html: bool = True
    pdf: bool = True
    strict: bool = False


@dataclass
class BuildReport:
    out: Path
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> Iterator[str]:
        yield from (str(p) for p in self.problems)
        done = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        took = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in self.timings.items())
        yield f"built {self.out}: {done or 'nothing rendered'} ({took})"
        if self.problems:
            yield summary(self.problems)


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    report.timings[stage] = time.perf_counter() - start


def parse_edition(source: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Parse every TEI file of ``source``; files that cannot be parsed become problems."""
    sources: list[SourceFile] = []
    problems: list[Problem] = []
    for path in find_xml_files([source]):
        try:
            tree = parse_file(path)
        except EditionError as error:
            problems.append(error.as_problem())
            continue
        sources.append(SourceFile(path, tree, classify(tree)))
    return sources, problems


def load_checked_edition(source: Path,
                         strict: bool = False) -> tuple[Edition, list[Problem]]:
    """Parse, validate and model; raise `ContentErrors` when the edition may not be published."""
    from edition.validate import validate_sources

    if not source.is_dir():
        raise EditionError("the edition source must be a folder of TEI files", path=source,
                           rule="io")
    config = load_config(source)
    sources, problems = parse_edition(source)
    problems.extend(validate_sources(sources))
    problems.sort()
    if has_failures(problems, strict):
        raise ContentErrors(problems)
    return build_model(sources, config, source), problems


def build(options: BuildOptions) -> BuildReport:
    report = BuildReport(options.out)
    with _timed(report, "validate+model"):
        edition, report.problems = load_checked_edition(options.source, options.strict)
    with staged_output(options.out, keep=_kept_products(options)) as stage:
        if options.html:
            from edition.html import render_site

            with _timed(report, "html"):
                warnings = render_site(edition, stage / "html")
            report.problems.extend(warnings)
            report.counts["HTML pages"] = sum(1 for _ in (stage / "html").rglob("*.html"))
        if options.pdf:
            from edition.pdf import render_pdfs

            with _timed(report, "pdf"):
                warnings = render_pdfs(edition, stage / "pdf")
            report.problems.extend(warnings)
            report.counts["PDFs"] = sum(1 for _ in (stage / "pdf").glob("*.pdf"))
        if options.strict and any(p.severity is Severity.WARNING for p in report.problems):
            raise ContentErrors(report.problems)
    return report


def _kept_products(options: BuildOptions) -> set[str]:
    """Products of the previous build carried over because this build does not remake them."""
    kept = {"deposit"}
    if not options.html:
        kept.add("html")
    if not options.pdf:
        kept.add("pdf")
    return kept
