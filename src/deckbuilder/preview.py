"""A theme's preview sheet (PNG): palette, contrast, type sizes and two miniature slides.

A trainer picks a theme by looking at it, so the sheet draws the theme's own colours and fonts
the way a deck uses them. Fonts are the theme's `font_files`, else the same family (or a
metric-compatible one) installed on this machine, else Pillow's built-in font.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .contrast import level, pairs
from .fonts import FONT_SUFFIXES, METRIC_COMPATIBLE
from .themes import DEFAULT_THEME, LoadedTheme, builtin_dir
from .workspace import temp_beside

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
LABEL_FAMILY = "DejaVu Sans"  # the sheet's own labels: neutral, so that the theme stands out

WIDTH = 1600  # the height follows the type sizes
MARGIN = 64
COLUMN = 704  # two columns of 704 px with a 64 px gutter
RIGHT = MARGIN + COLUMN + 64
SLIDE_TOP, PALETTE_TOP, TYPE_TOP = 212, 664, 920
SLIDE = (COLUMN, 396)  # 16:9, 52.8 px per inch of a 13.333 in slide
SLIDE_PX_PER_PT = SLIDE[0] / (13.333 * 72)
SCREEN_PX_PER_PT = 96 / 72  # the type specimen: as large as on a 96 dpi screen
SWATCH_GAP = 16
SWATCH = (COLUMN - 3 * SWATCH_GAP) // 4
SPECIMEN_X = 2 * (SWATCH + SWATCH_GAP)  # type samples line up with the third swatch
ROW_GAP = 28

PAPER, INK, GREY, HAIRLINE = "#F4F4F2", "#1E1E1E", "#6B6B6B", "#D4D4D0"
BADGES = {  # WCAG level -> (text, fill)
    "AAA": ("#1B6B3F", "#DDEFE4"),
    "AA": ("#1B6B3F", "#DDEFE4"),
    "AA large": ("#7A5200", "#F6EBD2"),
    "fail": ("#A3231B", "#F7DEDB"),
}


@dataclass(frozen=True)
class Faces:
    """The font files that draw the theme's heading and body text (None: Pillow's own font)."""

    heading: Path | None
    body: Path | None
    label: Path | None


def save(image, out: Path) -> None:
    """Write `image` to `out` as PNG atomically, so that a failure never leaves half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_beside(out)
    try:
        image.save(temp, format="PNG", optimize=True)
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def render(loaded: LoadedTheme):
    """Return the preview sheet as a Pillow image: the slides first, then what they are made of."""
    from PIL import Image, ImageDraw

    theme, faces = loaded.theme, faces_for(loaded)
    type_sizes = _type_sizes(theme, faces)  # the only panel whose height depends on the theme
    sheet = Image.new("RGB", (WIDTH, TYPE_TOP + type_sizes.height + MARGIN), PAPER)
    draw = ImageDraw.Draw(sheet)
    _header(draw, loaded, faces)
    for heading, x, y, panel in (
        ("SAMPLE SLIDE", MARGIN, SLIDE_TOP, _sample_slide(theme, faces)),
        ("SECTION SLIDE", RIGHT, SLIDE_TOP, _section_slide(theme, faces)),
        ("PALETTE", MARGIN, PALETTE_TOP, _palette(theme, faces)),
        ("CONTRAST  ·  WCAG 2.x", RIGHT, PALETTE_TOP, _contrast(theme, faces)),
        ("TYPE SIZES  ·  as on a 96 dpi screen", MARGIN, TYPE_TOP, type_sizes),
    ):
        draw.text((x, y - 16), heading, font=_font(faces.label, 13), fill=GREY, anchor="ls")
        sheet.paste(panel, (x, y))
    for x in (MARGIN, RIGHT):  # a hairline keeps a pale slide apart from the paper
        draw.rectangle((x - 1, SLIDE_TOP - 1, x + SLIDE[0], SLIDE_TOP + SLIDE[1]), outline=HAIRLINE)
    return sheet


def _header(draw, loaded: LoadedTheme, faces: Faces) -> None:
    """The theme's display name in its heading font, with what it is made of underneath."""
    theme = loaded.theme
    draw.text((MARGIN, 104), theme.name, font=_font(faces.heading, 52), fill=INK, anchor="ls")
    fonts = f"{theme.fonts.heading} / {theme.fonts.body}"
    facts = f"theme '{loaded.folder.name}'   ·   {fonts}   ·   PowerPoint: {template_source(loaded)}"
    draw.text((MARGIN, 136), facts, font=_font(faces.label, 16), fill=GREY, anchor="ls")
    draw.line((MARGIN, 160, WIDTH - MARGIN, 160), fill=HAIRLINE, width=1)


