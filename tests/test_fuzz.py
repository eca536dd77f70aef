"""Generated outlines, articles and themes: a build either succeeds with valid outputs, or fails
with a positioned message; never a traceback, never a file written outside the output folder.

CI runs a fixed, reproducible set of cases (FUZZ_EXAMPLES, default 300: about 10 s). A longer, random run:
    FUZZ_EXAMPLES=2000 FUZZ_RANDOM=1 python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
import yaml

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.conftest import SMITH, make_png  # noqa: E402

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"
POSITIONED = re.compile(r"^error: .+", re.M)

HOSTILE_TEXT = [
    "**a " * 40, "*" * 500, "{{ 7*7 }}", "{% include '/etc/passwd' %}", "</style><script>alert(1)</script>",
    'W\n} } h1 {color:red} @import url(http://example.org/x.css)', "${organization}", "\x00\x07text",
    "../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "a" * 400, "", " ", "Ж" * 5, "🙂 emoji",
    "yes", "1.0e300", "- not a list", "#notacomment", "line\nbreak", "\u202etext",
]  # fmt: skip
# Bodies of a theme's handout template (after `{% extends "calm/handout.html.j2" %}`).
HOSTILE_TEMPLATES = [
    "", "{% block footer %}{{ deck.title }}{% endblock %}", "{{ logo.path.read_text() }}",
    "{{ ''.__class__.__mro__ }}", "{% include '/etc/passwd' %}", "{% include '../../../outside.txt' %}",
    "{{ range(10**9) | list }}", "{{ 'x' * 4000000000 }}", "{{ 1/0 }}", "{{ cycler }}", "{% block slides %}",
    "{% for a in range(9999) %}{% for b in range(9999) %}{% endfor %}{% endfor %}", "\udcff",
]  # fmt: skip
HOSTILE_PATHS = [
    "images/pic.png", "images/missing.png", "../../outside.png", "/etc/passwd", "images", "x" * 300 + ".png",
    "file:///etc/passwd", "images/../images/pic.png", "",
]  # fmt: skip

# Valid values, including text that only looks like markup, templates or code: it must build.
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from([t for t in HOSTILE_TEXT if t.strip() and "\x00" not in t]),
)
minutes = st.one_of(st.integers(1, 30), st.sampled_from([0.5, 2.5, 15]))
bullets = st.lists(st.one_of(texts, st.lists(texts, min_size=1, max_size=3)), min_size=1, max_size=5)
quotes = st.sampled_from(["smith/essence-of-love", "smith/fire-together"])
principles = st.sampled_from(["smith/1", "smith/internalize", "smith/2"])
audiences = st.sampled_from(["clinicians", "clients", "educators", "Клиенты", "群众"])
# Mistakes and attacks, each put at one place of an otherwise valid input.
hostile = st.one_of(
    st.sampled_from(HOSTILE_TEXT + HOSTILE_PATHS + ["smith/99", "nobody/1", "smith/essence-of-lov", "clinician"]),
    st.integers(-5, 10**9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1e-12, 1.0e300, True, None, [], {}, ["a", ["b", ["c"]]], {"x": 1}]),
)


def _slide():
    kinds = [
        st.fixed_dictionaries({"title": texts, "bullets": bullets}, optional={"notes": texts}),
        st.fixed_dictionaries({"quote": quotes}),
        st.fixed_dictionaries({"principle": principles}, optional={"notes": texts}),
        st.fixed_dictionaries({"principles": st.lists(principles, min_size=1, max_size=4)}),
        st.fixed_dictionaries({"kind": st.just("exercise"), "title": texts, "steps": st.lists(texts, max_size=4),
                               "prompts": st.lists(texts, max_size=3)}, optional={"opt_out": texts}),  # fmt: skip
        st.fixed_dictionaries({"questions": st.lists(texts, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"image": st.just("images/pic.png"), "alt": texts}, optional={"caption": texts}),
        st.fixed_dictionaries({"title": texts, "left": st.fixed_dictionaries({"heading": texts, "bullets": bullets}),
                               "right": st.fixed_dictionaries({"bullets": bullets})}),  # fmt: skip
        st.fixed_dictionaries({"text": texts}),
    ]
    extras = st.fixed_dictionaries(
        {}, optional={"minutes": minutes, "audience": st.lists(audiences, min_size=1, max_size=2),
                      "handout": st.booleans(), "cite": st.just(["smith"])},
    )  # fmt: skip
    return st.builds(lambda slide, extra: {**extra, **slide}, st.one_of(kinds), extras)


outlines = st.fixed_dictionaries(
    {
        "title": texts,
        "theme": st.sampled_from(["calm", "clinic", "high-contrast", "fuzzed"]),
        "sections": st.lists(
            st.fixed_dictionaries({"title": texts, "slides": st.lists(_slide(), min_size=1, max_size=5)},
                                  optional={"minutes": minutes}),  # fmt: skip
            min_size=1, max_size=3,
        ),  # fmt: skip
    },
    optional={
        "subtitle": texts,
        "audience": audiences,
        "objectives": st.lists(texts, max_size=3),
        "disclosure": texts,
        "handouts": st.lists(
            st.fixed_dictionaries({"audience": audiences, "style": st.sampled_from(["notes", "worksheet"])},
                                  optional={"large_print": st.booleans(), "paper": st.sampled_from(["a4", "letter"])}),
            min_size=1, max_size=3,
        ),  # fmt: skip
        "closing": st.fixed_dictionaries({"title": texts}, optional={"text": texts}),
    },
)
themes = st.fixed_dictionaries(
    {"name": texts, "extends": st.sampled_from(["calm", "clinic", "high-contrast"])},
    optional={
        "colors": st.fixed_dictionaries({"text": st.sampled_from(["#000000", "#1A1A1A", "#333333"])}),
        "sizes": st.fixed_dictionaries({}, optional={"title": st.integers(28, 44), "body": st.integers(20, 28),
                                                     "min_body": st.integers(12, 18)}),
        "handout": st.fixed_dictionaries({}, optional={"page": st.sampled_from(["a4", "letter"]),
                                                       "template": st.just("handout.html.j2")}),
    },
)  # fmt: skip
# Where a mistake may go: a path of keys and list indexes into the outline, the theme or the article.
PLACES = [
    ("deck", "title"), ("deck", "duration"), ("deck", "audience"), ("deck", "theme"), ("deck", "sources"),
    ("deck", "level"), ("deck", "date"), ("deck", "bogus"), ("deck", "handouts"), ("deck", "handouts", 0, "audience"),
    ("deck", "sections", 0, "minutes"), ("deck", "sections", 0, "id"), ("deck", "sections", 0, "slides", 0, "minutes"),
    ("deck", "sections", 0, "slides", 0, "title"), ("deck", "sections", 0, "slides", 0, "audience"),
    ("deck", "sections", 0, "slides", 0, "bulets"), ("deck", "sections", 0, "slides", 0, "image"),
    ("deck", "sections", 0, "slides", 0, "quote"), ("deck", "sections", 0, "slides", 0, "id"),
    ("deck", "sections", 0, "slides", 0, "cite"), ("deck", "closing", "text"),
    ("theme", "sizes", "title"), ("theme", "sizes", "body"), ("theme", "sizes", "min_body"),
    ("theme", "handout", "css"), ("theme", "handout", "template"), ("theme", "logo"), ("theme", "template"),
    ("theme", "colors", "accent"), ("theme", "font_files", "body"), ("theme", "extends"),
    ("article", "published"), ("article", "text"), ("article", "title"), ("article", "principles", 0, "number"),
    ("article", "quotes", 0, "id"),
]  # fmt: skip
mutations = st.lists(st.tuples(st.sampled_from(PLACES), hostile), max_size=2)


def _mutate(files: dict, place: tuple, value) -> None:
    """Put `value` at `place`, when the place's parent exists."""
    target, *path = place
    data = files.get(target)
    for part in path[:-1]:
        if isinstance(data, dict) and part in data or isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return
    if isinstance(data, dict):
        data[path[-1]] = value
    elif isinstance(data, list) and path[-1] < len(data):
        data[path[-1]] = value


