"""Shared fixtures. Expensive things (schemas, whole builds) are made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def mini_edition() -> Path:
    """A one-text edition that uses every rendering rule (names, dates, notes, app, choice)."""
    return FIXTURES / "mini"


@pytest.fixture(scope="session")
def bundled_edition() -> Path:
    return ROOT / "tei"
