"""The print edition: one archival PDF of the whole edition and an offprint per text.

The book is made of parts, each an HTML document from a Jinja2 template laid out by
WeasyPrint on its own, in worker processes (`edition.executor`):

1. the body: the introduction and each text, laid out in parallel and without folios,
   so that a part's pages do not depend on where it falls in the book;
2. once their lengths are known, the page map of the assembled book: each part opens
   on a right-hand page (a blank page before it where needed), the body is numbered
   1, 2, 3 … and the page of every anchor (paragraphs, divisions, entity mentions) is
   known; from it the indexes are made and laid out, numbered on from the body;
3. the front matter (half-title, title, imprint, contents), numbered i, ii, iii …,
   whose contents list the pages found in step 2, and the folio sheets that number
   the body and the indexes.

pikepdf then assembles the parts (`edition.pdf.assemble`). A part's length moves the
parts after it, so step 2 and 3 are done again on every layout, but they alone: the
text parts are never laid out twice. A part whose HTML has not changed is taken from a
`PartStore` (the build keeps them between builds), and an offprint is made of the
book's own text part, after its own title and imprint pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from edition import url_safety
from edition.executor import executor_for, map_in_order
from edition.model import Edition, Text
from edition.paths import TEMPLATES_DIR
from edition.pdf import assemble, index, pdfa, transform, views
from edition.pdf.assemble import FOLIO_CHUNK, FolioSheet, Slot
from edition.pdf.layout import LayoutLog, captured_warnings
from edition.pdf.parts import LaidOutPart, MemoryStore, PartJob, PartStore, lay_out
from edition.problems import EditionError, Problem
from edition.typography import typeset_html

PRINT_TEMPLATES = TEMPLATES_DIR / "print"
PDF_VARIANTS = {"a": "PDF/A-3b", "ua": "PDF/A-3b and PDF/UA-1, tagged"}
INTRODUCTION = "introduction"
BACK = "indexes"
FRONT = "front"


def _environment() -> Environment:
    return url_safety.add_to(Environment(
        loader=FileSystemLoader(str(PRINT_TEMPLATES)), autoescape=True,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True))


class FileStore(Protocol):
    """Finished PDFs kept from an earlier build, by a key of what they are made of."""

    def take_file(self, key: str, target: Path) -> bool: ...

    def keep_file(self, key: str, target: Path) -> None: ...


@dataclass(frozen=True)
class Placed:
    """A part of the body or back matter and where it falls: its first page is the
    0-based arabic page ``first`` (folio ``first + 1``)."""

    part: LaidOutPart
    first: int

    @property
    def pages(self) -> range:
        return range(self.first, self.first + self.part.pages)


class Book:
    """The laid-out parts of the edition's book and its page map."""

    def __init__(self, edition: Edition, executor: Executor | None = None,
                 jobs: int | None = None, store: PartStore | None = None,
                 variant: str = "a") -> None:
        if variant not in PDF_VARIANTS:
            raise EditionError(f"unknown PDF variant {variant!r}: give one of "
                               + ", ".join(PDF_VARIANTS), rule="pdf-variant")
        self.tagged = variant == "ua"
        self.edition = edition
        self.env = _environment()
        self.info = views.book_info(edition)
        self.trim = _trim(edition)
        self.base = edition.source.resolve()
        self.store = store if store is not None else MemoryStore()
        self.laid_out: list[str] = []
        """Names of the parts laid out anew (the others came from the store)."""
        self.texts = {t.id: views.text_view(edition, t) for t in edition.texts}
        body_jobs = self._body_jobs()
        with executor_for(executor, jobs, len(body_jobs)) as running:
            self._lay_out(running, body_jobs)

    # ------------------------------------------------------------ layout
    def _lay_out(self, running: Executor, body_jobs: list[PartJob]) -> None:
        body = self._parts(running, body_jobs)
        self.placed: dict[str, Placed] = {}
        end = 0
        for part in body:
            end = self._place(part, end)
        self.body_pages = end
        self.indexes = index.build_indexes(self.edition.registers, self._anchors(),
                                           {i: str(i + 1) for i in range(end)})
        self.offprint_fronts: dict[str, LaidOutPart] = {}
        back_jobs = [self._back_job()] if self.indexes else []
        offprints = [t for t in self.edition.texts if t.id != self.edition.meta.id]
        done = self._parts(running, [*back_jobs, *self._sheet_jobs(0, end),
                         *(self._offprint_job(t) for t in offprints)])
        if back_jobs:
            self._place(done[0], end)
        self.sheets = {int(p.name.split("-")[1]): p for p in done if p.name.startswith("folios")}
        self.offprint_fronts = {p.name.removeprefix("offprint-"): p for p in done
                                if p.name.startswith("offprint-")}
        self.toc = [*views.toc_items(self.edition, self.folios()), *self.index_items()]
        front, *more_sheets = self._parts(running, [self._front_job(),
                                                    *self._sheet_jobs(end, self.pages)])
        self.front = front
        self.sheets.update({int(p.name.split("-")[1]): p for p in more_sheets})

    def _place(self, part: LaidOutPart, end: int) -> int:
        """Place ``part`` after ``end`` arabic pages, on a right-hand (odd) page."""
        start = end + end % 2
        self.placed[part.name] = Placed(part, start)
        return start + part.pages

    def _parts(self, running: Executor, jobs: Sequence[PartJob]) -> list[LaidOutPart]:
        """Each job's laid-out part: from the store, or laid out on ``running``."""
        found = {job.name: self.store.get(job) for job in jobs}
        todo = [job for job in jobs if found[job.name] is None]
        for job, part in zip(todo, map_in_order(running, lay_out, todo), strict=True):
            self.store.put(job, part)
            found[job.name] = part
            self.laid_out.append(job.name)
        return [found[job.name] for job in jobs]  # type: ignore[misc]

    def _html(self, template: str, doc: views.DocInfo, body_class: str,
              counter_start: int | None = None, **context: object) -> str:
        html = self.env.get_template(template).render(
            doc=doc, lang=doc.lang, trim=self.trim, body_class=body_class,
            counter_start=counter_start, book=self.info, **context)
        return typeset_html(html)

    def _job(self, name: str, html: str, base: Path, **options: object) -> PartJob:
        """A part of the book proper (tagged when the book is), not a folio sheet."""
        return PartJob(name, html, base, tagged=self.tagged, **options)  # type: ignore[arg-type]

    def _body_jobs(self) -> list[PartJob]:
        lang = self.edition.meta.languages[0] if self.edition.meta.languages else "en"
        jobs = []
        introduction = transform.introduction(self.edition)
        if introduction:
            jobs.append(self._job(INTRODUCTION, self._html(
                "body.html", views.part_doc_info("Introduction", lang), "body",
                introduction=introduction, texts=[]), self.base))
        for view in self.texts.values():
            jobs.append(self._job(f"text-{view.id}", self._html(
                "body.html", views.part_doc_info(view.title, view.lang), "body",
                introduction="", texts=[view]), self.base))
        return jobs

    def _back_job(self) -> PartJob:
        lang = self.edition.meta.languages[0] if self.edition.meta.languages else "en"
        return self._job(BACK, self._html("back.html", views.part_doc_info("Indexes", lang),
                                        "back", indexes=self.indexes), self.base)

    def _front_job(self) -> PartJob:
        witnesses = [(view.title, view.witnesses) for view in self.texts.values()
                     if view.witnesses]
        return self._job(FRONT, self._html("front.html", views.edition_doc_info(self.edition),
                                         "front", toc=self.toc, witnesses=witnesses),
                         self.base, folios=True,
                       attachments=tuple(pdfa.edition_files(self.edition)))

    def _offprint_job(self, text: Text) -> PartJob:
        span = self.text_pages(text)
        label = f"{span.start + 1}–{span.stop}" if len(span) > 1 else str(span.start + 1)
        return self._job(f"offprint-{text.id}", self._html(
            "offprint.html", views.text_doc_info(self.edition, text), "front",
            text=self.texts[text.id], pages=label), self.base,
            attachments=tuple(pdfa.text_files(self.edition, text)))

    def _sheet_jobs(self, start: int, stop: int) -> list[PartJob]:
        """Folio sheets for arabic pages ``start`` to ``stop`` that no earlier call made."""
        first = (start + FOLIO_CHUNK - 1) // FOLIO_CHUNK
        return [PartJob(f"folios-{k}", self._html(
            "folios.html", views.part_doc_info("Folios", "en"), "folios",
            counter_start=k * FOLIO_CHUNK + 1, count=FOLIO_CHUNK), self.base, folios=True)
            for k in range(first, (stop + FOLIO_CHUNK - 1) // FOLIO_CHUNK)]

    # ------------------------------------------------------------ the page map
    @property
    def pages(self) -> int:
        """Arabic pages: the body and the indexes, with the blank pages between parts."""
        return max((p.pages.stop for p in self.placed.values()), default=0)

    @property
    def front_pages(self) -> int:
        """Pages before folio 1 (the front matter, made even by a blank page)."""
        return self.front.pages + self.front.pages % 2

    def _anchors(self) -> dict[str, int]:
        """Anchor → 0-based arabic page, for every placed part (the first part wins)."""
        anchors: dict[str, int] = {}
        for placed in self.placed.values():
            for name, page in placed.part.anchors.items():
                anchors.setdefault(name, placed.first + page)
        return anchors

    @property
    def anchors(self) -> dict[str, int]:
        return self._anchors()

    def folios(self) -> dict[str, str]:
        """Anchor → folio as printed, for the body and the indexes."""
        return {name: str(page + 1) for name, page in self._anchors().items()}

    def index_items(self) -> list[views.TocItem]:
        folios = self.folios()
        return [views.TocItem(1, index.TITLES[kind], f"index-{kind.value}",
                              folios[f"index-{kind.value}"])
                for kind in index.INDEXED_KINDS if f"index-{kind.value}" in folios]

    def text_pages(self, text: Text) -> range:
        """0-based arabic pages of ``text`` (folios ``start + 1`` …)."""
        return self.placed[f"text-{text.id}"].pages

    # ------------------------------------------------------------ output
    def _slots(self, names: list[str]) -> list[Slot]:
        """The pages of the parts ``names``, with the blank pages the page map leaves
        between them."""
        slots: list[Slot] = []
        at = self.placed[names[0]].first if names else 0
        for name in names:
            placed = self.placed[name]
            slots.extend(Slot(None) for _ in range(at, placed.first))
            slots.extend(Slot(name, i, placed.first + i + 1) for i in range(placed.part.pages))
            at = placed.pages.stop
        return slots

    def _write(self, first: LaidOutPart, names: list[str], target: Path, first_folio: int,
               files: FileStore | None) -> list[str]:
        slots = ([Slot(None)] if first.pages % 2 else []) + self._slots(names)
        key = _file_key(first, slots, self.placed, self.sheets, first_folio)
        if files is not None and files.take_file(key, target):
            return []
        sheets = FolioSheet({k: s for k, s in self.sheets.items()})
        problems = assemble.assemble(first, slots, {n: self.placed[n].part for n in names},
                                     sheets, target, front_pages=first.pages + first.pages % 2,
                                     first_folio=first_folio, tagged=self.tagged)
        if files is not None:
            files.keep_file(key, target)
        return problems

    def write_whole(self, target: Path, files: FileStore | None = None) -> list[str]:
        return self._write(self.front, list(self.placed), target, 1, files)

    def write_offprint(self, text: Text, target: Path, files: FileStore | None = None
                       ) -> list[str]:
        name = f"text-{text.id}"
        return self._write(self.offprint_fronts[text.id], [name], target,
                           self.placed[name].first + 1, files)

    def warnings(self) -> list[str]:
        parts = [self.front, *(p.part for p in self.placed.values()),
                 *self.offprint_fronts.values()]
        return list(dict.fromkeys(w for part in parts for w in part.warnings))


def _file_key(first: LaidOutPart, slots: list[Slot], placed: dict[str, Placed],
              sheets: dict[int, LaidOutPart], first_folio: int) -> str:
    """What an assembled PDF is made of: its parts' and folio sheets' digests, in order."""
    h = hashlib.sha256(f"{first.digest}\0{first_folio}\0".encode())
    for slot in slots:
        part = placed[slot.part].part.digest if slot.part else "blank"
        h.update(f"{part}\0{slot.page}\0{slot.folio}\0".encode())
    for number in sorted(sheets):
        h.update(f"{number}\0{sheets[number].digest}\0".encode())
    return h.hexdigest()


MIN_TRIM_MM = (100.0, 140.0)
"""The smallest page the book's margins leave a usable text block on (width, height)."""


def _trim(edition: Edition) -> dict[str, str]:
    width, height = edition.config.trim_width_mm, edition.config.trim_height_mm
    if width < MIN_TRIM_MM[0] or height < MIN_TRIM_MM[1]:
        raise EditionError(
            f"trim size {width:g} × {height:g} mm is too small for the book's margins; "
            f"give at least {MIN_TRIM_MM[0]:g} × {MIN_TRIM_MM[1]:g} mm in [pdf] of "
            "edition.toml", path=edition.source / "edition.toml", rule="pdf-trim")
    return {"width": f"{width:g}", "height": f"{height:g}"}


def render_book(edition: Edition, out_dir: Path, *, executor: Executor | None = None,
                jobs: int | None = None, store: PartStore | None = None,
                files: FileStore | None = None, variant: str = "a"
                ) -> tuple[Book, list[Problem]]:
    """Lay out the book and write ``<edition id>.pdf`` and ``<text id>.pdf`` for every
    text into ``out_dir``; return the laid-out book and WeasyPrint's warnings.
    ``variant`` is one of `PDF_VARIANTS`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{edition.meta.id}.pdf"
    with captured_warnings() as log:
        book = Book(edition, executor, jobs, store, variant)
        _warn(log, book.warnings())
        _warn(log, book.write_whole(target, files))
        for text in edition.texts:
            if text.id == edition.meta.id:
                log.warning(f"the edition id {text.id!r} is also a text id: the whole edition "
                            f"is written to {target.name} and the text gets no offprint; "
                            "declare idno type=\"edition-id\" in the edition header")
                continue
            _warn(log, book.write_offprint(text, out_dir / f"{text.id}.pdf", files))
    return book, log.problems(target)


def _warn(log: LayoutLog, messages: list[str]) -> None:
    for message in messages:
        log.warning(message)


def render_pdfs(edition: Edition, out_dir: Path, **options: object) -> list[Problem]:
    """Write the edition's PDFs into ``out_dir``; return WeasyPrint's warnings."""
    return render_book(edition, out_dir, **options)[1]  # type: ignore[arg-type]

