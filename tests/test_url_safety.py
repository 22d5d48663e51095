"""One rule decides which URLs from the TEI may become links, in every output.

The rule (`edition.url_safety.safe_url`) is checked on its own, then through the two
places that call it (the stylesheets' ``url:safe`` and the templates' ``safe_url``
filter and test), then end to end: an edition whose every URL field holds a hostile
variant (``javascript:``, ``data:``, ``vbscript:``, mixed case, character references,
tabs, line feeds and spaces around or inside) is built with its PDFs, and no page, print
link, citation, feed or JSON document may carry one of them as a link, while the http(s)
and mailto links beside them stay.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from jinja2 import Environment
from link_checks import LINK_SCHEMES, scheme, url_attributes
from lxml import etree

from edition import url_safety
from edition.url_safety import is_safe_external, safe_url, web_url

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"

HOSTILE = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(2)",
    "&#106;avascript:alert(3)",        # a character reference kept as text
    "&#x6A;avascript:alert(4)",
    "java\tscript:alert(5)",
    "\njavascript:alert(6)",
    "javascript :alert(7)",
    "\r\n\tvbscript:msgbox(8)\t",
    "VBScript:msgbox(9)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=",
    "DATA:text/html,<script>alert(11)</script>",
    "\x01javascript:alert(12)",
    "java\x00script:alert(13)",
    "javascript&#58;alert(14)",
    "\\\\evil.example.org/x",
]
SAFE = ["https://example.org/safe", "HTTP://example.org/upper", "mailto:editor@example.org",
        "#mini1.1.1", "../texts/mini1.html", "page.jpg?size=2"]


@pytest.mark.parametrize("url", HOSTILE)
def test_a_hostile_url_never_becomes_a_link(url: str) -> None:
    assert safe_url(url) == ""
    assert not is_safe_external(url) and web_url(url) is None


@pytest.mark.parametrize("url", SAFE)
def test_http_mailto_and_relative_urls_stay_as_written(url: str) -> None:
    assert safe_url(url) == url
    assert safe_url(f"  {url}\n") == url  # XML's spaces around it are dropped


def test_only_http_and_https_are_addresses_of_web_pages() -> None:
    assert web_url("https://example.org/") == "https://example.org/"
    assert web_url("mailto:editor@example.org") is None
    assert web_url("texts/mini1.html") is None and web_url(None) is None
    assert is_safe_external("mailto:editor@example.org")
    assert not is_safe_external("texts/mini1.html")


def test_the_stylesheets_and_the_templates_follow_the_same_rule() -> None:
    environment = url_safety.add_to(Environment(autoescape=True))
    template = environment.from_string(
        "{% if u is safe_url %}{{ u | safe_url }}{% else %}-{% endif %}")
    stylesheet = etree.XSLT(etree.XML(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        ' xmlns:url="urn:edition:url"><xsl:output method="text"/>'
        '<xsl:template match="/u"><xsl:value-of select="url:safe(@v)"/>|'
        '<xsl:value-of select="url:safe(string(@v))"/></xsl:template></xsl:stylesheet>'),
        extensions=url_safety.XSLT_EXTENSIONS)
    for url in [*HOSTILE, *SAFE]:
        if "\x00" in url or "\x01" in url:
            continue  # not allowed in XML
        element = etree.Element("u", v=url)
        expected = safe_url(url)
        assert str(stylesheet(etree.ElementTree(element))) == f"{expected}|{expected}"
        assert template.render(u=url) == (html.escape(expected) if expected else "-")


def _attribute(url: str) -> str:
    """``url`` written into an XML attribute, character for character."""
    return (url.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


XML_HOSTILE = [u for u in HOSTILE if "\x00" not in u and "\x01" not in u]


def hostile_urls_edition(folder: Path) -> Path:
    """The mini edition with a hostile URL in every place a URL is read from, and safe
    links beside them."""
    shutil.copytree(MINI, folder)
    text = folder / "texts" / "mini1.xml"
    refs = "".join(f'<ref target="{_attribute(u)}">hostile {i}</ref>, '
                   f'<ptr target="{_attribute(u)}"/>, '
                   f'<figure><graphic url="{_attribute(u)}"/></figure>'
                   for i, u in enumerate(XML_HOSTILE))
    safe = "".join(f'<ref target="{u}">safe {i}</ref>, ' for i, u in enumerate(SAFE[:3]))
    paragraph = f'<p n="3" xml:id="mini1.2.3">Links: {refs} {safe}</p>'
    source = text.read_text(encoding="utf-8")
    for old, new in [
        ("</div>\n    </body>", paragraph + "</div>\n    </body>"),
        ('<licence target="https://creativecommons.org/licenses/by/4.0/">',
         f'<licence target="{_attribute(XML_HOSTILE[1])}">'),
        # a pointer, not an idno: the idno's text is part of the source's statement
        ("</biblStruct>", f'<ptr target="{_attribute(XML_HOSTILE[0])}"/></biblStruct>'),
    ]:
        assert old in source
        source = source.replace(old, new)
    text.write_text(source, encoding="utf-8")
    header = folder / "edition.xml"
    source = header.read_text(encoding="utf-8")
    for old, new in [
        ('<idno type="URL">https://editions.example.org/mini/</idno>',
         f'<idno type="URL">{_attribute(XML_HOSTILE[2])}</idno>'),
        ('target="https://creativecommons.org/licenses/by/4.0/"',
         f'target="{_attribute(XML_HOSTILE[3])}"'),
    ]:
        assert old in source
        source = source.replace(old, new)
    header.write_text(source, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = tmp_path_factory.mktemp("urls")
    edition = hostile_urls_edition(workspace / "edition")
    out = workspace / "out"
    done = subprocess.run([sys.executable, "-m", "edition", "build", str(edition),
                           "--out", str(out), "--lenient", "--jobs", "1"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return out


_HOSTILE_TEXT = re.compile(r"javascript:|vbscript:|data:text|&#x?[0-9a-f]+;?avascript")


def _hostile_in(text: str) -> bool:
    """Whether ``text`` holds one of the hostile URLs, however written."""
    for _ in range(3):
        text = html.unescape(text)
    squeezed = "".join(ch for ch in text if ord(ch) > 0x20).lower()
    return bool(_HOSTILE_TEXT.search(squeezed))


def test_no_page_links_to_a_hostile_url(built: Path) -> None:
    links: set[str] = set()
    for page in sorted((built / "html").rglob("*.html")):
        for name, value in url_attributes(page):
            assert scheme(value) in LINK_SCHEMES, f"{page.name}: {name}={value!r}"
            links.add(value)
    assert set(SAFE[:3]) <= links


def test_no_link_of_the_printed_book_or_an_offprint_is_hostile(built: Path) -> None:
    pdfs = sorted((built / "pdf").glob("*.pdf"))
    assert len(pdfs) >= 2
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            uris = [str(annot.A.URI) for page in pdf.pages for annot in page.get("/Annots", [])
                    if "/A" in annot and "/URI" in annot.A]
        assert all(scheme(uri) in {"http", "https", "mailto"} for uri in uris), (path, uris)
        assert SAFE[0] in uris, path.name


TEI = "{http://www.tei-c.org/ns/1.0}"


def _without_tei(path: Path) -> str:
    """An XML file with the TEI it carries (a TEI source, a feed's TEI headers) left out."""
    tree = etree.parse(str(path))
    for element in list(tree.iter(f"{TEI}*")):
        parent = element.getparent()
        if parent is None:
            return ""
        if not parent.tag.startswith(TEI):
            parent.remove(element)
    return etree.tostring(tree, encoding="unicode")


def _strings(value: object) -> list[str]:
    """Every key and string of a JSON document."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_no_citation_feed_or_json_document_carries_a_hostile_url(built: Path) -> None:
    """Citations (BibTeX, RIS, CSL-JSON), the OAI feed, DTS and IIIF JSON, the search
    index: the TEI published beside them and in the feed keeps its attributes as encoded,
    by design."""
    checked = 0
    for path in sorted((built / "html").rglob("*")):
        if path.suffix not in {".json", ".jsonld", ".bib", ".ris", ".xml"} or not path.is_file():
            continue
        text = _without_tei(path) if path.suffix == ".xml" else path.read_text(encoding="utf-8")
        if path.suffix in {".json", ".jsonld"}:
            text = " ".join(_strings(json.loads(text)))  # JSON's escapes decoded
        assert not _hostile_in(text), path.relative_to(built)
        checked += 1
    assert checked > 10
    assert any(p.suffix == ".bib" for p in (built / "html").rglob("*.bib"))


def test_the_hostile_text_check_sees_every_variant() -> None:
    assert all(_hostile_in(u) for u in HOSTILE if "evil" not in u)
    assert not _hostile_in("https://example.org/ a javascript note")
