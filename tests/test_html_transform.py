"""The web stylesheet as a whole: coverage of the customisation, warnings for the rest,
and one compilation per process."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.html.transform import LinkResolver, html_stylesheet, render_fragment
from edition.model import load_edition
from edition.paths import RELAXNG_SCHEMA

RNG = "{http://relaxng.org/ns/structure/1.0}"

HEADER_ONLY = {
    # the header's structure and declarations (shown on pages from the model, or on the
    # principles page under editorialDecl), facsimile zones and witness declarations
    "TEI", "teiHeader", "text", "body", "abstract", "appInfo", "application", "authority",
    "availability", "cRefPattern", "calendar", "calendarDesc", "catDesc", "catRef",
    "category", "change", "citeData", "citeStructure", "classCode", "classDecl",
    "correction", "correspAction", "correspContext", "correspDesc", "creation",
    "distributor", "editionStmt", "fileDesc", "funder", "hyphenation", "interpretation",
    "keywords", "langUsage", "language", "licence", "listChange", "listPrefixDef",
    "meeting", "namespace", "normalization", "notesStmt", "particDesc", "prefixDef",
    "principal", "profileDesc", "publicationStmt", "punctuation", "quotation", "refsDecl",
    "rendition", "resp", "respStmt", "revisionDesc", "schemaRef", "segmentation",
    "seriesStmt", "sourceDesc", "sponsor", "stdVals", "surface", "tagUsage", "tagsDecl",
    "taxonomy", "textClass", "textLang", "titleStmt", "variantEncoding", "witness", "zone",
}


@pytest.fixture(scope="module")
def resolver(mini_edition: Path) -> LinkResolver:
    return LinkResolver(load_edition(mini_edition))


def customisation_elements() -> list[str]:
    if not RELAXNG_SCHEMA.is_file():
        pytest.skip("the edition's schema is not there yet")
    schema = etree.parse(str(RELAXNG_SCHEMA))
    return sorted({e.get("name") for e in schema.iter(f"{RNG}element") if e.get("name")})


def warnings_for(body: str, resolver: LinkResolver) -> set[str]:
    document = etree.ElementTree(etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        f'<p n="1" xml:id="t.1">{body}</p></body></text></TEI>'))
    _, problems = render_fragment(document, resolver, Path("t.xml"))
    return {p.message.split(">")[0].lstrip("<") for p in problems}


def test_every_element_of_the_customisation_outside_the_header_has_a_rendering(
        resolver: LinkResolver) -> None:
    names = [n for n in customisation_elements() if n not in HEADER_ONLY]
    assert len(names) > 100
    body = "".join(f"<{name}>x</{name}>" for name in names)
    assert warnings_for(body, resolver) == set()


def test_an_element_without_a_rendering_is_reported_once_per_place(
        resolver: LinkResolver) -> None:
    assert warnings_for("<castanet>a</castanet><foo>b</foo>", resolver) == {"castanet", "foo"}


def test_the_stylesheet_is_compiled_once_per_process() -> None:
    assert html_stylesheet() is html_stylesheet()


def test_elements_of_other_vocabularies_keep_their_text_and_are_reported(
        resolver: LinkResolver) -> None:
    found = warnings_for('<svg:svg xmlns:svg="http://www.w3.org/2000/svg">kept</svg:svg>',
                         resolver)
    assert found == {"svg:svg"}
