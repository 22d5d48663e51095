"""The pages of the site: each function gathers plain data for one template and writes
one file. The reading text comes from the XSLT stage as pre-rendered `Markup`."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from lxml import etree
from markupsafe import Markup

from edition import url_safety
from edition.citation_styles import CITATION_STYLES
from edition.clock import build_date
from edition.describe import listed_names, source_line
from edition.digests import digest, toolchain_digest
from edition.extracts import declared_principles, principles_of
from edition.html import cite, meta, urls
from edition.html.dates import human_date, readable_dates, years
from edition.html.transform import LinkResolver, in_epidoc_apparatus, render_fragment
from edition.model import DateMention, Edition, EntityKind, Entry, Mention, Text
from edition.paths import TEMPLATES_DIR
from edition.problems import Problem
from edition.textual import T
from edition.url_safety import is_safe_external
from edition.witnesses import witnesses as witness_list
from edition.xmlparse import parse_file

TEMPLATE_DIR = TEMPLATES_DIR / "html"
AUTHORITY_LABELS = {"wikidata": "Wikidata", "geonames": "GeoNames", "viaf": "VIAF",
                    "gnd": "GND", "lcnaf": "LCNAF"}
MENTION_TAGS = tuple(f"{T}{n}" for n in ("persName", "placeName", "orgName", "name", "rs",
                                          "geogName"))


@cache
def environment() -> Environment:
    """The Jinja environment (built once per process)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["url"] = urls.anchor
    env.filters["human_date"] = human_date
    env.filters["readable_dates"] = readable_dates
    env.filters["years"] = years
    env.globals["citation_styles"] = CITATION_STYLES
    return url_safety.add_to(env)


@dataclass
class Site:
    """What every page needs to know about the whole site, computed once."""

    edition: Edition
    out: Path
    resolver: LinkResolver
    pdfs: dict[str, str]
    """Text id (or edition id) → site path of its PDF, for the PDFs that exist."""
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    """Entry id → its mentions across all texts, in text order."""
    titles: dict[str, str] = field(default_factory=dict)
    """Text id → title (entry pages and the chronology name many texts)."""

    @classmethod
    def of(cls, edition: Edition, out: Path, pdfs: dict[str, str]) -> Site:
        mentions: dict[str, list[Mention]] = defaultdict(list)
        for text in edition.texts:
            for mention in text.mentions:
                mentions[mention.entry_id].append(mention)
        titles = {text.id: text.meta.title for text in edition.texts}
        return cls(edition, out, LinkResolver(edition), pdfs, dict(mentions), titles)

    def write(self, path: str, template: str, root: str, **context: object) -> None:
        pieces = environment().get_template(template).generate(
            meta=self.edition.meta, root=root, page_path=path,
            build_date=build_date(), registers=self.register_links(root), **context)
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as handle:  # piece by piece: pages are large
            handle.writelines(pieces)

    def register_links(self, root: str) -> list[tuple[str, str]]:
        return [(kind.heading, root + urls.register_page(kind))
                for kind in EntityKind if kind in self.edition.registers]

    def mention_count(self, entry_id: str) -> int:
        return len(self.mentions.get(entry_id, ()))


# ------------------------------------------------------------------ views

@dataclass(frozen=True)
class Occurrence:
    """One keyword-in-context line, linking to its paragraph."""

    href: str
    place: str
    before: str
    surface: str
    after: str


@dataclass(frozen=True)
class TextSummary:
    id: str
    title: str
    subtitle: str | None
    authors: str
    date: str | None
    sources: list[str]
    href: str
    tei: str
    pdf: str | None
    paragraphs: int


def text_summary(site: Site, text: Text, root: str) -> TextSummary:
    pdf = site.pdfs.get(text.id)
    return TextSummary(text.id, text.meta.title, text.meta.subtitle,
                       listed_names(text.meta.authors), text.meta.date,
                       [source_line(s) for s in text.meta.sources],
                       root + urls.text_page(text.id), root + urls.tei_file(text.id),
                       root + pdf if pdf else None, len(text.paragraphs))


def _place(site: Site, text_id: str, ref: str) -> str:
    """``Title ¶ 3.2.5`` for a paragraph, ``Title`` for the text as a whole."""
    title = site.titles.get(text_id, text_id)
    if ref == text_id:
        return title
    return f"{title} ¶ {ref.removeprefix(text_id + '.')}"


