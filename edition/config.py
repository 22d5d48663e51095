"""Build settings that are not edition metadata: read from an optional ``edition.toml``.

The edition's own metadata (title, editors, licence, version) lives in the edition-level
TEI header. This file only holds how to publish it. Paths are resolved relative to the
file. Example::

    [site]
    base_url = "https://editions.example.org/dprk/"   # canonical URLs and citations
    oai_gateway = "https://gateway.example.org/oai/"  # the OAI-PMH static repository gateway
    admin_email = "editors@example.org"               # the OAI-PMH repository's contact

    [pdf]
    trim_width_mm = 156
    trim_height_mm = 234
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from edition.problems import EditionError

CONFIG_NAME = "edition.toml"


@dataclass(frozen=True)
class Config:
    base_url: str | None = None
    """Where the HTML site is published; used for canonical URLs, citation URLs and meta tags.
    When unset, the edition header's ``idno type="URL"`` is used, else links stay relative."""

    oai_gateway: str | None = None
    """The OAI-PMH Static Repository Gateway that answers harvesters for ``oai.xml``."""

    admin_email: str | None = None
    """Contact of the OAI-PMH repository (its ``adminEmail``)."""

    trim_width_mm: float = 156.0
    """Page width of the printed book."""

    trim_height_mm: float = 234.0
    """Page height of the printed book."""


def load_config(source: Path) -> Config:
    """Read ``edition.toml`` from the edition folder; defaults when there is none."""
    path = source / CONFIG_NAME if source.is_dir() else source.parent / CONFIG_NAME
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise EditionError(f"invalid configuration: {error}", path=path, rule="config") from None
    site, pdf = data.get("site", {}), data.get("pdf", {})
    unknown = set(data) - {"site", "pdf"}
    if unknown:
        raise EditionError(f"unknown section [{sorted(unknown)[0]}] (expected [site] or [pdf])",
                           path=path, rule="config")
    try:
        return Config(
            base_url=_base_url(site.get("base_url")),
            oai_gateway=_base_url(site.get("oai_gateway"), "oai_gateway"),
            admin_email=str(site["admin_email"]) if site.get("admin_email") else None,
            trim_width_mm=float(pdf.get("trim_width_mm", Config.trim_width_mm)),
            trim_height_mm=float(pdf.get("trim_height_mm", Config.trim_height_mm)),
        )
    except (TypeError, ValueError) as error:
        raise EditionError(f"invalid configuration value: {error}", path=path,
                           rule="config") from None


def _base_url(value: object, name: str = "base_url") -> str | None:
    if value is None:
        return None
    url = str(value)
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"{name} must start with https:// or http://, not {url!r}")
    return url if url.endswith("/") else url + "/"
