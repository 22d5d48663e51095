"""One small case per rendering rule of the reading text (``tests/cases/html/<case>/``):
``input.xml`` through ``xslt/html.xsl`` must give ``expected.html``, and through
``xslt/print.xsl`` (the reading text of the printed book) ``expected.print.html``, which
is kept wherever the print rendering differs from the web one.

A new rule is a new folder. After a deliberate change of the output, refresh the
expected files with::

    UPDATE_GOLDEN=1 python -m pytest tests/test_html_cases.py

(which writes ``expected.print.html`` too where the print rendering differs, and removes
it where it no longer does) and review the diff. On a mismatch the actual output is
written to the test's temporary folder, named in the failure message.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from edition.html.transform import LinkResolver, render_fragment
from edition.model import load_edition
from edition.pdf.transform import _fragment as print_fragment
from edition.witnesses import witnesses
from edition.xmlparse import parse_file

CASES_DIR = Path(__file__).parent / "cases" / "html"
CASES = sorted(p for p in CASES_DIR.iterdir() if (p / "input.xml").is_file())


@pytest.fixture(scope="session")
def resolver(mini_edition: Path) -> LinkResolver:
    """Links resolve against the mini edition's registers and texts."""
    return LinkResolver(load_edition(mini_edition))


def render_case(case: Path, resolver: LinkResolver) -> str:
    tree = parse_file(case / "input.xml")
    html, _ = render_fragment(tree, resolver, case / "input.xml", root="../")
    return str(html).rstrip("\n") + "\n"


def render_print_case(case: Path) -> str:
    """The case as the printed book renders it, the copy-text's siglum credited as there."""
    tree = parse_file(case / "input.xml")
    text_id = tree.getroot().get("{http://www.w3.org/XML/1998/namespace}id", "case")
    found = witnesses(tree.getroot(), text_id)
    html = print_fragment(tree, text_id, found[0].siglum if found else "")
    return str(html).rstrip("\n") + "\n"


def _compare(case: Path, actual: str, expected_file: Path, tmp_path: Path) -> None:
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        kept = tmp_path / expected_file.name.replace("expected", "actual")
        kept.write_text(actual, encoding="utf-8")
        pytest.fail(f"{case.name}: output differs from {expected_file}; actual output kept "
                    f"in {kept} (refresh with UPDATE_GOLDEN=1 if the change is intended)")


def test_there_is_a_case_for_every_rendering_rule_folder() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_rendering_rule_gives_its_expected_html(case: Path, resolver: LinkResolver,
                                                tmp_path: Path) -> None:
    actual = render_case(case, resolver)
    expected_file = case / "expected.html"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    _compare(case, actual, expected_file, tmp_path)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_rendering_rule_gives_its_expected_print_html(case: Path, resolver: LinkResolver,
                                                      tmp_path: Path) -> None:
    actual = render_print_case(case)
    expected_file = case / "expected.print.html"
    if os.environ.get("UPDATE_GOLDEN"):
        if actual != render_case(case, resolver):
            expected_file.write_text(actual, encoding="utf-8")
        else:
            expected_file.unlink(missing_ok=True)
    if not expected_file.is_file():
        assert actual == render_case(case, resolver), (
            f"{case.name}: the print rendering differs from the web one, but there is no "
            f"{expected_file} (write it with UPDATE_GOLDEN=1)")
        return
    _compare(case, actual, expected_file, tmp_path)