def _files(folder: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
@given(outline=outlines, theme=st.one_of(st.none(), themes), template=st.sampled_from(HOSTILE_TEMPLATES),
       changes=mutations,
       raw=st.one_of(st.none(), st.none(), st.none(), st.binary(max_size=200)))  # fmt: skip
def test_generated_input_builds_or_fails_cleanly(tmp_path_factory, outline, theme, template, changes, raw):
    from typer.testing import CliRunner

    from deckbuilder.cli import app

    base = tmp_path_factory.mktemp("fuzz")
    ws = base / "ws"
    (ws / "decks" / "articles").mkdir(parents=True)
    (base / "outside.txt").write_text("root:x:0:0 outside the workspace", encoding="utf-8")
    (base / "outside.png").write_bytes(b"not an image")
    make_png(ws / "decks" / "images" / "pic.png")
    if theme is None and outline["theme"] == "fuzzed":
        theme = {"name": "Fuzzed", "extends": "calm"}
    files = {"deck": outline, "theme": theme, "article": yaml.safe_load(SMITH)}
    for place, value in changes:
        _mutate(files, place, value)
    smith = files["article"]
    (ws / "decks" / "articles" / "smith.yaml").write_text(_dump(smith), encoding="utf-8")
    deck = ws / "decks" / "fuzz.yaml"
    if raw is not None:
        deck.write_bytes(raw)
    else:
        deck.write_text(_dump(outline), encoding="utf-8")
    if theme is not None:
        (ws / "themes" / "fuzzed").mkdir(parents=True)
        (ws / "themes" / "fuzzed" / "theme.yaml").write_text(_dump(theme), encoding="utf-8")
        (ws / "themes" / "fuzzed" / "handout.html.j2").write_text(
            '{% extends "calm/handout.html.j2" %}' + template, encoding="utf-8", errors="surrogateescape"
        )
    before = _files(base)

    result = CliRunner().invoke(app, ["build", "--root", str(ws), str(deck)])

    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    changed = {p for p, stamp in _files(base).items() if before.get(p) != stamp}
    outside = [p for p in changed if not p.is_relative_to(ws / "output")]
    assert not outside, f"written outside the output folder: {outside}"
    if result.exit_code == 0:
        pptx = ws / "output" / "fuzz" / "fuzz.pptx"
        _assert_valid(pptx)
        for handout in (ws / "output" / "fuzz").glob("*.html"):
            html = handout.read_text(encoding="utf-8")
            assert "root:x:" not in html and "<script" not in html.lower()
    else:
        assert result.exit_code == 1, result.output
        assert POSITIONED.search(result.output), result.output
        assert not (ws / "output" / "fuzz").exists() or not changed


def _assert_valid(pptx: Path) -> None:
    """The deck opens with python-pptx and has a slide for every slide part."""
    from pptx import Presentation

    with zipfile.ZipFile(pptx) as z:
        assert z.testzip() is None
    assert len(Presentation(str(pptx)).slides) > 0
