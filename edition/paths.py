"""Where the project's own resources live.

The stylesheets, templates and the bundled edition sit beside the package in the
source tree (the design card keeps them top-level), so they are found relative to it.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_EDITION = PROJECT_ROOT / "tei"
SCHEMA_DIR = BUNDLED_EDITION / "schema"
RELAXNG_SCHEMA = SCHEMA_DIR / "edition.rng"
SCHEMATRON_SCHEMA = SCHEMA_DIR / "edition.sch"
XSLT_DIR = PROJECT_ROOT / "xslt"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DEFAULT_BUILD_DIR = PROJECT_ROOT / "build"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
