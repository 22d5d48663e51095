"""The HTML edition is safe to publish whatever the TEI contains.

A hostile edition (script in text and attributes; ``javascript:``, ``vbscript:`` and ``data:``
in ``@ref``, ``@target``, ``@facs``, ``@url``, the licence and the site URL; XHTML and SVG
elements with event handlers; ids and an edition id made to escape the output folder) is
rendered twice: straight from the model without validation (the renderer must be safe on
its own) and through ``edition build`` (which may refuse it, cleanly). Every page written
must then hold no live script from the content, no ``on*`` attribute, no unsafe link scheme,
no file outside the output folder, and a Content-Security-Policy that forbids inline script.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from link_checks import LINK_SCHEMES, scheme, url_attributes
from lxml import html

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
SVG_ONLOAD = ("<svg:svg xmlns:svg='http://www.w3.org/2000/svg' onload='alert(5)'>"
              "<svg:script>alert(6)</svg:script></svg:svg>")
XHTML_SCRIPT = ("<h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(3)</h:script>"
                "<h:img xmlns:h='http://www.w3.org/1999/xhtml' src='x' onerror='alert(4)'/>")
HOSTILE_PARAGRAPH = f"""
        <p n="3" xml:id="mini1.2.3" rend="x&quot; onmouseover=&quot;alert(7)"
           style="background:url(javascript:alert(8))">Text
          &lt;script&gt;alert(1)&lt;/script&gt; <![CDATA[<script>alert(2)</script>]]> and
          <persName ref="javascript:alert(9)">a person</persName>,
          <placeName ref=" JaVaScRiPt:alert(10)">a place</placeName>,
          <ref target="javascript:alert(11)">a link</ref>,
          <ref target="vbscript:msgbox(12)">another</ref>,
          <ref target="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4="
            >a data link</ref>,
          <ref target="java&#x09;script:alert(14)">a tabbed link</ref>,
          <ptr target="javascript:alert(15)"/>,
          <ref target="../../../etc/passwd">a path</ref>,
          <ref target="https://example.org/ok">a safe link</ref>,
          <date when="&lt;script&gt;alert(16)&lt;/script&gt;">a date</date>,
          <hi rend="&lt;/style&gt;&lt;script&gt;alert(17)&lt;/script&gt;">styled</hi>
          <pb n="&lt;img src=x onerror=alert(18)&gt;" facs="javascript:alert(19)"/>
          <figure><graphic url="javascript:alert(20)"/><figDesc>a figure</figDesc></figure>
          <figure><graphic url="data:image/svg+xml,&lt;svg onload='alert(21)'/&gt;"/></figure>
          <note type="editorial" resp="javascript:alert(22)" onclick="alert(23)"
            >a {{{{ 7*7 }}}} note</note>
          {XHTML_SCRIPT} {SVG_ONLOAD}
          <foreign xml:lang="&quot;&gt;&lt;script&gt;alert(24)&lt;/script&gt;">word</foreign></p>
