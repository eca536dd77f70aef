"""`${name}` placeholders in a deck's texts, filled in from its `vars:` and `--var NAME=VALUE`.

Plain substitution, not a template language: `$$` is a dollar sign, a value goes in as it is written
(never filled in again), and only texts that readers see are filled in (`words_keys`), never ids,
references, paths or keys. It runs on the loaded outline, before validation, so that every later
stage (limits, fitting, checks) sees the texts as the audience will.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import Problems, did_you_mean, shorten, shown
from .load import Document
from .model import MAX_LINE, VAR_NAME, Outline, words_keys

_NAME = re.compile(VAR_NAME)
_PLACEHOLDER = re.compile(r"\$(?:(\$)|\{([^}]*)(\}?))")  # $$, or ${name} (without its } when unclosed)
NAME_HINT = ("a variable name has letters, digits, '_' and '-' only, e.g. organization; "
             "write $$ for a dollar sign")  # fmt: skip
KEY = "vars"
_FOUND = {dict: "a mapping", list: "a list", type(None): "nothing"}  # what a bad `vars:` value is called


def parse(options: Iterable[str]) -> dict[str, str]:
    """Return the command line's `--var NAME=VALUE` options as a mapping; raise DeckError on a bad one."""
    problems = Problems()
    given: dict[str, str] = {}
    for option in options:
        name, equals, value = option.partition("=")
        if not equals:
            problems.add(f"--var {shown(option)} has no '='",
                         hint="write --var NAME=VALUE, e.g. --var organization='Riverside Clinic'")  # fmt: skip
        elif not _NAME.fullmatch(name):
            problems.add(f"--var {shown(option)}: {shown(name)} is not a variable name", hint=NAME_HINT)
        else:
            given[name] = value
    problems.raise_if_any()
    return given


def fill(doc: Document, given: Mapping[str, str]) -> None:
    """Fill in the placeholders of an outline's texts in place (`given` wins over its `vars:`);
    raise DeckError listing every unknown variable, malformed placeholder and bad `vars:` entry."""
    problems = Problems()
    if isinstance(doc.data, dict):
        _fill(doc, doc.data, (), {**_declared(doc, problems), **given}, problems, False)
    problems.raise_if_any()


def _declared(doc: Document, problems: Problems) -> dict[str, str]:
    """Return the outline's `vars:` as texts, reporting (and dropping, so that validation reports the
    rest of the outline alone) an entry that is not a name and a text or number of at most MAX_LINE."""
    declared = doc.data.get(KEY)
    if declared is None:
        return {}
    if not isinstance(declared, dict):
        problems.add(f"`{KEY}` must be a mapping of names to texts", doc.pos((KEY,)),
                     f"write one 'name: text' a line under `{KEY}:`, e.g. organization: Riverside Clinic")  # fmt: skip
        del doc.data[KEY]
        return {}
    values: dict[str, str] = {}
    for name, value in list(declared.items()):
        path = (KEY, name)
        if not _NAME.fullmatch(name):
            problems.add(f"{shown(name)} is not a variable name", doc.key_pos(path), NAME_HINT)
        elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
            found = _FOUND.get(type(value), f"'{value}'".lower())
            problems.add(f"the variable '{name}' must be a text, found {found}", doc.pos(path),
                         f'write the text in quotes, e.g. {name}: "Riverside Clinic"')  # fmt: skip
        elif len(str(value)) > MAX_LINE:
            problems.add(f"the variable '{name}' is too long: {len(str(value))} characters, "
                         f"at most {MAX_LINE}", doc.pos(path), "shorten it; a longer text belongs in the deck")  # fmt: skip
        else:
            values[name] = str(value)
            continue
        del declared[name]
        values[name] = ""  # known, so that its placeholders are not reported too
    return values


def _fill(doc: Document, value: Any, path: tuple, values: Mapping[str, str], problems: Problems,
          words: bool) -> Any:  # fmt: skip
    """Return `value` with its texts filled in (the values of `vars:` stay as written); `words` says
    whether it is (inside) a text readers see."""
    if isinstance(value, dict):
        for key, item in value.items():
            if path + (key,) != (KEY,):
                inside = words or key in words_keys(Outline)
                value[key] = _fill(doc, item, path + (key,), values, problems, inside)
    elif isinstance(value, list):
        value[:] = [_fill(doc, item, path + (i,), values, problems, words) for i, item in enumerate(value)]
    elif words and isinstance(value, str) and "$" in value:
        return _filled(doc, value, path, values, problems)
    return value


def _filled(doc: Document, text: str, path: tuple, values: Mapping[str, str], problems: Problems) -> str:
    """Return `text` with each placeholder replaced, reporting a bad one at its `${`."""

    def replace(match: re.Match) -> str:
        dollar, name, closed = match.groups()
        if dollar:
            return "$"
        where = doc.char_pos(path, match.start())
        if not closed:
            problems.add("'${' is not closed", where,
                         "end the name with '}', e.g. ${organization}; write $$ for a dollar sign")  # fmt: skip
        elif not _NAME.fullmatch(name):
            problems.add(f"'${{{shorten(name)}}}' is not a variable name", where, NAME_HINT)
        elif name not in values:
            problems.add(f"unknown variable '{name}'", where, did_you_mean(name, values, list_all=False)
                         or f"set it under `{KEY}:` in the deck, or with --var {name}=VALUE")  # fmt: skip
        else:
            return values[name]
        return match[0]

    return _PLACEHOLDER.sub(replace, text)
