"""Outline + library -> Deck: references replaced by their text, generated slides added.

Everything a slide says is decided here, once, for every writer. No python-pptx or jinja2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import msgspec

from . import audiences, citations, deck as d
from .audiences import CLIENTS
from .errors import DeckError, Position, Problems, did_you_mean
from .library import Entry, Library
from .load import Document
from .markup import parse, plain
from .model import names
from .model import (
    Article, BulletsSlide, Presenter, DiscussionSlide, ExerciseSlide, ImageSlide, Outline, PrincipleSlide,
    PrinciplesSlide, QuoteSlide, Section, StatementSlide, TwoColumnSlide,
)  # fmt: skip
from .pictures import check_picture
from .workspace import check_file, is_folder, locate
from .writers import file_names

QUOTATION_MARKS = ("\u201c", "\u201d")
ATTRIBUTION_DASH = "\u2014 "


class Made:
    """What resolving an outline made, shared by its deck and its handouts: each is made once.

    A slide depends on its outline entry (and on the audience only where the entry has a wording for it,
    or shows principle numbers that the audience leaves out), so a handout takes the deck's, with the
    articles it cites; a picture shown on many slides is read once.
    """

    def __init__(self) -> None:
        self.slides: dict[tuple, tuple[d.Slide, tuple[Entry, ...]]] = {}  # (path, variant) -> slide, cited
        self.pictures: dict[tuple[Path, str], d.Picture] = {}  # (folder, image as named) -> the checked picture


# What the slides a build makes say of themselves: `import pptx` knows them again by these.
OBJECTIVES, AGENDA, REFERENCES = "Learning objectives", "Agenda", "References"
OBJECTIVES_LEAD = "By the end of this session, participants will be able to:"
DISCLOSURE, CONTENT_NOTE = "Disclosure", "Content note"
STEPS, REFLECT, QUESTIONS = "Steps", "Reflect", "Questions"
TOTAL = "Total: "


class _Resolver:
    def __init__(self, outline: Outline, doc: Document, library: Library, root: Path,
                 audience: str | None, handout: d.Handout | None, made: Made) -> None:  # fmt: skip
        self.outline, self.doc, self.library, self.root = outline, doc, library, root
        self.audience, self.handout, self.made = audience, handout, made
        self.left = audiences.left_out(handout, outline.audience)  # what this deck or handout leaves out
        self.problems = Problems()
        self.cited: dict[str, Entry] = {}
        self.citing: list[Entry] = []  # the entries the slide being made looks up
        self.works: list[tuple[Article, str | None, str]] = []  # what it cites: each article, who in it speaks, its year
        self.labelled = len(_articles(outline, library, principles_only=True)) > 1

    # ------------------------------------------------------------ whole deck

    def deck(self) -> d.Deck:
        o = self.outline
        pos = self.doc.key_pos
        slides: list[d.Slide] = [self.title_slide()]
        if o.disclosure and "disclosure" not in self.left:
            slides.append(d.NoticeSlide(title=plain(DISCLOSURE), text=parse(o.disclosure),
                                        where=pos(("disclosure",))))  # fmt: skip
        if o.objectives and "objectives" not in self.left:
            slides.append(
                d.ObjectivesSlide(
                    title=plain(OBJECTIVES),
                    lead=plain(OBJECTIVES_LEAD),
                    items=tuple(parse(x) for x in o.objectives),
                    where=pos(("objectives",)),
                )
            )
        if o.sections and "agenda" not in self.left:
            slides.append(self.agenda())
        if o.content_note:
            slides.append(d.NoticeSlide(title=plain(CONTENT_NOTE), text=parse(o.content_note),
                                        where=pos(("content_note",))))  # fmt: skip
        shown: list[tuple] = []  # (outline slide, slide) of the slides this deck shows
        timings = section_timings(o.sections)
        for si, section in enumerate(o.sections):
            minutes, cue = timings[si]
            slides.append(
                d.SectionSlide(
                    title=parse(section.title),
                    label=f"Part {si + 1}" + _timed(minutes),
                    notes=(d.Para(plain(cue)),) if cue else (),
                    section=section.title,
                    id=section.id or "",
                    where=self.doc.pos(("sections", si)),
                )
            )
            for sj, slide in enumerate(section.slides):
                other = self.audience and slide.audience and self.audience not in names(slide.audience)
                visible = not other and not (self.handout and not slide.handout)
                made = self.slide(slide, ("sections", si, "slides", sj), section, visible)  # made anyway: its mistakes count
                if made is not None and visible:
                    slides.append(made)
                    shown.append((slide, made))
        if self.cited:
            slides.append(self.references())
        closing = audiences.closing(o.closing, self.audience, self.left)
        if closing is not None:
            slides.append(d.ClosingSlide(title=parse(closing.title), text=parse(closing.text or ""),
                                         where=pos(("closing",))))  # fmt: skip
        self.problems.raise_if_any()
        unsaid = {"notes": ()} if "notes" in self.left else {}
        numbered = tuple(msgspec.structs.replace(s, number=i, **unsaid) for i, s in enumerate(slides, 1))
        presenter = self.title_slide().byline[0] if o.presenter else ""
        handout = self.handout
        if handout and handout.style == "worksheet":
            handout = msgspec.structs.replace(handout, key_ideas=audiences.key_ideas(shown))
        return d.Deck(
            name=self.doc.file.stem,
            title=o.title,
            slides=numbered,
            audience=self.audience,
            author=presenter,
            subject=o.subtitle or "",
            handout=handout,
        )

    def title_slide(self) -> d.TitleSlide:
        o = self.outline
        byline = [x for x in (*_presenter(o), _date(o)) if x]
        return d.TitleSlide(
            title=parse(o.title), subtitle=parse(o.subtitle or ""), byline=tuple(byline),
            where=self.doc.key_pos(("title",)),
        )  # fmt: skip

    def agenda(self) -> d.AgendaSlide:
        items = []
        for section, (minutes, _) in zip(self.outline.sections, section_timings(self.outline.sections)):
            time = minutes_text(minutes) if minutes is not None else ""
            items.append(d.AgendaItem(parse(section.title), minutes, time))
        known = [i.minutes for i in items if i.minutes is not None]
        total = sum(known) if known else None
        return d.AgendaSlide(
            title=plain(AGENDA), items=tuple(items), total=total,
            total_text=TOTAL + minutes_text(total) if total is not None else "",
            where=self.doc.key_pos(("sections",)),
        )  # fmt: skip

    # ------------------------------------------------------------ one slide

    def slide(self, slide, path: tuple, section: Section, shown: bool = True) -> d.Slide | None:
        """Return the slide at `path`, made the first time and then shared; None if it has problems.

        A slide this deck does not show is made too, so that its mistakes are found with the others,
        but what it cites stays off this deck's references."""
        key = (path, self.variant(slide))
        if key not in self.made.slides:
            self.citing, self.works, problems = [], [], len(self.problems.items)
            made = self.make_slide(audiences.worded(slide, self.audience), path, section)
            if len(self.problems.items) > problems:
                return made
            self.made.slides[key] = (made, tuple(self.citing))
        made, cited = self.made.slides[key]
        for entry in cited if shown else ():
            self.cited.setdefault(entry.id, entry)
        return made

    def variant(self, slide) -> tuple[str | None, bool]:
        """Return what a slide depends on besides its outline entry: a wording for this audience, and
        whether it numbers principles."""
        return (self.audience if self.audience in slide.for_ else None,
                not self.numbers and slide.kind in audiences.NUMBERED)  # fmt: skip

    @property
    def numbers(self) -> bool:
        """Return whether principles are shown with their numbers (not for clients: only by title)."""
        return "numbers" not in self.left

    def make_slide(self, slide, path: tuple, section: Section) -> d.Slide | None:
        common = dict(
            number=0,
            notes=_notes(slide.notes),
            section=section.title,
            minutes=slide.minutes,
            handout=slide.handout,
            audience=tuple(names(slide.audience)),
            id=slide.id or "",
            where=self.doc.pos(path),
            title_where=None if slide.title else self.doc.pos(path[:2] + ("title",)),
        )
        title = parse(slide.title) if slide.title else ()
        for i, ref in enumerate(names(slide.cite)):
            self.find(ref, "cite", path + ("cite", i))
        make: Callable = getattr(self, "make_" + slide.kind.replace("-", "_"))
        try:
            made = make(slide, title or parse(section.title), common, path)
        except DeckError as error:
            self.problems.extend(error)
            return None
        return msgspec.structs.replace(made, citation=citations.joined(self.works))

    def make_bullets(self, s: BulletsSlide, title, common, path):
        return d.BulletsSlide(title=title, paras=_paras(s.bullets), **common)

    def make_quote(self, s: QuoteSlide, title, common, path):
        entry, quote = self.lookup(s.quote, "quote", path + ("quote",))
        article = entry.article
        self.works[-1] = (article, quote.speaker, entry.year)  # "(Schore, as cited in Burgo, n.d.)"
        speaker = citations.display_name(quote.speaker) if quote.speaker else ""
        who = speaker or _names(article)
        if not speaker and article.credentials and who:
            who += f", {article.credentials}"
        text = parse(quote.text)
        return d.QuoteSlide(
            title=title, text=text, quoted=_quoted(text),
            attribution=ATTRIBUTION_DASH + who if who else "", **common,
        )  # fmt: skip

    def make_principle(self, s: PrincipleSlide, title, common, path):
        entry, principle = self.lookup(s.principle, "principle", path + ("principle",))
        name = entry.label if self.labelled else "Principle"
        named = f"{name} {principle.number}: {principle.title}" if self.numbers else principle.title
        title = parse(s.title or named)
        excerpt = parse(principle.excerpt or "")
        return d.PrincipleSlide(
            title=title, summary=parse(principle.summary or ""),
            excerpt=excerpt, quoted_excerpt=_quoted(excerpt) if excerpt else (), **common,
        )  # fmt: skip

    def make_principles(self, s: PrinciplesSlide, title, common, path):
        items, articles = [], []
        for i, ref in enumerate(s.principles):
            entry, p = self.lookup(ref, "principle", path + ("principles", i))
            label = "" if not self.numbers else f"{entry.label} {p.number}:" if self.labelled else f"{p.number}."
            items.append(d.PrincipleItem(p.number, label, parse(p.title), parse(p.summary or "")))
            if entry.article not in articles:
                articles.append(entry.article)
        if not s.title:
            names = {_names(a) for a in articles}
            title = plain(f"Principles from {names.pop()}" if len(names) == 1 and "" not in names
                          else "Key principles")  # fmt: skip
        return d.PrinciplesSlide(title=title, items=tuple(items), **common)

    def make_exercise(self, s: ExerciseSlide, title, common, path):
        return d.ExerciseSlide(
            title=parse(s.title) if s.title else plain("Exercise"),
            steps_heading=STEPS + _timed(s.minutes),
            prompts_heading=REFLECT,
            steps=tuple(parse(x) for x in s.steps), prompts=tuple(parse(x) for x in s.prompts),
            opt_out=parse(s.opt_out or ""), **common,
        )  # fmt: skip

    def make_discussion(self, s: DiscussionSlide, title, common, path):
        return d.DiscussionSlide(
            title=parse(s.title) if s.title else plain("Discussion"),
            questions_heading=QUESTIONS + _timed(s.minutes) if s.minutes else "",
            questions=tuple(parse(q) for q in s.questions), **common,
        )  # fmt: skip

    def make_image(self, s: ImageSlide, title, common, path):
        pos = self.doc.pos(path + ("image",))
        picture = self.made.pictures.get((pos.file.parent, s.image))
        if picture is None:
            picture = check_picture(s.image, pos.file.parent, self.root, pos)  # relative to the file that names it
            self.made.pictures[pos.file.parent, s.image] = picture
        return d.ImageSlide(
            title=title, picture=picture, alt=s.alt, caption=parse(s.caption or ""), **common
        )

    def make_two_column(self, s: TwoColumnSlide, title, common, path):
        def column(c) -> d.Column:
            return d.Column(heading=parse(c.heading or ""), paras=_paras(c.bullets))

        return d.TwoColumnSlide(title=title, left=column(s.left), right=column(s.right), **common)

    def make_statement(self, s: StatementSlide, title, common, path):
        return d.StatementSlide(title=parse(s.title or ""), text=parse(s.text), **common)

    # ------------------------------------------------------------ references

    def lookup(self, ref: str, want: str, path: tuple) -> tuple[Entry, object]:
        entry, item = self.library.lookup(ref, want, self.doc.pos(path))
        self.citing.append(entry)
        self.works.append((entry.article, None, entry.year))
        return entry, item

    def find(self, ref: str, want: str, path: tuple) -> None:
        try:
            self.lookup(ref, want, path)
        except DeckError as error:
            self.problems.extend(error)

    def references(self) -> d.ReferencesSlide:
        """Return every cited work on one slide: the fit stage continues it on as many as it needs."""
        entries = sorted(self.cited.values(), key=lambda entry: citations.sort_key(entry.article))
        return d.ReferencesSlide(title=plain(REFERENCES), entries=tuple(citations.reference(e.article, e.year) for e in entries),
                                 sources=tuple(e.doc.pos(("title",)) for e in entries),
                                 where=self.doc.key_pos(("sources",)))  # fmt: skip


