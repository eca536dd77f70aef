"""`deckbuilder import article`: a draft library entry from an article's text (plain, Markdown or
HTML), with its title, byline, principles and attributed quotations; what is guessed is marked, the
draft validates, and its quotations are found in its `text:` at once. Bad input writes nothing."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from deckbuilder.errors import shown

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the source articles are not beside the repository"
)
GUESSED = "# check: guessed"
SMITH_TITLES = [
    "Give before you take", "Full replacement of Primal Love is not possible",
    "Acceptance won\u2019t happen until all paths toward replacement have been followed",
    "Work towards replacement before acceptance", "Internalization is ultimately what replaces primal love",
    "The mechanism of internalization", "Pendulation", "Rapid internalization",
    "Acceptance and internalization may be the same",
]  # fmt: skip


def seed(prefix: str) -> Path:
    [path] = SEEDS.glob(prefix + "*.txt")
    return path


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def imported(tmp_path: Path, file: Path, *args: str) -> tuple[dict, str, Path]:
    """Import `file` into the workspace tmp_path/ws; return the entry's data, its text and its path."""
    root = tmp_path / "ws"
    root.mkdir(exist_ok=True)
    result = run_cli("import", "article", str(file), "--root", str(root), *args)
    assert result.exit_code == 0, result.output
    [entry] = [Path(line.removeprefix("wrote ")) for line in result.stdout.splitlines()
               if line.startswith("wrote ") and line.endswith((".yaml", ".yml"))]  # fmt: skip
    entry = entry if entry.is_absolute() else Path.cwd() / entry
    text = entry.read_text(encoding="utf-8")
    return yaml.safe_load(text), text, entry


def line_of(text: str, needle: str) -> str:
    [line] = [line for line in text.splitlines() if line.startswith(needle)]
    return line


def deck_citing(entry: Path, data: dict) -> Path:
    """Write a deck that shows every principle and quote of an imported entry."""
    slides = [{"principle": f"{entry.stem}/{p['number']}"} for p in data.get("principles") or []]
    slides += [{"quote": f"{entry.stem}/{q['id']}"} for q in data.get("quotes") or []]
    slides = slides or [{"title": "Reading", "bullets": ["Read it"], "cite": entry.stem}]
    section = {"title": "Part", "minutes": 10, "slides": slides}
    deck = {"title": "Imported", "theme": "calm", "sections": [section]}
    path = entry.parents[1] / "talk.yaml"
    path.write_text(json.dumps(deck), encoding="utf-8")
    return path


def quote_findings(entry: Path, data: dict) -> list[dict]:
    """Run `check --json` on a deck citing the entry; return its quote.not-found findings."""
    deck = deck_citing(entry, data)
    result = run_cli("check", str(deck), "--json", "--root", str(deck.parents[1]))
    assert result.exit_code == 0, result.output
    return [f for f in json.loads(result.stdout) if f["code"] == "quote.not-found"]


# ---------------------------------------------------------------- the four source articles


@needs_seeds
def test_smith_gives_nine_principles_in_both_spellings_without_the_comments(tmp_path):
    data, text, entry = imported(tmp_path, seed("000_"))
    assert text.startswith("# yaml-language-server: $schema=../../schemas/article.schema.json\n")
    assert data["title"] == "Healing a Lack of Primal Love" and GUESSED in line_of(text, "title:")
    assert (data["authors"], data["credentials"]) == (["Jeffery Smith"], "MD")
    assert GUESSED in line_of(text, "authors:")
    assert [p["number"] for p in data["principles"]] == list(range(1, 10))
    assert [p["title"] for p in data["principles"]] == SMITH_TITLES
    assert all(p["summary"] is None for p in data["principles"])
    assert data["principles"][0]["excerpt"] == "The goal of psychotherapy is to replace maladaptive patterns with more satisfactory ones."
    assert "Petlover" not in text and "Photo by" not in text
    assert entry.name == "smith-healing-lack.yaml"
    assert data["text"] == "smith-healing-lack.txt"
    assert quote_findings(entry, data) == []


@needs_seeds
def test_burgo_quotes_schore_under_his_full_name_and_leaves_the_numbered_comments_out(tmp_path):
    data, text, entry = imported(tmp_path, seed("001_"), "--id", "burgo-shame")
    assert data["title"] == "Attachment Theory and the Origins of Shame"
    assert data["authors"] == ["Joseph Burgo"] and GUESSED not in line_of(text, "authors:")
    assert "principles" not in data  # the numbered reader comments are no principles
    [schore] = [q for q in data["quotes"] if "Cells that fire together, wire together." in q["text"]]
    assert schore["speaker"] == "Allan Schore" and GUESSED in line_of(text, '    speaker: "Allan Schore"')
    assert "SSRIs" not in text and "Gordon" not in text
    assert quote_findings(entry, data) == []


