"""`edition annotate`: tag persons, places, organisations, events and dates in TEI texts,
linking names to the registers, which serve as the gazetteer.

Files are changed in place and only when something was tagged; everything that is not
tagged is written back as it was read (see `files.write_in_place`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from edition.annotate import files, gazetteer
from edition.annotate.document import COUNTED, annotate_tree, locate
from edition.problems import Problem, display_path
from edition.xmlparse import parse_file

__all__ = ["AnnotationResult", "FileReport", "annotate_paths"]


@dataclass
class FileReport:
    path: Path
    counts: Counter[str]
    problems: list[Problem]

    def summary(self) -> str:
        if not sum(self.counts.values()):
            return f"{display_path(self.path)}: nothing new to tag"
        parts = [f"{self.counts[k]} {k}" for k in COUNTED.values() if self.counts[k]]
        return f"{display_path(self.path)}: tagged {', '.join(parts)}"


@dataclass
class AnnotationResult:
    files: list[FileReport] = field(default_factory=list)
    report: bool = False

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    def lines(self) -> Iterator[str]:
        for report in self.files:
            yield report.summary()
        problems = self.problems
        if self.report:
            yield from (str(p) for p in sorted(problems))
        ambiguous = sum(1 for p in problems if p.rule == "annotate-ambiguous")
        if ambiguous and not self.report:
            yield f"{ambiguous} ambiguous names left untagged; list them with --report"


def annotate_paths(paths: list[Path], registers: Path, report: bool = False
                   ) -> AnnotationResult:
    """Annotate every TEI text among ``paths`` (files, or folders searched for texts)."""
    names = gazetteer.load(registers)
    result = AnnotationResult(report=report)
    for path in files.texts(paths):
        result.files.append(annotate_file(path, names, report))
    return result


def annotate_file(path: Path, names: gazetteer.Gazetteer, report: bool = False) -> FileReport:
    source = path.read_bytes()
    tree = parse_file(path)
    document = annotate_tree(tree, names, path, report=report)
    if document.changed:
        files.write_in_place(path, tree, source)
    notes = document.notes if report else [n for n in document.notes
                                           if n.rule == "annotate-ambiguous"]
    text = source.decode(tree.docinfo.encoding or "utf-8", errors="replace")
    return FileReport(path, document.counts, locate(notes, path, text))
