"""The modules of `edition` import one another in one direction: no cycle, counting the
imports inside functions and those made only for type checking, which hide a cycle
rather than remove it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "edition"


def _module_name(path: Path, root: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _longest_module(name: str, modules: dict[str, Path]) -> str | None:
    while name not in modules and "." in name:
        name = name.rsplit(".", 1)[0]
    return name if name in modules else None


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
             modules: dict[str, Path]) -> set[str]:
    """The modules of the package an import statement names: ``from a import b`` is
    ``a.b`` when that is a submodule, else ``a``. (Loading ``a.b`` also runs ``a``'s
    ``__init__``; that edge is left out, or every package whose ``__init__`` re-exports
    its submodules would be a cycle.)"""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".") if is_package else module.split(".")[:-1]
            package = package[:len(package) - node.level + 1]
            base = ".".join([*package, *([node.module] if node.module else [])])
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                 for alias in node.names]
    return {found for name in names if (found := _longest_module(name, modules))}


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module of the package at ``root`` → the modules of the package it imports,
    wherever the import stands (top level, a function, ``if TYPE_CHECKING``)."""
    modules = {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[module] = {target for node in ast.walk(tree)
                         if isinstance(node, ast.Import | ast.ImportFrom)
                         for target in _targets(node, module, path.name == "__init__.py",
                                                modules)} - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_modules_of_edition_import_one_another_without_a_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert len(graph) > 100 and "edition.html.pages" in graph["edition.html"]
    assert cycles(graph) == []


@pytest.mark.parametrize(("files", "expected"), [
    ({"__init__.py": "from pkg import pages\n",  # closed inside a function
      "pages.py": "from pkg.tasks import job\n",
      "tasks.py": "def job():\n    from pkg import render\n",
      "other.py": "from . import tasks\n"}, [["pkg", "pkg.pages", "pkg.tasks"]]),
    ({"__init__.py": "",  # closed by an import made only for type checking
      "a.py": "from pkg.b import B\n",
      "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import A\n",
      "c.py": "import pkg.a\n"}, [["pkg.a", "pkg.b"]]),
], ids=["function-local", "type-checking"])
def test_a_hidden_cycle_is_found(tmp_path: Path, files: dict[str, str],
                                 expected: list[list[str]]) -> None:
    for name, source in files.items():
        (tmp_path / "pkg").mkdir(exist_ok=True)
        (tmp_path / "pkg" / name).write_text(source, encoding="utf-8")
    assert cycles(import_graph(tmp_path / "pkg")) == expected


BUILD_MACHINERY = {"edition.build", "edition.tasks", "edition.incremental", "edition.output"}
"""What runs a build: the order of the stages, the jobs, reuse of earlier products and
the swap of the output."""


@pytest.mark.parametrize("renderer", ["edition.html", "edition.pdf"])
def test_the_renderers_import_nothing_of_the_build_machinery(renderer: str) -> None:
    graph = import_graph(PACKAGE)
    modules = [m for m in graph if m == renderer or m.startswith(renderer + ".")]
    assert len(modules) >= 5
    assert {m: sorted(graph[m] & BUILD_MACHINERY) for m in modules
            if graph[m] & BUILD_MACHINERY} == {}
