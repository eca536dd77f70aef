"""Importing a PowerPoint deck: `deckbuilder import pptx FILE.pptx` writes an outline from it.

The file passes the same safe gate as a theme's template (writers/opc.py), then python-pptx reads
the clean package rebuilt from it. Each slide becomes the outline entry of its kind: titles,
bullets with their levels and bold and italic runs, speaker notes, pictures (saved into
decks/images/<name>/ with their alt text), two columns, quotes; section headers and PowerPoint's
own sections start sections. What deckbuilder itself generates (title slide, objectives, agenda,
section headers, references, closing) goes back into the outline's fields, so that building the
import makes those slides once. What cannot be imported is named in a `# check:` comment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import os
import re
import shutil
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..deck import text_of
from ..errors import DeckError, Position, Problem, Problems
from ..fit import CONTINUED
from ..library import Library, load_library, slug
from ..markup import parse
from ..model import MAX_ID, MAX_ITEMS, MAX_LINE, MAX_LONG_TEXT, MAX_TEXT
from ..resolve import AGENDA, CONTENT_NOTE, DISCLOSURE, OBJECTIVES, OBJECTIVES_LEAD, QUESTIONS, REFERENCES, REFLECT, STEPS, TOTAL
from ..workspace import refuse_outside, temp_beside
from .yamltext import Entry, Note, dump

SCHEMA_LINE = "yaml-language-server: $schema=../schemas/deck.schema.json"
MADE_BY = "deckbuilder"  # docProps/app.xml's Application in the decks deckbuilder builds
APP = "docProps/app.xml"
APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
READ_HINT = "open it in PowerPoint or Impress, save it as a PowerPoint Presentation (.pptx) and import that"
_MINUTES = r"(\d+(?:\.\d+)?) minutes?"
_CITATION = re.compile(r"^\(.+\)$")
_PRINCIPLE_TITLE = re.compile(r"^(.+) (\d+): (.+)$")
_NUMBERED = re.compile(r"^(\d+)\. (.+)$")
# What python-pptx raises on a part that is well-formed but not as PowerPoint writes it (a missing layout).
UNREADABLE = (KeyError, ValueError, AttributeError, TypeError, IndexError)


@dataclass
class Para:
    """A paragraph as read: its level, its text with `**`/`*` marks, and its plain text."""

    level: int
    text: str
    plain: str
    bold: bool = False  # every run of it is bold
    italic: bool = False
    unbulleted: bool = False  # its bullet is turned off (a:buNone), as on an exercise's opt-out line


@dataclass
class Body:
    """A text shape of a slide and where it sits."""

    left: int
    top: int
    paras: list[Para]


@dataclass
class Picture:
    """A picture of a slide: its bytes, its file extension and its alt text ("" for none)."""

    blob: bytes
    ext: str
    alt: str


@dataclass
class Seen:
    """One slide as read from the file."""

    number: int
    layout: str
    title: str
    centered: bool  # its title is a title slide's (ctrTitle)
    subtitle: str  # a title slide's subtitle (subTitle)
    bodies: list[Body]
    pictures: list[Picture]
    notes: str
    left_out: list[str] = field(default_factory=list)
    hidden: bool = False  # PowerPoint skips it in the slide show

    @property
    def paras(self) -> list[Para]:
        """Return the paragraphs of all its text shapes, top to bottom."""
        return [p for body in self.bodies for p in body.paras]


def import_pptx(file: Path, root: Path, name: str | None = None, force: bool = False) -> list[Path]:
    """Write decks/<name>.yaml (and its pictures) from the presentation `file`; return what was written.

    Everything is read and made before anything is written; the outline and the pictures folder
    take their places only once both are complete.
    """
    from ..scaffold import check_name

    name = name if name is not None else _name(file)
    check_name(name)
    decks = root / "decks"
    target, images = decks / f"{name}.yaml", decks / "images" / name
    _refuse_existing(target, images, force)
    prs, ours = _open(file)
    importer = _Importer(prs, ours, _library(root), f"images/{name}")
    try:
        outline = importer.outline(file)
    except UNREADABLE as error:
        raise _unreadable(file, error) from None
    made = f"Imported from {file.name} by `deckbuilder import pptx`; lines marked `# check:` need a look."
    header = [SCHEMA_LINE, made, *importer.checks]
    for path in (target, images):
        refuse_outside(path, root, Position(file))
    _write(target, dump(outline, header), images, importer.files)
    return [target] + ([images] if importer.files else [])


def _name(file: Path) -> str:
    """Return the deck name a file's stem gives: its slug, at most MAX_ID characters."""
    return slug(file.stem)[:MAX_ID].strip("-") or "imported"