def resolve(outline: Outline, doc: Document, library: Library, root: Path,
            handout: d.Handout | None = None, made: Made | None = None) -> d.Deck:  # fmt: skip
    """Return the Deck of `outline`: for its audience, or for a handout's audience and style.

    A handout leaves out the slides marked `handout: false` and those for other audiences.
    Decks of one outline resolved with one `made` share their slides.
    """
    audience = handout.audience if handout else outline.audience
    library.tell_apart(_articles(outline, library))  # "n.d.-a" only beside another work the deck cites
    deck = _Resolver(outline, doc, library, root, audience, handout, made or Made()).deck()
    if handout is not None and handout.style == "evaluation":  # a form: of the slides, it shows the title only
        deck = msgspec.structs.replace(deck, slides=deck.slides[:1])
    return deck


# The heading of each handout style but notes, whose heading names its audience.
HEADINGS = {"worksheet": "Worksheet", "slides": "Slides", "evaluation": "Evaluation form"}
# The usual audiences, each with the heading of its notes handout (any other audience's: "Notes").
KNOWN_AUDIENCES = {
    "clinicians": "Clinician notes", CLIENTS: "Client notes", "educators": "Educator notes",
    "participants": "Participant notes",
}  # fmt: skip


def handouts(outline: Outline, doc: Document, paper: str | None = None) -> list[d.Handout]:
    """Return the handouts a deck asks for (by default one for its audience).

    `paper` (the command line's) wins over an entry's own.
    """
    if outline.handouts is not None:
        problems = Problems()
        chosen = [_handout(outline, h.audience, h.style, paper or h.paper, h.large_print) for h in outline.handouts]
        _one_file_each(chosen, doc, problems)
        problems.raise_if_any()
        return chosen
    return [_handout(outline, _default_audience(outline), "worksheet" if outline.audience == CLIENTS else "notes",
                     paper)]  # fmt: skip


