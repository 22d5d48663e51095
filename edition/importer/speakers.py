"""Who speaks: speaker names matched to person ids of the edition's registers.

A speaker is identified by the longest register name found in the words that name the
speaker (``Egyptian President Anwar Sadat`` contains ``Anwar Sadat``), and only when that
name belongs to one person; an unknown or ambiguous speaker stays unnamed, not guessed.
"""

from __future__ import annotations

from pathlib import Path

from edition.paths import NSMAP, XML_ID
from edition.problems import EditionError
from edition.textual import reading
from edition.xmlparse import parse_file


class Speakers:
    """Person names of the registers, looked up by the words naming a speaker."""

    def __init__(self, names: dict[str, set[str]] | None = None) -> None:
        self.names = names or {}

    @classmethod
    def from_registers(cls, folder: Path | None) -> Speakers:
        if folder is None:
            return cls()
        if not folder.is_dir():
            raise EditionError("no such register folder", path=folder, rule="io")
        names: dict[str, set[str]] = {}
        for path in sorted(folder.glob("*.xml")):
            tree = parse_file(path)
            for person in tree.iterfind(".//tei:person", NSMAP):
                for name in person.iterfind("tei:persName", NSMAP):
                    if person.get(XML_ID):
                        key = " ".join(reading(name).casefold().split())
                        names.setdefault(key, set()).add(person.get(XML_ID))
        return cls(names)

    def who(self, words: str | None) -> str | None:
        if not words:
            return None
        wanted = f" {' '.join(words.split()).casefold()} "
        found = [name for name in self.names if f" {name} " in wanted]
        if not found:
            return None
        longest = max(len(name) for name in found)
        ids = set().union(*(self.names[n] for n in found if len(n) == longest))
        return ids.pop() if len(ids) == 1 else None
