"""The static DTS 1.0 API of the bundled edition, walked from its entry point through
every template for every text and every reference (`dts_walk`), and its references
compared with the ids the HTML anchors and the citations use."""

from __future__ import annotations

from pathlib import Path

import pytest
from dts_walk import Walk
from lxml import etree, html

from edition.citation.items import paragraph_locator
from edition.dts.citations import citation_tree, tei_xpath
from edition.model import load_edition
from edition.paths import XML_ID


@pytest.fixture(scope="module")
def walk(bundled_site: Path) -> Walk:
    done = Walk(lambda path: (bundled_site / path).read_bytes())
    done.run()
    return done


def test_every_template_answer_parses_and_matches_the_specification(walk: Walk,
                                                                     bundled_site: Path) -> None:
    written = {p.relative_to(bundled_site).as_posix()
               for p in (bundled_site / "dts").rglob("*.json")}
    # every JSON file the build wrote is reached from the entry point
    assert written - set(walk.responses) == set()
    assert set(walk.units) == {"kis1957", "flph2025"}
    assert len(walk.units["kis1957"]) == 63


def test_references_are_the_paragraph_ids_of_the_html_and_the_citations(
        walk: Walk, bundled_site: Path, bundled_edition: Path) -> None:
    edition = load_edition(bundled_edition)
    for text in edition.texts:
        page = html.parse(str(bundled_site / "texts" / f"{text.id}.html"))
        anchors = set(page.xpath("//@id"))
        paragraphs = {p.ref: p for p in text.paragraphs}
        for unit in walk.units[text.id]:
            xml_id = f"{text.id}.{unit['identifier']}"
            assert xml_id in anchors, xml_id
            # the unit's @id is its anchor in the text page
            assert unit["@id"].endswith(f"texts/{text.id}.html#{xml_id}")
            element = walk.passages[(text.id, unit["identifier"])]
            assert element.get(XML_ID) == xml_id
            if unit["citeType"] == "paragraph":
                # a citation's locator of this paragraph is the DTS reference
                assert paragraph_locator(paragraphs[xml_id]) == unit["identifier"]
        cited = {u["identifier"] for u in walk.units[text.id] if u["citeType"] == "paragraph"}
        assert cited == {paragraph_locator(p) for p in text.paragraphs}


def test_chapters_sections_and_front_divisions_follow_the_cite_structure(walk: Walk) -> None:
    units = {u["identifier"]: u for u in walk.units["flph2025"]}
    assert units["1"]["citeType"] == "chapter" and units["1"]["parent"] is None
    assert units["1.0.1"]["parent"] == "1" and units["1.0.1"]["level"] == 2
    assert units["1.1.1"]["parent"] == "1.1" and units["1.1"]["citeType"] == "section"
    assert units["preface.1"]["parent"] == "preface"
    assert units["1.1"]["dublinCore"]["title"][0]["value"]


def test_collection_carries_dublin_core_from_the_headers(walk: Walk) -> None:
    resource = walk.responses["dts/collection/kis1957.json"]
    core = resource["dublinCore"]
    assert core["creator"] == ["Kim Il Sung"]
    assert core["created"] == "1957-11"
    assert core["title"][0] == {"lang": "en",
                                "value": "Friendship and Solidarity Among Socialist Countries"}
    assert resource["mediaTypes"] == ["application/tei+xml"]


def test_unprefixed_cite_structure_xpaths_are_read_in_the_tei_namespace() -> None:
    assert tei_xpath("/TEI/text/body/div[@type='chapter']/p") == \
        "/tei:TEI/tei:text/tei:body/tei:div[@type='chapter']/tei:p"
    assert tei_xpath("string(@n)") == "string(@n)"
    assert tei_xpath("concat(head, 'div')") == "concat(tei:head, 'div')"


def test_a_reference_given_twice_is_reported_and_cited_once(tmp_path: Path) -> None:
    source = tmp_path / "t.xml"
    source.write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t"><teiHeader>
<encodingDesc><refsDecl><citeStructure match="/TEI/text/body/p" use="@n"/></refsDecl>
</encodingDesc></teiHeader><text><body><p n="1"/>
<p n="1"/><p n="2"/></body></text></TEI>""")
    tree = citation_tree(etree.parse(str(source)).getroot(), source)
    assert [u.identifier for u in tree.units] == ["1", "2"]
    assert [p.rule for p in tree.problems] == ["dts-duplicate-ref"]
    assert str(tree.problems[0]).startswith(f"{source}:4:0: warning: citation reference '1' "
                                            "is given to two units (the first is at line 3)")


def test_templates_are_filled_as_uritemplate_fills_them() -> None:
    """`filled` fills the site's templates without uritemplate for string values; the
    paths are the same as ``unquote(uritemplate.expand(...))`` gives."""
    import random
    from urllib.parse import unquote

    import uritemplate

    from edition.dts.site import COLLECTION, DOCUMENT, NAVIGATION, filled

    names = {COLLECTION: ("id", "nav"), NAVIGATION: ("resource", "ref", "down"),
             DOCUMENT: ("resource", "ref")}
    pieces = ["a", "Z", "0", ".", "-", "_", "~", "%", "%41", "/", ";", "=", ",", "?", "#",
              "é", "한", " ", "+", "&", "'", "(", "[", "!", "*", "@", ":", "{", "}"]
    chosen = random.Random(15)
    for _ in range(3000):
        template = chosen.choice(list(names))
        values = {name: "".join(chosen.choice(pieces) for _ in range(chosen.randint(0, 4)))
                  for name in names[template] if chosen.random() < 0.7}
        assert filled(template, **values) == unquote(uritemplate.expand(template, **values))