def _refuse_existing(target: Path, images: Path, force: bool) -> None:
    """Refuse to replace a deck, or pictures already in its folder, unless `force` says so."""
    if force:
        return
    if os.path.lexists(target):
        raise DeckError(Problem("a deck of this name exists already", Position(target),
                                "choose another name with --name, or replace it with --force"))  # fmt: skip
    if images.is_dir() and any(images.iterdir()):
        raise DeckError(Problem("the folder for the deck's pictures holds files already", Position(images),
                                "choose another name with --name, or replace them with --force"))  # fmt: skip


def _open(file: Path):
    """Return the presentation in `file` and whether deckbuilder made it; DeckError if it is none."""
    from pptx import Presentation

    from ..writers.opc import HINT, Unusable, read

    if not os.path.lexists(file):
        raise DeckError(Problem("no such file", Position(file), "check the path of the .pptx to import"))
    if os.path.isfile(file) and os.path.getsize(file) == 0:
        raise DeckError(Problem("the file is empty", Position(file), "import a PowerPoint presentation (.pptx)"))
    try:
        contents = read(file)
        prs = Presentation(io.BytesIO(contents.zipped()))
    except Unusable as error:
        hint = READ_HINT if error.hint == HINT else error.hint
        raise DeckError(Problem(f"cannot import this file: {error.reason}", Position(file), hint)) from None
    except UNREADABLE as error:
        raise _unreadable(file, error) from None
    app = contents.root(APP).findtext(APP_NS + "Application") if APP in contents.parts else None
    return prs, app == MADE_BY


def _unreadable(file: Path, error: Exception) -> DeckError:
    """Return the error for a package that passed the gate but holds a part python-pptx cannot use."""
    return DeckError(Problem(f"cannot import this file: python-pptx cannot read it ({type(error).__name__}: "
                             f"{error})", Position(file), READ_HINT))  # fmt: skip


def _library(root: Path) -> Library | None:
    """Return the workspace's article library, to find quotes and principles in: an article that does
    not load is simply not matched."""
    folder = root / "decks" / "articles"
    return load_library([folder], Problems(), root) if folder.is_dir() else None


def _write(target: Path, text: str, images: Path, files: dict[str, bytes]) -> None:
    """Write the outline and its pictures folder, each taking its place in one step; an old pictures
    folder is put back when the outline cannot take its place."""
    folder = temp_beside(images) if files else None
    old = images.with_name(f".{images.name}.{os.getpid()}.old")
    outline = temp_beside(target)
    try:
        if folder is not None:
            folder.mkdir(parents=True)
            for file_name, blob in files.items():
                (folder / file_name).write_bytes(blob)
        outline.write_text(text, encoding="utf-8")
        if folder is not None:
            if images.exists():
                os.rename(images, old)
            os.replace(folder, images)
        os.replace(outline, target)
    except OSError as error:
        if folder is not None:
            if old.exists():  # the old pictures go back: the workspace stays as it was
                shutil.rmtree(images if not folder.exists() else folder, ignore_errors=True)
                with suppress(OSError):
                    os.rename(old, images)
            shutil.rmtree(folder, ignore_errors=True)
        outline.unlink(missing_ok=True)
        pictures = folder is not None and str(error.filename or "").startswith(str(folder))
        raise DeckError(Problem(f"cannot write {'this folder' if pictures else 'this file'}: {error.strerror or error}",
                                Position(images if pictures else target),
                                "check that you may write to the workspace's decks/ folder")) from None  # fmt: skip
    finally:
        shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- reading slides


