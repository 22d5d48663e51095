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


def _register(persons: int, relation_first: bool = False) -> etree._Element:
    entries = "".join(f'<person xml:id="p{i}"><persName>P {i}</persName></person>'
                      for i in range(persons))
    relation = '<relation name="knows" active="#p0" passive="#p1"/>'
    after = '<person xml:id="last"><persName>Last</persName></person>'
    body = (relation + entries) if relation_first else (entries + relation + after)
    return etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>'
        "t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s"
        f"</p></sourceDesc></fileDesc></teiHeader><text><body><listPerson>{body}"
        "</listPerson></body></text></TEI>")


def test_register_lists_are_written_so_that_libxml2_matches_them_in_one_pass(committed):
    for name in ("listPerson", "listPlace", "listOrg", "listEvent", "listBibl"):
        content = committed.find(f"{RNG}define[@name='tei_{name}']/{RNG}element/{RNG}group")
        nested = [r for r in content.iter(f"{RNG}oneOrMore") if r.find(f"{RNG}oneOrMore")
                  is not None]
        assert not nested, name


def test_a_personography_of_thousands_validates_in_well_under_a_second():
    schema = etree.RelaxNG(etree.parse(str(RELAXNG_SCHEMA)))
    tree = _register(4000)
    took = _timed(lambda: schema.validate(tree))
    assert schema.validate(tree), schema.error_log
    assert took < 1.0  # 0.05 s; the ambiguous TEI form took minutes at this size


def test_the_rewritten_register_accepts_and_refuses_what_tei_all_does():
    if not TEI_ALL.is_file():
        pytest.skip(f"full TEI P5 schema not found at {TEI_ALL}")
    ours = etree.RelaxNG(etree.parse(str(RELAXNG_SCHEMA)))
    full = etree.RelaxNG(etree.parse(str(TEI_ALL)))
    for tree in (_register(3), _register(3, relation_first=True)):
        assert ours.validate(tree) and full.validate(tree)
    empty = _register(0, relation_first=True)  # relations but no person: TEI refuses it
    assert not ours.validate(empty) and not full.validate(empty)


def test_rewriting_a_repetition_keeps_its_language():
    from edition.validate.customise import unambiguous_repetitions

    grammar = etree.fromstring(
        f'<grammar xmlns="{RNG[1:-1]}"><start><element name="r"><oneOrMore><oneOrMore>'
        '<element name="a"><empty/></element></oneOrMore><zeroOrMore>'
        '<element name="b"><empty/></element></zeroOrMore></oneOrMore></element></start>'
        "</grammar>")
    assert unambiguous_repetitions(grammar) == 1
    schema = etree.RelaxNG(grammar)
    for content, valid in (("a", True), ("aab", True), ("abba", True), ("ab ab b", True),
                           ("", False), ("b", False), ("ba", False)):
        tree = etree.fromstring("<r>" + "".join(f"<{c}/>" for c in content if c != " ") +
                                "</r>")
        assert schema.validate(tree) is valid, content
