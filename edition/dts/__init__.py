"""Distributed Text Services 1.0 (Level 0) as static files of the site."""

from edition.dts.site import write_dts

__all__ = ["write_dts"]