def seen(slide, number: int) -> Seen:
    """Return what a slide shows: its title, text shapes, pictures, notes and what cannot be imported."""
    title = subtitle = ""
    centered = False
    bodies: list[Body] = []
    pictures: list[Picture] = []
    left_out: list[str] = []
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    for shape in _shapes(slide.shapes, left_out):
        role = shape.placeholder_format.type if shape.is_placeholder else None
        if hasattr(shape, "image") and _has_image(shape):
            picture = _picture(shape, left_out)
            pictures.extend([picture] if picture else [])
        elif not shape.has_text_frame or role in (PH.SLIDE_NUMBER, PH.FOOTER, PH.DATE):
            continue
        elif role in (PH.TITLE, PH.CENTER_TITLE) and not title:
            title, centered = _line(shape.text_frame), role == PH.CENTER_TITLE
        elif role == PH.SUBTITLE and not subtitle:
            subtitle = _line(shape.text_frame)
        else:
            paras = _paras(shape.text_frame)
            if paras:
                bodies.append(Body(shape.left or 0, shape.top or 0, paras))
    notes = ""
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        notes = "\n".join(p.text for p in _paras(slide.notes_slide.notes_text_frame))
    bodies.sort(key=lambda b: (b.top, b.left))
    return Seen(number, slide.slide_layout.name or "", title, centered, subtitle, bodies, pictures, notes, left_out,
                slide._element.get("show") in ("0", "false"))  # fmt: skip


def _shapes(shapes, left_out: list[str]):
    """Yield the shapes that hold text or pictures, those of groups too; name those that cannot be imported."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(shape.shapes, left_out)
        elif getattr(shape, "has_table", False) and shape.has_table:
            table = shape.table
            left_out.append(f"a table ({len(table.rows)} rows, {len(table.columns)} columns): "
                            "type its content as bullets, or show it as a picture")  # fmt: skip
        elif getattr(shape, "has_chart", False) and shape.has_chart:
            left_out.append("a chart: show it as a picture (in PowerPoint, right-click it and Save as Picture)")
        elif shape.shape_type == MSO_SHAPE_TYPE.MEDIA:
            left_out.append("a video or sound, which deckbuilder decks do not play")
        elif shape.shape_type in (MSO_SHAPE_TYPE.EMBEDDED_OLE_OBJECT, MSO_SHAPE_TYPE.LINKED_OLE_OBJECT) or (
                shape.shape_type is None and shape._element.tag.endswith("}graphicFrame")):  # fmt: skip
            left_out.append("a diagram or embedded object: type its content as bullets, or show it as a picture")
        else:
            yield shape


def _has_image(shape) -> bool:
    """Return whether a picture shape (or picture placeholder) holds an image."""
    try:
        return shape.image is not None
    except (ValueError, AttributeError, KeyError):
        return False


def _picture(shape, left_out: list[str]) -> Picture | None:
    """Return a picture with its alt text (the descr of its cNvPr; a file name says nothing), or None
    for one that Pillow cannot read (a Windows metafile), which is named in `left_out`."""
    from PIL import Image, UnidentifiedImageError

    from ..checks.a11y import FILE_NAME

    blob = shape.image.blob
    try:
        with Image.open(io.BytesIO(blob)) as image:
            image.load()  # a Windows metafile opens, and only fails here
            ext = {"JPEG": "jpg", "MPO": "jpg"}.get(image.format, str(image.format).lower())
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        left_out.append("a picture in a format deckbuilder does not show (such as a Windows metafile): "
                        "save it as PNG or JPEG, put it in decks/images/ and add an image slide")  # fmt: skip
        return None
    alt = " ".join((shape._element.xpath("./*[1]/p:cNvPr/@descr") or [""])[0].split())
    return Picture(blob, ext, "" if FILE_NAME.match(alt) else alt[:MAX_TEXT])


def _line(frame) -> str:
    """Return a title as one line of marked text; a title set wholly in bold or italics is plain, since
    its layout gives titles their look."""
    return " ".join(p.plain if p.bold or p.italic else p.text for p in _paras(frame))


def _paras(frame) -> list[Para]:
    """Return the paragraphs of a text frame that hold text."""
    from pptx.oxml.ns import qn

    found = []
    for paragraph in frame.paragraphs:
        runs = [(r.text.replace("\v", " "), bool(r.font.bold), bool(r.font.italic)) for r in paragraph.runs]
        plain = " ".join("".join(t for t, _, _ in runs).split())
        if plain:
            shown_runs = [r for r in runs if r[0].strip()]
            unbulleted = paragraph._p.pPr is not None and paragraph._p.pPr.find(qn("a:buNone")) is not None
            found.append(Para(paragraph.level, _marked(runs), plain, all(b for _, b, _ in shown_runs),
                              all(i for _, _, i in shown_runs), unbulleted))  # fmt: skip
    return found


def _marked(runs: list[tuple[str, bool, bool]]) -> str:
    """Return runs as the format's text: `**bold**`, `*italic*`; `$` kept from meaning a variable."""
    pieces = []
    for (bold, italic), group in itertools.groupby(runs, key=lambda r: (r[1], r[2])):
        text = "".join(t for t, _, _ in group)
        core = text.strip()
        if not core or not (bold or italic):
            pieces.append(text)
            continue
        marks = ("**" if bold else "") + ("*" if italic else "")
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        pieces.append(f"{lead}{marks}{core}{marks[::-1]}{trail}")
    text = " ".join("".join(pieces).split())
    return re.sub(r"\$(?=[${])", "$$", text)


