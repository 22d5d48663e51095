"""Problems found in content, reported all together; and the exceptions that stop a run.

Two channels: content problems (a missing @ref, an impossible date) are collected as
`Problem` records so an editor sees every one of them at once; an `EditionError` is
raised only when nothing can continue, and it formats itself as one readable line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a place a person can open."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    rule: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}:{self.column}"
        return f"{place}: {self.severity}: {self.message} [{self.rule}]"


def display_path(path: Path | str) -> str:
    """A path relative to the working directory when it lies below it, else as given."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


class EditionError(Exception):
    """A failure that stops the run; ``str()`` is the one line shown to the user."""

    def __init__(self, message: str, *, path: Path | str | None = None, line: int = 0,
                 column: int = 0, rule: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.path = display_path(path) if path is not None else None
        self.line = line
        self.column = column
        self.rule = rule

    def __str__(self) -> str:
        if self.path is None:
            return f"error: {self.message} [{self.rule}]"
        return f"{self.path}:{self.line}:{self.column}: error: {self.message} [{self.rule}]"

    def as_problem(self) -> Problem:
        return Problem(self.path or "-", self.line, self.column, Severity.ERROR, self.message,
                       self.rule)


class ContentErrors(EditionError):
    """Raised when collected content problems include errors (or warnings under --strict)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(summary(problems))

    def __str__(self) -> str:
        return "\n".join([*map(str, self.problems), summary(self.problems)])


def count(problems: Iterable[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity == severity)


def summary(problems: list[Problem]) -> str:
    """`3 errors, 1 warning in 2 files`."""
    errors = count(problems, Severity.ERROR)
    warnings = count(problems, Severity.WARNING)
    files = len({p.path for p in problems})

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not problems:
        return "no problems"
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def has_failures(problems: Iterable[Problem], strict: bool = False) -> bool:
    return any(p.severity == Severity.ERROR or strict for p in problems)


def to_json(problems: list[Problem]) -> str:
    return json.dumps(
        {"problems": [asdict(p) for p in problems], "summary": summary(problems)},
        ensure_ascii=False, indent=2,
    )


LINES_PER_RULE = 3
"""Lines a condensed report shows per rule and file before counting the rest."""


def condensed_lines(problems: list[Problem], per_rule: int = LINES_PER_RULE) -> list[str]:
    """The report a person reads over TEI from elsewhere: for each file and rule the first
    problem of at most ``per_rule`` different messages (the same message at another line
    says nothing new), then ``… and 614 more [ref-unresolved] in dingler.xml``; then a
    table of rules × files (`rule_table`). Every problem is still counted."""
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in sorted(problems):
        groups.setdefault((problem.path, problem.rule), []).append(problem)
    lines: list[str] = []
    for (path, rule), found in groups.items():
        shown = _first_of_each_message(found, per_rule)
        lines.extend(map(str, shown))
        if len(found) > len(shown):
            lines.append(f"… and {len(found) - len(shown)} more [{rule}] in {Path(path).name}")
    return [*lines, *rule_table(problems)] if problems else lines


def _first_of_each_message(problems: list[Problem], limit: int) -> list[Problem]:
    shown: list[Problem] = []
    seen: set[str] = set()
    for problem in problems:
        if problem.message not in seen and len(shown) < limit:
            seen.add(problem.message)
            shown.append(problem)
    return shown


def rule_table(problems: list[Problem]) -> list[str]:
    """Problems counted by rule (rows) and file (columns, numbered, named below)."""
    files = sorted({p.path for p in problems})
    rules = sorted({p.rule for p in problems})
    counts: dict[tuple[str, str], int] = {}
    for p in problems:
        counts[(p.rule, p.path)] = counts.get((p.rule, p.path), 0) + 1
    width = max(len(r) for r in rules)
    cells = [max(len(str(i + 1)), *(len(str(counts.get((r, f), ""))) for r in rules))
             for i, f in enumerate(files)]
    header = " ".join([" " * width, *(str(i + 1).rjust(w) for i, w in enumerate(cells)),
                       "total"])
    rows = [header]
    for rule in rules:
        values = [str(counts.get((rule, f), "") or "·").rjust(w) for f, w in zip(files, cells,
                                                                                 strict=True)]
        total = sum(counts.get((rule, f), 0) for f in files)
        rows.append(" ".join([rule.ljust(width), *values, str(total)]))
    return ["problems by rule and file:", *rows, *_legend(files)]


def _legend(files: list[str], width: int = 100) -> list[str]:
    """The numbered files, several to a line, below the folder they share."""
    if len({os.path.isabs(f) for f in files}) > 1:  # some problems name absolute paths
        files = [os.path.abspath(f) for f in files]
    common = os.path.commonpath(files) if len(files) > 1 else os.path.dirname(files[0])
    names = [os.path.relpath(f, common) if common else f for f in files]
    lines, line = [f"files (below {common or '.'}):"], ""
    for index, name in enumerate(names, 1):
        item = f"{index}={name}"
        if line and len(line) + 2 + len(item) > width:
            lines.append(line)
            line = ""
        line = f"{line}  {item}" if line else f"  {item}"
    return [*lines, line] if line else lines
