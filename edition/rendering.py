"""The render stages as a build runs them: on an executor, with what the previous
build made taken over where its inputs are unchanged.

`edition.html` and `edition.pdf` render an edition and know nothing of builds; here
their hooks (a renderer of text pages, a page cache, a store of laid-out parts) are
given the build's `Reuse`, so that reuse sits in one place.
"""

from __future__ import annotations

import gc
import json
import pickle
import shutil
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from edition.clock import build_date
from edition.digests import digest, toolchain_digest
from edition.executor import broadcast, executor_for, gathered, gc_paused, submit_batches
from edition.html.jobs import install_site, portable_site, render_text_html, write_text_api
from edition.incremental import CACHE_DIR, Reuse, link_files
from edition.model import Edition, Text
from edition.problems import Problem

if TYPE_CHECKING:
    from edition.html import TextApis
    from edition.html.pages import Site
    from edition.pdf.parts import LaidOutPart, PartJob


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
