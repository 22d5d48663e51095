"""The build manifest records what each product was made from, and survives bad files."""

from __future__ import annotations

import os
from pathlib import Path

from edition.digests import digest, toolchain_digest
from edition.incremental import (
    MANIFEST_NAME,
    Manifest,
    Product,
    link_files,
    problem_from_record,
    problem_record,
    reusable,
)
from edition.problems import Problem, Severity


def test_digest_keeps_the_parts_apart() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("a", b"b") == digest(b"a", "b")


def test_the_toolchain_digest_is_stable_within_a_run() -> None:
    assert toolchain_digest() == toolchain_digest()
    assert len(toolchain_digest()) == 64


def test_a_manifest_reads_back_what_was_saved(tmp_path: Path) -> None:
    warning = Problem("texts/a.xml", 3, 7, Severity.WARNING, "odd", "rule")
    manifest = Manifest("tools", "inputs",
                        {"text:a": Product("k1", ["html/a.html"], [problem_record(warning)])},
                        [problem_record(warning)])
    manifest.save(tmp_path)
    again = Manifest.load(tmp_path)
    assert again == manifest
    restored = problem_from_record(again.products["text:a"].problems[0])
    assert restored == warning and restored.severity is Severity.WARNING


def test_a_missing_or_damaged_manifest_reads_as_empty(tmp_path: Path) -> None:
    assert Manifest.load(tmp_path) == Manifest()
    (tmp_path / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert Manifest.load(tmp_path) == Manifest()
    (tmp_path / MANIFEST_NAME).write_text('{"format": 1, "products": {"x": {}}}',
                                          encoding="utf-8")
    assert Manifest.load(tmp_path) == Manifest()


def test_a_product_is_reusable_only_with_the_same_key_and_all_its_files(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "a.html").write_text("a", encoding="utf-8")
    manifest = Manifest(products={"text:a": Product("k1", ["html/a.html"]),
                                  "text:b": Product("k2", ["html/b.html"])})
    assert reusable(manifest, tmp_path, "text:a", "k1") is not None
    assert reusable(manifest, tmp_path, "text:a", "changed") is None
    assert reusable(manifest, tmp_path, "text:b", "k2") is None  # its file is gone
    assert reusable(manifest, tmp_path, "text:c", "k3") is None


def test_reused_files_are_hard_links_into_the_stage(tmp_path: Path) -> None:
    old, stage = tmp_path / "old", tmp_path / "stage"
    (old / "html" / "texts").mkdir(parents=True)
    (old / "html" / "texts" / "a.html").write_text("a", encoding="utf-8")
    stage.mkdir()
    link_files(["html/texts/a.html"], old, stage)
    linked = stage / "html" / "texts" / "a.html"
    assert linked.read_text(encoding="utf-8") == "a"
    assert os.stat(linked).st_ino == os.stat(old / "html" / "texts" / "a.html").st_ino


def test_the_check_digest_covers_every_module_checking_a_file_runs() -> None:
    """A cached check is keyed by the code that made it: the modules found from
    `edition.tasks` and `edition.validate` by their imports, so that one the models
    come to use (the extracts, the nested texts) is covered, and no renderer is."""
    from edition.digests import checking_modules
    from edition.paths import PACKAGE_DIR

    names = {p.relative_to(PACKAGE_DIR).as_posix() for p in checking_modules()}
    assert {"tasks.py", "model.py", "extracts.py", "nesting.py", "xmlparse.py",
            "validate/__init__.py", "validate/references.py"} <= names
    assert not {n for n in names if n.startswith(("html/", "pdf/", "dts/", "cli/"))}


def test_the_imports_read_from_a_file_s_head_are_all_its_module_level_ones() -> None:
    """`edition.digests` parses only the head of a file, before its first definition;
    for every module of the package that finds what a parse of the whole file finds."""
    import ast

    from edition import digests
    from edition.paths import PACKAGE_DIR

    def module_level(path: Path) -> set[Path]:
        tree = ast.parse(path.read_bytes())
        names = [f"{n.module}.{a.name}" for n in tree.body if isinstance(n, ast.ImportFrom)
                 and (n.module or "").startswith("edition") for a in n.names]
        names += [a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names
                  if a.name.startswith("edition")]
        return {f for name in names if (f := digests._module_file(name)) is not None}

    modules = sorted(PACKAGE_DIR.rglob("*.py"))
    assert len(modules) > 100
    assert {p: set(digests._imported_modules(p)) for p in modules} == \
        {p: module_level(p) for p in modules}