def _default_audience(outline: Outline) -> str:
    """Return the audience of the handout a deck gets when it asks for none."""
    return outline.audience or "participants"


def check_outline(outline: Outline, doc: Document, problems: Problems) -> None:
    """Report what the model of one entry cannot see: ids given twice, audiences no output is for."""
    _unique_ids(outline, doc, problems)
    _known_audiences(outline, doc, problems)
    _client_styles(outline, doc, problems)


def _client_styles(outline: Outline, doc: Document, problems: Problems) -> None:
    """Report an evaluation handout for clients: its form rates CE objectives, which clients do not get."""
    for i, h in enumerate(outline.handouts or ()):
        if h.style == "evaluation" and h.audience == CLIENTS:
            problems.add("an evaluation form is CE material: it rates the learning objectives, which clients do "
                         "not get", doc.pos(("handouts", i, "style")),
                         "make the evaluation form for the CE audience (clinicians), or give clients another style")


def _unique_ids(outline: Outline, doc: Document, problems: Problems) -> None:
    """Report a section id or slide id given twice: overrides and links name one section or slide."""
    sections: dict[str, Position] = {}
    slides: dict[str, Position] = {}
    for si, section in enumerate(outline.sections):
        if section.id is not None:
            problems.once(sections, section.id, doc.pos(("sections", si, "id")), f"section id '{section.id}'",
                          "give each section its own `id:`")  # fmt: skip
        for sj, slide in enumerate(section.slides):
            if slide.id is not None:
                problems.once(slides, slide.id, doc.pos(("sections", si, "slides", sj, "id")),
                              f"slide id '{slide.id}'", "give each slide its own `id:`")  # fmt: skip


