"""The preview writer: every slide of a deck drawn in one self-contained HTML page, beside its notes."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from conftest import TALK, run_cli
from deckbuilder.build import build

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "decks" / "attachment-workshop.yaml"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample deck built with its preview: (Built, the page's HTML)."""
    built = build(SAMPLE, REPO, tmp_path_factory.mktemp("out"), also=["preview"])
    page = next(p for p in built.outputs if p.name == "attachment-workshop-preview.html")
    return built, page.read_text(encoding="utf-8")


def rows(html: str) -> list[str]:
    return html.split('<section class="row"')[1:]


def text(html: str) -> str:
    """Return the text a reader sees of some HTML."""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)))


def test_every_slide_is_drawn_with_its_kind_title_and_notes(sample):
    built, html = sample
    drawn = rows(html)
    assert len(drawn) == len(built.deck.slides) == 46
    assert {re.search(r'data-kind="([^"]+)"', row)[1] for row in drawn} == {s.kind for s in built.deck.slides}
    assert len({s.kind for s in built.deck.slides}) >= 14
    for slide, row in zip(built.deck.slides, drawn):
        title = "".join(r.text for r in slide.title)
        assert f'aria-label="Slide {slide.number}: ' in row
        assert title.split(" (cont.)")[0][:30] in text(row)
        for para in slide.notes:
            assert "".join(r.text for r in para.runs) in text(row)


def test_sizes_are_the_fitted_ones_in_points_of_the_slide(sample):
    built, html = sample
    assert "aspect-ratio: 960.0 / 540.0" in html and "--pt: calc(100cqw / 960.0)" in html
    for slide in built.deck.slides:  # a title shrunk to fit (34 pt), columns at 19 pt beside headings at 18
        row = rows(html)[slide.number - 1]
        sizes = [float(size) for size in re.findall(r"<p style=[^>]*font-size: calc\(var\(--pt\) \* ([0-9.]+)\)", row)]
        fitted = {slide.fit.sizes[0]} if slide.kind == "references" else set(slide.fit.sizes)  # entries: small
        assert set(sizes) - {18.0} == fitted - {18.0}, slide.number  # 18: the slide number's, and small text


def test_the_theme_colours_and_fonts_are_used(sample):
    _, html = sample
    section = rows(html)[5]  # Part 1: the accent background, light text
    assert 'data-kind="section"' in section and "background: #2F6B68" in section and "color: #FBF8F3" in section
    assert 'font-family: "Cambria", "Caladea", serif' in unescape(html)
    assert 'font-family: "Calibri", "Carlito", sans-serif' in unescape(html)


def test_pictures_are_embedded(sample):
    _, html = sample
    sources = re.findall(r'<img src="([^"]*)"', html)
    assert len(sources) == 2 and all(src.startswith("data:image/png;base64,") for src in sources)
    assert 'alt="' in html and "images/" not in html


def test_the_header_links_to_the_other_outputs_and_lists_the_findings(sample):
    built, html = sample
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)
    assert links == [("attachment-workshop.pptx", "PowerPoint"),
                     ("attachment-workshop-handout-clinicians.html", "handout: clinicians"),
                     ("attachment-workshop-handout-clients.html", "handout: clients")]  # fmt: skip
    problems = re.search(r'<ul class="problems".*?</ul>', html, re.S)[0]
    assert problems.count("<li>") == len(built.findings)
    severities = re.findall(r'<li><span class="(\w+)">', problems)
    assert severities == sorted(severities, key=["error", "warning", "info"].index)  # the gravest first
    assert re.search(r"attachment-workshop\.yaml:\d+:9</span>: slide 16 “Two readings of early damage” has 44 words",
                     unescape(problems))


