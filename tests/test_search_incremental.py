"""A build after a change takes over the search index files the change did not touch,
and the index is the same as a clean build's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synth import generate  # the checkout is on the tests' path (pyproject.toml)
from edition.build import BuildOptions, build
from edition.html import search


def _index(out: Path) -> dict[str, bytes]:
    folder = out / "html" / search.INDEX_DIR
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*.js"))}


def _inodes(out: Path) -> dict[str, int]:
    folder = out / "html" / search.INDEX_DIR
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*.js")}


@pytest.fixture
def edition(tmp_path: Path, mini_edition: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(search, "CHUNK_RECORDS", 3)
    source = tmp_path / "edition"
    generate(mini_edition, source, 6)
    return source


def _edit(path: Path, old: str, new: str) -> None:
    data = path.read_text(encoding="utf-8")
    assert old in data
    path.write_text(data.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("change", ["word", "paragraph"])
def test_an_edited_text_rewrites_few_index_files_and_matches_a_clean_build(
        edition: Path, tmp_path: Path, change: str) -> None:
    out = tmp_path / "build"
    build(BuildOptions(edition, out, pdf=False, jobs=1))
    before = _inodes(out)
    text = sorted((edition / "texts").glob("*.xml"))[3]
    data = text.read_text(encoding="utf-8")
    if change == "word":  # one new word: same chunks, one of them different
        at = data.index("</p>", data.index("<body"))
        text.write_text(data[:at] + " zebrafinch" + data[at:], encoding="utf-8")
    else:  # one paragraph fewer: every later chunk shifts
        start = data.index("<p ", data.index("<body"))
        _edit(text, data[start:data.index("</p>", start) + 4], "")
    build(BuildOptions(edition, out, pdf=False, jobs=1))
    clean = tmp_path / "clean"
    build(BuildOptions(edition, clean, pdf=False, jobs=1, reuse=False))
    assert _index(out) == _index(clean)
    after = _inodes(out)
    kept = [name for name in after if before.get(name) == after[name]]
    if change == "word":
        chunks = [name for name in after if name.startswith("records/")]
        assert len([name for name in kept if name.startswith("records/")]) == len(chunks) - 1
        assert len(kept) > len(chunks) - 1  # and some word files
        assert "zebrafinch" in search.read_shard(
            out / "html" / search.words_path(search.shard_key("zebrafinch")))
    assert kept  # the chunks before the change at least
