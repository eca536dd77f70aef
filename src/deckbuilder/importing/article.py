"""A draft library entry from an article's text: `deckbuilder import article`.

The text (plain, or extracted from Markdown or HTML) is read as an article: its first line is the
title, a byline ("By Joseph Burgo", "Jeffery Smith MD") ends the body unless it stands under the
title, and so do reader comments and sign-up lines. From the body come the numbered principles
("Principle 7. Pendulation.", or "1." headings) with a verbatim excerpt each, and the quotations
that have a speaker: a passage in quotation marks with a name and a verb of saying before or after
it, or an em-dash attribution line after it. The draft is written as YAML text, so that what was
guessed carries a `# check: guessed` comment.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeckError, Position, Problem, shown
from ..library import slug
from ..load import FORBIDDEN, read_text
from ..model import ID_PATTERN, MAX_ID, MAX_LINE
from ..workspace import display_path, read_bytes, refuse_outside, within, write_whole
from .yamltext import Note, dump

MARKDOWN = (".md", ".markdown")
HTML = (".html", ".htm", ".xhtml")
MAX_QUOTE = 1500  # characters: a longer "passage" is quotation marks that do not pair up
_CRED = r"(?:[A-Z][A-Za-z]*[A-Z]|Ph\.D\.|Psy\.D\.|M\.D\.)"  # MD, MFT, PhD, LCSW, Ph.D.
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u1e00-\u1eff"  # Latin capitals: Łukasiewicz, Ðặng
# a word of a name: Allan, Maté, O'Neil, Müller-Łukasiewicz, J.
_WORD = rf"(?!{_CRED}(?:[,\s]|$))(?:[{_UPPER}](?:[^\W\d_]|['\u2019-](?=[^\W\d_]))+|[{_UPPER}]\.)"  # not MD, LCSW
_NAME = rf"(?:{_WORD})(?:[ \t]+(?:{_WORD})){{0,3}}"
_BYLINE = re.compile(rf"^(?P<by>By[ \t]+)?(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?[ \t]+)?(?P<name>(?:{_WORD})(?:[ \t]+(?:{_WORD})){{1,3}})"
                     rf"(?:,?[ \t]+(?P<cred>{_CRED}(?:,?[ \t]+{_CRED})*))?$")  # fmt: skip
_VERBS = """says|said|writes|wrote|explains|explained|adds|added|notes|noted|asks|asked|puts[ ]it|put[ ]it
    |states|stated|argues|argued|observes|observed|tells[ ]us|told[ ]us|makes|made|recalls|recalled|suggests
    |suggested|concludes|concluded|insists|insisted|replies|replied|remarks|remarked"""
# what may stand before a passage: 'Schore makes the following statement:', 'says Simpson,'
_BEFORE = re.compile(
    rf"""(?: (?P<a>{_NAME})[ \t]+(?:{_VERBS})\b[^.!?\u201c\u201d"\n]{{0,60}}?
           | \b(?:{_VERBS}|according[ ]to)[ \t]+(?P<b>{_NAME}) ) [,:]?\s*$""", re.X)  # fmt: skip
# and what after it: ', says Simpson', ' Tom Weller said', a line '— Thich Nhat Hanh'
_AFTER = re.compile(
    rf"""^[,.]?[ \t]*(?: (?:{_VERBS})[ \t]+(?P<a>{_NAME}) | (?P<b>{_NAME})[ \t]+(?:{_VERBS})\b
                      | \n?[ \t]*[\u2014\u2013]{{1,2}}[ \t]*(?P<c>{_NAME})[ \t]*(?:,|$) )""",
    re.X | re.M)  # fmt: skip
_NOT_NAMES = {"It", "He", "She", "They", "We", "I", "You", "This", "That", "The", "One", "A", "An", "There",
              "Here", "So", "And", "But", "As", "Then", "When", "Now", "Also", "Or", "If", "In", "Someone",
              "Everyone", "People", "Research", "Studies"}  # fmt: skip
_PRINCIPLE = re.compile(r"^(?:\#+[ \t]*)? Principle[ \t]+(\d{1,3}) [ \t]*[:.)\u2013\u2014-] \s* (.*)$",
                        re.I | re.X)  # fmt: skip
_NUMBERED = re.compile(r"^(\d{1,3})[.)][ \t\u00a0]+(\S.*)$")
_SENTENCE = re.compile(r".+?[.!?][\"\u201d\u2019)]*(?=\s|$)|.+$", re.S)
_END_LINES = re.compile(  # what follows an article: reader comments, sign-up lines, a publisher's note
    r"""^(?: \d+[ ](?:comments?|responses?|replies)\b.*
         | (?:leave[ ]a[ ](?:comment|reply) | add[ ](?:a[ ])?comment | post[ ]a[ ]comment | comments?
            | responses? | reply | references | tags | filed[ ]under | posted[ ]in | about[ ]the[ ]author
            | related[ ](?:posts|articles) | you[ ](?:may|might)[ ]also[ ]like
            | share[ ]this(?:[ ]article|[ ]post)? )[ \t]*[:.!]?
         | (?:subscribe|sign[ ]up|the[ ]preceding[ ]article)\b.*
         | (?:[a-z]+\.?[ ]\d{1,2},[ ]\d{4} | \d{1,2}/\d{1,2}/\d{2,4}),?[ ]at[ ]\d{1,2}:\d{2}.*  # a date
        )$""", re.I | re.X)  # fmt: skip
_QUOTED = re.compile(  # “a passage”, or "one" in straight marks that stays within its paragraph
    rf"""\u201c([^\u201c\u201d]{{1,{MAX_QUOTE}}})\u201d
       | (?<!\w)"((?:[^"\n]|\n(?![ \t]*\n)){{1,{MAX_QUOTE}}})"(?!\w)""", re.X)  # fmt: skip
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_SITE = re.compile(r"\b[A-Z][A-Za-z0-9-]*\.(?:org|com|net)\b")
_TOP = 3  # lines under the title where a byline opens the article instead of ending it


