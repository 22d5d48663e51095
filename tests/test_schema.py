"""The edition schema: generated from TEI P5 by deletion, complete, and quick to compile."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

from edition.paths import RELAXNG_SCHEMA, SCHEMATRON_SCHEMA
from edition.validate.customise import KEPT_ELEMENTS, RNG, customise, write_schema

TEI_ALL = Path(__file__).parents[1].parent / "shared/tei/tei_all.rng"

# what documentary editions need (the customisation's brief), by area
REQUIRED = set("""
TEI teiHeader fileDesc titleStmt editionStmt publicationStmt availability licence idno
sourceDesc bibl biblStruct analytic monogr imprint series respStmt editor author funder
encodingDesc editorialDecl correction normalization quotation hyphenation interpretation
segmentation punctuation p refsDecl citeStructure citeData projectDesc samplingDecl classDecl
prefixDef listPrefixDef profileDesc langUsage language creation textClass keywords term abstract
revisionDesc change notesStmt extent listWit witness text front body back div head lg l ab list
item label table row cell figure quote q said cit lb pb cb milestone hi emph foreign gloss title
mentioned soCalled ref ptr seg num measure address addrLine docTitle titlePart docAuthor
docImprint docDate titlePage byline dateline opener closer salute signed trailer epigraph
argument persName placeName orgName name rs forename surname roleName addName date time geogName
country settlement region note noteGrp choice sic corr orig reg abbr expan gap unclear supplied
add del subst damage surplus space app lem rdg rdgGrp wit standOff listPerson person personGrp
listPlace place location geo listOrg org listEvent event birth death floruit occupation
affiliation residence state desc listRelation relation listBibl
""".split())


def declared_elements(grammar: etree._Element) -> set[str]:
    return {e.get("name") for e in grammar.iter(f"{RNG}element") if e.get("name")}


@pytest.fixture(scope="session")
def committed() -> etree._Element:
    return etree.parse(str(RELAXNG_SCHEMA)).getroot()


def test_schema_declares_every_element_an_edition_needs(committed):
    assert REQUIRED <= declared_elements(committed)


def test_schema_declares_nothing_beyond_the_chosen_elements(committed):
    assert declared_elements(committed) <= KEPT_ELEMENTS


def test_schema_compiles_in_well_under_a_second():
    tree = etree.parse(str(RELAXNG_SCHEMA))
    best = min(_timed(lambda: etree.RelaxNG(tree)) for _ in range(2))
    assert best < 1.5  # about 0.3 s on an idle machine; tei_all takes 10 s or more


def test_schematron_rules_all_have_an_id_and_a_role():
    sch = etree.parse(str(SCHEMATRON_SCHEMA))
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    tests = sch.xpath("//sch:assert | //sch:report", namespaces=ns)
    assert tests
    assert all(t.get("id") and t.get("role") in {"error", "warning"} for t in tests)
    ids = [t.get("id") for t in tests]
    assert len(ids) == len(set(ids))


def test_customise_refuses_a_name_that_is_no_tei_element():
    tiny = etree.ElementTree(etree.fromstring(
        f'<grammar xmlns="{RNG[1:-1]}"><start><ref name="a"/></start>'
        '<define name="a"><element name="a"><empty/></element></define></grammar>'))
    with pytest.raises(ValueError, match="not TEI P5 elements: zzz"):
        customise(tiny, frozenset({"a", "zzz"}))


def test_dropped_element_becomes_not_allowed_and_its_definition_disappears():
    tiny = etree.ElementTree(etree.fromstring(
        f'<grammar xmlns="{RNG[1:-1]}"><start><ref name="a"/></start>'
        '<define name="a"><element name="a"><zeroOrMore><choice><ref name="b"/>'
        '<ref name="c"/></choice></zeroOrMore></element></define>'
        '<define name="b"><element name="b"><text/></element></define>'
        '<define name="c"><element name="c"><text/></element></define></grammar>'))
    grammar = customise(tiny, frozenset({"a", "b", "c"}) - {"c"})
    assert declared_elements(grammar) == {"a", "b"}
    schema = etree.RelaxNG(grammar)
    assert schema.validate(etree.fromstring("<a><b>x</b></a>"))
    assert not schema.validate(etree.fromstring("<a><c>x</c></a>"))


def test_committed_schema_is_exactly_what_the_generator_makes(tmp_path):
    if not TEI_ALL.is_file():
        pytest.skip(f"full TEI P5 schema not found at {TEI_ALL}")
    write_schema(TEI_ALL, tmp_path / "edition.rng")
    assert (tmp_path / "edition.rng").read_bytes() == RELAXNG_SCHEMA.read_bytes(), (
        "regenerate: python -m edition.validate.customise ../shared/tei/tei_all.rng "
        "tei/schema/edition.rng")


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def test_schemas_are_compiled_once_per_process():
    from edition.validate.schemas import relaxng, schematron

    assert relaxng() is relaxng()
    assert schematron() is schematron()
