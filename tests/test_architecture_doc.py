"""docs/architecture.md names every module of ``edition/``, and names no module that is gone."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MODULES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "edition").rglob("*.py"))


def _named() -> set[str]:
    return set(re.findall(r"`(edition/[\w/]+\.py)`", ARCHITECTURE.read_text(encoding="utf-8")))


def test_the_modules_are_found_at_all() -> None:
    assert "edition/build.py" in MODULES
    assert "edition/html/__init__.py" in MODULES
    assert len(MODULES) > 100


def test_every_module_of_edition_is_in_the_architecture_page() -> None:
    missing = [module for module in MODULES if module not in _named()]
    assert missing == [], f"add these modules to {ARCHITECTURE}, at their stage: {missing}"


def test_the_architecture_page_names_no_module_that_is_gone() -> None:
    gone = sorted(_named() - set(MODULES))
    assert gone == [], f"{ARCHITECTURE} names modules that no longer exist: {gone}"
