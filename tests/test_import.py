"""`edition import`: plain text to TEI draft, on the two real sources and on small inputs.

The numbers for the real sources were counted by reading the transcriptions: the 1957
article has 63 paragraphs and no page-split paragraph; the book's body has 383 blocks
under 14 headings, 52 of which continue the block before them across a page turn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from edition.cli import app
from edition.importer import import_text, recognise
from edition.importer.joins import continues
from edition.importer.speakers import Speakers
from edition.importer.speech import find_speech
from edition.importer.suspects import find_suspects
from edition.paths import NSMAP, XML_ID
from edition.problems import EditionError

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tei" / "sources"
ARTICLE = SOURCES / "kim-il-sung-1957-friendship-and-solidarity.txt"
BOOK = SOURCES / "flph-2025-defending-independence-and-equality.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "import"


def parse(xml: str) -> etree._Element:
    return etree.fromstring(xml.encode("utf-8"))


def xpath(root: etree._Element, path: str) -> list:
    return root.xpath(path, namespaces=NSMAP)


def text_of(root: etree._Element) -> str:
    return "".join(xpath(root, "//tei:text")[0].itertext())


def draft(text: str, text_id: str = "t", speakers: Speakers | None = None) -> etree._Element:
    return parse(import_text(text, text_id, "test.txt", speakers))


@pytest.fixture(scope="module")
def article_xml() -> str:
    return import_text(ARTICLE.read_text(encoding="utf-8"), "kis1957", ARTICLE.name)


@pytest.fixture(scope="module")
def book_xml() -> str:
    return import_text(BOOK.read_text(encoding="utf-8"), "flph2025", BOOK.name)


@pytest.fixture(scope="module")
def article(article_xml: str) -> etree._Element:
    return parse(article_xml)


@pytest.fixture(scope="module")
def book(book_xml: str) -> etree._Element:
    return parse(book_xml)


# --- the 1957 article ------------------------------------------------------------------

def test_the_1957_article_imports_as_63_undivided_paragraphs(article):
    assert xpath(article, "count(//tei:body/tei:p)") == 63
    assert xpath(article, "count(//tei:body//tei:div)") == 0
    ids = xpath(article, "//tei:body/tei:p/@xml:id")
    assert ids[0] == "kis1957.1" and ids[-1] == "kis1957.63"
    assert xpath(article, "//tei:body/tei:p[12]/@n") == ["12"]


def test_the_1957_article_has_no_page_split_paragraph_and_starts_on_page_310(article):
    assert xpath(article, "//tei:body//tei:pb/@n") == ["310"]
    assert xpath(article, "//tei:body/*[1]")[0].tag.endswith("pb")


def test_web_archive_furniture_is_kept_out_of_the_1957_text(article):
    text = text_of(article)
    for furniture in ("Skip to content", "made possible with support", "[Source:",
                      "Document Information", "email protected", "Record ID",
                      "Original Uploaded Date", "deriding American foreign policy",
                      "welcomes reuse"):
        assert furniture not in text


def test_web_archive_furniture_is_described_in_the_header(article):
    listed = xpath(article, "//tei:editorialDecl//tei:list/tei:item")
    assert len(listed) == 13
    assert "line 1" in "".join(listed[0].itertext())
    assert xpath(article, "//tei:sourceDesc/tei:bibl[@type='archive-citation']/text()") == [
        "Kim Il Sung Works, Vol. 11, January-December 1957 (Pyongyang, Korea: Foreign "
        "Languages Publishing House, 1982), 310-322."]


def test_the_1957_title_page_keeps_title_headnote_and_date(article):
    assert xpath(article, "//tei:titlePart[@type='main']/text()") == [
        "Friendship and Solidarity Among Socialist Countries"]
    assert xpath(article, "//tei:titlePart[@type='desc']/text()") == [
        "Article Published in the November 1957 Issue of the Soviet Magazine "
        "Mezhdunarodnaya Zhizn"]
    assert xpath(article, "//tei:docDate/@when") == ["1957-11"]


# --- the 2025 book ---------------------------------------------------------------------

def test_the_book_has_six_chapters_and_eight_sections_from_its_contents(book):
    chapters = xpath(book, "//tei:body/tei:div[@type='chapter']")
    assert [c.get("n") for c in chapters] == ["1", "2", "3", "4", "5", "6"]
    assert [len(xpath(c, "tei:div[@type='section']")) for c in chapters] == [2, 2, 2, 2, 0, 0]
    assert xpath(book, "//tei:div[@xml:id='flph2025.3.2']/tei:head/text()") == [
        "On His Visit to East European Countries"]


def test_the_book_contents_give_the_first_page_of_every_heading(book):
    pages = [int(p) for p in xpath(book, "//tei:list[@type='toc']//tei:num/@value")]
    assert pages == [5, 6, 13, 21, 22, 29, 34, 35, 38, 41, 43, 58, 67, 74]
    targets = xpath(book, "//tei:list[@type='toc']//tei:ref/@target")
    ids = set(xpath(book, "//@xml:id"))
    assert len(targets) == 14 and all(t[1:] in ids for t in targets)


def test_the_book_rejoins_52_page_split_paragraphs_into_331(book):
    assert xpath(book, "count(//tei:body//tei:p)") == 331
    assert xpath(book, "count(//tei:body//tei:pb[@break='no'])") == 52
    assert xpath(book, "count(//tei:div[@xml:id='flph2025.4.1']/tei:p)") == 65


def test_only_the_page_turn_the_known_pages_fix_is_numbered(book):
    numbered = xpath(book, "//tei:pb[@n]")
    assert [pb.get("n") for pb in numbered] == ["6"]
    assert numbered[0].getparent().get(XML_ID) == "flph2025.1.0.5"


def test_a_page_turn_inside_a_word_keeps_the_hyphen_and_no_space(book):
    pb = xpath(book, "//tei:p[@xml:id='flph2025.3.2.9']/tei:pb")[0]
    assert pb.getprevious() is None
    assert pb.getparent().text.endswith(" high-") and pb.tail.startswith("ranking officials")


def test_the_book_front_and_back_matter_are_recognised(book):
    assert xpath(book, "count(//tei:front/tei:titlePage)") == 2
    assert xpath(book, "count(//tei:div[@type='preface']/tei:p)") == 7
    assert xpath(book, "//tei:div[@type='preface']/tei:p[2]/@xml:id") == ["flph2025.preface.2"]
    assert xpath(book, "count(//tei:back/tei:div[@type='colophon']/tei:p)") == 9
    assert xpath(book, "//tei:back//tei:idno[@type='ISBN']/text()") == ["978-9946-0-2608-4"]


def test_the_book_colophon_fills_the_source_description(book):
    bibl = xpath(book, "//tei:sourceDesc/tei:bibl")[0]
    assert xpath(bibl, "tei:editor[@role='editor']/text()") == ["Kim Jun Hyok"]
    assert xpath(bibl, "tei:editor[@role='translator']/text()") == ["Kim Yong Nam"]
    assert xpath(bibl, "tei:publisher/text()") == ["Foreign Languages Publishing House"]
    assert xpath(bibl, "tei:date/@when") == ["2025-10"]


def test_the_book_marks_65_speeches(book):
    assert xpath(book, "count(//tei:said)") == 65
    speech = xpath(book, "//tei:p[@xml:id='flph2025.1.1.14']/tei:said/text()")[0]
    assert speech.startswith("Everything goes well.")


def test_with_the_bundled_registers_speakers_are_named(tmp_path):
    registers = ROOT / "tei" / "registers"
    if not (registers / "persons.xml").exists():
        pytest.skip("the bundled registers are not there")
    root = parse(import_text(BOOK.read_text(encoding="utf-8"), "flph2025", BOOK.name,
                             Speakers.from_registers(registers)))
    banquet = xpath(root, "//tei:p[@xml:id='flph2025.1.1.27']/tei:said")[0]
    assert banquet.get("who") == "#stalin"
    assert xpath(root, "count(//tei:said[@who='#kim-il-sung'])") >= 30


def test_import_is_deterministic(book_xml, article_xml):
    assert import_text(BOOK.read_text(encoding="utf-8"), "flph2025", BOOK.name) == book_xml
    assert import_text(ARTICLE.read_text(encoding="utf-8"), "kis1957", ARTICLE.name) == article_xml


def test_drafts_are_valid_against_the_edition_schema(article_xml, book_xml):
    """edition.rng is a strict subset of TEI P5 (tests/test_conformance.py checks tei_all)."""
    from edition.validate.schemas import relaxng

    schema = relaxng()
    for document in (parse(article_xml), parse(book_xml)):
        assert schema.validate(document), schema.error_log.last_error


# --- recognition rules on small inputs ----------------------------------------------------

def test_a_paragraph_without_final_punctuation_continues_on_the_next_page():
    assert continues("Janos Kadar of Hungary and Gustav Husak of", "Czechoslovakia also")
    assert continues("visited several factories,", "all of which were producing")
    assert not continues("He left.", "The next day")
    assert not continues("Kim Il Sung said:", "Everything goes well.")


def test_a_block_starting_in_lower_case_continues_the_paragraph_before():
    contents = "Contents\n\n1. Alpha\t3\n\n1. Alpha\n\n"
    root = draft(contents + "One sentence ends here.\n\nthen the text goes on.\n")
    assert xpath(root, "count(//tei:body//tei:p)") == 1
    assert xpath(root, "count(//tei:pb[@break='no'])") == 1


def test_without_pages_in_the_transcription_no_paragraphs_are_joined():
    root = draft("One sentence ends here.\n\nthen the text goes on.\n")
    assert xpath(root, "count(//tei:body/tei:p)") == 2
    assert xpath(root, "count(//tei:pb)") == 0


def test_numbered_headings_are_chapters_without_a_contents():
    root = draft("1. The First Part\n\nIt begins here with a sentence of some length.\n\n"
                 "A Short Heading\n\nA section follows here with its own sentence.\n\n"
                 "2. The Second Part\n\nIt ends here with one more sentence of text.\n")
    assert xpath(root, "//tei:body/tei:div/@xml:id") == ["t.1", "t.2"]
    assert xpath(root, "//tei:div[@type='section']/tei:head/text()") == ["A Short Heading"]
    assert xpath(root, "//tei:div[@xml:id='t.1']/tei:p/@xml:id") == ["t.1.0.1"]


@pytest.mark.parametrize("heading, number", [
    ("3. 20 000km-long Journey", 3), ("IV. The Fourth Part", 4), ("Chapter 12: The Sea", 12),
    ("CHAPTER XIV", 14), ("Part 2 The Delta", 2), ("I Was There", None), ("Civil War", None),
    ("1957 Issue of the Magazine", None)])
def test_chapter_numbers_are_read_in_their_printed_forms(heading, number):
    from edition.importer.headings import heading_number

    assert heading_number(heading) == number


def test_roman_numbered_chapters_are_divisions_with_arabic_n():
    root = draft("I. The Beginning\n\nIt begins here with a sentence of some length.\n\n"
                 "II. The End\n\nIt ends here with one more sentence of text.\n")
    assert xpath(root, "//tei:body/tei:div/@n") == ["1", "2"]
    assert xpath(root, "//tei:body/tei:div/tei:head/text()") == ["I. The Beginning",
                                                                  "II. The End"]


def test_a_broken_line_of_prose_is_not_taken_for_a_heading():
    root = draft("We set out early in the morning.\n\nThe road led past Janos Kadar of Hungary and "
                 "Gustav Husak of\n\nCzechoslovakia. They arrived.\n")
    assert xpath(root, "count(//tei:div)") == 0
    assert xpath(root, "count(//tei:body/tei:p)") == 3  # no pages shown: not joined


def test_contents_entries_with_dot_leaders_are_read():
    root = draft("Contents\n\n1. Alpha ........ 3\n\n1. Alpha\n\n"
                 "The first chapter has one sentence only.\n")
    assert xpath(root, "//tei:num/@value") == ["3"]
    assert xpath(root, "//tei:ref/@target") == ["#t.1"]


def test_a_contents_heading_without_entries_gives_no_empty_list():
    root = draft("Contents\n\nHe went home early that day.\n")
    assert xpath(root, "count(//tei:list)") == 0
    assert xpath(root, "//tei:div[@type='contents']/tei:head/text()") == ["Contents"]


def test_pages_are_numbered_when_page_turns_and_joins_agree():
    root = parse(import_text((FIXTURES / "book.txt").read_text(), "book"))
    assert [pb.get("n") for pb in xpath(root, "//tei:pb")] == ["4", None]
    letter = parse(import_text((FIXTURES / "archive.txt").read_text(), "letter"))
    assert [pb.get("n") for pb in xpath(letter, "//tei:pb")] == ["41", "42"]


def test_archive_furniture_of_a_small_record_is_removed_and_listed():
    root = parse(import_text((FIXTURES / "archive.txt").read_text(), "letter"))
    assert xpath(root, "count(//tei:body/tei:p)") == 2
    assert "summary" not in text_of(root) and "Record ID" not in text_of(root)
    kinds = "".join(xpath(root, "//tei:editorialDecl//tei:list")[0].itertext())
    assert "navigation link (line 1)" in kinds and "obfuscated" in kinds


def test_speech_after_a_colon_runs_to_the_end_of_the_paragraph():
    root = draft("At the meeting Kim Il Sung said: We agree. Let us begin.\n",
                 speakers=Speakers({"kim il sung": {"kim-il-sung"}}))
    said = xpath(root, "//tei:said")[0]
    assert said.text == "We agree. Let us begin." and said.get("who") == "#kim-il-sung"


def test_speech_announced_at_the_end_of_a_paragraph_is_the_next_paragraph():
    root = parse(import_text((FIXTURES / "book.txt").read_text(), "book"))
    assert xpath(root, "//tei:said/ancestor::tei:p/@xml:id") == ["book.1.1.3"]


def test_the_speaker_is_the_name_before_the_verb_and_pronouns_stay_unnamed():
    assert find_speech("When Stalin asked him, Kim Il Sung said: Yes.").speaker == "Kim Il Sung"
    assert find_speech("President Soekarno of Indonesia said: Yes.").speaker == "President Soekarno"
    assert find_speech("Kim Il Sung encouraged him, saying: Go.").speaker == "Kim Il Sung"
    assert find_speech("At the talks, he said: Yes.").speaker is None
    assert find_speech("There are two ways: one is war.") is None


def test_the_longest_register_name_names_the_speaker_unless_it_is_ambiguous():
    speakers = Speakers({"kim il sung": {"kim-il-sung"}, "kim": {"kim-other"}})
    assert speakers.who("President Kim Il Sung") == "kim-il-sung"
    assert Speakers({"carter": {"jimmy-carter", "rosalynn-carter"}}).who("Carter") is None
    assert speakers.who("the vice-president") is None


def test_quotation_marks_and_markdown_italics_become_q_and_hi():
    root = draft('He spoke of "aid" and of “peace” in *The Times* today at some length.\n')
    assert xpath(root, "//tei:q/text()") == ["aid", "peace"]
    assert xpath(root, "//tei:hi[@rend='italic']/text()") == ["The Times"]


def test_text_with_markup_characters_is_escaped():
    root = draft("Profits & losses <rose> sharply in the year of the great harvest.\n")
    assert "Profits & losses <rose> sharply" in text_of(root)


def test_a_bad_text_id_is_refused():
    with pytest.raises(EditionError, match="not a valid XML name"):
        recognise("Some text here.", "1957")


def test_front_matter_without_text_is_refused():
    with pytest.raises(EditionError, match="no running text"):
        recognise("A Title\n\nContents\n\n1. Alpha\t3\n", "t")


def test_a_file_of_page_furniture_only_is_refused():
    with pytest.raises(EditionError, match="no text left"):
        recognise("Skip to content\n", "t")


def test_likely_transcription_errors_of_the_1957_article_are_pointed_out():
    found = find_suspects(ARTICLE.read_text(encoding="utf-8"), "a.txt")
    assert [(p.line, p.message.split("'")[1]) for p in found] == [
        (78, "neighbours-the"), (78, "China-is"), (105, "revoluti6nary"),
        (123, "towns-and"), (159, "is-trampling")]
    assert find_suspects(BOOK.read_text(encoding="utf-8"), "b.txt") == []


def test_a_suspect_reading_is_located_by_line_and_column():
    [problem] = find_suspects("First line.\nThe counter-revoluti6nary revolt.\n", "x.txt")
    assert (problem.line, problem.column, problem.rule) == (2, 13, "import-suspect")
    assert str(problem).startswith("x.txt:2:13: warning: 'revoluti6nary'")


def test_hyphenated_compounds_and_numbers_are_not_suspect():
    assert find_suspects("A long-drawn-out, well-known B52 and 3rd-rate COVID19 tale.", "x") == []


_PIECES = st.sampled_from([
    "Kim Il Sung said:", "the", "of", "1.", "IV.", "Contents", "Preface", "\t5", "\n\n", "\n",
    "“", "”", '"', "*", "&", "<", "ISBN 978-0-00-000000-2", "Skip to content",
    "[Source: x, 1-3.]", "Document Information", ".", ",", "high-", "ranking", "Title",
    "November 1957", "Published by X", "http://x.y", "a@b.cd", "He went home.", "\ufeff"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_any_input_gives_well_formed_tei_or_one_edition_error(text):
    try:
        root = parse(import_text(text, "t"))
    except EditionError as error:
        assert "\n" not in str(error)
        return
    assert xpath(root, "count(//tei:body/*)") > 0
    ids = xpath(root, "//@xml:id")
    assert len(ids) == len(set(ids))


# --- the command line ------------------------------------------------------------------------

def test_the_cli_writes_the_draft_to_the_named_file(tmp_path):
    out = tmp_path / "letter.xml"
    result = CliRunner().invoke(app, ["import", str(FIXTURES / "archive.txt"), "--id", "letter",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert xpath(parse(out.read_text()), "//tei:TEI/@xml:id") == ["letter"]


def test_the_cli_names_speakers_from_a_register_folder(tmp_path):
    (tmp_path / "persons.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" type="register"><standOff><listPerson>'
        '<person xml:id="ferry"><persName type="main">Old Tom</persName></person>'
        "</listPerson></standOff></TEI>")
    result = CliRunner().invoke(app, ["import", str(FIXTURES / "book.txt"), "--id", "book",
                                      "--registers", str(tmp_path)])
    assert result.exit_code == 0
    assert xpath(parse(result.stdout), "//tei:said/@who") == ["#ferry"]


def test_the_cli_warns_of_suspect_readings_on_standard_error(tmp_path):
    source = tmp_path / "t.txt"
    source.write_text("The workers in the towns-and villages rebuilt it all in a year.\n")
    result = CliRunner().invoke(app, ["import", str(source), "--id", "t"])
    assert result.exit_code == 0
    assert "'towns-and' may be a transcription error" in result.stderr
    assert "<TEI" in result.stdout and "warning" not in result.stdout


def test_the_cli_reports_a_missing_file_in_one_line():
    result = CliRunner().invoke(app, ["import", "no/such.txt", "--id", "x"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "no/such.txt:0:0: error: cannot read file: No such file or directory [io]"]


def test_the_cli_reports_text_that_is_not_utf8_with_its_line(tmp_path):
    source = tmp_path / "latin1.txt"
    source.write_bytes("First line.\n\nCaf\xe9 society.\n".encode("latin-1"))
    result = CliRunner().invoke(app, ["import", str(source), "--id", "x"])
    assert result.exit_code == 1
    assert ":3:1: error: not UTF-8" in result.output and "Traceback" not in result.output
