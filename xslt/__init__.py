"""The XSLT stylesheets, installed as the package ``edition.xslt`` (see edition/paths.py)."""
