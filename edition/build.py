"""The one place that knows the order of the stages.

parse → validate → model → render PDF → render HTML, then swap the new output in. Every
document is gathered and checked before anything is published, so the checks across
documents see the whole edition and a failed build leaves the previous output as it was.

Work on one file — parsing, validating and modelling it, rendering a text's pages — is
handed to an executor (`edition.executor`): every core of this machine by default, this
process alone with ``jobs=1``; the output is the same either way. Each piece of work is
keyed by a digest of its inputs (`edition.incremental`): what the previous build in the
output folder made from the same inputs is hard-linked into the new output instead of
being made again, and when no input changed at all the build stops after hashing them.
All of that reuse goes through one `ProductStore`; the render stages as a build runs
them are in `edition.rendering`.
"""

from __future__ import annotations

import ctypes
import gc
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from edition.clock import build_date
from edition.config import governing_file, load_config
from edition.detached import forget_trees
from edition.digests import check_digest, digest, toolchain_digest
from edition.executor import dask_executor, executor_for, gc_paused, results_in_order
from edition.incremental import (
    CHECKED,
    SKELETON,
    Manifest,
    Product,
    Reuse,
    cached_file_name,
    entries_below,
    files_below,
    is_cached,
    link_files,
    problem_from_record,
    problem_record,
    read_cached,
    write_cached,
)
from edition.model import Edition, build_model
from edition.output import clear_stale_staging, output_path, staged_output
from edition.problems import (
    ContentErrors,
    EditionError,
    Problem,
    Severity,
    condensed_lines,
    has_failures,
    summary,
)
from edition.rendering import render_html, render_pdf
from edition.sources import Kind, SourceFile, find_xml_files, parse_tei
from edition.tasks import CheckedFile, check_file_pickled, loads
from edition.validate.skeleton import from_skeleton


@dataclass(frozen=True)
class BuildOptions:
    source: Path
    out: Path
    html: bool = True
    pdf: bool = True
    strict: bool = False
    lenient: bool = False
    """Render despite errors (a preview of TEI that does not yet meet the edition's rules);
    the errors are still reported."""
    jobs: int | None = None
    """Worker processes for the per-file work; None: one per core."""
    reuse: bool = True
    """Take over what the previous build in ``out`` made from unchanged inputs."""
    pdf_variant: str = "a"
    """``a``: PDF/A-3b; ``ua``: PDF/A-3b tagged as PDF/UA-1 too (`edition.pdf`)."""
    scheduler: str | None = None
    """Run the per-file work on a Dask cluster: ``tcp://host:port`` or ``local:N``."""


@dataclass
class BuildReport:
    out: Path
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    work: dict[str, int] = field(default_factory=dict)
    """How many files were checked and texts rendered anew, and how many were reused."""
    up_to_date: bool = False
    """Nothing changed since the previous build, which was left as it was."""
    condensed: bool = False
    """Report at most a few problems per rule and file, then a table (lenient builds)."""

    def lines(self) -> Iterator[str]:
        yield from self.problem_lines()
        yield from self.outcome_lines()

    def problem_lines(self) -> list[str]:
        if self.condensed:
            return condensed_lines(self.problems)
        return [str(p) for p in self.problems]

    def outcome_lines(self) -> Iterator[str]:
        took = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in self.timings.items())
        if self.up_to_date:
            yield f"{self.out} is up to date: no input changed since it was built ({took})"
        else:
            done = ", ".join(f"{n} {what}" for what, n in self.counts.items())
            yield f"built {self.out}: {done or 'nothing rendered'} ({took})"
        if self.work:
            yield ", ".join(f"{what} {n}" for what, n in self.work.items())
        if self.problems:
            yield summary(self.problems)


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    report.timings[stage] = time.perf_counter() - start


# ------------------------------------------------------------------ check and model

@dataclass(frozen=True)
class SourceInput:
    """One TEI file of the edition and the digest of everything its checking depends on."""

    path: Path
    key: str


def source_inputs(source: Path) -> list[SourceInput]:
    """Every TEI file of ``source`` with its key: its bytes, its place, the schemas, the code."""
    salt = check_digest()
    base = source.resolve()
    return [SourceInput(path, digest(salt, str(base / path.relative_to(source)),
                                     path.read_bytes()))
            for path in find_xml_files([source])]


