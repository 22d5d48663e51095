"""Which kind of text an input is, when ``--kind auto`` leaves it to the importer.

In order: a **letter** when its opening lines hold a salutation (or a dateline and an
address), its first line is a dateline and fewer than three blocks open with a date, or
its last lines hold a closing formula and a signature; a **diary** when at least
three blocks, and a fifth of them, open with a date, or two blocks and a third of them
(a short diary of two entries); a **book** when it has a table of
contents, more than one top-level heading, or more than 20,000 words; otherwise an
**article**. The reason is given with the choice, for the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from edition.importer.diary import entry_date
from edition.importer.document import Block
from edition.importer.letter import recognise_letter

KINDS = ("book", "article", "letter", "diary")
BOOK_WORDS = 20_000


@dataclass(frozen=True)
class Choice:
    kind: str
    why: str


def choose_kind(blocks: list[Block], lang: str, year: int | None) -> Choice:
    letter = recognise_letter(blocks, lang, year)
    text_blocks = [b for b in blocks if b.kind in ("p", "head")]
    dated = _dated(text_blocks, lang, year)
    opener = letter.salute is not None or (letter.dateline is not None and letter.address)
    closer = letter.signed is not None and bool(letter.closing)
    first_line = letter.dateline is not None and not letter.dateline_at_end and \
        len(dated) < 3 and bool(text_blocks) and \
        letter.dateline.block.line == text_blocks[0].line
    if opener or closer or first_line:
        parts = [f"salutation {letter.salute.flat!r}" if letter.salute else None,
                 f"dateline {letter.dateline.block.flat!r}" if letter.dateline else None,
                 f"closing {letter.closing[0].flat!r}" if letter.closing else None,
                 f"signature {letter.signed.flat!r}" if letter.signed else None]
        return Choice("letter", "letter: " + ", ".join(p for p in parts if p))
    if (len(dated) >= 3 and len(dated) * 5 >= len(text_blocks)) or \
            (len(dated) == 2 and len(dated) * 3 >= len(text_blocks)):
        return Choice("diary", f"diary: {len(dated)} of {len(text_blocks)} blocks open with a "
                      f"date (first: {dated[0].flat[:40]!r}, line {dated[0].line})")
    words = sum(len(b.text.split()) for b in blocks)
    top = [b for b in blocks if b.kind == "head" and b.level == 1]
    contents = any(b.flat.casefold() in ("contents", "table of contents", "inhalt",
                                         "inhaltsverzeichnis", "table des matières", "indice")
                   for b in blocks)
    if contents or len(top) > 1 or words > BOOK_WORDS:
        why = ("a table of contents" if contents else f"{len(top)} top-level headings"
               if len(top) > 1 else f"{words:,} words")
        return Choice("book", f"book: {why}")
    return Choice("article", f"article: {words:,} words, no salutation or signature, no "
                  "dated entries, at most one top-level heading")


def _dated(blocks: list[Block], lang: str, year: int | None) -> list[Block]:
    """The blocks that open with a date; a day and month alone take the year of the
    entry before."""
    dated = []
    for block in blocks:
        found = entry_date(block, lang, year)
        if found:
            dated.append(block)
            year = int(found[0].when[:4])
    return dated
