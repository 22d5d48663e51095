"""Where the program's own resources live, and the TEI names every stage uses.

The stylesheets, templates and the customisation's schemas sit in the repository's
top-level ``xslt/``, ``templates/`` and ``tei/schema/``; ``pyproject.toml`` installs them
inside the package as ``edition.xslt``, ``edition.templates`` and ``edition.schema``.
They are found through `importlib.resources`, so the same code works from a wheel, an
editable install (where the packages point back at the repository's folders) and a
checkout, never by walking up from this file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_dir(package: str) -> Path:
    """The folder of an installed resource package. Installs from a wheel, an sdist and
    editable installs all keep files on disk, so the answer is a real path (which lxml,
    Jinja2 and WeasyPrint need)."""
    found = resources.files(package)
    if not isinstance(found, Path):
        raise RuntimeError(f"edition's resources must be installed as files, not {found!r}")
    return found


PACKAGE_DIR = resource_dir("edition")
XSLT_DIR = resource_dir("edition.xslt")
TEMPLATES_DIR = resource_dir("edition.templates")
SCHEMA_DIR = resource_dir("edition.schema")
RELAXNG_SCHEMA = SCHEMA_DIR / "edition.rng"
SCHEMATRON_SCHEMA = SCHEMA_DIR / "edition.sch"
SCHEMA_FILES = (RELAXNG_SCHEMA, SCHEMATRON_SCHEMA)
"""What a deposit carries as the edition's schema when its folder has none of its own."""
PACKAGE_FILES = frozenset({"__init__.py", "__pycache__"})
"""Python's own files in the resource folders, never part of an edition's output."""

PROJECT_ROOT = PACKAGE_DIR.parent
"""The folder holding the package: the repository in a checkout or an editable install
(where ``tei/``, ``tests/`` and ``bench/`` are), site-packages otherwise."""
BUNDLED_EDITION = PROJECT_ROOT / "tei"
"""The bundled edition's TEI (in a checkout only; it is not part of the wheel)."""
DEFAULT_BUILD_NAME = "build"
"""The output folder's name, beside ``edition.toml`` unless the file says otherwise."""
DEFAULT_BUILD_DIR = PROJECT_ROOT / DEFAULT_BUILD_NAME
"""The bundled edition's output folder in a checkout."""

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI_NS}}}"
"""The TEI namespace as lxml writes it before a name: ``f"{T}p"`` is ``<tei:p>``."""
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
