"""Inner texts' references, anchors and headings (`edition.nesting`), and the condensed
report of a lenient build (`edition.problems.condensed_lines`)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.nesting import annotate, inner_texts
from edition.problems import Problem, Severity, condensed_lines

TEI = "http://www.tei-c.org/ns/1.0"


def document(header: str, text: str) -> etree._Element:
    return etree.fromstring(f'<TEI xmlns="{TEI}" xml:id="vol"><teiHeader>{header}</teiHeader>'
                            f"<text>{text}</text></TEI>")


NESTED = ('<group><text n="A"><group><text n="x"><body><p>one</p></body></text>'
          '<text n="y"><body><head>Second</head><p>two</p></body></text></group></text>'
          '<text xml:id="own"><front><docTitle><titlePart type="sub">s</titlePart>'
          "</docTitle></front><body><p>three words here</p></body></text></group>")


def test_references_follow_the_nesting_without_a_citation_structure() -> None:
    found = inner_texts(document("", NESTED))
    assert [(t.ref, t.anchor, t.depth) for t in found] == [
        ("1", "vol.t1", 1), ("1.1", "vol.t1.1", 2), ("1.2", "vol.t1.2", 2), ("2", "own", 1)]
    assert [t.head for t in found] == ["Text A", "one", "Second", "s"]


def test_nested_citation_structures_join_their_values_with_the_delimiter() -> None:
    header = ('<encodingDesc><refsDecl><citeStructure match="/TEI/text/group/text" use="@n">'
              '<citeStructure match="group/text" use="@n" delim=":"/></citeStructure>'
              "</refsDecl></encodingDesc>")
    found = inner_texts(document(header, NESTED))
    assert [t.ref for t in found] == ["A", "A:x", "A:y", "2"]


def test_an_unreadable_citation_structure_falls_back_to_the_nesting() -> None:
    header = ('<encodingDesc><refsDecl><citeStructure match="/TEI/text/group/text[" use="@n"/>'
              "</refsDecl></encodingDesc>")
    assert [t.ref for t in inner_texts(document(header, NESTED))] == ["1", "1.1", "1.2", "2"]


def test_annotate_marks_the_encoders_own_title_as_the_heading() -> None:
    root = document("", NESTED)
    annotate(root.getroottree())
    num = "{urn:edition:numbered}"
    headed = [e for e in root.iter() if e.get(f"{num}heading")]
    assert [etree.QName(e).localname for e in headed] == ["head", "titlePart"]
    assert [e.get(f"{num}heading") for e in headed] == ["3", "2"]


def test_condensed_lines_keep_three_per_rule_and_file_and_count_the_rest() -> None:
    problems = [Problem("a/x.xml", n, 1, Severity.ERROR, f"m{n}", "ref-unresolved")
                for n in range(1, 8)] + [Problem("a/y.xml", 2, 1, Severity.WARNING, "w",
                                                 "xml-dtd")]
    lines = condensed_lines(problems)
    assert lines[:5] == [
        "a/x.xml:1:1: error: m1 [ref-unresolved]", "a/x.xml:2:1: error: m2 [ref-unresolved]",
        "a/x.xml:3:1: error: m3 [ref-unresolved]", "… and 4 more [ref-unresolved] in x.xml",
        "a/y.xml:2:1: warning: w [xml-dtd]"]
    table = lines[lines.index("problems by rule and file:") + 1:]
    assert table[0].split() == ["1", "2", "total"]
    assert table[1].split() == ["ref-unresolved", "7", "·", "7"]
    assert table[2].split() == ["xml-dtd", "·", "1", "1"]
    assert table[3:] == ["files (below a):", "  1=x.xml  2=y.xml"]


def test_the_table_of_files_takes_absolute_and_relative_paths_together() -> None:
    here = Path.cwd()
    problems = [Problem("a/x.xml", 1, 1, Severity.ERROR, "m", "p-id"),
                Problem(str(here / "a" / "y.xml"), 1, 1, Severity.WARNING, "w", "iiif-image")]
    table = condensed_lines(problems)
    assert table[-2:] == [f"files (below {here / 'a'}):", "  1=y.xml  2=x.xml"]


def test_the_same_message_at_other_lines_is_shown_once_and_counted() -> None:
    problems = [Problem("x.xml", n, 1, Severity.ERROR, "no @xml:id", "p-id") for n in (4, 9)]
    problems.append(Problem("x.xml", 7, 1, Severity.ERROR, "no @n", "p-id"))
    assert condensed_lines(problems)[:3] == [
        "x.xml:4:1: error: no @xml:id [p-id]", "x.xml:7:1: error: no @n [p-id]",
        "… and 1 more [p-id] in x.xml"]
