"""The site's URL scheme, and file names that are safe whatever the ids contain.

Every page lives at a fixed place below the site root::

    index.html                 the edition: introduction, texts, how to cite
    texts/<text-id>.html       a text; each paragraph's anchor is its canonical reference
    registers/<kind>.html      persons, places, organisations, events
    entries/<entry-id>.html    one register entry with every occurrence
    chronology.html            every tagged date in order
    principles.html            editorial principles from the text headers
    search.html                client-side search
    tei/<text-id>.xml          the TEI source of a text
    pdf/<id>.pdf               a text's PDF, and the whole edition's
    cite/<text-id>.{bib,ris,json}  the text's citation for reference managers
    cite/edition/<edition-id>.{bib,ris,json}  the edition's

Ids come from the sources, so a hostile or careless id (``../x``, ``a/b``, ``con``) must
never name a file outside its folder: `safe_name` maps any id to one plain file name.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

from edition.model import EntityKind

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_MAX = 80
# Names that Windows refuses as file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}


@lru_cache(maxsize=65536)
def safe_name(identifier: str) -> str:
    """A file-name stem made of ``[A-Za-z0-9._-]`` only, never starting with a dot.

    Ids that are already safe are kept as they are (readable URLs); any other id gets
    its unsafe characters replaced and a short hash appended, so two different ids
    never share a file.
    """
    cleaned = _UNSAFE.sub("_", identifier).lstrip(".")[:_MAX]
    if cleaned == identifier and cleaned and cleaned.lower() not in _RESERVED:
        return cleaned
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:10]
    return f"{cleaned or 'id'}-{digest}"


def text_page(text_id: str) -> str:
    return f"texts/{safe_name(text_id)}.html"


def entry_page(entry_id: str) -> str:
    return f"entries/{safe_name(entry_id)}.html"


def register_page(kind: EntityKind) -> str:
    return f"registers/{kind.plural}.html"


def tei_file(text_id: str) -> str:
    return f"tei/{safe_name(text_id)}.xml"


def pdf_file(identifier: str) -> str:
    return f"pdf/{safe_name(identifier)}.pdf"


def cite_file(text_id: str, extension: str) -> str:
    return f"cite/{safe_name(text_id)}.{extension}"


def edition_cite_file(edition_id: str, extension: str) -> str:
    """The edition's own citation files sit in a folder of their own, so an edition id
    equal to a text id cannot overwrite the text's."""
    return f"cite/edition/{safe_name(edition_id)}.{extension}"


_FRAGMENT_SAFE = "-._~!$&'()*+,;=:@/?"
_PLAIN_FRAGMENT = re.compile(r"[A-Za-z0-9" + re.escape(_FRAGMENT_SAFE) + r"]*")
"""Fragments `quote` would leave as they are (ASCII letters, digits and the safe marks)."""


def anchor(fragment: str) -> str:
    """A fragment identifier for a URL (``#`` not included), percent-encoded if needed."""
    if _PLAIN_FRAGMENT.fullmatch(fragment):
        return fragment
    return quote(fragment, safe=_FRAGMENT_SAFE)


def paragraph_link(text_id: str, ref: str) -> str:
    """Site-relative link to a paragraph (or any anchor) of a text."""
    return f"{text_page(text_id)}#{anchor(ref)}"