# ---------------------------------------------------------------- making the outline


class _Importer:
    """Turns the slides of one presentation into an outline's fields and sections."""

    def __init__(self, prs, ours: bool, library: Library | None, images: str) -> None:
        self.prs, self.ours, self.images = prs, ours, images
        self.width = prs.slide_width or 12192000  # EMU; PowerPoint's 16:9 when the file does not say
        self.quotes, self.principles = _index(library)
        self.library = library
        self.fields: dict = {}
        self.sections: list[Entry] = []
        self.files: dict[str, bytes] = {}  # picture file name -> bytes
        self.names: dict[str, str] = {}  # a picture's digest -> its file name
        self.checks: list[str] = []  # what the outline's header says was left out

    def outline(self, file: Path) -> dict:
        """Return the outline's fields, in the order the format lists them."""
        starts = _powerpoint_sections(self.prs)
        slides = [seen(slide, i) for i, slide in enumerate(self.prs.slides, 1)]
        for s, slide in zip(slides, self.prs.slides):
            if slide.slide_id in starts and not self.is_section(s):
                self.section(starts[slide.slide_id], [])
            self.take(s)
        title = self.fields.pop("title", None) or self.prs.core_properties.title or _first_title(slides) or file.stem
        order = ("subtitle", "presenter", "date", "duration", "objectives", "disclosure", "content_note")
        outline = {"title": _clip(title, MAX_LINE)} | {k: self.fields[k] for k in order if k in self.fields}
        for section in self.sections:
            if section.fields["title"] is None:  # the slides before any section
                alone = len(self.sections) == 1
                section.fields["title"] = "Slides" if alone else "Introduction"
                section.comments.append("check: the deck had no sections: name this one, or split the slides into sections"
                                    if alone else "check: the slides before the first section: name this section")  # fmt: skip
        outline["sections"] = self.sections
        if "closing" in self.fields:
            outline["closing"] = self.fields["closing"]
        return outline

    # ------------------------------------------------------------ one slide

    def take(self, s: Seen) -> None:
        """Turn one slide into outline fields, a section, or the entries of slides."""
        if s.number == 1 and (s.centered or s.subtitle):
            return self.title_slide(s)
        if self.is_section(s):
            return self.header(s)
        if self.ours and self.generated(s):
            return
        entries = self.content(s)
        if not self.sections:
            self.section(None, [])
        slides = self.sections[-1].fields["slides"]
        if not (self.ours and slides and s.title.endswith(CONTINUED) and _join(slides[-1], entries, s.title)):
            slides.extend(entries)

    def title_slide(self, s: Seen) -> None:
        """Read the title slide: title, subtitle and (in a deck of ours) the byline."""
        self.fields["title"] = s.title
        subtitle = s.subtitle or (" ".join(p.text for p in s.paras) if not self.ours else "")
        if subtitle:
            self.fields["subtitle"] = _clip(subtitle, MAX_LINE)
        if s.subtitle and s.paras and not self.ours:
            self.checks.append(f"check: the title slide's other text was left out: {_quoted(_plain(s.paras))}; "
                               "a presenter's name goes in `presenter:`")  # fmt: skip
        if s.notes:
            self.checks.append(f"check: the title slide's speaker notes were left out: {_quoted(s.notes)}")
        if self.ours:
            byline = [p.text for p in s.paras]
            dates = [line for line in byline if _date(line)]
            if dates:
                self.fields["date"] = _date(dates[0])
                byline.remove(dates[0])
            if len(byline) == 1:
                self.fields["presenter"] = byline[0]
            elif len(byline) >= 2:
                self.fields["presenter"] = {"name": byline[0], "organization": " ".join(byline[1:])}

    def is_section(self, s: Seen) -> bool:
        """Return whether a slide is a section header: its layout says so."""
        return "section" in s.layout.lower() and bool(s.title)

    def header(self, s: Seen) -> None:
        """Start a section at a section header; in a deck of ours its label gives the minutes."""
        comments = []
        label = " ".join(p.plain for p in s.paras)
        minutes = _minutes(label) if self.ours else None
        if label and not self.ours:
            comments.append(f"check: the section slide's text was left out: {_quoted(label)}")
        if s.notes and not self.ours:
            comments.append(f"check: the section slide's speaker notes were left out: {_quoted(s.notes)}")
        self.section(s.title, comments, minutes)

    def section(self, title: str | None, comments: list[str], minutes: float | None = None) -> None:
        """Start a section; one without a title (the slides before any) is named once all are read."""
        section: dict = {"title": title if title is None else _clip(title, MAX_LINE)}
        if minutes is not None:
            section["minutes"] = minutes
        self.sections.append(Entry(section | {"slides": []}, comments))

    def generated(self, s: Seen) -> bool:
        """Take a slide deckbuilder generates into the outline's fields; return whether it was one."""
        text = " ".join(p.text for p in s.paras)
        title = s.title.removesuffix(CONTINUED)  # objectives, agenda and references continue when long
        if title in (DISCLOSURE, CONTENT_NOTE) and not self.sections:
            self.fields["disclosure" if title == DISCLOSURE else "content_note"] = text
        elif title == OBJECTIVES and not self.sections:
            self.fields.setdefault("objectives", []).extend(p.text for p in s.paras if p.plain != OBJECTIVES_LEAD)
        elif title == AGENDA and not self.sections:
            total = [p for p in s.paras if p.plain.startswith(TOTAL)]
            if total and _minutes(total[0].plain) is not None:
                self.fields["duration"] = _minutes(total[0].plain)
        elif title == REFERENCES:
            pass
        elif s.layout == "Closing":
            self.fields["closing"] = {"title": s.title} | ({"text": text} if text else {})
        else:
            return False
        return True

    def content(self, s: Seen) -> list[Entry]:
        """Return the outline entries of a content slide (a picture beside text gives two)."""
        common = {"title": _clip(s.title, MAX_LINE)} if s.title else {}
        comments = [f"check: left out {what}" for what in s.left_out]
        if not s.title:
            comments.append("check: this slide had no title; it takes its section's title")
        if s.hidden:
            comments.append("check: this slide was hidden in PowerPoint; remove it if it is not to be shown")
        made = self.ours_kind(s, common) if self.ours else None
        if made is None:
            made = self.plain_kinds(s, common, comments)
        entries = made if isinstance(made, list) else [Entry(made)]
        entries[0].comments[:0] = comments
        if s.notes:
            entries[0].fields["notes"] = _clip(s.notes, MAX_LONG_TEXT)
        return entries

    def plain_kinds(self, s: Seen, common: dict, comments: list[str]) -> dict | list[Entry]:
        """Return the entries of a slide read as any deck's: pictures, two columns or bullets."""
        if s.pictures:
            captions = s.paras if len(s.paras) <= 1 else []
            images = [Entry(self.image(p, s, k, common, captions)) for k, p in enumerate(s.pictures, 1)]
            if captions or not s.paras:
                return images
            comments.append("check: this slide had pictures beside its text; they follow on slides of their own")
            return [Entry(common | {"bullets": _bullets(s.paras, comments)})] + images
        if "quote" in s.layout.lower() and (s.title or s.paras):
            return self.quotation(s, common, comments)
        columns = _columns(s, self.width)
        if columns:
            return common | {"left": _column(columns[0], comments), "right": _column(columns[1], comments)}
        if "statement" in s.layout.lower() and s.title and not s.paras:
            return {"text": common.pop("title")} | common
        return common | {"bullets": _bullets(s.paras, comments)}

    def quotation(self, s: Seen, common: dict, comments: list[str]) -> dict:
        """Return a quote layout's slide: its quotation (the longest of its texts) as a quote of the library,
        else as a statement followed by the rest of its text (the attribution)."""
        texts = [s.title] + [p.text for p in s.paras]
        quote = max(texts, key=len)
        ref = _choose(self.quotes.get(_words(quote.strip("\u201c\u201d\""))))
        if quote == s.title:
            common.pop("title")
        if ref:
            return {"quote": ref} | common
        comments.append("check: a quotation: add it to an article of the library and write "
                        "`quote: article/id`, so that its source is cited")  # fmt: skip
        rest = [t for t in texts[1:] if t != quote]
        return {"text": " ".join([quote, *rest])} | common

    def image(self, p: Picture, s: Seen, k: int, common: dict, captions: list[Para]) -> dict:
        """Return an image entry, its picture saved once into the deck's images folder."""
        digest = hashlib.sha256(p.blob).hexdigest()
        if digest not in self.names:
            file_name = f"slide{s.number}" + (f"-{k}" if len(s.pictures) > 1 else "") + f".{p.ext}"
            self.names[digest] = file_name
            self.files[file_name] = p.blob
        entry = common | {"image": f"{self.images}/{self.names[digest]}",
                          "alt": p.alt if p.alt else Note("", "check: alt text missing")}  # fmt: skip
        if captions:
            entry["caption"] = captions[0].text
        return entry

    def ours_kind(self, s: Seen, common: dict) -> dict | None:
        """Return the entry of a slide deckbuilder made, read by its layout and the library; None for
        the slides read as any deck's are."""
        section = self.sections[-1].fields["title"] if self.sections else None
        if s.title == section:
            common.pop("title", None)
        if s.layout == "Quote" and s.bodies:
            ref = _choose(self.quotes.get(_plain(s.bodies[0].paras)))
            if ref:
                return common | {"quote": ref}
        cites = self.citation(s)
        if cites:
            common["cite"] = cites
        if s.layout == "Statement" and s.title:
            title = {"title": s.paras[0].text} if s.paras else {}
            return {"text": s.title} | title | {k: v for k, v in common.items() if k != "title"}
        return self.principle(s, common) or self.exercise(s, common) or self.discussion(s, common)

    def citation(self, s: Seen) -> list[str]:
        """Take the citation line deckbuilder ends a slide with; return the articles it cites."""
        if not s.bodies or not _CITATION.match(s.bodies[-1].paras[-1].plain):
            return []
        refs = _cited(s.bodies[-1].paras[-1].plain, self.library)
        if refs:
            s.bodies[-1].paras.pop()
            if not s.bodies[-1].paras:
                s.bodies.pop()
        return refs

    def principle(self, s: Seen, common: dict) -> dict | None:
        """Return a principle or principles entry whose titles the library has."""
        match = _PRINCIPLE_TITLE.match(text_of(parse(s.title)))
        own = {k: v for k, v in common.items() if k != "cite"}  # a principle cites its article itself
        shown = _words(" ".join(p.plain for p in s.paras))
        if match and (ref := _choose(self.principles.get((int(match[2]), _words(match[3]))), shown)):
            return {"principle": ref} | {k: v for k, v in own.items() if k != "title"}
        tops = [p for p in s.paras if p.level == 0]
        refs = [_choose(self.principles.get(_numbered(p.plain)), shown) for p in tops]
        if tops and all(refs):
            return own | {"principles": refs}
        return None

    def exercise(self, s: Seen, common: dict) -> dict | None:
        """Return an exercise: steps under STEPS, prompts under REFLECT, an opt-out line without a bullet
        last."""
        columns = _columns(s, self.width)
        if not columns or len(columns[0]) < 2 or len(columns[1]) < 2:
            return None
        steps_heading, reflect = _plain(columns[0][0].paras), _plain(columns[1][0].paras)
        if not steps_heading.startswith(STEPS) or reflect != REFLECT:
            return None
        steps = [p.text for b in columns[0][1:] for p in b.paras]
        prompts = [p for b in columns[1][1:] for p in b.paras]
        entry = common | _timed(steps_heading) | {"steps": steps}
        opt_out = prompts.pop() if prompts and prompts[-1].unbulleted else None
        entry["prompts"] = [p.text for p in prompts]
        if opt_out:
            entry["opt_out"] = opt_out.text.removeprefix("*").removesuffix("*")
        return entry

    def discussion(self, s: Seen, common: dict) -> dict | None:
        """Return a discussion: its questions under a bold "Questions · N minutes"."""
        paras = s.paras
        if len(s.bodies) != 1 or len(paras) < 2 or not paras[0].bold or not paras[0].plain.startswith(QUESTIONS):
            return None
        return common | _timed(paras[0].plain) | {"questions": [p.text for p in paras[1:]]}


