"""edition: publish TEI-XML scholarly editions as HTML, archival PDF and deposit packages."""

__version__ = "0.1.0"
