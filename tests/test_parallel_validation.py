"""Validating in workers finds exactly what `edition validate` finds, at the same places."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.synth import generate
from edition.build import check_edition
from edition.problems import ContentErrors
from edition.sources import Kind, load_sources
from edition.validate import validate_sources
from edition.validate.skeleton import from_skeleton, skeleton
from edition.xmlparse import parse_file


def _problems_in_workers(source: Path, jobs: int) -> list:
    try:
        return check_edition(source, jobs=jobs, model=False).problems
    except ContentErrors as errors:
        return errors.problems


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def broken_edition(tmp_path_factory: pytest.TempPathFactory, mini_edition: Path) -> Path:
    """Three texts with errors of every kind the checks across files know."""
    source = tmp_path_factory.mktemp("broken") / "edition"
    generate(mini_edition, source, 3)
    first, second = source / "texts" / "mini1-00000.xml", source / "texts" / "mini1-00001.xml"
    _edit(first, 'ref="#stalin"', 'ref="#staline"')  # unresolved, with a suggestion
    _edit(first, 'ref="#moscow"', 'ref="#wpk"')  # a place name pointing at an organisation
    _edit(second, 'xml:id="mini1-00001.1.2"', 'xml:id="mini1-00000.1.2"')  # duplicate
    _edit(second, 'wit="#W-00001"', 'wit="#X"')  # undeclared witness
    _edit(second, "<q>self-reliance</q>", "<q>self-reliance</q><bogus/>")  # schema error
    persons = source / "registers" / "persons.xml"
    _edit(persons, "</listPerson>",
          '<person xml:id="nobody"><persName type="main">Nobody</persName></person>'
          "</listPerson>")  # an entry nothing points at
    return source


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_report_the_same_problems_as_edition_validate(broken_edition: Path,
                                                              jobs: int) -> None:
    expected = validate_sources(load_sources([broken_edition]))
    rules = {p.rule for p in expected}
    assert {"ref-unresolved", "ref-kind", "id-duplicate", "wit-undeclared",
            "entry-unused"} <= rules
    assert _problems_in_workers(broken_edition, jobs) == sorted(expected)


def test_a_valid_edition_has_the_same_warnings_either_way(tmp_path: Path,
                                                         mini_edition: Path) -> None:
    source = tmp_path / "mini"
    shutil.copytree(mini_edition, source)
    assert _problems_in_workers(source, 2) == sorted(validate_sources(load_sources([source])))


def test_a_skeleton_keeps_ids_pointers_and_lines_but_no_text(mini_edition: Path) -> None:
    path = mini_edition / "texts" / "mini1.xml"
    tree = parse_file(path)
    rebuilt_source = from_skeleton(path, skeleton(tree))
    assert rebuilt_source.kind is Kind.TEXT
    bare = rebuilt_source.tree
    assert b"Moscow" not in skeleton(tree)
    original = [(e.tag, e.sourceline, e.get("ref")) for e in tree.iter() if isinstance(e.tag, str)]
    rebuilt = [(e.tag, e.sourceline, e.get("ref")) for e in bare.iter() if isinstance(e.tag, str)]
    assert rebuilt == original
