"""The fit stage: sizes written on every run, continuation slides, errors for text that cannot fit,
pictures with their captions, and the report, each checked by building like a user does."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from deckbuilder.cli import app

from conftest import make_png

runner = CliRunner()
LONG = ("Attachment wounds heal in relationship, slowly and with many repairs along the way, "
        "as the client learns that closeness can be survived. ")  # fmt: skip


def build(workspace, monkeypatch, *args: str):
    monkeypatch.chdir(workspace.root)
    return runner.invoke(app, ["build", *args])


def deck_with(workspace, slides: str, extra: str = "") -> None:
    workspace.write("decks/talk.yaml", f'title: "Test talk"\ntheme: calm\n{extra}sections:\n  - title: "Part one"\n'
                    f"    slides:\n{slides}", dedent=False)  # fmt: skip


def titles(pptx) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(str(pptx)).slides]


def body_paras(slide) -> list:
    return [p for sh in slide.placeholders if sh.placeholder_format.type not in (1, 3, 13)
            for p in sh.text_frame.paragraphs]  # fmt: skip


def sizes(slide, titles_too: bool = False) -> set[float]:
    """The sizes written on the runs of a slide's body (and title) text."""
    found = set()
    for shape in slide.placeholders:
        kind = shape.placeholder_format.type
        if kind == 13 or (kind in (1, 3) and not titles_too):
            continue
        for p in shape.text_frame.paragraphs:
            for r in p.runs:
                assert r.font.size is not None, f"a run without a size: {r.text!r}"
                found.add(r.font.size.pt)
    return found


def test_every_run_of_the_sample_carries_its_size_and_none_is_below_min_body(workspace, monkeypatch):
    assert build(workspace, monkeypatch).exit_code == 0
    for slide in Presentation(str(workspace.output)).slides:
        assert sizes(slide, titles_too=True), "every slide's runs carry a size"
        assert min(sizes(slide), default=18) >= 18, slide.shapes.title.text_frame.text


