"""An edition is a folder with an ``edition.toml``: how to publish the TEI it names.

The edition's own metadata (title, editors, licence, version) lives in the edition-level
TEI header; this file only says where the TEI is, where the output goes and how to
publish it. Commands find it the way MkDocs finds ``mkdocs.yml``: in the working folder
or the nearest folder above it. Paths in it are relative to it. Example::

    [build]
    source = "tei"          # the folder of TEI files (default: this folder)
    out = "build"           # the output folder (default: build/ beside this file)

    [site]
    base_url = "https://editions.example.org/dprk/"   # canonical URLs and citations
    oai_gateway = "https://gateway.example.org/oai/"  # the OAI-PMH static repository gateway
    admin_email = "editors@example.org"               # the OAI-PMH repository's contact

    [pdf]
    trim_width_mm = 156
    trim_height_mm = 234

    [deposit]
    doi = "10.5281/zenodo.1234568"            # reserved for the draft, before publication
    concept_doi = "10.5281/zenodo.1234566"    # the DOI of all versions (IsVersionOf)
    previous_doi = "10.5281/zenodo.1234567"   # the version this one replaces (IsNewVersionOf)

    [serve]
    host = "127.0.0.1"
    port = 8000

Every key is declared once, in `SETTINGS`, with its type check and its meaning; the
README's table lists the same keys (a test compares them).
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from edition.paths import DEFAULT_BUILD_NAME
from edition.problems import EditionError

CONFIG_NAME = "edition.toml"


@dataclass(frozen=True)
class Config:
    """Publishing settings the renderers read (part of every build product's key)."""

    base_url: str | None = None
    """Where the HTML site is published; used for canonical URLs, citation URLs and meta tags.
    When unset, the edition header's ``idno type="URL"`` is used, else links stay relative."""

    oai_gateway: str | None = None
    """The OAI-PMH Static Repository Gateway that answers harvesters for ``oai.xml``."""

    admin_email: str | None = None
    """Contact of the OAI-PMH repository (its ``adminEmail``)."""

    trim_width_mm: float = 156.0
    """Page width of the printed book."""

    trim_height_mm: float = 234.0
    """Page height of the printed book."""

    doi: str | None = None
    """A DOI reserved in advance (a Zenodo or InvenioRDM draft reserves one), used where the
    edition header declares none; the header's ``idno type="DOI"`` must not disagree."""

    concept_doi: str | None = None
    """The DOI that stands for every version of the edition (Zenodo's concept DOI)."""

    previous_doi: str | None = None
    """The DOI of the version this one succeeds."""


@dataclass(frozen=True)
class Project:
    """An edition folder: its ``edition.toml`` (None when the TEI folder has none), the
    folders it names, resolved, and the settings it holds."""

    file: Path | None
    source: Path
    out: Path
    config: Config = field(default_factory=Config)
    host: str = "127.0.0.1"
    port: int = 8000

    @property
    def root(self) -> Path:
        """The folder of ``edition.toml`` (the working folder when there is none)."""
        return self.file.parent if self.file else Path.cwd()


@dataclass(frozen=True)
class Setting:
    section: str
    key: str
    default: object
    check: Callable[[object], object]
    """Returns the value to use, or raises ValueError with the fix."""
    meaning: str

    @property
    def name(self) -> str:
        return f"[{self.section}] {self.key}"


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string in quotes")
    return value


def _base_url(value: object) -> str:
    url = _text(value)
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"base_url must start with https:// or http://, not {url!r}")
    return url if url.endswith("/") else url + "/"


DEPOSIT_KEYS = ("doi", "concept_doi", "previous_doi")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


def _doi(value: object) -> str:
    """A bare DOI (``10.5281/zenodo.42``); a ``https://doi.org/`` link is reduced to it."""
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", str(value).strip())
    if not _DOI.fullmatch(doi):
        raise ValueError("is not a DOI: write it as 10.<prefix>/<suffix>, "
                         "e.g. \"10.5281/zenodo.42\"")
    return doi


def _gateway_url(value: object) -> str:
    try:
        return _base_url(value)
    except ValueError as error:
        raise ValueError(str(error).replace("base_url", "oai_gateway")) from None


