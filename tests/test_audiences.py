"""Each audience gets what it needs: a client worksheet leaves out clinicians' material, shows the
outline's client wordings and the key ideas it marks, and reads principles by their titles."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TALK
from rendercheck import need
from typer.testing import CliRunner

from deckbuilder.cli import app
from deckbuilder.load import load_yaml
from deckbuilder.variables import fill

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()

TWO_HANDOUTS = """\
handouts:
  - {audience: clinicians, style: notes}
  - {audience: clients, style: worksheet}
"""
CE = """\
audience: clinicians
objectives: ["Describe how repair builds trust."]
disclosure: "The presenter has no relevant financial relationships."
"""
CLOSING = """\
closing:
  title: "Questions and evaluation"
  text: "Please complete the evaluation form to receive your CE certificate."
"""


def built(root: Path, deck: str = "talk") -> dict[str, str]:
    """Build the workspace's deck and return the visible text of each handout, by its audience."""
    result = runner.invoke(app, ["build", "--root", str(root)])
    assert result.exit_code == 0, result.output
    folder = root / "output" / deck
    return {p.stem.split("-handout-")[1]: visible(p.read_text(encoding="utf-8"))
            for p in folder.glob("*-handout-*.html")}  # fmt: skip


def visible(page: str) -> str:
    """Return the text a reader of a handout sees: no markup, no style sheet."""
    body = page[page.index("<main>"):]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def key_ideas(page: str) -> list[str]:
    """Return the items of a worksheet's "Key ideas" box."""
    box = re.search(r'<section class="card ideas">(.*?)</section>', page, re.S)
    return [visible("<main>" + item) for item in re.findall(r"<li>(.*?)</li>", box[1])] if box else []


def outline(workspace, before: str = "", slides: str = "", after: str = "") -> None:
    """Write the talk with `before` above it, `slides` after its slides and `after` below."""
    workspace.write("decks/talk.yaml", before + TALK + slides + after, dedent=False)


# ---------------------------------------------------------------- the sample workshop


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[dict[str, str], dict[str, str], object]:
    """The sample workshop built in a copy of its workspace: visible texts, raw pages, the outline."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "decks", root / "decks")
    texts = built(root, "attachment-workshop")
    pages = {p.stem.split("-handout-")[1]: p.read_text(encoding="utf-8")
             for p in (root / "output" / "attachment-workshop").glob("*.html")}  # fmt: skip
    doc = load_yaml(root / "decks" / "attachment-workshop.yaml")
    fill(doc, {})  # its texts as the audience reads them
    return texts, pages, doc.data


def clinician_texts(data: dict) -> list[str]:
    """Return the sample's texts that are for clinicians only: objectives, disclosure, notes, closing,
    questions of discussions without a client wording."""
    texts = [*data["objectives"], data["disclosure"], data["closing"]["text"]]
    for section in data["sections"]:
        for slide in section["slides"]:
            texts += [line for line in slide.get("notes", "").splitlines() if line]
            if "questions" in slide and "clients" not in slide.get("for", {}):
                texts += slide["questions"]
    return texts


def test_the_samples_client_worksheet_carries_nothing_for_clinicians(sample):
    texts, _, data = sample
    clients = texts["clients"]
    left = [t for t in clinician_texts(data) if " ".join(t.split()) in clients]
    assert left == []
    for words in ("Learning objectives", "Disclosure", "Agenda", "Speaker notes", "evaluation", "CE ",
                  "caseload", "couples work", "Total: 90 minutes"):  # fmt: skip
        assert words not in clients
    assert not re.search(r"Principle \d|\b\d\. Give before", clients)


def test_the_samples_client_worksheet_shows_its_client_wordings_and_key_ideas(sample):
    texts, pages, data = sample
    clients, clinicians = texts["clients"], texts["clinicians"]
    closing = data["closing"]["for"]["clients"]
    assert closing["title"] in clients and closing["text"] in clients
    worded = [s for section in data["sections"] for s in section["slides"] if "clients" in s.get("for", {})]
    assert any("questions" in s["for"]["clients"] for s in worded)
    for slide in worded:
        for question in slide["for"]["clients"].get("questions", ()):
            assert question in clients and question not in clinicians
    assert key_ideas(pages["clients"]) == [
        "Attachment wounds happen in relationship, and they heal in relationship.",
        "Trust grows from repaired ruptures, not from perfect attunement.",
        "Internalization is ultimately what replaces primal love",
        "Pendulate: swing by choice between safety and what you dread, never forced",
        "A compassionate internal witness can be built, and it is as real as one you were born with",
        "What was never given can still be taken in.",
    ]


def test_the_samples_clinician_handout_keeps_everything(sample):
    texts, _, data = sample
    clinicians = texts["clinicians"]
    for text in (*data["objectives"], data["disclosure"], "Agenda", "Speaker notes", "Principle 5:",
                 data["closing"]["text"], "Bringing it to your caseload"):  # fmt: skip
        assert " ".join(text.split()) in clinicians


# ---------------------------------------------------------------- a workshop for clients


CLIENT_WORKSHOP = """\
      - text: Repair builds trust
        notes: Pause here for a breath.
      - kind: discussion
        audience: [clinicians]
        questions: ["Who in your caseload would this help?"]