def _join(last: Entry, entries: list[Entry], title: str) -> bool:
    """Join a slide that deckbuilder continued ("Many points (cont.)") to the part before it: its lists
    go on that entry's. Return False when the two are not parts of one entry."""
    before, after = last.fields, entries[0].fields
    if len(entries) > 1 or before.get("title", "") != title.removesuffix(CONTINUED):
        return False
    lists = [k for k in after if isinstance(after[k], list) and k != "cite"]
    columns = [k for k in ("left", "right") if k in after]
    if not (lists or columns) or not all(isinstance(before.get(k), list) for k in lists):
        return False
    if not all(isinstance(before.get(k), dict) for k in columns):
        return False
    for key in lists:
        before[key] = before[key] + after[key]
    for key in columns:
        before[key]["bullets"] = before[key].get("bullets", []) + after[key].get("bullets", [])
    if "opt_out" in after:
        before["opt_out"] = after["opt_out"]
    return True


class _Found(NamedTuple):
    """A quote or principle of the library: its reference, and its summary's words ("" for none)."""

    ref: str
    summary: str = ""
    summaries: int = 0  # how many principles of its article have a summary: a draft's have none


def _index(library: Library | None) -> tuple[dict[str, list[_Found]], dict[tuple[int, str], list[_Found]]]:
    """Return the library's quotes by their plain text, and its principles by number and title (each
    with every article that has it: an imported draft may repeat an article of the library)."""
    quotes: dict = {}
    principles: dict = {}
    for entry in (library.entries.values() if library else ()):
        summaries = _finished(entry)
        for quote in entry.article.quotes:
            quotes.setdefault(_words(quote.text), []).append(_Found(f"{entry.id}/{quote.id}", "", summaries))
        for principle in entry.article.principles:
            principles.setdefault((principle.number, _words(principle.title)), []).append(
                _Found(f"{entry.id}/{principle.number}", _words(principle.summary or ""), summaries))
    return quotes, principles


