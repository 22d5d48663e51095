"""Witnesses to collate: read from plain-text or TEI files, cut into tokens.

A witness's siglum is its file name without the extension (``A.txt`` is ``A``), unless
given. A token is a word with the punctuation and space that follow it, as CollateX
cuts text by default; its *normal form*, which the alignment compares, is the token
without its trailing space and, as asked (``--ignore``), without punctuation or case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.problems import EditionError
from edition.textual import T, reading

IGNORABLE = ("punctuation", "case")
_TOKEN = re.compile(r"\S+\s*")
_SIGLUM = re.compile(r"^[A-Za-z_][\w.-]*$")
_PUNCTUATION = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class Normalisation:
    """What the comparison of readings leaves aside."""

    punctuation: bool = False
    case: bool = False

    @classmethod
    def parse(cls, spec: str) -> Normalisation:
        """``"punctuation,case"`` → the normalisation (an unknown word is refused)."""
        words = [w.strip() for w in spec.split(",") if w.strip()]
        unknown = [w for w in words if w not in IGNORABLE]
        if unknown:
            raise EditionError(f"--ignore {unknown[0]!r} is not known: give "
                               + " or ".join(IGNORABLE) + ", separated by commas",
                               rule="collate-usage")
        return cls("punctuation" in words, "case" in words)

    def normal(self, token: str) -> str:
        form = token.strip()
        if self.punctuation:
            form = _PUNCTUATION.sub("", form) or form
        return form.casefold() if self.case else form


@dataclass(frozen=True)
class Witness:
    siglum: str
    source: str
    """Where the witness was read from (its file), for the witness list."""
    tokens: tuple[str, ...]


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EditionError("witness not found: check the file name", path=path,
                           rule="collate-missing") from None
    except OSError as error:
        raise EditionError(f"cannot read the witness: {error.strerror}", path=path,
                           rule="io") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise EditionError(f"the witness is not UTF-8 (byte 0x{data[error.start]:02x}): "
                           "convert it, e.g. iconv -f latin1 -t utf-8", path=path, line=line,
                           column=column, rule="collate-encoding") from None


def _tei_reading(path: Path, text: str) -> str:
    try:
        root = etree.fromstring(text.encode("utf-8"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise EditionError(f"the witness is not well-formed XML: {error.msg}", path=path,
                           line=line, column=column, rule="collate-xml") from None
    body = root.find(f".//{T}text/{T}body")
    return reading(body if body is not None else root)


def read_witness(path: Path, siglum: str | None = None) -> Witness:
    siglum = siglum or path.stem
    if not _SIGLUM.match(siglum):
        raise EditionError(f"siglum {siglum!r} is not a name an xml:id can be: give one "
                           "with --siglum FILE=SIGLUM (letters, digits, . - _)", path=path,
                           rule="collate-siglum")
    text = _text(path)
    if path.suffix.casefold() == ".xml":
        text = _tei_reading(path, text)
    tokens = tuple(_TOKEN.findall(text.strip()))
    if not tokens:
        raise EditionError("the witness is empty: it has no words to collate", path=path,
                           line=1, column=1, rule="collate-empty")
    return Witness(siglum, path.name, tokens)
