"""BibTeX entries from CSL-JSON items.

The edition is an ``@book``, a text an ``@incollection``. Fields that only biblatex reads
(``translator``, ``origdate``, ``origtitle``, ``origpublisher``, ``origlocation``,
``version``) are included; classic BibTeX ignores them. A cited paragraph has no BibTeX field
of its own: it is named in ``note`` and addressed by the paragraph URL.
"""

from __future__ import annotations

import re

from edition.citation.items import CslItem

_TYPES = {"book": "book", "chapter": "incollection"}
_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def escape(value: str) -> str:
    """Escape the characters BibTeX/LaTeX would read as markup."""
    return _SPECIAL.sub(lambda m: _REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), value)


def _names(names: list[dict[str, str]]) -> str:
    parts = []
    for name in names:
        if "family" in name:
            given = name.get("given")
            parts.append(escape(f"{name['family']}, {given}" if given else name["family"]))
        else:  # a literal name is kept whole: braces stop BibTeX from splitting it
            parts.append("{" + escape(name.get("literal", "")) + "}")
    return " and ".join(parts)


def _date(value: dict | None) -> tuple[str | None, str | None]:
    """(year, ISO date) of a CSL date."""
    if not value:
        return None, None
    parts = value["date-parts"][0]
    return str(parts[0]), "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def cite_key(item: CslItem) -> str:
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", str(item["id"]))


def to_bibtex(item: CslItem) -> str:
    """One BibTeX entry for ``item``."""
    year, date = _date(item.get("issued"))
    _, original_date = _date(item.get("original-date"))
    fields: list[tuple[str, str | None]] = [
        ("author", _names(item["author"]) if item.get("author") else None),
        ("editor", _names(item["editor"]) if item.get("editor") else None),
        ("translator", _names(item["translator"]) if item.get("translator") else None),
        ("title", item.get("title")),
        ("booktitle", item.get("container-title")),
        ("publisher", item.get("publisher")),
        ("address", item.get("publisher-place")),
        ("year", year),
        ("date", date),
        ("version", item.get("version")),
        ("origdate", original_date),
        ("origtitle", item.get("original-title")),
        ("origpublisher", item.get("original-publisher")),
        ("origlocation", item.get("original-publisher-place")),
        ("language", item.get("language")),
        ("doi", item.get("DOI")),
        ("url", item.get("URL")),
        ("note", f"{item.get('label', 'paragraph')} {item['locator']}".capitalize()
         if item.get("locator") else None),
    ]
    lines = [f"@{_TYPES.get(item['type'], 'misc')}{{{cite_key(item)},"]
    for name, value in fields:
        if not value:
            continue
        # names are escaped part by part; URLs and DOIs are read verbatim by biblatex
        text = value if name in {"author", "editor", "translator", "url", "doi"} else escape(
            value)
        lines.append(f"  {name} = {{{text}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"