"""


def test_a_client_workshops_worksheet_leaves_out_objectives_disclosure_agenda_and_notes(workspace):
    before = "audience: clients\n" + CE.replace("audience: clinicians\n", "") + (
        "handouts:\n  - {audience: clients, style: worksheet}\n  - {audience: clinicians, style: notes}\n")
    outline(workspace, before, CLIENT_WORKSHOP, CLOSING)
    texts = built(workspace.root)
    clients = texts["clients"]
    for text in ("Describe how repair builds trust", "no relevant financial", "Learning objectives", "Agenda",
                 "Say hello to the room", "Pause here", "evaluation form", "CE certificate", "Principle 1",
                 "caseload"):  # fmt: skip
        assert text not in clients
        assert text in texts["clinicians"]
    assert "Give before you take" in clients and "Repair builds trust" in clients


def test_a_client_workshops_closing_is_shown_in_its_client_wording(workspace):
    closing = CLOSING + '  for:\n    clients: {title: "Thank you", text: "Take this sheet home."}\n'
    outline(workspace, "audience: clients\n", after=closing)
    clients = built(workspace.root)["clients"]
    assert "Thank you Take this sheet home." in clients and "evaluation" not in clients


def test_a_deck_for_clients_reads_principles_by_their_titles(workspace):
    from pptx import Presentation

    outline(workspace, "audience: clients\n")
    result = runner.invoke(app, ["build", "--root", str(workspace.root)])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(workspace.root / "output" / "talk" / "talk.pptx"))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert "Give before you take" in titles
    assert not [t for t in titles if t.startswith("Principle")]


# ---------------------------------------------------------------- client wordings

WORDED = """\
      - title: "For your caseload"
        bullets: ["Name the process beneath the content"]
        key: true
        for:
          clients:
            title: "At home"
            bullets: ["Notice what a fight is really about"]
      - kind: exercise
        title: "Pendulation"
        steps: ["Recall a step you put off"]
        prompts: ["Where do your clients get stuck?"]
        opt_out: "You may observe."
        for:
          clients:
            prompts: ["Where do you get stuck?"]
      - kind: discussion
        questions: ["How does this show up in your couples work?"]
        for:
          clients: {title: "Think it over", questions: ["How does this show up with your partner?"]}
      - text: "Repair builds trust"
        key: "Repair, not perfection, builds trust"
