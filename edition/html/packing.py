"""Per-paragraph citations stored compactly.

The citations of one text's paragraphs differ only where the paragraph's reference
(``kis1957.12``, in URLs) and its locator (``12``) appear. So each field is stored once as
a template with two placeholders, and a paragraph keeps only its reference and locator,
plus any field the template does not reproduce exactly (checked here for every
paragraph, so unpacking always gives the original strings). The page's script fills the
templates the same way as `fill`.
"""

from __future__ import annotations

import re
from typing import Any

REF = "\u0001"
LOCATOR = "\u0002"


def fill(template: str, ref: str, locator: str) -> str:
    return template.replace(REF, ref).replace(LOCATOR, locator)


def _template(value: str, ref: str, locator: str) -> str | None:
    if REF in value or LOCATOR in value:
        return None
    template = value.replace(ref, REF)
    if locator:
        # the locator as a whole token only: "12" in "para. 12," but not in "2012"
        template = re.sub(rf"(?<![\w.]){re.escape(locator)}(?!\w|\.\w)", LOCATOR, template)
    return template


Rows = dict[str, tuple[str, dict[str, str]]]
"""Paragraph reference → (locator, {field: value})."""


def pack(rows: Rows) -> dict[str, Any]:
    """``{"t": {field: template}, "p": [[ref, locator, {field: value not reproduced}]]}``."""
    if not rows:
        return {"t": {}, "p": []}
    refs = list(rows)
    fields = list(rows[refs[0]][1])
    templates: dict[str, str] = {}
    for field in fields:
        best, best_hits = None, -1
        for ref in dict.fromkeys((refs[0], refs[-1])):
            locator, values = rows[ref]
            candidate = _template(values[field], ref, locator)
            if candidate is None:
                continue
            hits = sum(fill(candidate, r, loc) == vals[field] for r, (loc, vals) in rows.items())
            if hits > best_hits:
                best, best_hits = candidate, hits
        if best is not None:
            templates[field] = best
    paragraphs = []
    for ref, (locator, values) in rows.items():
        own = {f: v for f, v in values.items()
               if f not in templates or fill(templates[f], ref, locator) != v}
        paragraphs.append([ref, locator, own])
    return {"t": templates, "p": paragraphs}


def unpack(packed: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The original rows' values (what the page's script reconstructs)."""
    result = {}
    for ref, locator, own in packed["p"]:
        values = {f: fill(t, ref, locator) for f, t in packed["t"].items()}
        values.update(own)
        result[ref] = values
    return result