def occurrence(site: Site, found: Mention | DateMention, root: str,
               with_title: bool = True) -> Occurrence:
    """A KWIC line; ``with_title=False`` where the lines are already grouped by text."""
    place = _place(site, found.text_id, found.paragraph)
    if not with_title and found.paragraph != found.text_id:
        place = f"¶ {found.paragraph.removeprefix(found.text_id + '.')}"
    # outside any paragraph or division (a title page), the text itself is the place
    href = urls.text_page(found.text_id) if found.paragraph == found.text_id \
        else urls.paragraph_link(found.text_id, found.paragraph)
    return Occurrence(root + href, place, found.before, found.surface, found.after)


# ------------------------------------------------------------------ pages

def render_home(site: Site) -> list[Problem]:
    edition = site.edition
    problems: list[Problem] = []
    introduction = Markup("")
    if edition.introduction is not None:
        introduction, problems = render_fragment(
            edition.introduction, site.resolver, edition.header_path or edition.source,
            root="")
    cite_files = _write_cite_files(site, urls.edition_cite_file(edition.meta.id, "{}"), None)
    site.write("index.html", "index.html", "", introduction=introduction,
               texts=[text_summary(site, t, "") for t in edition.texts],
               citations=cite.styled(edition, None),
               cite_files=cite_files,
               edition_pdf=site.pdfs.get(edition.meta.id),
               meta_tags=meta.edition_meta_tags(edition, site.pdfs.get(edition.meta.id)),
               json_ld=meta.edition_json_ld(edition, site.pdfs.get(edition.meta.id)),
               canonical=meta.base_url(edition))
    return problems


def _write_cite_files(site: Site, pattern: str, text: Text | None) -> list[tuple[str, str]]:
    """Write the BibTeX, RIS and CSL-JSON files at ``pattern`` (a site path with ``{}``
    for the extension); return (label, site path) pairs."""
    files = []
    for extension, content in cite.exports(site.edition, text).items():
        path = pattern.format(extension)
        target = site.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        files.append((cite.EXPORTS[extension][0], path))
    return files


def entry_tips(site: Site, text: Text) -> list[Entry]:
    """The register entries a text's mentions link to (their popovers), in name order."""
    ids: set[str] = set()
    for element in text.tree.getroot().iter(*MENTION_TAGS):
        ref = (element.get("ref") or "").split()
        if ref:
            ids.add(ref[0].split("#", 1)[-1])
    entries = [site.edition.entries[i] for i in ids if i in site.edition.entries]
    return sorted(entries, key=lambda e: (e.sort_key, e.id))


VARIANT_KINDS = ("substitution", "omission", "addition", "transposition", "conjecture")
"""The kinds of reading the apparatus filter offers (``data-type`` of an entry, set by
the ``app-filter-data`` template of xslt/common.xsl)."""


def render_text_page(site: Site, text: Text) -> list[Problem]:
    """One text: header, reading text with notes and apparatus, citation, downloads."""
    from edition.iiif.site import manifest_path, page_views

    edition = site.edition
    reading, problems = render_fragment(text.tree, site.resolver, text.path, root="../")
    pdf = site.pdfs.get(text.id)
    script = cite.paragraph_script(edition, text)
    script_path = urls.cite_file(text.id, "js")
    (site.out / script_path).parent.mkdir(parents=True, exist_ok=True)
    (site.out / script_path).write_text(script, encoding="utf-8")
    root_element = text.tree.getroot()
    body = root_element.find(f"{T}text")
    # (the entries of an EpiDoc apparatus, and their notes, are listed where they stand)
    has_notes = body is not None and any(
        not in_epidoc_apparatus(n) for n in body.iter(f"{T}note"))
    has_apparatus = body is not None and any(
        not in_epidoc_apparatus(a) for a in body.iter(f"{T}app"))
    site.write(urls.text_page(text.id), "text.html", "../", text_id=text.id,
               has_notes=has_notes, has_apparatus=has_apparatus,
               witnesses=witness_list(root_element, text.id),
               variant_kinds=VARIANT_KINDS,
               text_meta=text.meta,
               summary=text_summary(site, text, "../"), reading=reading,
               divisions=text.divisions, tips=entry_tips(site, text),
               facsimiles=page_views(text), manifest="../" + manifest_path(text.id),
               citations=cite.styled(edition, text),
               cite_files=_write_cite_files(site, urls.cite_file(text.id, "{}"), text),
               cite_script="../" + script_path,
               meta_tags=meta.meta_tags(edition, text, pdf),
               json_ld=meta.json_ld(edition, text, pdf),
               canonical=meta.absolute(edition, urls.text_page(text.id)))
    return problems