@dataclass
class CheckedEdition:
    """The outcome of parsing, validating and modelling every file of an edition."""

    edition: Edition | None
    problems: list[Problem]
    inputs: list[SourceInput]
    files: list[CheckedFile]
    fresh: set[str] = field(default_factory=set)
    """Keys of the files checked by this run (the others came from the cache)."""
    across: dict = field(default_factory=dict)
    """The outcome of the checks across files, as the manifest keeps it."""

    @property
    def text_count(self) -> int:
        return sum(1 for f in self.files if f.kind is Kind.TEXT)

    def text_of_id(self) -> dict[str, str]:
        """Every ``xml:id`` of every text → the text's id (the first text, in edition
        order, for an id that is not unique)."""
        ids = {f.text.id: f.ids for f in self.files if f.text is not None}
        found: dict[str, str] = {}
        for text in self.edition.texts if self.edition else ():
            for identifier in ids.get(text.id, ()):
                found.setdefault(identifier, text.id)
        return found


def check_edition(source: Path, cache: Path | None = None, jobs: int | None = None,
                  model: bool = True, strict: bool = False,
                  inputs: list[SourceInput] | None = None,
                  executor: Executor | None = None,
                  keep: Path | None = None,
                  known_across: dict | None = None, gate: bool = True) -> CheckedEdition:
    """Parse, validate and model the edition in ``source``; files whose results ``cache``
    (a previous output folder) holds are not checked again. The results of the files
    checked now are written into ``keep`` (the new output folder) as they arrive.

    Raises `ContentErrors` when the edition may not be published, unless ``gate`` is off.
    """
    if not source.is_dir():
        raise EditionError("the edition source must be a folder of TEI files", path=source,
                           rule="io")
    config = load_config(source)
    inputs = inputs if inputs is not None else source_inputs(source)
    todo = [i for i in inputs if cache is None or not is_cached(cache, i.key)]
    held: dict[str, tuple[bytes, bytes] | None] = {}
    with executor_for(executor, jobs, len(todo)) as running:
        results = results_in_order(running, partial(check_file_pickled, model=model),
                                   [i.path for i in todo])
        for item, (bare, data) in zip(todo, results, strict=True):
            if keep is None:
                held[item.key] = (bare, data)
                continue
            write_cached(keep, item.key, data)
            write_cached(keep, item.key, bare, SKELETON)
            held[item.key] = None

    def part(item: SourceInput, which: str) -> bytes:
        if item.key not in held:
            return read_cached(cache, item.key, which) or b""
        parts = held[item.key]
        if parts is None:
            return read_cached(keep, item.key, which) or b""
        return parts[0] if which == SKELETON else parts[1]

    # the checks across files first, then the models: never both in memory
    across = _checked_across(inputs, partial(part, which=SKELETON), known_across or {})
    release_freed_memory()
    with gc_paused():  # millions of objects, none of them garbage: no collections
        files = [loads(part(i, CHECKED)) for i in inputs]
    problems = [p for f in files for p in f.problems]
    problems += [problem_from_record(r) for r in across["problems"]]
    problems.sort()
    if gate and has_failures(problems, strict):
        raise ContentErrors(problems)
    edition = _model(source, config, files) if model else None
    return CheckedEdition(edition, problems, inputs, files, set(held), across)


