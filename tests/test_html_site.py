"""The HTML site as a whole: pages, links, anchors, metadata, downloads, search index,
safety of what it contains."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html

from edition.html import render_site
from edition.html.packing import unpack
from edition.html.search import read_records
from edition.html.urls import safe_name
from edition.model import load_edition

EXTERNAL = ("http://", "https://", "mailto:")


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(page: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(page.read_bytes())


def broken_links(site: Path) -> list[str]:
    """Every internal href/src that names a missing file or a missing anchor."""
    ids: dict[Path, set[str]] = {}
    docs = {page: parse(page) for page in pages(site)}
    for page, doc in docs.items():
        ids[page.resolve()] = {e.get("id") for e in doc.iter() if e.get("id")}
    broken = []
    for page, doc in docs.items():
        for element in doc.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if not value or value.startswith(EXTERNAL):
                    continue
                parts = urlsplit(value)
                target = (page.parent / unquote(parts.path)).resolve() if parts.path \
                    else page.resolve()
                if not target.is_file():
                    broken.append(f"{page.relative_to(site)}: {value} (no file)")
                elif parts.fragment and target.suffix == ".html" and \
                        unquote(parts.fragment) not in ids.get(target, set()):
                    broken.append(f"{page.relative_to(site)}: {value} (no anchor)")
    return broken


# ------------------------------------------------------------------ the mini site

def test_site_has_every_kind_of_page(mini_site: Path) -> None:
    names = {str(p.relative_to(mini_site)) for p in pages(mini_site)}
    assert {"index.html", "chronology.html", "principles.html", "search.html",
            "texts/mini1.html", "registers/persons.html", "registers/places.html",
            "registers/organisations.html", "registers/events.html",
            "entries/kim-il-sung.html", "entries/korean-war.html"} <= names


def test_every_internal_link_and_anchor_resolves_in_the_mini_site(mini_site: Path) -> None:
    assert broken_links(mini_site) == []


def test_no_page_loads_anything_from_outside_the_site(mini_site: Path) -> None:
    for page in pages(mini_site):
        doc = parse(page)
        for element in doc.iter("script", "link", "img", "iframe", "source", "audio", "video"):
            url = element.get("src") or (element.get("href") if element.tag == "link"
                                         and element.get("rel") != "canonical" else None)
            assert not url or not re.match(r"^(https?:)?//", url), f"{page}: {url}"
    css = (mini_site / "assets" / "edition.css").read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_every_page_forbids_inline_script_and_has_none(mini_site: Path) -> None:
    for page in pages(mini_site):
        doc = parse(page)
        csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp and "script-src 'self'" in csp[0] and "unsafe-inline" not in csp[0]
        for script in doc.iter("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", page
        handlers = [a for e in doc.iter() for a in e.attrib if a.lower().startswith("on")]
        assert handlers == [], page


def test_every_page_declares_its_language_and_has_one_main_and_a_skip_link(
        mini_site: Path) -> None:
    for page in pages(mini_site):
        doc = parse(page)
        assert doc.get("lang"), page
        assert len(doc.xpath("//main[@id='main']")) == 1, page
        assert doc.xpath("//a[@class='skip-link'][@href='#main']"), page
        assert len(doc.xpath("//h1")) == 1, page


def test_paragraph_anchor_is_its_canonical_reference(mini_site: Path) -> None:
    doc = parse(mini_site / "texts" / "mini1.html")
    for ref in ("mini1.1.1", "mini1.1.2", "mini1.2.1"):
        paragraph = doc.get_element_by_id(ref)
        assert paragraph.tag == "p"
        assert paragraph.xpath(".//a[@class='pnum']/@href") == [f"#{ref}"]


def test_mentions_link_to_entries_and_each_has_its_popover_on_the_page(mini_site: Path) -> None:
    doc = parse(mini_site / "texts" / "mini1.html")
    mentions = doc.xpath("//a[contains(@class, 'ent ')]")
    assert {m.get("data-ref") for m in mentions} >= {"kim-il-sung", "stalin", "moscow", "wpk",
                                                       "korean-war", "pyongyang"}
    for mention in mentions:
        tip = doc.get_element_by_id(mention.get("aria-describedby"))
        assert mention.get("href") == f"../entries/{mention.get('data-ref')}.html"
        assert tip.text_content().strip()
    assert "Leader of the Democratic People's Republic of Korea" in doc.get_element_by_id(
        "tip-kim-il-sung").text_content()


def test_entry_page_lists_every_occurrence_with_context_linking_to_its_paragraph(
        mini_site: Path, mini_edition: Path) -> None:
    edition = load_edition(mini_edition)
    doc = parse(mini_site / "entries" / "kim-il-sung.html")
    lines = doc.xpath("//ul[@class='kwic-list']/li/a")
    mentions = edition.mentions_of("kim-il-sung")
    assert len(lines) == len(mentions) == 1
    assert lines[0].get("href") == "../texts/mini1.html#mini1.1.1"
    assert lines[0].xpath("string(mark)") == "Kim Il Sung"
    assert "visited Moscow" in lines[0].text_content()
    assert doc.xpath("//a[@href='https://www.wikidata.org/wiki/Q41117']")


def test_register_page_counts_mentions(mini_site: Path) -> None:
    doc = parse(mini_site / "registers" / "places.html")
    rows = {r.xpath("string(th)").strip(): r.xpath("string(td[@class='num'])")
            for r in doc.xpath("//tbody/tr")}
    assert rows["Moscow"] == "1"
    assert rows["Pyongyang"] == "1"


def test_chronology_lists_every_date_in_order_with_links(mini_site: Path,
                                                         mini_edition: Path) -> None:
    edition = load_edition(mini_edition)
    doc = parse(mini_site / "chronology.html")
    items = doc.xpath("//ul[contains(@class, 'chronology-list')]/li")
    assert len(items) == len(edition.all_dates) == 3
    links = [i.xpath("string(a/@href)") for i in items]
    assert links == [f"texts/mini1.html#{d.paragraph}" for d in edition.all_dates]
    assert [i.xpath("string(a/mark)") for i in items] == [
        "February 22 to April 7, 1949", "March 1949", "the mid-1950s"]


def test_principles_page_shows_the_editorial_declaration_of_each_text(mini_site: Path) -> None:
    text = parse(mini_site / "principles.html").text_content()
    assert "Errors of the transcription are corrected and recorded." in text


def test_home_page_has_introduction_texts_and_how_to_cite(mini_site: Path) -> None:
    doc = parse(mini_site / "index.html")
    text = doc.text_content()
    assert "This miniature edition exercises every rendering rule" in text
    assert doc.xpath("//a[@href='texts/mini1.html']")
    assert "Ada Editor" in text
    assert len(doc.xpath("//section[@class='how-to-cite']//p[@class='citation']")) == 3
    assert doc.xpath("//a[@href='pdf/mini.pdf']")
    assert doc.xpath("string(//section[@class='responsibilities']//dt)") == "Encoding"


def test_text_page_carries_highwire_dublin_core_and_json_ld(mini_site: Path) -> None:
    doc = parse(mini_site / "texts" / "mini1.html")
    meta = {}
    for element in doc.xpath("//meta[@name]"):
        meta.setdefault(element.get("name"), []).append(element.get("content"))
    assert meta["citation_title"] == ["A Letter on the Visit to Moscow"]
    assert meta["citation_author"] == ["Kim, Il Sung"]
    assert meta["citation_publisher"] == ["Miniature Press"]
    assert meta["citation_publication_date"] == ["2026/01/15"]
    assert meta["citation_pdf_url"] == ["https://editions.example.org/mini/pdf/mini1.pdf"]
    assert meta["DC.title"] == ["A Letter on the Visit to Moscow"]
    assert meta["DC.language"] == ["en"]
    data = json.loads(doc.xpath("string(//script[@type='application/ld+json'])"))
    assert data["name"] == "A Letter on the Visit to Moscow"
    assert data["url"] == "https://editions.example.org/mini/texts/mini1.html"
    assert data["isPartOf"]["name"].startswith("A Miniature Edition")
    assert doc.xpath("//link[@rel='canonical']/@href") == [
        "https://editions.example.org/mini/texts/mini1.html"]


def test_text_page_offers_tei_pdf_and_citation_downloads(mini_site: Path) -> None:
    doc = parse(mini_site / "texts" / "mini1.html")
    hrefs = set(doc.xpath("//a/@href"))
    assert {"../tei/mini1.xml", "../pdf/mini1.pdf", "../cite/mini1.bib", "../cite/mini1.ris",
            "../cite/mini1.json"} <= hrefs
    assert (mini_site / "tei" / "mini1.xml").read_bytes() == (
        Path(__file__).parent / "fixtures" / "mini" / "texts" / "mini1.xml").read_bytes()
    assert json.loads((mini_site / "cite" / "mini1.json").read_text())[0]["title"]


def test_paragraph_citations_script_has_every_paragraph_in_every_style(mini_site: Path) -> None:
    script = (mini_site / "cite" / "mini1.js").read_text(encoding="utf-8")
    payload = unpack(json.loads(script.split("=", 2)[2].rstrip().rstrip(";")))
    assert set(payload) == {"mini1.1.1", "mini1.1.2", "mini1.2.1"}
    entry = payload["mini1.1.2"]
    assert {"chicago", "mla", "apa", "bib", "ris", "json"} <= set(entry)
    assert "1.2" in entry["chicago"]
    assert "mini1.html#mini1.1.2" in entry["ris"]


def test_search_index_holds_every_paragraph_and_every_entry(mini_site: Path,
                                                           mini_edition: Path) -> None:
    edition = load_edition(mini_edition)
    records = read_records(mini_site)
    paragraphs = [r for r in records if r[0] == "p"]
    entries = [r for r in records if r[0] == "e"]
    assert len(paragraphs) == sum(len(t.paragraphs) for t in edition.texts)
    assert len(entries) == len(edition.entries)
    assert records[:len(entries)] == entries  # register entries come first
    assert ["p", "texts/mini1.html#mini1.1.1"] == paragraphs[0][:2]
    by_url = {r[1]: r for r in paragraphs}
    assert "counter-revoluti6nary" in by_url["texts/mini1.html#mini1.1.2"][4]
    assert "counter-revoluti6nary" not in by_url["texts/mini1.html#mini1.1.2"][3]
    assert len(by_url["texts/mini1.html#mini1.1.1"]) == 4
    for script in (mini_site / "assets" / "search").rglob("*.js"):
        assert "<" not in script.read_text(encoding="utf-8").replace("\\u003c", "")


def test_fonts_are_bundled_and_named_by_the_stylesheet(mini_site: Path) -> None:
    css = (mini_site / "assets" / "edition.css").read_text(encoding="utf-8")
    for font in re.findall(r'url\("(fonts/[^"]+)"\)', css):
        assert (mini_site / "assets" / font).is_file(), font


# ------------------------------------------------------------------ edge cases

def _copy_of_mini(mini_edition: Path, tmp_path: Path) -> Path:
    target = tmp_path / "edition"
    shutil.copytree(mini_edition, target)
    return target


def test_without_a_base_url_no_absolute_url_is_invented(mini_edition: Path,
                                                        tmp_path: Path) -> None:
    source = _copy_of_mini(mini_edition, tmp_path)
    header = source / "edition.xml"
    header.write_text(header.read_text(encoding="utf-8").replace(
        '<idno type="URL">https://editions.example.org/mini/</idno>', ""), encoding="utf-8")
    out = tmp_path / "html"
    render_site(load_edition(source), out)
    page = (out / "texts" / "mini1.html").read_text(encoding="utf-8")
    assert "editions.example.org" not in page
    doc = lxml_html.fromstring(page)
    assert not doc.xpath("//link[@rel='canonical']")
    assert not doc.xpath("//meta[@name='citation_pdf_url']")
    assert doc.xpath("//meta[@name='citation_title']")


def test_base_url_from_edition_toml_is_used(mini_edition: Path, tmp_path: Path) -> None:
    source = _copy_of_mini(mini_edition, tmp_path)
    (source / "edition.toml").write_text('[site]\nbase_url = "https://other.example.net/ed"\n')
    out = tmp_path / "html"
    render_site(load_edition(source), out)
    doc = parse(out / "texts" / "mini1.html")
    assert doc.xpath("//link[@rel='canonical']/@href") == [
        "https://other.example.net/ed/texts/mini1.html"]


def test_unknown_element_is_shown_and_named_in_a_warning_with_its_line(
        mini_edition: Path, tmp_path: Path) -> None:
    source = _copy_of_mini(mini_edition, tmp_path)
    text = source / "texts" / "mini1.xml"
    content = text.read_text(encoding="utf-8").replace(
        "turns here.", "turns <oddity>here</oddity>.")
    text.write_text(content, encoding="utf-8")
    line = next(i for i, row in enumerate(content.splitlines(), 1) if "<oddity>" in row)
    out = tmp_path / "html"
    problems = render_site(load_edition(source), out)
    unknown = [p for p in problems if p.rule == "html-unknown-element"]
    assert len(unknown) == 1
    assert unknown[0].severity == "warning"
    assert unknown[0].line == line
    assert unknown[0].path.endswith("mini1.xml")
    assert "<oddity>" in unknown[0].message
    assert "turns <span class=\"tei-unknown tei-oddity\">here</span>" in (
        out / "texts" / "mini1.html").read_text(encoding="utf-8")


def test_hostile_content_never_becomes_markup_or_a_script_link(mini_edition: Path,
                                                               tmp_path: Path) -> None:
    source = _copy_of_mini(mini_edition, tmp_path)
    text = source / "texts" / "mini1.xml"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "turns here.",
        'turns &lt;script&gt;alert(1)&lt;/script&gt; <ref target="javascript:alert(2)">x</ref>'
        ' <ref target="&#10;javascript:alert(3)">y</ref>.').replace(
        '<title type="main">A Letter',
        '<title type="main">&lt;/title&gt;&lt;script&gt;A Letter'),
        encoding="utf-8")
    out = tmp_path / "html"
    render_site(load_edition(source), out)
    for page in pages(out):
        content = page.read_text(encoding="utf-8")
        assert "<script>" not in content, page
        assert "javascript:" not in content, page


@pytest.mark.parametrize("identifier", ["../../etc/passwd", "a/b", ".hidden", "", "con",
                                        "x" * 300, "kim-il-sung", "ünïcode", "a b"])
def test_file_names_from_ids_are_plain_and_stay_in_their_folder(identifier: str) -> None:
    name = safe_name(identifier)
    assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*", name)
    assert len(name) <= 100
    assert name.lower() != "con"


def test_distinct_ids_never_share_a_file_name() -> None:
    ids = ["a/b", "a_b", "a?b", "a b", "A_b", ".a_b"]
    assert len({safe_name(i) for i in ids}) == len(ids)
    assert safe_name("kim-il-sung") == "kim-il-sung"


def test_a_text_with_a_hostile_id_gets_a_sanitised_page(mini_edition: Path,
                                                        tmp_path: Path) -> None:
    source = _copy_of_mini(mini_edition, tmp_path)
    text = source / "texts" / "mini1.xml"
    text.write_text(text.read_text(encoding="utf-8").replace(
        'xml:id="mini1" xml:lang', 'xml:id="con" xml:lang'), encoding="utf-8")
    out = tmp_path / "html"
    render_site(load_edition(source), out)
    written = [p for p in out.rglob("*") if p.is_file()]
    assert all(out in p.parents for p in written)
    assert not (out / "texts" / "con.html").exists()
    assert list((out / "texts").glob("con-*.html"))
    assert broken_links(out) == []


# ------------------------------------------------------------------ the bundled edition

def test_every_internal_link_and_anchor_resolves_in_the_bundled_site(
        bundled_site: Path) -> None:
    assert broken_links(bundled_site) == []


def test_every_paragraph_of_the_bundled_texts_has_its_anchor(bundled_site: Path,
                                                            bundled_edition: Path) -> None:
    edition = load_edition(bundled_edition)
    assert edition.texts
    for text in edition.texts:
        doc = parse(bundled_site / "texts" / f"{safe_name(text.id)}.html")
        anchors = set(doc.xpath("//*[@class='para']/@id"))
        assert {p.ref for p in text.paragraphs} <= anchors


@pytest.mark.parametrize(("iso", "shown"), [("1957", "1957"), ("1957-11", "November 1957"),
                                            ("1957-11-07", "7 November 1957"),
                                            ("1957-13", "1957-13"), ("c. 1950", "c. 1950")])
def test_dates_are_shown_as_readers_write_them(iso: str, shown: str) -> None:
    from edition.html.dates import human_date

    assert human_date(iso) == shown


def test_home_page_describes_the_edition_as_a_book_for_reference_managers(
        mini_site: Path) -> None:
    doc = parse(mini_site / "index.html")
    tags = {e.get("name"): e.get("content") for e in doc.xpath("//meta[@name]")}
    assert tags["citation_title"] == "A Miniature Edition: Fixture for the test suite"
    assert tags["citation_editor"] == "Editor, Ada"
    assert tags["citation_pdf_url"] == "https://editions.example.org/mini/pdf/mini.pdf"
    data = json.loads(doc.xpath("string(//script[@type='application/ld+json'])"))
    assert data["@type"] == "Book"
    assert data["hasPart"][0]["url"] == "https://editions.example.org/mini/texts/mini1.html"


def test_a_long_register_gets_an_index_of_initials_whose_links_resolve(
        mini_edition: Path, tmp_path: Path) -> None:
    source = _copy_of_mini(mini_edition, tmp_path)
    persons = source / "registers" / "persons.xml"
    extra = "".join(f'<person xml:id="p{n}"><persName type="main">{name} {n}</persName></person>'
                    for n, name in enumerate(["Ahn", "Bae", "Cho", "Ōta", "Yun"] * 5))
    persons.write_text(persons.read_text(encoding="utf-8").replace(
        "</listPerson>", extra + "</listPerson>"), encoding="utf-8")
    out = tmp_path / "html"
    render_site(load_edition(source), out)
    doc = parse(out / "registers" / "persons.html")
    initials = doc.xpath("//nav[@class='letter-index']//a/text()")
    # Diacritics do not count in sorting: Ōta files under O.
    assert initials[:3] == ["A", "B", "C"] and "O" in initials and "Ō" not in initials
    assert len(doc.xpath("//tbody/tr[not(@class='letter')]")) == 27
    assert broken_links(out) == []


def test_date_phrases_of_entries_are_readable_in_full_and_shortened_to_years() -> None:
    from edition.html.dates import readable_dates, years

    assert readable_dates("1912-04-15 – 1994-07-08") == "15 April 1912 – 8 July 1994"
    assert readable_dates("until 1953-03") == "until March 1953"
    assert years("1912-04-15 – 1994-07-08") == "1912 – 1994"
    assert years("Q39464-1912") == "Q39464-1912"


def test_rendering_twice_gives_byte_identical_sites(mini_edition: Path, mini_site: Path,
                                                   tmp_path: Path) -> None:
    pdf_dir = tmp_path / "pdf"
    pdf_dir.mkdir()
    for name in ("mini1", "mini"):
        (pdf_dir / f"{name}.pdf").write_bytes(b"%PDF-1.7\n% stand-in for the test\n")
    again = tmp_path / "html"
    render_site(load_edition(mini_edition), again, pdf_dir=pdf_dir)
    first = {p.relative_to(mini_site): p.read_bytes() for p in mini_site.rglob("*")
             if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_the_edition_and_its_texts_have_separate_citation_files(mini_site: Path) -> None:
    doc = parse(mini_site / "index.html")
    assert {"cite/edition/mini.bib", "cite/edition/mini.ris", "cite/edition/mini.json"} <= set(
        doc.xpath("//a/@href"))
    assert json.loads((mini_site / "cite" / "edition" / "mini.json").read_text())[0][
        "type"] == "book"
