"""Write a recognised letter, diary or structured document as a TEI draft.

Canonical references follow docs/encoding.md: a letter's or an undivided text's
paragraphs are ``ID.1``, ``ID.2`` ...; a diary entry or a chapter is ``ID.k`` and its
paragraphs ``ID.k.n``; a section ``ID.k.s`` and its paragraphs ``ID.k.s.n``. Page breaks
stand where the input shows them, and a paragraph that a page break interrupts (it ends
without terminal punctuation, or the next block starts in lower case) is one paragraph
with the ``pb`` inside it. Nothing else is joined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from edition.importer.diary import Diary
from edition.importer.document import Block
from edition.importer.joins import IN_WORD, continues
from edition.importer.language import foreign_sentences
from edition.importer.letter import Letter


@dataclass
class Written:
    """The ``text`` element's XML, and what writing it found (for the report)."""

    xml: str
    foreign: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: int = 0
    divisions: int = 0


class Composer:
    def __init__(self, text_id: str, lang: str, mark_foreign: bool = True) -> None:
        self.text_id = text_id
        self.lang = lang
        self.mark_foreign = mark_foreign
        self.written = Written("")
        self.sectioned = False
        """Whether chapters have sections: then a chapter's own paragraphs are ``k.0.n``."""

    # ------------------------------------------------------------------ kinds

    def letter(self, letter: Letter) -> Written:
        parts = [self._opener(letter)]
        body, count = self._paragraphs(letter.body, [], 1)
        parts.append(body)
        parts.append(self._closer(letter))
        for postscript in letter.postscripts:
            parts.append(self._postscript(postscript, count + 1))
            count += sum(1 for b in postscript if b.kind == "p")
        return self._done("".join(parts))

    def diary(self, diary: Diary) -> Written:
        parts = []
        if diary.before and diary.before[0].kind == "head":  # the diary's own heading
            parts.append(f"<head>{diary.before[0].markup}</head>")
            diary.before = diary.before[1:]
        if diary.before:
            parts.append(self._division("preamble", "0", None, diary.before, ["0"]))
        for number, entry in enumerate(diary.entries, start=1):
            date = _date(escape(entry.heading), entry.date.when, entry.date.cert)
            parts.append(self._division("entry", str(number), date, entry.blocks,
                                        [str(number)]))
        return self._done("".join(parts))

    def structured(self, blocks: list[Block]) -> Written:
        """A book or an article: headings make nested divisions (level 1 chapters)."""
        front, blocks = _title(blocks)
        if not any(b.kind == "head" for b in blocks):
            body, _ = self._paragraphs(blocks, [], 1)
            return self._done(body, front)
        parts = []
        index = next(i for i, b in enumerate(blocks) if b.kind == "head")
        if index:
            parts.append(self._division("preamble", "0", None, blocks[:index], ["0"]))
        levels = {b.level for b in blocks if b.kind == "head"}
        self.sectioned = len(levels) > 1
        parts.append(self._headed(blocks[index:], [], min(levels)))
        return self._done("".join(parts), front)

    # ------------------------------------------------------------------ parts

    def _headed(self, blocks: list[Block], path: list[str], level: int) -> str:
        out, number = [], 0
        index = 0
        while index < len(blocks):
            head = blocks[index]
            end = index + 1
            while end < len(blocks) and not (blocks[end].kind == "head"
                                             and blocks[end].level <= head.level):
                end += 1
            number += 1
            inner = blocks[index + 1:end]
            kind = "chapter" if not path else "section"
            first_sub = next((i for i, b in enumerate(inner) if b.kind == "head"), None)
            own = inner if first_sub is None else inner[:first_sub]
            here = [*path, str(number)]
            # with subdivisions, the division's own paragraphs are numbered under "0"
            own_path = [*here, "0"] if first_sub is not None or (
                self.sectioned and not path) else here
            xml = self._division(kind, str(number), head.markup, own, here, close=False,
                                 paragraphs_path=own_path)
            if first_sub is not None:
                xml += self._headed(inner[first_sub:], here, level + 1)
            out.append(xml + "</div>")
            index = end
        return "".join(out)

    def _division(self, kind: str, n: str, head: str | None, blocks: list[Block],
                  path: list[str], close: bool = True,
                  paragraphs_path: list[str] | None = None) -> str:
        self.written.divisions += 1
        ident = ".".join([self.text_id, *path])
        head_xml = f"<head>{head}</head>" if head else ""
        body, _ = self._paragraphs(blocks, paragraphs_path or path, 1)
        return (f'<div type="{kind}" n="{n}" xml:id={quoteattr(ident)}>{head_xml}{body}'
                + ("</div>" if close else ""))

    def _paragraphs(self, blocks: list[Block], path: list[str], start: int
                    ) -> tuple[str, int]:
        """Paragraphs, tables, lists and page breaks; returns (xml, paragraphs written)."""
        out: list[str] = []
        number = start - 1
        for block in join_pages(blocks):
            if block.kind == "pb":
                out.append(_pb(block))
            elif block.kind in ("table", "list"):
                out.append(block.markup)
            else:
                number += 1
                ident = ".".join([self.text_id, *path, str(number)])
                rend = f" rend={quoteattr(block.rend)}" if block.rend else ""
                out.append(f'<p n="{number}" xml:id={quoteattr(ident)}{rend}>'
                           f"{self._inline(block)}</p>")
        self.written.paragraphs += number - start + 1
        return "".join(out), number - start + 1

    def _inline(self, block: Block) -> str:
        """The block's markup, whole sentences in another language marked ``foreign``."""
        markup = block.markup
        if not self.mark_foreign:
            return markup
        for sentence, tag in foreign_sentences(block.text.replace("\n", " "), self.lang):
            escaped = escape(sentence)
            if markup.count(escaped) == 1:
                markup = markup.replace(escaped, f'<foreign xml:lang="{tag}">{escaped}</foreign>')
                self.written.foreign.append((sentence, tag))
        return markup

    def _opener(self, letter: Letter) -> str:
        inner = [f'<seg type="letterhead">{b.markup}</seg>' for b in letter.letterhead]
        if letter.address and not letter.address_at_end:
            inner.append(_address(letter.address))
        if letter.dateline and not letter.dateline_at_end:
            inner.append(_dateline(letter))
        if letter.salute:
            inner.append(f"<salute>{letter.salute.markup}</salute>")
        return f"<opener>{''.join(inner)}</opener>" if inner else ""

    def _closer(self, letter: Letter) -> str:
        inner = []
        if letter.closing:
            inner.append("<salute>" + "<lb/>".join(b.markup for b in letter.closing)
                         + "</salute>")
        ending = [f"<signed>{letter.signed.markup}</signed>"] if letter.signed else []
        if letter.dateline and letter.dateline_at_end:
            # in the order written: the dateline above the signature, or below it
            dateline = [_dateline(letter)]
            ending = dateline + ending if letter.dateline_above_signature else ending + dateline
        inner.extend(ending)
        if letter.address and letter.address_at_end:
            inner.append(_address(letter.address))
        return f"<closer>{''.join(inner)}</closer>" if inner else ""

    def _postscript(self, blocks: list[Block], start: int) -> str:
        from edition.importer.letter import POSTSCRIPT

        first = blocks[0]
        label = POSTSCRIPT.match(first.flat).group("label").strip()
        rest = first.markup
        escaped = escape(label)
        position = rest.find(escaped)
        rest = rest[position + len(escaped):].lstrip(" :") if position >= 0 else rest
        text = first.text[len(label):].lstrip(" :") if first.text.startswith(label) else \
            first.text
        blocks = [Block("p", text, rest, first.line, rend=first.rend), *blocks[1:]]
        body, _ = self._paragraphs([b for b in blocks if b.text.strip() or b.kind != "p"],
                                   [], start)
        return f"<postscript><label>{escaped}</label>{body}</postscript>"

    def _done(self, body: str, front: str = "") -> Written:
        front_xml = f"<front>{front}</front>" if front else ""
        self.written.xml = f"<text>{front_xml}<body>{body or '<p/>'}</body></text>"
        return self.written


