"""Line and column of a node in its source file.

lxml gives an element's line but no column, so the column is found in the source text:
the n-th ``<name`` on that line, where n counts the elements of the same name that start
earlier on the line. Attributes are found after their element's start tag. Only looked up
for nodes that have a problem, so the cost does not grow with the size of the edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree


@lru_cache(maxsize=256)
def _lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_bytes().decode("utf-8", errors="replace").splitlines())
    except OSError:
        return ()


@dataclass
class _LineIndex:
    """Where each element of one tree starts: its line, and how many elements of the same
    name start earlier on that line."""

    root: etree._Element
    by_line: dict[int, list[etree._Element]] = field(default_factory=dict)
    nth: dict[etree._Element, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        seen: dict[tuple[int, str], int] = {}
        for element in self.root.iter():
            if isinstance(element.tag, str):
                line = element.sourceline or 0
                self.by_line.setdefault(line, []).append(element)
                self.nth[element] = seen.get((line, element.tag), 0)
                seen[(line, element.tag)] = self.nth[element] + 1


_INDEXES: dict[int, _LineIndex] = {}


def clear_cache() -> None:
    """Forget file contents and trees seen so far (files may have changed since)."""
    _lines.cache_clear()
    _tag_starts.cache_clear()
    _INDEXES.clear()


def _index(tree: etree._ElementTree | etree._Element) -> _LineIndex:
    """The line index of the tree, built once, so that locating many problems in a large
    file stays linear."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree.getroottree().getroot()
    index = _INDEXES.get(id(root))
    if index is None or index.root is not root:
        index = _INDEXES[id(root)] = _LineIndex(root)
    return index


def elements_on_line(tree: etree._ElementTree | etree._Element,
                     line: int) -> list[etree._Element]:
    """The elements whose start tag is on ``line``, in document order."""
    return _index(tree).by_line.get(line, [])


def _qname(element: etree._Element) -> str:
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


@lru_cache(maxsize=4096)
def _tag_starts(path: str, line: int, qname: str) -> tuple[int, ...]:
    pattern = re.compile(rf"<{re.escape(qname)}(?=[\s/>]|$)")
    return tuple(m.start() for m in pattern.finditer(_lines(path)[line - 1]))


def element_position(path: Path | str, element: etree._Element) -> tuple[int, int]:
    """(line, column) of the start tag of ``element``, both 1-based; column 1 if unknown."""
    line = element.sourceline or 0
    lines = _lines(str(path))
    if not 0 < line <= len(lines) or not isinstance(element.tag, str):
        return line, 1
    nth = _index(element).nth.get(element, 0)
    starts = _tag_starts(str(path), line, _qname(element))
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
