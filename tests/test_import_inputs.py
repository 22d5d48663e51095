"""`edition import` from the command line: many texts from one input, language options,
the report, and bad input refused in one line with nothing written."""

from __future__ import annotations

import importlib.util
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from edition.cli import app
from edition.paths import NSMAP, XML_LANG

HERE = Path(__file__).resolve().parent / "fixtures" / "import"
_spec = importlib.util.spec_from_file_location("import_make", HERE / "make.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

LETTERS = """# Brief 1

Wien, 19. August 1895

Lieber Hermann!

Dein Brief hat mich sehr gefreut, ich antworte Dir gleich heute.

Dein Arthur

# Brief 2

Wien, 20. August

Lieber Hermann!

Noch ein Wort zu gestern: ich komme am Sonntag.

Dein Arthur

# Brief 3

Ischl, 2. September 1895

Liebe Olga!

Das Wetter ist schön, die Tage sind lang.

Dein Arthur
"""


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(app, ["import", *args])


def xml(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


# --- many texts from one input ---------------------------------------------------------

def test_split_on_heading_writes_one_letter_per_heading_with_ids_from_the_pattern(
        tmp_path: Path) -> None:
    source = tmp_path / "briefe.md"
    source.write_text(LETTERS, encoding="utf-8")
    result = run(str(source), "--split-on", "heading", "--id", "letter-{n:03}",
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["letter-001.xml", "letter-002.xml", "letter-003.xml"]
    second = xml(tmp_path / "out" / "letter-002.xml")
    assert second.xpath("//tei:title[@type='main']/text()", namespaces=NSMAP) == ["Brief 2"]
    # the second letter's dateline has no year: it is the year of the letter before
    assert second.xpath("//tei:dateline/tei:date/@when", namespaces=NSMAP) == ["1895-08-20"]
    assert second.xpath("//tei:dateline/tei:date/@cert", namespaces=NSMAP) == ["medium"]
    assert "kind: letter: salutation 'Lieber Hermann!'" in result.output


def test_a_folder_gives_one_draft_per_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("de-mamroth-1891-06-21", "it-leopardi-1827-06-23"):
        (folder / f"{name}.txt").write_text(
            (HERE / "letters" / f"{name}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    make.make_docx(make.blocks_of_text((HERE / "letters" / "fr-guizot-1840-02-28.txt")
                                       .read_text(encoding="utf-8")), folder / "guizot.docx")
    result = run(str(folder), "--id", "{stem}", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    langs = {p.stem: xml(p).get(XML_LANG) for p in (tmp_path / "out").iterdir()}
    assert langs == {"de-mamroth-1891-06-21": "de", "guizot": "fr",
                     "it-leopardi-1827-06-23": "it"}


def test_several_texts_without_an_out_folder_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "briefe.md"
    source.write_text(LETTERS, encoding="utf-8")
    result = run(str(source), "--split-on", "heading", "--id", "letter-{n}")
    assert result.exit_code == 1
    assert "name a folder with --out" in result.output


def test_an_id_pattern_that_repeats_is_refused_before_anything_is_written(tmp_path: Path):
    source = tmp_path / "briefe.md"
    source.write_text(LETTERS, encoding="utf-8")
    result = run(str(source), "--split-on", "heading", "--id", "letter",
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "use {n} in it" in result.output
    assert not (tmp_path / "out").exists()


# --- language and kind -----------------------------------------------------------------

def test_lang_overrides_detection_and_is_written_to_tei_and_lang_usage(tmp_path: Path):
    out = tmp_path / "x.xml"
    result = run(str(HERE / "letters" / "de-mamroth-1891-06-21.txt"), "--lang", "de-AT",
                 "--id", "m", "--out", str(out))
    assert result.exit_code == 0, result.output
    root = xml(out)
    assert root.get(XML_LANG) == "de-AT"
    assert root.xpath("//tei:langUsage/tei:language/@ident", namespaces=NSMAP) == ["de-AT"]


def test_a_bad_lang_or_kind_is_refused(tmp_path: Path) -> None:
    source = str(HERE / "letters" / "de-mamroth-1891-06-21.txt")
    assert "BCP 47" in run(source, "--lang", "German!").output
    assert "unknown kind" in run(source, "--kind", "novel").output


def test_kind_auto_prints_its_choice_and_why(tmp_path: Path) -> None:
    result = run(str(HERE / "letters" / "it-leopardi-1827-06-23.txt"), "--out",
                 str(tmp_path / "x.xml"))
    assert "kind: letter: salutation 'Carissimo Sig. Padre'" in result.output
    assert "(chosen by --kind auto)" in result.output


def test_the_report_says_what_was_recognised_and_guessed(tmp_path: Path) -> None:
    result = run(str(HERE / "letters" / "fr-guizot-1840-02-28.txt"), "--report",
                 "--out", str(tmp_path / "x.xml"))
    output = result.output
    for expected in ("language: fr (French), detected by lingua",
                     "dateline 'Londres Vendredi 28 février 1840, 9 heures' (line 1): date "
                     "1840-02-28", "signature 'G.' (line 20), guessed from its form",
                     "closing formula 'Adieu. Adieu.'", "postscript: 1",
                     "paragraphs: 9", "page breaks: none"):
        assert expected in output


def test_a_plain_text_book_keeps_its_page_joins_and_gets_its_language(tmp_path: Path):
    out = tmp_path / "book.xml"
    result = run(str(HERE / "book.txt"), "--id", "book", "--out", str(out))
    assert result.exit_code == 0, result.output
    root = xml(out)
    assert root.get(XML_LANG) == "en"
    assert root.xpath("count(//tei:pb[@break='no'])", namespaces=NSMAP) >= 1


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_what_a_word_file_holds_beyond_tei_is_reported_as_not_represented(fmt: str,
                                                                          tmp_path: Path):
    builder = make.make_docx if fmt == "docx" else make.make_odt
    source = builder([("p", [("Only a paragraph of text here.", set()),
                             ("comment", "Check.", "Ada")], None)],
                     tmp_path / f"x.{fmt}", header="Running head of the file")
    result = run(str(source), "--out", str(tmp_path / "x.xml"))
    assert result.exit_code == 0
    assert "warning: not represented: page header 'Running head of the file' left out " \
        "(page furniture)" in result.output
    assert "[import-lost]" in result.output
    assert "Running head of the file" in (tmp_path / "x.xml").read_text(encoding="utf-8")
    if fmt == "docx":  # python-docx dates its comments; odfpy does not
        assert "not represented: the date of Ada's comment" in result.output


# --- bad input -------------------------------------------------------------------------

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _with_external_template(tmp_path: Path) -> Path:
    source = make.make_docx([("p", "Text.", None)], tmp_path / "base.docx")
    target = tmp_path / "external.docx"
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as out:
        for item in archive.infolist():
            data = archive.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/attachedTemplate" '
                    b'Target="http://127.0.0.1:9/template.dotm" TargetMode="External"/>'
                    b"</Relationships>"))
            out.writestr(item, data)
    return target


BAD = {
    "not-a-zip": (lambda t: (t / "x.docx").write_bytes(b"just some text") and t / "x.docx",
                  "is not a zip archive", "import-not-zip"),
    "zip-bomb": (lambda t: _zip(t / "bomb.docx", {"word/document.xml": b"\0" * 8_000_000}),
                 "refused as a zip bomb", "import-zip-bomb"),
    "no-document": (lambda t: _zip(t / "empty.docx", {"[Content_Types].xml": b"<Types/>"}),
                    "word/document.xml is missing", "import-no-document"),
    "no-content": (lambda t: _zip(t / "empty.odt", {"mimetype": b"x"}),
                   "content.xml is missing", "import-no-document"),
    "external": (_with_external_template, "external relationship (attachedTemplate) to "
                 "http://127.0.0.1:9/template.dotm", "import-external"),
    "doctype": (lambda t: _zip(t / "dtd.docx", {"word/document.xml": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')}),
        "declares a DOCTYPE or entities", "import-doctype"),
    "legacy-doc": (lambda t: (t / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                                                         + b"\0" * 512) and t / "old.doc",
                   "legacy Word 97-2003 document is not read", "import-legacy-doc"),
    "ole-as-docx": (lambda t: (t / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a"
                                                           b"\xe1" + b"\0" * 512)
                    and t / "old.docx", "--convert-to docx", "import-legacy-doc"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_line_exit_1_and_nothing_written(case: str, tmp_path: Path) -> None:
    make_input, message, rule = BAD[case]
    source = make_input(tmp_path)
    out = tmp_path / "out"
    result = run(str(source), "--out", str(out / "x.xml"))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert source.name in lines[0] and message in lines[0] and f"[{rule}]" in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_bad_file_in_a_folder_stops_the_import_before_anything_is_written(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Lieber Freund!\n\nEin Satz.\n\nDein Arthur\n",
                                  encoding="utf-8")
    (folder / "b.docx").write_bytes(b"not a zip")
    result = run(str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "b.docx" in result.output
    assert not (tmp_path / "out").exists()


def test_images_in_a_word_file_are_reported_not_dropped(tmp_path: Path) -> None:
    png = tmp_path / "dot.png"
    png.write_bytes(_png())
    source = make.make_docx([("p", "Before the picture.", None), ("image", png)],
                            tmp_path / "pic.docx")
    result = run(str(source), "--out", str(tmp_path / "x.xml"))
    assert result.exit_code == 0
    assert "not represented: image" in result.output


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"\0\xff\xff\xff"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))



# --- any input -------------------------------------------------------------------------

_LINES = ["Lieber Freund!", "Wien, 19. August 1895", "Dein Arthur", "P.S. Noch etwas.",
          "An Herrn Bahr", "20. August", "[p. 3]", "# Brief", "Ich schreibe Dir heute.",
          "und so weiter", "Adieu.", "G.", "|4|", "*kursiv* und **fett**", "<&>\"'", "\f"]


@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=40), max_size=14),
       st.sampled_from(["auto", "letter", "diary", "article", "book"]),
       st.sampled_from([".txt", ".md"]))
@settings(max_examples=150, deadline=None, derandomize=True)
def test_any_text_gives_well_formed_tei_or_one_edition_error(lines, kind, suffix) -> None:
    from edition.importer.convert import Options, import_paths
    from edition.problems import EditionError

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"t{suffix}"
        source.write_text("\n\n".join(lines), encoding="utf-8")
        try:
            drafts = import_paths(source, Options(kind=kind, id_pattern="t", lang="de"))
        except EditionError:
            return
        for draft in drafts:
            etree.fromstring(draft.xml.encode())


def _draft(tmp_path: Path, text: str) -> tuple:
    from edition.importer.convert import Options, import_paths

    source = tmp_path / "t.txt"
    source.write_text(text, encoding="utf-8")
    [draft] = import_paths(source, Options(id_pattern="t"))
    return draft, etree.fromstring(draft.xml.encode())


def test_an_english_letter_has_its_opener_and_closer_in_english_forms(tmp_path: Path):
    draft, root = _draft(tmp_path, "London, March 3rd, 1850\n\nDear Sir,\n\nI have the honour "
                         "to acknowledge your letter of the 1st instant.\n\nI remain, Sir,\n"
                         "your obedient servant,\nJohn Smith\n")
    assert draft.kind == "letter" and root.get(XML_LANG) == "en"
    assert root.xpath("//tei:dateline/tei:date/@when", namespaces=NSMAP) == ["1850-03-03"]
    assert root.xpath("string(//tei:closer/tei:signed)", namespaces=NSMAP) == "John Smith"
    assert root.xpath("count(//tei:closer/tei:salute/tei:lb)", namespaces=NSMAP) == 1


def test_a_dateline_on_the_first_line_makes_a_letter_and_prose_is_no_signature(tmp_path):
    draft, root = _draft(tmp_path, "Wien, 19. August 1895\n\nIch schreibe Dir nur kurz, weil "
                         "ich morgen abreise.\n\nAlles Weitere mündlich.\n")
    assert draft.kind == "letter"
    assert not root.xpath("//tei:signed", namespaces=NSMAP)
    assert root.xpath("count(//tei:body/tei:p)", namespaces=NSMAP) == 2


def test_an_english_diary_has_one_dated_entry_per_day(tmp_path: Path) -> None:
    draft, root = _draft(tmp_path, "3 March 1850. Arrived at Dover in the rain.\n\n4 March. "
                         "Crossed to Calais.\n\n5 March. Paris at last.\n")
    assert draft.kind == "diary"
    assert root.xpath("//tei:div[@type='entry']/tei:head/tei:date/@when",
                      namespaces=NSMAP) == ["1850-03-03", "1850-03-04", "1850-03-05"]


def test_merged_table_cells_keep_their_spans(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Tall"
    table.cell(2, 0).merge(table.cell(2, 1)).text = "Wide"
    table.cell(0, 1).text, table.cell(1, 1).text = "a", "b"
    document.save(str(tmp_path / "t.docx"))
    draft, root = _draft_of(tmp_path / "t.docx")
    cells = root.xpath("//tei:cell", namespaces=NSMAP)
    assert [(c.text, c.get("rows"), c.get("cols")) for c in cells] == [
        ("Tall", "2", None), ("a", None, None), ("b", None, None), ("Wide", None, "2")]


def test_odt_nested_lists_and_spanned_cells(tmp_path: Path) -> None:
    from odf import table, text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    outer = text.List()
    item = text.ListItem()
    item.addElement(text.P(text="fruit"))
    inner = text.List()
    for name in ("apple", "pear"):
        entry = text.ListItem()
        entry.addElement(text.P(text=name))
        inner.addElement(entry)
    item.addElement(inner)
    outer.addElement(item)
    document.text.addElement(outer)
    grid = table.Table(name="T")
    row = table.TableRow()
    cell = table.TableCell(numbercolumnsspanned=2)
    cell.addElement(text.P(text="Wide"))
    row.addElement(cell)
    row.addElement(table.CoveredTableCell())
    grid.addElement(row)
    document.text.addElement(grid)
    document.save(str(tmp_path / "t.odt"))
    draft, root = _draft_of(tmp_path / "t.odt")
    assert root.xpath("//tei:list/tei:item/tei:list/tei:item/text()", namespaces=NSMAP) == [
        "apple", "pear"]
    assert root.xpath("//tei:cell/@cols", namespaces=NSMAP) == ["2"]


def _draft_of(source: Path) -> tuple:
    from edition.importer.convert import Options, import_paths

    [draft] = import_paths(source, Options(id_pattern="t", kind="article", lang="en"))
    return draft, etree.fromstring(draft.xml.encode())


def test_split_articles_of_a_text_file_each_hold_only_their_own_part(tmp_path: Path):
    source = tmp_path / "two.txt"
    source.write_text("# One\n\nThe first article has one sentence.\n\n# Two\n\nThe second "
                      "article has another sentence.\n", encoding="utf-8")
    result = run(str(source), "--split-on", "heading", "--kind", "article", "--id", "a{n}",
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    second = (tmp_path / "out" / "a2.xml").read_text(encoding="utf-8")
    assert "second article" in second and "first article" not in second


def test_a_closing_and_signature_typed_with_a_line_break_are_two_parts(tmp_path: Path):
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("Lieber Freund!")
    document.add_paragraph("Ich schreibe Dir heute nur ein paar Zeilen aus Wien.")
    closer = document.add_paragraph()
    run = closer.add_run("Dein treuer")
    run.italic = True
    run.add_break(WD_BREAK.LINE)
    run.add_text("Arthur")
    document.save(str(tmp_path / "b.docx"))
    from edition.importer.convert import Options, import_paths

    [draft] = import_paths(tmp_path / "b.docx", Options(id_pattern="b", kind="letter"))
    root = etree.fromstring(draft.xml.encode())
    closer = root.xpath("//tei:closer/*/tei:hi[@rend='italic']/text()", namespaces=NSMAP)
    assert closer == ["Dein treuer", "Arthur"]  # each line its part, the italics kept


def test_lines_are_not_cut_inside_an_element() -> None:
    from edition.importer.document import Block

    linked = Block("p", "Dein\nArthur", '<ref target="x">Dein<lb/>Arthur</ref>', 1)
    assert linked.lines() == [linked]
    plain = Block("p", "Dein\nArthur", "Dein<lb/>Arthur", 1)
    assert [b.markup for b in plain.lines()] == ["Dein", "Arthur"]


def test_tracked_changes_keep_the_text_as_it_reads_now_and_report_the_deletion(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("The road was ")
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="Ada" w:date="2026-01-02T10:00:00Z">'
        '<w:r><w:delText>very </w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="Ada" w:date="2026-01-02T10:00:00Z">'
        "<w:r><w:t>quite </w:t></w:r></w:ins>"))
    paragraph.add_run("long.")
    document.save(str(tmp_path / "c.docx"))
    result = run(str(tmp_path / "c.docx"), "--kind", "article", "--out", str(tmp_path / "c.xml"))
    assert "not represented: tracked deletion 'very' left out" in result.output
    root = xml(tmp_path / "c.xml")
    assert root.xpath("string(//tei:body/tei:p)", namespaces=NSMAP) == "The road was quite long."
