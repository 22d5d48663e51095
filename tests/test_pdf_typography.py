"""Typography of the print edition (and the punctuation rule the web shares): curly
quotation marks, en dashes in ranges, no-break spaces after abbreviations, hyphenation
by language, at most two hyphenated line ends in a row, no hyphen inside a name, no
widow or orphan lines."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest
from lxml import etree

from edition.html.transform import LinkResolver, render_fragment
from edition.model import load_edition
from edition.pdf import hyphenation
from edition.pdf.layout import captured_warnings, render
from edition.pdf.settle import lay_out_settled
from edition.typography import typeset, typeset_html, typeset_tree

TEXT_BLOCK = """<!DOCTYPE html><html lang="en"><head><style>@page {{ size: 156mm 234mm; }}
</style></head><body><article class="text"><div class="text-body">{}</div></article>
</body></html>"""


@pytest.mark.parametrize(("source", "printed"), [
    ("Kim Il Sung's", "Kim Il Sung’s"),
    ("the Workers' Party", "the Workers’ Party"),
    ('he said "no" twice', "he said “no” twice"),
    ("'quoted' here", "‘quoted’ here"),
    ("in the '60s", "in the ’60s"),
    ("(\"a\")", "(“a”)"),
    ("pp. 310-322", "pp.\u00a0310\u2013322"),
    ("1950-1953", "1950\u20131953"),
    ("no. 3 and p. 12", "no.\u00a03 and p.\u00a012"),
    ("Dr. Kim", "Dr.\u00a0Kim"),
])
def test_the_punctuation_rule(source: str, printed: str) -> None:
    assert typeset(source) == printed


@pytest.mark.parametrize("source", [
    "ISBN 978-9946-0-1234-5", "on 1957-11-05", "tel. 850-2-381-4410", "there is no. Then",
    "counter-revolutionary", "p.12", "MiG-21",
])
def test_the_punctuation_rule_leaves_alone(source: str) -> None:
    assert typeset(source) == source


def test_a_quotation_mark_is_decided_by_the_text_before_it_in_another_element() -> None:
    root = etree.fromstring('<div><p>said: "<span>Yes</span>" and <i>Sung</i>\'s</p>'
                            '<p>"Next</p></div>')
    typeset_tree(root)
    assert "".join(root[0].itertext()) == "said: “Yes” and Sung’s"
    assert "".join(root[1].itertext()) == "“Next"  # a block starts afresh


def test_metadata_and_attributes_keep_the_source_s_characters() -> None:
    html = typeset_html("<html><head><title>Sung's</title></head><body>"
                        "<a href=\"x'y\" data-label=\"Sung's\">Sung's</a></body></html>")
    assert "<title>Sung's</title>" in html
    assert "href=\"x'y\"" in html
    assert 'data-label="Sung’s"' in html and ">Sung’s</a>" in html


def test_the_web_text_gets_the_same_punctuation(mini_edition: Path) -> None:
    edition = load_edition(mini_edition)
    text = edition.texts[0]
    html, _ = render_fragment(text.tree, LinkResolver(edition), text.path)
    assert "Workers’ Party" in html and "’s reply" in html
    assert "Workers' Party" not in html
    assert "Workers' Party" in text.path.read_text(encoding="utf-8")  # the TEI keeps it


def test_pyphen_has_the_dictionaries_of_the_bundled_languages_offline() -> None:
    edition = load_edition(Path(__file__).parent.parent / "tei")
    for language in {t.meta.language for t in edition.texts}:
        assert pyphen.language_fallback(language.replace("-", "_")), language
    assert pyphen.Pyphen(lang="en").inserted("internationalism") != "internationalism"


def _lay_out(paragraphs: str):  # noqa: ANN202 - a WeasyPrint Document
    with captured_warnings() as log:
        document = render(TEXT_BLOCK.format(paragraphs), Path.cwd(), folios=False)
    assert not log.records, [r.getMessage() for r in log.records]
    return document


NARROW = ('<p class="para" id="{id}" style="width: 32mm">{text}</p>')
LONG_WORDS = ("The internationalist representatives characteristically acknowledged "
              "unconditional responsibilities, notwithstanding extraordinary "
              "administrative complications and interdepartmental misunderstandings "
              "concerning revolutionary reconstruction. ") * 3


def test_a_narrow_paragraph_is_hyphenated_but_never_three_lines_in_a_row() -> None:
    html = TEXT_BLOCK.format(NARROW.format(id="p1", text=LONG_WORDS))
    with captured_warnings():
        plain = render(html, Path.cwd(), folios=False)
        settled = lay_out_settled(html, lambda h: render(h, Path.cwd(), folios=False),
                                  lambda message: None)
        limited, kept = settled.document, settled.kept_whole
    (_, before), = [b for b in hyphenation.block_lines(plain).values() if b[0] == "p1"]
    (_, after), = [b for b in hyphenation.block_lines(limited).values() if b[0] == "p1"]
    assert hyphenation.excess(before), "the sample must break the limit unless it is kept"
    assert kept
    assert sum(line.hyphenated for line in after) >= 3
    assert hyphenation.excess(after) == []


def test_a_tagged_name_is_never_hyphenated() -> None:
    name = "Constantinopolitan Internationalisation"
    document = _lay_out(NARROW.format(id="p1", text=f'Here <span class="ent">{name}</span> '
                                      f'and here {name} again.'))
    (_, lines), = [b for b in hyphenation.block_lines(document).values() if b[0] == "p1"]
    texts = [line.text for line in lines]
    broken = [t for t in texts if t.rstrip().endswith(hyphenation.HYPHEN)]
    assert broken, "the untagged copy of the name must be hyphenated"
    joined = " ".join(texts)
    assert name in joined  # the tagged one stands whole, on lines of its own
