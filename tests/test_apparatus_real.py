"""A real critical edition in parallel segmentation, as its project published it.

``tests/fixtures/apparatus/florilegium_tei_ps.xml`` (see the README there): 44 ``app``
over 13 witnesses, most without ``lem``, some nested in readings, with
``witStart``/``witEnd`` and typed readings. Every ``app`` must have its entry on the web
page and in print, where it stands on the page of its reading in the text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from apparatus_pages import check_entries, check_margin_numbers
from lxml import etree
from test_pdf_support import Rendered, render

from edition.textual import T

FIXTURE = Path(__file__).parent / "fixtures" / "apparatus"
SOURCE = FIXTURE / "florilegium_tei_ps.xml"


def app_count() -> int:
    return len(etree.parse(str(SOURCE)).getroot().findall(f".//{T}app"))


@pytest.fixture(scope="module")
def florilegium_pdf(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(FIXTURE, tmp_path_factory.mktemp("florilegium-pdf"))


def test_the_fixture_is_the_real_edition_with_its_44_apps() -> None:
    assert app_count() == 44


def test_every_app_has_its_entry_on_the_web_page(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "edition", "build", str(FIXTURE), "--out",
                           str(tmp_path / "out"), "--lenient", "--no-pdf"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    page = (tmp_path / "out" / "html" / "texts" / "florilegium_tei_ps.html").read_text()
    html = etree.HTML(page)
    entries = html.findall(".//ol[@class='apparatus']/li")
    assert len(entries) == app_count()
    markers = html.findall(".//sup[@class='appref']")
    assert len(markers) == app_count()
    # linked both ways: each marker to its entry, each entry back to its marker
    for entry in entries:
        back = entry.find("a[@class='app-label']").get("href")
        assert html.find(f".//*[@id='{back[1:]}']") is not None


def test_every_app_is_printed_on_the_page_of_its_reading(florilegium_pdf: Rendered) -> None:
    checked, wrong = check_entries(florilegium_pdf, "florilegium_tei_ps")
    assert wrong == []
    assert checked == app_count()


def test_every_fifth_line_of_a_page_is_numbered_in_the_margin(
        florilegium_pdf: Rendered) -> None:
    shown, wrong = check_margin_numbers(florilegium_pdf, "florilegium_tei_ps")
    assert wrong == []
    assert shown >= 3


def test_a_witness_that_begins_is_printed_as_incipit(florilegium_pdf: Rendered) -> None:
    text = " ".join(florilegium_pdf.page_text(florilegium_pdf.book.front_pages + 1).split())
    assert "inc. A C P S T D E F H K Q" in text
