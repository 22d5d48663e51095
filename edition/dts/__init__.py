"""Distributed Text Services 1.0 (Level 0) as static files of the site (`edition.dts.site`)."""