"""


def hostile_edition(folder: Path) -> Path:
    shutil.copytree(MINI, folder)
    text = folder / "texts" / "mini1.xml"
    source = text.read_text(encoding="utf-8")
    source = source.replace("<title type=\"main\">A Letter on the Visit to Moscow</title>",
                            "<title type=\"main\">A Letter &lt;script&gt;alert(25)&lt;/script&gt;"
                            "</title>")
    source = source.replace("</div>\n    </body>", HOSTILE_PARAGRAPH + "      </div>\n    </body>")
    text.write_text(source, encoding="utf-8")
    header = folder / "edition.xml"
    source = header.read_text(encoding="utf-8")
    for old, new in [
        ('<idno type="edition-id">mini</idno>', '<idno type="edition-id">../../../escaped</idno>'),
        ('<idno type="URL">https://editions.example.org/mini/</idno>',
         '<idno type="URL">javascript:alert(26)//</idno>'),
        ('target="https://creativecommons.org/licenses/by/4.0/"', 'target="javascript:alert(27)"'),
        ("exercises every rendering rule", "exercises <ref target='javascript:alert(28)'>every"
         "</ref> rendering rule &lt;script&gt;alert(29)&lt;/script&gt;"),
    ]:
        assert old in source
        source = source.replace(old, new)
    header.write_text(source, encoding="utf-8")
    persons = folder / "registers" / "persons.xml"
    source = persons.read_text(encoding="utf-8")
    source = re.sub(r"(<idno type=\"wikidata\">)[^<]*", r"\1javascript:alert(30)", source, count=1)
    source = source.replace("</listPerson>", '<person xml:id="con"><persName type="main">'
                            "&lt;img src=x onerror=alert(31)&gt;</persName></person>"
                            "</listPerson>")
    persons.write_text(source, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = tmp_path_factory.mktemp("safety")
    hostile_edition(workspace / "deep" / "er" / "edition")
    return workspace


@pytest.fixture(scope="module")
def rendered(workspace: Path) -> Path:
    """The hostile edition rendered straight from the model, without validation."""
    from edition.html import render_site
    from edition.model import load_edition

    out = workspace / "deep" / "er" / "direct" / "html"
    render_site(load_edition(workspace / "deep" / "er" / "edition"), out)
    return out


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert found, f"no pages in {site}"
    return found


def test_every_file_stays_inside_the_output_folder(workspace: Path, rendered: Path) -> None:
    inside = rendered.resolve()
    written = [p for p in workspace.rglob("*") if p.is_file()
               and not p.resolve().is_relative_to(workspace / "deep" / "er" / "edition")]
    assert written
    outside = [p for p in written if not p.resolve().is_relative_to(inside)]
    assert not outside
    assert not any(p.is_symlink() for p in rendered.rglob("*"))


def test_no_live_script_comes_from_the_content(rendered: Path) -> None:
    for page in pages(rendered):
        raw = page.read_text(encoding="utf-8")
        assert "<script>alert" not in raw, page.name
        tree = html.parse(str(page))
        for script in tree.iter("script", "{http://www.w3.org/1999/xhtml}script"):
            kind = (script.get("type") or "text/javascript").lower()
            if kind in {"application/ld+json", "application/json"}:
                assert "</script" not in (script.text or "").lower()
                continue
            assert script.get("src") and not script.text, f"{page.name}: inline script"
            assert scheme(script.get("src")) == "", f"{page.name}: {script.get('src')}"
        for svg in tree.iter("{http://www.w3.org/2000/svg}script", "svg"):
            assert svg.get("onload") is None


def test_no_element_carries_an_event_handler(rendered: Path) -> None:
    for page in pages(rendered):
        for element in html.parse(str(page)).iter():
            if not isinstance(element.tag, str):
                continue
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            assert not handlers, f"{page.name}: <{element.tag} {handlers}>"


def test_no_link_or_source_uses_an_unsafe_scheme(rendered: Path) -> None:
    for page in pages(rendered):
        for name, value in url_attributes(page):
            assert scheme(value) in LINK_SCHEMES, f"{page.name}: {name}={value!r}"
        for element in html.parse(str(page)).iter("meta"):
            if element.get("http-equiv", "").lower() == "refresh":
                pytest.fail(f"{page.name}: meta refresh {element.get('content', '')!r}")


def test_no_style_attribute_or_frame_comes_from_the_content(rendered: Path) -> None:
    for page in pages(rendered):
        tree = html.parse(str(page))
        assert not list(tree.iter("iframe", "object", "embed", "base", "frame")), page.name
        for element in tree.iter():
            style = element.get("style", "") if isinstance(element.tag, str) else ""
            assert "javascript" not in style and "url(" not in style, page.name


def test_every_page_forbids_inline_script_in_its_content_security_policy(
        rendered: Path) -> None:
    for page in pages(rendered):
        metas = html.parse(str(page)).xpath(
            "//meta[translate(@http-equiv, 'CONTENTSURIYPOLC', 'contentsuriypolc')"
            "='content-security-policy']")
        assert len(metas) == 1, page.name
        policy = {part.split()[0]: part.split()[1:]
                  for part in metas[0].get("content").split(";") if part.split()}
        scripts = policy.get("script-src", policy.get("default-src"))
        assert scripts is not None, page.name
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert "*" not in scripts and "data:" not in scripts
        assert policy.get("object-src") == ["'none'"]


def test_the_hostile_text_is_still_shown_as_text(rendered: Path) -> None:
    from edition.html.urls import text_page

    page = html.parse(str(rendered / text_page("mini1")))
    shown = " ".join(page.getroot().text_content().split())
    for words in ("<script>alert(1)</script>", "a person", "a link", "a safe link", "word"):
        assert words in shown



def test_edition_build_refuses_the_hostile_edition_cleanly_or_writes_it_safely(
        workspace: Path) -> None:
    out = workspace / "deep" / "er" / "built"
    done = subprocess.run([sys.executable, "-m", "edition", "build",
                           str(workspace / "deep" / "er" / "edition"), "--out", str(out),
                           "--no-pdf"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "[internal]" not in output
    if done.returncode != 0:
        assert done.returncode == 1 and not out.exists()
        assert re.search(r"mini1\.xml:\d+:\d+: error: .* \[[\w-]+\]", output), output
        return
    for page in pages(out / "html"):
        tree = html.parse(str(page))
        assert not [e for e in tree.iter() if isinstance(e.tag, str)
                    and any(a.lower().startswith("on") for a in e.attrib)]
        assert all(scheme(e.get("href")) in LINK_SCHEMES for e in tree.iter("a", "link")
                   if e.get("href"))
    assert not (workspace / "escaped.bib").exists()


def test_the_scheme_check_sees_through_case_and_control_characters() -> None:
    assert scheme(" JaVa\tScript:alert(1)") == "javascript"
    assert scheme("../../x:y") == "" and scheme("#a") == "" and scheme("https://x") == "https"
