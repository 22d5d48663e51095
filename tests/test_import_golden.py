"""`edition import` on one fixture per input type and kind, against golden TEI.

The plain-text and Markdown inputs are in tests/fixtures/import/golden/; the DOCX and ODT
inputs are made here from those texts and from a description of a formatted document
(`make.py`), so nothing binary is committed. After a deliberate change of the output,
refresh the expected files with ``UPDATE_GOLDEN=1 python -m pytest tests/test_import_golden.py``.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from edition.importer.convert import Options, import_paths
from edition.validate import validate_paths

HERE = Path(__file__).resolve().parent / "fixtures" / "import"
GOLDEN = HERE / "golden"
_spec = importlib.util.spec_from_file_location("import_make", HERE / "make.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)

FEATURES = [
    ("title", "A Report on Roads"),
    ("h", 1, "First Part"),
    ("p", [("Plain, ", set()), ("bold", {"bold"}), (", ", set()), ("italic", {"italic"}),
           (", ", set()), ("under", {"underline"}), (" 1", set()), ("st", {"superscript"}),
           (" and ", set()), ("Small Caps", {"smallcaps"}), (" and a ", set()),
           ("foreign word", {"Foreign Word"}), (".", set()), ("footnote", "A footnote."),
           (" More", set()), ("endnote", "An endnote."), (" text.", set()),
           ("comment", "Check this.", "Ada Editor"),
           (" See ", set()), ("link", "https://example.org/", "the survey"), (".", set())],
     None),
    ("p", "A paragraph in a style of its own.", "Letter Greeting"),
    ("p", "The survey went on until the", None),
    ("pagebreak",),
    ("p", "autumn, when the rains began.", None),
    ("h", 2, "A Section"),
    ("table", [["Name", "Year"], ["Goethe", "1749"], ["Wide", None]], True),
    ("list", "bulleted", ["one", "two"]),
    ("list", "numbered", ["first", "second"]),
    ("h", 1, "Second Part"),
    ("p", "The end.", None),
]


def _input(case: str, tmp: Path) -> Path:
    name, fmt = case.rsplit("-", 1)
    if fmt in ("txt", "md"):
        return GOLDEN / f"{name}.{fmt}"
    if name == "book":
        items = FEATURES
    else:
        source = next(GOLDEN.glob(f"{name}.*"))
        items = make.blocks_of_text(source.read_text(encoding="utf-8"))
    builder = make.make_docx if fmt == "docx" else make.make_odt
    return builder(items, tmp / f"{name}.{fmt}")


CASES = ["letter-txt", "letter-docx", "letter-odt", "diary-md", "diary-docx", "article-txt",
         "article-odt", "book-docx", "book-odt"]


@pytest.mark.parametrize("case", CASES)
def test_the_draft_is_the_golden_one(case: str, tmp_path: Path) -> None:
    source = _input(case, tmp_path)
    [draft] = import_paths(source, Options(id_pattern=case.split("-")[0]))
    expected = GOLDEN / f"{case}.xml"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(draft.xml, encoding="utf-8")
    actual = tmp_path / f"{case}.actual.xml"
    actual.write_text(draft.xml, encoding="utf-8")
    assert draft.xml == expected.read_text(encoding="utf-8"), f"compare {actual} with {expected}"


@pytest.mark.parametrize("case", CASES)
def test_the_draft_has_no_errors_under_the_edition_validator(case: str, tmp_path: Path) -> None:
    source = _input(case, tmp_path)
    [draft] = import_paths(source, Options(id_pattern=case.split("-")[0]))
    out = tmp_path / "out" / f"{draft.text_id}.xml"
    out.parent.mkdir()
    out.write_text(draft.xml, encoding="utf-8")
    problems = validate_paths([out])
    assert [str(p) for p in problems if p.severity == "error"] == []
    # an unnumbered page break is the only warning: Word does not know the source's pages
    assert {p.rule for p in problems} <= {"pb-n"}


@pytest.mark.parametrize("fmt", ["txt", "docx", "odt"])
def test_kind_auto_chooses_the_kind_of_each_fixture(fmt: str, tmp_path: Path) -> None:
    for name, kind in (("letter", "letter"), ("diary", "diary"), ("article", "article")):
        if fmt == "txt" and name == "diary":
            continue
        case = f"{name}-{fmt}"
        source = _input(case, tmp_path) if fmt != "txt" else next(GOLDEN.glob(f"{name}.*"))
        [draft] = import_paths(source, Options(id_pattern=name))
        assert draft.kind == kind, draft.report[0]
        assert draft.report[0].startswith(f"kind: {kind}: ")
