"""A theme's handout template is untrusted: it gets plain data, and every way out ends in a theme error."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from conftest import make_png
from test_handout import theme_workspace
from typer.testing import CliRunner

from deckbuilder.build import build
from deckbuilder.cli import app
from deckbuilder.writers import sandbox

HINT = "hint: fix the template, or remove it to use the built-in one"


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    """A short time limit, so that a route that would run for ever ends the test quickly."""
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1.0)


def theme_error(root: Path) -> str:
    """Build the workspace like a user; return the error, checking that it is one and nothing was written."""
    result = CliRunner().invoke(app, ["build", "--root", str(root)])
    assert result.exit_code == 1, result.output
    assert HINT in result.output and "Traceback" not in result.output
    assert not (root / "output").exists()
    return result.output


def built_html(root: Path) -> str:
    """Build the workspace's deck; return its handout."""
    built = build(root / "decks" / "t.yaml", root, root / "output")
    return next(p for p in built.outputs if p.suffix == ".html").read_text(encoding="utf-8")


def link_outside(theme: Path, outside: Path) -> None:
    """Put in the theme folder a template that is a symlink to a secret file outside the workspace."""
    (outside / "secret.j2").write_text("TOPSECRET", encoding="utf-8")
    (theme / "partial.j2").symlink_to(outside / "secret.j2")


ESCAPES = {
    "read a file": "{{ logo.path.joinpath('/etc/passwd').read_text() }}",
    "write a file": "{{ logo.path.parent.joinpath('../../../escape.txt').write_text('y') }}",
    "__class__": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "__class__ of data": "{{ deck.__class__ }}",
    "__globals__ of a macro": "{% macro m() %}{% endmacro %}{{ m.__globals__ }}",
    "cycler": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "joiner": "{{ joiner.__init__.__globals__ }}",
    "namespace": "{% set ns = namespace(x=1) %}{{ ns.x }}",
    "lipsum": "{{ lipsum(100000) }}",
    "self": "{{ self.__init__.__globals__ }}",
    "attr filter": "{{ deck | attr('__class__') }}",
    "str.format": "{{ '{0.__class__.__mro__}'.format(deck) }}",
    "str.format by item": "{{ ''['format']('{0:>999999999}', 1) }}",
    "format filter width": "{{ '%0999999999d' | format(1) }}",
    "% with a * width": "{{ '%*d' % (1000000000, 1) }}",
    "mutate the data": "{{ deck.update({'title': 'x'}) }}",
    "range": "{{ range(10**9) | list | length }}",
    "string times a number": "{{ ('x' * 4000000000) | length }}",
    "list times a number": "{{ ([1] * 4000000000) | length }}",
    "power": "{{ 2 ** 1000000000 }}",
    "a method's huge result": "{{ ('a ' * 4000000).split() | length }}",
    "center": "{{ 'x' | center(10**10) }}",
    "indent": "{{ 'a\\nb' | indent(10**9) }}",
    "batch": "{{ [1] | batch(10**9, 0) | list }}",
    "replace": "{{ ('x' * 10000) | replace('', 'y' * 10000) }}",
    "join": "{{ (['x' * 10000] * 1000) | join('y' * 10000) }}",
    "striptags": "{{ ('<>' * 1000000) | striptags }}",
    "striptags method": "{{ ('<>' * 1000000).striptags() }}",
    "wordwrap of a long word": "{{ ('x' * 4000000) | wordwrap(1) }}",
    "trim many characters": "{{ ('x' * 10000000) | trim('y' * 1000 ~ 'x') }}",
    "strip method": "{{ ('x' * 10000000).strip('y' * 1000 ~ 'x') }}",
    "sum of lists": "{{ ([[1]] * 10000) | sum(start=[]) | length }}",
    "~ doubling": "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s | length }}{% endmacro %}{{ d('x', 64) }}",
    "nested loops": "{% for a in range(10000) %}{% for b in range(10000) %}{% for c in range(10000) %}"
    "{% endfor %}{% endfor %}{% endfor %}",
    "slow steps": "{% for a in range(10000) %}{% set x = ('y' * 10000000) | upper %}{% endfor %}",
    "endless output": "{% for a in range(10000) %}{% for b in range(10000) %}{{ 'x' * 100000 }}{% endfor %}{% endfor %}",
    "endless output in a macro": "{% macro m() %}{% for a in range(10000) %}{% for b in range(10000) %}"
    "{{ 'x' * 100000 }}{% endfor %}{% endfor %}{% endmacro %}{{ m() | length }}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "exponential recursion": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
    "include an absolute path": '{% include "/etc/passwd" %}',
    "include ..": '{% include "../../../../../../etc/passwd" %}',
    "import ..": '{% import "../theme.yaml" as x %}',
    "extends an absolute path": '{% extends "/etc/passwd" %}',
    "include a symlink that leads outside": '{% include "partial.j2" %}',
    "a chain of filters": "{{ ([0] * 3000000)" + "|map('string')" * 60 + "|select|list|length }}",
    "a chain of lookups": "{{ ([0] * 3000000)" + "|map(attribute='x', default=0)" * 60 + "|list|length }}",
    "a chain of tests": "{{ ([0] * 3000000)" + "|select('even')" * 60 + "|list|length }}",
    "a chain of sorts by attribute": "{{ ([[0]] * 1000000)" + "|sort(attribute=0)" * 20 + "|length }}",
    "css_string of long text": "{{ ('<' * 3000000) | css_string | length }}",
}


