"""RIS records from CSL-JSON items (the tagged format every reference manager imports).

The edition is an ``EDBOOK`` (edited book), a text a ``CHAP``. Tags as Zotero and
EndNote read them: ``AU`` author, ``ED`` editor, ``A4`` translator, ``T2`` the book a
chapter belongs to. Lines end with CR LF, as the format prescribes.
"""

from __future__ import annotations

from edition.citation.items import CslItem

_TYPES = {"book": "EDBOOK", "chapter": "CHAP"}
EOL = "\r\n"


def _name(name: dict[str, str]) -> str:
    if "family" in name:
        return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]
    return name.get("literal", "")


def _date(value: dict | None) -> tuple[str | None, str | None]:
    """(``PY`` year, ``DA`` date as ``YYYY/MM/DD``) of a CSL date."""
    if not value:
        return None, None
    parts = value["date-parts"][0]
    padded = [str(parts[0]), *(f"{p:02d}" for p in parts[1:])]
    return str(parts[0]), "/".join(padded + [""] * (3 - len(padded)))


def to_ris(item: CslItem) -> str:
    """One RIS record for ``item``, from ``TY`` to ``ER``."""
    year, date = _date(item.get("issued"))
    original_year, _ = _date(item.get("original-date"))
    tags: list[tuple[str, str | None]] = [("TY", _TYPES.get(item["type"], "GEN"))]
    tags += [("AU", _name(n)) for n in item.get("author", [])]
    tags += [("ED", _name(n)) for n in item.get("editor", [])]
    tags += [("A4", _name(n)) for n in item.get("translator", [])]
    tags += [
        ("TI", item.get("title")),
        ("T2", item.get("container-title")),
        ("PB", item.get("publisher")),
        ("CY", item.get("publisher-place")),
        ("PY", year),
        ("DA", date),
        ("ET", f"Version {item['version']}" if item.get("version") else None),
        ("LA", item.get("language")),
        ("DO", item.get("DOI")),
        ("UR", item.get("URL")),
        ("N1", f"First published {original_year}." if original_year else None),
        ("N1", f"Cited at {item.get('label', 'paragraph')} {item['locator']}."
         if item.get("locator") else None),
        ("ID", str(item["id"])),
    ]
    lines = [f"{tag}  - {value}" for tag, value in tags if value]
    lines.append("ER  - ")
    return EOL.join(lines) + EOL
