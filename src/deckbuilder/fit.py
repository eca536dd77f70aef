"""The fit stage: every text box measured and set at the largest size at which its text fits.

PowerPoint draws the sizes a file stores (it shrinks nothing on open) and LibreOffice shrinks each
box on its own, so only sizes that already fit look the same in both: they are written on every
run. A slide's body boxes share one scale; text that cannot fit at the theme's `min_body`
continues on slides titled "<title> (cont.)", or, where a slide cannot continue, is an error.
"""

from __future__ import annotations

import re
from itertools import chain

import msgspec

from . import deck as d
from .errors import DeckError, Problem, Problems, shorten
from .measure import LINE_PITCH, Para, Span, block_height
from .themes import LoadedTheme

EMU_PER_POINT = 12700
HEIGHT_MARGIN = 0.95  # fill at most this much of a box's height: the viewers round differently
WIDTH_MARGIN = 0.98
FILL = 0.9  # a continued slide is filled to about this much
TITLE_FLOOR = 18.0  # points: a title may shrink to this (to `min_body`, where a theme sets that lower)
SPACINGS = (0.9, 0.8)  # line spacing cuts tried at the smallest size, as the viewers' own shrink does
CONTINUED = " (cont.)"
_SENTENCE = re.compile(r"(?<=[.!?\u2026])\s+")


def fit(deck: d.Deck, theme: LoadedTheme) -> d.Deck:
    """Return `deck` with the text sizes of every slide chosen, and text that cannot fit continued.

    Every slide that cannot fit and cannot continue is reported together, at its outline position.
    """
    fitter = _Fitter(theme)
    problems = Problems()
    slides: list[d.Slide] = []
    notes: list[tuple[d.Slide, str]] = []
    for slide in deck.slides:
        try:
            pieces, note = fitter.slide(slide)
        except DeckError as error:
            problems.extend(error)
            continue
        slides.extend(pieces)
        if note:
            notes.append((pieces[0], note))
    problems.raise_if_any()
    numbered = tuple(msgspec.structs.replace(s, number=i) for i, s in enumerate(slides, 1))
    number = {id(s): n.number for s, n in zip(slides, numbered)}
    found = [Problem(f"slide {number[id(s)]} \u201c{shorten(d.text_of(s.title))}\u201d: {note}", s.where,
                     "", "info", "fit.continued" if "continued" in note else "fit.shrunk")
             for s, note in notes]  # fmt: skip
    return msgspec.structs.replace(deck, slides=numbered, findings=deck.findings + fitter.findings() + tuple(found))