def _palette(theme, faces: Faces):
    """Four swatches, each with its role and hex code."""
    from PIL import Image, ImageDraw

    panel = Image.new("RGB", (COLUMN, 200), PAPER)
    draw = ImageDraw.Draw(panel)
    for i, role in enumerate(("background", "text", "accent", "muted")):
        x, color = i * (SWATCH + SWATCH_GAP), getattr(theme.colors, role)
        draw.rectangle((x, 0, x + SWATCH - 1, 143), fill=color, outline=HAIRLINE)
        draw.text((x, 172), role, font=_font(faces.label, 16), fill=INK, anchor="ls")
        draw.text((x, 194), color.upper(), font=_font(faces.label, 14), fill=GREY, anchor="ls")
    return panel


def _contrast(theme, faces: Faces):
    """One row per colour pairing: a sample, its ratio and the WCAG level it reaches."""
    from PIL import Image, ImageDraw

    row = 52
    panel = Image.new("RGB", (COLUMN, 4 * row), PAPER)
    draw = ImageDraw.Draw(panel)
    label = _font(faces.label, 16)
    for i, (name, fg, bg, value) in enumerate(pairs(theme.colors)):
        y = i * row
        draw.rectangle((0, y, SWATCH - 1, y + 39), fill=bg, outline=HAIRLINE)
        draw.text((SWATCH // 2, y + 20), "Aa", font=_font(faces.body, 22), fill=fg, anchor="mm")
        draw.text((SWATCH + SWATCH_GAP, y + 26), name, font=label, fill=INK, anchor="ls")
        grade = level(value)
        ink, fill = BADGES[grade]
        draw.rounded_rectangle((COLUMN - 96, y + 6, COLUMN - 1, y + 33), radius=13, fill=fill)
        draw.text((COLUMN - 48, y + 20), grade, font=_font(faces.label, 13), fill=ink, anchor="mm")
        draw.text((COLUMN - 116, y + 26), f"{value:.2f} : 1", font=label, fill=INK, anchor="rs")
    return panel


def _type_sizes(theme, faces: Faces):
    """Title, body and smallest body text at their sizes, named with the fonts that show them."""
    from PIL import Image, ImageDraw

    sizes, fonts = theme.sizes, theme.fonts
    rows = [
        ("Title", sizes.title, fonts.heading, faces.heading, "Finding words for feelings"),
        ("Body", sizes.body, fonts.body, faces.body, "Notice the moment before reacting"),
        ("Smallest body", sizes.min_body, fonts.body, faces.body, "The smallest text a slide may shrink to"),
    ]
    pixels = [round(points * SCREEN_PX_PER_PT) for _, points, *_ in rows]
    # A row reaches from the sample's ascent above the baseline to its descent (or caption) below.
    spans = [(max(round(px * 0.8), 20), max(round(px * 0.25), 24)) for px in pixels]
    height = sum(ascent + descent for ascent, descent in spans) + ROW_GAP * (len(rows) - 1)
    panel = Image.new("RGB", (WIDTH - 2 * MARGIN, height), PAPER)
    draw = ImageDraw.Draw(panel)
    y = 0
    for (role, points, family, face, sample), px, (ascent, descent) in zip(rows, pixels, spans):
        font, baseline = _font(face, px), y + ascent
        draw.text(
            (0, baseline), f"{role}  ·  {points:g} pt", font=_font(faces.label, 16), fill=INK, anchor="ls"
        )
        draw.text((0, baseline + 20), family + _drawn_with(family, font), font=_font(faces.label, 13),
                  fill=GREY, anchor="ls")  # fmt: skip
        draw.text((SPECIMEN_X, baseline), sample, font=font, fill=INK, anchor="ls")
        y = baseline + descent + ROW_GAP
    return panel


def _drawn_with(family: str, font) -> str:
    """Say which font stands in for `family`, so that a substitute is not mistaken for it."""
    drawn = font.getname()[0]
    return "" if drawn.lower() == family.lower() else f", drawn with {drawn}"


def _sample_slide(theme, faces: Faces):
    """A content slide: title in the heading font with an accent rule, three bullets."""
    from PIL import Image, ImageDraw

    colors, sizes = theme.colors, theme.sizes
    slide = Image.new("RGB", SLIDE, colors.background)
    draw = ImageDraw.Draw(slide)
    left, title_px, body_px = 40, _slide_px(sizes.title), _slide_px(sizes.body)
    draw.text((left, 36 + title_px), "What we will practise today", font=_font(faces.heading, title_px),
              fill=colors.text, anchor="ls")  # fmt: skip
    rule_y = 36 + title_px + 18
    draw.rectangle((left, rule_y, left + 56, rule_y + 3), fill=colors.accent)
    body = _font(faces.body, body_px)
    bullets = ("Notice the moment before reacting", "Name the feeling, then the need",
               "Try one small repair this week")  # fmt: skip
    for i, text in enumerate(bullets):
        y = rule_y + 32 + body_px + i * round(body_px * 1.9)
        dot, middle = max(2, body_px // 6), y - round(body_px * 0.32)  # drawn: not every font has •
        draw.ellipse((left, middle - dot, left + 2 * dot, middle + dot), fill=colors.accent)
        draw.text((left + round(body_px * 1.2), y), text, font=body, fill=colors.text, anchor="ls")
    small = _font(faces.body, _slide_px(12))
    draw.text((left, SLIDE[1] - 24), "Workshop sample", font=small, fill=colors.muted, anchor="ls")
    draw.text((SLIDE[0] - left, SLIDE[1] - 24), "4", font=small, fill=colors.muted, anchor="rs")
    return slide


def _section_slide(theme, faces: Faces):
    """A section header: background-coloured text on the accent colour."""
    from PIL import Image, ImageDraw

    colors, sizes = theme.colors, theme.sizes
    slide = Image.new("RGB", SLIDE, colors.accent)
    draw = ImageDraw.Draw(slide)
    title_px = _slide_px(sizes.title * 1.2)
    middle = SLIDE[1] // 2
    draw.text((40, middle - 20), "Part 2  ·  25 minutes", font=_font(faces.body, _slide_px(sizes.min_body)),
              fill=colors.background, anchor="ls")  # fmt: skip
    draw.text((40, middle + title_px), "Putting it into practice", font=_font(faces.heading, title_px),
              fill=colors.background, anchor="ls")  # fmt: skip
    return slide


def _slide_px(points: float) -> int:
    return max(1, round(points * SLIDE_PX_PER_PT))


# ---------------------------------------------------------------- fonts


def faces_for(loaded: LoadedTheme) -> Faces:
    """Return the font files for the theme's heading and body text and for the sheet's labels."""
    fonts = loaded.theme.fonts
    return Faces(
        heading=_theme_font(loaded, "heading") or system_font(fonts.heading),
        body=_theme_font(loaded, "body") or system_font(fonts.body),
        label=system_font(LABEL_FAMILY),
    )


def _theme_font(loaded: LoadedTheme, role: str) -> Path | None:
    """Return the font file the theme brings for `role` (checked when the theme loaded)."""
    relative = getattr(loaded.theme.font_files, role, None)
    return None if relative is None else loaded.folder / relative


def template_source(loaded: LoadedTheme) -> str:
    """Say whose PowerPoint template a theme's decks use: its own, or another theme's."""
    if loaded.theme.template is None:
        return f"template of built-in {DEFAULT_THEME}"
    owner = loaded.doc.pos(("template",)).file.parent  # the theme whose theme.yaml names it
    if owner == loaded.folder:
        return "own template"
    return f"template of {'built-in ' if owner.parent == builtin_dir() else ''}{owner.name}"


@cache
def system_font(family: str) -> Path | None:
    """Return an installed font file for `family`, or for its metric-compatible stand-in."""
    for name in (family, METRIC_COMPATIBLE.get(family.lower())):
        if name:
            found = _fc_match(name) if shutil.which("fc-match") else _scan(name)
            if found:
                return found
    return None


def _fc_match(family: str) -> Path | None:
    """Ask fontconfig; its answer counts only when it is that family, not a fallback."""
    try:
        answer = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", f"{family}:style=Regular"],
                                capture_output=True, text=True, timeout=10, check=False).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    families, _, file = answer.partition("\n")
    wanted = _key(family)
    if wanted in {_key(f) for f in families.split(",")} and file.endswith(FONT_SUFFIXES):
        return Path(file)
    return None


def _scan(family: str) -> Path | None:
    """Find a font file named after the family (OpenSans-Regular.ttf for "Open Sans")."""
    wanted, found = _key(family), []
    for folder in FONT_DIRS:
        for dirpath, _, names in os.walk(os.path.expanduser(folder)):
            for name in names:
                stem, suffix = os.path.splitext(name)
                if suffix.lower() in FONT_SUFFIXES and _key(stem).startswith(wanted):
                    rest = _key(stem)[len(wanted) :]
                    found.append((rest not in ("", "regular", "book", "roman"), len(name), name, dirpath))
    if not found:
        return None
    *_, name, dirpath = min(found)
    return Path(dirpath) / name


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@cache
def _font(path: Path | None, px: int):
    from PIL import ImageFont

    if path is not None:
        return ImageFont.truetype(str(path), px)
    return ImageFont.load_default(size=px)
