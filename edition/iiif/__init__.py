"""IIIF Image API 3.0 (Level 0) tiles and Presentation API 3.0 manifests for facsimiles
(`edition.iiif.site`)."""
