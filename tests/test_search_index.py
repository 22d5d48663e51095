"""The sharded search index: record chunks, word files pointing at them, and the rules
(`fold`, `words`) that `search.js` applies the same way."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from edition.html import search
from edition.html.search import (
    KEYS_FILE,
    chunk_path,
    decode_chunks,
    encode_chunks,
    read_records,
    read_shard,
    record_words,
    shard_key,
    words,
    words_path,
)
from edition.model import load_edition


@given(st.sets(st.integers(min_value=0, max_value=100_000)))
def test_chunk_lists_survive_encoding(chunks: set[int]) -> None:
    assert decode_chunks(encode_chunks(sorted(chunks))) == sorted(chunks)


def test_runs_of_chunks_are_written_as_runs() -> None:
    assert encode_chunks([0, 1, 2, 5]) == "0+3,2"
    assert encode_chunks(range(40, 1040)) == "14+rs"


def test_words_fold_case_and_accents_and_keep_digits() -> None:
    assert words("Counter-revoluti6nary PYŎNGYANG, Zürich_x") == [
        "counter", "revoluti6nary", "pyongyang", "zurich", "x"]
    assert shard_key("pyongyang") == "70-79-6f" and shard_key("x") == "78"


def test_every_word_of_every_record_points_at_its_chunk(tmp_path: Path, mini_edition: Path,
                                                       monkeypatch) -> None:
    monkeypatch.setattr(search, "CHUNK_RECORDS", 3)
    edition = load_edition(mini_edition)
    counts = search.write_search_index(edition, tmp_path)
    records = read_records(tmp_path)
    assert records == search.search_records(edition)
    assert counts["records"] == len(records) and counts["chunks"] == -(-len(records) // 3)
    keys = read_shard(tmp_path / KEYS_FILE)
    shards = {key: read_shard(tmp_path / words_path(key)) for key in keys}
    assert set(keys) == {p.stem for p in (tmp_path / "assets/search/words").glob("*.js")}
    expected: dict[str, set[int]] = {}
    for number, record in enumerate(records):
        for word in record_words(record):
            expected.setdefault(word, set()).add(number // 3)
    found = {word: set(decode_chunks(encoded)) for shard in shards.values()
             for word, encoded in shard.items()}
    assert found == expected
    assert all(shard_key(word) == key for key, shard in shards.items() for word in shard)
    assert (tmp_path / chunk_path(counts["chunks"] - 1)).is_file()
    assert not (tmp_path / chunk_path(counts["chunks"])).exists()


def test_the_search_page_loads_no_index_until_a_query(mini_site: Path) -> None:
    page = (mini_site / "search.html").read_text(encoding="utf-8")
    assert "assets/search.js" in page and "assets/search/" not in page
    assert not (mini_site / "assets" / "search-index.js").exists()
