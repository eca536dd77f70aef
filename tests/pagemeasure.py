"""Printed handouts measured as a reader holds them: Chromium prints the PDF, poppler reads each page.

Where pages break exists only in the printout: in print emulation the browser still lays a document
out as one long page, and break-inside, orphans, widows and break-after move content by amounts that
a division of that page cannot tell. So the handout is printed (Playwright's page.pdf, the printing of
`--pdf`), and each page is read from the PDF: `pdftotext -bbox` gives every drawn word with its page
and box, and a grey raster of the page (`pdftoppm`) gives the ink that has no text: writing lines,
rules and tinted panels. The browser's layout of the same document at the printed width says only
what belongs together (a heading and the lines after it, a prompt and its writing lines), never where
a page ends.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from rendercheck import need

DPI = 72  # one raster row per point
INK = 235  # a grey darker than this is ink (tinted panels and rules count; paper white does not)
PX_PER_PT = 96 / 72
UNITS_PT = {"in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pt": 1.0, "px": 0.75}
_WORD = re.compile(
    r'<page width="([\d.]+)" height="([\d.]+)">|'
    r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
)

# What belongs together, read from the browser's layout of the handout (in CSS px, one long page):
# the text of each heading, the text that each block of writing lines follows (a prompt's), and
# the references, the paragraphs; and how much must follow a heading or a prompt on its page.
_GROUPS = """() => {
  const main = document.querySelector('main');
  const lineBoxes = el => {  // the bottoms of el's text lines and writing lines, in order
    const out = [];
    const walk = node => {
      if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
        const range = document.createRange(); range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.height > 0) out.push(r.bottom);
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.matches('.line, img')) out.push(node.getBoundingClientRect().bottom);
        else for (const c of node.childNodes) walk(c);
      }
    };
    walk(el);
    return [...new Set(out.map(Math.round))].sort((a, b) => a - b);
  };
  const after = h => {  // the lines that follow a heading in its part of the handout (its card, or main)
    const siblings = [...h.parentElement.children], bottom = h.getBoundingClientRect().bottom;
    return siblings.slice(siblings.indexOf(h) + 1).flatMap(lineBoxes).filter(b => b > bottom + 1);
  };
  const squeeze = words => words.replace(/\\s+/g, ' ').trim();
  const text = el => squeeze(el.innerText);
  const next = el => {  // the start of the text printed after el, which tells el's text from its repeats
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    walker.currentNode = el;
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (!el.contains(node) && node.textContent.trim()) return node.textContent.trim().slice(0, 12);
    return '';
  };
  const headings = [...main.querySelectorAll('h1, h2, h3, h4')].filter(h => text(h)).map(h => {
    const rest = after(h), own = lineBoxes(h);
    return {text: text(h), next: next(h), below: rest.length ? rest[Math.min(1, rest.length - 1)] - own[own.length - 1] : 0};
  });
  const before = el => {  // the last text printed before el
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    let last = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) break;
      if (node.textContent.trim()) last = node;
    }
    return last;
  };
  const writing = [...main.querySelectorAll('.lines')].map(lines => {  // a prompt's text, or what the lines follow
    const prompt = lines.closest('.prompt')?.querySelector('p'), node = prompt || before(lines);
    const own = lineBoxes(node), all = lineBoxes(lines);
    const said = prompt ? text(prompt) : squeeze(node.textContent);
    return {text: said, whole: !!prompt, next: next(lines), below: all[all.length - 1] - own[own.length - 1]};
  });
  const references = [...main.querySelectorAll('.references h2, .references p')].map(text);
  const paragraphs = [...main.querySelectorAll('p, li:not(:has(ul, ol)), blockquote:not(:has(p)), figcaption, td')]
    .filter(el => text(el)).map(el => ({text: text(el), next: next(el)}));
  return {headings, writing, references, paragraphs};
}"""


@dataclass(frozen=True)
class Word:
    """A word drawn on a page: its top and bottom in points from the top of the page."""

    page: int
    top: float
    bottom: float
    text: str


@dataclass(frozen=True)
class Page:
    """A printed page: its content area (inside the margins) and its lowest ink, in points from its top."""

    number: int
    top: float
    bottom: float
    ink: float  # the lowest row of the content area that holds ink (`top` on a blank page)

    @property
    def fill(self) -> float:
        """Return how much of the content area is used: from its top to the lowest ink."""
        return (self.ink - self.top) / (self.bottom - self.top)

    def ink_below(self, y: float) -> float:
        """Return how far ink reaches below `y` on this page (0 when none does)."""
        return max(self.ink - y, 0.0)


@dataclass(frozen=True)
class Printed:
    """A handout as printed: its pages, its words in drawing order, and what belongs together."""

    pdf: Path
    pages: tuple[Page, ...]
    words: tuple[Word, ...]
    groups: dict

    def find(self, text: str, start: int = 0, then: str = "") -> tuple[int, int]:
        """Return the indices of the first and last word of `text` printed at or after word `start`."""
        found = self.locate(text, start, then)
        assert found, f"{text!r} is not printed in {self.pdf.name} after word {start}"
        return found

    def locate(self, text: str, start: int = 0, then: str = "") -> tuple[int, int] | None:
        """Return the first and last word of `text` printed at or after word `start`, followed (list numbers
        aside) by `then` where that is printed as written; None where poppler reads `text` back otherwise
        (a right-to-left script, a character the font draws as another)."""
        letters, owner = _stream(self.words)
        wanted = _plain(text)
        for pattern in (re.escape(wanted) + ".{0,6}?" + re.escape(_plain(then)), re.escape(wanted)):
            match = re.compile(pattern).search(letters, bisect.bisect_left(owner, start)) if wanted else None
            if match:
                return owner[match.start()], owner[match.start() + len(wanted) - 1]
        return None

    def lines_on(self, first: int, last: int) -> dict[int, int]:
        """Return, per page, how many printed lines words `first`..`last` take."""
        lines: dict[int, set[int]] = {}
        for word in self.words[first : last + 1]:
            lines.setdefault(word.page, set()).add(round(word.bottom))
        return {page: len(bottoms) for page, bottoms in lines.items()}


def measure(browser, handout: Path, pdf: Path) -> Printed:
    """Print `handout` to `pdf` with Chromium and measure each printed page."""
    page = browser.new_page()
    page.goto(handout.as_uri())
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    words, sizes = _words(pdf)
    margins = page.evaluate(
        "[...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r instanceof CSSPageRule)"
        ".map(r => [r.style.marginTop, r.style.marginRight, r.style.marginBottom, r.style.marginLeft])[0]"
    )
    top, right, bottom, left = (_points(m) for m in margins)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round((sizes[0][0] - left - right) * PX_PER_PT), "height": 1000})
    groups = page.evaluate(_GROUPS)
    page.close()
    for group in ("headings", "writing"):
        for item in groups[group]:
            item["below"] /= PX_PER_PT
    pages = tuple(
        Page(number, top, height - bottom, ink)
        for number, ((_, height), ink) in enumerate(zip(sizes, _ink(pdf, (top, bottom), sizes)), 1)
    )
    inside = tuple(w for w in words if top < (w.top + w.bottom) / 2 < pages[w.page - 1].bottom)  # no footer
    return Printed(pdf, pages, inside, groups)


def _points(length: str) -> float:
    """Return a CSS length such as '0.7in' in points."""
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", length.strip()).groups()
    return float(number) * UNITS_PT[unit]


def _words(pdf: Path) -> tuple[list[Word], list[tuple[float, float]]]:
    """Return the words of `pdf` in drawing order and each page's width and height, in points."""
    out = subprocess.run([need("pdftotext"), "-raw", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout  # fmt: skip
    words, sizes = [], []
    for match in _WORD.finditer(out):
        if match.group(1):
            sizes.append((float(match.group(1)), float(match.group(2))))
        else:
            top, bottom, text = float(match.group(3)), float(match.group(4)), html.unescape(match.group(5))
            words.append(Word(len(sizes), top, bottom, text))
    return words, sizes


def _ink(pdf: Path, margins: tuple[float, float], sizes: list) -> list[float]:
    """Return the lowest ink of each page's content area (between the `margins`, top and bottom), in points."""
    lowest = []
    with tempfile.TemporaryDirectory(prefix="pagemeasure-") as folder:
        subprocess.run([need("pdftoppm"), "-gray", "-r", str(DPI), str(pdf), f"{folder}/p"], check=True)
        for raster, (_, height) in zip(sorted(Path(folder).glob("p-*.pgm")), sizes):
            with Image.open(raster) as image:
                top, bottom = margins[0] * DPI / 72, (height - margins[1]) * DPI / 72
                area = image.crop((0, int(top), image.width, int(bottom)))
                box = area.point(lambda grey: 255 if grey < INK else 0).getbbox()
            lowest.append((int(top) + box[3] if box else top) * 72 / DPI)
    return lowest


def _plain(text: str) -> str:
    """Return text as it is compared with a printout: compatibility forms, no case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@functools.lru_cache(maxsize=8)
def _stream(words: tuple[Word, ...]) -> tuple[str, list[int]]:
    """Return the words' letters as one string, and the index of the word each letter belongs to."""
    letters, owner = [], []
    for index, word in enumerate(words):
        plain = _plain(word.text)
        letters.append(plain)
        owner.extend([index] * len(plain))
    return "".join(letters), tuple(owner)


def short_pages(printed: Printed, least: float = 1 / 3) -> list[str]:
    """Return the pages, the last one aside, less than `least` full."""
    return [f"page {p.number} is {p.fill:.0%} full" for p in printed.pages[:-1] if p.fill < least]


def stranded_headings(printed: Printed) -> list[str]:
    """Return the headings broken across pages, or printed without the start of what they head below them.

    A heading needs two lines of what follows it (all of it, when that is shorter), be it text or
    writing lines; `ink` under a line is a little less than its line box, hence the margin.
    """
    found, at = [], 0
    for heading in printed.groups["headings"]:
        first, last = printed.find(heading["text"], at, heading["next"])
        start, end, at = printed.words[first], printed.words[last], last + 1
        below, need = printed.pages[end.page - 1].ink_below(end.bottom), heading["below"]
        name = repr(heading["text"])
        if start.page != end.page:
            found.append(f"{name} is broken across pages {start.page}-{end.page}")
        elif below < 0.6 * need:
            found.append(f"{name} ends page {end.page} with {below:.0f} of {need:.0f} pt after it")
    return found


def parted_lines(printed: Printed) -> list[str]:
    """Return the writing lines printed apart from the prompt (or text) they follow, or the prompts broken
    across pages."""
    found, at = [], 0
    for lines in printed.groups["writing"]:
        first, last = printed.find(lines["text"], at, lines["next"])
        start, end = printed.words[first], printed.words[last]
        at = first  # the notes' lines may follow a prompt's, after the same text
        below, name = printed.pages[end.page - 1].ink_below(end.bottom), repr(lines["text"])
        if (lines["whole"] and start.page != end.page) or below < lines["below"] - 2:
            found.append(f"{name} on page {end.page} has {below:.0f} of {lines['below']:.0f} pt of lines")
    return found


def split_lines(printed: Printed, least: int = 2) -> list[str]:
    """Return the paragraphs broken across pages with fewer than `least` lines on one of them (orphans, widows)."""
    found, at = [], 0
    for paragraph in printed.groups["paragraphs"]:
        where = printed.locate(paragraph["text"], at, paragraph["next"])
        if where is None:  # not read back as written: not measured
            continue
        at, lines = where[0], printed.lines_on(*where)
        if len(lines) > 1 and min(lines.values()) < least:
            split = " / ".join(map(str, lines.values()))
            found.append(f"{paragraph['text']!r} is broken {split} lines on pages {min(lines)}-{max(lines)}")
    return found


def stranded_references(printed: Printed, least: int = 4) -> list[str]:
    """Return the pages that open with fewer than `least` lines of references and hold no more of them.

    All of the references, that short, may stand alone only where the page before has no room for them.
    """
    heading, *entries = printed.groups["references"] or [None]
    if heading is None:
        return []
    first, at = printed.find(heading, 0, entries[0] if entries else "")
    for entry in entries:
        at = printed.find(entry, at + 1)[1]
    found = []
    for number, lines in printed.lines_on(first, at).items():
        page = printed.pages[number - 1]
        opens = next(i for i, w in enumerate(printed.words) if w.page == number) >= first
        if not opens or lines >= least:
            continue
        alone = number == printed.words[first].page
        height = max(w.bottom for w in printed.words[first : at + 1] if w.page == number) - page.top
        before = printed.pages[number - 2] if number > 1 else None
        if not alone or (before and before.fill + height / (page.bottom - page.top) <= 1):
            found.append(f"page {number} holds only {lines} of the references' lines")
    return found
