"""`extends: other.yaml`: a deck made from another outline, with its changes, built and checked end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_png, run_cli
from pptx import Presentation

from deckbuilder.extends import MAX_CHAIN, extend, files
from deckbuilder.load import load_yaml

REPO = Path(__file__).resolve().parents[1]

BASE = """\
title: "Workshop at ${organization}"
presenter: {name: Dana Reyes, organization: "${organization}"}
vars: {organization: Bay Clinic, city: Oakland}
sections:
  - id: welcome
    title: "Welcome"
    slides:
      - id: hello
        title: "Hello"
        bullets: ["Welcome to ${city}"]
      - id: plan
        title: "Plan"
        bullets: ["Two parts"]
  - id: core
    title: "Core"
    slides:
      - id: love
        quote: smith/essence-of-love
      - id: give
        principle: smith/1
"""


def run(workspace, monkeypatch, *args: str):
    monkeypatch.chdir(workspace.root)
    return run_cli(*args)


def slide_texts(pptx) -> list[str]:
    """Return each slide's texts, joined, in order."""
    return [" | ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            for slide in Presentation(str(pptx)).slides]  # fmt: skip


def titles(pptx) -> list[str]:
    return [slide.shapes.title.text for slide in Presentation(str(pptx)).slides]


@pytest.fixture
def based(workspace):
    """The workspace with decks/base.yaml, and no talk.yaml."""
    workspace.deck.unlink()
    workspace.write("decks/base.yaml", BASE)
    return workspace


def build(workspace, monkeypatch, child: str, *args: str):
    workspace.write("decks/child.yaml", child)
    return run(workspace, monkeypatch, "build", "decks/child.yaml", *args)


CHILD_OUTPUT = ("output", "child", "child.pptx")


def test_top_level_fields_override_and_vars_merge_name_by_name(based, monkeypatch):
    result = build(based, monkeypatch, """\
        extends: base.yaml
        subtitle: "For families"
        vars: {organization: Riverside}
        """)
    assert result.exit_code == 0, result.output
    texts = slide_texts(based.root.joinpath(*CHILD_OUTPUT))
    assert texts[0].startswith("Workshop at Riverside | For families | Dana Reyes\nRiverside")
    assert any("Welcome to Oakland" in t for t in texts)  # the base's variable, kept
    assert not (based.root / "output" / "base").exists()


def test_var_on_the_command_line_still_wins(based, monkeypatch):
    result = build(based, monkeypatch, "extends: base.yaml\nvars: {organization: Riverside}\n",
                   "--var", "organization=Lakeside")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert slide_texts(based.root.joinpath(*CHILD_OUTPUT))[0].startswith("Workshop at Lakeside")


def test_remove_replace_and_insert_sections_and_slides(based, monkeypatch):
    result = build(based, monkeypatch, """\
        extends: base.yaml
        remove: [plan]
        replace:
          give: {id: two, principle: smith/2}
        insert_before:
          love:
            - {title: "Before love", bullets: ["First"]}
        insert_after:
          hello:
            - {title: "After hello", bullets: ["Second"]}
          core:
            - title: "Extra part"
              slides: [{text: "The end."}]
        """)
    assert result.exit_code == 0, result.output
    assert titles(based.root.joinpath(*CHILD_OUTPUT)) == [
        "Workshop at Bay Clinic", "Agenda", "Welcome", "Hello", "After hello", "Core", "Before love",
        "Core", "Principle 2: Internalize, do not replace", "Extra part", "The end.", "References",
    ]  # the quote slide is titled by its section
    texts = slide_texts(based.root.joinpath(*CHILD_OUTPUT))
    assert not any("Two parts" in t for t in texts) and not any("Give before you take" in t for t in texts)


def errors_of(result) -> list[str]:
    """Return the headline of each problem a command reported."""
    return [line for line in result.output.splitlines() if line.startswith("error:") and "deck(s) failed" not in line]


def refused(workspace, monkeypatch, child: str, *args: str) -> tuple[list[str], str]:
    """Build decks/child.yaml, which must fail writing nothing; return its errors and its output."""
    result = build(workspace, monkeypatch, child, *args)
    assert result.exit_code == 1, result.output
    assert not (workspace.root / "output").exists()
    return errors_of(result), result.output


def test_an_unknown_id_is_reported_at_its_line_and_column_with_did_you_mean(based, monkeypatch):
    found, output = refused(based, monkeypatch, """\
        extends: base.yaml
        remove: [plann]
        insert_after:
          welcom: []
        """)
    assert found == ["error: decks/child.yaml:2:10: no section or slide has the id 'plann' in base.yaml",
                     "error: decks/child.yaml:4:3: no section or slide has the id 'welcom' in base.yaml"]  # fmt: skip
    assert "hint: did you mean 'plan'?" in output and "hint: did you mean 'welcome'?" in output


def test_two_operations_on_one_id_and_on_a_slide_of_a_removed_section_are_errors(based, monkeypatch):
    found, output = refused(based, monkeypatch, """\
        extends: base.yaml
        remove: [hello, core]
        replace:
          hello: {title: "New", bullets: [x]}
        insert_after:
          love: [{text: "More"}]
        """)
    assert found == [
        "error: decks/child.yaml:4:3: 'hello' is changed twice: by `remove` and by `replace`",
        "error: decks/child.yaml:6:3: slide 'love' is in section 'core', which `remove` changes already",
    ]
    assert "hint: remove or replace a section or slide, not both; insert_before and insert_after may go with either" in output


def test_malformed_operations_and_operations_without_extends(based, monkeypatch):
    found, output = refused(based, monkeypatch, """\
        extends: base.yaml
        replace: {hello: [x]}
        insert_before: [hello]
        """)
    assert found == ["error: decks/child.yaml:2:18: `replace: hello` must be a whole section or slide",
                     "error: decks/child.yaml:3:16: `insert_before` must be a mapping of ids to a list of sections or slides"]  # fmt: skip
    found, output = refused(based, monkeypatch, BASE + "remove: [hello]\n")
    assert found == ["error: decks/child.yaml:21:1: `remove` changes the outline that this one extends, and it extends none"]
    assert "hint: add `extends: other.yaml`, or remove `remove:`" in output


def test_chains_of_outlines_each_change_the_one_before(based, monkeypatch):
    based.write("decks/middle.yaml", """\
        extends: base.yaml
        vars: {organization: Middle}
        remove: [plan]
        """)
    result = build(based, monkeypatch, "extends: middle.yaml\nremove: [give]\n")
    assert result.exit_code == 0, result.output
    assert titles(based.root.joinpath(*CHILD_OUTPUT)) == [
        "Workshop at Middle", "Agenda", "Welcome", "Hello", "Core", "Core", "References"]
    doc = extend(load_yaml(based.root / "decks" / "child.yaml"), based.root)
    assert files(doc) == [based.root / "decks" / n for n in ("child.yaml", "middle.yaml", "base.yaml")]


def test_a_circle_of_outlines_is_named_at_the_extends_that_closes_it(based, monkeypatch):
    based.write("decks/a.yaml", "extends: b.yaml\ntitle: A\n")
    based.write("decks/b.yaml", "title: B\nextends: child.yaml\n")
    found, output = refused(based, monkeypatch, "extends: a.yaml\n")
    circle = "child.yaml -> a.yaml -> b.yaml -> child.yaml"
    assert found == [f"error: decks/b.yaml:2:10: outlines extend each other in a circle: {circle}"]
    assert "hint: remove `extends:` from one of them" in output


def test_a_chain_is_at_most_so_long(based, monkeypatch):
    for i in range(MAX_CHAIN + 1):
        based.write(f"decks/c{i}.yaml", f"extends: {'base' if i == MAX_CHAIN else f'c{i + 1}'}.yaml\n")
    found, _ = refused(based, monkeypatch, "extends: c0.yaml\n")
    assert found == [f"error: decks/c{MAX_CHAIN - 1}.yaml:1:10: more than {MAX_CHAIN} outlines extend one another"]


@pytest.mark.parametrize(("target", "message", "hint"), [
    ("nope.yaml", "the outline to extend not found: 'nope.yaml'", "paths are relative to"),
    ("../../outside.yaml", "'../../outside.yaml' is outside the workspace", "keep files inside"),
    ("articles/smith.yaml", "'articles/smith.yaml' is not a deck outline: it has no `sections:`",
     "extends: names another deck outline"),
    ("images", "the outline to extend is a folder, not a file: 'images'", "name a file in it"),
    ("[base.yaml]", "`extends` must be the path of another deck outline", "write the file name relative to this one"),
])  # fmt: skip
def test_an_extends_that_cannot_be_used_is_an_error_at_its_value(based, monkeypatch, target, message, hint):
    (based.root.parent / "outside.yaml").write_text(BASE)
    found, output = refused(based, monkeypatch, f"extends: {target}\n")
    assert found == [f"error: decks/child.yaml:1:10: {message}"]
    assert f"hint: {hint}" in output


def test_mistakes_in_a_base_are_reported_at_the_base(based, monkeypatch):
    based.write("decks/base.yaml", BASE.replace("        bullets: [\"Two", "        bulets: [\"Two")
                .replace("smith/essence-of-love", "smith/essence-of-lov").replace("${city}", "${town}"))  # fmt: skip
    found, output = refused(based, monkeypatch, "extends: base.yaml\n")
    assert found == [
        "error: decks/base.yaml:10:31: unknown variable 'town'",
        "error: decks/base.yaml:13:9: unknown key 'bulets'",
    ], output
    based.write("decks/base.yaml", BASE.replace("smith/essence-of-love", "smith/essence-of-lov"))
    found, output = refused(based, monkeypatch, "extends: base.yaml\n")
    assert [f.split(": ")[1] for f in found] == ["decks/base.yaml:18:16"], output


def test_paths_in_a_base_are_relative_to_the_base(based, monkeypatch):
    """The child lives in another folder: the base's image and sources are found beside the base."""
    make_png(based.root / "decks" / "images" / "blue.png", color="blue")
    based.write("decks/base.yaml", BASE.replace("bullets: [\"Two parts\"]", "image: images/blue.png\n        alt: A blue square")
                + "sources: [articles/]\n")  # fmt: skip
    based.write("decks/clients/child.yaml", "extends: ../base.yaml\nremove: [love]\n")
    result = run(based, monkeypatch, "build", "decks/clients/child.yaml")
    assert result.exit_code == 0, result.output
    pptx = Presentation(str(based.root / "output" / "child" / "child.pptx"))
    assert any(shape.shape_type == 13 for slide in pptx.slides for shape in slide.shapes)


def test_check_reports_the_findings_of_a_merged_deck_in_each_file(based, monkeypatch):
    based.write("decks/child.yaml", "extends: base.yaml\nobjectives: [\"Understand shame\"]\n")
    result = run(based, monkeypatch, "check", "--json", "decks/child.yaml")
    found = {(f["code"], f["file"], f["line"]) for f in json.loads(result.stdout)}
    assert ("ce.objective-verb", "decks/child.yaml", 2) in found, found


def test_the_sample_customized_deck_builds_and_every_sample_deck_passes_check_strict(tmp_path, monkeypatch):
    """The workshop as a partner agency presents it: its own trainer and organisation, an hour long.
    Its .pptx is audited by openxml-audit with every .pptx a test builds."""
    monkeypatch.chdir(REPO)
    result = run_cli("build", "decks/attachment-workshop-eastside.yaml", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    texts = slide_texts(tmp_path / "attachment-workshop-eastside" / "attachment-workshop-eastside.pptx")
    assert texts[0].startswith("Healing Attachment Wounds | Primal love, shame and repair: a one-hour staff training"
                               " | Sam Okafor, LCSW\nEastside Community Counseling")  # fmt: skip
    assert "Bringing it to Eastside Community Counseling" in "\n".join(texts)
    assert not any("internal witness" in t.lower() for t in texts)  # its section is removed
    assert sorted(p.name for p in (REPO / "decks").glob("*.yaml")) == [
        "attachment-workshop-eastside.yaml", "attachment-workshop.yaml"]
    result = run_cli("check", "--strict")
    assert result.exit_code == 0, result.output
    assert "ok decks/attachment-workshop-eastside.yaml (37 slides" in result.output


def test_a_replaced_slide_keeps_its_id_for_the_outlines_that_extend_this_one(based, monkeypatch):
    based.write("decks/middle.yaml", """\
        extends: base.yaml
        replace:
          plan: {title: "A new plan", bullets: ["Three parts"]}
        """)
    result = build(based, monkeypatch, 'extends: middle.yaml\nreplace:\n  plan: {title: "Plan C", bullets: [x]}\n')
    assert result.exit_code == 0, result.output
    assert "Plan C" in titles(based.root.joinpath(*CHILD_OUTPUT))


def test_a_slide_inserted_beside_a_section_and_a_section_beside_a_slide_are_errors(based, monkeypatch):
    found, output = refused(based, monkeypatch, """\
        extends: base.yaml
        insert_after:
          welcome:
            - text: "A slide"
          hello:
            - {title: "A section", slides: [{text: "x"}]}
        """)
    assert found == ["error: decks/child.yaml:4:7: 'welcome' is a section: only sections go after it",
                     "error: decks/child.yaml:6:7: 'hello' is a slide: only slides go after it"]  # fmt: skip
    assert "hint: put a slide before or after one of its slides (hello, plan)" in output
    assert "hint: put a section before or after a section" in output


def test_a_duration_left_from_the_base_is_reported_in_the_deck_that_changed_the_sections(based, monkeypatch):
    based.write("decks/base.yaml", BASE.replace('    title: "Welcome"\n', '    title: "Welcome"\n    minutes: 10\n')
                .replace('    title: "Core"\n', '    title: "Core"\n    minutes: 20\n') + "duration: 30\n")
    workspace_child = "# A shorter version\nextends: base.yaml\nremove: [core]\n"
    result = build(based, monkeypatch, workspace_child)
    assert result.exit_code == 0, result.output
    assert "warning: decks/child.yaml:2:1: the sections add up to 10 minutes, but duration is 30 minutes" in result.output
    assert "hint: add `duration: 10` to this deck, or change its sections' `minutes:`" in result.output


OWN_SECTIONS = """\
extends: base.yaml
sections:
  - title: "Mine"
    slides:
      - {id: k2, title: "K", bullets: [x]}
remove: [hello, k2]
"""


@pytest.mark.parametrize("base, child, error, hint", [
    (BASE.replace("id: love", "id: core"), "extends: base.yaml\nremove: [core]\n",
     "2:10: 'core' is the id of a section and of a slide in base.yaml", "give one of them another id in that outline"),
    (BASE.replace("id: give", "id: hello"), "extends: base.yaml\nremove: [hello]\n",
     "2:10: 'hello' is the id of 2 slides in base.yaml", "give one of them another id in that outline"),
    (BASE, "extends: base.yaml\nremove: [love, core]\n",
     "2:10: slide 'love' is in section 'core', which `remove` changes already",
     "leave 'love' out of `remove`: its section goes with all its slides"),
    (BASE, "extends: bse.yaml\n", "1:10: the outline to extend not found: 'bse.yaml'", "did you mean 'base.yaml'? (paths"),
    (BASE, OWN_SECTIONS, "6:1: `remove` changes the sections of base.yaml, but this deck writes its own `sections:`, "
     "which replace them", "remove `sections:` and add your sections with insert_after, or remove `remove:`"),
], ids=["section-and-slide", "two-slides", "slide-of-removed-section", "mistyped-extends", "own-sections"])  # fmt: skip
def test_a_mistake_in_the_operations_is_named_with_what_to_do(based, monkeypatch, base, child, error, hint):
    based.write("decks/base.yaml", base)
    found, output = refused(based, monkeypatch, child)
    assert found == [f"error: decks/child.yaml:{error}"]
    assert f"hint: {hint}" in output


def test_a_mistyped_key_is_reported_with_the_operations_mistakes(based, monkeypatch):
    found, output = refused(based, monkeypatch, "extends: base.yaml\nreplce: {hello: {text: x}}\nremove: [helo]\n")
    assert found == ["error: decks/child.yaml:2:1: unknown key 'replce'",
                     "error: decks/child.yaml:3:10: no section or slide has the id 'helo' in base.yaml"]  # fmt: skip
    assert "hint: did you mean 'replace'?" in output


def test_a_replaced_slide_may_have_slides_inserted_beside_it(based, monkeypatch):
    result = build(based, monkeypatch, """\
        extends: base.yaml
        replace:
          plan: {title: "New plan", bullets: [x]}
        insert_before:
          plan: [{title: "Before the plan", bullets: [y]}]
        insert_after:
          plan: [{title: "After the plan", bullets: [z]}]
        """)
    assert result.exit_code == 0, result.output
    shown = titles(based.root.joinpath(*CHILD_OUTPUT))
    assert shown[shown.index("Hello") + 1 : shown.index("Hello") + 4] == ["Before the plan", "New plan", "After the plan"]