def render_register_page(site: Site, kind: EntityKind) -> None:
    register = site.edition.registers[kind]
    rows = [(entry, "../" + urls.entry_page(entry.id), site.mention_count(entry.id))
            for entry in register.entries]
    groups: dict[str, list[tuple[Entry, str, int]]] = {}
    for row in rows:
        initial = row[0].sort_key[:1].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(row)
    site.write(urls.register_page(kind), "register.html", "../",
               title=kind.heading, kind=kind, rows=rows,
               groups=list(groups.items()), letter_ids=_letter_ids(groups))


def _letter_ids(groups: dict[str, object]) -> dict[str, str]:
    """An anchor per initial (``letter-a``; non-ASCII initials get a number)."""
    return {letter: f"letter-{letter.lower()}" if letter.isascii() and letter.isalpha()
            else f"letter-{n}" for n, letter in enumerate(groups)}


class PageCache(Protocol):
    """Pages of the previous build taken over when the key of what they show is the same."""

    def take(self, path: str, key: str) -> bool:
        """Put the previous page at ``path`` (site-relative) in place if it was made from
        ``key``; False when it has to be made."""
        ...

    def record(self, path: str, key: str) -> None:
        """``path`` was made from ``key``."""
        ...

    def take_previous(self, path: str) -> bool:
        """Put the previous page at ``path`` in place, whatever it was made from (the
        caller knows it is still right); False when there is none."""
        ...

    def previous_site(self) -> Path:
        """The previous build's site folder (to read, never to write)."""
        ...


def page_salt(site: Site) -> str:
    """Digest of what every entry page shows besides its entry: the code and templates,
    the build date, the edition's metadata and registers."""
    return digest(toolchain_digest(), build_date(), repr(site.edition.meta),
                  repr(site.register_links("../")))


def entry_page_key(site: Site, entry: Entry, salt: str) -> str:
    """Digest of everything an entry page shows: the entry, every line naming it and the
    titles of the texts they are in (XML text holds no ``\x1e`` or ``\x1f``)."""
    mentions = site.mentions.get(entry.id, ())
    lines = "\x1f".join(f"{m.text_id}\x1e{m.paragraph}\x1e{m.surface}\x1e{m.before}"
                        f"\x1e{m.after}" for m in mentions)
    titles = repr([(t, site.titles.get(t)) for t in dict.fromkeys(m.text_id for m in mentions)])
    return digest(salt, repr(entry), titles, lines)


ENTRY_PAGE_CONTEXTS = 200
"""Occurrences shown on one page of an entry; more go on further pages."""


def entry_pages(site: Site, entry: Entry, per_page: int = ENTRY_PAGE_CONTEXTS) -> list[str]:
    """The site paths of an entry's pages: ``entries/<id>.html``, then ``<id>~2.html``
    … (``~`` is in no `urls.safe_name`, so no entry's own page has such a name)."""
    count = max(1, math.ceil(site.mention_count(entry.id) / per_page))
    first = urls.entry_page(entry.id)
    return [first, *(first.removesuffix(".html") + f"~{n}.html" for n in range(2, count + 1))]


def render_entry_pages(site: Site, cache: PageCache | None = None,
                       per_page: int = ENTRY_PAGE_CONTEXTS) -> None:
    """Every register entry's pages; with ``cache``, the pages showing the same as in the
    previous build are taken over from it."""
    salt = page_salt(site) if cache is not None else ""
    for entry in site.edition.entries.values():
        paths = entry_pages(site, entry, per_page)
        key = entry_page_key(site, entry, salt) if cache is not None else ""
        for number, path in enumerate(paths, 1):
            page_key = digest(key, str(number), str(len(paths)))
            if cache is None or not cache.take(path, page_key):
                render_entry_page(site, entry, number, paths, per_page)
                if cache is not None:
                    cache.record(path, page_key)