@dataclass
class Guess:
    """A value found in the text, and whether it is only a guess."""

    value: str
    guessed: bool = True


@dataclass
class Draft:
    """What an article's text gives for its library entry."""

    title: Guess
    author: Guess | None = None
    credentials: str | None = None
    site: Guess | None = None
    principles: list[tuple[int, str, str | None]] = field(default_factory=list)  # number, title, excerpt
    listed: bool = False  # the principles are a numbered list, not "Principle N"
    quotes: list[tuple[str, str, str]] = field(default_factory=list)  # id, text, speaker


# ---------------------------------------------------------------- reading


def read_article(path: Path) -> str:
    """Return an article's text: the file as it is, or the text of a Markdown or HTML file."""
    pos = Position(path)
    raw = read_bytes(path, pos, "article")
    if b"\x00" in raw[:8192]:
        raise DeckError(Problem("the article is not text (it holds binary data)", pos,
                                "import the article as plain text (.txt), Markdown (.md) or HTML (.html): "
                                "copy its text out of a PDF or a word processor first"))  # fmt: skip
    text = read_text(path)
    suffix = path.suffix.lower()
    text = markdown_text(text) if suffix in MARKDOWN else html_text(text) if suffix in HTML else text
    if not text.strip():
        raise DeckError(Problem("the article has no text", pos,
                                "import a file that holds the article's text"))  # fmt: skip
    return text


def markdown_text(source: str) -> str:
    """Return Markdown as plain text: one paragraph per block, without marks, links' text kept."""
    from markdown_it import MarkdownIt

    blocks, prefix = _front_matter(source), ""
    for token in MarkdownIt("commonmark").parse(_FRONT_MATTER.sub("", source, count=1)):
        if token.type == "list_item_open":
            prefix = f"{token.info}{token.markup} " if token.info else ""
        elif token.type == "inline":
            blocks.append(prefix + "".join(_inline(t) for t in token.children or ()))
            prefix = ""
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(blocks) + "\n"


def _front_matter(source: str) -> list[str]:
    """Return the title and the byline ("By ...") that a Markdown file's YAML front matter gives,
    as the first blocks of its text."""
    import yaml

    found = _FRONT_MATTER.match(source)
    try:
        meta = yaml.safe_load(found[1]) if found else None
    except yaml.YAMLError:
        meta = None
    if not isinstance(meta, dict):
        return []
    title, author = meta.get("title"), meta.get("author")
    return [title] * isinstance(title, str) + [f"By {author}"] * isinstance(author, str)


