"""JSON Schemas of the input files, made from the typed models that validate them.

Editors use them to complete and check decks, articles and themes as they are typed (VS Code's
YAML extension reads a file's `# yaml-language-server: $schema=...` comment). They are made from
model.py, so they say what validation accepts; what validation does beyond the models is written
into them here: a slide's `kind` may be left out when its keys imply it, a theme that `extends:`
another needs none of its settings, and a deck that `extends:` another needs no title, its
`replace:` and `insert_*:` giving sections and slides.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from .kinds import KINDS, WRITTEN

# Each kind of file (what `deckbuilder schema --kind` accepts): its model in model.py, and what it is.
FILES = {
    "deck": ("Outline", "A deck outline (decks/<name>.yaml)"),
    "article": ("Article", "An article of the library (decks/articles/<id>.yaml)"),
    "theme": ("Theme", "A theme (themes/<name>/theme.yaml)"),
}
KINDS_OF_FILE = tuple(FILES)
# Draft 7: the one VS Code's YAML extension supports in full (it warns that later ones are partial).
DIALECT = "http://json-schema.org/draft-07/schema#"
_PARTIAL = "Partial"  # the prefix of a theme definition with nothing required


def file_name(kind: str) -> str:
    """Return the file a schema is written to, e.g. deck.schema.json."""
    return f"{kind}.schema.json"


def schema(kind: str) -> dict:
    """Return the JSON Schema of one kind of file (one of KINDS_OF_FILE)."""
    import msgspec

    from . import model

    name, what = FILES[kind]
    defs = msgspec.json.schema(getattr(model, name))["$defs"]
    _implied_kinds(defs)
    root = defs.pop(name)
    if kind == "theme":
        root = _extendable(root, defs)
    if kind == "deck":
        _extending_outline(root, defs)
    return _draft7({"$schema": DIALECT, "title": f"deckbuilder {kind}", "description": f"{what}; see docs/format.md.",
                    **{k: v for k, v in root.items() if k != "title"}, "definitions": defs})  # fmt: skip


def text(kind: str) -> str:
    """Return a schema as the text of its file: stable key order, a final newline."""
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def _draft7(node):
    """Return msgspec's schema (draft 2020-12) in draft 7: `definitions`, and no keys beside a `$ref`
    (draft 7 ignores them), which go beside an `allOf` of the reference instead."""
    if isinstance(node, list):
        return [_draft7(value) for value in node]
    if not isinstance(node, dict):
        return node
    node = {key: _draft7(value) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str):
        node["$ref"] = ref.replace("#/$defs/", "#/definitions/")
        if len(node) > 1:
            node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
    return node


def _implied_kinds(defs: dict) -> None:
    """Let a slide leave out `kind` when it has one of the keys that imply it (validate.py infers it)."""
    for definition in defs.values():
        kind = definition.get("properties", {}).get("kind")
        if kind is None or kind.get("enum", [None])[0] not in WRITTEN:
            continue
        name = kind["enum"][0]
        keys = " or ".join(f"`{key}:`" for key in KINDS[name])
        kind["description"] = f"The slide's kind, '{name}'; it may be left out when the slide has {keys}."
        definition["required"] = [r for r in definition["required"] if r != "kind"]
        if not definition["required"]:
            del definition["required"]
        definition["anyOf"] = [{"required": [key]} for key in ("kind", *KINDS[name])]
    for definition in defs.values():
        for prop in definition.get("properties", {}).values():
            prop.get("items", {}).pop("discriminator", None)  # the slides' kinds are not always written


def _extending_outline(root: dict, defs: dict) -> None:
    """Let a deck with `extends:` leave out what its base gives, and say that the values of `replace:`
    and the items of `insert_before:` and `insert_after:` are sections or slides."""
    root["if"] = {"not": {"required": ["extends"]}}
    root["then"] = {"required": root.pop("required")}
    given = {"anyOf": [{"$ref": "#/$defs/Section"}, *defs["Section"]["properties"]["slides"]["items"]["anyOf"]]}
    for key in ("replace", "insert_before", "insert_after"):
        mapping = root["properties"][key]["anyOf"][0]["additionalProperties"]
        value = mapping.get("items", mapping)  # a list of them, or one
        value.pop("type")
        value.update(copy.deepcopy(given))


def _extendable(root: dict, defs: dict) -> dict:
    """Return a theme schema under which a theme with `extends:` may leave out any setting."""
    partial = {_PARTIAL + name: _optional(definition) for name, definition in defs.items()}
    partial[_PARTIAL + "Theme"] = _optional(root)
    defs.update(partial)
    defs["Theme"] = root
    return {
        "if": {"required": ["extends"]},
        "then": {"$ref": f"#/$defs/{_PARTIAL}Theme"},  # made draft 7 with the rest
        "else": {"$ref": "#/$defs/Theme"},
    }


def _optional(definition: dict) -> dict:
    """Return a copy of a definition with no required keys, referring to the other such copies."""
    result = copy.deepcopy(definition)

    def visit(node):
        if isinstance(node, dict):
            node.pop("required", None)
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                node["$ref"] = "#/$defs/" + _PARTIAL + ref.removeprefix("#/$defs/")
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(result)
    return result


def write(kinds: tuple[str, ...], folder: Path) -> list[Path]:
    """Write the schemas of `kinds` into `folder`, all or none; return the files. An OSError names the file."""
    from .workspace import write_whole

    folder.mkdir(parents=True, exist_ok=True)
    return write_whole({folder / file_name(kind): text(kind) for kind in kinds})
