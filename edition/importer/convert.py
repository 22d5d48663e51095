"""`edition import` end to end: inputs in, TEI drafts and a report out.

One input file or a folder of them; each file gives one text, or, with ``split_on=
"heading"``, one text per top-level heading. Every text is converted before anything is
written, so a bad input leaves nothing behind. Plain-text books and articles go through
the plain-text recogniser (`edition.importer.import_text`: title pages, contents, page
joins); letters, diaries and word-processor files through the block pipeline here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.importer import TEXT_ID, import_text, read_transcription
from edition.importer.compose import Composer, Written
from edition.importer.datelines import year_in
from edition.importer.diary import Diary, recognise_diary
from edition.importer.document import Block, Document
from edition.importer.draft_header import HeaderFacts, Party, build_draft_header
from edition.importer.kinds import KINDS, Choice, choose_kind
from edition.importer.language import Detected, detect, given
from edition.importer.layout import indent
from edition.importer.letter import Letter, recognise_letter
from edition.importer.speakers import Speakers
from edition.paths import TEI_NS, XML_ID, XML_LANG, T
from edition.problems import EditionError, display_path

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".odt")
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass
class Options:
    kind: str = "auto"
    lang: str | None = None
    id_pattern: str = "{stem}"
    split_on: str | None = None
    registers: Path | None = None


@dataclass
class Imported:
    """One TEI draft, and what the importer recognised and guessed in making it."""

    text_id: str
    xml: str
    source: str
    report: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    kind: str = ""
    letter: Letter | None = None


def import_paths(source: Path, options: Options) -> list[Imported]:
    """The drafts of ``source`` (a file or a folder of files), in order."""
    _check_options(options)
    files = _inputs(source)
    registers = _Registers(options.registers)
    texts: list[Imported] = []
    previous_year: int | None = None
    for path in files:
        for title, document in _texts_of(path, options):
            number = len(texts) + 1
            text_id = _text_id(options.id_pattern, number, path, source)
            if any(t.text_id == text_id for t in texts):
                raise EditionError(f"the id pattern {options.id_pattern!r} gives {text_id!r} "
                                   "twice: use {n} in it (e.g. letter-{n:03})", path=path,
                                   rule="import-id")
            context = year_in(title or "") or year_in(path.stem) or previous_year
            imported = _import_one(document, text_id, title, options, registers, context, path)
            previous_year = _year_of(imported) or previous_year
            texts.append(imported)
    return texts


def _check_options(options: Options) -> None:
    if options.kind not in (*KINDS, "auto"):
        raise EditionError(f"unknown kind {options.kind!r}: use book, article, letter, diary "
                           "or auto", rule="import-usage")
    if options.lang is not None and not _BCP47.match(options.lang):
        raise EditionError(f"--lang {options.lang!r} is not a BCP 47 tag (e.g. de, fr, "
                           "de-AT)", rule="import-usage")
    if options.split_on not in (None, "heading"):
        raise EditionError(f"--split-on {options.split_on!r}: only 'heading' is known",
                           rule="import-usage")


def _inputs(source: Path) -> list[Path]:
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.is_file()
                       and p.suffix.casefold() in (*SUFFIXES, ".doc"))
        if not files:
            raise EditionError(f"no {', '.join(SUFFIXES)} files in the folder", path=source,
                               rule="import-empty")
        return files
    if not source.exists():
        raise EditionError("cannot read file: No such file or directory", path=source,
                           rule="io")
    return [source]


def read_document(path: Path) -> Document:
    """The blocks of one input file, by its kind."""
    suffix = path.suffix.casefold()
    if suffix == ".doc":
        from edition.importer.archive import refuse_legacy

        refuse_legacy(path)
    if suffix == ".docx":
        from edition.importer.wordml import read_docx

        return read_docx(path)
    if suffix == ".odt":
        from edition.importer.odf import read_odt

        return read_odt(path)
    from edition.importer.archive import refuse_legacy
    from edition.importer.plaintext import read_text

    refuse_legacy(path)
    if suffix not in (".txt", ".md", ".markdown", ""):
        raise EditionError(f"cannot import {suffix} files: give .txt, .md, .docx or .odt",
                           path=path, rule="import-format")
    return read_text(read_transcription(path), path.name, markdown=suffix != ".txt")


def _page_markers(document: Document) -> Document:
    """A paragraph that is only a page marker (``[p. 12]``, ``|12|``) is a page break, in
    a word-processor file as in plain text."""
    from edition.importer.plaintext import PAGE_MARK

    for index, block in enumerate(document.blocks):
        mark = PAGE_MARK.fullmatch(block.flat) if block.kind == "p" else None
        if mark:
            document.blocks[index] = Block("pb", line=block.line,
                                           n=mark.group("a") or mark.group("b"))
    return document


def _texts_of(path: Path, options: Options) -> list[tuple[str | None, Document]]:
    document = _page_markers(read_document(path))
    if options.split_on != "heading":
        return [(None, document)]
    heads = [b for b in document.blocks if b.kind == "head"]
    if not heads:
        raise EditionError("--split-on heading: the input has no headings (Markdown '# ', "
                           "or a heading style)", path=path, rule="import-split")
    level = min(b.level for b in heads)
    parts: list[tuple[str | None, list[Block]]] = []
    for block in document.blocks:
        if block.kind == "head" and block.level == level:
            parts.append((block.flat, []))
        elif parts:
            parts[-1][1].append(block)
        elif block.kind != "pb":
            parts.append((None, [block]))
    return [(title, Document(document.source_name, blocks, document.lost if i == 0 else [],
                             document.fmt, document.comment_authors))
            for i, (title, blocks) in enumerate(parts) if blocks]


def _text_id(pattern: str, number: int, path: Path, source: Path) -> str:
    stem = re.sub(r"[^\w-]+", "-", path.stem).strip("-") or "text"
    if not re.match(r"[A-Za-z_]", stem):
        stem = f"t{stem}"
    try:
        text_id = pattern.format(n=number, stem=stem)
    except (KeyError, IndexError, ValueError) as error:
        raise EditionError(f"--id {pattern!r} is not a pattern of {{n}} and {{stem}}: {error}",
                           rule="import-id") from None
    if not TEXT_ID.match(text_id):
        raise EditionError(f"text id {text_id!r} is not a valid XML name (use letters, "
                           "digits, hyphens, e.g. kis1957)", rule="import-id")
    return text_id


def _year_of(imported: Imported) -> int | None:
    letter = imported.letter
    if letter and letter.dateline:
        return int(letter.dateline.date.when[:4])
    return None


# ------------------------------------------------------------------ one text


def _import_one(document: Document, text_id: str, title: str | None, options: Options,
                registers: _Registers, year: int | None, path: Path) -> Imported:
    if not any(b.text.strip() for b in document.blocks):
        raise EditionError("no text in the input", path=path, line=1, column=1,
                           rule="import-empty")
    all_text = "\n".join(b.text for b in document.blocks)
    language = given(options.lang) if options.lang else (detect(all_text) or Detected(
        "en", "English", None, "too little text to detect: English assumed (give --lang)"))
    lang = language.tag
    if options.kind == "auto":
        choice = choose_kind(document.blocks, lang, year)
    else:
        choice = Choice(options.kind, f"{options.kind}: given with --kind")
    report = [f"kind: {choice.why}" + (" (chosen by --kind auto)" if options.kind == "auto"
                                       else ""),
              f"language: {language.tag} ({language.name}), {language.how}"]
    lost = [str(item) for item in document.lost]
    if choice.kind in ("book", "article") and document.fmt == "txt" and title is None \
            and options.split_on is None:  # the whole file is one printed text
        xml = import_text(read_transcription(path), text_id, document.source_name,
                          Speakers.from_registers(options.registers),
                          (language.tag, language.name))
        report.append("structure: read by the plain-text recogniser (title pages, contents, "
                      "headings, page joins where the transcription shows pages)")
        return Imported(text_id, xml, document.source_name, report, lost, choice.kind)
    return _compose(document, text_id, title, choice, language, registers, year, report, lost)


def _compose(document: Document, text_id: str, title: str | None, choice: Choice,
             language: Detected, registers: _Registers, year: int | None,
             report: list[str], lost: list[str]) -> Imported:
    composer = Composer(text_id, language.tag)
    facts = HeaderFacts(text_id, title or document.source_name, document.source_name,
                        choice.kind, choice.why.split(": ", 1)[-1], language,
                        lost=document.lost, commenters=document.comment_authors,
                        shows_pages=document.shows_pages)
    letter = None
    if choice.kind == "letter":
        letter = recognise_letter(document.blocks, language.tag, year)
        written = composer.letter(letter)
        _letter_facts(letter, facts, registers, title)
        report.extend(letter.findings or ["letter: no opener or closer recognised"])
    elif choice.kind == "diary":
        diary = recognise_diary(document.blocks, language.tag, year)
        written = composer.diary(diary)
        _diary_facts(diary, facts, report, title)
        facts.cite = "entries"
    else:
        written = composer.structured(document.blocks)
        if written.divisions:
            facts.cite = "sections" if composer.sectioned else "chapters"
        head = next((b.flat for b in document.blocks if b.kind == "head"), None)
        facts.title = title or head or document.source_name
    facts.foreign = [tag for _, tag in written.foreign]
    _report_written(written, document, report)
    xml = _document(text_id, language.tag, build_draft_header(facts), written)
    return Imported(text_id, xml, document.source_name, report, lost, choice.kind, letter)


def _letter_facts(letter: Letter, facts: HeaderFacts, registers: _Registers,
                  title: str | None) -> None:
    if letter.dateline:
        facts.date = (letter.dateline.date.when, letter.dateline.date.cert)
        if letter.dateline.place:
            facts.place = Party(letter.dateline.place, registers.place(letter.dateline.place))
    if letter.signed:
        facts.sender = Party(letter.signed.flat, registers.person(letter.signed.flat))
    if letter.recipient:
        facts.recipient = Party(letter.recipient, registers.person(letter.recipient))
    if not title:
        parts = ["Letter"]
        if facts.sender:
            parts.append(f"from {facts.sender.name}")
        if facts.recipient:
            parts.append(f"to {facts.recipient.name}")
        where = ", ".join(x for x in (letter.dateline.place if letter.dateline else None,
                                      letter.dateline.date.when if letter.dateline else None)
                          if x)
        facts.title = " ".join(parts) + (f", {where}" if where else "")
    for role, party in (("sender", facts.sender), ("recipient", facts.recipient),
                        ("place", facts.place)):
        if party is not None:
            letter.findings.append(f"{role} {party.name!r} " + (
                f"linked to register entry #{party.ref}" if party.ref
                else "matches no register entry" if registers.loaded else "(no --registers)"))


def _diary_facts(diary: Diary, facts: HeaderFacts, report: list[str], title: str | None) -> None:
    if diary.entries:
        first, last = diary.entries[0].date.when, diary.entries[-1].date.when
        facts.title = title or f"Diary, {first} to {last}"
        report.append(f"diary: {len(diary.entries)} dated entries, {first} to {last}")
        inferred = [e for e in diary.entries if e.date.cert]
        if inferred:
            report.append(f"guessed: the year of {len(inferred)} entries from the entry before")
    if diary.before:
        report.append(f"{len(diary.before)} blocks before the first dated entry kept as "
                      "paragraphs of their own division")


def _report_written(written: Written, document: Document, report: list[str]) -> None:
    counts = document.counts()
    notes = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    report.append(f"paragraphs: {written.paragraphs}" + (f" in {written.divisions} "
                                                          "divisions" if written.divisions
                                                          else ""))
    if notes:
        report.append(f"notes: {notes}")
    for sentence, tag in written.foreign:
        report.append(f"foreign ({tag}): {sentence[:70]!r}")
    pages = sum(1 for b in document.blocks if b.kind == "pb")
    report.append(f"page breaks: {pages}" if pages else
                  "page breaks: none (the input marks no pages; nothing joined)")


def _document(text_id: str, lang: str, header: etree._Element, written: Written) -> str:
    root = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})
    root.set("type", "text")
    root.set(XML_ID, text_id)
    root.set(XML_LANG, lang)
    root.append(header)
    markup = written.xml.replace("#\ue002", f"#{text_id}.commenter-")
    text = etree.fromstring(f'<wrap xmlns="{TEI_NS}">{markup}</wrap>')[0]
    root.append(text)
    indent(root)
    return etree.tostring(root, encoding="unicode") + "\n"


class _Registers:
    """Persons and places of the registers, looked up by the matching rule of annotate."""

    def __init__(self, folder: Path | None) -> None:
        self.loaded = folder is not None
        self.gazetteer = None
        if folder is not None:
            from edition.annotate.gazetteer import load

            self.gazetteer = load(folder)

    def person(self, name: str) -> str | None:
        return self._lookup(name, "persName")

    def place(self, name: str) -> str | None:
        return self._lookup(name, "placeName")

    def _lookup(self, name: str, tag: str) -> str | None:
        """The one entry of kind ``tag`` whose name is ``name``, or whose name ends in
        ``name``'s last word (a signature by surname, ``FMamroth`` read as F. Mamroth)."""
        if self.gazetteer is None:
            return None
        from edition.annotate.matching import fold

        name = re.sub(r"^(?:Dr|Prof)\.?\s?", "", name.strip(" .,"))  # DrJJoachim
        name = re.sub(r"^(?:[A-Z]\.?\s?)+(?=[A-Z][a-z])", "", name)
        words = name.split()
        for start in range(len(words)):  # "Il Sig. Conte Monaldo Leopardi": its last words
            exact = {t.id for t in self.gazetteer.targets(" ".join(words[start:]))
                     if t.tag == tag}
            if len(exact) == 1:
                return exact.pop()
        last = fold(name.split()[-1]) if name.split() else ""
        ids = {t.id for form, targets in self.gazetteer.forms.items()
               if form.split()[-1:] == [last] for t in targets if t.tag == tag}
        return ids.pop() if len(ids) == 1 and len(last) > 2 else None


def describe(imported: Imported) -> list[str]:
    """The report lines of one draft, each prefixed with its file and text id."""
    prefix = f"{display_path(imported.source)} [{imported.text_id}]"
    lines = [f"{prefix}: {line}" for line in imported.report]
    lines += [f"{prefix}: not represented: {item}" for item in imported.lost]
    return lines
