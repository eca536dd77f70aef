"""Line counts of `measure.lines` against LibreOffice's: generated paragraphs, one text box a slide."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest
from test_render import need

from deckbuilder.fonts import FontBook
from deckbuilder.measure import Span, lines
from deckbuilder.workspace import builtin_dir

pytestmark = pytest.mark.client

FONTS = ("Carlito", "Liberation Sans")
SIZES = (18.0, 28.0)
WIDTHS = (150.0, 260.0, 400.0, 610.0)  # points
PARAGRAPHS = 50
AGREE = 47  # of 50, for each font and size
VOCABULARY = ("the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "with", "was", "on", "be",
              "by", "at", "this", "are", "from", "or", "have", "an", "they", "which", "one", "you", "had",
              "not", "but", "what", "all", "were", "when", "we", "there", "can", "use", "each", "how",
              "their", "said", "if", "will", "up", "other", "about", "out", "many", "then", "them",
              "these", "so", "some", "would", "make", "like", "him", "into", "time", "has", "look", "two",
              "more", "write", "go", "see", "number", "way", "could", "people", "my", "than", "first",
              "water", "been", "call", "who", "oil", "its", "now", "find", "long", "down", "day", "did",
              "get", "come", "made", "may", "part", "attachment", "regulation", "nervous", "system",
              "client", "therapist")  # fmt: skip
LONG = ("psychoneuroimmunology", "interpersonal", "neurobiological", "counterintuitively",
        "Donaudampfschifffahrtsgesellschaftskapitän", "hypervigilance", "misattunement")  # fmt: skip
BREAKING = ("well-known", "self-regulation", "co-regulation", "long-term", "mother-infant", "so-called",
            "up-to-date", "attachment-based", "non-verbal", "right-hemisphere", "and/or", "his/her",
            "pre\u2013post", "mind\u2014body", "1990\u20132000")  # fmt: skip


def paragraph(rng: random.Random) -> str:
    """Return a paragraph of mixed length: common words, some long, some hyphenated, a few numbers."""
    words = []
    for _ in range(rng.choice((3, 8, 15, 25, 40, 60))):
        roll = rng.random()
        pool = LONG if roll < 0.08 else BREAKING if roll < 0.2 else VOCABULARY
        word = rng.choice(pool)
        words.append(word.capitalize() if rng.random() < 0.1 else word + rng.choice(("", "", "", ",", ".")))
    return " ".join(words)


def write_deck(path: Path, cases: list[tuple[str, float, float, str]]) -> None:
    """Write one slide per case (font, size, width, text): a text box with no autofit and no insets."""
    from pptx import Presentation
    from pptx.util import Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Pt(720), Pt(4000)  # room for 100 lines at 28 pt
    for font, size, width, text in cases:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        box = slide.shapes.add_textbox(Pt(20), Pt(10), Pt(width), Pt(3980))
        frame = box.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        body = frame._txBody.bodyPr
        for child in list(body):
            body.remove(child)
        body.append(body.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}noAutofit", {}))
        run = frame.paragraphs[0].add_run()
        run.text = text
        run.font.size, run.font.name = Pt(size), font
    deck.save(path)


def office_lines(pdf: Path) -> list[int]:
    """Return the number of distinct word baselines on each page of the PDF."""
    html = subprocess.run([need("pdftotext"), "-bbox-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    counts = []
    for page in html.split("<page ")[1:]:
        tops = sorted(
            float(y) for y in re.findall(r'<word xMin="[^"]+" yMin="[^"]+" xMax="[^"]+" yMax="([^"]+)"', page)
        )
        counts.append(sum(1 for a, b in zip([None] + tops, tops) if a is None or b - a > 2))
    return counts


def test_line_counts_agree_with_libreoffice(tmp_path, capsys):
    office = need("libreoffice")
    rng = random.Random(10)
    texts = [paragraph(rng) for _ in range(PARAGRAPHS)]
    cases = [(font, size, WIDTHS[index % len(WIDTHS)], text)
             for font in FONTS for size in SIZES for index, text in enumerate(texts)]  # fmt: skip
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    write_deck(inputs / "paragraphs.pptx", cases)
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(inputs / "paragraphs.pptx")],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    drawn = office_lines(tmp_path / "paragraphs.pdf")
    assert len(drawn) == len(cases)

    book = FontBook((builtin_dir() / "calm" / "fonts",))
    report, misses = [], []
    for font in FONTS:
        for size in SIZES:
            agree = 0
            for (f, s, width, text), seen in zip(cases, drawn):
                if (f, s) == (font, size):
                    mine = lines([Span(text, book.face(font), size)], width)
                    agree += mine == seen
                    if mine != seen:
                        misses.append(
                            f"{font} {size:g} pt, {width:g} pt wide: {mine} lines, LibreOffice {seen}"
                        )
            report.append(f"{font} {size:g} pt: {agree}/{PARAGRAPHS}")
            assert agree >= AGREE, report[-1] + "\n" + "\n".join(misses)
    with capsys.disabled():
        print("\nline counts agreeing with LibreOffice: " + "; ".join(report))
