"""Check built decks as a person sees them: rendered by LibreOffice as PowerPoint would draw them.

PowerPoint does not shrink text when it opens a file, so a copy of each deck with every autofit
turned into `a:noAutofit` is converted to PDF, and `pdftotext -raw -bbox` gives each drawn word's
box in the order it was drawn: shape by shape, even where overflowing text runs over another shape
(`-bbox-layout` orders by reading position and interleaves them). The words of every text shape of the .pptx are matched to the page in order, character by character,
so that a word wrapped by character, Arabic drawn right to left or an auto-numbered list still
match. Findings:

- a word drawn outside the box of its shape (more than `TOLERANCE` points),
- a word of the slide missing from its page (pushed off the slide and clipped),
- body text (not muted asides such as citations) without a size, or smaller than `min_body`,
- body text that the template sizes alike drawn in more than one size on one slide.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

EMU_PER_PT = 12700
AUTO_NUMBER = 4  # letters a viewer may draw between a shape's own: list numbers such as "12."
TOLERANCE = 2.0  # points a word may stray past its box: the viewers' metrics differ slightly
BODY = {"body", "obj", "subTitle"}
_DRAWN_PARTS = re.compile(r"ppt/(slides|slideLayouts|slideMasters)/[^/]+\.xml$")
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NS = {"a": _A, "p": _P}


@dataclass(frozen=True)
class Finding:
    """One thing a person would see wrong on a slide."""

    deck: str
    slide: int
    shape: str
    word: str
    kind: str  # outside, missing (placement); unsized, small, mixed (body text sizes)
    reason: str

    def __str__(self) -> str:
        return f"{self.deck} slide {self.slide}, {self.shape}: {self.word!r} {self.reason}"


@dataclass(frozen=True)
class _Word:
    """A word of a text shape, and where its letters sit in the shape's letter string."""

    text: str
    start: int
    end: int


@dataclass
class _Shape:
    """A text shape of a slide: its name, box in points, words and letters."""

    name: str
    box: tuple[float, float, float, float]  # left, top, right, bottom
    words: list[_Word]
    letters: str


@dataclass(frozen=True)
class _Drawn:
    """A word as drawn on a page: its letters and its box in slide points."""

    letters: str
    box: tuple[float, float, float, float]


