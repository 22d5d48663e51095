"""Long listings on pages of their own: an entry's occurrences (grouped by text, at most
`ENTRY_PAGE_CONTEXTS` a page) and the chronology (by year, once it is large)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from edition.html import pages
from edition.model import load_edition


@pytest.fixture(scope="module")
def site(bundled_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> pages.Site:
    edition = load_edition(bundled_edition)
    return pages.Site.of(edition, tmp_path_factory.mktemp("paged"), {})


def _kwic_hrefs(path: Path) -> list[str]:
    doc = lxml_html.parse(str(path))
    return doc.xpath("//ul[contains(@class, 'kwic-list')]//a[@class='kwic']/@href")


def test_an_entry_with_many_occurrences_is_split_into_pages(site: pages.Site) -> None:
    entry_id, mentions = max(((i, m) for i, m in site.mentions.items()
                              if len({x.text_id for x in m}) == 2),
                             key=lambda item: len(item[1]))
    entry = site.edition.entries[entry_id]
    assert len(mentions) > 20 and len({m.text_id for m in mentions}) == 2
    pages.render_entry_pages(site, per_page=7)
    paths = pages.entry_pages(site, entry, per_page=7)
    assert len(paths) == -(-len(mentions) // 7)
    assert paths[1].endswith(f"{entry_id}~2.html")
    shown = [href for p in paths for href in _kwic_hrefs(site.out / p)]
    expected = [pages.occurrence(site, m, "../", with_title=False).href for m in mentions]
    assert shown == expected
    second = lxml_html.parse(str(site.out / paths[1]))
    assert second.xpath("//nav[@class='pager']//a[@aria-current='page']/text()") == ["2", "2"]
    assert second.xpath("//nav[@class='pager']//a[@rel='prev']/@href") == [
        "../" + paths[0]] * 2
    assert second.xpath("//article[contains(@class,'entry')]//h3/a/text()")  # by text
    assert f"({len(mentions)}): 8–14" in second.xpath("string(//h2[@id='occ-heading'])")
    texts = [lxml_html.parse(str(site.out / p)).xpath("//article//h3/a/@href") for p in paths]
    assert all(len(t) in (1, 2) for t in texts) and any(len(t) == 2 for t in texts)


def test_an_entry_that_fits_one_page_has_no_pager(site: pages.Site) -> None:
    entry = next(e for e in site.edition.entries.values() if site.mention_count(e.id) == 1)
    pages.render_entry_page(site, entry)
    doc = lxml_html.parse(str(site.out / pages.entry_pages(site, entry)[0]))
    assert not doc.xpath("//nav[@class='pager']")
    assert len(_kwic_hrefs(site.out / pages.entry_pages(site, entry)[0])) == 1


def test_chronology_pages_keep_years_whole_where_they_fit() -> None:
    class Dated:
        def __init__(self, year: str) -> None:
            self.sort_key = year + "-01-01"

    dates = [Dated(y) for y in ["1950"] * 2 + ["1951"] * 7 + ["1952"] + ["1953"] * 2]
    spans = pages.chronology_pages(dates, 3)
    assert spans == [(0, 2), (2, 5), (5, 8), (8, 10), (10, 12)]
    assert all(end - start <= 3 for start, end in spans)


def test_a_large_chronology_is_an_index_of_years_and_pages(site: pages.Site) -> None:
    dates = site.edition.all_dates
    assert len(dates) > 100
    pages.render_chronology_page(site, per_page=20)
    index = lxml_html.parse(str(site.out / "chronology.html"))
    assert not index.xpath("//ul[contains(@class,'chronology-list')]")
    year_links = index.xpath("//dl[@class='chronology-index']//a/@href")
    assert year_links and all(h.startswith("chronology-") for h in year_links)
    numbered = sorted(site.out.glob("chronology-*.html"), key=lambda p: int(p.stem[11:]))
    assert len(numbered) == len(pages.chronology_pages(dates, 20))
    listed = [h for p in numbered for h in _kwic_hrefs(p)]
    assert listed == [pages.occurrence(site, d, "").href for d in dates]
    for link in year_links:
        page, _, year = link.partition("#")
        assert lxml_html.parse(str(site.out / page)).xpath(f"//*[@id='{year}']"), link


def test_a_small_chronology_stays_one_page(site: pages.Site, tmp_path: Path) -> None:
    small = pages.Site.of(site.edition, tmp_path, {})
    pages.render_chronology_page(small)
    assert not list(tmp_path.glob("chronology-*.html"))
    assert len(_kwic_hrefs(tmp_path / "chronology.html")) == len(site.edition.all_dates)


def test_principles_declared_alike_share_a_section_and_pages_hold_few(
        tmp_path: Path, mini_edition: Path) -> None:
    from bench.synth import generate

    generate(mini_edition, tmp_path / "edition", 4)
    other = sorted((tmp_path / "edition" / "texts").glob("*.xml"))[-1]
    other.write_text(other.read_text(encoding="utf-8").replace(
        "are corrected and recorded", "are left as they stand"), encoding="utf-8")
    edition = load_edition(tmp_path / "edition")
    site = pages.Site.of(edition, tmp_path / "site", {})
    pages.render_principles(site)
    doc = lxml_html.parse(str(tmp_path / "site" / "principles.html"))
    shared = doc.xpath("//section[@class='principles-section'][.//details]")
    assert len(shared) == 1
    assert len(shared[0].xpath(".//details//li/a")) == 3
    pages.render_principles(site, per_page=1)
    sections = len(doc.xpath("//section[@class='principles-section']"))
    numbered = sorted((tmp_path / "site").glob("principles-*.html"))
    assert len(numbered) == sections - 1
    second = lxml_html.parse(str(numbered[0]))
    assert len(second.xpath("//section[@class='principles-section']")) == 1
    assert second.xpath("//nav[@class='pager']//a[@aria-current='page']/text()")[0] == "2"
