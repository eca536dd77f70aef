"""`deckbuilder schema`: JSON Schemas from the models, the committed copies, and the sample files against them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import run_cli as run

from deckbuilder.load import load_yaml
from deckbuilder.schema import KINDS_OF_FILE, schema

REPO = Path(__file__).resolve().parents[1]
SAMPLES = {
    "deck": sorted((REPO / "decks").glob("*.yaml")),
    "article": sorted((REPO / "decks" / "articles").glob("*.yaml")),
    "theme": sorted((REPO / "themes").glob("*/theme.yaml")),
}



def plain(value):
    """Return loaded YAML as JSON data: a date as the text an editor sees."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def errors(kind: str, data) -> list[str]:
    validator = jsonschema.Draft7Validator(schema(kind))
    return [e.message for e in validator.iter_errors(plain(data))]


def test_committed_schemas_are_what_the_command_writes(tmp_path):
    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    for kind in KINDS_OF_FILE:
        written = tmp_path / f"{kind}.schema.json"
        assert f"wrote {written}" in result.output
        assert written.read_text() == (REPO / "schemas" / written.name).read_text(), (
            f"schemas/{written.name} is out of date: run `deckbuilder schema` at the repository root"
        )


def test_schema_writes_into_the_workspace(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    result = run("schema")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"wrote schemas/{k}.schema.json" for k in KINDS_OF_FILE]
    assert json.loads((workspace.root / "schemas" / "deck.schema.json").read_text()) == schema("deck")


def test_kind_prints_one_schema(workspace):
    result = run("schema", "--kind", "theme")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == schema("theme")
    assert not (workspace.root / "schemas").exists()


def test_kind_with_out_writes_one_file(tmp_path):
    result = run("schema", "--kind", "article", "--out", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "s").iterdir()] == ["article.schema.json"]


def test_unknown_kind_is_an_error_with_a_hint(tmp_path):
    result = run("schema", "--kind", "dek", "--out", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert result.output == ("error: unknown kind of file 'dek'\n"
                             "  hint: did you mean 'deck'? --kind takes deck, article, theme\n")  # fmt: skip
    assert not (tmp_path / "s").exists()


def test_out_that_is_a_file_is_an_error(tmp_path):
    (tmp_path / "taken").write_text("mine")
    result = run("schema", "--out", str(tmp_path / "taken"))
    assert result.exit_code == 1
    assert "error: cannot write" in result.output and "hint: choose another folder with --out" in result.output
    assert (tmp_path / "taken").read_text() == "mine"


def test_a_schema_that_cannot_be_written_leaves_every_file_as_it_was(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s1" / "article.schema.json").mkdir(parents=True)
    (tmp_path / "s1" / "theme.schema.json").write_text("old")
    result = run("schema", "--out", "s1")
    assert result.exit_code == 1
    assert result.output == ("error: cannot write 's1/article.schema.json': Is a directory\n"
                             "  hint: move it away, or choose another folder with --out\n")
    assert sorted(p.name for p in (tmp_path / "s1").iterdir()) == ["article.schema.json", "theme.schema.json"]
    assert (tmp_path / "s1" / "theme.schema.json").read_text() == "old"


def test_a_schema_whose_temporary_file_cannot_be_written_is_named_by_its_place(tmp_path, monkeypatch):
    from deckbuilder.workspace import temp_beside

    monkeypatch.chdir(tmp_path)
    blocked = temp_beside(tmp_path / "s1" / "theme.schema.json")  # the temporary name this process writes
    blocked.mkdir(parents=True)
    result = run("schema", "--out", "s1")
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot write 's1/theme.schema.json': Is a directory\n")
    assert [p.name for p in (tmp_path / "s1").iterdir()] == [blocked.name]


@pytest.mark.parametrize("kind,file", [(k, f) for k, files in SAMPLES.items() for f in files],
                         ids=lambda v: v if isinstance(v, str) else v.relative_to(REPO).as_posix())  # fmt: skip
def test_every_sample_file_names_its_schema_and_passes_it(kind, file):
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), f"{file} does not name its schema"
    target = (file.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == REPO / "schemas" / f"{kind}.schema.json"
    assert errors(kind, load_yaml(file).data) == []


def test_the_schemas_are_valid_json_schemas():
    for kind in KINDS_OF_FILE:
        jsonschema.Draft7Validator.check_schema(schema(kind))


def test_the_schemas_keep_to_draft_7():
    """Draft 7 ignores whatever stands beside a `$ref`, and names its definitions `definitions`."""

    def refs(node):
        if isinstance(node, dict):
            if "$ref" in node:
                yield node
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for kind in KINDS_OF_FILE:
        found = schema(kind)
        assert found["$schema"] == "http://json-schema.org/draft-07/schema#" and "$defs" not in found
        for node in refs(found):
            assert list(node) == ["$ref"] and node["$ref"].startswith("#/definitions/"), node


def test_every_field_has_a_description():
    for kind in KINDS_OF_FILE:
        for name, definition in schema(kind)["definitions"].items():
            for field, spec in definition.get("properties", {}).items():
                assert spec.get("description"), f"{kind}: {name}.{field} has no description"


SLIDE_DECK = {"title": "T", "sections": [{"title": "S", "slides": []}]}


def deck_with(*slides) -> dict:
    return {**SLIDE_DECK, "sections": [{"title": "S", "slides": list(slides)}]}


def test_a_slide_may_leave_out_its_kind_when_its_keys_say_it():
    assert errors("deck", deck_with({"bullets": ["a"]}, {"kind": "bullets", "bullets": ["b"]},
                                    {"opt_out": "Pass"}, {"quote": "smith/x", "title": "Q"})) == []  # fmt: skip


@pytest.mark.parametrize("slide", [
    {"title": "only a title"},  # no kind at all
    {"bulets": ["a"]},  # a typo
    {"bullets": ["a"], "quote": "smith/x"},  # two kinds
    {"kind": "bullets", "quote": "smith/x"},  # the kind's own key missing, another's there
    {"bullets": "not a list"},
])  # fmt: skip
def test_the_deck_schema_refuses_what_validation_refuses(slide):
    assert errors("deck", deck_with(slide))


def test_a_theme_that_extends_another_needs_no_settings():
    assert errors("theme", {"extends": "calm", "colors": {"accent": "#112233"}}) == []
    assert errors("theme", {"extends": "calm", "colors": {"accent": "red"}})  # still checked
    missing = errors("theme", {"name": "Mine", "colors": {"accent": "#112233"}})
    assert "'fonts' is a required property" in missing


def test_schema_in_a_subprocess(tmp_path):
    done = subprocess.run([sys.executable, "-m", "deckbuilder", "schema", "--kind", "deck"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == schema("deck")


def test_a_deck_that_extends_another_needs_no_title_and_inserts_sections_or_slides():
    assert errors("deck", {"sections": []}) == ["'title' is a required property"]
    child = {"extends": "workshop.yaml", "remove": ["welcome"], "replace": {"hello": {"text": "Hi"}},
             "insert_after": {"core": [{"title": "More", "slides": []}], "hello": [{"quote": "smith/love"}]}}  # fmt: skip
    assert errors("deck", child) == []
    assert errors("deck", {**child, "replace": {"hello": {"txt": "Hi"}}})  # still checked
    assert errors("deck", {**child, "remove": "welcome"})