def _known_audiences(outline: Outline, doc: Document, problems: Problems) -> None:
    """Report an audience that is a typo: a handout's that nothing names, a slide's that no output is for.

    A slide for an audience that neither the deck, its handouts nor `audiences:` names would silently
    be left out of everything; a handout's audience that nothing mentions would filter nothing; a
    wording (`for:`) for an audience that nothing is built for, or that its slide is not for, is never shown.
    """
    listed = set(names(outline.audiences))
    slide_audiences = {a for s in outline.sections for slide in s.slides for a in names(slide.audience)}
    named = {*KNOWN_AUDIENCES, outline.audience or "", *slide_audiences, *listed}
    for i, h in enumerate(outline.handouts or ()):
        if h.audience not in named:
            problems.add(f"unknown audience '{h.audience}' for a handout", doc.pos(("handouts", i, "audience")),
                         did_you_mean(h.audience, named - {""}))  # fmt: skip
    handed = ([h.audience for h in outline.handouts if h.audience in named] if outline.handouts is not None
              else [_default_audience(outline)])  # an unknown one is a typo, reported above: no wording is for it
    built = {*listed, *handed} | ({outline.audience} if outline.audience else set())
    _worded_audiences(outline, doc, built, problems)
    if outline.audience is None:  # the deck shows every slide
        return
    for si, section in enumerate(outline.sections):
        for sj, slide in enumerate(section.slides):
            path = ("sections", si, "slides", sj, "audience")
            for k, audience in enumerate(names(slide.audience)):
                if audience not in built:
                    where = doc.pos(path if isinstance(slide.audience, str) else path + (k,))
                    problems.add(f"no deck or handout is for audience '{audience}'",
                                 where, _audience_hint(audience, built))  # fmt: skip