@needs_seeds
def test_kift_gives_the_site_the_author_with_credentials_and_simpson(tmp_path):
    data, text, entry = imported(tmp_path, seed("002_"))
    assert data["title"] == "Your Early Relationship with Mom and Your Intimate Adult Relationships"
    assert data["site"] == "Love And Life Toolbox" and GUESSED in line_of(text, "site:")
    assert (data["authors"], data["credentials"]) == (["Lisa Brookes Kift"], "MFT")
    assert [(q["text"], q["speaker"]) for q in data["quotes"]] == [
        ("you may be able to revise your models and calibrate your behavior differently.", "Simpson")]
    assert "Add comment" not in text and "Marin County" not in text
    assert quote_findings(entry, data) == []


@needs_seeds
def test_goodtherapy_quotes_thich_nhat_hanh_from_an_em_dash_line_and_names_no_author(tmp_path):
    data, text, entry = imported(tmp_path, seed("003_"), "--id", "goodtherapy")
    assert "authors" not in data and "author" not in data
    assert data["site"] == "GoodTherapy.org" and GUESSED in line_of(text, "site:")
    assert GUESSED in line_of(text, "title:")  # the text starts mid-quote: the title is the file's name
    [hanh] = data["quotes"]
    assert "Your pain, your anxiety is your baby." in hanh["text"] and hanh["speaker"] == "Thich Nhat Hanh"
    assert "solely written" not in text
    assert quote_findings(entry, data) == []


# ---------------------------------------------------------------- other shapes

NUMBERED = """\
    Five Ways to Pace a Group

    By Dana Reyes, LCSW

    Groups need a rhythm. Maria Lopez says \u201cA group that may pass comes back when it is ready.\u201d

    1. Start small

    Begin with two minutes of quiet writing. People settle when the task is short.

    2. Make passing easy

    Say that anyone may pass. "Silence is part of the work," said Tom Weller.

    3. Close the circle

    Name what the group did, then take a breath together before moving on.

    3 Comments

    Jane Roe
    March 3, 2015 at 4:12 pm
    1. Great post, thank you!
    Reply
    """


def test_numbered_headings_become_principles_and_quotes_keep_their_speakers(tmp_path):
    data, text, entry = imported(tmp_path, write(tmp_path / "ws" / "texts", "pacing.txt", NUMBERED))
    assert entry.name == "reyes-five-ways.yaml"
    assert data["text"] == "../../texts/pacing.txt"  # inside the workspace: used where it is
    assert not (entry.parent / "reyes-five-ways.txt").exists()
    assert (data["authors"], data["credentials"]) == (["Dana Reyes"], "LCSW")
    assert [(p["number"], p["title"]) for p in data["principles"]] == [
        (1, "Start small"), (2, "Make passing easy"), (3, "Close the circle")]
    assert GUESSED in line_of(text, "principles:")
    assert data["principles"][0]["excerpt"] == "Begin with two minutes of quiet writing."
    assert [(q["text"], q["speaker"]) for q in data["quotes"]] == [
        ("A group that may pass comes back when it is ready.", "Maria Lopez"),
        ("Silence is part of the work", "Tom Weller")]
    assert "Great post" not in text and "Jane Roe" not in text
    assert quote_findings(entry, data) == []


MARKDOWN = """\
    # The Window of Tolerance

    *By* **Ana Ortiz**, PhD

    Arousal has a range in which we can think. As [Dan Siegel](https://example.org) puts it,
    "Within the window, we can stay present."

    ## 1. Notice the edges

    Clients learn the *signs* that they are leaving the window.

    ## 2. Widen it slowly

    Small steps outside the window, with support, widen it.

    > \u201cBetween stimulus and response there is a space.\u201d
    > \u2014 Viktor Frankl

    Subscribe to our newsletter
    """


def test_markdown_loses_its_marks_and_its_text_is_written_beside_the_entry(tmp_path):
    data, text, entry = imported(tmp_path, write(tmp_path, "window.md", MARKDOWN))
    assert data["title"] == "The Window of Tolerance"
    assert (data["authors"], data["credentials"]) == (["Ana Ortiz"], "PhD")
    assert [(p["number"], p["title"]) for p in data["principles"]] == [
        (1, "Notice the edges"), (2, "Widen it slowly")]
    assert data["principles"][0]["excerpt"] == "Clients learn the signs that they are leaving the window."
    assert [(q["text"], q["speaker"]) for q in data["quotes"]] == [
        ("Within the window, we can stay present.", "Dan Siegel"),
        ("Between stimulus and response there is a space.", "Viktor Frankl")]
    copy = entry.with_suffix(".txt")
    assert data["text"] == copy.name
    assert "**" not in copy.read_text(encoding="utf-8") and "https://" not in copy.read_text(encoding="utf-8")
    assert "Subscribe" not in text
    assert quote_findings(entry, data) == []


