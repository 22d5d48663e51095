"""The mixed-content helper of the annotator: slots of text and tail, splitting, wrapping."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.annotate import mixed
from edition.paths import TEI_NS

ROOT = Path(__file__).resolve().parent.parent
T = f"{{{TEI_NS}}}"


def tei(xml: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{TEI_NS}">{xml}</p>')


def inner(element: etree._Element) -> str:
    text = etree.tostring(element, encoding="unicode")
    return text[text.index(">") + 1:text.rindex("<")]


def tag(name: str):  # noqa: ANN201
    def make(content: str) -> etree._Element:
        element = etree.Element(f"{T}{name}")
        element.text = content
        return element
    return make


def test_walk_yields_text_and_tails_in_reading_order_and_skips_excluded_content() -> None:
    p = tei("A <hi>B</hi> C<note>D</note> E<sic>F</sic> G<persName>H</persName> I")
    found = list(mixed.walk(p))
    texts = [f.slot.value for f in found if f.slot]
    assert texts == ["A ", "B", " C", " E", " G", " I"]
    assert [f.tagged.text for f in found if f.tagged is not None] == ["H"]


def test_split_in_an_element_text_keeps_the_text_before_and_gives_tails_after() -> None:
    p = tei("Stalin met Kim here<hi>!</hi>")
    slot = next(f.slot for f in mixed.walk(p) if f.slot)
    mixed.split(slot, [(11, 14, tag("b")), (0, 6, tag("a"))])
    assert inner(p) == "<a>Stalin</a> met <b>Kim</b> here<hi>!</hi>"


def test_split_in_a_tail_inserts_after_the_element_that_owns_the_tail() -> None:
    p = tei("x<pb/> Moscow and Korea<hi>.</hi>")
    slot = next(f.slot for f in mixed.walk(p) if f.slot and f.slot.where == "tail")
    assert slot.value == " Moscow and Korea"
    mixed.split(slot, [(1, 7, tag("a")), (12, 17, tag("b"))])
    assert inner(p) == "x<pb/> <a>Moscow</a> and <b>Korea</b><hi>.</hi>"


def test_split_of_a_whole_slot_leaves_no_empty_text() -> None:
    p = tei("Korea")
    slot = next(f.slot for f in mixed.walk(p) if f.slot)
    mixed.split(slot, [(0, 5, tag("a"))])
    assert p.text is None and inner(p) == "<a>Korea</a>"


def test_wrap_moves_the_tail_out_to_the_wrapper() -> None:
    p = tei("see <choice><sic>Brant</sic><corr>Brandt</corr></choice>, then")
    choice = p.find(f"{T}choice")
    mixed.wrap(choice, etree.Element(f"{T}persName"))
    assert inner(p) == ("see <persName><choice><sic>Brant</sic><corr>Brandt</corr></choice>"
                        "</persName>, then")


def test_choices_and_foreign_words_in_excluded_content_are_not_offered() -> None:
    p = tei("<choice><sic>a</sic><corr>b</corr></choice><note><foreign>c</foreign></note>"
            "<foreign>d</foreign>")
    offered = mixed.taggable_wholes(p)
    assert [mixed.whole_reading(e) for e in offered] == ["b", "d"]


def test_walk_over_a_real_paragraph_gives_back_its_running_text() -> None:
    tree = etree.parse(str(ROOT / "tei" / "texts" / "kis1957.xml"))
    paragraph = tree.find(f".//{T}p[@n='19']")
    running = "".join(f.slot.value for f in mixed.walk(paragraph) if f.slot)
    assert "maintaining and consolidating peace in" in running
    assert "Democratic People's Republic of Korea" not in running  # already tagged
    assert "-" not in running.replace("—", "")  # the sic readings are left out
