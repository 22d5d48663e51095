"""Name tagging rules of `edition annotate`, on small TEI snippets and test registers."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.annotate import gazetteer
from edition.annotate.document import annotate_tree
from edition.paths import TEI_NS

REGISTERS = Path(__file__).resolve().parent / "fixtures" / "annotate" / "registers"
T = f"{{{TEI_NS}}}"
HEADER = ("<teiHeader><fileDesc><titleStmt><title>Kim Il Sung in Korea, 1949</title>"
          "</titleStmt></fileDesc></teiHeader>")


@pytest.fixture(scope="module")
def names() -> gazetteer.Gazetteer:
    return gazetteer.load(REGISTERS)


def annotate(body: str, names: gazetteer.Gazetteer, report: bool = False):  # noqa: ANN201
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}">{HEADER}<text><body>{body}</body></text>'
                            "</TEI>")
    tree = root.getroottree()
    result = annotate_tree(tree, names, Path("t.xml"), report=report)
    body_xml = etree.tostring(root.find(f"{T}text/{T}body"), encoding="unicode")
    inner = body_xml[body_xml.index(">") + 1:body_xml.rindex("<")]
    return inner, result, root


def test_a_title_before_a_name_is_inside_the_tag_as_role_name(names) -> None:
    out, _, _ = annotate("<p>Then President Kim Il Sung spoke.</p>", names)
    assert out == ('<p>Then <persName ref="#kim-il-sung"><roleName>President</roleName> '
                   "Kim Il Sung</persName> spoke.</p>")


def test_a_possessive_ending_stays_outside_the_tag(names) -> None:
    out, _, _ = annotate("<p>Stalin's remarks and Kim Il Sung’s reply.</p>", names)
    assert '<persName ref="#stalin">Stalin</persName>\'s remarks' in out
    assert '<persName ref="#kim-il-sung">Kim Il Sung</persName>’s reply' in out


def test_the_longest_name_wins_over_a_name_inside_it(names) -> None:
    out, _, _ = annotate("<p>The Workers' Party of Korea and Korea.</p>", names)
    assert out == ('<p>The <orgName ref="#wpk">Workers\' Party of Korea</orgName> and '
                   '<placeName ref="#korea">Korea</placeName>.</p>')


def test_curly_and_straight_apostrophes_match_the_same_name(names) -> None:
    out, _, _ = annotate("<p>The Workers’ Party of Korea met.</p>", names)
    assert '<orgName ref="#wpk">Workers’ Party of Korea</orgName>' in out


def test_a_nationality_adjective_is_not_tagged_as_the_place(names) -> None:
    out, result, _ = annotate("<p>The Korean people and the Koreas.</p>", names)
    assert "placeName" not in out and not result.changed


def test_the_header_is_never_tagged(names) -> None:
    _, _, root = annotate("<p>Korea</p>", names)
    assert root.find(f"{T}teiHeader//{T}placeName") is None
    assert root.find(f"{T}teiHeader//{T}date") is None


def test_nothing_is_tagged_inside_existing_tags_sic_orig_or_notes(names) -> None:
    body = ('<p><persName ref="#x">Stalin in Korea</persName> <date when="1949">Korea 1949'
            "</date> <choice><sic>Korea</sic><corr>Corea</corr></choice> <choice><orig>Korea"
            "</orig><reg>Corea</reg></choice><note>Korea</note></p>")
    out, result, _ = annotate(body, names)
    assert not result.changed
    assert out == body.replace(' ref="#x"', ' ref="#x"')


def test_a_name_split_by_an_element_is_not_tagged_across_it(names) -> None:
    out, result, _ = annotate('<p>Workers\' Party of <pb break="no"/>Korea</p>', names)
    assert "orgName" not in out
    assert result.counts["places"] == 1  # only the part after the page break is a name


def test_a_correction_that_is_a_whole_name_is_tagged_around_the_choice(names) -> None:
    out, _, _ = annotate("<p>Said <choice><sic>Willy Brant</sic><corr>Willy Brandt</corr>"
                         "</choice>, smiling.</p>", names)
    assert out == ('<p>Said <persName ref="#brandt"><choice><sic>Willy Brant</sic>'
                   "<corr>Willy Brandt</corr></choice></persName>, smiling.</p>")


def test_a_foreign_word_that_is_a_name_is_tagged_around_it(names) -> None:
    out, _, _ = annotate('<p>A <foreign xml:lang="pl">Sejm</foreign> delegation.</p>', names)
    assert '<orgName ref="#sejm"><foreign xml:lang="pl">Sejm</foreign></orgName>' in out


def test_an_ambiguous_name_with_no_context_is_left_and_reported(names) -> None:
    out, result, _ = annotate("<p>Then Kim arrived.</p>", names, report=True)
    assert "persName" not in out
    [note] = result.notes  # reported as ambiguous, not as missing from the registers
    assert note.rule == "annotate-ambiguous"
    assert "#kim-il-sung or #kim-jong-il (Kim Il Sung, Kim Jong Il)" in note.message


def test_an_ambiguous_name_takes_the_candidate_mentioned_last(names) -> None:
    out, result, _ = annotate("<p>Kim Jong Il came. Later Kim spoke.</p>", names)
    assert out.count('ref="#kim-jong-il"') == 2
    assert not result.notes


def test_existing_tags_count_as_context_for_ambiguous_names(names) -> None:
    out, _, _ = annotate('<p><persName ref="#kim-il-sung">Kim Il Sung</persName>. Kim said.'
                         "</p>", names)
    assert out.count('ref="#kim-il-sung"') == 2


def test_event_names_are_name_elements_of_type_event(names) -> None:
    out, result, _ = annotate("<p>After the Korean war.</p>", names)
    assert '<name ref="#korean-war" type="event">Korean war</name>' in out
    assert result.counts["events"] == 1


def test_the_report_lists_capitalised_words_found_in_no_register(names) -> None:
    _, result, _ = annotate("<p>He met Henry Kissinger in the Soviet Union. Then he left."
                            "</p>", names, report=True)
    listed = [n.needle for n in result.notes if n.rule == "annotate-unregistered"]
    assert listed == ["Henry Kissinger"]


def test_a_second_run_on_a_snippet_changes_nothing(names) -> None:
    once, _, root = annotate("<p>President Kim Il Sung visited the USSR in March 1949; "
                             "on March 17 Stalin's guests left.</p>", names)
    second = annotate_tree(root.getroottree(), names, Path("t.xml"))
    assert not second.changed
    assert etree.tostring(root.find(f"{T}text/{T}body"), encoding="unicode").count(
        "<date") == 2
    assert "March 17" in once


def test_an_ambiguous_name_takes_the_one_candidate_that_existed_in_the_narratives_year(
        names) -> None:
    out, result, _ = annotate("<p>In 1938 Germany armed.</p><p>In 1960 Germany traded.</p>"
                              "<p>Germany, whenever.</p>", names)
    assert out.count('ref="#german-reich"') == 1
    assert out.count('ref="#frg"') == 2  # the last one by the year 1960 still current
    assert not result.notes