HTML = """\
    <!DOCTYPE html>
    <html><head><title>Repair After Rupture | Example Blog</title>
    <style>p { color: red }</style><script>var said = "\u201cnot a quote,\u201d says Nobody Here";</script></head>
    <body>
    <header><p>The Example Blog</p><nav><a href="/">Home</a> <a href="/about">About us</a></nav></header>
    <article>
      <h1>Repair After Rupture</h1>
      <p class="byline">By Sam Lee</p>
      <p>Every relationship has ruptures. &ldquo;Repair is what builds trust,&rdquo; writes Ed Tronick.</p>
      <h2>Principle 1: Name the rupture.</h2>
      <p>A rupture that is named can be repaired. Silence lets it grow.</p>
      <h2>Principle 2: Own your part.</h2>
      <p>Say what you did, without defending it.<br>Then listen.</p>
      <!-- an editor's note: "hidden," says Someone Else -->
    </article>
    <section id="comments"><h3>2 Comments</h3><p>Reader One: &ldquo;I loved this post,&rdquo; said Reader One.</p></section>
    <footer>Subscribe to our newsletter. &copy; Example Blog</footer>
    </body></html>
    """


def test_html_keeps_the_article_and_drops_navigation_scripts_comments_and_footer(tmp_path):
    data, text, entry = imported(tmp_path, write(tmp_path, "repair.html", HTML))
    assert data["title"] == "Repair After Rupture"
    assert data["authors"] == ["Sam Lee"]
    assert [(p["number"], p["title"]) for p in data["principles"]] == [(1, "Name the rupture"), (2, "Own your part")]
    assert [(q["text"], q["speaker"]) for q in data["quotes"]] == [("Repair is what builds trust", "Ed Tronick")]
    copy = entry.with_suffix(".txt").read_text(encoding="utf-8")
    for gone in ("The Example Blog", "About us", "color", "not a quote", "hidden", "loved this post", "Subscribe"):
        assert gone not in copy and gone not in text
    assert quote_findings(entry, data) == []


def test_an_article_without_byline_principles_or_quotes_is_a_title_and_its_text(tmp_path):
    file = write(tmp_path / "ws", "note.txt", 'A Short Note\n\nJust a paragraph, with "scare quotes" and no names.\n')
    data, text, entry = imported(tmp_path, file)
    assert data == {"title": "A Short Note", "text": "../../note.txt"}
    deck = deck_citing(entry, data)
    result = run_cli("build", str(deck), "--root", str(deck.parents[1]))
    assert result.exit_code == 0, result.output


@needs_seeds
def test_a_deck_citing_an_imported_article_builds(tmp_path):
    data, text, entry = imported(tmp_path, seed("000_"), "--id", "smith")
    deck = deck_citing(entry, data)
    result = run_cli("build", str(deck), "--root", str(deck.parents[1]))
    assert result.exit_code == 0, result.output
    assert (deck.parents[1] / "output" / "talk" / "talk.pptx").is_file()


# ---------------------------------------------------------------- replacing, and bad input


def test_an_entry_is_replaced_only_with_force(tmp_path):
    file = write(tmp_path, "note.md", "# A Short Note\n\nFirst version.\n")
    data, _, entry = imported(tmp_path, file)
    file.write_text("# A Short Note\n\nSecond version.\n", encoding="utf-8")
    result = run_cli("import", "article", str(file), "--root", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert "First version." in entry.with_suffix(".txt").read_text(encoding="utf-8")
    imported(tmp_path, file, "--force")
    assert "Second version." in entry.with_suffix(".txt").read_text(encoding="utf-8")


def refused(tmp_path: Path, file: Path, *args: str) -> str:
    """Run an import that must fail: exit 1, no traceback, and nothing new in the library."""
    root = tmp_path / "ws"
    articles = root / "decks" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    before = {p: p.read_bytes() for p in articles.iterdir()}
    result = run_cli("import", "article", str(file), "--root", str(root), *args)
    assert result.exit_code == 1, result.output
    assert {p: p.read_bytes() for p in articles.iterdir()} == before
    return result.output


def test_a_missing_file_is_refused(tmp_path):
    output = refused(tmp_path, tmp_path / "gone.txt")
    assert f"error: {tmp_path / 'gone.txt'}: article not found" in output
    assert "hint: check that the file exists and can be read" in output


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "folder").mkdir()
    output = refused(tmp_path, tmp_path / "folder")
    assert f"error: {tmp_path / 'folder'}: article is a folder, not a file" in output
    assert "hint: name a file in it" in output


