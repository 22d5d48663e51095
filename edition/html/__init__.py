"""The HTML edition: a static, offline, accessible site written by `render_site`.

XSLT (``xslt/html.xsl`` importing ``xslt/common.xsl``) renders each text's TEI; Jinja2
(``templates/html/``) builds the pages around it; ``templates/html/assets/`` holds the CSS
and the scripts (popovers, reading switch, Cite dialog, search). The URL scheme is in
`edition.html.urls`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from edition.html import pages
from edition.html.assets import copy_assets, copy_pdfs, copy_sources
from edition.html.search import write_search_index
from edition.model import Edition, Text
from edition.problems import Problem

if TYPE_CHECKING:
    from edition.dts.site import TextDts

__all__ = ["render_site", "render_text_page"]


Meanwhile = Callable[[], list[Problem]]
TextsRenderer = Callable[[pages.Site, list[Text], Meanwhile, "TextApis"], list[Problem]]
"""Renders the text pages of a site and, while they are being rendered (by workers),
runs the given function in this process, and writes the static API files of every text
(`TextApis`); returns the problems of the pages and of the function."""


@dataclass
class TextApis:
    """The static API files of each text (its DTS navigation and documents), written on
    every build for every text, alongside its pages; ``done`` holds what was written, in
    the order of the edition's texts."""

    done: list[TextDts] | None = None

    @staticmethod
    def write(site: pages.Site, text: Text) -> TextDts:
        from edition.dts.site import write_text_dts  # reads the site's URL scheme

        return write_text_dts(site.edition, site.out, text)


def render_texts_here(site: pages.Site, texts: list[Text], meanwhile: Meanwhile = list,
                      apis: TextApis | None = None) -> list[Problem]:
    """Render the text pages one after the other in this process, then ``meanwhile``."""
    problems = [p for text in texts for p in render_text_page(site, text)] + meanwhile()
    if apis is not None:
        apis.done = [TextApis.write(site, text) for text in site.edition.texts]
    return problems


def render_site(edition: Edition, out_dir: Path, pdf_dir: Path | None = None,
                render_texts: TextsRenderer = render_texts_here,
                text_of_id: dict[str, str] | None = None,
                page_cache: pages.PageCache | None = None) -> list[Problem]:
    """Write the whole site into ``out_dir``; return the warnings (never raises for content
    it can render). ``pdf_dir`` holds PDFs already built (``<id>.pdf``) to offer as
    downloads. ``render_texts`` renders the text pages (the build passes one that uses
    every core and reuses unchanged pages); ``text_of_id`` (every xml:id of every text →
    its text), when the build has it, spares reading every text to resolve links;
    ``page_cache`` takes over entry pages that show the same as in the previous build."""
    out_dir.mkdir(parents=True, exist_ok=True)
    problems = copy_assets(out_dir)
    copy_sources(edition, out_dir)
    pdfs = copy_pdfs(edition, pdf_dir, out_dir) if pdf_dir is not None else {}
    site = pages.Site.of(edition, out_dir, pdfs)
    if text_of_id is not None:
        site.resolver.know_ids(text_of_id)
    problems += pages.render_home(site)
    apis = TextApis()
    problems += render_texts(site, edition.texts,
                             lambda: render_collection_pages(site, page_cache), apis)
    problems += render_site_api(edition, out_dir, apis.done)
    return sorted(set(problems))


def render_collection_pages(site: pages.Site, page_cache: pages.PageCache | None = None
                            ) -> list[Problem]:
    """The pages that show every text: registers, entries, chronology, principles, search
    (made while workers render the text pages: they need the model, not the pages)."""
    for kind in site.edition.registers:
        pages.render_register_page(site, kind)
    pages.render_entry_pages(site, page_cache)
    pages.render_chronology_page(site, page_cache)
    problems = pages.render_principles(site)
    pages.render_search(site)
    write_search_index(site.edition, site.out, page_cache)
    return problems


def render_site_api(edition: Edition, out_dir: Path, texts: list[TextDts] | None = None
                    ) -> list[Problem]:
    """The DTS API, the IIIF images and manifests and the harvesting files, written once
    every page exists (the sitemap lists the pages written). ``texts``: the DTS files of
    each text, when they are written already (`TextApis`)."""
    from edition.dts.site import write_dts  # these read the site's URL scheme: imported late
    from edition.harvest.site import write_harvest
    from edition.iiif.site import write_iiif

    return write_dts(edition, out_dir, texts) + write_iiif(edition, out_dir) + write_harvest(
        edition, out_dir)


def render_text_page(site: pages.Site, text: Text) -> list[Problem]:
    """One text's page (and its citation files); a function of the edition and the text."""
    return pages.render_text_page(site, text)
