"""Rules of the test suite itself, checked on its source."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _edits_sys_path(node: ast.AST) -> bool:
    """``sys.path.insert(…)``, ``.append``, ``.extend``, ``sys.path = …`` or ``sys.path[…] = …``."""
    def is_sys_path(target: ast.AST) -> bool:
        return (isinstance(target, ast.Attribute) and target.attr == "path"
                and isinstance(target.value, ast.Name) and target.value.id == "sys")

    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in {"insert", "append", "extend"} and is_sys_path(node.func.value)
    if isinstance(node, ast.Assign | ast.AugAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(is_sys_path(t) or (isinstance(t, ast.Subscript) and is_sys_path(t.value))
                   for t in targets)
    return False


def test_no_test_edits_sys_path() -> None:
    """The checkout and tests/ are on the path by pyproject.toml's ``pythonpath``; a test
    that edits ``sys.path`` would hide a missing one and leak into the tests after it."""
    sources = [p for p in sorted(TESTS.rglob("*.py")) if "node_modules" not in p.parts]
    assert len(sources) > 50
    edits = [f"{path.relative_to(TESTS)}:{node.lineno}" for path in sources
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
             if _edits_sys_path(node)]
    assert edits == []


def test_the_check_finds_each_way_of_editing_sys_path() -> None:
    for source in ("sys.path.insert(0, 'x')", "sys.path.append('x')", "sys.path = []",
                   "sys.path[:0] = ['x']", "sys.path += ['x']"):
        assert any(_edits_sys_path(n) for n in ast.walk(ast.parse(source))), source
    assert not any(_edits_sys_path(n) for n in ast.walk(ast.parse("paths.insert(0, 'x')")))