"""


def test_a_slides_client_wording_replaces_its_texts_in_client_material_only(workspace):
    outline(workspace, CE + TWO_HANDOUTS, WORDED, CLOSING + "  for: {clients: {title: Thank you, text: Take this sheet home.}}\n")
    texts = built(workspace.root)
    clients, clinicians = texts["clients"], texts["clinicians"]
    for client, clinician in (("At home", "For your caseload"),
                              ("Notice what a fight is really about", "Name the process beneath the content"),
                              ("Where do you get stuck?", "Where do your clients get stuck?"),
                              ("Think it over", "Discussion"),
                              ("How does this show up with your partner?", "your couples work"),
                              ("Thank you", "Questions and evaluation")):  # fmt: skip
        assert client in clients and client not in clinicians
        assert clinician in clinicians and clinician not in clients
    assert "Recall a step you put off" in clients  # what a wording does not give stays
    assert "evaluation form" not in clients and "Take this sheet home." in clients


def test_marked_slides_are_the_key_ideas_and_principles_read_by_title(workspace):
    talk = TWO_HANDOUTS + TALK.replace("      - principle: smith/1\n", "      - principle: smith/1\n        key: true\n")
    workspace.write("decks/talk.yaml", talk + WORDED + "      - principles: [smith/1, smith/internalize]\n", dedent=False)
    built(workspace.root)
    page = (workspace.root / "output/talk/talk-handout-clients.html").read_text(encoding="utf-8")
    assert key_ideas(page) == ["Give before you take", "At home", "Repair, not perfection, builds trust"]
    assert "Principle 1" not in page and 'value="1"' not in page
    assert "<strong>Internalize, do not replace</strong>" in page
    notes = (workspace.root / "output/talk/talk-handout-clinicians.html").read_text(encoding="utf-8")
    assert "Principle 1: Give before you take" in notes


def test_without_marked_slides_statements_and_principles_are_the_key_ideas(workspace):
    outline(workspace, TWO_HANDOUTS, "      - text: Repair builds trust\n")
    built(workspace.root)
    page = (workspace.root / "output/talk/talk-handout-clients.html").read_text(encoding="utf-8")
    assert key_ideas(page) == ["Give before you take", "Repair builds trust"]


# ---------------------------------------------------------------- mistakes


@pytest.mark.parametrize(
    "slide, where, message, hint",
    [
        ("for: {client: {title: Hi}}", "14:15", "no deck or handout is for audience 'client'",
         "did you mean 'clients'?"),
        ("for: {clients: {titel: Hi}}", "14:25", "unknown key 'titel'", "did you mean 'title'?"),
        ("for: {clients: {questions: [Hi]}}", "14:25", "unknown key 'questions'", "expected one of: bullets, title"),
        ("for: {clients: {bullets: Hi}}", "14:34", "'bullets' expects a list, found 'Hi'",
         "write each item on a line starting with '- ', or as [a, b]"),
        ("audience: clinicians\n        for: {clients: {title: Hi}}", "15:15",
         "this slide is only for clinicians: its wording for 'clients' is never shown",
         "add clients to the slide's `audience:`, or remove this wording"),
        ("for: {clients: Hi}", "14:24", "'clients' expects a mapping of keys, found 'Hi'",
         "write its keys on the lines below it, indented"),
        ("key: 3", "14:14", "'key' expects true or false or text, found '3'", ""),
        ("for: {clients: }", "14:24", "'clients' expects a mapping of keys, found nothing",
         "write its keys on the lines below it, indented"),
        ('key: ""', "14:14", "'key' is empty", "write a key idea of 1 to 2,000 characters, or leave 'key' out"),
    ],
)
def test_a_mistaken_wording_is_an_error_at_its_place(workspace, slide, where, message, hint):
    outline(workspace, TWO_HANDOUTS.replace("handouts", "audience: clinicians\nhandouts"))
    text = workspace.deck.read_text(encoding="utf-8")
    workspace.deck.write_text(text.replace('        notes: "Say hello to the room."\n',
                                           f'        notes: "Say hello to the room."\n        {slide}\n'),
                              encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["check", "--root", str(workspace.root)])
    assert result.exit_code == 1
    assert f"decks/talk.yaml:{where}: {message}" in result.output
    assert hint in result.output
    assert result.output.count("error: ") == 2, result.output  # the mistake, and "1 of 1 deck(s)"


def test_a_mistyped_handout_audience_is_one_error_not_a_hint_for_the_wordings(workspace):
    outline(workspace, "audience: clinicians\nhandouts:\n  - {audience: cleints, style: worksheet}\n",
            after="closing:\n  title: Bye\n  for: {clients: {title: Thanks}}\n")
    result = runner.invoke(app, ["check", "--root", str(workspace.root)])
    assert result.exit_code == 1
    assert "unknown audience 'cleints' for a handout" in result.output and "did you mean 'clients'?" in result.output
    assert "did you mean 'cleints'" not in result.output


def test_a_mistaken_closing_wording_is_an_error_at_its_place(workspace):
    outline(workspace, "audience: clinicians\n", after=CLOSING + "  for: {clinicians: {txt: Bye}}\n")
    result = runner.invoke(app, ["check", "--root", str(workspace.root)])
    assert result.exit_code == 1
    assert "decks/talk.yaml:19:22: unknown key 'txt'" in result.output
    assert "did you mean 'text'?" in result.output
    outline(workspace, "audience: clinicians\n", after=CLOSING + "  for: {clinician: {text: Bye}}\n")
    result = runner.invoke(app, ["check", "--root", str(workspace.root)])
    assert "decks/talk.yaml:19:9: no deck or handout is for audience 'clinician'" in result.output
    assert "did you mean 'clinicians'?" in result.output


# ---------------------------------------------------------------- printed


@pytest.mark.client
def test_the_samples_printed_client_worksheet_reads_as_client_material(sample, tmp_path):
    """Print the client worksheet with Chromium, as a therapist would, and read the PDF's text."""
    chromium, pdftotext = need("chromium"), need("pdftotext")
    _, pages, data = sample
    html = tmp_path / "clients.html"
    html.write_text(pages["clients"], encoding="utf-8")
    pdf = tmp_path / "clients.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html.as_uri()], check=True, capture_output=True, timeout=120)  # fmt: skip
    text = " ".join(subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())  # fmt: skip
    assert "Key ideas" in text and data["closing"]["for"]["clients"]["title"] in text
    for words in ("Learning objectives", "Disclosure", "Agenda", "Speaker notes", "evaluation form", "caseload"):
        assert words not in text
    assert not re.search(r"Principle \d", text)
