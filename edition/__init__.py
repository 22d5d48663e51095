"""edition: publish TEI-XML scholarly editions as validated TEI, HTML, archival PDF and deposit packages."""

__version__ = "0.1.0"
