"""CSL-JSON as a file: what reference managers and CSL processors import."""

from __future__ import annotations

import json

from edition.citation.items import CslItem, csl_data


def to_csl_json(item: CslItem) -> str:
    """A CSL-JSON document (an array of one item), valid against the CSL data schema."""
    return json.dumps(csl_data(item), ensure_ascii=False, indent=2)
