"""`deckbuilder new`: a starter workspace that builds and passes `check --strict` at once, or a copy of a deck."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import TALK
from conftest import run_cli as run

from deckbuilder import scaffold
from deckbuilder.load import load_yaml
from deckbuilder.schema import schema

STARTER_FILES = [
    ".gitignore", "decks/articles/example-article.txt", "decks/articles/example-article.yaml",
    "decks/images", "decks/my-talk.yaml", "schemas/article.schema.json", "schemas/deck.schema.json",
    "schemas/theme.schema.json",
]  # fmt: skip



def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or not any(p.iterdir()))


def test_new_makes_a_workspace_that_builds_and_passes_strict_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "my-talk")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "wrote .gitignore"
    assert result.output.splitlines()[-1] == "next: deckbuilder build"
    assert tree(tmp_path) == STARTER_FILES
    assert (tmp_path / ".gitignore").read_text().splitlines()[-1] == "output/"

    checked = run("check", "--strict")
    assert checked.exit_code == 0, checked.output
    assert checked.output == "ok decks/my-talk.yaml (16 slides)\n"  # not one warning or note
    built = run("build")
    assert built.exit_code == 0, built.output
    assert built.output.splitlines() == ["built output/my-talk/my-talk.pptx (16 slides)",
                                         "built output/my-talk/my-talk-handout-clinicians.html"]  # fmt: skip


def test_the_starter_outline_teaches_the_format_in_comments(tmp_path):
    run("new", "group-night", "--root", str(tmp_path / "ws"))
    text = (tmp_path / "ws" / "decks" / "group-night.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/deck.schema.json\n")
    assert 'title: "Group night"' in text
    for taught in ("# bullets:", "# text:", "# steps, prompts or opt_out:", "# questions:", "# image:",
                   "`deckbuilder sources`", "`deckbuilder themes`", "docs/format.md"):  # fmt: skip
        assert taught in text


def test_the_starter_files_pass_their_schemas(tmp_path):
    run("new", "talk", "--root", str(tmp_path))
    for kind, file in (("deck", "decks/talk.yaml"), ("article", "decks/articles/example-article.yaml")):
        assert list(jsonschema.Draft7Validator(schema(kind)).iter_errors(load_yaml(tmp_path / file).data)) == []


def test_audience_clients_gets_a_client_worksheet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "group", "--audience", "clients")
    assert result.exit_code == 0, result.output
    data = load_yaml(tmp_path / "decks" / "group.yaml").data
    assert data["audience"] == "clients"
    assert data["handouts"] == [{"audience": "clients", "style": "worksheet"}]
    assert not {"objectives", "disclosure", "level"} & set(data)  # CE material, left in comments
    assert "# disclosure:" in (tmp_path / "decks" / "group.yaml").read_text(encoding="utf-8")
    assert run("check", "--strict").exit_code == 0
    built = run("build")
    assert "built output/group/group-handout-clients.html" in built.output


def test_an_audience_yaml_would_misread_is_quoted(tmp_path):
    run("new", "talk", "--audience", "yes: all", "--root", str(tmp_path))
    assert load_yaml(tmp_path / "decks" / "talk.yaml").data["audience"] == "yes: all"


def test_new_into_a_folder_that_does_not_exist_yet(tmp_path):
    result = run("new", "talk", "--root", str(tmp_path / "a" / "b"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "b" / "decks" / "talk.yaml").is_file()


def test_a_folder_with_files_is_refused_and_left_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine")
    result = run("new", "talk")
    assert result.exit_code == 1
    assert result.output == ("error: the current folder is not empty: a new workspace needs an empty folder\n"
                             "  hint: make an empty folder and run it there, or pass --root NEW-FOLDER\n")  # fmt: skip
    assert tree(tmp_path) == ["notes.txt"]


def test_a_workspace_is_refused_with_a_hint_to_copy_a_deck(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    before = tree(workspace.root)
    result = run("new", "other")
    assert result.exit_code == 1
    assert ("hint: to add a deck to this workspace, copy one of decks/ to decks/NAME.yaml, or write one that "
            "extends it: deckbuilder new NAME --from decks/<deck>.yaml") in result.output
    assert tree(workspace.root) == before


def test_a_file_in_place_of_the_folder_is_refused(tmp_path):
    (tmp_path / "ws").write_text("mine")
    result = run("new", "talk", "--root", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: '{tmp_path / 'ws'}' is not a folder\n")


@pytest.mark.parametrize("name", ["my talk", "talk.yaml", "../talk", "x" * 65, "a/b"])
def test_a_name_that_cannot_be_a_file_is_refused(tmp_path, name):
    result = run("new", name, "--root", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert "cannot name a deck" in result.output
    assert "hint: use at most 64 letters, digits, '-', '_' or '.', without .yaml, e.g. deckbuilder new my-talk" \
        in result.output
    assert not (tmp_path / "ws").exists()


@pytest.mark.parametrize("audience", ["", "two\nlines", "x" * 301])
def test_an_audience_that_is_no_name_is_refused(tmp_path, audience):
    result = run("new", "talk", "--audience", audience, "--root", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert "hint: name who the deck is for in a few words, e.g. --audience clients" in result.output
    assert not (tmp_path / "ws").exists()


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    written = []

    def fail_third(path, text):
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        written.append(path)
        path.write_text(text)

    monkeypatch.setattr(scaffold, "_write_new", fail_third)
    result = run("new", "talk", "--root", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert result.output == (f"error: cannot write '{tmp_path / 'ws'}': No space left on device\n"
                             "  hint: choose a folder you may write to with --root\n")  # fmt: skip
    assert not (tmp_path / "ws").exists()
    (tmp_path / "empty").mkdir()
    written.clear()
    assert run("new", "talk", "--root", str(tmp_path / "empty")).exit_code == 1
    assert tree(tmp_path / "empty") == []


def test_from_writes_an_outline_that_extends_the_deck_and_builds_at_once(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    workspace.write("decks/talk.yaml", "# yaml-language-server: $schema=../schemas/deck.schema.json\n"
                    "vars: {organization: Bay Clinic}\n" + TALK.replace("  - title: \"Part one\"", "  - id: one\n    title: \"Part one\"")
                    .replace("      - title: \"Points\"", "      - id: points\n        title: \"Points\""))  # fmt: skip
    result = run("new", "talk-clients", "--from", "decks/talk.yaml", "--audience", "clients")
    assert result.exit_code == 0, result.output
    assert result.output == "wrote decks/talk-clients.yaml\n"
    text = (workspace.root / "decks" / "talk-clients.yaml").read_text()
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/deck.schema.json"
    assert lines[5:7] == ["extends: talk.yaml", "audience: clients"]
    for taught in ("#   sections: one", "#   slides:   points (one)", '#   organization: "Bay Clinic"',
                   "# remove: [one]", "#   points:", "# insert_after:"):  # fmt: skip
        assert any(line.startswith(taught) for line in lines), taught
    built = run("build", "decks/talk-clients.yaml")
    assert built.exit_code == 0, built.output
    assert (workspace.root / "output" / "talk-clients" / "talk-clients.pptx").exists()


def test_the_changes_its_comments_teach_build(workspace, monkeypatch):
    """Uncommented, the examples remove, replace and insert with the base's own ids."""
    monkeypatch.chdir(workspace.root)
    workspace.write("decks/talk.yaml", TALK.replace("  - title: \"Part one\"", "  - id: one\n    title: \"Part one\"")
                    .replace("      - title: \"Points\"", "      - id: points\n        title: \"Points\"") +
                    "  - id: two\n    title: Two\n    slides: [{text: Bye.}]\n")  # fmt: skip
    assert run("new", "mine", "--from", "decks/talk.yaml").exit_code == 0
    deck = workspace.root / "decks" / "mine.yaml"
    text = deck.read_text()
    assert "\n# audience: clients" in text
    lines = text.splitlines()
    examples = next(i for i, line in enumerate(lines) if line.startswith("# remove:"))
    deck.write_text("\n".join(lines[:examples] + [line[2:] for line in lines[examples:]]) + "\n")
    built = run("build", "decks/mine.yaml")
    assert built.exit_code == 0, built.output + deck.read_text()


