"""The edition's TEI is TEI P5: every document the edition schema accepts, tei_all accepts.

Checked on the bundled edition and on every valid fixture, against the full TEI P5
RELAX NG schema (compiled once per session: it takes tens of seconds).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.validate.schemas import relaxng
from edition.xmlparse import parse_file

ROOT = Path(__file__).resolve().parents[1]
TEI_ALL = Path(__file__).parents[1].parent / "shared/tei/tei_all.rng"
FIXTURES = ROOT / "tests" / "fixtures"


def _tei_files() -> list[Path]:
    bundled = [p for p in sorted((ROOT / "tei").rglob("*.xml"))
               if "schema" not in p.relative_to(ROOT / "tei").parts]
    valid = sorted((FIXTURES / "valid").rglob("*.xml"))
    return bundled + valid


TEI_FILES = _tei_files()


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    if not TEI_ALL.is_file():
        pytest.skip(f"full TEI P5 schema not found at {TEI_ALL}")
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


def test_there_are_documents_to_check():
    assert any("valid" in p.parts for p in TEI_FILES)


@pytest.mark.parametrize("path", TEI_FILES, ids=[str(p.relative_to(ROOT)) for p in TEI_FILES])
def test_document_accepted_by_the_edition_schema_is_valid_tei_p5(tei_all, path):
    tree = parse_file(path)
    if not relaxng().validate(tree):
        assert "valid" not in path.relative_to(FIXTURES.parent).parts[:2], (
            f"valid fixture rejected by edition.rng: {relaxng().error_log.last_error}")
        pytest.skip("not valid against edition.rng (edition validate reports it)")
    assert tei_all.validate(tree), f"{path}: {tei_all.error_log.last_error}"


def test_element_left_out_of_the_customisation_is_tei_but_refused(tei_all):
    tree = parse_file(FIXTURES / "invalid/relaxng/outside-customisation.xml")
    assert tei_all.validate(tree)
    assert not relaxng().validate(tree)
