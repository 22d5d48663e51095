"""One small case per rendering rule of the reading text (``tests/cases/html/<case>/``):
``input.xml`` through ``xslt/html.xsl`` must give ``expected.html``.

A new rule is a new folder. After a deliberate change of the output, refresh the
expected files with::

    UPDATE_GOLDEN=1 python -m pytest tests/test_html_cases.py

and review the diff. On a mismatch the actual output is written to the test's temporary
folder, named in the failure message.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from edition.html.transform import LinkResolver, render_fragment
from edition.model import load_edition
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


def test_there_is_a_case_for_every_rendering_rule_folder() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_rendering_rule_gives_its_expected_html(case: Path, resolver: LinkResolver,
                                                tmp_path: Path) -> None:
    actual = render_case(case, resolver)
    expected_file = case / "expected.html"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        kept = tmp_path / "actual.html"
        kept.write_text(actual, encoding="utf-8")
        pytest.fail(f"{case.name}: output differs from {expected_file}; actual output kept "
                    f"in {kept} (refresh with UPDATE_GOLDEN=1 if the change is intended)")
