"""CE readiness: what a continuing-education sponsor checks before it grants credit."""

from __future__ import annotations

from collections.abc import Iterator

from ..resolve import minutes_text, section_minutes
from . import Finding, Subject, check


@check("ce.timing")
def timing(s: Subject) -> Iterator[Finding]:
    """The sections' minutes add up to the deck's `duration`."""
    planned = s.outline.duration
    parts = [section_minutes(section) for section in s.outline.sections]
    if planned is None or not parts or any(p is None for p in parts):
        return
    total = sum(parts)
    if abs(total - planned) > 0.01:
        yield Finding(f"the sections add up to {minutes_text(total)}, but duration is {minutes_text(planned)}",
                      s.doc.pos(("duration",)), "change `duration:` or the sections' `minutes:`")  # fmt: skip
