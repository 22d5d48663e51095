"""Real letters in three languages, against the structure of their published TEI.

Each letter is our own plain-text transcription (tests/fixtures/import/letters/) of a
public-domain letter published in an openly licensed TEI edition; the DOCX and ODT are
made from that text here. The expectations are what the published TEI encodes:

- ``de-mamroth-1891-06-21``: Fedor Mamroth to Arthur Schnitzler, Frankfurt am Main,
  21 June 1891 (Arthur Schnitzler: Briefwechsel mit Autorinnen und Autoren, ed. M. A.
  Müller and G.-H. Susen, ACDH Vienna 2021, letter L00020, CC BY 4.0): dateline
  ``Frankfurt a. M., 21. Juni. 1891``, salute ``Hochgeehrter Herr Doctor!``, one
  paragraph, closer ``Ihr ergebener`` with signed ``FMamroth``.
- ``de-joachim-1890-01-31``: Jaques Joachim to Arthur Schnitzler, Vienna, 31 January 1890
  (the same edition, letter L00002, CC BY 4.0): dateline ``Wien I Fr. J. Quai 31`` /
  ``31. Januar 1890`` (the place on its own line), salute ``Sehr geehrter Herr Doctor!``,
  one paragraph, closer ``Hochachtungsvoll`` with signed ``DrJJoachim``.
- ``fr-guizot-1840-02-28``: François Guizot to Dorothée de Lieven, London, 28 February
  1840 (Correspondance Guizot–Lieven, documents_tei/1840-02-28-gl.xml, CC BY-SA 4.0):
  dateline ``Londres Vendredi 28 février 1840, 9 heures``, no salute, closer salute
  ``Adieu. Adieu.`` and signed ``G.``, a postscript. The published body has seven ``p``
  and one run of text its encoder left outside any ``p``: eight paragraphs. Its
  ``date/@when`` says 1840-02-02 against its own dateline's 28 février; the dateline is
  the expectation.
- ``it-leopardi-1827-06-23``: Giacomo Leopardi to his father Monaldo, Florence, 23 June
  1827 (Cambridge University Library, MS Add.6210.18, text public domain): address ``Al
  Nobil Uomo / Il Sig. Conte Monaldo Leopardi / Recanati / Stato Romano``, dateline
  ``Firenze 23 Giugno 1827``, salute ``Carissimo Sig. Padre``, one paragraph, closer
  salute ``Il suo amorosissimo figlio`` and signed ``Giacomo.``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from lxml import etree

from edition.importer.convert import Options, import_paths
from edition.paths import NSMAP, XML_LANG
from edition.validate import validate_paths

HERE = Path(__file__).resolve().parent / "fixtures" / "import"
_spec = importlib.util.spec_from_file_location("import_make", HERE / "make.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

PUBLISHED = {
    "de-mamroth-1891-06-21": dict(
        lang="de", salute="Hochgeehrter Herr Doctor!", closing="Ihr ergebener",
        signed="FMamroth", dateline="Frankfurt a. M., 21. Juni. 1891", when="1891-06-21",
        place="Frankfurt a. M.", paragraphs=1, postscripts=0, recipient=None),
    "de-joachim-1890-01-31": dict(
        lang="de", salute="Sehr geehrter Herr Doctor!", closing="Hochachtungsvoll",
        signed="DrJJoachim", dateline="Wien I Fr. J. Quai 31 31. Januar 1890",
        when="1890-01-31", place="Wien I Fr. J. Quai 31", paragraphs=1, postscripts=0,
        recipient=None),
    "fr-guizot-1840-02-28": dict(
        lang="fr", salute=None, closing="Adieu. Adieu.", signed="G.",
        dateline="Londres Vendredi 28 février 1840, 9 heures", when="1840-02-28",
        place="Londres", paragraphs=8, postscripts=1, recipient=None),
    "it-leopardi-1827-06-23": dict(
        lang="it", salute="Carissimo Sig. Padre", closing="Il suo amorosissimo figlio",
        signed="Giacomo.", dateline="Firenze 23 Giugno 1827", when="1827-06-23",
        place="Firenze", paragraphs=1, postscripts=0,
        recipient="Il Sig. Conte Monaldo Leopardi"),
}


def _source(name: str, fmt: str, tmp: Path) -> Path:
    text = HERE / "letters" / f"{name}.txt"
    if fmt == "txt":
        return text
    items = make.blocks_of_text(text.read_text(encoding="utf-8"))
    builder = make.make_docx if fmt == "docx" else make.make_odt
    return builder(items, tmp / f"{name}.{fmt}")


def first_text(root: etree._Element, path: str) -> str | None:
    """The text of the first match, a line break read as a space."""
    found = root.xpath(path, namespaces=NSMAP)
    if not found:
        return None
    copy = etree.fromstring(etree.tostring(found[0]))
    for lb in copy.iter(f"{{{NSMAP['tei']}}}lb"):
        lb.tail = " " + (lb.tail or "")
    return " ".join("".join(copy.itertext()).split())


@pytest.fixture(params=[(n, f) for n in PUBLISHED for f in ("txt", "docx", "odt")],
                ids=lambda p: f"{p[0]}.{p[1]}")
def letter(request, tmp_path: Path) -> tuple[dict, etree._Element]:
    name, fmt = request.param
    [draft] = import_paths(_source(name, fmt, tmp_path), Options(id_pattern="letter"))
    assert draft.kind == "letter", draft.report[0]
    return PUBLISHED[name], etree.fromstring(draft.xml.encode())


def test_the_language_is_detected(letter) -> None:
    expected, root = letter
    assert root.get(XML_LANG) == expected["lang"]
    assert root.xpath("//tei:langUsage/tei:language[1]/@ident", namespaces=NSMAP) == [
        expected["lang"]]


def test_the_salutation_is_the_published_one(letter) -> None:
    expected, root = letter
    assert first_text(root, "//tei:opener/tei:salute") == expected["salute"]


def test_the_closing_formula_and_signature_are_the_published_ones(letter) -> None:
    expected, root = letter
    assert first_text(root, "//tei:closer/tei:salute") == expected["closing"]
    assert first_text(root, "//tei:closer/tei:signed") == expected["signed"]


def test_the_dateline_and_its_date_are_the_published_ones(letter) -> None:
    expected, root = letter
    assert first_text(root, "//tei:opener/tei:dateline") == expected["dateline"]
    assert root.xpath("//tei:dateline/tei:date/@when", namespaces=NSMAP) == [expected["when"]]
    sent = "//tei:correspDesc/tei:correspAction[@type='sent']"
    assert root.xpath(f"{sent}/tei:date/@when", namespaces=NSMAP) == [expected["when"]]
    assert first_text(root, f"{sent}/tei:placeName") == expected["place"]
    assert first_text(root, f"{sent}/tei:persName") == expected["signed"]


def test_the_paragraphs_and_postscript_are_the_published_ones(letter) -> None:
    expected, root = letter
    assert len(root.xpath("//tei:body/tei:p", namespaces=NSMAP)) == expected["paragraphs"]
    assert len(root.xpath("//tei:postscript", namespaces=NSMAP)) == expected["postscripts"]
    assert not root.xpath("//tei:pb", namespaces=NSMAP)  # letters without pages: no joins


def test_an_address_line_names_the_recipient(letter) -> None:
    expected, root = letter
    received = "//tei:correspAction[@type='received']/tei:persName"
    assert first_text(root, received) == expected["recipient"]


def test_a_sender_and_recipient_in_the_registers_are_linked(tmp_path: Path) -> None:
    registers = tmp_path / "registers"
    registers.mkdir()
    (registers / "persons.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" type="register"><teiHeader><fileDesc>'
        "<titleStmt><title>Persons</title></titleStmt></fileDesc></teiHeader><text><body>"
        '<listPerson><person xml:id="giacomo-leopardi"><persName>Giacomo Leopardi</persName>'
        "<persName>Giacomo</persName></person>"
        '<person xml:id="monaldo-leopardi"><persName>Monaldo Leopardi</persName></person>'
        '<person xml:id="fedor-mamroth"><persName>Fedor Mamroth</persName></person>'
        "</listPerson></body></text></TEI>", encoding="utf-8")
    (registers / "places.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" type="register"><teiHeader><fileDesc>'
        "<titleStmt><title>Places</title></titleStmt></fileDesc></teiHeader><text><body>"
        '<listPlace><place xml:id="firenze"><placeName>Firenze</placeName></place>'
        "</listPlace></body></text></TEI>", encoding="utf-8")
    options = Options(id_pattern="letter", registers=registers)
    [leopardi] = import_paths(HERE / "letters" / "it-leopardi-1827-06-23.txt", options)
    root = etree.fromstring(leopardi.xml.encode())
    refs = root.xpath("//tei:correspAction//@ref", namespaces=NSMAP)
    assert refs == ["#giacomo-leopardi", "#firenze", "#monaldo-leopardi"]
    [mamroth] = import_paths(HERE / "letters" / "de-mamroth-1891-06-21.txt", options)
    assert 'persName ref="#fedor-mamroth">FMamroth' in mamroth.xml  # initial glued on
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "leopardi.xml").write_text(leopardi.xml, encoding="utf-8")
    problems = validate_paths([texts / "leopardi.xml"])  # the links resolve in the edition
    assert [str(p) for p in problems if p.severity == "error"] == []
