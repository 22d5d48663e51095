"""Letter shapes beyond the published letters: older spellings of months, closing
formulas known by the regard they offer, particles in signatures, a closing above the
signature known by the writer's possessive, and the addressee written below the
signature. Each is imported from plain text with ``--kind auto``."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from test_import_letters import first_text

from edition.importer.convert import Options, import_paths
from edition.paths import NSMAP

HUMBOLDT = """Berlin, den 3ten May 1820.

Hochwohlgeborner Herr Graf,

Euer Hochgeboren haben mir die Ehre erwiesen.

Mit der vollkommensten Hochachtung verharre ich
Euer Hochgeboren
gehorsamster Diener
W. v. Humboldt
"""
LAFAYETTE = """Paris, ce 12 janvier 1789

Monsieur,

J'ai reçu votre lettre du 3 de ce mois.

Je vous prie d'agréer l'assurance de ma considération distinguée.

Lafayette
"""
DICKENS = """14 Henrietta Street
London
March 3rd 1851

My dear Forster,

I send you the proofs with this. They want a good deal of looking at.

Ever faithfully yours
Charles Dickens

John Forster Esq.
"""
BROTHER = """Wien, am 9t März 1818

Theuerster Bruder!

Dein Brief hat mich sehr gefreut. Wir sind alle gesund.

Die Kinder grüßen dich.

In Eile dein treuer Bruder
Franz

N.S. Schreib bald!
"""

FRANKLIN = """Passy, Feb. 8. 1780

Sir

I received your favour of the 2d instant. The affair shall be attended to.

With great esteem, I have the honour to be,
Sir,
Your most obedient
and most humble Servant
B. Franklin

M. Dumas
"""
GOETHE = """Lieber Schiller

Ich schicke Ihnen hier das Manuscript zurück.

Leben Sie recht wohl und gedenken mein.

Weimar d. 12. Jan. 1800.
G.
"""
MILL = """Dear Sir,

Your letter of the 4th reached me yesterday.

I am, dear Sir,
very truly yours,
J. S. Mill

India House, 10th Nov. 1840
"""

RUN_IN = """Lieber Freund!

Ich komme morgen mit dem ersten Zug. Mit herzlichem Gruß Dein Hans
"""

CASES = {
    "humboldt": (HUMBOLDT, dict(
        when="1820-05-03", salute="Hochwohlgeborner Herr Graf,",
        closing="Mit der vollkommensten Hochachtung verharre ich Euer Hochgeboren "
                "gehorsamster Diener", signed="W. v. Humboldt", paragraphs=1,
        recipient=None)),
    "lafayette": (LAFAYETTE, dict(
        when="1789-01-12", salute="Monsieur,",
        closing="Je vous prie d'agréer l'assurance de ma considération distinguée.",
        signed="Lafayette", paragraphs=1, recipient=None)),
    "dickens": (DICKENS, dict(
        when="1851-03-03", salute="My dear Forster,", closing="Ever faithfully yours",
        signed="Charles Dickens", paragraphs=1, recipient="John Forster Esq.")),
    "brother": (BROTHER, dict(
        when="1818-03-09", salute="Theuerster Bruder!", closing="In Eile dein treuer Bruder",
        signed="Franz", paragraphs=3, recipient=None)),
    "run-in": (RUN_IN, dict(
        when=None, salute="Lieber Freund!", closing="Mit herzlichem Gruß Dein",
        signed="Hans", paragraphs=1, recipient=None)),
    "franklin": (FRANKLIN, dict(
        when="1780-02-08", salute="Sir", closing="With great esteem, I have the honour to be, "
        "Sir, Your most obedient and most humble Servant", signed="B. Franklin",
        paragraphs=1, recipient="M. Dumas")),
    "goethe": (GOETHE, dict(
        when="1800-01-12", salute="Lieber Schiller", place="Weimar",
        closing="Leben Sie recht wohl und gedenken mein.", signed="G.", paragraphs=1,
        recipient=None, order=["salute", "dateline", "signed"])),
    "mill": (MILL, dict(
        when="1840-11-10", salute="Dear Sir,", closing="I am, dear Sir, very truly yours,",
        signed="J. S. Mill", paragraphs=1, recipient=None,
        order=["salute", "signed", "dateline"])),
}


@pytest.mark.parametrize("name", CASES)
def test_the_letter_parts_are_recognised(name: str, tmp_path: Path) -> None:
    text, expected = CASES[name]
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    [draft] = import_paths(source, Options(id_pattern="letter"))
    assert draft.kind == "letter", draft.report[0]
    root = etree.fromstring(draft.xml.encode())
    assert root.xpath("//tei:dateline/tei:date/@when", namespaces=NSMAP) == (
        [expected["when"]] if expected["when"] else [])
    if "place" in expected:
        assert first_text(root, "//tei:correspAction[@type='sent']/tei:placeName") == \
            expected["place"]
    if "order" in expected:
        closer = root.xpath("//tei:closer", namespaces=NSMAP)[0]
        assert [etree.QName(c).localname for c in closer] == expected["order"]
    assert first_text(root, "//tei:opener/tei:salute") == expected["salute"]
    assert first_text(root, "//tei:closer/tei:salute") == expected["closing"]
    assert first_text(root, "//tei:closer/tei:signed") == expected["signed"]
    assert len(root.xpath("//tei:body//tei:p", namespaces=NSMAP)) == expected["paragraphs"]
    assert first_text(root, "//tei:correspAction[@type='received']/tei:persName") == \
        expected["recipient"]
    assert first_text(root, "//tei:correspAction[@type='sent']/tei:persName") == expected["signed"]


def test_a_diary_of_two_entries_is_a_diary(tmp_path: Path) -> None:
    source = tmp_path / "diary.txt"
    source.write_text("Monday 3 March 1851. Rain all day. Wrote letters.\n\n"
                      "Tuesday 4 March 1851. Walked to the village.\n\n"
                      "A long day without visitors.\n", encoding="utf-8")
    [draft] = import_paths(source, Options(id_pattern="diary"))
    assert draft.kind == "diary", draft.report[0]
    root = etree.fromstring(draft.xml.encode())
    assert root.xpath("//tei:div[@type='entry']/tei:head/tei:date/@when",
                      namespaces=NSMAP) == ["1851-03-03", "1851-03-04"]