@dataclass(frozen=True)
class Pager:
    """Where a page stands among the pages of one listing (entry, chronology)."""

    number: int
    links: list[tuple[str, str]]
    """(label, href) of every page, in order."""

    @property
    def previous(self) -> str | None:
        return self.links[self.number - 2][1] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.links[self.number][1] if self.number < len(self.links) else None


def render_entry_page(site: Site, entry: Entry, number: int = 1,
                      paths: list[str] | None = None,
                      per_page: int = ENTRY_PAGE_CONTEXTS) -> None:
    """Page ``number`` of an entry: its data, then its occurrences on that page, grouped
    by text (a text whose occurrences run over two pages is named on both)."""
    paths = paths or [urls.entry_page(entry.id)]
    mentions = site.mentions.get(entry.id, [])
    first = (number - 1) * per_page
    by_text: dict[str, list[Occurrence]] = {}
    for mention in mentions[first:first + per_page]:
        by_text.setdefault(mention.text_id, []).append(
            occurrence(site, mention, "../", with_title=False))
    groups = [(site.titles.get(text_id, text_id), "../" + urls.text_page(text_id), lines)
              for text_id, lines in by_text.items()]
    authorities = [(AUTHORITY_LABELS.get(a.scheme.lower(), a.scheme), a.value, a.url)
                   for a in entry.authorities if a.url is None or is_safe_external(a.url)]
    pager = Pager(number, [(str(n), "../" + p) for n, p in enumerate(paths, 1)])
    site.write(paths[number - 1], "entry.html", "../", entry=entry,
               register_title=entry.kind.heading,
               register_href="../" + urls.register_page(entry.kind),
               authorities=authorities, groups=groups, pager=pager,
               shown=(first + 1, first + sum(len(lines) for *_, lines in groups)),
               count=len(mentions))


def chronology_key(site: Site, salt: str) -> str:
    """Digest of everything the chronology shows: every dated mention, in order, and the
    titles of the texts (XML text holds no ``\x1e`` or ``\x1f``)."""
    lines = "\x1f".join(repr(d) for d in site.edition.all_dates)
    return digest(salt, "chronology", repr(sorted(site.titles.items())), lines)


CHRONOLOGY_PAGE_DATES = 500
"""Above this many dates the chronology is an index of decades and years, and the dates
are on pages of at most this many, each starting with a year where it can."""


def _year(date: DateMention) -> str:
    return date.sort_key[:4] if date.sort_key[:4].isdigit() else "Undated"


def chronology_pages(dates: list[DateMention], per_page: int) -> list[tuple[int, int]]:
    """(start, end) of each page's dates: a year that fits on the page it would start on
    goes there whole; a year longer than a page starts a page and runs over several."""
    pages: list[tuple[int, int]] = []
    start = 0
    for year_start, year_end in _year_spans(dates):
        if year_end - start > per_page and year_start > start:
            pages.append((start, year_start))
            start = year_start
        while year_end - start > per_page:
            pages.append((start, start + per_page))
            start += per_page
    if start < len(dates):
        pages.append((start, len(dates)))
    return pages


