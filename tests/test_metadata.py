"""Metadata read from the TEI headers: the one source of every citation and imprint."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.config import Config
from edition.metadata import read_edition_meta, read_text_meta
from edition.model import load_edition


def test_edition_metadata_comes_from_the_edition_header(mini_edition: Path) -> None:
    meta = load_edition(mini_edition).meta
    assert (meta.id, meta.title, meta.version, meta.year) == (
        "mini", "A Miniature Edition", "1.2.0", "2026")
    assert meta.editors[0].name == "Ada Editor"
    assert meta.editors[0].name_inverted == "Editor, Ada"
    assert meta.editors[0].orcid == "0000-0002-1825-0097"
    assert meta.licence_url == "https://creativecommons.org/licenses/by/4.0/"
    assert meta.base_url == "https://editions.example.org/mini/"
    assert meta.doi is None
    assert meta.keywords == ("diplomacy", "letters")


def test_a_configured_base_url_wins_over_the_header(mini_edition: Path) -> None:
    root = etree.parse(str(mini_edition / "edition.xml")).getroot()
    meta = read_edition_meta(root, Config(base_url="https://mirror.example.net/e/"))
    assert meta.base_url == "https://mirror.example.net/e/"


def test_text_metadata_reads_the_source_bibliography(mini_edition: Path) -> None:
    text = load_edition(mini_edition).text("mini1")
    source = text.meta.sources[0]
    assert text.meta.date == "1949-04-10"
    assert text.meta.authors[0].family == "Kim"
    assert (source.title, source.container_title) == ("A Letter on the Visit",
                                                      "Collected Letters")
    assert [e.name for e in source.editors] == ["Kim Jun Hyok"]
    assert [t.name for t in source.translators] == ["Kim Yong Nam"]
    assert (source.place, source.date, source.volume, source.pages) == (
        "Pyongyang", "1982", "3", "10–11")


def test_a_text_without_header_still_has_a_title() -> None:
    root = etree.fromstring(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p>'
                            b"</body></text></TEI>")
    meta = read_text_meta(root, "t1")
    assert (meta.title, meta.language) == ("t1", "en")
