"""The parts of a letter: opener, body, closer and postscript.

The opener is read line by line from the top while the lines are an address (``An
Herrn ...``, ``A Monsieur ...``, ``To ...``), a dateline (a short line holding a date,
with the place before it) or a salutation; the closer line by line from the bottom,
before any postscript (``P.S.``, ``PS``, ``N.S.``, ``Nachschrift``): a signature (a short
line of names or initials), the closing formula above it, a dateline written at the end,
an address written on the cover. Salutations and closing formulas are recognised from the
words they begin with in German, French, Italian, English, Spanish and Latin
(`SALUTATIONS`, `CLOSINGS`), or guessed from their form (a short line ending in ``!`` or
``,`` before the first paragraph, or before the signature); every guess is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from edition.importer.datelines import DateFound, find_date
from edition.importer.document import Block

SALUTATIONS = re.compile(
    r"^(?:lieber|liebe|liebes|liebster|liebste|theurer|theure|teurer|teure|theuerster|"
    r"verehrter|verehrte|verehrtester|hochverehrter|hochverehrte|hochgeehrter|hochgeehrte|"
    r"geehrter|geehrte|sehr geehrte[r]?|werther|werthester|bester|beste|gnädige|"
    r"hochgeschätzter|hochwohlgebor\w*|hochgebor\w*|wohlgebor\w*|mein|meine|"
    r"cher|chère|chere|très cher|monsieur|madame|mademoiselle|"
    r"mon|ma|caro|cara|carissimo|carissima|mio|mia|gentilissimo|gentilissima|"
    r"pregiatissimo|pregiatissima|illustrissimo|egregio|stimatissimo|amatissimo|signore|"
    r"signor|dear|dearest|my|sir|madam|gentlemen|honoured|honored|querido|querida|"
    r"estimado|muy|amice|carissime)\b", re.I)
CLOSINGS = re.compile(
    r"^(?:ihr|ihre|dein|deine|euer|eure|ergeben\w*|mit (?:herzlich|best|freundlich|"
    r"vorzüglich)\w* \w+|herzlich\w*|in treue|treulich\w*|stets|ganz (?:der|die) ihr\w*|"
    r"hochachtungsvoll|lebe (?:\w+ ){0,2}wohl|leben sie (?:\w+ ){0,2}wohl|lebewohl|"
    r"adieu|addio|votre|vôtre|ton|"
    r"tout à (?:vous|toi)|à (?:vous|toi)|je vous embrasse|je t'embrasse|agréez|veuillez|"
    r"recevez|mille|bien à vous|croyez|tuo|tua|il tuo|la tua|vostro|vostra|il vostro|"
    r"il suo|la sua|suo|sua|"
    r"aff\.?\w*|affezionatissim\w|devotissim\w|dev\.?mo|obbligatissim\w|servo|vi abbraccio|"
    r"ti abbraccio|saluti|credetemi|yours|your|ever|believe me|sincerely|faithfully|"
    r"truly|affectionately|with (?:love|best)|love|i remain|farewell|vale|tuus|tu[ao]s|"
    r"gehorsam\w*|unterthänig\w*|untertänig\w*|respectfully|respectueusement|"
    r"i am\b|i have the hono(?:u)?r|je suis|j'ai l'honneur|ich bin|ich verbleibe|verbleibe|"
    r"in (?:aller )?eile|in haste|en hâte|in fretta|(?:viele|beste|liebe|herzliche|"
    r"freundliche|tausend) grü(?:ß|ss)e|"
    r"your (?:obedient|humble|most)|humble|obedient)\b",
    re.I)
# A formula that begins otherwise (``Mit der vollkommensten Hochachtung verharre ich``,
# ``Agréez, Monsieur, l'assurance de mes sentiments``) is known by the regard it offers;
# looked for only in the last short lines of a letter.
REGARDS = re.compile(
    r"\b(?:hochachtung|achtung|verehrung|ergebenheit|freundschaft|empfehlung\w*|respect\w*|sentiments|dévouement|devouement|considération|"
    r"consideration|amitiés|ossequi\w*|stima|rispett\w*|saluti|regards|esteem|"
    r"obedient servant|humble servant|your servant|servitore|diener|serviteur)\b", re.I)
POSTSCRIPT = re.compile(r"^(?P<label>P\.\s?P\.\s?S\.|P\.\s?S\.|PS\b:?|PPS\b:?|N\.\s?S\.|"
                        r"N\.\s?B\.|Post-?scriptum\b:?|Nachschrift\b:?)\s*", re.I)
ADDRESS = re.compile(r"^(?:an|à|al|alla|allo|to|pour|herrn|frau|fräulein|fraulein|"
                     r"monsieur|madame|mademoiselle|signor|signora|mr\.?|mrs\.?|miss)\s+\S",
                     re.I)
_FUNCTION_END = re.compile(r"[\s,]+(?:den|d\.|am|le|ce|il|li|lì|the|el|a|am|im)\s*$", re.I)
# A line that only carries a closing formula on (``Sir,``, ``and most humble Servant``).
_LINKING = re.compile(r"^(?:and|und|et|e|&|y)\b", re.I)
MAX_CLOSING_LINES = 6
WEEKDAYS = {
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend",
    "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lunedi", "martedi",
    "mercoledi", "giovedi", "venerdi"}
MAX_SHORT = 12
# A writer speaking of himself to the reader, as the line above a signature does
# (``dein treuer Bruder``, ``votre ami``, ``yours``).
POSSESSIVE = re.compile(r"\b(?:dein|deine|ihr|ihre|euer|eure|votre|vôtre|ton|ta|tuo|tua|"
                        r"vostro|vostra|yours|your)\b", re.I)
# The addressee written below the signature (``John Forster Esq.``).
ADDRESSEE_AT_END = re.compile(r"\b(?:esq|esqre|esquire)\.?\s*$", re.I)
# Lower-case words that belong to a name in a signature.
_PARTICLES = {"von", "van", "de", "di", "da", "du", "le", "la", "der", "den", "zu", "y", "d'",
              "dei", "degli", "del", "della", "v.", "v", "vom", "zur", "d.", "dos", "das",
              "af", "av", "ten", "ter"}
# Words of an address that are titles, not names.
HONORIFICS = {
    "herrn", "herr", "frau", "fräulein", "hochwohlgeboren", "wohlgeboren", "dr", "doctor",
    "doktor", "professor", "monsieur", "madame", "mademoiselle", "m", "mme", "mlle", "signor",
    "signore", "signora", "sig", "sigr", "nobil", "nobile", "uomo", "donna", "conte",
    "contessa", "il", "la", "illustrissimo", "ill", "mr", "mrs", "miss", "sir", "lady", "lord",
    "the", "hon", "honourable", "esq", "von", "de", "di"}


@dataclass
class Dateline:
    block: Block
    date: DateFound
    place: str | None
    above: list[Block] = field(default_factory=list)
    """A line above the date that names the place (``Wien I Fr. J. Quai 31``)."""


@dataclass
class Letter:
    """A letter's parts; ``findings`` says what was recognised or guessed, and why."""

    letterhead: list[Block] = field(default_factory=list)
    address: list[Block] = field(default_factory=list)
    address_at_end: bool = False
    dateline: Dateline | None = None
    dateline_at_end: bool = False
    dateline_above_signature: bool = False
    """A dateline at the end written between the closing formula and the signature."""
    salute: Block | None = None
    body: list[Block] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)
    signed: Block | None = None
    postscripts: list[list[Block]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    @property
    def recipient(self) -> str | None:
        """The first address line that holds a name (not only ``Al Nobil Uomo``)."""
        for line in self.address:
            text = re.sub(r"^(?:an|à|a|al|alla|allo|to|pour)\s+", "", line.flat, flags=re.I)
            if any(w[:1].isupper() and w.strip(".,").casefold() not in HONORIFICS
                   for w in text.split()):
                return text.strip(" ,")
        return None


def recognise_letter(blocks: list[Block], lang: str, context_year: int | None) -> Letter:
    letter = Letter()
    blocks, letter.postscripts = _split_postscripts(blocks)
    head = _opener(_leading_lines(blocks), letter, lang, context_year)
    tail = _closer(head, letter, lang, context_year)
    letter.body = tail
    _note_left_lines(letter)
    if letter.postscripts:
        letter.findings.append(f"postscript: {len(letter.postscripts)} "
                               f"(from line {letter.postscripts[0][0].line})")
    return letter


def _note_left_lines(letter: Letter) -> None:
    """Short lines at the edges of the body that were read as nothing else are reported:
    they may be an opener or closer part the rules did not know."""
    paragraphs = [b for b in letter.body if b.kind == "p"]
    edges = {id(b): b for b in (paragraphs[:1] + paragraphs[-1:])}.values()
    for block in edges:
        text = block.flat
        if len(text.split()) <= 8 and not text.endswith((".", "?", ";")):
            letter.findings.append(f"left as a paragraph: {text!r} (line {block.line}), "
                                   "read as no part of the opener or closer")


# ------------------------------------------------------------------ postscripts


def _split_postscripts(blocks: list[Block]) -> tuple[list[Block], list[list[Block]]]:
    start = next((i for i, b in enumerate(blocks) if i > 0 and b.kind == "p"
                  and POSTSCRIPT.match(b.flat)), None)
    if start is None:
        return blocks, []
    postscripts: list[list[Block]] = []
    for block in blocks[start:]:
        if block.kind == "p" and POSTSCRIPT.match(block.flat) or not postscripts:
            postscripts.append([block])
        else:
            postscripts[-1].append(block)
    return blocks[:start], postscripts


# ------------------------------------------------------------------ opener


def _leading_lines(blocks: list[Block]) -> list[Block]:
    """The first blocks split into their lines (opener lines are typed one per line)."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        out.extend(block.lines() if index < 4 or index >= len(blocks) - 4 else [block])
    return out


def _opener(blocks: list[Block], letter: Letter, lang: str, year: int | None) -> list[Block]:
    index = _letterhead(blocks, letter, lang, year)
    while index < len(blocks) and index < 8:
        block = blocks[index]
        if block.kind != "p" or len(block.flat.split()) > MAX_SHORT + 4:
            break
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        previous_address = bool(letter.address) and blocks[index - 1] is letter.address[-1]
        if letter.dateline is None and (dateline := _dateline(block, lang, year)):
            letter.dateline = dateline
            _place_above(letter)
            letter.findings.append(f"dateline {block.flat!r} (line {block.line}): date "
                                   f"{dateline.date.when} ({dateline.date.how})"
                                   + (f", place {dateline.place!r}" if dateline.place else ""))
        elif letter.salute is None and ADDRESS.match(block.flat) and _is_address(block, letter):
            letter.address.append(block)
        elif letter.salute is None and _is_salute(block, following):
            letter.salute = block
            why = "its first word" if SALUTATIONS.match(block.flat) else \
                "guessed from its form: a short line ending in ! or , before the text"
            letter.findings.append(f"salutation {block.flat!r} (line {block.line}), {why}")
        elif letter.salute is None and previous_address and _is_address(block, letter):
            letter.address.append(block)
        else:
            break
        index += 1
    if letter.address:
        letter.findings.append(f"address {letter.recipient!r} names the recipient")
    return blocks[index:]


def _place_above(letter: Letter) -> None:
    """A date without a place, right below a short line taken for the letterhead: that
    line is the dateline's place, written above the date."""
    dateline = letter.dateline
    if dateline.place or not letter.letterhead:
        return
    line = letter.letterhead[-1]
    if len(line.flat.split()) <= 6 and line.line in (dateline.block.line - 1,
                                                       dateline.block.line - 2):
        letter.letterhead.pop()
        dateline.above = [line]
        dateline.place = line.flat.strip(" ,")
        letter.findings.append(f"place {dateline.place!r} on the line above the date")


def _letterhead(blocks: list[Block], letter: Letter, lang: str, year: int | None) -> int:
    """Short printed lines above the dateline or salutation (a newspaper's or a hotel's
    name): kept in the opener as ``seg type="letterhead"``."""
    for index, block in enumerate(blocks[:5]):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind != "p":
            return 0
        if _dateline(block, lang, year) or _is_salute(block, following):
            if index and all(len(b.flat.split()) <= 8 for b in blocks[:index]):
                letter.letterhead = blocks[:index]
                letter.findings.append(f"letterhead: the {index} lines above line "
                                       f"{block.line}")
            return index
        if len(block.flat.split()) > 8 or ADDRESS.match(block.flat):
            return 0
    return 0


def _dateline(block: Block, lang: str, year: int | None) -> Dateline | None:
    words = block.flat.split()
    if len(words) > MAX_SHORT:
        return None
    date = find_date(block.flat, lang, year)
    if date is None:
        return None
    before = block.flat[:date.start]
    after = block.flat[date.end:]
    if len(before.split()) > 6 or len(after.split()) > 4:
        return None
    return Dateline(block, date, _place(before))


def _place(before: str) -> str | None:
    text = before.strip(" ,;:-–")
    text = _FUNCTION_END.sub("", text).strip(" ,")
    words = text.split()
    while words and words[-1].strip(",.").casefold() in WEEKDAYS:
        words.pop()
    place = " ".join(words).strip(" ,")
    return place or None


def _is_address(block: Block, letter: Letter) -> bool:
    if ADDRESS.match(block.flat) and not block.flat.rstrip().endswith(("!", ",")):
        return len(block.flat.split()) <= MAX_SHORT
    # a further line of an address already begun: short, no sentence punctuation
    return bool(letter.address) and len(block.flat.split()) <= 6 and not \
        block.flat.rstrip().endswith(("!", ",", ":", "?"))


def _is_salute(block: Block, following: Block | None) -> bool:
    text = block.flat
    if len(text.split()) > MAX_SHORT or following is None:
        return False
    if SALUTATIONS.match(text) and (text[-1] in "!,.:" or len(text.split()) <= 6):
        return not _reads_as_prose(text)
    return len(text.split()) <= 6 and text.endswith(("!", ",")) and text[:1].isupper()


def _reads_as_prose(text: str) -> bool:
    """``Mein Freund hat mir gestern geschrieben.``: a sentence, not a salutation."""
    return len(text.split()) > 6 and text.endswith(".")


# ------------------------------------------------------------------ closer


def _closer(blocks: list[Block], letter: Letter, lang: str, year: int | None) -> list[Block]:
    lines = _trailing_lines(blocks)
    end = len(lines)
    end = _take_end_address(lines, end, letter)
    end = _take_end_dateline(lines, end, letter, lang, year)
    end = _take_signature(lines, end, letter)
    if letter.signed is not None or (end and _is_closing(lines[end - 1].flat)):
        end = _take_closing(lines, end, letter)
    if letter.signed is None and not letter.closing and end:
        end = _take_run_in_closer(lines, end, letter)
    if letter.dateline is None:
        before = end
        end = _take_end_dateline(lines, end, letter, lang, year)
        if end < before and letter.signed is not None:
            letter.dateline_above_signature = True
            if not letter.closing:  # the formula above the dateline: Leben Sie wohl / Weimar …
                end = _take_closing(lines, end, letter)
    return lines[:end]


def _trailing_lines(blocks: list[Block]) -> list[Block]:
    out = list(blocks)
    for _ in range(3):  # the last blocks, split into their lines
        if not out or out[-1].kind != "p" or len(out[-1].lines()) < 2:
            break
        lines = out.pop().lines()
        out.extend(lines)
        if len(lines) > 3:
            break
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _take_run_in_closer(lines: list[Block], end: int, letter: Letter) -> int:
    """``Ich komme morgen. Mit herzlichem Gruß Dein Hans``: a closing formula and a
    signature run on after the last sentence of the last paragraph. Split off only when
    the paragraph's markup holds them verbatim (no markup to cut through)."""
    last = lines[end - 1]
    if last.kind != "p":
        return end
    text = last.flat
    starts = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not starts:
        return end
    tail = text[starts[-1]:]
    name = _trailing_name(tail)
    if not (name and _is_closing(tail) and len(tail.split()) <= 8):
        return end
    markup = " ".join(last.markup.split())
    if not markup.endswith(escape(tail)):
        return end
    head = text[:starts[-1]].rstrip()
    body = Block("p", head, markup[:len(markup) - len(escape(tail))].rstrip(), last.line,
                 rend=last.rend)
    closing = tail[:len(tail) - len(name)].rstrip()
    letter.closing = [_part(last, closing)]
    letter.signed = _part(last, name)
    letter.findings.append(f"closing {closing!r} and signature {name!r} run on after the "
                           f"last sentence (line {last.line})")
    lines[end - 1] = body
    return end


def _take_end_address(lines: list[Block], end: int, letter: Letter) -> int:
    if letter.address or end < 2:
        return end
    if end >= 3 and _addressee_below_signature(lines, end):
        letter.address = lines[end - 1:end]
        letter.address_at_end = True
        letter.findings.append(f"address {lines[end - 1].flat!r} below the signature names "
                               "the recipient")
        return end - 1
    start = end
    while start > 1 and lines[start - 1].kind == "p" and len(lines[start - 1].flat.split()) <= 8:
        if ADDRESS.match(lines[start - 1].flat) or \
                ADDRESSEE_AT_END.search(lines[start - 1].flat):
            letter.address = lines[start - 1:end]
            letter.address_at_end = True
            letter.findings.append(f"address {letter.recipient!r} at the end names the "
                                   "recipient")
            return start - 1
        start -= 1
        if end - start > 3:
            break
    return end


def _take_end_dateline(lines: list[Block], end: int, letter: Letter, lang: str,
                       year: int | None) -> int:
    if letter.dateline is not None or not end or lines[end - 1].kind != "p":
        return end
    dateline = _dateline(lines[end - 1], lang, year)
    if dateline is None:
        return end
    letter.dateline, letter.dateline_at_end = dateline, True
    letter.findings.append(f"dateline at the end {lines[end - 1].flat!r} (line "
                           f"{lines[end - 1].line}): date {dateline.date.when} "
                           f"({dateline.date.how})")
    return end - 1


def _take_signature(lines: list[Block], end: int, letter: Letter) -> int:
    if end < 2 or lines[end - 1].kind != "p":
        return end
    last = lines[end - 1]
    text = last.flat
    if _is_closing(text) and len(text.split()) >= 2 and _trailing_name(text):
        name = _trailing_name(text)
        closing = text[:len(text) - len(name)].rstrip()
        letter.closing = [_part(last, closing)]
        letter.signed = _part(last, name)
        letter.findings.append(f"closing {closing!r} and signature {name!r} on one line "
                               f"(line {last.line})")
        return end - 1
    if not _is_signature(text):
        return end
    letter.signed = last
    letter.findings.append(f"signature {text!r} (line {last.line}), guessed from its form: "
                           "a short last line of names or initials")
    return end - 1


def _addressee_below_signature(lines: list[Block], end: int) -> bool:
    """``… humble Servant / B. Franklin / M. Dumas``: two name lines below a closing
    formula, the last in a block of its own; the first signs, the second is addressed."""
    last, above, formula = lines[end - 1], lines[end - 2], lines[end - 3]
    return (last.kind == above.kind == formula.kind == "p" and last.line > above.line + 1
            and _is_signature(last.flat) and _is_signature(above.flat)
            and _is_closing(formula.flat))


def _is_signature(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 6 or len(text) > 50 or text[-1] in ",!?:;":
        return False
    if text.endswith(".") and len(words) > 3:
        return False
    names = [w for w in words if w[:1].isupper() or w.casefold() in _PARTICLES]
    return len(names) == len(words) and not SALUTATIONS.match(text)


def _trailing_name(text: str) -> str | None:
    """``Ihr ergebener FMamroth`` -> ``FMamroth``: the capitalised words after the formula."""
    words = text.split()
    name: list[str] = []
    while len(words) > 1 and words[-1][:1].isupper() and words[-1].casefold() not in (
            "ihr", "ihre", "dein", "deine", "votre", "vostro", "tuo", "yours"):
        name.insert(0, words.pop())
    if not name or CLOSINGS.match(" ".join(name)):
        return None
    return " ".join(name)


def _is_closing(text: str) -> bool:
    return len(text.split()) <= MAX_SHORT and bool(CLOSINGS.match(text) or REGARDS.search(text))


def _take_closing(lines: list[Block], end: int, letter: Letter) -> int:
    """The lines of the closing formula above the signature: from the topmost line that is
    a formula (or, right above the signature, guessed as one), with the short lines that
    only carry it on (``Sir,``, ``and most humble Servant``) below it."""
    start = top = end
    while start > 1 and lines[start - 1].kind == "p" and end - start < MAX_CLOSING_LINES:
        text = lines[start - 1].flat
        formula = _is_closing(text)
        guessed = letter.signed is not None and len(text.split()) <= 8 and start == end \
            and (text.endswith((",", "!")) or bool(POSSESSIVE.search(text)))
        linking = len(text.split()) <= 6 and (text.endswith(",") or bool(_LINKING.match(text)))
        if not (formula or guessed or linking):
            break
        start -= 1
        if formula or guessed:
            top = start
    start = top
    if start == end:
        return end
    letter.closing = lines[start:end] + letter.closing
    text = " / ".join(b.flat for b in lines[start:end])
    letter.findings.append(f"closing formula {text!r} (line {lines[start].line})")
    return start


def _part(block: Block, text: str) -> Block:
    """A piece of a line as a block of its own (its markup is its escaped text, unless the
    line's markup holds it verbatim)."""
    markup = escape(text)
    return Block("p", text, markup, block.line, rend=block.rend)
