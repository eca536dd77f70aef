"""Handouts in a real browser: headless Chromium driven by Playwright prints them as a reader would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from deckbuilder.build import build
from test_render import need

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.client
PAGE_WIDTH_PX = {"letter": (8.5 - 1.4) * 96, "a4": (8.27 - 1.4) * 96}  # page minus side margins


@pytest.fixture(scope="module")
def browser():
    need("chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", params=["letter", "a4"])
def handouts(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    built = build(REPO / "decks" / "attachment-workshop.yaml", REPO, out, paper=request.param)
    return request.param, {p.stem.rsplit("-", 1)[-1]: p for p in built.outputs if p.suffix == ".html"}


def open_printed(browser, html: Path, width: float):
    """Open a handout as print media at the printable width; return the page and its requests."""
    page = browser.new_page(viewport={"width": int(width), "height": 1000})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.emulate_media(media="print")
    page.goto(html.as_uri())
    return page, [u for u in requests if not u.startswith(("data:", "file:"))]


def test_no_external_request_and_nothing_wider_than_the_page(browser, handouts):
    paper, files = handouts
    for html in files.values():
        page, external = open_printed(browser, html, PAGE_WIDTH_PX[paper])
        assert external == []
        too_wide = page.evaluate(
            "w => [...document.querySelectorAll('main *')]"
            ".filter(e => e.getBoundingClientRect().right > w + 1).map(e => e.outerHTML.slice(0, 80))",
            PAGE_WIDTH_PX[paper],
        )
        assert too_wide == []
        page.close()


def test_every_prompt_has_room_to_write_and_no_clinician_notes_for_clients(browser, handouts):
    paper, files = handouts
    page, _ = open_printed(browser, files["clients"], PAGE_WIDTH_PX[paper])
    heights = page.evaluate(
        "[...document.querySelectorAll('.prompt')].map(p => p.querySelector('.lines')?.offsetHeight || 0)"
    )
    assert heights and min(heights) >= 96 * 1.5  # at least an inch and a half of lines (large print)
    assert page.evaluate("document.querySelectorAll('.speaker').length") == 0
    page.close()
    page, _ = open_printed(browser, files["clinicians"], PAGE_WIDTH_PX[paper])
    assert page.evaluate("document.querySelectorAll('.speaker').length") > 10
    page.close()


def test_printed_page_count_is_plausible(browser, handouts, tmp_path):
    paper, files = handouts
    pdfinfo = need("pdfinfo")
    for audience, html in files.items():
        page, _ = open_printed(browser, html, PAGE_WIDTH_PX[paper])
        pdf = tmp_path / f"{audience}.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        page.close()
        info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert 6 <= pages <= 30, (audience, pages)
