"""The HTML edition: a static, offline, accessible site written by `render_site`.

XSLT (``xslt/html.xsl`` importing ``xslt/common.xsl``) renders each text's TEI; Jinja2
(``templates/html/``) builds the pages around it; ``templates/html/assets/`` holds the CSS
and the scripts (popovers, reading switch, Cite dialog, search). The URL scheme is in
`edition.html.urls`.
"""

from __future__ import annotations

from pathlib import Path

from edition.html import pages
from edition.html.assets import copy_assets, copy_pdfs, copy_sources
from edition.html.search import INDEX_FILE, search_script
from edition.model import Edition, Text
from edition.problems import Problem

__all__ = ["render_site", "render_text_page"]


def render_site(edition: Edition, out_dir: Path, pdf_dir: Path | None = None) -> list[Problem]:
    """Write the whole site into ``out_dir``; return the warnings (never raises for content
    it can render). ``pdf_dir`` holds PDFs already built (``<id>.pdf``) to offer as
    downloads."""
    out_dir.mkdir(parents=True, exist_ok=True)
    problems = copy_assets(out_dir)
    copy_sources(edition, out_dir)
    pdfs = copy_pdfs(edition, pdf_dir, out_dir) if pdf_dir is not None else {}
    site = pages.Site.of(edition, out_dir, pdfs)
    problems += pages.render_home(site)
    for text in edition.texts:
        problems += render_text_page(site, text)
    for kind in edition.registers:
        pages.render_register_page(site, kind)
    for entry in edition.entries.values():
        pages.render_entry_page(site, entry)
    pages.render_chronology(site)
    problems += pages.render_principles(site)
    pages.render_search(site)
    (out_dir / INDEX_FILE).write_text(search_script(edition), encoding="utf-8")
    return sorted(set(problems))


def render_text_page(site: pages.Site, text: Text) -> list[Problem]:
    """One text's page (and its citation files); a function of the edition and the text."""
    return pages.render_text_page(site, text)