def _worded_audiences(outline: Outline, doc: Document, built: set[str], problems: Problems) -> None:
    """Report a wording for an audience that nothing is built for, or that its slide is not shown to."""
    entries = [(("closing",), outline.closing, ())] if outline.closing else []
    entries += [(("sections", si, "slides", sj), slide, names(slide.audience))
                for si, section in enumerate(outline.sections) for sj, slide in enumerate(section.slides)]  # fmt: skip
    for path, entry, only in entries:
        for audience in entry.for_:
            where = doc.key_pos(path + ("for", audience))
            if audience not in built:
                problems.add(f"no deck or handout is for audience '{audience}'", where, _audience_hint(audience, built))
            elif only and audience not in only:
                problems.add(f"this slide is only for {', '.join(only)}: its wording for '{audience}' is never shown",
                             where, f"add {audience} to the slide's `audience:`, or remove this wording")  # fmt: skip


def _audience_hint(audience: str, built: set[str]) -> str:
    """Suggest the audience meant, or say which there are and where to name another."""
    return did_you_mean(audience, built, list_all=False) or (
        "the deck and its handouts are for " + ", ".join(sorted(built)) + "; name other audiences in `audiences:`")


def _handout(outline: Outline, audience: str, style: str, paper: str | None, large_print: bool = False) -> d.Handout:
    """Return a handout with the heading that names what it is (and an evaluation handout's form)."""
    heading = HEADINGS.get(style) or KNOWN_AUDIENCES.get(audience, "Notes")
    form = _evaluation(outline) if style == "evaluation" else None
    return d.Handout(audience=audience, style=style, large_print=large_print, paper=paper, heading=heading,
                     evaluation=form)  # fmt: skip


