"""The registers read as a gazetteer: every name form of every entry, and what it points at."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.annotate import matching
from edition.paths import XML_ID, T
from edition.problems import EditionError
from edition.xmlparse import parse_file

# Register entry element → (element used to tag a mention, its @type, the entry's name
# elements).
ENTRY_KINDS = {
    "person": ("persName", None, ("persName",)),
    "place": ("placeName", None, ("placeName",)),
    "org": ("orgName", None, ("orgName",)),
    "event": ("name", "event", ("label", "name")),
}

APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


def fold(text: str) -> str:
    """The form names are compared in: runs of white space made one space, then every
    character folded (diacritics, case, apostrophes; one character for one, so offsets
    are unchanged; see `matching`)."""
    return matching.fold(re.sub(r"\s+", " ", text).strip())


@dataclass(frozen=True)
class Target:
    """What a name form points at."""

    id: str
    tag: str
    type: str | None
    first: int | None = None
    """The first year the entity existed (birth, founding), when the register says."""
    last: int | None = None
    """The last year it existed (death, dissolution), when the register says."""

    @property
    def ref(self) -> str:
        return f"#{self.id}"

    def existed_in(self, year: int) -> bool:
        return (self.first is None or self.first <= year) and (
            self.last is None or year <= self.last)


@dataclass
class Gazetteer:
    """Name forms (folded) → the entries that bear them."""

    forms: dict[str, list[Target]] = field(default_factory=lambda: defaultdict(list))
    canonical: dict[str, str] = field(default_factory=dict)
    originals: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Folded form -> the forms as the register writes them (for the case rule)."""
    _patterns: dict[tuple[str, ...], re.Pattern[str]] = field(default_factory=dict)

    def add(self, form: str, target: Target) -> None:
        key = fold(form)
        if key and target not in self.forms[key]:
            self.forms[key].append(target)
            self.originals[key].append(" ".join(form.split()))
            self._patterns.clear()

    @property
    def pattern(self) -> re.Pattern[str]:
        return self.pattern_for(())

    def pattern_for(self, endings: tuple[str, ...]) -> re.Pattern[str]:
        """One expression for all forms, longest first, so that at any position the
        longest form wins ("Workers' Party of Korea" over "Korea"). A form must stand
        between non-word characters: "Korea" never matches in "Korean"; the inflectional
        ``endings`` of the text's language may follow it ("Goethes")."""
        if endings not in self._patterns:
            forms = sorted(self.forms, key=lambda f: (-len(f), f))
            body = "|".join(r"\s+".join(map(re.escape, f.split(" "))) for f in forms)
            ending = f"(?:{'|'.join(endings)})?" if endings else ""
            self._patterns[endings] = re.compile(rf"(?<!\w)(?:{body}){ending}(?!\w)")
        return self._patterns[endings]

    def targets(self, surface: str, endings: tuple[str, ...] = ()) -> list[Target]:
        """The entries named by ``surface``: exactly, or with one of ``endings`` taken
        off; a mention in lower case only names entries written in lower case."""
        key = fold(surface)
        keys = [key] + [key[:-len(e)] for e in endings if key.endswith(e) and len(key) > len(e)]
        for candidate in keys:
            if candidate in self.forms and any(matching.case_allows(surface.strip(), form)
                                               for form in self.originals[candidate]):
                return self.forms[candidate]
        return []


def load(folder: Path) -> Gazetteer:
    """Read every register file in ``folder``; raise `EditionError` when there is none."""
    if not folder.is_dir():
        raise EditionError("registers folder not found; give it with --registers",
                           path=folder, rule="annotate-registers")
    gazetteer = Gazetteer()
    for path in sorted(folder.glob("*.xml")):
        _read(parse_file(path).getroot(), gazetteer)
    if not gazetteer.forms:
        raise EditionError("no register entries with names found in the folder",
                           path=folder, rule="annotate-registers")
    return gazetteer


def _read(root: etree._Element, gazetteer: Gazetteer) -> None:
    for entry_name, (tag, tag_type, name_tags) in ENTRY_KINDS.items():
        for entry in root.iter(f"{T}{entry_name}"):
            entry_id = entry.get(XML_ID)
            if not entry_id:
                continue  # e.g. the founding event inside a place or organisation
            target = Target(entry_id, tag, tag_type, *_lifetime(entry))
            names = [e for e in entry if etree.QName(e).localname in name_tags]
            for name in names:
                gazetteer.add("".join(name.itertext()), target)
            main = next((n for n in names if n.get("type") == "main"), names[0] if names
                        else None)
            if main is not None:
                gazetteer.canonical[entry_id] = " ".join("".join(main.itertext()).split())


def _year(element: etree._Element | None) -> int | None:
    value = element.get("when") or element.get("from") if element is not None else None
    found = re.match(r"\d{4}", value or "")
    return int(found.group()) if found else None


def _lifetime(entry: etree._Element) -> tuple[int | None, int | None]:
    """Birth and death of a person, founding and dissolution of a place or organisation
    (events are not given a lifetime: they are named after they happened)."""
    if entry.tag == f"{T}person":
        return _year(entry.find(f"{T}birth")), _year(entry.find(f"{T}death"))
    if entry.tag in (f"{T}place", f"{T}org"):
        return (_year(entry.find(f"{T}event[@type='founding']")),
                _year(entry.find(f"{T}event[@type='dissolution']")))
    return None, None
