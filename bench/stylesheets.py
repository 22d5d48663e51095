"""The anchor: the TEI Stylesheets' ``html/html.xsl`` run by saxonche in one process over
the texts of an edition, each text to one HTML file.

    python -m bench.stylesheets TEXTS_FOLDER OUT_FOLDER

Prints one line of JSON (``seconds`` of the whole run, stylesheet compilation included,
and ``texts``). `bench/run.py` runs it in a fresh process, as it runs the build. The
Stylesheets are a public repository checked out beside the project (``../Stylesheets``,
or ``$TEI_STYLESHEETS``); nothing is fetched.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stylesheets_dir() -> Path | None:
    """The checkout of the TEI Stylesheets, or None when there is none."""
    given = os.environ.get("TEI_STYLESHEETS")
    for candidate in ([Path(given)] if given else []) + [ROOT.parent / "Stylesheets"]:
        if (candidate / "html" / "html.xsl").is_file():
            return candidate
    return None


def missing() -> str | None:
    """Why the anchor cannot run here, or None when it can."""
    if stylesheets_dir() is None:
        return "skipped: no TEI Stylesheets checkout at ../Stylesheets (or $TEI_STYLESHEETS)"
    try:
        import saxonche  # noqa: F401
    except ImportError:
        return "skipped: saxonche is not installed (pip install saxonche)"
    return None


def transform_all(texts: Path, out: Path) -> dict:
    from saxonche import PySaxonProcessor

    stylesheet = stylesheets_dir() / "html" / "html.xsl"
    files = sorted(texts.glob("*.xml"))
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with PySaxonProcessor(license=False) as processor:
        executable = processor.new_xslt30_processor().compile_stylesheet(
            stylesheet_file=str(stylesheet))
        for path in files:
            executable.transform_to_file(source_file=str(path),
                                         output_file=str(out / f"{path.stem}.html"))
    written = sum(1 for p in out.glob("*.html") if p.stat().st_size)
    return {"seconds": time.perf_counter() - start, "texts": len(files),
            "note": f"{written} HTML files"}


def main() -> int:
    reason = missing()
    if reason:
        print(json.dumps({"skipped": reason}))
        return 0
    print(json.dumps(transform_all(Path(sys.argv[1]), Path(sys.argv[2]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