SCALE = ("not at all, or poor", "completely, or excellent")  # what a rating of 1 and of 5 mean
# What a CE evaluation form asks: APA CE sponsors have each objective and the presenter rated.
EVALUATION = d.Evaluation(
    scale=SCALE,
    instructions=f"Circle one number for each line: 1 = {SCALE[0]}, 5 = {SCALE[1]}.",
    objectives_heading=OBJECTIVES,
    objectives_question="How well was this objective met?",
    ratings_heading="The workshop",
    ratings=("The presenter\u2019s knowledge of the subject", "The usefulness of the content",
             "The content\u2019s relevance to your practice"),
    questions=("What was most useful?", "What could be improved?", "How will you use this in your practice?"),
)  # fmt: skip


def _evaluation(outline: Outline) -> d.Evaluation:
    """Return the evaluation form of a workshop: its details and one rating for each of its objectives."""
    hours = outline.ce_hours if outline.ce_hours is not None else (outline.duration or 0) // 30 / 2
    details = (("Presenter", ", ".join(x for x in _presenter(outline) if x)), ("Date", _date(outline)),
               ("CE hours", f"{hours:g}" if hours else ""), ("Level", (outline.level or "").capitalize()))  # fmt: skip
    return msgspec.structs.replace(EVALUATION, details=tuple((k, v) for k, v in details if v),
                                   objectives=tuple((d.Run(f"{i}. "),) + parse(x)
                                                    for i, x in enumerate(outline.objectives, 1)))  # fmt: skip


def _presenter(outline: Outline) -> tuple[str, str]:
    """Return the presenter as the title slide names them: name and credentials, and organization."""
    if not outline.presenter:
        return "", ""
    p = outline.presenter if isinstance(outline.presenter, Presenter) else Presenter(name=outline.presenter)
    return ", ".join(x for x in (p.name, p.credentials) if x), p.organization or ""


def _date(outline: Outline) -> str:
    """Return the workshop's date written out: "December 5, 2026"."""
    return f"{outline.date:%B} {outline.date.day}, {outline.date.year}" if outline.date else ""


def _one_file_each(chosen: list[d.Handout], doc: Document, problems: Problems) -> None:
    """Report a handout whose file name an earlier one already has: it would overwrite it."""
    first: dict[str, int] = {}
    for i, name in enumerate(file_names("handout", doc.file.stem, chosen)):
        if name in first:
            other = chosen[first[name]].audience
            hint = ("handouts of one audience need another style or large_print; remove one of them"
                    if other == chosen[i].audience else
                    f"'{other}' and '{chosen[i].audience}' give one file name: write the audience the same way in both")  # fmt: skip
            problems.add(f"this handout would have the same file name as handout {first[name] + 1}: {name}",
                         doc.pos(("handouts", i)), hint)  # fmt: skip
        first.setdefault(name, i)


