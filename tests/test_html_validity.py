"""Every page of the rendered sites is valid HTML5 for the Nu HTML Checker
(run once over all pages: the checker is slow to start)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from edition.html import render_site
from edition.model import load_edition

FOREIGN = Path(__file__).parent / "fixtures" / "foreign"
VNU = Path(__file__).parent / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_passes_the_nu_html_checker(mini_site: Path, bundled_site: Path,
                                               tmp_path: Path) -> None:
    """The mini and bundled sites, and the site of TEI from other projects (drama, verse,
    critical apparatus, EpiDoc) in ``tests/fixtures/foreign``."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.skip("the Nu HTML Checker needs Java and vnu-jar (./run test installs both)")
    sites = [mini_site, bundled_site]
    if FOREIGN.is_dir():
        render_site(load_edition(FOREIGN), tmp_path / "foreign")
        sites.append(tmp_path / "foreign")
    files = sorted(str(p) for site in sites for p in site.rglob("*.html"))
    assert len(files) > 10
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', 0)}: {m.get('message', '')}"
              for m in messages if m.get("type") in {"error", "non-document-error"}]
    assert errors == []
