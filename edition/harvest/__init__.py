"""Files for harvesters: OAI-PMH Static Repository, sitemap, schema.org JSON-LD
(`edition.harvest.site`)."""
