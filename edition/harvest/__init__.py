"""Files for harvesters: OAI-PMH Static Repository, sitemap, schema.org JSON-LD."""

from edition.harvest.site import write_harvest

__all__ = ["write_harvest"]
