"""Inline markup: **bold** and *italic*; nothing else in deck text is interpreted."""

from __future__ import annotations

import pytest

from deckbuilder.markup import parse


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of each run."""
    return [(r.text, r.bold, r.italic) for r in parse(text)]


PLAIN, BOLD, ITALIC, BOTH = (False, False), (True, False), (False, True), (True, True)


def test_plain_text_is_one_plain_run():
    assert runs("Just words.") == [("Just words.", *PLAIN)]


def test_empty_text_has_no_runs():
    assert runs("") == []


def test_bold():
    assert runs("Two exercises, **always optional**.") == [
        ("Two exercises, ", *PLAIN), ("always optional", *BOLD), (".", *PLAIN),
    ]  # fmt: skip


def test_italic():
    assert runs("These are *adaptive* defenses") == [
        ("These are ", *PLAIN), ("adaptive", *ITALIC), (" defenses", *PLAIN),
    ]  # fmt: skip


def test_several_spans():
    assert runs("**a** and **b** or *c*") == [
        ("a", *BOLD), (" and ", *PLAIN), ("b", *BOLD), (" or ", *PLAIN), ("c", *ITALIC),
    ]  # fmt: skip


def test_italic_inside_bold():
    assert runs("**bold *both* bold**") == [("bold ", *BOLD), ("both", *BOTH), (" bold", *BOLD)]


def test_bold_inside_italic():
    assert runs("*italic **both** italic*") == [
        ("italic ", *ITALIC), ("both", *BOTH), (" italic", *ITALIC),
    ]  # fmt: skip


def test_triple_asterisks_are_bold_italic():
    assert runs("***both***") == [("both", *BOTH)]


@pytest.mark.parametrize(
    "text",
    [
        "**open but never closed",
        "closed but never opened**",
        "one *star",
        "a * b * c",
        "5 * 3 = 15",
        "* spaced out*",
        "*spaced out *",
        "****",
    ],
)
def test_unmatched_asterisks_stay_literal(text):
    assert runs(text) == [(text, *PLAIN)]


@pytest.mark.parametrize(
    "text",
    [
        "{{ 7*7 }}",
        "{% for x in y %}{{ x }}{% endfor %}",
        "<script>alert(1)</script>",
        "<b>not bold</b> &amp; &lt;",
        "_underscores_ and __double__",
        "`code` and [a link](https://example.org)",
        "# not a heading",
        "${HOME} %s {0}",
    ],
)
def test_nothing_else_is_interpreted(text):
    assert runs(text) == [(text, *PLAIN)]


def test_markup_keeps_all_other_characters():
    text = "Café – “quoted” **bold** 1½ *it*"
    assert "".join(r.text for r in parse(text)) == "Café – “quoted” bold 1½ it"


def test_a_star_between_spaces_stays_literal_inside_italic():
    assert runs("*a * b*") == [("a * b", *ITALIC)]


def test_stars_left_over_from_a_pair_stay_literal():
    assert runs("**a*") == [("*", *PLAIN), ("a", *ITALIC)]


@pytest.mark.parametrize(
    "pattern",
    ["**a ", "*a **b ", "a* ", "***", "** ", "*a", "**x** *y* ", "***a** *", "* *a ** b*", "*a *a b** "],
)
def test_long_asterisk_patterns_parse_in_linear_time(pattern):
    import time

    text = (pattern * (100_000 // len(pattern) + 1))[:100_000]
    started = time.process_time()  # CPU time: other processes on a busy machine do not count
    result = parse(text)
    assert time.process_time() - started < 1.0
    assert len("".join(r.text for r in result)) <= len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**a *b** c*", [("a *b", *BOLD), (" c*", *PLAIN)]),
        ("*a **b* c**", [("a **b", *ITALIC), (" c**", *PLAIN)]),
        ("*a**", [("a", *ITALIC), ("*", *PLAIN)]),
        ("***a** b*", [("a", *BOTH), (" b", *ITALIC)]),
    ],
)
def test_overlapping_spans_keep_the_first_complete_one(text, expected):
    assert runs(text) == expected