@pytest.mark.parametrize("content", ["", " \n\n\t\n", "<html><body><nav>Home</nav></body></html>"])
def test_an_empty_article_is_refused(tmp_path, content):
    file = write(tmp_path, "empty.html" if content.startswith("<") else "empty.txt", content)
    output = refused(tmp_path, file)
    assert f"error: {file}: the article has no text" in output
    assert "hint: import a file that holds the article's text" in output


def test_a_binary_file_is_refused(tmp_path):
    file = write(tmp_path, "scan.pdf", b"%PDF-1.7\n\x00\x01\x02binary\xff")
    output = refused(tmp_path, file)
    assert f"error: {file}: the article is not text (it holds binary data)" in output
    assert "hint: import the article as plain text (.txt), Markdown (.md) or HTML (.html)" in output


def test_text_that_is_not_utf8_is_refused_at_its_first_bad_byte(tmp_path):
    file = write(tmp_path, "latin.txt", "A Title\n\nCaf\u00e9 society.\n".encode("latin-1"))
    output = refused(tmp_path, file)
    assert f"error: {file}:3:4: the file is not UTF-8 text (byte 0xe9)" in output
    assert "hint: save the file as UTF-8" in output


def test_an_id_that_exists_is_refused(tmp_path):
    articles = tmp_path / "ws" / "decks" / "articles"
    write(articles, "note.yaml", 'title: "Mine"\n')
    output = refused(tmp_path, write(tmp_path, "note.md", "# Note\n\nText.\n"))
    assert f"error: {tmp_path / 'note.md'}: the library has an article 'note' already (decks/articles/note.yaml)" in output
    assert "hint: give another id with --id, or replace it with --force" in output


def test_an_article_the_library_has_under_another_id_is_refused_unless_forced(tmp_path):
    """Two entries of one article would be cited as two works, "n.d.-a" and "n.d.-b"."""
    articles = tmp_path / "ws" / "decks" / "articles"
    write(articles, "smith-love.yaml", 'title: "Healing  a lack of primal love"\n')
    file = write(tmp_path, "smith.txt", "Healing a Lack of Primal Love\n\nBy Jeffery Smith\n\nText.\n")
    output = refused(tmp_path, file)
    assert (f"error: {file}: the library has this article already: decks/articles/smith-love.yaml is "
            "'Healing  a lack of primal love'") in output
    assert "hint: cite it as smith-love; to import it all the same, add --force" in output
    data, _, entry = imported(tmp_path, file, "--force")
    assert entry.name == "smith-healing-lack.yaml" and data["title"] == "Healing a Lack of Primal Love"


@pytest.mark.parametrize("bad", ["two words", "a/b", "-dash", "x" * 65, "line\n"])
def test_an_id_that_is_no_id_is_refused(tmp_path, bad):
    file = write(tmp_path, "note.txt", "Note\n\nText.\n")
    output = refused(tmp_path, file, "--id", bad)
    assert f"error: {file}: {shown(bad)} cannot be an article id" in output
    assert "hint: use at most 64 letters, digits, '-', '_' or '.', starting with a letter or digit" in output


def test_markdown_front_matter_gives_the_title_and_the_author(tmp_path):
    file = write(tmp_path, "post.md", """\
        ---
        title: "Staying With Shame"
        author: Jo Park
        date: 2024-05-01
        ---
        Shame hides. "It wants to be seen," writes Brene Brown, "and then it shrinks."
        """)
    data, text, entry = imported(tmp_path, file)
    assert (data["title"], data["authors"]) == ("Staying With Shame", ["Jo Park"])
    assert [(q["text"], q["speaker"]) for q in data["quotes"]] == [
        ("It wants to be seen", "Brene Brown"), ("and then it shrinks.", "Brene Brown")]
    assert "date:" not in entry.with_suffix(".txt").read_text(encoding="utf-8")
    assert quote_findings(entry, data) == []


def test_straight_quotes_do_not_pair_across_paragraphs(tmp_path):
    file = write(tmp_path, "inches.txt", """\
        A Note on Heights

        A stray "mark opens here.

        The door is 6'8", says Ann Fox.

        Ann Fox says "measure twice, then cut once."
        """)
    data, text, entry = imported(tmp_path, file)
    assert [(q["text"], q["speaker"]) for q in data["quotes"]] == [("measure twice, then cut once.", "Ann Fox")]


