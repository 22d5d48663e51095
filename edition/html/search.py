"""The client-side search index, cut into small files that a query loads on demand.

A search page must work from ``file://`` (where ``fetch()`` of a local file fails) and
from any static host, and one query must not load an index that grows with the edition.
So the index is a set of scripts, each a call ``window.EDITION_SEARCH_SHARD(name, data)``
that `search.js` loads by adding a ``<script src>`` (allowed from ``file://``):

``assets/search/records/<n // 1000>/<n>.js``
    Chunk ``n`` of the records, `CHUNK_RECORDS` at a time: ``[kind, url, label, text]``
    where kind is ``e`` (register entry, all of them first) or ``p`` (paragraph), url is
    relative to the site root and label names the place (``Title ¶ 12``). A paragraph
    whose transcribed (diplomatic) reading has words the edited one lacks carries them
    as a fifth element, so a search for the source's form (``revoluti6nary``) finds it.
``assets/search/keys.js``
    The keys of the word files that exist.
``assets/search/words/<key>.js``
    Every word starting with the three characters ``key`` names (shorter words:
    the word itself) (`shard_key`), each with
    the chunks of records it occurs in (`encode_chunks`).

A query loads the word files of its words (one per word), intersects their chunk lists
and loads the candidate chunks in order until a page of results is found; the records
themselves are matched in the browser with the same folding and word rule as here
(`fold`, `words`). Pointing words at chunks rather than at records keeps the word files
small at any size: a word in every paragraph of 10,000 texts is one run of chunks.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from edition.digests import digest
from edition.html import urls
from edition.html.cite import script_safe
from edition.model import Edition, Text
from edition.textual import source_only_words

if TYPE_CHECKING:
    from edition.html.pages import PageCache

INDEX_DIR = "assets/search"
KEYS_FILE = f"{INDEX_DIR}/keys.js"
CHUNK_RECORDS = 32
"""Records per chunk file: a query showing 50 results from 50 different texts loads 50
chunks of some 10 KB each."""
CHUNKS_PER_FOLDER = 1000
SHARD_KEY_LENGTH = 3
"""Word files by the first three characters: at 10,000 texts the words beginning with
one pair of letters (``th``) hold more than 2 MB of chunk lists, those of ``the`` less."""
_COMBINING = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def fold(text: str) -> str:
    """Case and accents ignored, as `search.js` folds (NFD, combining marks dropped)."""
    if text.isascii():  # most of a text: nothing to decompose
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).lower()


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; ``search.js`` splits alike)."""
    return _WORD.findall(fold(text))


def shard_key(word: str) -> str:
    """The word file a folded word is in: its first characters as hex code points."""
    return "-".join(f"{ord(c):x}" for c in word[:SHARD_KEY_LENGTH])


def chunk_path(number: int) -> str:
    return f"{INDEX_DIR}/records/{number // CHUNKS_PER_FOLDER}/{number}.js"


def words_path(key: str) -> str:
    return f"{INDEX_DIR}/words/{key}.js"