def _finished(entry) -> int:
    """Return how many principles of an entry have a summary: an imported draft's have none."""
    return sum(1 for principle in entry.article.principles if principle.summary)


def _choose(found: list[_Found] | None, shown: str = "") -> str | Note | None:
    """Return the reference to what a slide shows: of several articles that have it, the one whose
    summary the slide shows too, else the most finished one, with a comment naming the others."""
    if not found:
        return None
    fitting = [f for f in found if f.summary and f.summary in shown] or found
    best, *others = sorted(fitting, key=lambda f: -f.summaries)
    return Note(best.ref, "check: also in " + ", ".join(f.ref for f in others)) if others else best.ref


def _cited(text: str, library: Library | None) -> list[str]:
    """Return the articles whose in-text citations, joined, read `text`: "(Burgo, n.d.; Kift, n.d.)"."""
    from ..citations import joined, told_apart

    if library is None:
        return []
    near = [e for e in library.entries.values() if joined([(e.article, None, e.year)])[1:-1].split(",")[0] in text]
    near.sort(key=lambda e: -_finished(e))  # a finished entry before a draft of the same article
    for count in range(1, min(len(near), 4) + 1):
        for group in itertools.combinations(near, count):
            years = [year for year, _ in told_apart([e.article for e in group])]  # as a deck citing these only
            if joined([(e.article, None, year) for e, year in zip(group, years)]) == text:
                return [e.id for e in group]
    return []


