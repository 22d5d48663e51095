"""Readings that look like typing or recognition errors, reported for the editor to check.

The importer never corrects the text: corrections are editorial decisions, recorded in
TEI as ``choice``/``sic``/``corr``. It only points at places that often turn out to be
errors of a transcription: a digit inside a word (``counter-revoluti6nary``) and a hyphen
joining a word to ``and``, ``is`` or ``the`` (``towns-and``, ``is-trampling``, or a dash
typed as a hyphen: ``neighbours-the Soviet Union``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from edition.problems import Problem, Severity

_FUNCTION = r"(?:and|the|is|are|was|were)"
_CHECKS = [
    (re.compile(r"(?<!\w)[^\W\d_]{2,}\d[^\W\d_]{2,}(?![\w])"),
     "a digit inside a word"),
    (re.compile(rf"(?<![\w-])[^\W\d_]+-{_FUNCTION}(?![\w-])|(?<![\w-]){_FUNCTION}-[^\W\d_]+"
                r"(?![\w-])", re.I),
     "a hyphen joining a word to a short function word (a missing space, or a dash typed "
     "as a hyphen)"),
]


def find_suspects(text: str, path: str) -> list[Problem]:
    """Warnings, in text order, for readings of ``text`` an editor should check."""
    return sorted(_problems(text, path))


def _problems(text: str, path: str) -> Iterator[Problem]:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for pattern, why in _CHECKS:
        for match in pattern.finditer(text):
            line = _line_of(starts, match.start())
            column = match.start() - starts[line - 1] + 1
            yield Problem(path, line, column, Severity.WARNING,
                          f"{match.group(0)!r} may be a transcription error: {why}",
                          "import-suspect")


def _line_of(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts)
    while high - low > 1:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle
    return low + 1
