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
from edition.sources import SourceFile, classify, find_xml_files
from edition.validate.calendar_checks import date_problems
from edition.validate.locate import clear_cache
from edition.validate.references import reference_problems
from edition.validate.schemas import relaxng_problems, schematron_problems
from edition.xmlparse import parse_file

__all__ = ["edition_root", "validate_paths", "validate_sources"]


def edition_root(path: Path) -> Path | None:
    """The edition folder ``path`` lies in: the nearest folder with edition.xml or registers/."""
    start = path.resolve() if path.is_dir() else path.resolve().parent
    for folder in (start, *start.parents):
        if (folder / "edition.xml").is_file() or (folder / "registers").is_dir():
            return folder
    return None


def document_problems(source: SourceFile) -> list[Problem]:
    """The checks that need only the document itself."""
    return [*relaxng_problems(source.path, source.tree),
            *schematron_problems(source.path, source.tree),
            *date_problems(source.path, source.tree)]


def validate_sources(sources: list[SourceFile]) -> list[Problem]:
    """Validate documents already parsed (by the build), as one edition."""
    clear_cache()
    if not sources:
        return []
    common = Path(os.path.commonpath([s.path.resolve() for s in sources]))
    root = edition_root(common) or (common if common.is_dir() else common.parent)
    problems = [p for s in sources for p in document_problems(s)]
    problems.extend(reference_problems(sources, root))
    return sorted(problems)


def _parse(paths: list[Path], problems: list[Problem] | None) -> list[SourceFile]:
    """Parse ``paths``; a file that cannot be parsed becomes a problem (or is skipped)."""
    sources: list[SourceFile] = []
    for path in paths:
        try:
            tree = parse_file(path)
        except EditionError as error:
            if problems is not None:
                problems.append(error.as_problem())
            continue
        sources.append(SourceFile(path, tree, classify(tree)))
    return sources


def validate_paths(paths: list[Path]) -> list[Problem]:
    """Validate the TEI files named or found below ``paths``.

    Files of the edition a named file belongs to are read too, so that its pointers
    resolve and its ids are compared with the rest of the edition; only problems of the
    named files are reported.
    """
    clear_cache()
    named = find_xml_files(paths)
    named_set = {p.resolve() for p in named}
    problems: list[Problem] = []
    sources = _parse(named, problems)
    roots = {edition_root(p) for p in paths} - {None}
    context = [p for p in find_xml_files(sorted(roots)) if p.resolve() not in named_set]
    sources += _parse(context, None)
    for source in sources:
        if source.path.resolve() in named_set:
            problems.extend(document_problems(source))
    by_root: dict[Path | None, list[SourceFile]] = defaultdict(list)
    for source in sources:
        by_root[edition_root(source.path)].append(source)
    shown = {p for p in named_set}
    for root, members in by_root.items():
        problems.extend(p for p in reference_problems(members, root)
                        if Path(p.path).resolve() in shown)
    return sorted(problems)