def _columns(s: Seen, width: int) -> tuple[list[Body], list[Body]] | None:
    """Return a slide's text shapes as two columns side by side, or None when they are not."""
    left = [b for b in s.bodies if b.left < width * 0.4]
    right = [b for b in s.bodies if b.left >= width * 0.4]
    return (left, right) if left and right else None


def _column(bodies: list[Body], comments: list[str]) -> dict:
    """Return one column: a heading when it has a one-line shape above its text, and bullets."""
    column: dict = {}
    if len(bodies) > 1 and len(bodies[0].paras) == 1:
        column["heading"] = _clip(bodies[0].paras[0].text, MAX_LINE)
        bodies = bodies[1:]
    column["bullets"] = _bullets([p for b in bodies for p in b.paras], comments)
    return column


def _bullets(paras: list[Para], comments: list[str]) -> list:
    """Return paragraphs as bullets: a paragraph below level 0 goes into a nested list."""
    bullets: list = []
    if any(p.level > 1 for p in paras):
        comments.append("check: points nested more than one level deep are set one level deep")
    if any(len(p.text) > MAX_TEXT for p in paras):
        comments.append(f"check: a point longer than {MAX_TEXT:,} characters was cut: split it")
    for p in paras:
        text = p.text[:MAX_TEXT]
        if p.level == 0:
            bullets.append(text)
        elif bullets and isinstance(bullets[-1], list):
            bullets[-1].append(text)
        else:
            bullets.append([text])
    if len(bullets) > MAX_ITEMS or any(isinstance(b, list) and len(b) > MAX_ITEMS for b in bullets):
        comments.append(f"check: only the first {MAX_ITEMS} points were kept: split the slide")
    return [b[:MAX_ITEMS] if isinstance(b, list) else b for b in bullets[:MAX_ITEMS]]


