"""What a build can take over from the previous one: input hashes and the build manifest.

Every product of a build is keyed by a digest of everything that went into it. A
text's pages depend on the text file, the register entries it points at, the edition
header and configuration, the list of texts (for navigation), and the toolchain: the
code, stylesheets and templates, and the versions of the libraries that render them.
The build writes the keys and the files they produced into a manifest beside its
output (``<out>/.edition-cache.json``). The next build recomputes the keys; where a key
is unchanged and its files are still there, the files are hard-linked into the new
staging folder instead of being rendered again, so the output is still swapped in
atomically (`edition.output`) and the previous build is never modified in place.

Validation results are kept in the manifest too, keyed by the digest of the file and
of the schemas, so an unchanged file is not validated again; the checks across files
still run on every build, from the per-file summaries.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from edition.problems import Problem, Severity

MANIFEST_NAME = ".edition-cache.json"
CACHE_DIR = ".edition-cache"
"""Folder of the output holding cached per-file results (``files/<key>.pickle``)."""
MANIFEST_FORMAT = 1


@dataclass
class Product:
    """Files made from one set of inputs, e.g. the pages of one text."""

    key: str
    files: list[str]
    """Paths relative to the output folder."""
    problems: list[dict] = field(default_factory=list)
    """The warnings making them gave, reported again when they are reused."""


def problem_record(problem: Problem) -> dict:
    return {**asdict(problem), "severity": str(problem.severity)}


def problem_from_record(record: dict) -> Problem:
    return Problem(**{**record, "severity": Severity(record["severity"])})


@dataclass
class Manifest:
    """What the build in an output folder was made from, read back by the next build."""

    toolchain: str = ""
    inputs: str = ""
    """Digest of every input of the build together; equal means nothing changed."""
    products: dict[str, Product] = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)
    """The warnings the build reported, repeated when nothing has changed."""
    across: dict = field(default_factory=dict)
    """``{"key": …, "problems": […]}``: the outcome of the checks across files, and the
    digest of the skeletons they ran on."""

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest of the build in ``out``; empty when there is none or it is unreadable."""
        try:
            data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            return cls()
        try:
            products = {name: Product(p["key"], list(p["files"]), list(p.get("problems", [])))
                        for name, p in data.get("products", {}).items()}
            return cls(data.get("toolchain", ""), data.get("inputs", ""), products,
                       list(data.get("problems", [])), dict(data.get("across", {})))
        except (KeyError, TypeError, AttributeError):
            return cls()

    def save(self, out: Path) -> None:
        data = {"format": MANIFEST_FORMAT, **asdict(self)}
        (out / MANIFEST_NAME).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True),
                                         encoding="utf-8")


def reusable(previous: Manifest, previous_out: Path, name: str, key: str) -> Product | None:
    """The product ``name`` of the previous build if it was made from the same ``key``
    and all its files are still there."""
    product = previous.products.get(name)
    if product is None or product.key != key:
        return None
    folder = str(previous_out)
    if not all(os.path.isfile(os.path.join(folder, f)) for f in product.files):
        return None
    return product


def link_files(files: Iterable[str], source: Path, stage: Path) -> None:
    """Hard-link ``files`` (relative paths) from the previous output into the stage.

    The previous output is only read; hard links make taking over a file cost no copy
    and keep the old build intact until the new one is swapped in. Where links are not
    possible (another file system), the file is copied.
    """
    made: set[str] = set()
    source_folder, stage_folder = str(source), str(stage)
    for name in files:
        target = os.path.join(stage_folder, name)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        try:
            os.link(os.path.join(source_folder, name), target)
        except FileExistsError:
            continue
        except OSError:
            shutil.copy2(os.path.join(source_folder, name), target)


def files_below(folder: Path, root: Path) -> list[str]:
    """Every file below ``folder`` as a path relative to ``root``, sorted."""
    if not folder.exists():
        return []
    below = folder.relative_to(root)
    prefix = "" if str(below) == "." else f"{below}/"
    return sorted(name for name, entry in entries_below(folder, prefix) if entry.is_file())


def entries_below(folder: Path | str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry below ``folder``, with its path below it (after ``prefix``), as
    ``Path.rglob("*")`` finds them (linked folders are not entered), in no set order.
    With `os.scandir`, whose entries know their type, a site of hundreds of thousands of
    files is walked without a ``stat`` and a `Path` per file."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except PermissionError:
        return
    for entry in entries:
        name = prefix + entry.name
        yield name, entry
        try:
            inside = entry.is_dir() and not entry.is_symlink()
        except OSError:
            inside = False
        if inside:
            yield from entries_below(entry.path, f"{name}/")


CHECKED, SKELETON = ".pickle", ".skeleton"
"""The two cached parts of a checked file (`edition.tasks.check_file_pickled`)."""


def cached_file_name(key: str, part: str = CHECKED) -> str:
    """Where a cached part of checking a file with input ``key`` lives in the output."""
    return f"{CACHE_DIR}/files/{key}{part}"


def is_cached(out: Path, key: str) -> bool:
    return all((out / cached_file_name(key, part)).is_file() for part in (CHECKED, SKELETON))


def read_cached(out: Path, key: str, part: str = CHECKED) -> bytes | None:
    try:
        return (out / cached_file_name(key, part)).read_bytes()
    except OSError:
        return None


def write_cached(stage: Path, key: str, data: bytes, part: str = CHECKED) -> None:
    target = stage / cached_file_name(key, part)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


class Reuse:
    """Takes products over from the previous build and records them in the new manifest."""

    def __init__(self, previous: Manifest, previous_out: Path, stage: Path,
                 manifest: Manifest) -> None:
        self.previous = previous
        self.previous_out = previous_out
        self.stage = stage
        self.manifest = manifest
        self.counts: Counter[str] = Counter()

    def take(self, name: str, key: str, kind: str) -> list[Problem] | None:
        """Link the product ``name`` made from ``key`` into the stage and return its
        warnings; None when it has to be made again."""
        product = reusable(self.previous, self.previous_out, name, key)
        if product is None:
            return None
        link_files(product.files, self.previous_out, self.stage)
        self.manifest.products[name] = product
        self.counts[f"{kind} reused"] += 1
        return [problem_from_record(p) for p in product.problems]

    def record(self, name: str, key: str, kind: str, files: list[str],
               problems: list[Problem]) -> None:
        self.manifest.products[name] = Product(key, files, [problem_record(p) for p in problems])
        self.counts[f"{kind} rendered"] += 1
