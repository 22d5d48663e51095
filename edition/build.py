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
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import pickle
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from edition.clock import build_date
from edition.config import governing_file, load_config
from edition.digests import check_digest, digest, toolchain_digest
from edition.executor import (
    broadcast,
    dask_executor,
    executor_for,
    gathered,
    results_in_order,
    submit_batches,
)
from edition.incremental import (
    CACHE_DIR,
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
from edition.model import Edition, Text, build_model
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
from edition.sources import Kind, SourceFile, find_xml_files, parse_tei
from edition.tasks import (
    CheckedFile,
    check_file_pickled,
    forget_trees,
    from_skeleton,
    gc_paused,
    install_site,
    loads,
    portable_site,
    render_text_html,
    write_text_api,
)

if TYPE_CHECKING:
    from edition.html import TextApis
    from edition.html.pages import Site
    from edition.pdf.parts import LaidOutPart, PartJob


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
    """Build the edition; per-file work runs on ``executor`` when one is given (a
    cluster's, see docs/scaling.md), else on ``options.jobs`` local processes."""
    report = BuildReport(options.out, condensed=options.lenient)
    forget_trees()
    out = output_path(options.out)  # the output may be a link to the finished build
    previous = Manifest.load(out) if options.reuse else Manifest()
    with _timed(report, "hash"):
        inputs = source_inputs(options.source) if options.source.is_dir() else []
        fingerprint = _fingerprint(options, inputs)
    if options.reuse and _unchanged(previous, out, fingerprint):
        clear_stale_staging(out)  # what a killed build left goes even when nothing changed
        report.up_to_date = True
        report.problems = [problem_from_record(p) for p in previous.problems]
        if not options.lenient and has_failures(report.problems, options.strict):
            raise ContentErrors(report.problems)
        return report
    with _cluster(options, executor) as executor, \
            staged_output(out, keep=_kept_products(options)) as stage:
        with _timed(report, "validate+model"):
            checked = check_edition(options.source, out if options.reuse else None,
                                    options.jobs, strict=options.strict, inputs=inputs,
                                    executor=executor, keep=stage,
                                    known_across=previous.across,
                                    gate=not options.lenient)
        report.problems = checked.problems
        report.work["cross-file checks reused"] = int(
            bool(previous.across) and previous.across.get("key") == checked.across.get("key"))
        manifest = Manifest(toolchain_digest(), fingerprint, across=checked.across)
        _keep_checked(checked, out, stage, report)
        reuse = Reuse(previous, out, stage, manifest)
        if options.pdf:
            with _timed(report, "pdf"):
                warnings = render_pdf(checked.edition, stage / "pdf", options.jobs,
                                      reuse=reuse, executor=executor,
                                      variant=options.pdf_variant)
            report.problems.extend(warnings)
            report.counts["PDFs"] = sum(1 for _ in (stage / "pdf").glob("*.pdf"))
        if options.html:
            with _timed(report, "html"):
                warnings = render_html(checked.edition, stage / "html", options.jobs,
                                       pdf_dir=stage / "pdf" if options.pdf else None,
                                       reuse=reuse, ids=checked.text_of_id(),
                                       file_keys={i.path: i.key for i in inputs},
                                       executor=executor)
            report.problems.extend(warnings)
            report.counts["HTML pages"] = sum(1 for name, _ in entries_below(stage / "html")
                                              if name.endswith(".html"))
            _record_site_pages(manifest, stage, fingerprint)
        report.work.update(reuse.counts)
        report.problems.sort()
        if (not options.lenient and options.strict
                and any(p.severity is Severity.WARNING for p in report.problems)):
            raise ContentErrors(report.problems)
        manifest.problems = [problem_record(p) for p in report.problems]
        manifest.save(stage)
    return report


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


# ------------------------------------------------------------------ render

def render_html(edition: Edition, target: Path, jobs: int | None = None,
                pdf_dir: Path | None = None, reuse: Reuse | None = None,
                ids: dict[str, str] | None = None,
                file_keys: dict[Path, str] | None = None,
                executor: Executor | None = None) -> list[Problem]:
    """The HTML site, its text pages rendered on ``jobs`` workers (or ``executor``)."""
    from edition.html import render_site

    pages = TextPages(jobs, reuse, ids, file_keys or {}, target.name, executor)
    cache = SitePages.of(reuse, target.name) if reuse is not None else None
    # the model lives as long as the rendering: kept out of the collector's reach (and
    # out of the pages that forked workers would copy when the collector touched it)
    gc.freeze()
    try:
        problems = render_site(edition, target, pdf_dir, render_texts=pages,
                               text_of_id=ids, page_cache=cache)
    finally:
        gc.unfreeze()
    if cache is not None:
        cache.save()
    return problems


PAGE_KEYS = f"{CACHE_DIR}/pages.json"
"""The keys of the site's entry pages and chronology, beside the cached checked files."""


@dataclass
class SitePages:
    """Entry pages and the chronology taken over from the previous build when what they
    show is the same (`edition.html.pages.entry_page_key`, `chronology_key`); their keys
    are kept in ``PAGE_KEYS``, apart from the manifest's products, and are only a hint:
    a page is linked only when its file is in the previous output."""

    reuse: Reuse
    folder: str
    previous: dict[str, str]
    keys: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, reuse: Reuse, folder: str) -> SitePages:
        try:
            previous = json.loads((reuse.previous_out / PAGE_KEYS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        return cls(reuse, folder, previous if isinstance(previous, dict) else {})

    def take(self, path: str, key: str) -> bool:
        name = f"{self.folder}/{path}"
        if self.previous.get(path) != key or not (self.reuse.previous_out / name).is_file():
            return False
        link_files([name], self.reuse.previous_out, self.reuse.stage)
        self.keys[path] = key
        self.reuse.counts["collection pages reused"] += 1
        return True

    def record(self, path: str, key: str) -> None:
        self.keys[path] = key
        self.reuse.counts["collection pages rendered"] += 1

    def take_previous(self, path: str) -> bool:
        key = self.previous.get(path)
        return key is not None and self.take(path, key)

    def previous_site(self) -> Path:
        return self.reuse.previous_out / self.folder

    def save(self) -> None:
        target = self.reuse.stage / PAGE_KEYS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(self.keys, sort_keys=True), encoding="utf-8")


@dataclass
class TextPages:
    """Renders text pages on an executor, taking unchanged ones over from the previous build.

    A text's pages are keyed by the text file, the register entries it names and what
    every page shows of the edition (`_site_context`).
    """

    jobs: int | None
    reuse: Reuse | None
    ids: dict[str, str] | None
    file_keys: dict[Path, str]
    folder: str
    """The site's folder below the output folder (``html``)."""
    executor: Executor | None = None

    def __call__(self, site: Site, texts: list[Text],
                 meanwhile: Callable[[], list[Problem]] = list,
                 apis: TextApis | None = None) -> list[Problem]:
        context = _site_context(site, self.ids) if self.reuse is not None else ""
        problems: list[Problem] = []
        jobs: list[tuple[str, str, str]] = []
        keys: dict[str, str] = {}
        scratch = site.out.parent / f".{self.folder}-work"
        for text in texts:
            key = digest("html-text", context, self._file_key(text),
                         _entries_digest(site.edition, text))
            reused = self.reuse.take(f"html:{text.id}", key, "text pages") if self.reuse else None
            if reused is not None:
                problems += reused
                continue
            keys[text.id] = key
            jobs.append((text.id, str(scratch / str(len(jobs))), str(site.out)))
        try:
            api_jobs = ([(t.id, str(site.out)) for t in site.edition.texts]
                        if apis is not None else [])
            with executor_for(self.executor, self.jobs, len(jobs) + len(api_jobs)) as running:
                broadcast(running, install_site, "html", portable_site(site))
                try:
                    submitted = submit_batches(running, render_text_html, jobs)
                    api_submitted = (submit_batches(running, write_text_api, api_jobs)
                                     if apis is not None else [])
                    problems += meanwhile()  # the pages of every text, while workers work
                    results = list(gathered(submitted))
                    if apis is not None:
                        apis.done = list(gathered(api_submitted))
                finally:  # workers of a cluster may serve other builds: take it back
                    broadcast(running, install_site, "html", None)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        for (text_id, _, _), (files, found) in zip(jobs, results, strict=True):
            if self.reuse is not None:
                self.reuse.record(f"html:{text_id}", keys[text_id], "text pages",
                                  [f"{self.folder}/{name}" for name in files], found)
            problems += found
        return problems

    def _file_key(self, text: Text) -> str:
        return self.file_keys.get(text.path) or digest(text.path.read_bytes())


def _site_context(site: Site, ids: dict[str, str] | None) -> str:
    """Digest of what every text page shows of the edition as a whole."""
    edition = site.edition
    return digest(toolchain_digest(), build_date(), repr(edition.meta), repr(edition.config),
                  str(edition.source), str(edition.header_path),
                  repr(sorted(edition.registers)), repr(sorted(edition.entries)),
                  repr([(t.id, t.meta, str(t.path), len(t.paragraphs)) for t in edition.texts]),
                  repr(sorted(site.pdfs.items())),
                  repr(sorted((ids or {}).items())))


def _entries_digest(edition: Edition, text: Text) -> str:
    """Digest of the register entries ``text`` names (their popovers show them)."""
    named = sorted({m.entry_id for m in text.mentions})
    return digest(*(repr(edition.entries[i]) for i in named if i in edition.entries))


def render_pdf(edition: Edition, target: Path, jobs: int | None = None,
               reuse: Reuse | None = None, executor: Executor | None = None,
               variant: str = "a") -> list[Problem]:
    """The book and its offprints, laid out part by part on ``jobs`` workers (or
    ``executor``). With ``reuse``, every part whose HTML is unchanged, and every PDF
    made of unchanged parts at unchanged places, is taken over from the previous build."""
    from edition.pdf import render_pdfs

    store = PdfParts(reuse, target.name) if reuse is not None else None
    return render_pdfs(edition, target, executor=executor, jobs=jobs, store=store,
                       files=store, variant=variant)


@dataclass
class PdfParts:
    """The build's store of laid-out PDF parts and assembled PDFs (see `edition.pdf`),
    kept in the output's cache folder and taken over like any other product."""

    reuse: Reuse
    folder: str
    """The PDFs' folder below the output folder (``pdf``)."""

    def _part(self, job: PartJob) -> tuple[str, str, str]:
        key = digest("pdf-part", toolchain_digest(), job.digest)
        return f"pdf-part:{job.name}", key, f"{CACHE_DIR}/pdf-parts/{key}.pickle"

    def get(self, job: PartJob) -> LaidOutPart | None:
        name, key, path = self._part(job)
        if self.reuse.take(name, key, "PDF parts") is None:
            return None
        try:
            with gc_paused():
                return pickle.loads((self.reuse.stage / path).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def put(self, job: PartJob, part: LaidOutPart) -> None:
        name, key, path = self._part(job)
        (self.reuse.stage / path).parent.mkdir(parents=True, exist_ok=True)
        (self.reuse.stage / path).write_bytes(pickle.dumps(part, pickle.HIGHEST_PROTOCOL))
        self.reuse.record(name, key, "PDF parts", [path], [])

    def _file(self, key: str, target: Path) -> tuple[str, str, str]:
        return (f"pdf-file:{target.name}", digest("pdf-file", toolchain_digest(), key),
                f"{self.folder}/{target.name}")

    def take_file(self, key: str, target: Path) -> bool:
        name, key, _ = self._file(key, target)
        return self.reuse.take(name, key, "PDF files") is not None

    def keep_file(self, key: str, target: Path) -> None:
        name, key, path = self._file(key, target)
        self.reuse.record(name, key, "PDF files", [path], [])
