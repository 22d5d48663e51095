"""Citations: CSL-JSON items from the TEI headers, formatted citations, exports, `edition cite`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from typer.testing import CliRunner

from edition.citation import (
    cite,
    csl_item,
    paragraph_citations,
    render,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from edition.cli import app
from edition.model import Edition, load_edition

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "csl-data.json").read_text())
STYLES = ("chicago", "mla", "apa")


@pytest.fixture(scope="module")
def mini(mini_edition: Path) -> Edition:
    return load_edition(mini_edition)


@pytest.fixture(scope="module")
def bundled(bundled_edition: Path) -> Edition:
    return load_edition(bundled_edition)


def _targets(edition: Edition) -> list[dict]:
    text = edition.texts[0]
    return [csl_item(edition), csl_item(edition, text),
            csl_item(edition, text, text.paragraphs[1])]


def test_the_text_item_takes_every_field_from_the_headers(mini: Edition) -> None:
    item = csl_item(mini, mini.text("mini1"))
    assert item["type"] == "chapter"
    assert item["title"] == "A Letter on the Visit to Moscow"
    assert item["author"] == [{"family": "Kim", "given": "Il Sung"}]
    assert item["editor"] == [{"family": "Editor", "given": "Ada"}]
    assert item["translator"] == [{"literal": "Kim Yong Nam"}]
    assert item["container-title"] == "A Miniature Edition: Fixture for the test suite"
    assert item["publisher"] == "Miniature Press"
    assert item["issued"] == {"date-parts": [[2026, 1, 15]]}
    assert item["original-date"] == {"date-parts": [[1949, 4, 10]]}
    assert item["version"] == "1.2.0"
    assert item["URL"] == "https://editions.example.org/mini/texts/mini1.html"
    assert "DOI" not in item


def test_a_reprint_is_not_given_as_the_original_publication(mini: Edition) -> None:
    # the source is a 1982 collected edition; the letter dates from 1949
    item = csl_item(mini, mini.text("mini1"))
    assert "original-publisher" not in item and "original-title" not in item


def test_the_paragraph_item_adds_locator_label_and_anchor(mini: Edition) -> None:
    text = mini.text("mini1")
    item = csl_item(mini, text, text.paragraph("mini1.2.1"))
    assert (item["locator"], item["label"]) == ("2.1", "paragraph")
    assert item["URL"].endswith("texts/mini1.html#mini1.2.1")
    assert item["id"] == "mini1.2.1"


def test_no_url_without_a_base_url_and_a_doi_only_when_declared(mini: Edition) -> None:
    bare = dataclasses.replace(mini, meta=dataclasses.replace(mini.meta, base_url=None))
    assert "URL" not in csl_item(bare) and "URL" not in csl_item(bare, bare.texts[0])
    with_doi = dataclasses.replace(mini, meta=dataclasses.replace(mini.meta,
                                                                  doi="10.5281/zenodo.1"))
    assert csl_item(with_doi)["DOI"] == "10.5281/zenodo.1"


@pytest.mark.parametrize("which", ["mini", "bundled"])
def test_csl_json_exports_validate_against_the_csl_data_schema(
        which: str, request: pytest.FixtureRequest) -> None:
    edition = request.getfixturevalue(which)
    for item in _targets(edition):
        jsonschema.validate(json.loads(to_csl_json(item)), SCHEMA)


def test_paragraph_citations_equal_formatting_each_paragraph_alone(mini: Edition,
                                                                    bundled: Edition) -> None:
    for edition in (mini, bundled):
        for text in edition.texts:
            sample = [*text.paragraphs[::max(1, len(text.paragraphs) // 5)], text.paragraphs[-1]]
            for style in STYLES:
                for fmt in ("text", "html"):
                    fast = paragraph_citations(edition, text, style, fmt)
                    assert list(fast) == [p.ref for p in text.paragraphs]
                    for paragraph in sample:
                        alone = render(csl_item(edition, text, paragraph), style, fmt)
                        assert fast[paragraph.ref] == alone, (style, fmt, paragraph.ref)


def test_citations_formatted_once_for_texts_alike_equal_each_formatted_alone(
        mini: Edition, bundled: Edition) -> None:
    """`render` formats an item with its text's id masked, shared by texts alike; the
    result is what citeproc makes of the item itself."""
    from edition.citation.formatting import _render
    from edition.citation.items import split_locator

    for edition in (mini, bundled):
        for text in edition.texts:
            for item in (csl_item(edition), csl_item(edition, text),
                         csl_item(edition, text, text.paragraphs[0]),
                         csl_item(edition, text, text.paragraphs[-1])):
                data, locator, label = split_locator(item)
                for style in STYLES:
                    for fmt in ("text", "html"):
                        shared = render(item, style, fmt)
                        assert shared.reference == _render(data, style, fmt)
                        if locator:
                            assert shared.pinpoint == _render(data, style, fmt, locator,
                                                              label)


@pytest.mark.parametrize(("style", "pinpoint"), [
    ("chicago", "para. 1.2"), ("mla", "(Kim, par. 1.2)"), ("apa", "(Kim, 1949/2026, para. 1.2)")])
def test_a_paragraph_citation_names_the_paragraph(mini: Edition, style: str,
                                                  pinpoint: str) -> None:
    text = mini.text("mini1")
    formatted = render(csl_item(mini, text, text.paragraph("mini1.1.2")), style)
    assert pinpoint in formatted.pinpoint
    assert "https://editions.example.org/mini/texts/mini1.html#mini1.1.2" in formatted.reference


def test_the_html_form_marks_titles_in_italics(mini: Edition) -> None:
    html = render(csl_item(mini, mini.text("mini1")), "chicago", "html").reference
    assert "<i>A Miniature Edition: Fixture for the Test Suite</i>" in html


def test_bibtex_parses_with_an_independent_parser(mini: Edition) -> None:
    text = mini.text("mini1")
    for item in _targets(mini):
        database = bibtexparser.loads(to_bibtex(item))
        assert len(database.entries) == 1
        entry = database.entries[0]
        assert entry["ID"] == item["id"]
        assert entry["year"] == "2026"
        assert entry["title"] == item["title"]
    entry = bibtexparser.loads(to_bibtex(csl_item(mini, text))).entries[0]
    assert entry["ENTRYTYPE"] == "incollection"
    assert entry["author"] == "Kim, Il Sung"
    assert entry["booktitle"] == "A Miniature Edition: Fixture for the test suite"


def test_bibtex_escapes_latex_specials(mini: Edition) -> None:
    item = dict(csl_item(mini), title="Notes & Queries 100% {sic}")
    entry = bibtexparser.loads(to_bibtex(item)).entries[0]
    assert entry["title"] == r"Notes \& Queries 100\% \{sic\}"


def test_ris_has_the_required_tags_in_order(mini: Edition) -> None:
    text = mini.text("mini1")
    record = to_ris(csl_item(mini, text, text.paragraph("mini1.1.2")))
    lines = record.split("\r\n")
    assert lines[0] == "TY  - CHAP" and lines[-2] == "ER  - " and lines[-1] == ""
    tags = {line[:2]: line[6:] for line in lines if line}
    assert tags["TI"] == "A Letter on the Visit to Moscow"
    assert tags["AU"] == "Kim, Il Sung"
    assert tags["PY"] == "2026"
    assert tags["T2"] == "A Miniature Edition: Fixture for the test suite"
    assert tags["UR"].endswith("#mini1.1.2")
    assert all(line[2:6] == "  - " for line in lines if line)


def test_cite_prints_the_paragraph_citation_the_html_control_shows(mini_edition: Path,
                                                                   mini: Edition) -> None:
    text = mini.text("mini1")
    for style in STYLES:
        shown = paragraph_citations(mini, text, style, "html")["mini1.2.1"]
        assert cite(mini_edition, "mini1.2.1", style, "html") == str(shown)


def test_cite_on_the_command_line_for_each_format(mini_edition: Path) -> None:
    runner = CliRunner()
    for fmt, marker in (("text", "Kim"), ("html", "<i>"), ("bibtex", "@incollection{mini1,"),
                        ("ris", "TY  - CHAP"), ("csl-json", '"type": "chapter"')):
        result = runner.invoke(app, ["cite", "mini1", "--format", fmt, "--source",
                                     str(mini_edition)])
        assert result.exit_code == 0, result.output
        assert marker in result.output


def test_an_unknown_target_is_one_line_naming_the_valid_forms(mini_edition: Path) -> None:
    result = CliRunner().invoke(app, ["cite", "mini1.9.9", "--source", str(mini_edition)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "'edition', a text id (mini1) or a paragraph reference such as mini1.1.1" in lines[0]
    assert lines[0].endswith("[cite-target]")
    assert "Traceback" not in result.output


def test_a_text_without_author_is_cited_under_the_editor_of_its_source(
        bundled_edition: Path) -> None:
    from edition.citation import csl_item
    from edition.model import load_edition

    edition = load_edition(bundled_edition)
    book = csl_item(edition, edition.text("flph2025"))
    assert "author" not in book
    assert book["editor"] == [{"literal": "Kim Jun Hyok"}]
    article = csl_item(edition, edition.text("kis1957"))
    assert article["author"] == [{"literal": "Kim Il Sung"}]
    assert article["editor"] == [{"literal": "The edition's editorial team"}]
