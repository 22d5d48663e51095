"""The hardened parser's contract: same trees as lxml for good files, one clean error line
naming file, line, column and rule for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition import xmlparse
from edition.problems import EditionError
from edition.sources import Kind, check_root, parse_source
from edition.xmlparse import parse_bytes, parse_file

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>{}</p></body></text></TEI>'


def refusal(data: bytes, name: str = "doc.xml") -> EditionError:
    with pytest.raises(EditionError) as caught:
        parse_bytes(data, name)
    return caught.value


def test_a_file_parses_to_the_same_tree_as_plain_lxml(mini_edition: Path) -> None:
    path = mini_edition / "texts" / "mini1.xml"
    ours = parse_file(path)
    theirs = etree.parse(str(path))
    assert etree.tostring(ours) == etree.tostring(theirs)


def test_a_document_split_across_many_chunks_parses_whole(monkeypatch) -> None:
    monkeypatch.setattr(xmlparse, "CHUNK", 7)
    text = "Pyongyang, 1957 — " * 50
    tree = parse_bytes(TEI.format(text).encode(), "chunks.xml")
    assert "".join(tree.getroot().itertext()) == text


def test_source_lines_are_kept_for_error_messages(mini_edition: Path) -> None:
    tree = parse_file(mini_edition / "texts" / "mini1.xml")
    assert tree.getroot().sourceline == 2


def test_a_syntax_error_names_file_line_column_and_rule() -> None:
    error = refusal(b"<TEI>\n<p>\n</TEI>", "broken.xml")
    assert str(error).startswith("broken.xml:3:")
    assert error.rule == "xml-syntax"
    assert "\n" not in str(error)


def test_an_undeclared_entity_is_reported_where_it_stands() -> None:
    error = refusal(b"<TEI>\n  caf&eacute;</TEI>")
    assert (error.line, error.rule) == (2, "xml-entity") and error.column > 3
    assert "eacute" in error.message


def test_a_multi_line_libxml2_message_becomes_one_line() -> None:
    error = refusal(b"<TEI>\x00</TEI>")
    assert "\n" not in str(error) and error.rule == "xml-syntax"


def test_an_empty_file_is_reported_as_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    with pytest.raises(EditionError, match="the file is empty"):
        parse_file(empty)


def test_a_missing_file_and_a_folder_are_io_errors(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.xml", tmp_path):
        with pytest.raises(EditionError) as caught:
            parse_file(path)
        assert caught.value.rule == "io"


def test_bytes_over_the_limit_are_refused_before_parsing(monkeypatch) -> None:
    monkeypatch.setattr(xmlparse, "MAX_BYTES", 100)
    error = refusal(TEI.format("x" * 200).encode())
    assert error.rule == "xml-too-large"


def test_a_file_over_the_limit_is_refused_from_its_size(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(xmlparse, "MAX_BYTES", 100)
    big = tmp_path / "big.xml"
    big.write_bytes(TEI.format("x" * 200).encode())
    opened: list[Path] = []
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self))
    with pytest.raises(EditionError, match="exceeds the 100-byte limit"):
        parse_file(big)
    assert opened == []


def test_a_plain_doctype_without_entities_is_harmless() -> None:
    tree = parse_bytes(b"<!DOCTYPE TEI>" + TEI.format("ok").encode(), "doctype.xml")
    assert tree.getroot().tag.endswith("TEI")


@pytest.mark.parametrize(("xml", "rule", "words"), [
    (b"<TEI.2><text/></TEI.2>", "tei-p4", "p4/from.xsl"),
    (b"<TEI><text/></TEI>", "not-tei", "xmlns"),
    (b'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"/>', "not-tei", "expected <TEI"),
    (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "not-tei", "expected <TEI"),
])
def test_a_root_that_is_not_tei_p5_is_refused_with_advice(xml: bytes, rule: str,
                                                          words: str) -> None:
    with pytest.raises(EditionError) as caught:
        check_root(parse_bytes(xml, "other.xml"), Path("other.xml"))
    assert caught.value.rule == rule and words in caught.value.message


def test_parse_source_classifies_a_tei_text(mini_edition: Path) -> None:
    assert parse_source(mini_edition / "texts" / "mini1.xml").kind is Kind.TEXT


@pytest.mark.parametrize("xml", [b'<x><a xml:id="a"/><b xml:id="a"/></x>',
                                 b'<x><a xml:id="../../etc/x"/></x>',
                                 b'<x><a xml:id="1957"/></x>'])
def test_a_duplicate_or_malformed_xml_id_is_an_id_error(xml: bytes) -> None:
    error = refusal(xml)
    assert error.rule == "xml-id" and "unique" in error.message
