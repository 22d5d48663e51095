"""What one search loads: the search page opened in headless Chromium from ``file://``
with a query, and the sizes of the index files it loaded (``search.js`` lists them in
``#search-results[data-files]`` once the first page of results is shown).

    python -m bench.search_load SITE_FOLDER WORD [WORD ...]
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from html import unescape
from pathlib import Path
from urllib.parse import quote

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
INDEX = "assets/search/"


def loaded_by(site: Path, query: str, timeout: float = 120) -> dict:
    """Files, bytes and results of one search, as the browser ran it."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("chromium is not installed")
    page = (site / "search.html").resolve().as_uri() + "?q=" + quote(query)
    with tempfile.TemporaryDirectory(prefix="edition-chromium-") as profile:
        dom = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}",
             "--virtual-time-budget=60000", "--dump-dom", page],
            capture_output=True, text=True, timeout=timeout, check=True).stdout
    found = re.search(r'id="search-results"[^>]*data-files="([^"]*)"', dom) or re.search(
        r'data-files="([^"]*)"[^>]*id="search-results"', dom)
    if found is None:
        raise RuntimeError(f"search for {query!r} did not finish")
    files = unescape(found.group(1)).split()
    status = re.search(r'id="search-status"[^>]*>([^<]*)<', dom)
    return {"query": query, "files": len(files),
            "bytes": sum((site / INDEX / f).stat().st_size for f in files),
            "status": status.group(1) if status else ""}


def main() -> int:
    site = Path(sys.argv[1])
    for query in sys.argv[2:]:
        print(json.dumps(loaded_by(site, query)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