@pytest.mark.parametrize("template", ESCAPES.values(), ids=ESCAPES.keys())
def test_every_way_out_of_the_sandbox_is_a_theme_error(tmp_path, template):
    root = tmp_path / "ws"
    theme = theme_workspace(root, "Hi", "<!doctype html>\n" + template + "\n", settings="logo: logo.png\n")
    make_png(theme / "logo.png")
    link_outside(theme, tmp_path)
    started = time.monotonic()
    output = theme_error(root)
    assert time.monotonic() - started < 6
    assert "themes/mine/handout.html.j2:2:1: the handout template is broken: " in output
    assert "root:" not in output and "TOPSECRET" not in output
    assert not (tmp_path / "escape.txt").exists()


RUNTIME_ERRORS = {
    "division by zero": ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
    "pop": ("{{ [].pop() }}", "list.pop is not available to templates"),
    "bad format string": ("{{ '%d' | format('x') }}", "TypeError: %d format: a real number is required"),
    "bad % format": ("{{ '%(a' % {} }}", "ValueError: incomplete format key"),
    "undefined name": ("{{ nothing.here }}", "'nothing' is undefined"),
    "undefined key": ("{{ deck.nothing }}", "has no attribute 'nothing'"),
    "missing include": ('{% include "missing.j2" %}', "'missing.j2' is not in the theme folders"),
    "rich of a string": ("{{ 'abc' | rich }}", "the rich filter takes runs of text"),
    "unknown filter": ("{{ logo | picture }}", "No filter named 'picture'"),
    "random": ("{{ range(10) | random }}", "No filter named 'random'"),
    "rich of a number": ("{{ 5 | rich }}", "the rich filter takes runs of text"),
    "rich of an undefined key": ("{{ deck.nothing | rich }}", "has no attribute 'nothing'"),
    "css_string of a list": ("{{ [1] | css_string }}", "the css_string filter takes text"),
    "rich of many runs": ("{{ ([{'text': 'a'}] * 1100000) | rich | length }}", "more than 1,000,000 steps"),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "a macro or an include calls itself"),
}


@pytest.mark.parametrize("template, message", RUNTIME_ERRORS.values(), ids=RUNTIME_ERRORS.keys())
def test_a_failing_template_names_its_file_line_and_what_failed(tmp_path, template, message, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 300.0)  # the step budget, not a busy machine's clock, is tested
    theme_workspace(tmp_path, "Hi", "<p>\n" + template + "\n</p>\n")
    output = theme_error(tmp_path)
    assert "themes/mine/handout.html.j2:2:1: the handout template is broken: " in output
    assert message in output


@pytest.mark.parametrize(
    "partial, where",
    [
        ("<p>\n\n{{ 1 / 0 }}\n", "partial.j2:3:1"),
        ("<p>\n{% if %}\n", "partial.j2:2:1"),
        (b"<p>\n\xff\xfe\n", "partial.j2:2:1"),
    ],
    ids=["run time", "syntax", "not UTF-8"],
)
def test_an_error_in_an_included_template_names_that_template(tmp_path, partial, where):
    theme = theme_workspace(tmp_path, "Hi", '<p>\n{% include "partial.j2" %}\n')
    (theme / "partial.j2").write_bytes(partial if isinstance(partial, bytes) else partial.encode())
    output = theme_error(tmp_path)
    assert f"themes/mine/{where}: the handout template is broken" in output


@pytest.mark.parametrize(
    "template",
    ["{{ " + "[" * 5000 + "]" * 5000 + " }}", "{% if 1 %}" * 3000 + "{% endif %}" * 3000,
     "{% for a in [1] %}" * 150 + "{% endfor %}" * 150],
    ids=["brackets", "ifs", "loops"],
)  # fmt: skip
def test_a_template_nested_too_deeply_to_compile_is_a_theme_error(tmp_path, template):
    theme_workspace(tmp_path, "Hi", template)
    output = theme_error(tmp_path)
    assert "handout.html.j2: the handout template is broken: the template is nested too deeply" in output


@pytest.mark.parametrize("where", ["handout.html.j2", "partial.j2"])
def test_a_template_that_cannot_be_compiled_is_a_theme_error_at_its_file(tmp_path, where):
    theme = theme_workspace(tmp_path, "Hi", '<p>\n{% include "partial.j2" %}\n')
    (theme / where).write_text("<p>\n{{ 1" + "0" * 5000 + " }}\n", encoding="utf-8")
    output = theme_error(tmp_path)
    assert f"themes/mine/{where}: the handout template is broken: the template cannot be compiled: " in output
    assert "Exceeds the limit (4300 digits)" in output