def source_paths(sources, doc: Document, root: Path) -> list[Path]:
    """Return the library files and folders a deck draws on (its `sources`); they must be inside the
    workspace."""
    problems = Problems()
    paths = []
    explicit = "sources" in doc.data
    for i, source in enumerate(names(sources)):
        pos = doc.pos(("sources", i)) if explicit else doc.pos(())
        path = locate(source, pos.file.parent, root, pos, problems)  # relative to the file that names it
        if path is None:
            continue
        if is_folder(path):
            paths.append(path)
        elif explicit:  # the default folder may be missing
            try:
                check_file(path, pos, "source", source)
                paths.append(path)
            except DeckError as error:
                problems.extend(error)
    problems.raise_if_any()
    return paths


def _paras(bullets) -> tuple[d.Para, ...]:
    paras: list[d.Para] = []
    for item in bullets:
        if isinstance(item, list):
            paras.extend(d.Para(parse(x), 1) for x in item)
        else:
            paras.append(d.Para(parse(item), 0))
    return tuple(paras)


def _quoted(runs: d.Rich) -> d.Rich:
    """Return text inside quotation marks, as running text shows a quotation."""
    return (d.Run(QUOTATION_MARKS[0]),) + runs + (d.Run(QUOTATION_MARKS[1]),)


def _notes(notes: str | None) -> tuple[d.Para, ...]:
    if not notes:
        return ()
    return tuple(d.Para(parse(line.strip())) for line in notes.splitlines() if line.strip())


def _names(article: Article) -> str:
    names = [citations.display_name(n) for n in article.author_names]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]} et al."


def _articles(outline: Outline, library: Library, principles_only: bool = False) -> set[str]:
    """Return the library articles the outline cites, or only those whose principles it shows (on
    any slide, for any audience, so that its deck and its handouts cite and number them alike)."""
    refs = []
    for slide in (slide for section in outline.sections for slide in section.slides):
        if isinstance(slide, PrincipleSlide):
            refs.append(slide.principle)
        elif isinstance(slide, PrinciplesSlide):
            refs += slide.principles
        elif isinstance(slide, QuoteSlide) and not principles_only:
            refs.append(slide.quote)
        if not principles_only:
            refs += names(slide.cite)
    return {article for article in (str(ref).partition("/")[0] for ref in refs) if article in library.entries}


def section_minutes(section: Section) -> float | None:
    """Return a section's minutes: its own, else the sum of its slides' that say theirs."""
    if section.minutes is not None:
        return section.minutes
    known = [s.minutes for s in section.slides if s.minutes is not None]
    return sum(known) if known else None


def section_timings(sections: list[Section]) -> list[tuple[float | None, str]]:
    """Return each section's minutes and the timing cue its speaker notes start with: its planned
    clock time from the session start, "0:25 - 0:45, 20 minutes". A section without minutes has
    none, and neither have the sections after it: when they start is not known."""
    timings: list[tuple[float | None, str]] = []
    start: float | None = 0.0
    for section in sections:
        minutes = section_minutes(section)
        if minutes is None or start is None:
            start = None
            timings.append((minutes, ""))
            continue
        timings.append((minutes, f"{_clock(start)} - {_clock(start + minutes)}, {minutes_text(minutes)}"))
        start += minutes
    return timings


def _clock(minutes: float) -> str:
    """Return a time from the session start: "0:25", "1:30", "0:02:30" for two and a half minutes."""
    whole = int(minutes)
    seconds = round((minutes - whole) * 60)
    return f"{whole // 60}:{whole % 60:02d}" + (f":{seconds:02d}" if seconds else "")


def _timed(minutes: float | None) -> str:
    """Return what a heading adds for a slide's minutes: " · 10 minutes" ("" without)."""
    return f" \u00b7 {minutes_text(minutes)}" if minutes else ""


def minutes_text(value: float) -> str:
    """Return "25 minutes", "1 minute", "2.5 minutes"."""
    value = int(value) if float(value).is_integer() else value
    return f"{value} minute" + ("" if value == 1 else "s")
