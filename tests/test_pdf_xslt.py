"""Rules of the print stage that need no layout: print.xsl output, index page runs (fast)."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from edition.pdf.transform import _fragment

TEI = "http://www.tei-c.org/ns/1.0"


def printed(body: str, list_wit: str = "") -> str:
    source = f"""<TEI xmlns="{TEI}" xml:id="t"><teiHeader><fileDesc><titleStmt><title>T</title>
      </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>{list_wit}</sourceDesc>
      </fileDesc></teiHeader><text><body>{body}</body></text></TEI>"""
    return str(_fragment(etree.ElementTree(etree.fromstring(source)), "t", "W"))


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_a_correction_prints_the_corrected_form_and_an_apparatus_entry() -> None:
    html = printed('<p n="12" xml:id="t.12">the <choice><sic>revoluti6nary</sic>'
                   '<corr>revolutionary</corr></choice> way</p>')
    entry = re.search(r'<span class="app-entry"[^>]*>(.*?) </span>', html).group(1)
    assert plain(entry) == "12 revolutionary] revoluti6nary W"
    assert "the revolutionary way" in plain(html.replace(entry, ""))


def test_a_long_lemma_is_cited_by_its_first_and_last_words() -> None:
    html = printed('<p n="1" xml:id="t.1"><app><lem wit="#A">one two three four five six'
                   '</lem><rdg wit="#B">other</rdg></app></p>')
    assert "one … six</span> <span class=\"siglum\">A</span>] " in html


def test_an_empty_reading_is_an_omission() -> None:
    html = printed('<p n="1" xml:id="t.1">a <app><lem wit="#A">very</lem><rdg wit="#B"/></app>'
                   ' long way</p>')
    assert "<i>om.</i>" in html


def test_the_siglum_is_the_witness_n_or_its_id_without_the_text_prefix() -> None:
    witnesses = ('<listWit><witness xml:id="t-works">Works</witness>'
                 '<witness xml:id="t-rec" n="R">Record</witness></listWit>')
    html = printed('<p n="1" xml:id="t.1"><app><lem wit="#t-works">a</lem>'
                   '<rdg wit="#t-rec">b</rdg></app></p>', witnesses)
    assert '<span class="siglum">works</span>] ' in html
    assert '<span class="siglum">R</span>' in html


def test_a_note_is_a_footnote_with_a_linked_call() -> None:
    html = printed('<p n="1" xml:id="t.1">word<note>A note.</note></p>')
    assert '<a class="fn-call" href="#fn-t-1" id="fn-t-1-call">1</a>' in html
    assert '<span class="fn" id="fn-t-1"><a class="fn-num" href="#fn-t-1-call">1</a>' in html


def test_nothing_floats_inside_a_footnote() -> None:
    html = printed('<p n="1" xml:id="t.1">w<note>A <choice><sic>nte</sic><corr>note</corr>'
                   '</choice> with<note>inner</note>.</note></p>')
    note = html[html.index('<span class="fn"'):]
    assert 'class="app-entry"' not in note and note.count('class="fn"') == 1
    assert "[nte W]" in plain(note) and "(inner)" in plain(note)


def test_a_page_break_is_a_mark_in_the_line_and_a_margin_label() -> None:
    html = printed('<p n="1" xml:id="t.1">a <pb n="311" break="no"/>b</p>')
    assert '<span class="pb-mark"></span><span class="pb-label">[p.\xa0311]</span>' in html
    assert "pb-label" not in printed('<p n="1" xml:id="t.1">a <pb/>b</p>')


def test_every_pointer_of_a_mention_leaves_an_index_anchor() -> None:
    html = printed('<p n="1" xml:id="t.1"><persName ref="#a #b">A and B</persName></p>')
    assert len(re.findall(r'id="m__a__t-', html)) == 1
    assert len(re.findall(r'id="m__b__t-', html)) == 1


def test_a_hyphenated_word_is_kept_on_one_line() -> None:
    html = printed('<p n="1" xml:id="t.1">the counter-revolutionary revolt</p>')
    assert '<span class="nobr">counter-revolutionary</span> revolt' in html


def test_a_heading_carries_its_plain_reading_for_bookmarks() -> None:
    html = printed('<div n="1" xml:id="t.1"><head>The <choice><sic>Vsit</sic><corr>Visit'
                   '</corr></choice><note>n</note></head></div>')
    assert 'data-label="The Visit"' in html


def test_three_consecutive_index_pages_print_as_a_range() -> None:
    from edition.pdf.index import IndexEntry, PageRef

    pages = tuple(PageRef(str(n), f"m{n}") for n in (3, 4, 5, 7, 8, 11))
    runs = [(a.label, b.label if b else None) for a, b in IndexEntry("x", "X", "", pages).runs]
    assert runs == [("3", "5"), ("7", None), ("8", None), ("11", None)]


def test_the_source_statement_reads_like_a_printed_source_note(mini_edition: Path) -> None:
    from edition.describe import source_note
    from edition.model import load_edition

    source = load_edition(mini_edition).texts[0].meta.sources[0]
    assert str(source_note(source)) == (
        "Kim Il Sung, “A Letter on the Visit”, in <i>Collected Letters</i>, ed. Kim Jun Hyok,"
        " trans. Kim Yong Nam, vol. 3 (Pyongyang: Foreign Languages Publishing House, 1982),"
        " 10–11.")


VERSE = ('<div type="poem" n="1" xml:id="t.1"><lg>'
         '<l>one line</l><l>the cat and the <app><lem wit="#A">cat</lem><rdg wit="#B">dog</rdg>'
         '</app></l><l>a <app><lem wit="#A">long</lem><rdg wit="#B"/></app> way '
         '<app><lem wit="#A"/><rdg wit="#B">home</rdg></app></l>'
         '<l><app><lem wit="#A">so it goes</lem><rdg wit="#B" type="transposition">it goes so'
         '</rdg><rdg type="conjecture" resp="#ed">so it went</rdg></app></l></lg></div>')


def entries(html: str) -> list[str]:
    return [plain(e) for e in re.findall(r'<span class="app-entry"[^>]*>(.*?) </span>', html)]


def test_a_verse_entry_is_keyed_to_its_line_with_the_occurrence_of_a_repeated_word() -> None:
    assert entries(printed(VERSE))[0] == "2 cat2 A] dog B"


def test_entries_of_one_line_are_separated_by_a_bar_and_name_omissions_and_additions(
        ) -> None:
    assert entries(printed(VERSE))[1:3] == ["3 long A] om. B", "| add. home B"]


def test_a_transposition_and_a_conjecture_say_so() -> None:
    assert entries(printed(VERSE))[3] == "4 so … goes A] it goes so transp. B; so it went conj."


def test_an_app_without_lem_prints_its_first_reading_in_the_text_and_as_lemma() -> None:
    html = printed('<p n="1" xml:id="t.1">a <app><rdg wit="#A">red</rdg><rdg wit="#B">blue'
                   '</rdg></app> house</p>')
    assert "a red house" in plain(re.sub(r'<span class="app-entry".*?</span> </span>', "",
                                         html))
    assert entries(html) == ["1 red A] blue B"]


def test_a_witness_that_begins_in_a_reading_is_its_incipit() -> None:
    html = printed('<p n="1" xml:id="t.1"><app><rdg wit="#B"><witStart/></rdg></app>the text'
                   '</p>')
    assert entries(html) == ["1 inc. B"]
