"""The whole build of the mini edition, with the build date pinned, against committed output.

``tests/golden/mini/`` holds what ``edition build`` makes of ``tests/fixtures/mini`` with
``SOURCE_DATE_EPOCH`` set:

- ``html/``: every text file of the HTML site as it is (pages, styles, scripts, citation
  files, DTS and IIIF documents, the sitemap), except the search index, whose many small
  files are kept together in ``html/assets/search.index.txt``;
- ``pdf/<name>.pdf.txt``: the text of each PDF by page (poppler's ``pdftotext``), since
  the bytes of a PDF say little a reader can review;
- ``print/<part>.html``: the HTML each part of the printed book is laid out from;
- ``binary.sha256``: the SHA-256 of every other binary file (the fonts) and the list of
  the PDFs offered on the site.

After a deliberate change of the output, refresh it with::

    UPDATE_GOLDEN=1 ./run test tests/test_golden_build.py

and review the diff. On a mismatch the actual output is written beside the expected, to
``tests/golden/mini.actual/`` (ignored by git), and the message names the files that
differ; ``diff -r tests/golden/mini tests/golden/mini.actual`` shows how.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from edition.build import BuildOptions, build
from edition.model import load_edition
from edition.pdf import Book
from edition.pdf.parts import LaidOutPart, MemoryStore, PartJob

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "mini"
ACTUAL = GOLDEN.with_name("mini.actual")
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z, as in test_reproducible.py
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".jsonld", ".xml", ".txt", ".ris", ".bib",
                 ".cff", ".svg"}
SEARCH = "html/assets/search/"

Snapshot = dict[str, str]


class RecordingStore(MemoryStore):
    """Keeps the HTML of every part the book asks for, by the part's name."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str] = {}

    def get(self, job: PartJob) -> LaidOutPart | None:
        self.html[job.name] = job.html
        return super().get(job)


def _neutral(text: str, *places: Path) -> str:
    """The text with the folders of this run named by placeholders."""
    for name, place in zip(("{SOURCE}", "{OUT}", "{ROOT}"), places, strict=True):
        text = text.replace(place.as_uri(), name).replace(str(place), name)
    return text


def _site_files(out: Path, neutral: Callable[[str], str]) -> Snapshot:
    found: Snapshot = {}
    search: list[str] = []
    binary: list[str] = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if name.startswith("."):  # the build's cache and manifest are not output
            continue
        if name.startswith(SEARCH):
            search.append(f"# {name}\n{path.read_text(encoding='utf-8').rstrip()}\n")
        elif path.suffix == ".pdf":
            if name.startswith("pdf/"):
                found[f"{name}.txt"] = neutral(_pdf_text(path))
            binary.append(f"pdf  {name}")
        elif path.suffix in TEXT_SUFFIXES:
            found[name] = neutral(path.read_text(encoding="utf-8"))
        else:
            binary.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}")
    found["html/assets/search.index.txt"] = "".join(search)
    found["binary.sha256"] = "".join(f"{line}\n" for line in binary)
    return found


def _pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                            capture_output=True, text=True)
    return result.stdout


@pytest.fixture(scope="module")
def actual(mini_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path_factory.mktemp("golden") / "build"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        report = build(BuildOptions(source=mini_edition, out=out, reuse=False, jobs=1))
        assert not report.problems, report.problems
        store = RecordingStore()
        Book(load_edition(mini_edition), jobs=1, store=store)
    source = mini_edition.resolve()

    def neutral(text: str) -> str:
        return _neutral(text, source, out.resolve(), ROOT)

    snapshot = _site_files(out, neutral)
    snapshot.update({f"print/{name}.html": neutral(html) for name, html in store.html.items()})
    return snapshot


def _read(folder: Path) -> Snapshot:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _write(folder: Path, snapshot: Snapshot) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for name, text in snapshot.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def expected(actual: Snapshot) -> Snapshot:
    if os.environ.get("UPDATE_GOLDEN"):
        _write(GOLDEN, actual)
    if not GOLDEN.is_dir():
        pytest.fail(f"no expected output in {GOLDEN}: write it with "
                    "UPDATE_GOLDEN=1 ./run test tests/test_golden_build.py")
    return _read(GOLDEN)


def _differences(actual: Snapshot, expected: Snapshot, prefix: str) -> list[str]:
    names = sorted(n for n in actual.keys() | expected.keys() if n.startswith(prefix))
    return [("missing: " if n not in actual else "unexpected: " if n not in expected else "")
            + n for n in names if actual.get(n) != expected.get(n)]


@pytest.fixture(scope="module")
def kept(actual: Snapshot, expected: Snapshot) -> Path | None:
    """The actual output written beside the expected when they differ (else removed)."""
    if actual == expected:
        shutil.rmtree(ACTUAL, ignore_errors=True)
        return None
    _write(ACTUAL, actual)
    return ACTUAL


@pytest.mark.parametrize("part", ["html/", "pdf/", "print/", "binary.sha256"])
def test_the_mini_edition_builds_to_its_committed_output(
        part: str, actual: Snapshot, expected: Snapshot, kept: Path | None) -> None:
    differing = _differences(actual, expected, part)
    assert not differing, (
        f"{len(differing)} files of {part} differ from {GOLDEN}; the actual output is kept "
        f"in {kept} (diff -r {GOLDEN} {kept}): " + ", ".join(differing[:20])
        + " — if the change is intended, refresh with "
        "UPDATE_GOLDEN=1 ./run test tests/test_golden_build.py")


def test_the_committed_output_holds_every_page_and_every_pdf(expected: Snapshot) -> None:
    assert "html/index.html" in expected
    assert "html/texts/mini1.html" in expected
    assert {"pdf/mini.pdf.txt", "pdf/mini1.pdf.txt"} <= expected.keys()
    assert any(name.startswith("print/") for name in expected)
