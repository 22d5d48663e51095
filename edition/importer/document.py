"""A transcription as a sequence of blocks, whatever file it came from.

Every reader (plain text, Markdown, DOCX, ODT) gives the same thing: paragraphs,
headings, tables, lists and page breaks in reading order, each with its TEI mixed content
already made (``markup``) and its plain text for recognition (``text``, notes left out).
What a reader met but could not represent in TEI is listed in ``Document.lost`` so that
the report can name it: nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """One unit of the transcription in reading order.

    ``kind`` is ``p`` (a paragraph or a line of its own), ``head`` (a heading of
    ``level``), ``table`` or ``list`` (``markup`` is the whole TEI element), or ``pb`` (a
    page break; ``n`` is its number when the input gives one). ``rend`` keeps a source
    style that has no TEI equivalent. ``line`` locates the block in its input (a line of a
    text file, a paragraph of a word-processor file).
    """

    kind: str
    text: str = ""
    markup: str = ""
    line: int = 0
    level: int = 0
    rend: str | None = None
    n: str | None = None
    parts: list[str] | None = None
    """The markup of each line of ``text``, when the reader knows it (plain text)."""

    @property
    def flat(self) -> str:
        return " ".join(self.text.split())

    def lines(self) -> list[Block]:
        """The block's lines as blocks of their own (a closing formula and a signature
        typed in one paragraph, with a line break between them)."""
        texts = [t for t in self.text.split("\n") if t.strip()]
        parts = self.parts or self.markup.split("<lb/>")
        parts = [p for p in parts if p.strip()]
        if self.kind != "p" or len(texts) < 2 or len(parts) != len(texts) or \
                not all(_well_formed(p) for p in parts):  # a break inside a hi stays
            return [self]
        return [Block("p", t.strip(), m.strip(), self.line + i, rend=self.rend)
                for i, (t, m) in enumerate(zip(texts, parts, strict=True))]


@dataclass
class Lost:
    """Something in the input that the TEI draft does not represent."""

    what: str
    where: str

    def __str__(self) -> str:
        return f"{self.what} ({self.where})"


@dataclass
class Document:
    """The blocks of one input, and what its reader could not represent."""

    source_name: str
    blocks: list[Block]
    lost: list[Lost] = field(default_factory=list)
    fmt: str = "txt"
    comment_authors: list[str] = field(default_factory=list)

    @property
    def shows_pages(self) -> bool:
        """Whether the input marks where its source's pages turn."""
        return any(b.kind == "pb" for b in self.blocks)

    def counts(self) -> dict[str, int]:
        """How many notes of each kind the blocks hold (for the report)."""
        found = {"footnotes": 0, "endnotes": 0, "comments": 0}
        for block in self.blocks:
            found["footnotes"] += block.markup.count('<note place="foot"')
            found["endnotes"] += block.markup.count('<note place="end"')
            found["comments"] += block.markup.count('<note type="comment"')
        return found


def _well_formed(markup: str) -> bool:
    from lxml import etree

    try:
        etree.fromstring(f"<x>{markup}</x>")
    except etree.XMLSyntaxError:
        return False
    return True
