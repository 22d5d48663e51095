"""A build gives the same bytes whatever the number of worker processes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from bench.synth import generate
from edition.build import BuildOptions, build, check_edition
from edition.detached import DetachedText
from edition.executor import FreshProcessPool
from edition.tasks import check_file


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def edition_of_four(tmp_path_factory: pytest.TempPathFactory, mini_edition: Path) -> Path:
    """The miniature edition's text and three synthetic copies with their own ids."""
    source = tmp_path_factory.mktemp("parallel") / "edition"
    generate(mini_edition, source, 4)
    return source


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, edition_of_four: Path
           ) -> dict[int, Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        outs = {}
        for jobs in (1, 2):
            out = tmp_path_factory.mktemp(f"jobs{jobs}") / "build"
            build(BuildOptions(edition_of_four, out, pdf=False, jobs=jobs))
            outs[jobs] = out
    return outs


def test_serial_and_parallel_builds_write_the_same_bytes(builds: dict[int, Path]) -> None:
    serial, parallel = _files(builds[1] / "html"), _files(builds[2] / "html")
    assert len(serial) > 20
    assert serial.keys() == parallel.keys()
    different = [name for name in serial if serial[name] != parallel[name]]
    assert not different


def test_every_text_has_its_page(builds: dict[int, Path], edition_of_four: Path) -> None:
    pages = {p.stem for p in (builds[2] / "html" / "texts").glob("*.html")}
    assert pages == {p.stem for p in (edition_of_four / "texts").glob("*.xml")}


@pytest.mark.parametrize("jobs", [1, 2])
def test_checking_in_workers_finds_the_same_problems(tmp_path: Path, mini_edition: Path,
                                                      jobs: int) -> None:
    source = tmp_path / "edition"
    generate(mini_edition, source, 3)
    broken = source / "texts" / "mini1-00001.xml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("</body>", "</bod>"),
                      encoding="utf-8")
    with pytest.raises(Exception) as raised:
        check_edition(source, jobs=jobs)
    assert "mini1-00001.xml" in str(raised.value)
    assert "xml-syntax" in str(raised.value) or "not well-formed" in str(raised.value)


def test_a_checked_text_travels_without_its_tree_and_parses_it_again(mini_edition: Path
                                                                     ) -> None:
    checked = check_file(mini_edition / "texts" / "mini1.xml")
    assert isinstance(checked.text, DetachedText)
    travelled = pickle.loads(pickle.dumps(checked))
    assert travelled.text.__dict__.get("_tree") is None
    assert travelled.text.tree.getroot().get("type") == "text"
    assert [p.ref for p in travelled.text.paragraphs] == [p.ref for p in checked.text.paragraphs]
    assert "mini1.1.1" in checked.ids


def test_workers_that_share_nothing_with_the_build_give_the_same_bytes(
        tmp_path: Path, edition_of_four: Path, builds: dict[int, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = tmp_path / "build"
    with FreshProcessPool(2) as workers:
        build(BuildOptions(edition_of_four, out, pdf=False), executor=workers)
    assert _files(out / "html") == _files(builds[1] / "html")
