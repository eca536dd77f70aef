"""Text placed in the handout's CSS, and a theme's CSS, cannot end a CSS string, a rule or the <style>."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from test_handout import theme_workspace
from test_handout_browser import browser, open_printed  # noqa: F401 (browser: the fixture)
from test_render import need

from deckbuilder.build import build

REPO = Path(__file__).resolve().parents[1]
BREAK_OUT = "W\n} } h1 {color:red} @import url(http://x/y.css)"
CLOSE_STYLE = "</style><script>alert(1)</script>"
TITLES = {
    "break out of the rule": '"W\\n} } h1 {color:red} @import url(http://x/y.css)"',
    "close the style": f"'{CLOSE_STYLE}'",
}


def handout(root: Path, title: str = "T", css: str | None = None) -> Path:
    """Build a one-slide deck titled `title` with the built-in template; return its handout."""
    theme = theme_workspace(root, "Hi", None, title=title)
    if css is not None:
        (theme / "handout.css").write_text(css, encoding="utf-8")
    built = build(root / "decks" / "t.yaml", root, root / "output")
    return next(p for p in built.outputs if p.suffix == ".html")


def style_of(html: str) -> str:
    """Return the text of the handout's one <style> element, as an HTML parser reads it; there is no script."""
    from html.parser import HTMLParser

    class Elements(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.style = [], ""

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            if self.tags[-1:] == ["style"]:
                self.style += data

    parser = Elements()
    parser.feed(html)
    assert parser.tags.count("style") == 1 and "script" not in parser.tags
    return parser.style


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_the_deck_title_stays_inside_its_css_string(tmp_path, title):
    html = handout(tmp_path, title).read_text(encoding="utf-8")
    style = style_of(html)
    assert "@import" not in style and "<" not in style and "{color" not in style
    assert (REPO / "themes" / "calm" / "handout.css").read_text(encoding="utf-8") in style
    assert re.search(r'@bottom-left \{ content: "[^"\n<]*"; font', style)


def test_a_theme_stylesheet_cannot_close_the_style_element(tmp_path):
    html = handout(tmp_path, css=f"h1 {{ color: blue }}\n{CLOSE_STYLE}\n").read_text(encoding="utf-8")
    style = style_of(html)
    assert "h1 { color: blue }" in style and style.rstrip().endswith("<\\/style><script>alert(1)<\\/script>")


@pytest.mark.client
@pytest.mark.parametrize("title, shown", [(TITLES["break out of the rule"], BREAK_OUT.replace("\n", " ")),
                                          (TITLES["close the style"], CLOSE_STYLE)], ids=TITLES.keys())  # fmt: skip
def test_the_printed_footer_shows_the_title_and_the_styles_hold(tmp_path, browser, title, shown):  # noqa: F811
    pdftotext = need("pdftotext")
    page, external = open_printed(browser, handout(tmp_path, title), 700)
    assert external == []
    assert (
        page.evaluate("[...document.styleSheets[0].cssRules].filter(r => r instanceof CSSImportRule).length")
        == 0
    )
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(17, 17, 17)"
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).fontSize") == "34.6667px"  # 26pt
    page.pdf(path=str(tmp_path / "t.pdf"), prefer_css_page_size=True)
    page.close()
    text = subprocess.run(
        [pdftotext, str(tmp_path / "t.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert shown in " ".join(text.split())