def _inline(token) -> str:
    """Return what an inline Markdown token says as text (images and raw HTML say nothing)."""
    if token.type in ("text", "code_inline"):
        return token.content
    return "\n" if token.type in ("softbreak", "hardbreak") else ""


_BLOCKS = ("p", "div", "section", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr",
           "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "table", "address")  # fmt: skip
_DROPPED = ("script", "style", "nav", "footer", "aside", "form", "noscript", "template", "iframe", "svg",
            "button", "select")  # fmt: skip


def html_text(source: str) -> str:
    """Return an HTML page's article as plain text: one paragraph per block, without navigation,
    scripts, styles, footers or comment sections; a title outside the article opens it."""
    from lxml import etree, html

    try:
        page = html.document_fromstring(source.encode("utf-8"), parser=html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):  # a page without any element
        return ""
    comments = "//*[contains(translate(@id, 'COMENT', 'coment'), 'comment') or " \
               "contains(translate(@class, 'COMENT', 'coment'), 'comment')]"
    header = "//header[not(ancestor::article) and not(ancestor::main)]"  # the site's, not the article's
    for element in page.xpath("|".join(f"//{tag}" for tag in _DROPPED) + f"|{header}|{comments}|//comment()"):
        if element.getparent() is not None and element.tag not in ("body", "article", "main"):
            element.drop_tree()
    main = (page.xpath("//article") or page.xpath("//main") or page.xpath("//body") or [page])[0]
    for element in main.iter(*_BLOCKS, "br"):
        if element.tag == "br":
            element.tail = "\u2028" + (element.tail or "")
            continue
        number = _item_number(element)
        element.text = "\u2029" + number + (element.text or "")
        element.tail = "\u2029" + (element.tail or "")
    text = _paragraphs(main.text_content())
    titles = [t for t in (page.xpath("string(//h1)"), page.findtext(".//title") or "") if t.strip()]
    if titles and not main.xpath(".//h1"):
        text = " ".join(titles[0].split()) + "\n\n" + text
    return text


def _item_number(element) -> str:
    """Return "N. " for an item of a numbered list, which a numbered principle may be."""
    parent = element.getparent()
    if element.tag != "li" or parent is None or parent.tag != "ol":
        return ""
    return f"{[c for c in parent if c.tag == 'li'].index(element) + 1}. "


def _paragraphs(content: str) -> str:
    """Return text whose blocks were marked with U+2029 and line breaks with U+2028 as paragraphs
    apart by blank lines, the source's own line breaks and runs of spaces made single spaces."""
    paragraphs = []
    for block in re.sub(r"[ \t\r\n\f\v]+", " ", content).split("\u2029"):
        lines = [line.strip() for line in block.split("\u2028")]
        if any(lines):
            paragraphs.append("\n".join(line for line in lines if line))
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


# ---------------------------------------------------------------- reading the article


def draft(text: str, name: str) -> Draft:
    """Return the entry an article's text gives; `name` (the file's) titles a text without a title."""
    lines = [line.strip() for line in text.splitlines()]
    at = [i for i, line in enumerate(lines) if line]
    first, site = at[0], None
    second = lines[at[1]] if len(at) > 1 else ""
    if _is_site(lines[first]) and _is_heading(second) and not (second.startswith("By ") or _byline(second)):
        site, first = Guess(lines[at[0]]), at[1]  # the blog's name, then the post's title
    if _is_heading(lines[first]):
        title, start = Guess(re.sub(r"^#\d+[.:]?\s+", "", lines[first])), first + 1
    else:
        title, start = Guess(re.sub(r"[-_]+", " ", Path(name).stem).strip().capitalize() or "Untitled"), first
    found = Draft(title=title, site=site)
    end = _body_end(lines, start, found)
    body = "\n".join(lines[start:end])
    found.site = found.site or _site("\n".join(lines[end:]))
    found.principles, found.listed = _principles(lines[start:end])
    taken = {slug(t) for _, t, _ in found.principles}
    found.quotes = _quotes(body, taken)
    return found


def _is_heading(line: str) -> bool:
    """Whether a line reads as a title: short, capitalized, not a sentence of a paragraph."""
    words = line.split()
    return (0 < len(words) <= 20 and len(line) <= MAX_LINE and not line.endswith((".", ",", ";", ":"))
            and (line[0].isupper() or line[0].isdigit() or line[0] in "#\u201c\"'"))  # fmt: skip


def _is_site(line: str) -> bool:
    """Whether a heading above the title names the site: a few words, each capitalized."""
    words = line.split()
    return _is_heading(line) and len(words) <= 5 and all(w[0].isupper() or not w[0].isalpha() for w in words)


def _site(tail: str) -> Guess | None:
    """Return a web site the text after the article names (GoodTherapy.org), as a guess."""
    found = _SITE.search(tail)
    return Guess(found.group()) if found else None


def _body_end(lines: list[str], start: int, found: Draft) -> int:
    """Return where the article's body ends (at a closing byline, comments or sign-up lines);
    a byline found on the way is the author."""
    seen = 0
    for i in range(start, len(lines)):
        line = lines[i]
        if not line:
            continue
        seen += 1
        byline = _byline(line)
        if byline:
            found.author = found.author or Guess(byline["name"], guessed=not byline["by"])
            found.credentials = found.credentials or _credentials(byline["cred"])
            if seen > _TOP:
                return i
        elif seen > 1 and _END_LINES.match(line):
            return i
    return len(lines)


def _byline(line: str) -> re.Match | None:
    """Return a line's byline match: a name after "By", or a name with credentials."""
    found = _BYLINE.match(line)
    if found and (found["by"] or found["cred"]) and found["name"].split()[0] not in _NOT_NAMES:
        return found
    return None


def _credentials(text: str | None) -> str | None:
    """Return a byline's credentials as a list in one line: "PhD, LMFT"."""
    return ", ".join(re.split(r",?[ \t]+", text)) if text else None


def _principles(lines: list[str]) -> tuple[list[tuple[int, str, str | None]], bool]:
    """Return the principles ("Principle N: Title." or, failing those, a "1." list of headings) with
    an excerpt each, and whether they come from a numbered list."""
    for pattern, listed in ((_PRINCIPLE, False), (_NUMBERED, True)):
        matches = ((i, pattern.match(line)) for i, line in enumerate(lines))
        starts = [(i, int(found[1]), found[2]) for i, found in matches if found]
        if listed:
            starts = _run(starts)
        if len(starts) >= (2 if listed else 1):  # one "1." makes no list
            ends = [i for i, _, _ in starts[1:]] + [len(lines)]
            found = [_principle(n, rest, lines[i + 1 : end]) for (i, n, rest), end in zip(starts, ends)]
            return found, listed
    return [], False


def _run(starts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Return the numbered lines that count 1, 2, 3... from the first "1."; a list of principles."""
    run: list[tuple[int, int, str]] = []
    for start in starts:
        if start[1] == len(run) + 1:
            run.append(start)
        elif run:
            break
    return run


def _principle(number: int, rest: str, after: list[str]) -> tuple[int, str, str | None]:
    """Return a principle: the title (its first sentence) and an excerpt of what follows it."""
    rest = rest.strip()
    title = rest and _SENTENCE.match(rest)[0]  # a heading's whole line when it has no full stop
    more = rest[len(title) :] + "\n" + "\n".join(after)
    title = " ".join(title.split()).rstrip(".:")[:MAX_LINE] or f"Principle {number}"
    return number, title, _excerpt(more)


def _excerpt(text: str) -> str | None:
    """Return the first sentence of a passage that is a quotation for a slide: 4 to 39 words."""
    for paragraph in re.split(r"\n\s*\n", text):
        for sentence in _SENTENCE.findall(" ".join(paragraph.split())):
            if 4 <= len(sentence.split()) < 40:
                return sentence.strip()
    return None


def _quotes(body: str, taken: set[str]) -> list[tuple[str, str, str]]:
    """Return the passages in quotation marks that have a speaker: id, text, speaker."""
    quotes, seen = [], set()
    for start, end, close in _passages(body):
        speaker = _speaker(body[max(0, start - 160):start - 1 if start else 0], body[close:close + 120])
        said = " ".join(body[start:end].split()).rstrip(",:;").strip()
        if speaker is None or len(said.split()) < 3 or said in seen:
            continue
        seen.add(said)
        quotes.append((_new_id(said, taken), said, _full_name(speaker, body)))
    return quotes


def _passages(body: str):
    """Yield each passage in quotation marks: its start, its end and where its closing mark ends;
    a closing mark with no opening one before it closes a passage that began with the text."""
    opening, closing = body.find("\u201c"), body.find("\u201d")
    if closing != -1 and (opening == -1 or closing < opening) and closing <= MAX_QUOTE:
        yield 0, closing, closing + 1
    for found in _QUOTED.finditer(body):
        group = 1 if found[1] is not None else 2
        yield found.start(group), found.end(group), found.end()


def _speaker(before: str, after: str) -> str | None:
    """Return who says a passage: a name with a verb of saying next to it, or an em-dash line after it."""
    for found in (_AFTER.match(after), _BEFORE.search(before)):
        if found:
            name = next(n for n in found.groupdict().values() if n)
            words = name.split()
            while words and words[0] in _NOT_NAMES:
                words = words[1:]
            if words:
                return " ".join(words)
    return None


def _full_name(name: str, body: str) -> str:
    """Return a family name with the given name the text gives it elsewhere ("Schore": "Allan Schore")."""
    if " " in name:
        return name
    for found in re.finditer(rf"\b({_WORD})[ \t]+{re.escape(name)}\b", body):
        if found[1] not in _NOT_NAMES:
            return f"{found[1]} {name}"
    return name


def _new_id(text: str, taken: set[str]) -> str:
    """Return an id for a quotation from its first words, unlike every id in `taken` (which it joins)."""
    base = slug(" ".join(text.split()[:4]))[:40].strip("-") or "quote"
    new, n = base, 1
    while new in taken:
        n += 1
        new = f"{base}-{n}"
    taken.add(new)
    return new


# ---------------------------------------------------------------- writing


def _one_line(value: str) -> str:
    """Return a text on one line, without control characters (the quote check ignores spacing)."""
    return " ".join(FORBIDDEN.sub("", value).split())


def render(found: Draft, text_ref: str, source: str) -> str:
    """Return the entry as YAML text, guesses marked with a comment."""
    def guessed(value, guess: bool, why: str = "guessed"):
        return Note(value, f"check: {why}") if guess else value

    data: dict = {"title": guessed(_one_line(found.title.value), found.title.guessed)}
    if found.author:
        data["authors"] = guessed([_one_line(found.author.value)], found.author.guessed)
    if found.credentials:
        data["credentials"] = _one_line(found.credentials)
    if found.site:
        data["site"] = guessed(_one_line(found.site.value), True)
    data["text"] = text_ref
    if found.principles:
        principles = [{"number": number, "title": _one_line(title), "summary": Note(None, "one plain sentence for the slide"),
                       **({"excerpt": _one_line(excerpt)} if excerpt else {})}
                      for number, title, excerpt in found.principles]  # fmt: skip
        data["principles"] = guessed(principles, found.listed, "guessed from a numbered list")
    if found.quotes:
        data["quotes"] = [{"id": quote_id, "text": _one_line(text), "speaker": guessed(_one_line(speaker), True)}
                          for quote_id, text, speaker in found.quotes]  # fmt: skip
    header = ["yaml-language-server: $schema=../../schemas/article.schema.json",
              f'Drafted from {source} by `deckbuilder import article`: check the lines marked "check: guessed",',
              "write each principle's summary, and keep the quotes a deck will show."]  # fmt: skip
    return dump(data, header)


def check_id(article_id: str, pos: Position) -> None:
    """Refuse an id that cannot name an article and its file."""
    if len(article_id) > MAX_ID or not re.fullmatch(ID_PATTERN, article_id):
        raise DeckError(Problem(f"{shown(article_id)} cannot be an article id", pos,
                                f"use at most {MAX_ID} letters, digits, '-', '_' or '.', starting with a "
                                "letter or digit, e.g. --id smith-primal-love"))  # fmt: skip


# Words that say little about an article, left out of the id its title gives.
_SMALL_WORDS = frozenset("a an and are as at by for from how in is it its of on or the to what when why with your "
                         "you our we".split())  # fmt: skip
ID_WORDS = 2  # of the title, after the author's surname: short references, as `smith-primal-love`


def default_id(found: Draft) -> str:
    """Return the id a draft gives: the first author's surname and the title's first telling words
    (`smith-healing-lack`), short to write in every reference; the title alone when there is no author."""
    words = [w for w in slug(found.title.value).split("-") if w and w not in _SMALL_WORDS]
    surname = slug(found.author.value.split()[-1]) if found.author and found.author.value.split() else ""
    article_id = "-".join(([surname] if surname else []) + words[: ID_WORDS if surname else ID_WORDS + 1])
    return article_id[:MAX_ID].strip("-") or slug(found.title.value)[:MAX_ID].strip("-") or "article"


def import_article(file: Path, root: Path, article_id: str | None = None, force: bool = False) -> list[Path]:
    """Write decks/articles/<id>.yaml (and the text it quotes, unless that is a plain-text file of
    the workspace already); return the files written. Nothing is written on any problem."""
    pos = Position(file)
    text = read_article(file)
    found = draft(text, file.name)
    article_id = article_id if article_id is not None else default_id(found)
    check_id(article_id, pos)
    folder = root / "decks" / "articles"
    names = (folder / f"{article_id}.yaml", folder / f"{article_id}.yml")
    entry = next((path for path in names if os.path.lexists(path)), names[0])  # --force replaces it where it is
    in_place = file.suffix.lower() not in MARKDOWN + HTML and within(file, root)
    copy = None if in_place else folder / f"{article_id}.txt"
    for path in (entry, copy):
        if path is not None and os.path.lexists(path) and not force:
            raise DeckError(Problem(f"the library has an article {shown(article_id)} already "
                                    f"({path.relative_to(root).as_posix()})", pos,
                                    "give another id with --id, or replace it with --force"))  # fmt: skip
    _refuse_taken(found.title.value, article_id, folder, entry, root, pos, force)
    for path in (entry, copy):
        if path is not None:
            refuse_outside(path, root, pos)
    target = file.resolve() if in_place else copy
    files = {entry: render(found, os.path.relpath(target, folder.resolve()).replace(os.sep, "/"), file.name)}
    if copy is not None:
        files[copy] = text
    return _write(files, folder, pos)


def _refuse_taken(title: str, article_id: str, folder: Path, entry: Path, root: Path, pos: Position,
                  force: bool) -> None:  # fmt: skip
    """Refuse an id that another file of the library declares (`id:`), and, unless forced, a second
    entry of one article: decks would cite the two as two works ("n.d.-a", "n.d.-b")."""
    from ..errors import Problems
    from ..library import load_library

    wanted = " ".join(title.casefold().split())
    entries = load_library([folder], Problems(), root).entries.values() if folder.is_dir() else ()
    for other in entries:  # a broken entry is reported where it is used
        where = other.doc.file.relative_to(root).as_posix()
        if other.doc.file == entry:
            continue
        if other.id == article_id:
            raise DeckError(Problem(f"the library has an article {shown(article_id)} already ({where} names it so)",
                                    pos, "give another id with --id"))  # fmt: skip
        if not force and " ".join(other.article.title.casefold().split()) == wanted:
            raise DeckError(Problem(f"the library has this article already: {where} is {shown(other.article.title)}",
                                    pos, f"cite it as {other.id}; to import it all the same, add --force"))  # fmt: skip


def _write(files: dict[Path, str], folder: Path, pos: Position) -> list[Path]:
    """Write the files all or none (the entry and the text it quotes)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return write_whole(files)
    except OSError as error:
        problem = f"cannot write into {shown(display_path(folder))}: {error.strerror or error}"
        raise DeckError(Problem(problem, pos, "check that you may write to the workspace's decks/articles/ folder")) from None