def _year_spans(dates: list[DateMention]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for number, date in enumerate(dates):
        if spans and _year(dates[spans[-1][0]]) == _year(date):
            spans[-1] = (spans[-1][0], number + 1)
        else:
            spans.append((number, number + 1))
    return spans


def chronology_page_path(number: int) -> str:
    return f"chronology-{number}.html"


def render_chronology_page(site: Site, cache: PageCache | None = None,
                           per_page: int = CHRONOLOGY_PAGE_DATES) -> None:
    """The chronology: one page, or, above ``per_page`` dates, an index and pages; with
    ``cache``, the pages showing the same as in the previous build are taken over."""
    dates = site.edition.all_dates
    spans = chronology_pages(dates, per_page) if len(dates) > per_page else []
    key = chronology_key(site, page_salt(site)) if cache is not None else ""
    paths = ["chronology.html", *(chronology_page_path(n) for n in range(1, len(spans) + 1))]
    for number, path in enumerate(paths):
        page_key = digest(key, str(per_page), str(number))
        if cache is not None and cache.take(path, page_key):
            continue
        if number == 0:
            render_chronology_index(site, dates, spans)
        else:
            render_chronology(site, dates, spans, number)
        if cache is not None:
            cache.record(path, page_key)


def render_chronology_index(site: Site, dates: list[DateMention],
                            spans: list[tuple[int, int]]) -> None:
    """``chronology.html``: every date when they fit one page, else the decades and years
    with their counts, each year linked to the page it starts on."""
    if not spans:
        site.write("chronology.html", "chronology.html", "", years=_by_year(site, dates),
                   count=len(dates), decades=[], pager=Pager(1, []))
        return
    first_page: dict[str, tuple[str, int]] = {}
    for number, (start, end) in enumerate(spans, 1):
        for date in dates[start:end]:
            year = _year(date)
            link, count = first_page.get(year, (f"{chronology_page_path(number)}#y{year}", 0))
            first_page[year] = (link, count + 1)
    decades: dict[str, list[tuple[str, str, int]]] = {}
    for year, (link, count) in first_page.items():
        decade = f"{year[:3]}0s" if year.isdigit() else year
        decades.setdefault(decade, []).append((year, link, count))
    site.write("chronology.html", "chronology.html", "", years=[], count=len(dates),
               decades=list(decades.items()), pager=Pager(1, []))


def _by_year(site: Site, dates: list[DateMention]
             ) -> list[tuple[str, list[tuple[DateMention, Occurrence]]]]:
    years: dict[str, list[tuple[DateMention, Occurrence]]] = {}
    for date in dates:
        years.setdefault(_year(date), []).append((date, occurrence(site, date, "")))
    return list(years.items())


def render_chronology(site: Site, dates: list[DateMention], spans: list[tuple[int, int]],
                      number: int) -> None:
    """Page ``number`` of a paginated chronology."""
    start, end = spans[number - 1]
    shown = dates[start:end]
    labels = _distinct([_span_label(dates, a, b) for a, b in spans])
    pager = Pager(number, [(label, chronology_page_path(n))
                           for n, label in enumerate(labels, 1)])
    site.write(chronology_page_path(number), "chronology.html", "",
               years=_by_year(site, shown), count=len(dates), decades=[], pager=pager,
               span=labels[number - 1])


def _distinct(labels: list[str]) -> list[str]:
    """``1957``, ``1957 (2)`` … where a year runs over several pages."""
    seen: dict[str, int] = {}
    distinct = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        distinct.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return distinct


def _span_label(dates: list[DateMention], start: int, end: int) -> str:
    first, last = _year(dates[start]), _year(dates[end - 1])
    return first if first == last else f"{first}–{last}"


PRINCIPLES_PAGE_SECTIONS = 50
"""Distinct declarations of principles on one page; more go on further pages."""


def render_principles(site: Site, per_page: int = PRINCIPLES_PAGE_SECTIONS) -> list[Problem]:
    """Editorial principles as each header declares them (edition first, then texts);
    texts declaring the same principles share one section that names them all."""
    problems: list[Problem] = []
    sections: dict[str, tuple[list[tuple[str, str | None]], Markup]] = {}
    rendered: dict[bytes, Markup] = {}
    headers = []
    if site.edition.header_path is not None:
        header = parse_file(site.edition.header_path).getroot()
        headers.append(("The edition", None, header, site.edition.header_path))
    texts = ((t.meta.title, urls.text_page(t.id), t, t.path)
             for t in site.edition.texts)  # one text's tree at a time: editions can be large
    for title, href, source, path in chain(headers, texts):
        declared = (declared_principles(source) if isinstance(source, etree._Element)
                    else principles_of(source))
        if declared is None:
            continue
        xml = etree.tostring(declared)
        html = rendered.get(xml)  # copies of one declaration, rendered once
        if html is None:
            html, found = render_fragment(declared, site.resolver, path, root="")
            problems += found
            if not found:  # a declaration that warns is rendered for each file's lines
                rendered[xml] = html
        sections.setdefault(str(html), ([], html))[0].append((title, href))
    grouped = list(sections.values())
    count = max(1, math.ceil(len(grouped) / per_page))
    paths = ["principles.html", *(f"principles-{n}.html" for n in range(2, count + 1))]
    for number, path in enumerate(paths, 1):
        site.write(path, "principles.html", "",
                   sections=grouped[(number - 1) * per_page:number * per_page],
                   pager=Pager(number, [(str(n), p) for n, p in enumerate(paths, 1)]))
    return problems


def render_search(site: Site) -> None:
    site.write("search.html", "search.html", "")
