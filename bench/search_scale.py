"""The search index of an edition of N texts, without building the edition: the records
of the bundled texts repeated with their ids renamed (as `bench/synth.py` renames them),
written by `edition.html.search.write_search_index` beside a copy of the search page,
then searched in headless Chromium (`bench/search_load.py`).

    python -m bench.search_scale SITE_FOLDER N EDITION WORD [WORD ...]

Only the index is made this way: what a query loads depends on the index, not on the
pages. Prints one line of JSON per query, after one line describing the index.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.search_load import loaded_by  # noqa: E402
from bench.synth import default_source, synthetic_id  # noqa: E402


class Copies(Sequence):
    """``count`` texts made on demand from ``texts`` in turn, never all in memory."""

    def __init__(self, texts: list, count: int) -> None:
        self.texts = texts
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, number: int):  # noqa: ANN204 - a Text
        if not 0 <= number < self.count:
            raise IndexError(number)
        base = self.texts[number % len(self.texts)]
        new = synthetic_id(base.id, number)

        def renamed(ref: str) -> str:
            return new + ref[len(base.id):] if ref.startswith(base.id) else ref

        text = copy.copy(base)
        text.id = new
        text.paragraphs = [replace(p, ref=renamed(p.ref), text_id=new)
                           for p in base.paragraphs]
        extracts = getattr(base, "extracts", None)
        if extracts is not None:
            text.extracts = replace(extracts, source_words={
                renamed(k): v for k, v in extracts.source_words.items()})
        return text


def scaled_index(site: Path, count: int, source: Path | None = None) -> dict:
    """Write the index of ``count`` texts made from the texts of ``source`` (default: the
    bundled edition) into ``site`` (a folder with the search page)."""
    from edition.build import check_edition
    from edition.html.search import INDEX_DIR, write_search_index

    edition = copy.copy(check_edition(source or default_source()).edition)
    edition.texts = Copies(edition.texts, count)
    shutil.rmtree(site / INDEX_DIR, ignore_errors=True)
    start = time.perf_counter()
    made = write_search_index(edition, site)
    made["seconds"] = round(time.perf_counter() - start, 1)
    made["bytes"] = sum(p.stat().st_size for p in (site / INDEX_DIR).rglob("*") if p.is_file())
    return made


def page_folder(built: Path, target: Path) -> Path:
    """The search page and its assets of a built site, in a folder of their own."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(built / "search.html", target / "search.html")
    shutil.copytree(built / "assets", target / "assets", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("search"))
    from edition.paths import TEMPLATES_DIR

    # the search script of this code, which reads the index this code writes
    shutil.copy2(TEMPLATES_DIR / "html" / "assets" / "search.js", target / "assets")
    return target


def main() -> int:
    built, count, source = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    site = page_folder(built, built.parent / f"search-{count}")
    print(json.dumps(scaled_index(site, count, source)), flush=True)
    queries = sys.argv[4:]
    for query in queries:
        print(json.dumps(loaded_by(site, query)), flush=True)
    shutil.rmtree(site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