def test_a_library_folder_that_cannot_be_written_is_an_error_and_leaves_nothing_behind(tmp_path):
    root = tmp_path / "ws"
    write(root, "decks/articles", "not a folder")
    file = write(tmp_path, "note.md", "# Note\n\nText.\n")
    result = run_cli("import", "article", str(file), "--root", str(root))
    assert result.exit_code == 1
    assert f"error: {file}: cannot write into '{root / 'decks' / 'articles'}'" in result.output
    assert "hint: check that you may write to the workspace's decks/articles/ folder" in result.output
    assert sorted(p.name for p in (root / "decks").iterdir()) == ["articles"]


def test_a_windows_text_with_a_doctors_byline_under_a_short_title(tmp_path):
    text = ("\ufeffHow We Heal\r\n\r\nBy Dr. Ann Lee, PsyD\r\n\r\nHealing is slow. As Carl Rogers wrote, \u201cThe "
            "curious paradox is that when I accept myself just as I am, then I can change.\u201d\r\n\r\n"
            "Principle 1: Go slow\r\nTake your time with each step of the way.\r\n\r\n4 Responses\r\nGreat!\r\n")
    data, text, entry = imported(tmp_path, write(tmp_path, "heal.txt", text.encode("utf-8")))
    assert (data["title"], data["authors"], data["credentials"]) == ("How We Heal", ["Ann Lee"], "PsyD")
    assert "site" not in data
    assert data["principles"] == [{"number": 1, "title": "Go slow", "summary": None,
                                   "excerpt": "Take your time with each step of the way."}]  # fmt: skip
    assert data["quotes"] == [{"id": "the-curious-paradox-is", "speaker": "Carl Rogers",
                               "text": "The curious paradox is that when I accept myself just as I am, then I can change."}]  # fmt: skip
    assert quote_findings(entry, data) == []


def test_force_replaces_an_entry_written_as_yml_where_it_is(tmp_path):
    articles = tmp_path / "ws" / "decks" / "articles"
    write(articles, "note.yml", 'title: "Mine"\n')
    output = refused(tmp_path, write(tmp_path, "note.md", "# Note\n\nText.\n"))
    assert "the library has an article 'note' already (decks/articles/note.yml)" in output
    data, _, entry = imported(tmp_path, tmp_path / "note.md", "--force")
    assert entry.name == "note.yml" and data["title"] == "Note"
    assert sorted(p.name for p in articles.iterdir()) == ["note.txt", "note.yml"]


def test_an_id_another_entry_declares_is_refused(tmp_path):
    articles = tmp_path / "ws" / "decks" / "articles"
    write(articles, "burgo.yaml", 'id: primal\ntitle: "Shame"\nauthors: ["Joseph Burgo"]\n')
    file = write(tmp_path, "smith.txt", "Healing a Lack of Primal Love\n\nText.\n")
    output = refused(tmp_path, file, "--id", "primal", "--force")
    assert f"error: {file}: the library has an article 'primal' already (decks/articles/burgo.yaml names it so)" in output
    assert "hint: give another id with --id" in output


def test_a_library_folder_that_leads_outside_the_workspace_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "ws" / "decks").mkdir(parents=True)
    (tmp_path / "ws" / "decks" / "articles").symlink_to(outside, target_is_directory=True)
    file = write(tmp_path, "smith.txt", "Healing a Lack of Primal Love\n\nText.\n")
    result = run_cli("import", "article", str(file), "--root", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert "leads outside the workspace" in result.output and "hint: replace the link with a folder" in result.output
    assert list(outside.iterdir()) == []


def test_names_keep_their_accents_hyphens_and_apostrophes(tmp_path):
    file = write(tmp_path, "notes.txt", """\
Notes on Shame and Repair

By Zoë Müller-Łukasiewicz, PhD

Some text here to open the article and give it body.

“Your pain, your anxiety is your baby,” says Thích Nhất Hạnh.

“The opposite of addiction is connection,” Gabor Maté said.

“Shame needs three things to grow out of control,”
— Anne O'Brien
""")
    data, _, entry = imported(tmp_path, file)
    assert data["authors"] == ["Zoë Müller-Łukasiewicz"] and data["credentials"] == "PhD"
    assert entry.name == "muller-lukasiewicz-notes-shame.yaml"
    assert [q["speaker"] for q in data["quotes"]] == ["Thích Nhất Hạnh", "Gabor Maté", "Anne O'Brien"]
