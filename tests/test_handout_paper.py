"""Printed handouts use the paper: cards break across pages, yet nothing is left stranded.

Each handout of the sample (with every built-in theme, on letter and A4) and of a stress deck is
printed by Chromium and measured page by page (tests/pagemeasure.py): how many pages, how full each
is, and whether a heading, a prompt, writing lines or the references were cut away from what belongs with them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pagemeasure
import pytest
from test_handout_browser import browser  # noqa: F401 (the fixture)

from deckbuilder.build import build

REPO = Path(__file__).resolve().parents[1]
THEMES = ("calm", "clinic", "high-contrast")
PAPERS = ("letter", "a4")
STRESS_HANDOUTS = """
handouts:
  - {audience: clinicians, style: notes}
  - {audience: clients, style: worksheet, large_print: true}
"""
# the most pages each handout may take on letter paper (A4 takes no more), with a page to spare:
# (deck, theme, audience) -> pages. With every card kept whole on one page they took 18 and 16
# (calm and clinic), 23 and 16 (high-contrast), 10 and 16 (stress).
MOST_PAGES = {("sample", "calm", "clinicians"): 17, ("sample", "calm", "clients"): 15,
              ("sample", "clinic", "clinicians"): 17, ("sample", "clinic", "clients"): 15,
              ("sample", "high-contrast", "clinicians"): 21, ("sample", "high-contrast", "clients"): 16,
              ("stress", "calm", "clinicians"): 10, ("stress", "calm", "clients"): 15}  # fmt: skip
HANDOUTS = [("sample", theme, paper) for theme in THEMES for paper in PAPERS] + [
    ("stress", "calm", paper) for paper in PAPERS
]
pytestmark = pytest.mark.client


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, str, str], dict[str, Path]]:
    """Build the sample with every theme and paper, and the stress deck with a worksheet, on both papers."""
    stress = tmp_path_factory.mktemp("stress")
    shutil.copytree(REPO / "tests" / "decks" / "stress", stress / "decks")
    outline = stress / "decks" / "stress.yaml"
    outline.write_text(outline.read_text(encoding="utf-8") + STRESS_HANDOUTS, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    decks = {"sample": (REPO / "decks" / "attachment-workshop.yaml", REPO), "stress": (outline, stress)}
    handouts = {}
    for deck, theme, paper in HANDOUTS:
        outline, root = decks[deck]
        made = build(outline, root, out / f"{deck}-{theme}-{paper}", paper=paper, theme=theme).outputs
        handouts[deck, theme, paper] = {p.stem.rsplit("-", 1)[-1]: p for p in made if p.suffix == ".html"}
    return handouts


@pytest.fixture(scope="module")
def printed(built, browser, tmp_path_factory) -> dict[tuple[str, str, str, str], pagemeasure.Printed]:  # noqa: F811
    """Print every handout and measure its pages: (deck, theme, paper, audience) -> the printout."""
    folder = tmp_path_factory.mktemp("printed")
    return {
        (*key, audience): pagemeasure.measure(browser, html, folder / f"{'-'.join(key)}-{audience}.pdf")
        for key, files in built.items()
        for audience, html in files.items()
    }


def each(printed, deck: str, theme: str, paper: str):
    """Yield the audience and printout of each handout of one build."""
    for (*key, audience), measured in printed.items():
        if tuple(key) == (deck, theme, paper):
            yield audience, measured


@pytest.mark.parametrize("deck, theme, paper", HANDOUTS)
def test_handouts_take_few_pages_and_fill_them(printed, deck, theme, paper):
    for audience, measured in each(printed, deck, theme, paper):
        assert len(measured.pages) <= MOST_PAGES[deck, theme, audience], (audience, len(measured.pages))
        assert pagemeasure.short_pages(measured) == [], audience


@pytest.mark.parametrize("deck, theme, paper", HANDOUTS)
def test_nothing_is_cut_from_what_belongs_with_it(printed, deck, theme, paper):
    for audience, measured in each(printed, deck, theme, paper):
        assert pagemeasure.stranded_headings(measured) == [], audience
        assert pagemeasure.parted_lines(measured) == [], audience
        assert pagemeasure.split_lines(measured) == [], audience
        assert pagemeasure.stranded_references(measured) == [], audience


PAGE = "@page { size: letter; margin: 0.7in 0.7in 0.8in; } body { margin: 0; font: 12pt/1.5 serif; }"
LINES = '<div class="lines"><div class="line"></div><div class="line"></div></div>'
TEXT = "<p>" + "Words that fill a line of the page, and then some more of them. " * 3 + "</p>"
BROKEN = {
    "short": ("p.last { break-before: page; }", f'{TEXT}<p class="last">End</p>'),
    "heading": (".after { break-before: page; }", '<div style="height: 5in"></div><h3>Alone</h3><p class="after">After</p>'),
    "prompt": (".lines { break-before: page; } .line { height: 0.4in; border-bottom: 1px solid #000; }",
               f'<div class="prompt"><p>What now?</p>{LINES}</div><p>Next</p>'),
    "references": ("p.tail { break-before: page; }", TEXT * 20 + '<section class="references"><h2>References</h2>'
                   + '<p>Smith, J. (n.d.). One.</p>' * 6 + '<p class="tail">Tail, T. (n.d.). Last.</p></section>'),
    "broken heading": ("h3 { margin: 0; font-size: 12pt; orphans: 1; widows: 1; width: 1in; }",
                       '<div style="height: 664pt; background: #000"></div><h3>Alpha beta gamma delta</h3><p>After</p>'),
    "widow": ("p { margin: 0; orphans: 1; widows: 1; }", '<div style="height: 664pt; background: #000"></div><p style="width: 1in">Alpha beta gamma delta</p>'),
    "room": (".references { break-before: page; }", f'{TEXT}<section class="references"><h2>References</h2><p>One</p>'),
}  # fmt: skip
CHECKS = {"short": pagemeasure.short_pages, "heading": pagemeasure.stranded_headings,
          "broken heading": pagemeasure.stranded_headings,
          "prompt": pagemeasure.parted_lines, "references": pagemeasure.stranded_references,
          "widow": pagemeasure.split_lines, "room": pagemeasure.stranded_references}  # fmt: skip
FOUND = {"short": ["page 1 is 7% full"], "heading": ["'Alone' ends page 1 with 0 of 32 pt after it"],
         "prompt": ["'What now?' on page 1 has 0 of 74 pt of lines"],
         "references": ["page 3 holds only 1 of the references' lines"],
         "broken heading": ["'Alpha beta gamma delta' is broken across pages 1-2"],
         "widow": ["'Alpha beta gamma delta' is broken 1 / 1 lines on pages 1-2"],
         "room": ["page 2 holds only 2 of the references' lines"]}  # fmt: skip


@pytest.mark.parametrize("case", BROKEN)
def test_the_measure_finds_each_fault(browser, tmp_path, case):  # noqa: F811
    style, body = BROKEN[case]
    html = tmp_path / "broken.html"
    html.write_text(f"<!doctype html><style>{PAGE} {style}</style><main>{body}</main>", encoding="utf-8")
    found = CHECKS[case](pagemeasure.measure(browser, html, tmp_path / "broken.pdf"))
    assert found == FOUND[case]
