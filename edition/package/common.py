"""Values several deposit metadata files share: licence identifiers, the description."""

from __future__ import annotations

import re

from edition.model import Edition
from edition.paths import T
from edition.textual import reading

_CC = re.compile(r"creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/(\d\.\d)")


def spdx_licence(url: str | None) -> str | None:
    """SPDX identifier of a Creative Commons licence URL (``CC-BY-4.0``, ``CC0-1.0``); None
    for any other licence, which is then described by name and URL only."""
    match = _CC.search(url or "")
    if not match:
        return None
    kind, name, version = match.groups()
    if kind == "publicdomain":
        return f"CC0-{version}" if name == "zero" else None
    return f"CC-{name.upper()}-{version}"


def description(edition: Edition) -> str:
    """The first paragraph of the edition's introduction, else its full title."""
    if edition.introduction is not None:
        for paragraph in edition.introduction.iter(f"{T}p"):
            text = reading(paragraph)
            if text:
                return text
    return edition.meta.full_title


def orcid_url(orcid: str | None) -> str | None:
    if not orcid:
        return None
    return orcid if orcid.startswith("https://") else f"https://orcid.org/{orcid}"


def ror_url(ror: str | None) -> str | None:
    if not ror:
        return None
    return ror if ror.startswith("https://") else f"https://ror.org/{ror}"


def bare_orcid(orcid: str | None) -> str | None:
    return orcid.rsplit("/", 1)[-1] if orcid else None
