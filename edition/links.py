"""Links between the files of the site, as the static API documents (DTS, IIIF, OAI-PMH)
write them: absolute below the edition's base URL when it has one, else relative to the
file that holds the link, so that the site works from ``file://`` and any host."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote


def site_link(base: str | None, at: str, target: str) -> str:
    """``target`` (a path below the site root) as written in the file ``at``."""
    if base:
        return base + quote(target, safe="/#;=.,~-_")
    folder = posixpath.dirname(at)
    if folder and target.startswith(folder + "/"):  # below the file's own folder
        return target[len(folder) + 1:] or "./"
    return _to_root(folder) + target


@lru_cache(maxsize=4096)
def _to_root(folder: str) -> str:
    """The way up from ``folder`` to the site root (``../../``)."""
    return "../" * len([part for part in folder.split("/") if part])