def join_pages(blocks: list[Block]) -> list[Block]:
    """Blocks with every paragraph that page breaks interrupt made one again: the next
    paragraph continues it when it ends without terminal punctuation or the next starts
    in lower case; the ``pb`` stands at the join (``break="no"`` inside a hyphenated
    word)."""
    out: list[Block] = []
    pending: list[Block] = []
    for block in blocks:
        if block.kind == "pb":
            pending.append(block)
            continue
        previous = out[-1] if out else None
        if pending and previous is not None and previous.kind == "p" and \
                block.kind in ("p", "head") and continues(previous.text, block.text):
            in_word = bool(IN_WORD.search(previous.text)) and block.text[:1].islower()
            breaks = "".join(_pb(b, in_word) for b in pending)
            out[-1] = Block("p", f"{previous.text} {block.text}",
                            previous.markup + breaks + ("" if in_word else " ") + block.markup,
                            previous.line, rend=previous.rend)
        else:
            out.extend(pending)
            out.append(block)
        pending = []
    return out + pending


def _title(blocks: list[Block]) -> tuple[str, list[Block]]:
    """A title (a ``Title`` style, or a level-0 heading) at the start becomes a title page."""
    if blocks and blocks[0].kind == "head" and blocks[0].level == 0:
        title = blocks[0].markup
        return (f'<titlePage><docTitle><titlePart type="main">{title}</titlePart></docTitle>'
                "</titlePage>"), blocks[1:]
    return "", blocks


def _pb(block: Block, in_word: bool = False) -> str:
    number = f' n="{escape(block.n)}"' if block.n else ""
    joined = ' break="no"' if in_word else ""
    return f"<pb{number}{joined}/>"


def _date(markup: str, when: str, cert: str | None) -> str:
    certainty = f' cert="{cert}"' if cert else ""
    return f'<date when="{when}"{certainty}>{markup}</date>'


def _dateline(letter: Letter) -> str:
    dateline = letter.dateline
    line = dateline.block
    spoken = escape(dateline.date.text_in(line.flat))
    markup = line.markup
    if markup.count(spoken) == 1:  # else the date stays in the header's correspDesc only
        markup = markup.replace(spoken, _date(spoken, dateline.date.when, dateline.date.cert))
    above = "".join(f"{b.markup}<lb/>" for b in dateline.above)
    return f"<dateline>{above}{markup}</dateline>"


def _address(lines: list[Block]) -> str:
    return "<address>" + "".join(f"<addrLine>{b.markup}</addrLine>" for b in lines) + \
        "</address>"
