"""Links between the files of the site, as the static API documents (DTS, IIIF, OAI-PMH)
write them: absolute below the edition's base URL when it has one, else relative to the
file that holds the link, so that the site works from ``file://`` and any host."""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def site_link(base: str | None, at: str, target: str) -> str:
    """``target`` (a path below the site root) as written in the file ``at``."""
    if base:
        return base + quote(target, safe="/#;=.,~-_")
    relative = posixpath.relpath(target, posixpath.dirname(at) or ".")
    return relative + ("/" if target.endswith("/") else "")
