"""WCAG 2.x contrast ratios of theme colours, so that slides stay readable on any projector."""

from __future__ import annotations


def linear(color: str) -> tuple[float, float, float]:
    """Return the red, green and blue of "#RRGGBB" in linear light, from 0 to 1 (sRGB decoded)."""
    channels = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)  # type: ignore[return-value]


def luminance(color: str) -> float:
    """Return the relative luminance of "#RRGGBB" (sRGB, as WCAG 2.x defines it)."""
    r, g, b = linear(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(fg: str, bg: str) -> float:
    """Return the contrast ratio of two "#RRGGBB" colours, from 1.0 to 21.0 (order does not matter)."""
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pairs(colors) -> list[tuple[str, str, str, float]]:
    """Return (label, fg, bg, ratio) for each pairing the slides use, given a theme's `colors`."""
    bg, accent = colors.background, colors.accent
    combos = [
        ("text on background", colors.text, bg),
        ("muted on background", colors.muted, bg),
        ("accent on background", accent, bg),
        ("background on accent", bg, accent),  # section, title and closing panels
    ]
    return [(label, fg, back, ratio(fg, back)) for label, fg, back in combos]


def level(value: float) -> str:
    """Return the WCAG level a ratio passes for text: "AAA", "AA", "AA large" or "fail"."""
    if value >= 7:
        return "AAA"
    if value >= 4.5:
        return "AA"
    return "AA large" if value >= 3 else "fail"