def test_from_never_replaces_a_deck(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    workspace.write("decks/mine.yaml", "title: Mine\n")
    result = run("new", "mine", "--from", "decks/talk.yaml")
    assert result.exit_code == 1
    assert result.output == ("error: 'decks/mine.yaml' exists already\n"
                             "  hint: choose another name; deckbuilder new never replaces a deck\n")  # fmt: skip
    assert (workspace.root / "decks" / "mine.yaml").read_text() == "title: Mine\n"


def test_from_a_missing_deck_or_one_outside_decks_is_refused(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    result = run("new", "x", "--from", "decks/nope.yaml")
    assert result.exit_code == 1
    assert result.output == ("error: deck not found: 'decks/nope.yaml'\n"
                             "  hint: the workspace's decks: decks/talk.yaml\n")  # fmt: skip
    result = run("new", "x", "--from", "decks/tlak.yaml")
    assert result.output == ("error: deck not found: 'decks/tlak.yaml'\n"
                             "  hint: did you mean 'decks/talk.yaml'?\n")  # fmt: skip
    result = run("new", "x", "--from", "decks/articles/smith.yaml")
    assert result.exit_code == 1
    assert result.output == ("error: 'decks/articles/smith.yaml' is not a deck of the workspace's decks/ folder\n"
                             "  hint: name a deck in decks/; the new deck goes beside it\n")  # fmt: skip
    assert not (workspace.root / "decks" / "x.yaml").exists()
    assert not (workspace.root / "decks" / "articles" / "x.yaml").exists()


def test_new_in_a_subprocess_then_build(tmp_path):
    for args in (["new", "talk"], ["build"]):
        done = subprocess.run([sys.executable, "-m", "deckbuilder", *args],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    assert (tmp_path / "output" / "talk" / "talk.pptx").is_file()


def test_from_takes_a_deck_named_as_extends_names_it(workspace, monkeypatch):
    """`--from talk.yaml` finds decks/talk.yaml, as `extends: talk.yaml` would."""
    monkeypatch.chdir(workspace.root)
    result = run("new", "x", "--from", "talk.yaml")
    assert result.exit_code == 0, result.output
    assert "extends: talk.yaml" in (workspace.root / "decks" / "x.yaml").read_text(encoding="utf-8")


def test_from_a_deck_that_extends_another_names_the_outline_its_sections_are_written_in(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    workspace.write("decks/mid.yaml", "extends: talk.yaml\nduration: 10\n")
    assert run("new", "x", "--from", "mid.yaml").exit_code == 0
    text = (workspace.root / "decks" / "x.yaml").read_text(encoding="utf-8")
    assert "extends: mid.yaml\n" in text and "# (give a section or slide an `id:` in talk.yaml to change it):" in text
