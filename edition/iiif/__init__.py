"""IIIF Image API 3.0 (Level 0) tiles and Presentation API 3.0 manifests for facsimiles."""

from edition.iiif.site import page_views, write_iiif

__all__ = ["page_views", "write_iiif"]
