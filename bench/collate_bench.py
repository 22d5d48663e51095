"""Time `edition collate` on two witnesses of N words each, beside its target.

The witnesses are made from the words of the bundled 1957 text, repeated to N words;
the second differs from the first in about one word in twenty (a word changed, dropped
or added), spread through the text, so that CollateX has realistic variance to align.

    .venv/bin/python bench/collate_bench.py            # 10,000 words each
    .venv/bin/python bench/collate_bench.py --words 2000
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.collate import Normalisation, collate_files  # noqa: E402
from edition.textual import reading  # noqa: E402
from edition.xmlparse import parse_file  # noqa: E402

TARGET_SECONDS = 60.0
"""Two witnesses of 10,000 words each should collate within a minute on the shared
development machine (an editor waits for it once per text, not on every build)."""


def witnesses(words: int, seed: int = 1957) -> tuple[str, str]:
    source = reading(parse_file(ROOT / "tei" / "texts" / "kis1957.xml").getroot()).split()
    base = [source[i % len(source)] for i in range(words)]
    rng = random.Random(seed)
    other: list[str] = []
    for word in base:
        roll = rng.random()
        if roll < 0.02:
            other.append(word.upper())
        elif roll < 0.035:
            continue
        elif roll < 0.05:
            other.extend([word, rng.choice(source)])
        else:
            other.append(word)
    return " ".join(base), " ".join(other)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()
    a, b = witnesses(args.words)
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "A.txt", Path(folder) / "B.txt"]
        paths[0].write_text(a, encoding="utf-8")
        paths[1].write_text(b, encoding="utf-8")
        start = time.perf_counter()
        _, count = collate_files(paths, "A", "bench", {}, Normalisation())
        seconds = time.perf_counter() - start
    target = TARGET_SECONDS * args.words / 10_000
    verdict = "met" if seconds <= target else "NOT MET"
    print("| witnesses | words each | variant locations | seconds | target | |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(f"| 2 | {args.words:,} | {count:,} | {seconds:.1f} | ≤ {target:.0f} | {verdict} |")


if __name__ == "__main__":
    main()
