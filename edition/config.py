"""Build settings that are not edition metadata: read from an optional ``edition.toml``.

The edition's own metadata (title, editors, licence, version) lives in the edition-level
TEI header. This file only holds how to publish it. Paths are resolved relative to the
file. Example::

    [site]
    base_url = "https://editions.example.org/dprk/"   # canonical URLs and citations

    [pdf]
    trim_width_mm = 156
    trim_height_mm = 234

    [deposit]
    doi = "10.5281/zenodo.1234568"            # reserved for the draft, before publication
    concept_doi = "10.5281/zenodo.1234566"    # the DOI of all versions (IsVersionOf)
    previous_doi = "10.5281/zenodo.1234567"   # the version this one replaces (IsNewVersionOf)
"""

from __future__ import annotations

import re
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

    trim_width_mm: float = 156.0
    """Page width of the printed book."""

    trim_height_mm: float = 234.0
    """Page height of the printed book."""

    doi: str | None = None
    """A DOI reserved in advance (a Zenodo or InvenioRDM draft reserves one), used where the
    edition header declares none; the header's ``idno type="DOI"`` must not disagree."""

    concept_doi: str | None = None
    """The DOI that stands for every version of the edition (Zenodo's concept DOI)."""

    previous_doi: str | None = None
    """The DOI of the version this one succeeds."""


def load_config(source: Path) -> Config:
    """Read ``edition.toml`` from the edition folder; defaults when there is none."""
    path = source / CONFIG_NAME if source.is_dir() else source.parent / CONFIG_NAME
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise EditionError(f"invalid configuration: {error}", path=path, rule="config") from None
    site, pdf, deposit = data.get("site", {}), data.get("pdf", {}), data.get("deposit", {})
    unknown = set(data) - {"site", "pdf", "deposit"}
    if unknown:
        raise EditionError(f"unknown section [{sorted(unknown)[0]}] "
                           "(expected [site], [pdf] or [deposit])", path=path, rule="config")
    try:
        return Config(
            base_url=_base_url(site.get("base_url")),
            trim_width_mm=float(pdf.get("trim_width_mm", Config.trim_width_mm)),
            trim_height_mm=float(pdf.get("trim_height_mm", Config.trim_height_mm)),
            **{key: _doi(deposit.get(key), key) for key in DEPOSIT_KEYS},
        )
    except (TypeError, ValueError) as error:
        raise EditionError(f"invalid configuration value: {error}", path=path,
                           rule="config") from None


def _base_url(value: object) -> str | None:
    if value is None:
        return None
    url = str(value)
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"base_url must start with https:// or http://, not {url!r}")
    return url if url.endswith("/") else url + "/"


DEPOSIT_KEYS = ("doi", "concept_doi", "previous_doi")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


def _doi(value: object, key: str) -> str | None:
    """A bare DOI (``10.5281/zenodo.42``); a ``https://doi.org/`` link is reduced to it."""
    if value is None:
        return None
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", str(value).strip())
    if not _DOI.fullmatch(doi):
        raise ValueError(f"[deposit] {key} is not a DOI (10.<prefix>/<suffix>): {value!r}")
    return doi
