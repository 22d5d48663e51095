"""The edition's registers: structure, names, identifications and authority identifiers."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from lxml import etree

from edition.paths import RELAXNG_SCHEMA, TEI_NS, XML_ID

ROOT = Path(__file__).resolve().parent.parent
REGISTERS = ROOT / "tei" / "registers"
AUTHORITIES = ROOT.parent / "shared" / "reference" / "authorities.tsv"
T = f"{{{TEI_NS}}}"
FILES = {"persons.xml": ("listPerson", "person", "persName"),
         "places.xml": ("listPlace", "place", "placeName"),
         "orgs.xml": ("listOrg", "org", "orgName"),
         "events.xml": ("listEvent", "event", "label")}


def entries(name: str) -> list[etree._Element]:
    list_tag, entry_tag, _ = FILES[name]
    root = etree.parse(str(REGISTERS / name)).getroot()
    return root.findall(f"{T}standOff/{T}{list_tag}/{T}{entry_tag}")


def canonical(entry: etree._Element, name_tag: str) -> str:
    main = entry.find(f"{T}{name_tag}[@type='main']")
    return "".join(main.itertext()) if main is not None else ""


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(RELAXNG_SCHEMA)))


@pytest.mark.parametrize("name", FILES)
def test_each_register_is_a_valid_register_document(name: str, schema) -> None:
    tree = etree.parse(str(REGISTERS / name))
    root = tree.getroot()
    assert root.get("type") == "register"
    for part in ("titleStmt/tei:title", "publicationStmt/tei:publisher", "sourceDesc/tei:p"):
        assert root.xpath(f"tei:teiHeader/tei:fileDesc/tei:{part}", namespaces={"tei": TEI_NS})
    assert len(root.findall(f"{T}standOff/*")) == 1
    assert schema.validate(tree), schema.error_log


@pytest.mark.parametrize("name", FILES)
def test_every_entry_has_a_readable_id_a_canonical_name_and_an_identification(
        name: str) -> None:
    name_tag = FILES[name][2]
    found = entries(name)
    assert found
    for entry in found:
        entry_id = entry.get(XML_ID, "")
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry_id), entry_id
        assert canonical(entry, name_tag).strip(), entry_id
        note = entry.find(f"{T}note[@type='identification']")
        assert note is not None and note.text.strip().endswith("."), entry_id


def test_ids_are_unique_across_all_registers() -> None:
    ids = [e.get(XML_ID) for name in FILES for e in entries(name)]
    assert len(ids) == len(set(ids))


def test_every_authority_id_is_one_listed_for_that_kind_in_authorities_tsv() -> None:
    with AUTHORITIES.open(encoding="utf-8") as tsv:
        listed = {(row["type"], row["scheme"], row["identifier"])
                  for row in csv.DictReader(tsv, delimiter="\t")}
    kinds = {"persons.xml": "person", "places.xml": "place", "orgs.xml": "org",
             "events.xml": "event"}
    used = 0
    for name, kind in kinds.items():
        for entry in entries(name):
            for idno in entry.findall(f"{T}idno"):
                assert (kind, idno.get("type"), idno.text) in listed, (entry.get(XML_ID),
                                                                      idno.text)
                used += 1
    assert used > 50


def test_the_name_forms_the_texts_use_are_registered() -> None:
    def forms(name: str, entry_id: str) -> set[str]:
        entry = next(e for e in entries(name) if e.get(XML_ID) == entry_id)
        return {"".join(n.itertext()) for n in entry.findall(f"{T}{FILES[name][2]}")}

    assert "President Kim Il Sung" in forms("persons.xml", "kim-il-sung")
    assert {"Soviet Union", "USSR"} <= forms("places.xml", "soviet-union")
    assert "DPRK" in forms("places.xml", "dprk")
    assert "Stalin" in forms("persons.xml", "stalin")


def test_dates_in_the_registers_are_iso_and_ordered() -> None:
    iso = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
    for name in FILES:
        root = etree.parse(str(REGISTERS / name)).getroot()
        for element in root.iter(f"{T}birth", f"{T}death", f"{T}event"):
            for attribute in ("when", "from", "to"):
                value = element.get(attribute)
                assert value is None or iso.fullmatch(value), (name, value)
            if element.get("from") and element.get("to"):
                assert element.get("from") <= element.get("to")
    for person in entries("persons.xml"):
        birth, death = person.find(f"{T}birth"), person.find(f"{T}death")
        if birth is not None and death is not None:
            assert birth.get("when") < death.get("when"), person.get(XML_ID)
