"""Files the site carries with it: its CSS, scripts and fonts, the TEI sources and the PDFs.

Nothing is fetched at reading time: the book face is copied from the system's font
package (Debian ``fonts-linuxlibertine``, SIL OFL) into ``assets/fonts/``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from edition.html import urls
from edition.html.pages import TEMPLATE_DIR
from edition.model import Edition
from edition.problems import Problem, Severity

ASSETS = TEMPLATE_DIR / "assets"
FONT_DIRS = (Path("/usr/share/fonts/opentype/linux-libertine"),
             Path("/usr/share/fonts/opentype/linux-libertine-o"))
FONTS = ("LinLibertine_R.otf", "LinLibertine_RI.otf", "LinLibertine_RB.otf",
         "LinBiolinum_R.otf", "LinBiolinum_RB.otf")
"""Regular, italic and bold text; the sans face for navigation and labels."""


def _copy(source: Path, target: Path) -> None:
    """A real copy: the site must never share an inode with a source or a system file,
    or editing one would change the other."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    shutil.copyfile(source, target)


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link where possible: for build products (the PDFs) that are never edited."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def copy_assets(out: Path) -> list[Problem]:
    """CSS, scripts and fonts into ``out/assets``; a warning when the font is missing (the
    pages then fall back to the reader's serif face)."""
    shutil.copytree(ASSETS, out / "assets", dirs_exist_ok=True)
    problems = []
    for name in FONTS:
        found = next((d / name for d in FONT_DIRS if (d / name).is_file()), None)
        if found is None:
            problems.append(Problem(str(FONT_DIRS[0] / name), 0, 0, Severity.WARNING,
                                    "font not installed (Debian fonts-linuxlibertine); the "
                                    "site falls back to the reader's serif face",
                                    "html-font-missing"))
            continue
        _copy(found, out / "assets" / "fonts" / name)
    return problems


def copy_sources(edition: Edition, out: Path) -> None:
    """Each text's TEI, downloadable from its page."""
    for text in edition.texts:
        _copy(text.path, out / urls.tei_file(text.id))


def copy_pdfs(edition: Edition, pdf_dir: Path, out: Path) -> dict[str, str]:
    """The PDFs that were built (``<text-id>.pdf``, ``<edition-id>.pdf``) into ``out/pdf``;
    returns id → site path for those found."""
    found: dict[str, str] = {}
    for identifier in [edition.meta.id, *(t.id for t in edition.texts)]:
        source = pdf_dir / f"{identifier}.pdf"
        if source.is_file() and source.parent == pdf_dir:
            _link_or_copy(source, out / urls.pdf_file(identifier))
            found[identifier] = urls.pdf_file(identifier)
    return found
