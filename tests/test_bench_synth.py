"""The benchmark's synthetic editions: N texts with their own ids, sharing the registers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.synth import generate
from edition.model import load_edition
from edition.paths import XML_ID
from edition.xmlparse import parse_file


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory, mini_edition: Path) -> Path:
    out = tmp_path_factory.mktemp("synth") / "edition"
    generate(mini_edition, out, 5)
    return out


def test_every_id_is_unique_across_the_synthetic_edition(synthetic: Path) -> None:
    ids = Counter(element.get(XML_ID) for path in synthetic.rglob("*.xml")
                  for element in parse_file(path).iter() if element.get(XML_ID))
    assert ids and max(ids.values()) == 1


def test_local_pointers_follow_their_renamed_targets(synthetic: Path) -> None:
    tree = parse_file(synthetic / "texts" / "mini1-00003.xml")
    resp = {e.get("resp") for e in tree.iter() if e.get("resp")}
    wit = {e.get("wit") for e in tree.iter() if e.get("wit")}
    assert resp == {"#ed-00003"}
    assert wit == {"#P-00003", "#W-00003"}


def test_register_pointers_are_shared_by_all_texts(synthetic: Path) -> None:
    edition = load_edition(synthetic)
    assert len(edition.texts) == 5
    for text in edition.texts:
        assert {m.entry_id for m in text.mentions} <= set(edition.entries)
        assert "kim-il-sung" in {m.entry_id for m in text.mentions}


def test_the_edition_header_lists_the_synthetic_texts(synthetic: Path) -> None:
    header = (synthetic / "edition.xml").read_text(encoding="utf-8")
    assert header.count('target="texts/mini1-0000') == 5
