"""WCAG 2.x contrast ratios, checked against published values."""

from __future__ import annotations

import pytest

from deckbuilder.contrast import level, luminance, pairs, ratio
from deckbuilder.model import Colors


@pytest.mark.parametrize(
    "fg, bg, expected",
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),  # the classic "just fails AA" grey
        ("#767676", "#FFFFFF", 4.54),  # the lightest grey that passes AA on white
        ("#2B2B2B", "#FBF8F3", 13.37),  # calm: text on background
        ("#2F6B68", "#FBF8F3", 5.79),  # calm: accent on background
    ],
)
def test_ratio_matches_known_values(fg, bg, expected):
    assert ratio(fg, bg) == pytest.approx(expected, abs=0.005)


def test_ratio_ignores_order_and_case():
    assert ratio("#fbf8f3", "#2b2b2b") == ratio("#2B2B2B", "#FBF8F3")


def test_luminance_ends():
    assert luminance("#000000") == 0
    assert luminance("#FFFFFF") == pytest.approx(1)


def test_pairs_are_the_four_the_slides_use():
    colors = Colors(background="#FFFFFF", text="#000000", accent="#777777", muted="#767676")
    assert [(label, fg, bg) for label, fg, bg, _ in pairs(colors)] == [
        ("text on background", "#000000", "#FFFFFF"),
        ("muted on background", "#767676", "#FFFFFF"),
        ("accent on background", "#777777", "#FFFFFF"),
        ("background on accent", "#FFFFFF", "#777777"),
    ]
    assert pairs(colors)[0][3] == pytest.approx(21.0)


@pytest.mark.parametrize(
    "value, expected", [(21, "AAA"), (7, "AAA"), (4.5, "AA"), (4.48, "AA large"), (2.9, "fail")]
)
def test_level(value, expected):
    assert level(value) == expected