class _Fitter:
    """Measures slides against the layouts of a theme's template."""

    def __init__(self, theme: LoadedTheme) -> None:
        from .fonts import FontBook
        from .writers.layouts import LayoutChooser
        from .writers.placing import caption_height, plan
        from .writers.template import load_template
        from .writers.textstyle import MAJOR, MINOR

        self.theme, self.sizes = theme, theme.theme.sizes
        self.template = load_template(theme.template_path(), theme.doc.pos(("template",)))
        self.layouts = LayoutChooser(self.template, theme)
        self.fonts = FontBook.for_theme(theme)
        self.caption = caption_height(self.sizes.body)
        self.plan = plan
        self.lost: dict[str, Problem] = {}  # kind -> the warning that its layout has no place for its text
        fonts = theme.theme.fonts  # a built-in design is written with the theme's fonts as its theme fonts
        self.replaced = {MAJOR: fonts.heading, MINOR: fonts.body} if self.template.generated else None

    def findings(self) -> tuple[Problem, ...]:
        """Return what the template and fonts could not give: layouts it lacks, fonts not found."""
        fonts = self.theme.doc.pos(("fonts",))
        hint = "put the font's .ttf or .otf files in the theme's fonts/ folder, or name them in its font_files"
        return (*self.layouts.warnings, *self.lost.values(),
                *(Problem(text, fonts, hint, "warning", "fit.font") for text in self.fonts.warnings))

    # ------------------------------------------------------------ one slide

    def slide(self, slide: d.Slide) -> tuple[list[d.Slide], str]:
        """Return the slide fitted (or its continuation slides) and what the report says of it."""
        if isinstance(slide, d.ImageSlide) and (slide.caption or slide.citation):
            slide = msgspec.structs.replace(slide, fit=d.Fitted((), self.sizes.min_body, caption=self._caption(slide)))
        fitted = self._fit(slide)
        if fitted is None and isinstance(slide, d.TwoColumnSlide) and not slide.inline_headings \
                and not self._headings_fit(slide):  # fmt: skip
            slide = msgspec.structs.replace(slide, inline_headings=True)  # a long heading takes the column's room
            fitted = self._fit(slide)
        if fitted is not None:
            return [msgspec.structs.replace(slide, fit=fitted[0])], fitted[1]
        if type(slide) not in _SPLITS:
            raise DeckError(self._too_long(slide))
        return self._continue(slide)

    def _caption(self, slide: d.ImageSlide) -> int:
        """Return the height (EMU) a picture's caption needs at the body size under the picture,
        measured at the width it is given there (which narrows as the picture shrinks)."""
        room = self.caption
        for _ in range(3):
            layout, frames = self._frames(msgspec.structs.replace(slide, fit=d.Fitted((), 0, caption=room)))
            frame = next((f for f in frames if f.name == "Caption"), None)
            if frame is None:
                return room
            _, top, _, bottom = frame.ph.style.insets
            need = round(self._height(frame, layout, self._start(frame, layout), 1.0) / HEIGHT_MARGIN
                         * EMU_PER_POINT) + top + bottom  # fmt: skip
            if need <= room:
                return room
            room = need
        return room

    def _headings_fit(self, slide: d.Slide) -> bool:
        """Return whether every column heading of a slide fits its own box at `min_body`."""
        layout, frames = self._frames(slide)
        return all(self._fits(f, layout, self.sizes.min_body, 1.0, 1.0) for f in frames if f.is_heading)

    def _frames(self, slide: d.Slide):
        """Return the layout of a slide and its text frames; note a kind whose text has no place."""
        layout = self.layouts.choose(slide.kind)
        caption = slide.fit.caption if slide.fit and slide.fit.caption else self.caption
        made = self.plan(slide, layout, (self.template.width, self.template.height), caption, self.theme.theme.italics)
        if made.lost and slide.kind not in self.lost:
            self.lost[slide.kind] = (Problem(
                f"layout '{layout.name}' has no text placeholder, so {slide.kind} slides show only their title",
                self.theme.doc.pos(("template",)), f"map `{slide.kind}:` in the theme's `layouts:` to a layout with "
                "a text placeholder", "warning", "layout.no-text"))  # fmt: skip
        return layout, made.frames

    def _fit(self, slide: d.Slide, floor_only: bool = False, fill: float = 1.0, most: float = 1.0):
        """Return (Fitted, report) for the largest sizes at which the slide's text fits, or None.

        The title shrinks on its own; the body boxes share one scale, at most `most` (the scale the
        other parts of a continued slide share), then line spacing is cut. `fill` applies to the
        boxes that hold items, not to column headings, which are the same on every part.
        """
        layout, frames = self._frames(slide)
        caption = slide.fit.caption if slide.fit else 0
        starts = [self._start(f, layout) for f in frames]
        sizes = list(starts)
        notes = []
        for i, frame in enumerate(frames):
            if frame.is_title:
                size = self._largest(frame, layout, starts[i], self._title_floor(), fill)
                if size is None:
                    raise DeckError(self._too_long(slide, title=True))
                sizes[i] = size
                if size < starts[i]:
                    notes.append(f"title shrunk to {size:g} pt from {starts[i]:g} pt")
        body = [i for i, f in enumerate(frames) if not f.is_title]
        if not body:
            return d.Fitted(tuple(sizes), self.sizes.min_body, 1.0, *_shown(frames), caption), "; ".join(notes)
        top = max(starts[i] for i in body)
        floor = self.sizes.min_body
        steps = [floor] if floor_only else [s for s in _steps(top, floor) if s <= top * most + 1e-9 or s == floor]
        for spacing in (1.0,) if floor_only else (1.0, *SPACINGS):  # a continued slide is packed at full spacing
            for step in steps if spacing == 1.0 else [floor]:
                scaled = {i: self._scaled(starts[i], step / top) for i in body}
                if all(self._fits(frames[i], layout, scaled[i], spacing, 1.0 if frames[i].is_heading else fill)
                       for i in body):  # fmt: skip
                    for i, size in scaled.items():
                        sizes[i] = size
                    main = scaled[max(body, key=lambda i: starts[i])]
                    if main < top:
                        notes.append(f"text shrunk to {main:g} pt from {top:g} pt")
                    if spacing < 1:
                        notes.append(f"line spacing {spacing:.0%}")
                    return d.Fitted(tuple(sizes), floor, spacing, *_shown(frames), caption), "; ".join(notes)
        return None

    def _title_floor(self) -> float:
        """Return the smallest size of a title: the smallest text a room reads, or the theme's body floor."""
        return min(TITLE_FLOOR, self.sizes.min_body)

    def _scaled(self, start: float, scale: float) -> float:
        """Return a body size scaled from its start, in half points, never below `min_body`."""
        return max(self.sizes.min_body, round(start * scale * 2) / 2)

    def _largest(self, frame, layout, start: float, floor: float, fill: float) -> float | None:
        """Return the largest whole-point size from `start` down to `floor` at which a frame fits."""
        for size in _steps(start, min(floor, start)):
            if self._fits(frame, layout, size, 1.0, fill):
                return size
        return None

    def _start(self, frame, layout) -> float:
        """Return the size a frame's text starts at: the theme's size for titles or body text, in the
        proportion the layout draws this placeholder to its master's title or body (a title slide's
        larger title)."""
        own = frame.ph.style.levels[0].size
        if frame.is_title:  # a small heading (a quote's kicker) no smaller than body text
            return max(self._title_floor(), round(self.sizes.title * own / layout.title_size))
        return max(self.sizes.min_body, round(self.sizes.body * own / layout.body_size))

    # ------------------------------------------------------------ measuring

    def _fits(self, frame, layout, size: float, spacing: float, fill: float) -> bool:
        return self._height(frame, layout, size, spacing) <= self._room(frame) * fill

    def _room(self, frame) -> float:
        box, (_, top, _, bottom) = frame.place, frame.ph.style.insets
        return (box.h - top - bottom) / EMU_PER_POINT * HEIGHT_MARGIN

    def _height(self, frame, layout, size: float, spacing: float) -> float:
        """Return the height in points the frame's paragraphs take at `size`."""
        style = frame.ph.style
        left, _, right, _ = style.insets
        width = (frame.place.w - left - right) / EMU_PER_POINT * WIDTH_MARGIN
        small = min(size, self.sizes.min_body)
        fonts = self.replaced or layout.fonts
        face = self.fonts.face
        paras = []
        for para in frame.paras:
            level = style.level(para.level)
            margin, indent, bullet = para.indents(level.margin, level.indent)
            run = small if para.small else size
            family = level.typeface(fonts)
            slant = level.italic and self.theme.theme.italics
            spans = [Span(t.text, face(family, t.bold or level.bold, t.italic or slant), run)
                     for t in para.texts] or [Span("", face(family, level.bold, slant), run)]  # fmt: skip
            first = indent / EMU_PER_POINT if indent > 0 or not bullet else 0.0  # a bullet hangs in the indent
            before = para.before if para.before is not None else space(level.before, level.before_points, run)
            after = space(level.after, level.after_points, run)
            paras.append(Para(spans, width - margin / EMU_PER_POINT, first, (level.line or 1.0) * spacing,
                              level.line_points, before, after))  # fmt: skip
        return block_height(paras)

    # ------------------------------------------------------------ continuing

    def _continue(self, slide: d.Slide) -> tuple[list[d.Slide], str]:
        """Spread a slide's items over as many slides as they need, each filled to about FILL at
        `min_body`; then size them all at one scale. Items shown side by side (steps beside prompts,
        two columns) spread column by column, so that each part shows both while both have items.
        The tail (an exercise's opt-out, an agenda's total) goes with the last item."""
        units = _units(slide)
        if not units:  # nothing spreads (an exercise with only its opt-out)
            raise DeckError(self._too_long(slide))
        fields = _SPLITS[type(slide)]
        if len(fields) > 1 and len(self.layouts.choose(slide.kind).columns()) >= 2:
            columns = [self._pack(slide, [u for u in units if u[0] == field]) for field in fields]
            columns = [c for c in columns if c[0]]
            columns = [self._spread(slide, c, max(map(len, columns))) for c in columns]
            pieces = [list(chain.from_iterable(c[i] for c in columns if i < len(c)))
                      for i in range(max(map(len, columns)))]  # fmt: skip
            tail = len(columns[-1]) - 1
        else:
            pieces = self._pack(slide, units)
            tail = len(pieces) - 1
        made = [_rebuild(slide, piece, i == 0, i == tail, list(chain.from_iterable(pieces[:i])))
                for i, piece in enumerate(pieces)]  # fmt: skip
        fitted = [self._fit(piece) for piece in made]
        if any(f is None for f in fitted):
            raise DeckError(self._too_long(slide))
        scale = min(self._scale(piece, f[0]) for piece, f in zip(made, fitted))
        fitted = [self._fit(piece, most=scale) for piece in made]
        shared = [msgspec.structs.replace(piece, fit=f[0]) for piece, f in zip(made, fitted)]
        said = dict.fromkeys(n for f in fitted for n in f[1].split("; ") if n)  # the sizes as written, titles first
        notes = sorted(said, key=lambda note: not note.startswith("title"))
        notes.append(f"continued on {len(made) - 1} more slide{'s' if len(made) > 2 else ''}")
        return shared, "; ".join(notes)

    def _spread(self, slide: d.Slide, parts: list[list], count: int) -> list[list]:
        """Return a column's parts spread evenly over `count` parts (or one per item, when it has
        fewer), so that each part shows both columns while both have items; as they are if a
        spread part would not fit."""
        units = list(chain.from_iterable(parts))
        if len(parts) >= count or len(units) <= len(parts) or not all(parts):
            return parts
        n = min(count, len(units))
        spread = [units[len(units) * i // n : len(units) * (i + 1) // n] for i in range(n)]
        fits = all(self._fits_units(slide, part, i == 0, 1.0, i == n - 1) for i, part in enumerate(spread))
        return spread if fits else parts

    def _scale(self, piece: d.Slide, fitted: d.Fitted) -> float:
        """Return the scale a fitted part's main body text was set at: its size over its start."""
        layout, frames = self._frames(piece)
        body = [(self._start(f, layout), s) for f, s in zip(frames, fitted.sizes, strict=True) if not f.is_title]
        start, size = max(body, default=(1.0, 1.0))
        return size / start

    def _pack(self, slide: d.Slide, units: list) -> list[list]:
        """Return `units` in as few parts as fill at most FILL of a slide at `min_body` each (or a
        whole slide, when that saves a part), as evenly filled as that many parts allow (no last
        slide with a single item)."""
        pieces = self._greedy(slide, units, FILL)
        high = FILL
        if len(pieces) > 1:
            fuller = self._greedy(slide, units, 1.0)
            pieces, high = (fuller, 1.0) if len(fuller) < len(pieces) else (pieces, FILL)
        low = FILL / 3
        for _ in range(5 if len(pieces) > 1 else 0):  # the least fill that needs no more parts
            middle = (low + high) / 2
            trial = self._greedy(slide, units, middle)
            if len(trial) <= len(pieces):
                pieces, high = trial, middle
            else:
                low = middle
        return pieces

    def _greedy(self, slide: d.Slide, units: list, fill: float) -> list[list]:
        """Return `units` in parts that each fill at most `fill` of a slide at `min_body`, the last
        unit measured with the tail that follows it; an item too long for a part of its own is
        split (at FILL)."""
        pieces: list[list] = []
        current: list = []
        for unit in units:
            last = unit is units[-1]
            if self._fits_units(slide, current + [unit], not pieces, fill, last):
                current.append(unit)
                continue
            if current:
                pieces.append(current)
            current = [unit]
            if not self._fits_units(slide, current, not pieces, 1.0, last):  # alone, it may fill its part
                if last and self._fits_units(slide, current, not pieces, 1.0):  # the tail takes a part of its own
                    pieces.append(current)
                    current = []
                    continue
                parts = self._split_unit(slide, unit, not pieces, last)
                pieces.extend([part] for part in parts[:-1])
                current = [parts[-1]]
        return pieces + [current]

    def _fits_units(self, slide: d.Slide, units: list, first: bool, fill: float = FILL, last: bool = False) -> bool:
        """Return whether `units` (and the tail, on the `last` part) fill at most `fill` of a slide at `min_body`."""
        if not units:
            return True
        try:
            return self._fit(_rebuild(slide, units, first, last), floor_only=True, fill=fill) is not None
        except DeckError:  # its title does not fit either: reported when the slide is fitted
            return False

    def _split_unit(self, slide: d.Slide, unit, first: bool, last: bool) -> list:
        """Split what stays together but is too long for a slide: a bullet with sub-bullets between
        them, a bullet at sentence ends (or, for a very long sentence, between words; a word longer
        than a slide, between characters); other items (a step, a principle) cannot be split."""
        field, items = unit
        if not all(isinstance(item, d.Para) for item in items):
            raise DeckError(self._too_long(slide, unit=unit))
        if len(items) > 1:
            return self._split_paras(slide, field, items, first, last)
        return self._split_para(slide, field, items[0], first, last)

    def _split_paras(self, slide: d.Slide, field: str, items: list, first: bool, last: bool) -> list:
        """Split a bullet and its sub-bullets between paragraphs; a paragraph too long for a part
        of its own is split on."""
        parts: list[tuple[str, list]] = []
        current: list = []
        for item in items:
            at_first, tail = first and not parts, last and item is items[-1]
            if current and not self._fits_units(slide, [(field, current + [item])], at_first, last=tail):
                parts.append((field, current))
                current = []
                at_first = first and not parts
            if not current and not self._fits_units(slide, [(field, [item])], at_first, last=tail):
                split = self._split_para(slide, field, item, at_first, tail)
                parts.extend(split[:-1])
                current = list(split[-1][1])
                continue
            current.append(item)
        return parts + [(field, current)]

    def _split_para(self, slide: d.Slide, field: str, para: d.Para, first: bool, last: bool) -> list:
        """Split a paragraph at sentence ends (a very long sentence between words); a piece longer
        than a part of its own is halved between characters until what fits is found."""

        def part(runs: d.Rich, follows: bool) -> tuple[str, list]:
            return field, [d.Para(runs, para.level, para.continued or follows)]

        parts: list[tuple[str, list]] = []
        current: d.Rich = ()
        queue = [(piece, False) for piece in reversed(_pieces(para.runs))]  # (runs, breakable), the next last
        while queue:
            piece, breakable = queue.pop()
            at_first, tail = first and not parts, last and not queue
            if self._fits_units(slide, [part(current + piece, bool(parts))], at_first, last=tail):
                current += piece
            elif len(d.text_of(piece)) > 1 and (breakable or not self._fits_units(
                    slide, [part(piece, True)], False, last=tail)):  # fmt: skip
                middle = len(d.text_of(piece)) // 2
                queue += [(_slice(piece, middle, len(d.text_of(piece))), True), (_slice(piece, 0, middle), True)]
            elif current:
                parts.append(part(current, bool(parts)))
                current, queue = (), queue + [(piece, breakable)]
            else:
                current = piece  # one character wider than a part: reported when the part is fitted
        return parts + [part(current, bool(parts))]

    # ------------------------------------------------------------ errors

    def _too_long(self, slide: d.Slide, title: bool = False, unit: tuple | None = None) -> Problem:
        """Return the error of a slide whose text cannot fit, saying by how much: of an item that
        cannot fit on a part of its own (`unit`), at the item's place when it has one of its own."""
        kind = slide.kind
        name = d.text_of(slide.title) or kind
        if title:
            return Problem(f"the title of slide “{shorten(name)}” is too long to fit, even at {self._title_floor():g} pt",
                           slide.title_where or slide.where,
                           "shorten the title; say the rest on the slide or in the notes")  # fmt: skip
        where, hint = slide.where, _HINTS.get(kind, "shorten the text; put the rest in the speaker notes")
        if kind in _GENERATED:  # no text of the deck's own: the theme's sizes are too large for its layout
            where, hint = self.theme.doc.key_pos(("sizes",)), _GENERATED[kind]
        if unit is not None:
            if isinstance(slide, d.ReferencesSlide):
                where = slide.sources[slide.entries.index(unit[1][0])]
            slide = _rebuild(slide, [unit], True, False)
        layout, frames = self._frames(slide)
        floor = self.sizes.min_body
        need = max((self._height(f, layout, floor, SPACINGS[-1]) / self._room(f) for f in frames
                    if not f.is_title), default=1.0)  # fmt: skip
        text = " ".join(t.text for f in frames if not f.is_title for p in f.paras for t in p.texts)
        words = text.split()
        long = len(words) == 1 or max(map(len, words), default=0) > 60  # a word longer than a line: an address
        count, unit = (len(text), "characters") if long else (len(words), "words")
        extra = max(1, round(count * (1 - 1 / need))) if need > 1 else 1
        return Problem(
            f"the text of this {kind} slide (“{shorten(name)}”) is too long to fit, even at {floor:g} pt: "
            f"it needs about {need:.1f} times the room there is (about {extra} of its {count} {unit} too many)",
            where, hint,
        )  # fmt: skip


_HINTS = {
    "quote": "choose a shorter excerpt, or show the passage as a `statement` slide with the source in the notes",
    "statement": "shorten the statement; put the rest in the speaker notes",
    "exercise": "shorten the step or prompt; put the rest in the speaker notes",
    "principles": "shorten the principle's summary in the library, or show it on a `principle` slide of its own",
    "references": "shorten the entry's title or its other details in the article's file",
    "principle": "shorten the principle's summary or excerpt in the library, or give this slide `notes:`",
    "image": "shorten the caption; put the rest in the speaker notes",
}


_GENERATED = {  # kind -> the hint for body text deckbuilder writes itself
    "section": "the section slide's label (\u201cPart 1 \u00b7 10 minutes\u201d) does not fit the theme's layout at "
               "`min_body`: lower `min_body` (and `body`) in the theme's `sizes:`",
}


def _shown(frames) -> tuple[bool, bool]:
    """Return whether a slide's first text frame is its title (the writer places it first), and
    whether any frame has small text: what a check of the sizes a slide shows needs."""
    return bool(frames) and frames[0].is_title, any(p.small for f in frames for p in f.paras)


def space(fraction: float | None, points: float | None, size: float) -> float:
    """Return space before or after a paragraph in points: given in points, or as a fraction of its line."""
    return fraction * LINE_PITCH * size if fraction is not None else points or 0.0


def _steps(start: float, floor: float) -> list[float]:
    """Return the sizes from `start` down to `floor` in whole points (both included)."""
    sizes = []
    size = start
    while size > floor:
        sizes.append(size)
        size = float(int(size - 1e-9)) if size != int(size) else size - 1
    return sizes + [floor]


# ------------------------------------------------------------------ what can continue, and how

# kind -> the fields whose items spread over continuation slides, in the order they are shown
_SPLITS = {
    d.BulletsSlide: ("paras",), d.PrinciplesSlide: ("items",), d.ReferencesSlide: ("entries",),
    d.ObjectivesSlide: ("items",), d.DiscussionSlide: ("questions",), d.AgendaSlide: ("items",),
    d.ExerciseSlide: ("steps", "prompts"), d.TwoColumnSlide: ("left", "right"),
}  # fmt: skip
_NUMBERED = {d.ObjectivesSlide: "items", d.AgendaSlide: "items", d.ExerciseSlide: "steps"}


def _units(slide: d.Slide) -> list[tuple[str, list]]:
    """Return what stays together on one slide, as (field, items): a bullet with its sub-bullets,
    a principle, a step..."""
    units: list[tuple[str, list]] = []
    for field in _SPLITS[type(slide)]:
        for item in _items(slide, field):
            joins = isinstance(item, d.Para) and (item.level > 0 or item.continued) and units and units[-1][0] == field
            if joins:
                units[-1][1].append(item)
            else:
                units.append((field, [item]))
    return units


def _items(slide: d.Slide, field: str) -> tuple:
    """Return the items of a field that may spread: a column's are its paragraphs."""
    value = getattr(slide, field)
    return value.paras if isinstance(value, d.Column) else value


def _rebuild(slide: d.Slide, units: list, first: bool, last: bool, before: list | None = None) -> d.Slide:
    """Return the part of `slide` that shows `units`: the first keeps the notes and the lead, the
    last the total and the opt-out; the others' titles say they continue. `before`: the units
    shown on earlier parts, so that numbered lists count on."""
    changes: dict = {}
    for name in _SPLITS[type(slide)]:
        items = tuple(i for field, part in units if field == name for i in part)
        column = getattr(slide, name)  # a column keeps its heading on the first part and where it goes on
        if isinstance(column, d.Column):
            heading = column.heading if items or first else ()
            changes[name] = msgspec.structs.replace(column, heading=heading, paras=items)
        else:
            changes[name] = items
    if not first:
        changes.update(title=slide.title + (d.Run(CONTINUED),), notes=(), minutes=None, id="")
        if isinstance(slide, d.ObjectivesSlide):
            changes["lead"] = ()
    if not last:
        if isinstance(slide, d.AgendaSlide):
            changes["total_text"] = ""
        if isinstance(slide, d.ExerciseSlide):
            changes["opt_out"] = ()
    counted = _NUMBERED.get(type(slide))
    if counted and before:
        changes["start"] = slide.start + sum(len(items) for field, items in before if field == counted)
    return msgspec.structs.replace(slide, **changes)


def _pieces(runs: d.Rich) -> list[d.Rich]:
    """Return the sentences of some runs (formatting kept); a sentence over 40 words, by its words."""
    text = d.text_of(runs)
    cuts = [m.end() for m in _SENTENCE.finditer(text)]
    bounds = list(zip([0] + cuts, cuts + [len(text)]))
    spans = []
    for start, end in bounds:
        words = [m.end() for m in re.finditer(r"\S+\s*", text[start:end])]
        if len(words) > 40:
            spans += [(start + a, start + b) for a, b in zip([0] + words[:-1], words)]
        else:
            spans.append((start, end))
    return [_slice(runs, a, b) for a, b in spans if b > a]


def _slice(runs: d.Rich, start: int, end: int) -> d.Rich:
    """Return the runs between two character offsets of their text."""
    out, at = [], 0
    for run in runs:
        a, b = max(start, at), min(end, at + len(run.text))
        if a < b:
            out.append(msgspec.structs.replace(run, text=run.text[a - at : b - at]))
        at += len(run.text)
    return tuple(out)