def test_deck_text_is_escaped_and_never_a_template(workspace, tmp_path):
    deck = TALK.replace('"Points"', '"<script>alert(1)</script> {{ 7 * 7 }} & $$x"').replace(
        "Say hello to the room.", "<b>bold?</b> {% raw %}")
    workspace.write("decks/talk.yaml", deck, dedent=False)
    built = build(workspace.deck, workspace.root, tmp_path / "out", also=["preview"])
    html = (tmp_path / "out" / "talk" / "talk-preview.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7 * 7 }} &amp; $x" in html
    assert "&lt;b&gt;bold?&lt;/b&gt; {% raw %}" in html and "49" not in text(html)
    assert "talk-preview.html" in [p.name for p in built.outputs]


def test_only_a_build_that_asks_makes_the_preview(workspace):
    run_cli("build", "--root", str(workspace.root))
    assert not (workspace.root / "output" / "talk" / "talk-preview.html").exists()
    result = run_cli("build", "--root", str(workspace.root), "--preview")
    assert result.exit_code == 0
    assert (workspace.root / "output" / "talk" / "talk-preview.html").is_file()
    assert "built " + str(workspace.root / "output" / "talk" / "talk-preview.html") in result.output


def test_an_organisation_template_is_drawn_with_its_own_design(workspace, tmp_path):
    """The Office-style template: a navy band on top, the subtitle in text colour tinted to 75 %."""
    workspace.write("themes/org/template.pptx", (REPO / "tests" / "templates" / "german.pptx").read_bytes())
    workspace.write("themes/org/theme.yaml", "name: Org\nextends: calm\ntemplate: template.pptx\n")
    workspace.write("decks/talk.yaml", TALK.replace("theme: calm", "theme: org"), dedent=False)
    build(workspace.deck, workspace.root, tmp_path / "out", also=["preview"])
    title = rows((tmp_path / "out" / "talk" / "talk-preview.html").read_text(encoding="utf-8"))[0]
    assert re.search(r'class="shape" style="--x: 0.0; --y: 0.0; --w: 960.0; --h: [0-9.]+; background: #14325C;', title)
    assert "color: #898989" in title  # the subtitle: black tinted 75 % toward white, in linear light


def test_the_gravest_problems_come_first(workspace, tmp_path):
    """A warning is not hidden below a list of notes: errors, warnings, then notes, each in file order."""
    dense = " ".join(["word"] * 45)
    deck = TALK.replace('"Second point"', f'"{dense}"') + "objectives: [Understand shame]\n"
    workspace.write("decks/talk.yaml", deck, dedent=False)
    built = build(workspace.deck, workspace.root, tmp_path / "out", also=["preview"])
    severities = [f.severity for f in built.findings]
    assert severities.index("info") < severities.index("warning")  # in file order, a note comes first
    page = (tmp_path / "out" / "talk" / "talk-preview.html").read_text(encoding="utf-8")
    shown = re.findall(r'<li><span class="(\w+)">', page)
    assert shown[0] == "warning" and "info" in shown


def test_a_broken_preview_template_is_called_the_preview_template(tmp_path):
    from test_handout import theme_workspace

    theme = theme_workspace(tmp_path, "Hi", None)
    (theme / "preview.html.j2").write_text("<p>\n{{ 1 / 0 }}\n</p>\n", encoding="utf-8")
    result = run_cli("build", "--root", str(tmp_path), "--preview")
    assert result.exit_code == 1
    assert "themes/mine/preview.html.j2:2:1: the preview template is broken: ZeroDivisionError" in result.output
    assert "handout template" not in result.output


def test_check_finds_a_preview_template_that_does_not_compile(tmp_path):
    """`check` reads every template a build may use, so a broken page is found before `watch` starts."""
    from test_handout import theme_workspace

    theme = theme_workspace(tmp_path, "Hi", None)
    (theme / "preview.html.j2").write_text("<p>\n{% if %}\n</p>\n", encoding="utf-8")
    result = run_cli("check", "--root", str(tmp_path))
    assert result.exit_code == 1
    assert "themes/mine/preview.html.j2:2:1: the preview template is broken" in result.output


def test_the_writer_takes_the_page_drawn_for_its_deck_rather_than_drawing_it_again(workspace, monkeypatch):
    """A watch draws the page to show it before the build writes it: once per build is enough."""
    from deckbuilder import parallel
    from deckbuilder.writers import preview

    monkeypatch.setattr(parallel, "cpus", lambda: 1)  # every writer in this process, as under a watch
    drawings, shown = [], []
    render = preview.render
    monkeypatch.setattr(preview, "render", lambda *args: drawings.append(1) or render(*args))
    built = build(workspace.deck, workspace.root, workspace.root / "output", also=["preview"],
                  checked=lambda deck, theme: shown.append(preview.page(deck, theme)))  # fmt: skip
    assert len(drawings) == 1
    assert (workspace.root / "output" / "talk" / "talk-preview.html").read_text(encoding="utf-8") == shown[0]
    build(workspace.deck, workspace.root, workspace.root / "output", also=["preview"])  # another deck: drawn again
    assert len(drawings) == 2
    assert "Second point" in shown[0] and len(built.deck.slides) == 9
