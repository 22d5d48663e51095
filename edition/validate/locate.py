"""Line and column of a node in its source file.

lxml gives an element's line but no column, so the column is found in the source text:
the n-th ``<name`` on that line, where n counts the elements of the same name that start
earlier on the line. Attributes are found after their element's start tag. Only looked up
for nodes that have a problem, so the cost does not grow with the size of the edition.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree


@lru_cache(maxsize=256)
def _lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_bytes().decode("utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def clear_cache() -> None:
    """Forget file contents read so far (files may have changed since)."""
    _lines.cache_clear()


def _qname(element: etree._Element) -> str:
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def element_position(path: Path | str, element: etree._Element) -> tuple[int, int]:
    """(line, column) of the start tag of ``element``, both 1-based; column 1 if unknown."""
    line = element.sourceline or 0
    lines = _lines(str(path))
    if not 0 < line <= len(lines) or not isinstance(element.tag, str):
        return line, 1
    same_line = [e for e in element.getroottree().iter(element.tag) if e.sourceline == line]
    nth = next((i for i, e in enumerate(same_line) if e is element), 0)
    pattern = re.compile(rf"<{re.escape(_qname(element))}(?=[\s/>]|$)")
    starts = [m.start() for m in pattern.finditer(lines[line - 1])]
    return (line, starts[nth] + 1) if nth < len(starts) else (line, 1)


def attribute_position(path: Path | str, element: etree._Element,
                       attribute: str) -> tuple[int, int]:
    """(line, column) of ``attribute=`` in the start tag of ``element``.

    ``attribute`` is written as in the file (``ref``, ``xml:id``). Falls back to the
    position of the element when the attribute cannot be found.
    """
    line, column = element_position(path, element)
    lines = _lines(str(path))
    pattern = re.compile(rf"(?<![\w:.-]){re.escape(attribute)}\s*=")
    for index in range(line - 1, min(line + 20, len(lines))):
        text = lines[index]
        offset = column - 1 if index == line - 1 else 0
        match = pattern.search(text, offset)
        if match:
            return index + 1, match.start() + 1
        if ">" in text[offset:]:
            break
    return line, column
