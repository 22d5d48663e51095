"""Shared fixtures. Expensive things (schemas, whole builds) are made once per session."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def mini_site(mini_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini edition's HTML site (rendered once), with stand-in PDFs to offer."""
    from edition.html import render_site
    from edition.model import load_edition

    pdf_dir = tmp_path_factory.mktemp("mini-pdf")
    for name in ("mini1", "mini"):
        (pdf_dir / f"{name}.pdf").write_bytes(b"%PDF-1.7\n% stand-in for the test\n")
    out = tmp_path_factory.mktemp("mini-site") / "html"
    render_site(load_edition(mini_edition), out, pdf_dir=pdf_dir)
    return out


@pytest.fixture(scope="session")
def bundled_site(bundled_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled edition's HTML site (rendered once per session, no PDFs)."""
    from edition.html import render_site
    from edition.model import load_edition

    out = tmp_path_factory.mktemp("bundled-site") / "html"
    render_site(load_edition(bundled_edition), out)
    return out


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # noqa: ANN201
    """In CI every tool the tests need is installed by ``./run test``, so a skipped test
    means something is missing: report it as a failure instead of passing quietly."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped in CI, where nothing may be skipped: {reason}"


_SKIPPED_MODULES: list[str] = []


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """The same for a whole module skipped at import (``pytest.importorskip``)."""
    if os.environ.get("CI") and report.skipped:
        _SKIPPED_MODULES.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _SKIPPED_MODULES:
        print(f"\nskipped in CI, where nothing may be skipped: {', '.join(_SKIPPED_MODULES)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