def _powerpoint_sections(prs) -> dict[int, str]:
    """Return PowerPoint's own sections (p14:sectionLst): the id of each one's first slide -> its name."""
    starts = {}
    for section in prs.part._element.iter(P14 + "section"):
        ids = [int(s.get("id")) for s in section.iter(P14 + "sldId")]
        if ids:
            starts[ids[0]] = section.get("name") or None
    return starts


def _first_title(slides: list[Seen]) -> str:
    """Return the first slide title, which names a deck that has no title slide."""
    return next((s.title for s in slides if s.title), "")


def _numbered(text: str) -> tuple[int, str] | None:
    """Return the number and title of a principle as a principles slide lists it ("3. Title")."""
    match = _NUMBERED.match(text) or _PRINCIPLE_TITLE.match(text)
    return (int(match[match.re.groups - 1]), _words(match[match.re.groups])) if match else None


def _plain(paras: list[Para]) -> str:
    """Return paragraphs as one line of plain text, to compare with what deckbuilder writes."""
    return " ".join(p.plain for p in paras)


def _words(text: str) -> str:
    """Return the text a reader sees, its spaces made one, to compare."""
    return " ".join(text_of(parse(text)).split())


def _minutes(text: str) -> float | None:
    """Return the minutes a label shows ("Part 2 · 20 minutes"), or None."""
    match = re.search(_MINUTES, text)
    return float(match[1]) if match else None


def _timed(heading: str) -> dict:
    """Return the `minutes` a heading such as "Steps · 8 minutes" shows, if it shows any."""
    minutes = _minutes(heading)
    return {"minutes": minutes} if minutes is not None else {}


def _date(text: str) -> dt.date | None:
    """Return the date of a byline line written as the title slide writes it: "December 5, 2026"."""
    try:
        return dt.datetime.strptime(text, "%B %d, %Y").date()
    except ValueError:
        return None


def _clip(text: str, most: int) -> str | Note:
    """Return text within `most` characters, or cut, with a comment saying so."""
    return text if len(text) <= most else Note(text[:most], f"check: cut to {most:,} characters")


def _quoted(text: str) -> str:
    """Return text for a comment: on one line, shortened."""
    from ..errors import shorten

    return "\u201c" + shorten(" ".join(text.split()), 120) + "\u201d"
