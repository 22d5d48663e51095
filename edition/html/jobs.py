"""A text's pages as a job for a worker process: rendered from the site the building
process installed, written into a scratch folder, then moved into the site.
"""

from __future__ import annotations

import copy
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from edition.detached import DetachedText
from edition.problems import EditionError, Problem

if TYPE_CHECKING:
    from edition.dts.site import TextDts
    from edition.html.pages import Site


_SITE: dict[str, Site | None] = {}
"""The site being rendered, by kind (``html``), installed in the parent before the pool
of workers starts: forked workers inherit it, the serial executor shares it."""


def install_site(kind: str, site: Site | None) -> None:
    _SITE[kind] = site


def portable_site(site: Site) -> Site:
    """``site`` in a form that pickles, for workers that do not share this process's
    memory: texts without their trees, the edition without its introduction (the
    home page's, rendered by the building process itself)."""
    edition = copy.copy(site.edition)
    edition.introduction = None
    edition.texts = [t if isinstance(t, DetachedText) else DetachedText.of(t)
                     for t in edition.texts]
    resolver = copy.copy(site.resolver)
    resolver.edition = edition
    return replace(site, edition=edition, resolver=resolver)


def _installed_site(kind: str) -> Site:
    site = _SITE.get(kind)
    if site is None:
        raise EditionError(f"no {kind} site installed in this worker process: per-text "
                           "rendering needs an executor whose workers start from the "
                           "building process (see docs/scaling.md)", rule="build-executor")
    return site


def _move_into(private: Path, target: Path) -> list[str]:
    """Move every file written below ``private`` to the same place below ``target``."""
    files = sorted(str(p.relative_to(private)) for p in private.rglob("*") if p.is_file())
    for name in files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(private / name, target / name)
    shutil.rmtree(private, ignore_errors=True)
    return files


def render_text_html(job: tuple[str, str, str]) -> tuple[list[str], list[Problem]]:
    """Render one text's pages; return the files written (relative to the site folder)
    and the warnings.

    ``job`` is (text id, a private scratch folder, the site folder). The pages are
    written into the scratch folder first, so the files that belong to this text are
    known whatever the renderer writes, then moved into the site.
    """
    from edition.html import render_text_page

    text_id, private, target = job
    site = _installed_site("html")
    text = site.edition.text(text_id)
    problems = render_text_page(replace(site, out=Path(private)), text)
    return _move_into(Path(private), Path(target)), problems


def write_text_api(job: tuple[str, str]) -> TextDts:
    """Write one text's static API files (`edition.html.TextApis`); ``job`` is (text id,
    the site folder). Written straight into the site: they are made again on every build,
    so no product records them."""
    from edition.html import TextApis

    text_id, target = job
    site = _installed_site("html")
    return TextApis.write(replace(site, out=Path(target)), site.edition.text(text_id))
