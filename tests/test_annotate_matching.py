"""Register names matched in any language: diacritics, case and inflected forms
(`edition.annotate.matching`), through `edition annotate` on small German, French and
Korean texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.annotate import gazetteer
from edition.annotate.document import annotate_tree
from edition.annotate.matching import fold
from edition.paths import TEI_NS

T = f"{{{TEI_NS}}}"
REGISTER = f"""<TEI xmlns="{TEI_NS}" type="register"><teiHeader><fileDesc><titleStmt>
<title>Register</title></titleStmt></fileDesc></teiHeader><text><body>
<listPerson>
  <person xml:id="goethe"><persName>Goethe</persName></person>
  <person xml:id="buelow"><persName>Bernhard von Bülow</persName><persName>Bülow</persName></person>
  <person xml:id="rose"><persName>Rose</persName></person>
  <person xml:id="cicero"><persName>Cicero</persName><persName>Ciceronis</persName></person>
  <person xml:id="kim-il-sung"><persName>김일성</persName></person>
</listPerson>
<listPlace><place xml:id="muenchen"><placeName>München</placeName></place></listPlace>
</body></text></TEI>"""


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> gazetteer.Gazetteer:
    folder = tmp_path_factory.mktemp("registers")
    (folder / "register.xml").write_text(REGISTER, encoding="utf-8")
    return gazetteer.load(folder)


def annotate(body: str, names: gazetteer.Gazetteer, lang: str) -> str:
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}" xml:lang="{lang}"><teiHeader/><text>'
                            f"<body>{body}</body></text></TEI>")
    annotate_tree(root.getroottree(), names, Path("t.xml"))
    out = etree.tostring(root.find(f"{T}text/{T}body"), encoding="unicode")
    return out[out.index(">") + 1:out.rindex("<")]


def test_folding_keeps_every_offset() -> None:
    for text in ("Bülow", "MÜNCHEN", "Dvořák’s", "Straße", "김일성"):
        assert len(fold(text)) == len(text)
    assert fold("Dvořák’s") == "dvorak's"


def test_diacritics_and_case_are_ignored_inside_a_name(names) -> None:
    out = annotate("<p>Bulow kam aus MÜNCHEN, Muenchen nicht.</p>", names, "de")
    assert '<persName ref="#buelow">Bulow</persName>' in out
    assert '<placeName ref="#muenchen">MÜNCHEN</placeName>' in out
    assert "Muenchen nicht" in out  # a transliteration is a variant for the register


def test_a_lower_case_word_is_not_a_capitalised_name(names) -> None:
    out = annotate("<p>Eine rose für Rose.</p>", names, "de")
    assert out == '<p>Eine rose für <persName ref="#rose">Rose</persName>.</p>'


def test_german_inflected_forms_are_found(names) -> None:
    out = annotate("<p>Goethes Farbenlehre und Bülows Rede in Münchens Mitte.</p>", names, "de")
    assert '<persName ref="#goethe">Goethes</persName>' in out
    assert '<persName ref="#buelow">Bülows</persName>' in out
    assert '<placeName ref="#muenchen">Münchens</placeName>' in out


def test_endings_are_those_of_the_texts_language(names) -> None:
    out = annotate("<p>Goethes poems.</p>", names, "en")
    assert "persName" not in out  # English has no such genitive: "Goethe's" is the form


def test_other_inflections_come_from_the_register_variants(names) -> None:
    out = annotate("<p>Liber Ciceronis de officiis.</p>", names, "la")
    assert '<persName ref="#cicero">Ciceronis</persName>' in out


def test_names_in_scripts_without_case_are_matched_as_written(names) -> None:
    out = annotate("<p>김일성 동지는 말하였다.</p>", names, "ko")
    assert out.startswith('<p><persName ref="#kim-il-sung">김일성</persName>')