def release_freed_memory() -> None:
    """Give the memory freed so far back to the system. The skeleton trees of the checks
    across files are freed by libxml2 but stay in the C allocator's heap, under the
    models loaded next: without this the building process holds both at once."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def _checked_across(inputs: list[SourceInput], skeleton: Callable[[SourceInput], bytes],
                    known: dict) -> dict:
    """The checks across files, unless ``known`` holds their outcome on the same skeletons
    (a change of wording leaves every skeleton as it was)."""
    key = digest("across", toolchain_digest(), os.getcwd(),
                 *(part for i in inputs for part in (str(i.path), skeleton(i))))
    if known.get("key") == key:
        return known
    return {"key": key, "problems": [problem_record(p)
                                     for p in _check_across(inputs, skeleton)]}


def _check_across(inputs: list[SourceInput], skeleton: Callable[[SourceInput], bytes]
                  ) -> list[Problem]:
    """The checks that need the whole edition (unique ids, pointers that resolve, entries
    in use), run on the skeletons of its files as `edition.validate` runs them on the
    parsed files."""
    from edition.validate import files_root
    from edition.validate.locate import clear_cache
    from edition.validate.references import reference_problems

    sources = [from_skeleton(i.path, data) for i in inputs if (data := skeleton(i))]
    if not sources:
        return []
    clear_cache()
    try:
        return reference_problems(sources, files_root([s.path for s in sources]))
    finally:
        clear_cache()


def _model(source: Path, config: object, files: list[CheckedFile]) -> Edition:
    """The edition from the texts modelled per file and the header and registers."""
    others = [SourceFile(f.path, parse_tei(f.path), f.kind) for f in files
              if f.kind in {Kind.EDITION, Kind.REGISTER}]
    texts = [f.text for f in files if f.text is not None]
    return build_model(others, config, source, texts=texts)


# ------------------------------------------------------------------ build

def build(options: BuildOptions, executor: Executor | None = None) -> BuildReport:
    """Build the edition: check it, then render the PDFs and the HTML into a staging
    folder that replaces the output only when everything succeeded. Per-file work runs
    on ``executor`` when one is given (a cluster's, see docs/scaling.md), else on
    ``options.jobs`` local processes."""
    report = BuildReport(options.out, condensed=options.lenient)
    forget_trees()
    with _timed(report, "hash"):
        store = ProductStore.open(options)
    if store.up_to_date():
        return _up_to_date(report, store, options)
    with _cluster(options, executor) as executor, \
            staged_output(store.out, keep=_kept_products(options)) as stage:
        with _timed(report, "validate+model"):
            checked = _check(options, store, stage, executor)
        report.problems = checked.problems
        reuse = store.begin(checked, stage, report)
        if options.pdf:
            with _timed(report, "pdf"):
                _render_pdf_stage(options, checked, stage, reuse, executor, report)
        if options.html:
            with _timed(report, "html"):
                _render_html_stage(options, checked, stage, reuse, executor, report, store)
        _finish(options, report, reuse)
    return report


@dataclass
class ProductStore:
    """What the previous build in the output folder made, keyed by its inputs, and the
    inputs of this build: the one object through which a build reuses anything."""

    out: Path
    """The output folder (followed, when it is a link to the finished build)."""
    previous: Manifest
    inputs: list[SourceInput]
    fingerprint: str
    """The digest of every input: when it is unchanged, so is the output."""
    reuse: bool

    @classmethod
    def open(cls, options: BuildOptions) -> ProductStore:
        out = output_path(options.out)
        previous = Manifest.load(out) if options.reuse else Manifest()
        inputs = source_inputs(options.source) if options.source.is_dir() else []
        return cls(out, previous, inputs, _fingerprint(options, inputs), options.reuse)

    @property
    def cache(self) -> Path | None:
        """The previous output, as the cache of checked files (None: reuse nothing)."""
        return self.out if self.reuse else None

    def up_to_date(self) -> bool:
        return self.reuse and _unchanged(self.previous, self.out, self.fingerprint)

    def begin(self, checked: CheckedEdition, stage: Path, report: BuildReport) -> Reuse:
        """Start this build's manifest in ``stage``, with the checked files kept."""
        report.work["cross-file checks reused"] = int(
            bool(self.previous.across)
            and self.previous.across.get("key") == checked.across.get("key"))
        _keep_checked(checked, self.out, stage, report)
        manifest = Manifest(toolchain_digest(), self.fingerprint, across=checked.across)
        return Reuse(self.previous, self.out, stage, manifest)


def _up_to_date(report: BuildReport, store: ProductStore, options: BuildOptions
                ) -> BuildReport:
    """The report of a build that found nothing changed: the previous output stays."""
    clear_stale_staging(store.out)  # what a killed build left goes even so
    report.up_to_date = True
    report.problems = [problem_from_record(p) for p in store.previous.problems]
    if not options.lenient and has_failures(report.problems, options.strict):
        raise ContentErrors(report.problems)
    return report


def _check(options: BuildOptions, store: ProductStore, stage: Path,
           executor: Executor | None) -> CheckedEdition:
    return check_edition(options.source, store.cache, options.jobs, strict=options.strict,
                         inputs=store.inputs, executor=executor, keep=stage,
                         known_across=store.previous.across, gate=not options.lenient)


def _render_pdf_stage(options: BuildOptions, checked: CheckedEdition, stage: Path,
                      reuse: Reuse, executor: Executor | None, report: BuildReport) -> None:
    report.problems.extend(render_pdf(checked.edition, stage / "pdf", options.jobs,
                                      reuse=reuse, executor=executor,
                                      variant=options.pdf_variant))
    report.counts["PDFs"] = sum(1 for _ in (stage / "pdf").glob("*.pdf"))


def _render_html_stage(options: BuildOptions, checked: CheckedEdition, stage: Path,
                       reuse: Reuse, executor: Executor | None, report: BuildReport,
                       store: ProductStore) -> None:
    report.problems.extend(render_html(
        checked.edition, stage / "html", options.jobs,
        pdf_dir=stage / "pdf" if options.pdf else None, reuse=reuse,
        ids=checked.text_of_id(), file_keys={i.path: i.key for i in store.inputs},
        executor=executor))
    report.counts["HTML pages"] = sum(1 for name, _ in entries_below(stage / "html")
                                      if name.endswith(".html"))
    _record_site_pages(reuse.manifest, stage, store.fingerprint)


def _finish(options: BuildOptions, report: BuildReport, reuse: Reuse) -> None:
    """Sort the problems, refuse a strict build with warnings (the staging folder is
    then dropped), and save the manifest into the new output."""
    report.work.update(reuse.counts)
    report.problems.sort()
    if (not options.lenient and options.strict
            and any(p.severity is Severity.WARNING for p in report.problems)):
        raise ContentErrors(report.problems)
    reuse.manifest.problems = [problem_record(p) for p in report.problems]
    reuse.manifest.save(reuse.stage)


@contextmanager
def _cluster(options: BuildOptions, given: Executor | None) -> Iterator[Executor | None]:
    """The executor given, else the Dask cluster of ``options.scheduler``, if any."""
    if given is not None or not options.scheduler:
        yield given
        return
    with dask_executor(options.scheduler) as cluster:
        yield cluster


def _fingerprint(options: BuildOptions, inputs: list[SourceInput]) -> str:
    """Digest of every input of a build: when it is unchanged, so is the output."""
    config = governing_file(options.source) if options.source.is_dir() else None
    return digest(toolchain_digest(), check_digest(), build_date(),
                  repr((options.html, options.pdf, options.strict, options.lenient,
                        options.pdf_variant)),
                  config.read_bytes() if config else b"",
                  *(i.key for i in inputs))


def _unchanged(previous: Manifest, out: Path, fingerprint: str) -> bool:
    if previous.inputs != fingerprint or previous.toolchain != toolchain_digest():
        return False
    folder = str(out)
    return all(os.path.isfile(os.path.join(folder, f))
               for p in previous.products.values() for f in p.files)


def _keep_checked(checked: CheckedEdition, out: Path, stage: Path, report: BuildReport) -> None:
    """Link the checked form of every file not checked again from the previous output
    into the new one (`check_edition` wrote the others)."""
    link_files([cached_file_name(i.key, part) for i in checked.inputs
                if i.key not in checked.fresh for part in (CHECKED, SKELETON)], out, stage)
    report.work["files checked"] = len(checked.fresh)
    report.work["files reused"] = len(checked.inputs) - len(checked.fresh)


def _record_site_pages(manifest: Manifest, stage: Path, fingerprint: str) -> None:
    """Record the site's other files (home, registers, entries, assets …), made again by
    every build that is not up to date, so that the next build sees if one is missing."""
    per_text = {f for name, p in manifest.products.items() if name.startswith("html:")
                for f in p.files}
    manifest.products["site"] = Product(
        fingerprint, [f for f in files_below(stage / "html", stage) if f not in per_text])


def _kept_products(options: BuildOptions) -> set[str]:
    """Products of the previous build carried over because this build does not remake them."""
    kept = {"deposit"}
    if not options.html:
        kept.add("html")
    if not options.pdf:
        kept.add("pdf")
    return kept