def test_a_binary_template_is_a_theme_error(tmp_path):
    theme_workspace(tmp_path, "Hi", b"<p>\nabc\x89PNG\x00\xff\n")
    output = theme_error(tmp_path)
    assert "handout.html.j2:2:1: the handout template is broken: the file is not UTF-8 text" in output


def test_a_template_replaced_by_a_pipe_is_refused_without_waiting(tmp_path, monkeypatch):
    theme = theme_workspace(tmp_path, "Hi", '<p>\n{% include "partial.j2" %}\n')
    pipe = theme / "partial.j2"
    os.mkfifo(pipe)
    is_file = Path.is_file
    monkeypatch.setattr(Path, "is_file", lambda path: path.name == "partial.j2" or is_file(path))
    stop = threading.Event()

    def feed():
        """Give a reader that waits for the pipe some text, every 3 seconds."""
        while not stop.wait(3):
            fd = os.open(pipe, os.O_RDWR)
            os.write(fd, b"late")
            os.close(fd)

    threading.Thread(target=feed, daemon=True).start()
    started = time.monotonic()
    try:
        output = theme_error(tmp_path)
    finally:
        stop.set()
    assert time.monotonic() - started < 5  # a blocked read would hang; loose for a busy machine
    assert "partial.j2: the handout template is broken: the file is not a regular file" in output


def test_a_template_the_theme_names_that_is_missing_is_an_error_at_the_setting(tmp_path):
    theme_workspace(tmp_path, "Hi", None, settings="handout: {template: ../../decks/t.yaml}\n")
    output = theme_error(tmp_path)
    assert "themes/mine/theme.yaml:4:" in output
    assert "the handout template is broken: '../../decks/t.yaml' leads outside the theme folders" in output


def test_a_bug_in_deckbuilder_is_not_blamed_on_the_template(tmp_path, monkeypatch):
    from deckbuilder.writers import handout

    monkeypatch.setattr(handout, "CSS_PLAIN", None)  # css_string now fails as a bug would
    theme_workspace(tmp_path, "Hi", "<p>{{ 'a b' | css_string }}</p>\n")
    with pytest.raises(TypeError):
        build(tmp_path / "decks" / "t.yaml", tmp_path, tmp_path / "output")


def test_templates_receive_plain_data(tmp_path):
    theme = theme_workspace(
        tmp_path,
        "Hi",
        "{% for s in slides %}{{ s.kind }}:{{ s.title | rich }};{% endfor %}|{{ theme.colors.accent }}"
        "|{{ handout.style }}|{{ logo[:22] }}|{{ slides[1].items is sequence }}",
        settings="logo: logo.png\n",
    )
    make_png(theme / "logo.png")
    html = built_html(tmp_path)
    assert html.startswith("title:T;agenda:Agenda;section:S;statement:;")
    assert html.endswith("|#225588|notes|data:image/png;base64,|True")


def test_templates_see_no_path_of_this_computer(tmp_path):
    theme = theme_workspace(
        tmp_path,
        "Hi",
        "{{ theme | dictsort | map('first') | join(',') }};{{ theme.handout | dictsort | map('first') | join(',') }};"
        "{{ theme.name }} {{ theme.fonts.body }} {{ theme.sizes.body }} {{ theme.handout.page }};{{ theme }}",
        settings="logo: logo.png\nhandout: {css: handout.css, page: a4}\n",
    )
    make_png(theme / "logo.png")
    (theme / "handout.css").write_text("p { color: red }", encoding="utf-8")
    html = built_html(tmp_path)
    assert str(tmp_path) not in html and "logo.png" not in html
    assert html.startswith("colors,fonts,handout,italics,name,sizes;page;Mine Arial 24 a4;")


def test_ordinary_template_features_still_work(tmp_path):
    theme = theme_workspace(
        tmp_path,
        "Hi",
        '{% extends "calm/handout.html.j2" %}{% import "parts.j2" as parts %}'
        "{% block header %}{{ super() }}{{ parts.kinds(slides) }}{% endblock %}",
    )
    (theme / "parts.j2").write_text(
        "{% macro kinds(slides) %}{% for s in slides %}{{ loop.index }}{{ loop.cycle('a', 'b') }}-"
        "{{ s.kind | upper }}{{ '|' if not loop.last }}{% endfor %};"
        "{{ ('%s %d' | format('x', 2)) ~ ' ' ~ ('a,b'.split(',') | join('+')) ~ ' ' ~ ('ab' * 2) ~ ' ' ~ 2 ** 8 }};"
        "{% for k, v in slides[0].items() if k == 'kind' %}{{ k }}={{ v }}{% endfor %}{% endmacro %}",
        encoding="utf-8",
    )
    html = built_html(tmp_path)
    assert "<h1>T</h1>" in html
    assert "1a-TITLE|2b-AGENDA|3a-SECTION|4b-STATEMENT;x 2 a+b abab 256;kind=title" in html
