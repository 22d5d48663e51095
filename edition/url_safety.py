"""Which URLs taken from the TEI may become a live link: the one rule of every output.

A URL from a source (``@target``, ``@url``, ``@facs``, a licence's ``@target``, the
header's ``idno type="URL"``) reaches the HTML pages, the printed book's links, the
citations, the feeds and the JSON documents. It may become a link only when following it
runs no code in the reader's browser or PDF viewer:

* an absolute URL whose scheme is ``http``, ``https`` or ``mailto`` (a mail address is a
  legitimate target in a correspondence edition, and opening a mail client runs nothing);
* a relative reference (no scheme: no colon before the first ``/``, ``?`` or ``#``).

Everything else yields no link: ``javascript:``, ``data:``, ``vbscript:``, ``file:`` and
any scheme we do not know, whatever its case. Browsers strip leading and trailing control
characters and spaces and drop tabs and line breaks anywhere before reading the scheme
(WHATWG URL, "basic URL parser"), so a URL holding a control character, a line break or a
space anywhere is refused rather than cleaned; so is one that reads as unsafe once its
HTML character references are decoded (``&#106;avascript:`` typed into an attribute, which
a later HTML context could decode). Spaces around the URL are XML's and are dropped, as
``normalize-space`` does.

`safe_url` is the rule; `web_url` narrows it to pages on the web (a base URL other
addresses are built on, a licence's deed). The XSLT stylesheets call it as
``url:safe(…)`` (namespace `EXTENSION_NS`) and the Jinja templates as the ``safe_url``
filter and test (`add_to`).
"""

from __future__ import annotations

import html
import re

from jinja2 import Environment

EXTENSION_NS = "urn:edition:url"
"""The namespace of the XSLT extension function ``safe``."""

_SAFE_PREFIXES = ("http://", "https://", "mailto:")
_WEB_PREFIXES = ("http://", "https://")
_REFUSED = re.compile(r"[\x00-\x20\x7f\\<>\"]")
"""Control characters, whitespace, DEL, a backslash (read as ``/`` by browsers) and the
characters that cannot stand in an attribute unescaped."""
_XML_SPACE = " \t\r\n"


def _acceptable(url: str) -> bool:
    if not url or _REFUSED.search(url):
        return False
    if url.lower().startswith(_SAFE_PREFIXES):
        return True
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    return ":" not in head


def safe_url(url: object) -> str:
    """``url`` without surrounding XML whitespace if it may become a link, else ``""``."""
    candidate = str(url or "").strip(_XML_SPACE)
    decoded = html.unescape(candidate)
    if _acceptable(candidate) and (decoded == candidate or _acceptable(decoded)):
        return candidate
    return ""


def is_safe_url(url: object) -> bool:
    """Whether `safe_url` keeps ``url`` (the Jinja test)."""
    return safe_url(url) != ""


def is_safe_external(url: str) -> bool:
    """``url``, exactly as given, is an absolute URL with a safe scheme (http, https,
    mailto)."""
    return safe_url(url) == url and url.lower().startswith(_SAFE_PREFIXES)


def web_url(url: str | None) -> str | None:
    """``url`` if it is a safe http(s) URL, the address of a page on the web, else None."""
    kept = safe_url(url)
    return kept if kept.lower().startswith(_WEB_PREFIXES) else None


def _xslt_safe(_context: object, value: object) -> str:
    """``url:safe(string)``: lxml passes a string, or a node list for a node argument."""
    if isinstance(value, list):
        value = value[0] if value else ""
    return safe_url(value)


XSLT_EXTENSIONS = {(EXTENSION_NS, "safe"): _xslt_safe}
"""The extension functions every stylesheet is compiled with."""


def add_to(environment: Environment) -> Environment:
    """Give a Jinja environment the ``safe_url`` filter and test."""
    environment.filters["safe_url"] = safe_url
    environment.tests["safe_url"] = is_safe_url
    return environment