def test_many_bullets_continue_on_slides_titled_cont_in_order(workspace, monkeypatch):
    bullets = "".join(f'          - "Point {i}: {LONG.strip()}"\n' for i in range(1, 21))
    deck_with(workspace, f'      - title: "Many points"\n        notes: "Say it."\n        bullets:\n{bullets}')
    result = build(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    shown = titles(workspace.output)
    parts = [t for t in shown if t.startswith("Many points")]
    assert len(parts) >= 3 and parts[0] == "Many points" and all(t == "Many points (cont.)" for t in parts[1:])
    slides = [s for s in Presentation(str(workspace.output)).slides if s.shapes.title.text_frame.text in parts]
    said = [p.text for s in slides for p in body_paras(s)]
    assert said == [f"Point {i}: {LONG.strip()}" for i in range(1, 21)]
    assert slides[0].has_notes_slide and not any(s.has_notes_slide for s in slides[1:])
    assert len({frozenset(sizes(s)) for s in slides}) == 1, "the parts of a continued slide share one size"
    assert re.search(rf"note: decks/talk.yaml:6:9: slide \d+ “Many points”: .*continued on {len(parts) - 1} more",
                     result.output), result.output  # fmt: skip


def test_a_bullet_too_long_for_one_slide_continues_at_a_sentence_end(workspace, monkeypatch):
    text = LONG * 14  # about 1900 characters
    deck_with(workspace, f'      - title: "One long point"\n        bullets: ["{text.strip()}"]\n')
    result = build(workspace, monkeypatch, "--theme", "high-contrast")  # 24 pt at the smallest
    assert result.exit_code == 0, result.output
    slides = [s for s in Presentation(str(workspace.output)).slides
              if s.shapes.title.text_frame.text.startswith("One long point")]  # fmt: skip
    assert len(slides) >= 2
    paras = [p for s in slides for p in body_paras(s)]
    assert " ".join(p.text.strip() for p in paras) == " ".join(text.split())
    assert all(p.text.rstrip().endswith(".") for p in paras), "parts end at a sentence"
    follow = paras[1]._p.pPr
    assert follow is not None and follow.find("{*}buNone") is not None, "the rest has no bullet of its own"


def test_numbered_lists_count_on_across_continued_slides(workspace, monkeypatch):
    objectives = "".join(f'  - "Objective {i}: {LONG.strip()}"\n' for i in range(1, 13))
    workspace.write("decks/talk.yaml", f'title: "Test talk"\nobjectives:\n{objectives}sections:\n'
                    '  - title: "Part one"\n    slides:\n      - text: "Hello."\n', dedent=False)  # fmt: skip
    assert build(workspace, monkeypatch).exit_code == 0
    slides = [s for s in Presentation(str(workspace.output)).slides
              if s.shapes.title.text_frame.text.startswith("Learning objectives")]  # fmt: skip
    assert len(slides) >= 2
    first_of_second = next(p for p in body_paras(slides[1]) if p._p.pPr.find("{*}buAutoNum") is not None)
    shown_on_first = sum(p._p.pPr is not None and p._p.pPr.find("{*}buAutoNum") is not None
                         for p in body_paras(slides[0]))  # fmt: skip
    assert first_of_second._p.pPr.find("{*}buAutoNum").get("startAt") == str(shown_on_first + 1)
    assert "By the end of this session" not in " ".join(p.text for p in body_paras(slides[1]))


def test_a_quote_that_cannot_fit_is_an_error_at_its_slide_saying_by_how_much(workspace, monkeypatch):
    article = workspace.root / "decks" / "articles" / "smith.yaml"
    article.write_text(article.read_text().replace(
        '"Cells that fire together, wire together."', '"' + (LONG * 13).strip() + '"'))  # fmt: skip
    result = build(workspace, monkeypatch)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert re.search(r"decks/talk.yaml:\d+:\d+: the text of this quote slide .* too long to fit, even at 18 pt: "
                     r"it needs about [\d.]+ times the room", result.output), result.output  # fmt: skip
    assert "shorter excerpt" in result.output and "`statement`" in result.output
    assert not (workspace.root / "output").exists()


def test_a_very_long_title_shrinks_to_fit(workspace, monkeypatch):
    title = " ".join(["Love"] * 60)  # 60 words, 299 characters
    deck_with(workspace, f'      - title: "{title}"\n        bullets: ["One"]\n')
    result = build(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    slide = next(s for s in Presentation(str(workspace.output)).slides if s.shapes.title.text_frame.text == title)
    [size] = {r.font.size.pt for p in slide.shapes.title.text_frame.paragraphs for r in p.runs}
    assert 12 <= size < 36
    assert re.search(rf"note: decks/talk.yaml:6:9: slide \d+ “Love .*”: title shrunk to {size:g} pt from 36 pt",
                     result.output), result.output  # fmt: skip


def test_many_references_continue_by_measure(workspace, monkeypatch):
    for i in range(14):
        workspace.write(f"decks/articles/a{i}.yaml", f'title: "A long study title number {i} on attachment, shame and '
                        f'repair in adult psychotherapy"\nauthors: ["Author {i}", "Second Author"]\npublished: 2020-01-01\n'
                        f"url: https://example.org/articles/{i}\n", dedent=False)  # fmt: skip
    cites = ", ".join(f"a{i}" for i in range(14))
    deck_with(workspace, f'      - title: "Sources"\n        cite: [{cites}]\n        bullets: ["Many sources"]\n')
    assert build(workspace, monkeypatch).exit_code == 0
    shown = titles(workspace.output)
    refs = [t for t in shown if t.startswith("References")]
    assert refs[0] == "References" and len(refs) >= 2 and set(refs[1:]) == {"References (cont.)"}
    text = " ".join(p.text for s in Presentation(str(workspace.output)).slides
                    if s.shapes.title.text_frame.text in refs for p in body_paras(s))  # fmt: skip
    assert all(f"A long study title number {i} " in text for i in range(14))


@pytest.mark.parametrize("size, beside", [((2400, 800), False), ((600, 1200), True)])
def test_a_picture_fills_its_area_with_the_caption_under_or_beside_it(workspace, monkeypatch, size, beside):
    make_png(workspace.root / "decks" / "images" / "shape.png", size)
    deck_with(workspace, '      - image: images/shape.png\n        alt: "A shape"\n        caption: "What it shows."\n')
    assert build(workspace, monkeypatch).exit_code == 0
    slide = next(s for s in Presentation(str(workspace.output)).slides if any(sh.shape_type == 13 for sh in s.shapes))
    pic = next(sh for sh in slide.shapes if sh.shape_type == 13)
    caption = next(sh for sh in slide.placeholders if sh.text_frame.text == "What it shows.")
    assert abs(pic.width / pic.height - size[0] / size[1]) < 0.01, "aspect kept"
    if beside:
        assert caption.left >= pic.left + pic.width and caption.top == pic.top
    else:
        assert caption.top >= pic.top + pic.height and caption.top - (pic.top + pic.height) < 300000
        assert pic.width > 0.6 * (12192000 - 2 * 731520), "a wide picture fills the width of the content area"


def test_check_reports_what_build_would_shrink(workspace, monkeypatch):
    title = " ".join(["Love"] * 50)
    deck_with(workspace, f'      - title: "{title}"\n        bullets: ["One"]\n')
    monkeypatch.chdir(workspace.root)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert re.search(r"note: decks/talk.yaml:6:9: slide \d+ .*: title shrunk to \d+ pt", result.output), result.output


def test_theme_sizes_apply_to_an_organisation_template(workspace, monkeypatch):
    from pathlib import Path

    template = Path(__file__).parent / "templates" / "fourthree.pptx"
    workspace.write("themes/org/template.pptx", template.read_bytes())
    workspace.write("themes/org/theme.yaml", "name: Org\nextends: calm\ntemplate: template.pptx\n"
                    "sizes: {title: 30, body: 20, min_body: 18}\n")  # fmt: skip
    deck_with(workspace, '      - title: "Points"\n        bullets: ["One", "Two"]\n')
    assert build(workspace, monkeypatch, "--theme", "org").exit_code == 0
    slide = next(s for s in Presentation(str(workspace.output)).slides if s.shapes.title.text_frame.text == "Points")
    assert sizes(slide) == {20.0}
    assert {r.font.size.pt for p in slide.shapes.title.text_frame.paragraphs for r in p.runs} == {30.0}


def test_a_deck_title_of_300_characters_builds_with_its_document_title_cut(workspace, monkeypatch):
    title = " ".join(["Love"] * 60)  # 299 characters: python-pptx takes at most 255 in a document property
    workspace.write("decks/talk.yaml", f'title: "{title}"\nsections:\n  - title: "Part one"\n    slides:\n'
                    '      - text: "Hello."\n', dedent=False)  # fmt: skip
    result = build(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    prs = Presentation(str(workspace.output))
    assert prs.core_properties.title == title[:254] + "\u2026"
    assert prs.slides[0].shapes.title.text_frame.text == title


PROMPT = "When did you last swing toward something you dread, and what helped you come back to safety, slowly?"
OPT_OUT = ("You may observe, or simply rest, instead of taking part, for as long as you like, and you may leave the "
           "room at any moment without saying why. Nobody will ask you to share what you did not choose to share, "
           "today or later, here or anywhere else, and what you notice stays yours to keep.")  # fmt: skip


def exercise(steps: int, prompts: int, opt_out: str = OPT_OUT) -> str:
    """Return an exercise slide of the outline with `steps` steps and `prompts` prompts of about 110 characters."""
    listed = "".join(f'          - "Step {i}: {LONG.strip()[:60]}"\n' for i in range(1, steps + 1))
    asked = "".join(f'          - "Prompt {i}: {PROMPT}"\n' for i in range(1, prompts + 1))
    return (f'      - kind: exercise\n        title: "Practice"\n        minutes: 8\n        steps:\n{listed}'
            f'        prompts:\n{asked}        opt_out: "{opt_out}"\n')  # fmt: skip


def exercise_parts(pptx) -> list[list[str]]:
    """Return the body paragraphs of each part of the exercise "Practice"."""
    return [[p.text for p in body_paras(s)] for s in Presentation(str(pptx)).slides
            if s.shapes.title.text_frame.text.startswith("Practice")]  # fmt: skip


@pytest.mark.parametrize("prompts", [4, 5, 6])
def test_an_exercise_continues_with_its_opt_out_measured_on_the_last_part(workspace, monkeypatch, prompts):
    deck_with(workspace, exercise(2, prompts))
    result = build(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    said = [t for part in exercise_parts(workspace.output) for t in part]
    assert [t for t in said if t.startswith("Prompt")] == [f"Prompt {i}: {PROMPT}" for i in range(1, prompts + 1)]
    assert said[-1].startswith("You may observe")


def test_a_bullet_with_many_sub_bullets_continues(workspace, monkeypatch):
    subs = "".join(f'            - "Detail {i} of the point"\n' for i in range(1, 26))
    deck_with(workspace, f'      - title: "Nested"\n        bullets:\n          - "The point"\n          -\n{subs}')
    result = build(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    said = [p.text for s in Presentation(str(workspace.output)).slides
            if s.shapes.title.text_frame.text.startswith("Nested") for p in body_paras(s)]  # fmt: skip
    assert said == ["The point"] + [f"Detail {i} of the point" for i in range(1, 26)]


def test_a_word_longer_than_a_slide_continues_between_characters(workspace, monkeypatch):
    word = "a" * 2000
    deck_with(workspace, f'      - title: "One word"\n        bullets: ["{word}"]\n')
    result = build(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    said = "".join(p.text for s in Presentation(str(workspace.output)).slides
                   if s.shapes.title.text_frame.text.startswith("One word") for p in body_paras(s))  # fmt: skip
    assert said == word


@pytest.mark.parametrize("steps", [3, 5])
def test_an_exercise_continues_at_large_theme_sizes_with_both_columns_on_each_part(workspace, monkeypatch, steps):
    workspace.write("themes/big/theme.yaml", "name: Big\nextends: calm\nsizes: {title: 40, body: 30, min_body: 26}\n")
    deck_with(workspace, exercise(steps, 2, "You may observe, or simply rest, instead of taking part."))
    result = build(workspace, monkeypatch, "--theme", "big")
    assert result.exit_code == 0, result.output
    parts = exercise_parts(workspace.output)
    assert 2 <= len(parts) < steps, "as few parts as hold the steps"
    assert [t for part in parts for t in part if t.startswith("Step ")] == [
        f"Step {i}: {LONG.strip()[:60]}" for i in range(1, steps + 1)]  # fmt: skip
    with_prompts = [part for part in parts if any(t.startswith("Prompt") for t in part)]
    assert len(with_prompts) == 2 and all("Reflect" in part for part in with_prompts)
    [tail] = [i for i, part in enumerate(parts) if part[-1].startswith("You may observe")]
    assert tail - parts.index(with_prompts[-1]) in (0, 1), "the opt-out follows the last prompt"
    assert "Reflect" in parts[tail]


def test_the_note_of_a_continued_slide_gives_the_size_written(workspace, monkeypatch):
    bullets = "".join(f'          - "Point {i}: {LONG.strip()}"\n' for i in range(1, 9))
    deck_with(workspace, f'      - title: "Many points"\n        bullets:\n{bullets}')
    result = build(workspace, monkeypatch, "--theme", "high-contrast")
    assert result.exit_code == 0, result.output
    slides = [s for s in Presentation(str(workspace.output)).slides
              if s.shapes.title.text_frame.text.startswith("Many points")]  # fmt: skip
    [written] = {size for s in slides for size in sizes(s)}
    assert len(slides) == 3 and written < 32
    assert re.search(rf"“Many points”: text shrunk to {written:g} pt from 32 pt; continued on 2 more slides\n",
                     result.output), result.output  # fmt: skip


def test_every_note_of_the_sample_gives_the_size_written_on_its_slides(tmp_path):
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    result = runner.invoke(app, ["build", str(repo / "decks" / "attachment-workshop.yaml"), "--root", str(repo),
                                 "--theme", "high-contrast", "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    slides = list(Presentation(str(next(tmp_path.rglob("*.pptx")))).slides)
    noted = re.findall(r"slide (\d+) “.*”: .*text shrunk to ([\d.]+) pt(?:.*continued on (\d+))?", result.output)
    assert len(noted) > 5
    for number, size, more in noted:
        parts = slides[int(number) - 1 : int(number) + int(more or 0)]
        assert {max(sizes(s)) for s in parts} == {float(size)}, f"slide {number}"
    pendulation = [[p.text for p in body_paras(s)] for s in slides
                   if s.shapes.title.text_frame.text.startswith("Pendulation in pairs")]  # fmt: skip
    assert len(pendulation) == 2 and all("Reflect" in part for part in pendulation), "prompts beside the steps"


def test_a_title_taken_from_the_section_that_cannot_fit_is_reported_at_the_section_title(workspace, monkeypatch):
    from pathlib import Path

    template = Path(__file__).parent / "templates" / "fourthree.pptx"
    workspace.write("themes/org/template.pptx", template.read_bytes())
    workspace.write("themes/org/theme.yaml", "name: Org\nextends: calm\ntemplate: template.pptx\n")
    title = " ".join(["ＷＷＷＷＷＷＷＷＷ"] * 30)[:300]  # full-width letters: at 18 pt, more lines than the box holds
    workspace.write("decks/talk.yaml", f'title: "Test talk"\ntheme: calm\nsections:\n  - title: "Part one"\n'
                    f'    slides:\n      - text: "Hello."\n  - title: "{title}"\n    slides:\n'
                    '      - bullets: ["One"]\n', dedent=False)  # fmt: skip
    result = build(workspace, monkeypatch, "--theme", "org")
    assert result.exit_code == 1
    assert re.search(r"error: decks/talk.yaml:7:12: the title of slide “ＷＷＷ.*” is too long to fit, even at 18 pt",
                     result.output), result.output  # fmt: skip


def test_a_reference_too_long_for_a_slide_is_reported_at_its_article(workspace, monkeypatch):
    url = "https://example.org/" + "a" * 1900
    workspace.write("decks/articles/huge.yaml", f'title: "A study"\nauthors: ["Ann Author"]\nurl: {url}\n', dedent=False)
    deck_with(workspace, '      - title: "Sources"\n        cite: [huge]\n        bullets: ["One"]\n')
    result = build(workspace, monkeypatch)
    assert result.exit_code == 1
    assert re.search(r"error: decks/articles/huge.yaml:1:8: the text of this references slide \(“References”\) is "
                     r"too long to fit, even at 18 pt: it needs about [\d.]+ times the room there is \(about \d+ of "
                     r"its \d+ characters too many\)", result.output), result.output  # fmt: skip
    assert "hint: shorten the entry's title or its other details in the article's file" in result.output


def test_a_section_label_that_cannot_fit_the_themes_sizes_is_reported_at_the_theme(workspace, monkeypatch):
    workspace.write("themes/huge/theme.yaml", "name: Huge\nextends: calm\nsizes: {title: 96, body: 72, min_body: 48}\n")
    deck_with(workspace, '      - title: "Points"\n        bullets: ["One", "Two"]\n')
    result = build(workspace, monkeypatch, "--theme", "huge")
    assert result.exit_code == 1
    assert re.search(r"error: themes/huge/theme.yaml:3:1: the text of this section slide \(“Part one”\) is too long "
                     r"to fit, even at 48 pt", result.output), result.output  # fmt: skip
    assert "lower `min_body` (and `body`) in the theme's `sizes:`" in " ".join(result.output.split())


def org_theme(workspace) -> None:
    """Give the workspace a theme `org` on the 4:3 organisation template of the tests."""
    from pathlib import Path

    template = Path(__file__).parent / "templates" / "fourthree.pptx"
    workspace.write("themes/org/template.pptx", template.read_bytes())
    workspace.write("themes/org/theme.yaml", "name: Org\nextends: calm\ntemplate: template.pptx\n")


def overlaps(a, b) -> bool:
    return a.left < b.left + b.width and b.left < a.left + a.width and a.top < b.top + b.height and b.top < a.top + a.height


@pytest.mark.parametrize("size", [(600, 1400), (2400, 800)])
def test_on_a_4_3_template_a_long_caption_fits_and_neither_it_nor_the_picture_covers_the_title(
        workspace, monkeypatch, size):  # fmt: skip
    org_theme(workspace)
    make_png(workspace.root / "decks" / "images" / "shape.png", size)
    caption = ("The window of tolerance: the zone of arousal in which a person can think, feel and stay present; "
               "above it lie panic and anger, below it numbness and shutdown, and therapy slowly widens it by "
               "returning, again and again, to the edge and back.")[:270]  # fmt: skip
    deck_with(workspace, '      - image: images/shape.png\n        title: "The window of tolerance"\n'
              f'        alt: "A shape"\n        caption: "{caption}"\n')  # fmt: skip
    result = build(workspace, monkeypatch, "--theme", "org")
    assert result.exit_code == 0, result.output
    slide = next(s for s in Presentation(str(workspace.output)).slides if any(sh.shape_type == 13 for sh in s.shapes))
    title = slide.shapes.title
    assert title.text_frame.text == "The window of tolerance"
    pic = next(sh for sh in slide.shapes if sh.shape_type == 13)
    text = next(sh for sh in slide.placeholders if sh.text_frame.text == caption)
    assert not overlaps(pic, title) and not overlaps(text, title) and not overlaps(pic, text)
    assert min(sizes(slide)) >= 18


def test_a_continued_comparison_keeps_its_short_headings_in_their_own_boxes(workspace, monkeypatch):
    left = "".join(f'            - "Left {i}: {LONG.strip()}"\n' for i in range(1, 9))
    right = "".join(f'            - "Right {i}: {LONG.strip()}"\n' for i in range(1, 9))
    deck_with(workspace, f'      - title: "Compare"\n        left:\n          heading: "Before"\n          bullets:\n'
              f'{left}        right:\n          heading: "After"\n          bullets:\n{right}')  # fmt: skip
    result = build(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    slides = [s for s in Presentation(str(workspace.output)).slides
              if s.shapes.title.text_frame.text.startswith("Compare")]  # fmt: skip
    assert len(slides) >= 2
    boxes = [sh.text_frame.text for sh in slides[0].placeholders if sh.placeholder_format.type not in (1, 3, 13)]
    assert "Before" in boxes and "After" in boxes, boxes


def test_an_exercise_with_only_an_opt_out_too_long_is_an_error(workspace, monkeypatch):
    deck_with(workspace, f'      - kind: exercise\n        title: "Practice"\n        opt_out: "{LONG.strip() * 14}"\n')
    result = build(workspace, monkeypatch)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert re.search(r"error: decks/talk.yaml:6:9: the text of this exercise slide \(“Practice”\) is too long to fit",
                     result.output), result.output  # fmt: skip
