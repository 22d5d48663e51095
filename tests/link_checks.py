"""What a browser would follow in a written page: shared by the safety tests."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import html as lxml_html

LINK_SCHEMES = {"", "http", "https", "mailto"}
"""The schemes a page may link to ("" is a relative reference)."""
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "srcset",
                  "{http://www.w3.org/1999/xlink}href", "background", "cite", "ping"}


def scheme(url: str) -> str:
    """The scheme a browser would see: character references decoded, controls and
    whitespace removed, lower case."""
    cleaned = "".join(ch for ch in html.unescape(url) if ord(ch) > 0x20).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


def url_attributes(page: Path) -> Iterator[tuple[str, str]]:
    """Every ``(attribute, value)`` of the page's elements that a browser reads as a URL."""
    for element in lxml_html.parse(str(page)).iter():
        if isinstance(element.tag, str):
            for name in sorted(URL_ATTRIBUTES & set(element.attrib)):
                yield name, element.get(name)
