"""Handouts of the sample deck and of a small workspace: files, filtering, self-containment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deckbuilder.build import build

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("out")
    built = build(REPO / "decks" / "attachment-workshop.yaml", REPO, out)
    return {p.name: p.read_text(encoding="utf-8") for p in built.outputs if p.suffix == ".html"}


def test_one_handout_per_entry_named_by_audience(sample):
    assert set(sample) == {
        "attachment-workshop-handout-clinicians.html",
        "attachment-workshop-handout-clients.html",
    }


def test_handouts_are_self_contained(sample):
    for html in sample.values():
        assert not re.search(r'(src|href)="(?!data:)', html)
        assert "<link" not in html and "@import" not in html
        assert html.count('src="data:image/png;base64,') == 2


def test_worksheet_has_no_clinician_material(sample):
    notes = sample["attachment-workshop-handout-clinicians.html"]
    worksheet = sample["attachment-workshop-handout-clients.html"]
    assert "Speaker notes" in notes and "Speaker notes" not in worksheet
    assert "Keep to 2 minutes" not in notes  # handout: false
    assert "The relationship as a laboratory" in notes  # audience: [clinicians]
    assert "The relationship as a laboratory" not in worksheet
    assert 'class="worksheet large"' in worksheet


def test_speaker_notes_name_their_slide_should_a_page_part_them(sample):
    notes = sample["attachment-workshop-handout-clinicians.html"]
    headings = re.findall(r'<aside class="speaker"><h4>(.*?)</h4>', notes)
    assert 'Speaker notes <span class="of">&middot; The ability to love takes root early</span>' in headings
    assert ('Speaker notes <span class="of">&middot; Attachment wounds happen in relationship, and they heal in '
            "relationship.</span>") in headings  # a statement, which has no title, by its text
    assert all(heading.startswith('Speaker notes <span class="of">') for heading in headings)


def test_every_prompt_has_writing_space(sample):
    worksheet = sample["attachment-workshop-handout-clients.html"]
    prompts = re.findall(r'<div class="prompt"><p>.*?</p>(.*?)</div>', worksheet, re.S)
    assert prompts and all('class="lines"' in rest for rest in prompts)


def test_deck_text_is_never_markup_or_template(tmp_path):
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "t.yaml").write_text(
        'title: "{{ 7*7 }} <script>alert(1)</script>"\n'
        "sections:\n  - title: S\n    slides:\n      - bullets: [\"<b>x</b> {% if 1 %}y{% endif %}\"]\n",
        encoding="utf-8",
    )
    built = build(tmp_path / "decks" / "t.yaml", tmp_path, tmp_path / "output")
    html = next(p for p in built.outputs if p.suffix == ".html").read_text(encoding="utf-8")
    assert "{{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt; {% if 1 %}y{% endif %}" in html
    assert "<script>" not in html and ">49<" not in html


def theme_workspace(
    root: Path, text: str, template: str | bytes | None, title: str = "T", settings: str = ""
) -> Path:
    """Write a one-slide deck (a statement `text`) whose theme `mine` has its own handout template.

    `settings` are added to the theme's theme.yaml; the theme's folder is returned.
    """
    (root / "decks").mkdir(parents=True)
    (root / "decks" / "t.yaml").write_text(
        f"title: {title}\ntheme: mine\nsections:\n  - title: S\n    slides:\n      - text: {text}\n",
        encoding="utf-8",
    )
    theme = root / "themes" / "mine"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text(
        'name: Mine\ncolors: {background: "#FFFFFF", text: "#111111", accent: "#225588", muted: "#555555"}\n'
        "fonts: {heading: Arial, body: Arial}\n" + settings,
        encoding="utf-8",
    )
    if isinstance(template, bytes):
        (theme / "handout.html.j2").write_bytes(template)
    elif template is not None:
        (theme / "handout.html.j2").write_text(template, encoding="utf-8")
    return theme


def test_a_broken_theme_template_names_its_file_and_line(tmp_path):
    from typer.testing import CliRunner

    from deckbuilder.cli import app

    theme_workspace(tmp_path, "Hi", "<p>\n{% for x in %}\n</p>\n")
    result = CliRunner().invoke(app, ["build", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "handout.html.j2:2:1: the handout template is broken" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "output").exists()


def test_without_chromium_pdf_is_a_warning_and_the_html_is_written(tmp_path, monkeypatch):
    from deckbuilder import printing

    monkeypatch.setattr(printing, "browser", lambda: None)
    monkeypatch.setattr("deckbuilder.office.office", lambda: None)
    built = build(REPO / "decks" / "attachment-workshop.yaml", REPO, tmp_path, also=["pdf"])
    assert [p.suffix for p in built.outputs] == [".pptx", ".html", ".html"]
    assert any("apt-get install chromium" in f.message for f in built.findings)


@pytest.mark.client
@pytest.mark.parametrize("paper, size", [("letter", "(letter)"), ("a4", "(A4)")])
def test_pdf_handouts_on_letter_and_a4(tmp_path, paper, size):
    import subprocess

    from test_render import need

    need("chromium")
    pdfinfo = need("pdfinfo")
    built = build(REPO / "decks" / "attachment-workshop.yaml", REPO, tmp_path, paper=paper, also=["pdf"])
    pdfs = [p for p in built.outputs if p.suffix == ".pdf" and "-handout-" in p.name]
    assert len(pdfs) == 2
    for pdf in pdfs:
        info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert 5 <= pages <= 40, pages
        assert size in next(line for line in info.splitlines() if line.startswith("Page size:"))


@pytest.mark.parametrize(
    "entry, where, message, hint",
    [
        ("{audience: clients, style: workshet}", "4:32", "'workshet' is not a valid style", "did you mean 'worksheet'?"),
        ("{audience: clients, style: notes, paper: a5}", "4:46", "'a5' is not a valid paper", "a4, letter"),
        ("{audience: clinician, style: notes}", "4:16", "unknown audience 'clinician'", "did you mean 'clinicians'?"),
        ("{audience: clients, style: evaluation}", "4:32",
         "an evaluation form is CE material: it rates the learning objectives, which clients do not get",
         "make the evaluation form for the CE audience (clinicians), or give clients another style"),
    ],
)
def test_bad_handout_entries_are_errors_with_position(tmp_path, entry, where, message, hint):
    from typer.testing import CliRunner

    from deckbuilder.cli import app

    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "t.yaml").write_text(
        f"title: T\naudience: clinicians\nhandouts:\n  - {entry}\n"
        "sections:\n  - title: S\n    slides:\n      - text: Hi\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["build", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert f"decks/t.yaml:{where}: {message}" in result.output
    assert hint in result.output
    assert not (tmp_path / "output").exists()


def test_a_theme_template_overrides_only_the_blocks_it_needs(tmp_path):
    theme_workspace(
        tmp_path, "Hi there", '{% extends "calm/handout.html.j2" %}{% block header %}<h1>Our clinic</h1>{% endblock %}\n'
    )
    built = build(tmp_path / "decks" / "t.yaml", tmp_path, tmp_path / "output")
    html = next(p for p in built.outputs if p.suffix == ".html").read_text(encoding="utf-8")
    assert "<h1>Our clinic</h1>" in html and "Hi there" in html and "--accent: #225588" in html