def _millimetres(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError("must be a positive number of millimetres, e.g. 156")
    return float(value)


def _port(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
        raise ValueError("must be a port number from 1 to 65535 (0: any free port)")
    return value


SETTINGS = (
    Setting("build", "source", ".", _text,
            "the folder of TEI files (edition.xml, texts/, registers/), relative to "
            "edition.toml"),
    Setting("build", "out", DEFAULT_BUILD_NAME, _text,
            "the output folder, relative to edition.toml; it must not hold the TEI"),
    Setting("site", "base_url", None, _base_url,
            "where the HTML site is published (canonical URLs, citations, meta tags); "
            "without it the edition header's idno type=\"URL\", else relative links"),
    Setting("site", "oai_gateway", None, _gateway_url,
            "the address of the OAI-PMH static repository gateway that serves oai.xml "
            "(its baseURL); without it baseURL is the file's own address"),
    Setting("site", "admin_email", None, _text,
            "the adminEmail of the OAI-PMH repository; left out when not given"),
    Setting("pdf", "trim_width_mm", Config.trim_width_mm, _millimetres,
            "page width of the printed book in millimetres"),
    Setting("pdf", "trim_height_mm", Config.trim_height_mm, _millimetres,
            "page height of the printed book in millimetres"),
    Setting("deposit", "doi", None, _doi,
            "a DOI reserved in advance for this version (a Zenodo or InvenioRDM draft "
            "reserves one), used where the edition header declares none"),
    Setting("deposit", "concept_doi", None, _doi,
            "the DOI that stands for every version of the edition (IsVersionOf)"),
    Setting("deposit", "previous_doi", None, _doi,
            "the DOI of the version this one succeeds (IsNewVersionOf)"),
    Setting("serve", "host", "127.0.0.1", _text,
            "the address `edition serve` listens on (keep it on loopback)"),
    Setting("serve", "port", 8000, _port, "the port `edition serve` listens on"),
)
SECTIONS = sorted({s.section for s in SETTINGS})


# ------------------------------------------------------------------ reading the file

def _error(message: str, path: Path | None = None, line: int = 0,
           rule: str = "config") -> EditionError:
    """A configuration error at the start of its line (column 1 when the line is known)."""
    return EditionError(message, path=path, line=line, column=1 if line else 0, rule=rule)


def _line_of(text: str, section: str, key: str | None = None) -> int:
    """The line of ``[section]`` (or of ``key`` in it; section "" is the top level) in
    ``text``; 0 when not found."""
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1)
            if key is None and current == section:
                return number
        elif key and current == section and re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return 0


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"did you mean {close[0]}? " if close else ""


def read_settings(path: Path) -> dict[str, object]:
    """The settings in ``path`` by `Setting.name`, checked; defaults for keys not given.

    Raises `EditionError` naming the file, the line, the key and the fix."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise EditionError(f"invalid configuration: {error}", path=path, rule="config") from None
    except OSError as error:
        raise EditionError(f"cannot read: {error.strerror}", path=path, rule="config") from None
    for section, table in data.items():
        if section not in SECTIONS:
            raise _error(
                f"unknown section [{section}]: {_suggest(section, SECTIONS)}the sections are "
                + ", ".join(f"[{s}]" for s in SECTIONS), path=path,
                line=_line_of(text, section), rule="config")
        if not isinstance(table, dict):
            raise _error(f"{section} must be a section, written [{section}]", path=path,
                               line=_line_of(text, "", section), rule="config")
        keys = [s.key for s in SETTINGS if s.section == section]
        for key in table:
            if key not in keys:
                raise _error(
                    f"unknown key {key} in [{section}]: {_suggest(key, keys)}the keys of "
                    f"[{section}] are {', '.join(keys)}", path=path,
                    line=_line_of(text, section, key), rule="config")
    values: dict[str, object] = {}
    for setting in SETTINGS:
        given = data.get(setting.section, {})
        if setting.key not in given:
            values[setting.name] = setting.default
            continue
        try:
            values[setting.name] = setting.check(given[setting.key])
        except ValueError as error:
            raise _error(f"{setting.name} = {given[setting.key]!r}: {error}", path=path,
                               line=_line_of(text, setting.section, setting.key),
                               rule="config") from None
    return values


def project_from_file(path: Path) -> Project:
    """The edition that ``path`` (an ``edition.toml``) describes, its folders checked."""
    path = path.resolve()
    values = read_settings(path)
    root = path.parent
    source = (root / str(values["[build] source"])).resolve()
    out = (root / str(values["[build] out"])).resolve()
    if not source.is_dir():
        raise _error(
            f"[build] source = {values['[build] source']!r}: no such folder {source}; set it "
            "to the folder holding edition.xml, texts/ and registers/", path=path,
            line=_line_of(path.read_text(encoding="utf-8"), "build", "source"), rule="config")
    if out == source or source.is_relative_to(out) or root.is_relative_to(out):
        raise _error(
            f"[build] out = {values['[build] out']!r}: the output folder is replaced by every "
            "build, so it must not hold the TEI or edition.toml; use out = \"build\"",
            path=path, line=_line_of(path.read_text(encoding="utf-8"), "build", "out"),
            rule="config")
    config = Config(base_url=values["[site] base_url"],  # type: ignore[arg-type]
                    oai_gateway=values["[site] oai_gateway"],  # type: ignore[arg-type]
                    admin_email=values["[site] admin_email"],  # type: ignore[arg-type]
                    **{key: values[f"[deposit] {key}"] for key in DEPOSIT_KEYS},  # type: ignore[arg-type]
                    trim_width_mm=values["[pdf] trim_width_mm"],  # type: ignore[arg-type]
                    trim_height_mm=values["[pdf] trim_height_mm"])  # type: ignore[arg-type]
    return Project(path, source, out, config, host=str(values["[serve] host"]),
                   port=int(values["[serve] port"]))  # type: ignore[call-overload]


# ------------------------------------------------------------------ finding the edition

def find_config_file(start: Path) -> Path | None:
    """The nearest ``edition.toml`` in ``start`` or a folder above it."""
    folder = start.resolve()
    folder = folder if folder.is_dir() else folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
    return None


def governing_file(source: Path) -> Path | None:
    """The ``edition.toml`` whose ``[build] source`` is the folder ``source``: one in the
    folder itself or the nearest one above it. None when there is none, or when the
    nearest describes another folder (a test fixture inside a repository, say)."""
    path = find_config_file(source)
    if path is None:
        return None
    folder = source.resolve()
    declared = (path.parent / str(read_settings(path)["[build] source"])).resolve()
    return path if declared == folder else None


def find_project(start: Path | None = None) -> Project:
    """The edition the working folder (or ``start``) is in."""
    start = start or Path.cwd()
    path = find_config_file(start)
    if path is None:
        raise _error(
            f"no {CONFIG_NAME} in {start.resolve()} or any folder above it: run the command "
            "inside an edition, name the edition's folder, or make one with `edition new DIR`",
            rule="config")
    return project_from_file(path)


def resolve_project(source: Path | None) -> Project:
    """The edition a command works on: the one named by ``source`` (an edition folder
    with ``edition.toml``, or a folder of TEI files) when given, else the one the working
    folder is in. A folder of TEI files that no ``edition.toml`` describes is built with
    the defaults, into ``build/`` in the working folder."""
    if source is None:
        return find_project()
    if not source.exists():
        raise EditionError("no such file or folder", path=source, rule="io")
    if source.is_dir() and (source / CONFIG_NAME).is_file():
        return project_from_file(source / CONFIG_NAME)
    path = governing_file(source) if source.is_dir() else None
    if path is not None:
        return project_from_file(path)
    return Project(None, source, Path(os.getcwd(), DEFAULT_BUILD_NAME).resolve())


def load_config(source: Path) -> Config:
    """The settings of the edition whose TEI is in ``source``; defaults when no
    ``edition.toml`` describes that folder."""
    folder = source if source.is_dir() else source.parent
    path = governing_file(folder)
    return project_from_file(path).config if path else Config()
