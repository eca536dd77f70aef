"""Inline text markup: `**bold**` and `*italic*`, and nothing else is interpreted."""

from __future__ import annotations

import re

from .deck import Rich, Run

_EMPHASIS = re.compile(
    r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*"  # ***bold italic***
    r"|\*\*(?=\S)(.+?)(?<=\S)\*\*"  # **bold**, may hold *italic*
    r"|\*(?=[^\s*])((?:\*\*.+?\*\*|[^*])+?)(?<=\S)\*"  # *italic*, may hold **bold**
)


def parse(text: str, bold: bool = False, italic: bool = False) -> Rich:
    """Return the runs of `text`; unmatched asterisks stay literal."""
    runs: list[Run] = []
    at = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > at:
            runs.append(Run(text[at : match.start()], bold, italic))
        if match.group(1) is not None:
            runs.extend(parse(match.group(1), True, True))
        elif match.group(2) is not None:
            runs.extend(parse(match.group(2), True, italic))
        else:
            runs.extend(parse(match.group(3), bold, True))
        at = match.end()
    if at < len(text):
        runs.append(Run(text[at:], bold, italic))
    return tuple(runs)


def plain(text: str) -> Rich:
    """Return `text` as one unformatted run (for text that is not markup, like names)."""
    return (Run(text),) if text else ()