def _base36_of(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            return digits


_BASE36 = [_base36_of(n) for n in range(36 ** 3)]
"""The gaps and lengths of runs are mostly small: looked up, not computed."""


def _base36(number: int) -> str:
    return _BASE36[number] if number < len(_BASE36) else _base36_of(number)


def encode_chunks(chunks: Iterable[int]) -> str:
    """Ascending chunk numbers as runs: ``gap[+length]`` in base 36, comma-separated,
    each gap counted from the end of the run before (``0+3,2`` is 0, 1, 2, 5)."""
    parts: list[str] = []
    end = start = -1
    previous_end = 0
    for chunk in chunks:
        if chunk == end:
            end += 1
            continue
        if start >= 0:
            parts.append(_run(start - previous_end, end - start))
            previous_end = end
        start, end = chunk, chunk + 1
    if start >= 0:
        parts.append(_run(start - previous_end, end - start))
    return ",".join(parts)


def _run(gap: int, length: int) -> str:
    return _base36(gap) if length == 1 else f"{_base36(gap)}+{_base36(length)}"


def decode_chunks(encoded: str) -> list[int]:
    """The inverse of `encode_chunks` (as `search.js` reads it)."""
    chunks, end = [], 0
    for part in filter(None, encoded.split(",")):
        gap, _, length = part.partition("+")
        start = end + int(gap, 36)
        end = start + (int(length, 36) if length else 1)
        chunks.extend(range(start, end))
    return chunks


# ------------------------------------------------------------------ records

def _source_only_words(text: Text) -> dict[str, str]:
    """Paragraph reference → the words of its diplomatic reading missing from its edited
    reading: as the worker that checked the text found them, else from its tree."""
    extracts = getattr(text, "extracts", None)
    if extracts is not None:
        return extracts.source_words
    return source_only_words(text.tree.getroot())


def iter_search_records(edition: Edition) -> Iterator[list[str]]:
    """Every register entry, then every paragraph of every text, in edition order."""
    for register in edition.registers.values():
        for entry in register.entries:
            body = " · ".join(part for part in (
                "; ".join(entry.variants), entry.dates, entry.identification) if part)
            yield ["e", urls.entry_page(entry.id),
                   f"{entry.name} ({register.kind.plural})", body]
    for text in edition.texts:
        source_words = _source_only_words(text)
        page, prefix = urls.text_page(text.id), text.id + "."
        for paragraph in text.paragraphs:
            label = f"{text.meta.title} ¶ {paragraph.ref.removeprefix(prefix)}"
            # urls.paragraph_link, with the text's page computed once
            record = ["p", f"{page}#{urls.anchor(paragraph.ref)}", label, paragraph.reading]
            if paragraph.ref in source_words:
                record.append(source_words[paragraph.ref])
            yield record


def search_records(edition: Edition) -> list[list[str]]:
    return list(iter_search_records(edition))


def record_words(record: list[str]) -> set[str]:
    """The words a record is found by: its label, its text and its source-only words."""
    return set(words(" ".join(record[2:])))


# ------------------------------------------------------------------ files

def _shard_script(name: str, data: object) -> str:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.EDITION_SEARCH_SHARD({json.dumps(name)},{script_safe(body)});\n"


def read_shard(path: Path) -> object:
    """The data of one index file (the inverse of what `write_search_index` writes)."""
    script = path.read_text(encoding="utf-8")
    head, _, body = script.partition(",")
    if not head.startswith("window.EDITION_SEARCH_SHARD("):
        raise ValueError(f"{path}: not a search index file")
    return json.loads(body.rstrip().removesuffix(");"))


def read_records(site: Path) -> list[list[str]]:
    """Every record of the index below ``site``, in order."""
    folder = site / INDEX_DIR / "records"
    numbers = sorted(int(p.stem) for p in folder.glob("*/*.js"))
    return [r for n in numbers for r in read_shard(site / chunk_path(n))]


def _write_script(out: Path, path: str, script: str) -> int:
    target = out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        handle.write(script)
    return len(script.encode("utf-8"))


def _chunk_words(batch: list[list[str]]) -> set[str]:
    """The words of a chunk, found in one pass (a word never spans two records: " ")."""
    return set(words(" ".join(" ".join(record[2:]) for record in batch)))


class _Chunks:
    """The record chunks as they are written, and the words of each chunk made anew."""

    def __init__(self, out: Path, cache: PageCache | None) -> None:
        self.out = out
        self.cache = cache
        self.count = 0
        self.largest = 0
        self.fresh: dict[int, set[str]] = {}
        """Chunk number → its words, for the chunks not taken over from the last build."""

    def add(self, batch: list[list[str]]) -> None:
        number, path = self.count, chunk_path(self.count)
        script = _shard_script(f"r{number}", batch)
        key = digest(script)
        self.count += 1
        if self.cache is not None and self.cache.take(path, key):
            return
        self.largest = max(self.largest, _write_script(self.out, path, script))
        self.fresh[number] = _chunk_words(batch)
        if self.cache is not None:
            self.cache.record(path, key)


def write_search_index(edition: Edition, out: Path, cache: PageCache | None = None
                       ) -> dict[str, int]:
    """Write the record chunks and word files below ``out`` (the site folder); return
    counts and sizes (records, chunks, word files, the largest file's bytes).

    With ``cache`` (the previous build's pages, `edition.html.pages.PageCache`), a chunk
    whose records are the same is taken over, and so is every word file none of whose
    words is in a chunk that changed: one changed text rewrites a few files."""
    chunks = _Chunks(out, cache)
    records = 0
    batch: list[list[str]] = []
    for record in iter_search_records(edition):
        batch.append(record)
        records += 1
        if len(batch) == CHUNK_RECORDS:
            chunks.add(batch)
            batch = []
    if batch:
        chunks.add(batch)
    previous = _previous_words(cache, chunks)
    shards = _word_files(chunks, previous) if previous is not None else _all_words(chunks)
    for key, entries in shards.items():
        if entries is not None:  # None: the previous file, taken over
            script = _shard_script(f"w{key}", entries)
            chunks.largest = max(chunks.largest, _write_script(out, words_path(key), script))
            if cache is not None:
                cache.record(words_path(key), digest(script))
    _write_script(out, KEYS_FILE, _shard_script("keys", sorted(shards)))
    return {"records": records, "chunks": chunks.count, "word files": len(shards),
            "largest file": chunks.largest}


def _all_words(chunks: _Chunks) -> dict[str, dict[str, str] | None]:
    """Every word file, from the words of every chunk (all of them made anew)."""
    chunks_of: dict[str, array] = {}
    for number in sorted(chunks.fresh):
        for word in chunks.fresh[number]:
            found = chunks_of.get(word)
            if found is None:
                chunks_of[word] = found = array("I")
            found.append(number)
    shards: dict[str, dict[str, str] | None] = {}
    for word in sorted(chunks_of):
        shards.setdefault(shard_key(word), {})[word] = encode_chunks(chunks_of.pop(word))
    return dict(sorted(shards.items()))


@dataclass
class _PreviousWords:
    """What the last build's index says, for the words of the chunks that changed."""

    folder: Path
    keys: list[str]
    changed: set[int]
    affected: set[str]
    """The words of the changed chunks, before and after."""


def _previous_words(cache: PageCache | None, chunks: _Chunks) -> _PreviousWords | None:
    """The last build's word files, when the index can be updated from them."""
    if cache is None or len(chunks.fresh) == chunks.count:
        return None
    folder = cache.previous_site()
    try:
        keys = read_shard(folder / KEYS_FILE)
        last = max((int(p.stem) for p in (folder / INDEX_DIR / "records").glob("*/*.js")),
                   default=-1)
        changed = set(chunks.fresh) | set(range(chunks.count, last + 1))
        affected = set().union(*chunks.fresh.values())
        for number in changed:  # the words the changed chunks had
            old = folder / chunk_path(number)
            if old.is_file():
                affected |= _chunk_words(read_shard(old))
    except (OSError, ValueError):
        return None
    return _PreviousWords(folder, list(keys), changed, affected)


def _word_files(chunks: _Chunks, previous: _PreviousWords) -> dict[str, dict[str, str] | None]:
    """The word files updated from the last build's: the changed chunks taken out of the
    lists of the words they had, and put into the lists of the words they have."""
    by_key: dict[str, set[str]] = {}
    for word in previous.affected:
        by_key.setdefault(shard_key(word), set()).add(word)
    shards: dict[str, dict[str, str] | None] = {}
    for key in sorted(set(previous.keys) | set(by_key)):
        old = previous.folder / words_path(key)
        if key not in by_key and chunks.cache.take_previous(words_path(key)):
            shards[key] = None
            continue
        entries = read_shard(old) if key in previous.keys else {}
        for word in by_key.get(key, ()):
            kept = [n for n in decode_chunks(entries.get(word, ""))
                    if n not in previous.changed]
            kept += [n for n, found in chunks.fresh.items() if word in found]
            if kept:
                entries[word] = encode_chunks(sorted(kept))
            else:
                entries.pop(word, None)
        if entries:
            shards[key] = entries
    return shards
