"""Texts that cross process boundaries without their parsed trees.

A modelled text crosses the process boundary without its parsed tree (lxml trees do
not pickle); a `DetachedText` parses its file again when a stage asks for the tree,
keeping the last few parsed, so a large edition is never held in memory all at once.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import fields
from pathlib import Path

from lxml import etree

from edition.model import Text
from edition.sources import parse_tei

RECENT_TREES = 16
"""Parsed trees of detached texts kept at once. A stage touches a text's tree several
times in a row, then moves on: keeping the last few avoids parsing again without
holding every text of a large edition in memory."""

_recent: OrderedDict[tuple, etree._ElementTree] = OrderedDict()


def _recent_tree(path: Path) -> etree._ElementTree:
    """The parsed file, from the cache while the file is unchanged on disk."""
    status = os.stat(path)
    key = (str(path), status.st_ino, status.st_size, status.st_mtime_ns)
    tree = _recent.pop(key, None)
    if tree is None:
        tree = parse_tei(path)
    _recent[key] = tree
    while len(_recent) > RECENT_TREES:
        _recent.popitem(last=False)
    return tree


def forget_trees() -> None:
    """Drop the parsed trees kept so far (a new build starts)."""
    _recent.clear()


class DetachedText(Text):
    """A `Text` whose TEI tree is parsed from its file again when first needed.

    Pickles without the tree, so it can be sent to and from worker processes and kept
    in the build cache.
    """

    @property  # type: ignore[override]
    def tree(self) -> etree._ElementTree:
        given = self.__dict__.get("_tree")
        if given is not None:
            return given
        return _recent_tree(self.path)

    @tree.setter
    def tree(self, value: etree._ElementTree | None) -> None:
        self.__dict__["_tree"] = value

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_tree"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    @classmethod
    def of(cls, text: Text, keep_tree: bool = False) -> DetachedText:
        values = {f.name: getattr(text, f.name) for f in fields(text)}
        if not keep_tree:
            values["tree"] = None
        return cls(**values)
