"""The client-side search index: every paragraph of every text and every register entry,
written as a script that assigns a global (``fetch()`` of a local file fails from
``file://``, a ``<script src>`` does not).

Records are arrays to keep the file small: ``[kind, url, label, text]`` where kind is
``p`` (paragraph) or ``e`` (register entry), url is relative to the site root and label
names the place (``Title ¶ 12``, or the entry's name and register). A paragraph whose
transcribed (diplomatic) reading has words the edited one lacks carries them as a fifth
element, so a search for the source's form (``revoluti6nary``) finds it too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from edition.html import urls
from edition.html.cite import script_safe
from edition.model import Edition, Text
from edition.textual import source_only_words

INDEX_FILE = "assets/search-index.js"


def _source_only_words(text: Text) -> dict[str, str]:
    """Paragraph reference → the words of its diplomatic reading missing from its edited
    reading: as the worker that checked the text found them, else from its tree."""
    extracts = getattr(text, "extracts", None)
    if extracts is not None:
        return extracts.source_words
    return source_only_words(text.tree.getroot())


def search_records(edition: Edition) -> list[list[str]]:
    return list(iter_search_records(edition))


def iter_search_records(edition: Edition) -> Iterator[list[str]]:
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
    for register in edition.registers.values():
        for entry in register.entries:
            body = " · ".join(part for part in (
                "; ".join(entry.variants), entry.dates, entry.identification) if part)
            yield ["e", urls.entry_page(entry.id),
                   f"{entry.name} ({register.kind.plural})", body]


def search_script(edition: Edition) -> str:
    return "".join(search_script_parts(edition))


CHUNK_RECORDS = 2000
"""Records serialised at a time: the index of a large edition is never one string."""


def search_script_parts(edition: Edition) -> Iterator[str]:
    """The search script in pieces that join to ``window.EDITION_SEARCH=<JSON>;``: the JSON
    array of the records as `json.dumps` writes it, made safe for a script element (a
    piece-wise replacement of single characters, so the same as on the whole)."""
    yield "window.EDITION_SEARCH=["
    first = True
    records = iter_search_records(edition)
    while chunk := list(islice(records, CHUNK_RECORDS)):
        body = ",".join(json.dumps(r, ensure_ascii=False, separators=(",", ":"))
                        for r in chunk)
        yield script_safe(body if first else "," + body)
        first = False
    yield "];\n"


def write_search_script(edition: Edition, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for part in search_script_parts(edition):
            out.write(part)
