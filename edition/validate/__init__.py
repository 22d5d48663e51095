"""The publish gate: everything that must hold before an edition is built.

Per document: well-formedness (the hardened parser), the RELAX NG schema of the edition's
TEI customisation (``tei/schema/edition.rng``), the Schematron editorial rules
(``tei/schema/edition.sch``) and calendar dates. Across the edition: unique xml:ids,
pointers that resolve, register entries in use. Every problem is collected; nothing stops
at the first one.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from edition.problems import EditionError, Problem
from edition.sources import SourceFile, find_xml_files, parse_source
from edition.validate.calendar_checks import date_problems
from edition.validate.locate import clear_cache
from edition.validate.references import reference_problems
from edition.validate.schemas import relaxng_problems, schematron_problems

__all__ = ["edition_root", "files_root", "validate_paths", "validate_sources"]


def edition_root(path: Path) -> Path | None:
    """The edition folder ``path`` lies in: the nearest folder with edition.xml or registers/."""
    start = path.resolve() if path.is_dir() else path.resolve().parent
    for folder in (start, *start.parents):
        if (folder / "edition.xml").is_file() or (folder / "registers").is_dir():
            return folder
    return None


def files_root(paths: list[Path]) -> Path:
    """The folder cross-file pointers in ``paths`` are resolved from: the edition folder
    the files lie in, else the folder they share."""
    common = Path(os.path.commonpath([p.resolve() for p in paths]))
    return edition_root(common) or (common if common.is_dir() else common.parent)


def document_problems(source: SourceFile) -> list[Problem]:
    """The checks that need only the document itself, after what reading it found (an
    external DTD, undefined entities, a foreign root read as TEI)."""
    dates = date_problems(source.path, source.tree)
    # libxml2 rejects an impossible date too, with a vaguer message: keep only ours
    date_places = {(p.line, p.column) for p in dates}
    schema = [p for p in relaxng_problems(source.path, source.tree)
              if (p.line, p.column) not in date_places]
    return [*source.problems, *schema, *schematron_problems(source.path, source.tree),
            *dates]


def validate_sources(sources: list[SourceFile]) -> list[Problem]:
    """Validate documents already parsed (by the build), as one edition."""
    clear_cache()
    if not sources:
        return []
    problems = [p for s in sources for p in document_problems(s)]
    problems.extend(reference_problems(sources, files_root([s.path for s in sources])))
    return sorted(problems)


def _parse(paths: list[Path], problems: list[Problem] | None) -> list[SourceFile]:
    """Parse ``paths``; a file that cannot be parsed becomes a problem (or is skipped)."""
    sources: list[SourceFile] = []
    for path in paths:
        try:
            sources.append(parse_source(path))  # refuses TEI P4 and non-TEI roots with advice
        except EditionError as error:
            if problems is not None:
                problems.append(error.as_problem())
    return sources


def _edition_key(file: Path, folder: Path | None) -> Path:
    """The edition ``file`` belongs to: the nearest folder with edition.xml or registers/,
    else ``folder`` (any folder of TEI files is an edition), else the lone file itself."""
    return edition_root(file) or folder or file.resolve()


def _editions(paths: list[Path]) -> dict[Path, set[Path]]:
    """The files to check, grouped by the edition each belongs to."""
    groups: dict[Path, set[Path]] = defaultdict(set)
    for path in paths:
        folder = path.resolve() if path.is_dir() else None
        for file in find_xml_files([path]):
            groups[_edition_key(file, folder)].add(file.resolve())
    return groups


def _members(key: Path) -> list[Path]:
    """Every file of the edition ``key`` (not those of editions nested below it)."""
    if not key.is_dir():
        return [key]
    return [p for p in find_xml_files([key]) if _edition_key(p, key) == key]


def validate_paths(paths: list[Path]) -> list[Problem]:
    """Validate the TEI files named or found below ``paths``.

    Files of the edition a named file belongs to are read too, so that its pointers
    resolve and its ids are compared with the rest of the edition; only problems of the
    named files are reported.
    """
    clear_cache()
    problems: list[Problem] = []
    for key, named in _editions(paths).items():
        sources = _parse(sorted(named), problems)
        sources += _parse([p for p in _members(key) if p.resolve() not in named], None)
        for source in sources:
            if source.path.resolve() in named:
                problems.extend(document_problems(source))
        root = key if key.is_dir() else key.parent
        problems.extend(p for p in reference_problems(sources, root)
                        if Path(p.path).resolve() in named)
    return sorted(set(problems))