def need(tool: str) -> str:
    """Return the tool's path; skip locally when it is missing, fail under CI=true."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (apt-get install -y libreoffice-impress poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def check(decks: dict[Path, float], workdir: Path) -> dict[Path, list[Finding]]:
    """Render each deck (path -> its theme's `min_body`) as PowerPoint draws it; return its findings."""
    workdir.mkdir(parents=True, exist_ok=True)
    copies = [as_drawn(pptx, workdir / f"{i:02d}-{pptx.stem}.pptx") for i, pptx in enumerate(decks)]
    pdfs = to_pdf(copies, workdir)
    return {pptx: inspect(pptx, pdf, min_body) for (pptx, min_body), pdf in zip(decks.items(), pdfs)}


def as_drawn(pptx: Path, out: Path) -> Path:
    """Copy `pptx` to `out` with every autofit replaced by `a:noAutofit`: text drawn as written."""
    with zipfile.ZipFile(pptx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, _no_autofit(data) if _DRAWN_PARTS.match(item.filename) else data)
    return out


def _no_autofit(xml: bytes) -> bytes:
    """Return a slide, layout or master part with each `a:normAutofit` and `a:spAutoFit` made `a:noAutofit`."""
    from lxml import etree

    root = etree.fromstring(xml)
    for fit in root.iter(f"{{{_A}}}normAutofit", f"{{{_A}}}spAutoFit"):
        fit.getparent().replace(fit, etree.Element(f"{{{_A}}}noAutofit"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def to_pdf(pptxs: list[Path], outdir: Path) -> list[Path]:
    """Convert decks to PDF with one LibreOffice run (it takes seconds to start) in a private profile."""
    subprocess.run(
        [need("libreoffice"), "--headless", f"-env:UserInstallation={(outdir / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, pptxs)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    pdfs = [outdir / f"{p.stem}.pdf" for p in pptxs]
    missing = [p.name for p in pdfs if not p.exists()]
    assert not missing, f"LibreOffice made no PDF: {missing}"
    return pdfs


def inspect(pptx: Path, pdf: Path, min_body: float) -> list[Finding]:
    """Return the findings of one deck, given its rendering as PowerPoint draws it."""
    from pptx import Presentation

    prs = Presentation(pptx)
    pages = _pages(pdf, prs.slide_width / EMU_PER_PT)
    assert len(pages) == len(prs.slides), f"{pdf.name}: {len(pages)} pages for {len(prs.slides)} slides"
    return [Finding(pptx.name, number, *found)
            for number, (slide, page) in enumerate(zip(prs.slides, pages), 1)
            for found in (*_placement(slide, page), *_sizes(slide, min_body))]  # fmt: skip


def summary(findings: list[Finding], limit: int = 40) -> str:
    """Return findings for a failure message: counts by kind, then the first `limit` of them."""
    counts = Counter(f.kind for f in findings)
    head = f"{len(findings)} findings: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    return "\n".join([head] + [str(f) for f in findings[:limit]])


# ------------------------------------------------------------------ words on the page


def _pages(pdf: Path, slide_width: float) -> list[list[_Drawn]]:
    """Return the words of each page in drawing order, their boxes in slide points."""
    from lxml import etree

    xhtml = subprocess.run([need("pdftotext"), "-raw", "-bbox", str(pdf), "-"],
                           check=True, capture_output=True, timeout=120).stdout  # fmt: skip
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in etree.fromstring(xhtml).iterfind(".//h:page", ns):
        scale = slide_width / float(page.get("width"))
        words = [_Drawn(_letters(w.text or ""), _em_box([float(w.get(k)) * scale for k in ("xMin", "yMin", "xMax", "yMax")]))
                 for w in page.iterfind("h:word", ns)]  # fmt: skip
        pages.append(_logical([w for w in words if w.letters]))
    return pages


def _em_box(box: list[float]) -> tuple[float, float, float, float]:
    """Return a word's box without the top and bottom tenth of its height.

    pdftotext spans a word from the font's ascent to its descent (1.15-1.3 em), more than the line
    that holds it: a fitting word's box pokes that much past a tight box.
    """
    trim = (box[3] - box[1]) / 10
    return box[0], box[1] + trim, box[2], box[3] - trim


def _letters(text: str) -> str:
    """Return the letters and digits of `text`, compatibility-normalised and case-folded.

    Bullets, punctuation, emoji and their selectors are left out: fonts draw them unreliably.
    A right-to-left word gives its letters sorted: PDF text holds it in visual order, with
    ligatures such as lam-alef in logical order inside it.
    """
    letters = "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())
    return "".join(sorted(letters)) if _rtl(letters) else letters


def _rtl(letters: str) -> bool:
    return sum(unicodedata.bidirectional(ch) in ("R", "AL") for ch in letters) * 2 > len(letters)


def _logical(words: list[_Drawn]) -> list[_Drawn]:
    """Put runs of right-to-left words, which PDF text holds in visual order, back in reading order."""
    out: list[_Drawn] = []
    run: list[_Drawn] = []
    for word in words:
        if _rtl(word.letters):
            run.append(word)
        else:
            out += run[::-1] + [word]
            run = []
    return out + run[::-1]


# ------------------------------------------------------------------ words of the slide


def _shapes(slide) -> list[_Shape]:
    """Return the text shapes of a slide with their boxes (inherited from the layout when not set)."""
    shapes = []
    for shape in slide.shapes:
        if not shape.has_text_frame or shape.width is None:
            continue
        words, letters = [], ""
        for p in shape.text_frame._txBody.iterfind("a:p", _NS):
            for token in _paragraph_text(p).split():
                key = _letters(token)
                words.append(_Word(token, len(letters), len(letters) + len(key)))
                letters += key
        left, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
        box = (left, top, left + shape.width / EMU_PER_PT, top + shape.height / EMU_PER_PT)
        shapes.append(_Shape(shape.name, box, words, letters))
    return shapes


def _paragraph_text(p) -> str:
    """Return the text of an a:p: runs and fields, a line break as a space."""
    return "".join(" " if child.tag == f"{{{_A}}}br" else _text(child)
                   for child in p if child.tag in (f"{{{_A}}}r", f"{{{_A}}}fld", f"{{{_A}}}br"))  # fmt: skip


def _text(run) -> str:
    """Return the text of a run or field (its a:t)."""
    return "".join(t.text or "" for t in run.iterfind("a:t", _NS))


def _placement(slide, page: list[_Drawn]):
    """Yield (shape, word, kind, reason) for words drawn outside their shape's box or missing from the page.

    The longest shapes are matched first, so a short one cannot take their words.
    """
    letters = "".join(w.letters for w in page)
    owner = [i for i, w in enumerate(page) for _ in w.letters]
    claimed = [False] * len(owner)
    for shape in sorted(_shapes(slide), key=lambda s: -len(s.letters)):
        matched = _match(shape.letters, letters, claimed)
        for word in shape.words:
            hits = [owner[m] for m in matched[word.start : word.end] if m is not None]
            if len(hits) * 2 < word.end - word.start:
                yield shape.name, word.text, "missing", "is missing from the page"
                continue
            # a page word drawn mostly with this word's letters (one word may wrap onto two lines)
            boxes = [page[i].box for i in set(hits) if hits.count(i) * 2 >= len(page[i].letters)]
            stray = max((_outside(box, shape.box) for box in boxes), default=0.0)
            if stray > TOLERANCE:
                yield shape.name, word.text, "outside", f"is drawn {stray:.1f} pt outside its box"


def _match(letters: str, page: str, claimed: list[bool]) -> list[int | None]:
    """Align a shape's letters with the page's unclaimed letters; claim and return the matches.

    A shape's text is drawn in one stretch, so only the longest stretch of aligned pieces counts:
    a clipped word must not match the same word in another shape. Short coincidences (under 3
    letters) are not matches, unless the shape holds no more than that (a slide number).
    """
    masked = "".join("\0" if taken else ch for ch, taken in zip(page, claimed))
    shortest = min(3, len(letters))
    blocks = [block for block in difflib.SequenceMatcher(None, letters, masked, autojunk=False).get_matching_blocks()
              if block.size >= shortest]  # fmt: skip
    stretches: list[list] = []
    for block in blocks:
        last = stretches[-1][-1] if stretches else None
        if last and block.b - (last.b + last.size) <= block.a - (last.a + last.size) + AUTO_NUMBER:
            stretches[-1].append(block)
        else:
            stretches.append([block])
    matched: list[int | None] = [None] * len(letters)
    for a, b, size in max(stretches, key=lambda s: sum(block.size for block in s), default=[]):
        for k in range(size):
            matched[a + k] = b + k
            claimed[b + k] = True
    return matched


def _outside(box, limit) -> float:
    """Return how far (points) `box` reaches outside `limit`; both are (left, top, right, bottom)."""
    return max(limit[0] - box[0], limit[1] - box[1], box[2] - limit[2], box[3] - limit[3], 0.0)


# ------------------------------------------------------------------ sizes


def _sizes(slide, min_body: float):
    """Yield (shape, word, kind, reason) for body runs without a size or below `min_body`, and for body
    text that the template sizes alike drawn in two sizes."""
    sizes: dict[float, dict[float, list[str]]] = defaultdict(lambda: defaultdict(list))
    for shape in slide.shapes:
        if _placeholder_type(shape) not in BODY:
            continue
        for p in shape.text_frame._txBody.iterfind("a:p", _NS):
            designed = _designed_size(slide, shape, int(p.xpath("string(a:pPr/@lvl)") or 0))
            for r in p.iterfind("a:r", _NS):
                props = r.find("a:rPr", _NS)
                words = _text(r).split()
                if not words or _muted(props):
                    continue
                sz = props.get("sz") if props is not None else None
                if sz is None:
                    yield shape.name, words[0], "unsized", "has no size written"
                elif int(sz) / 100 < min_body:
                    yield (
                        shape.name,
                        words[0],
                        "small",
                        f"is {int(sz) / 100:g} pt, below min_body {min_body:g} pt",
                    )
                size = int(sz) / 100 if sz is not None else designed
                sizes[designed][size].append(shape.name)
    for drawn in sizes.values():
        if len(drawn) > 1:
            names = ", ".join(sorted({name for names in drawn.values() for name in names}))
            listed = ", ".join(f"{size:g}" for size in sorted(drawn))
            yield (
                names,
                "",
                "mixed",
                f"body text sized alike by the template is drawn in {len(drawn)} sizes: {listed} pt",
            )


def _placeholder_type(shape) -> str | None:
    ph = shape._element.find("p:nvSpPr/p:nvPr/p:ph", _NS)
    return None if ph is None else ph.get("type", "obj")


def _muted(props) -> bool:
    """A run with a color of its own is a muted aside (citation, time, opt-out), not body text."""
    return props is not None and props.find("a:solidFill", _NS) is not None


def _designed_size(slide, shape, level: int) -> float:
    """Return the size the template gives text of `level` in a placeholder: its lists, then the master's."""
    tag = f"a:lvl{level + 1}pPr/a:defRPr"
    holders = [shape]
    while (base := getattr(holders[-1], "_base_placeholder", None)) is not None:
        holders.append(base)
    for holder in holders:
        found = holder._element.find(f"p:txBody/a:lstStyle/{tag}", _NS)
        if found is not None and found.get("sz"):
            return int(found.get("sz")) / 100
    style = slide.slide_layout.slide_master._element.find(f"p:txStyles/p:bodyStyle/{tag}", _NS)
    return int(style.get("sz")) / 100 if style is not None and style.get("sz") else 18.0
