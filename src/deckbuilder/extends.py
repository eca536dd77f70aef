"""`extends: other.yaml`: an outline that starts from another one and changes it.

The outlines of a chain are merged into one Document before variables are filled in and the
outline is validated, so a base's `${name}` takes the child's `vars:`. Every value keeps the
position of the file that wrote it: a mistake in a base is reported in the base, and a relative
path (an image, `sources:`) is resolved from the folder of the file that wrote it.

A merge: the child's top-level fields replace the base's (`vars:` merges name by name, the
child's winning); then `remove`, `replace`, `insert_before` and `insert_after` change the sections
and slides of the base that their ids name (removed or replaced, not both; inserts beside either).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import DeckError, Position, Problem, Problems, did_you_mean, shown
from .load import Document, load_yaml
from .workspace import locate_file

KEY = "extends"
VARS = "vars"
REMOVE, REPLACE, BEFORE, AFTER = "remove", "replace", "insert_before", "insert_after"
OPERATIONS = (REMOVE, REPLACE, BEFORE, AFTER)
MAX_CHAIN = 8  # outlines one deck may extend, one through another
_Origin = tuple[Document, tuple]  # the document a value was written in, and its path there


def extend(doc: Document, root: Path) -> Document:
    """Return `doc` with the outlines it extends merged in (itself when it extends none); raise
    DeckError at the `extends:` of a base that cannot be used, or at each id that names nothing."""
    chain = _chain(doc, root)
    merged = chain[-1]
    _refuse_operations(merged)
    for child in reversed(chain[:-1]):
        merged = _Merge(merged, child).document()
    return merged


def files(doc: Document) -> list[Path]:
    """Return the files a merged outline was read from: the deck's first, then each base's."""
    return [doc.file, *doc.bases]


def _chain(doc: Document, root: Path) -> list[Document]:
    """Return `doc` and the outlines it extends, nearest first, each loaded with its positions."""
    chain = [doc]
    while isinstance(chain[-1].data, dict) and KEY in chain[-1].data:
        child = chain[-1]
        value, pos = child.data[KEY], child.pos((KEY,))
        if not isinstance(value, str):
            raise DeckError(Problem("`extends` must be the path of another deck outline", pos,
                                    "write the file name relative to this one, e.g. extends: workshop.yaml"))  # fmt: skip
        path = locate_file(value, child.file.parent, root, pos, "the outline to extend")
        seen = [d.file.resolve() for d in chain]
        if path in seen:
            circle = " -> ".join(_named(d.file, doc.file) for d in chain[seen.index(path):]) + f" -> {_named(path, doc.file)}"
            raise DeckError(Problem(f"outlines extend each other in a circle: {circle}", pos,
                                    "remove `extends:` from one of them"))  # fmt: skip
        if len(chain) > MAX_CHAIN:
            raise DeckError(Problem(f"more than {MAX_CHAIN} outlines extend one another", pos,
                                    "copy one outline of the chain into another, so that it is shorter"))  # fmt: skip
        base = load_yaml(path)
        if not isinstance(base.data, dict) or not {"sections", KEY} & set(base.data):
            raise DeckError(Problem(f"{shown(value)} is not a deck outline: it has no `sections:`", pos,
                                    "extends: names another deck outline, e.g. extends: workshop.yaml"))  # fmt: skip
        chain.append(base)
    return chain


def _named(path: Path, deck: Path) -> str:
    """Return a file of a chain as the user sees it: relative to the deck's folder."""
    return os.path.relpath(path, deck.resolve().parent)


def _refuse_operations(doc: Document) -> None:
    """Refuse operations in an outline that extends nothing: they would silently change nothing."""
    if not isinstance(doc.data, dict):
        return
    problems = Problems()
    for key in OPERATIONS:
        if key in doc.data:
            problems.add(f"`{key}` changes the outline that this one extends, and it extends none",
                         doc.key_pos((key,)), f"add `extends: other.yaml`, or remove `{key}:`")  # fmt: skip
    problems.raise_if_any()


class _Merge:
    """One child laid over its (merged) base; the result's positions are copied from where each
    value was written, by a walk over the merged data at the end."""

    def __init__(self, base: Document, child: Document) -> None:
        self.base, self.child = base, child
        self.problems = Problems()
        # id(container) -> where it was written; entries of the containers made here, by key
        self.where: dict[int, _Origin] = {i: (base, p) for i, p in base.paths.items()}
        self.where.update((i, (child, p)) for i, p in child.paths.items())
        self.entries: dict[tuple[int, Any], _Origin] = {}

    def document(self) -> Document:
        """Return the merged outline; raise DeckError listing every operation that cannot be done."""
        data = self.made({}, (self.child, ()))
        for key, value in self.base.data.items():
            self.put(data, key, value, (self.base, (key,)))
        for key, value in self.child.data.items():
            if key not in (KEY, *OPERATIONS):
                self.put(data, key, value, (self.child, (key,)))
        if isinstance(self.base.data.get(VARS), dict) and isinstance(self.child.data.get(VARS), dict):
            data[VARS] = self._merged_vars()
        given = [key for key in OPERATIONS if key in self.child.data]
        if "sections" in self.child.data and given:  # the base's sections are gone: nothing to change
            self.problems.add(f"`{given[0]}` changes the sections of {self.base.file.name}, but this deck writes its "
                              "own `sections:`, which replace them", self.child.key_pos((given[0],)),
                              f"remove `sections:` and add your sections with insert_after, or remove `{given[0]}:`")
        elif isinstance(data.get("sections"), list):
            data["sections"] = _Operations(self, data["sections"], self.entries.get((id(data), "sections"))).apply()
        if self.problems.items:  # reported with the operations' mistakes: validation would wait for them
            self._unknown_keys()
        self.problems.raise_if_any()
        merged = Document(self.child.file, data, bases=(self.base.file, *self.base.bases))
        self._walk(merged, data, (), (self.child, ()))
        return merged

    def _unknown_keys(self) -> None:
        """Report the child's top-level keys that no outline has (`replce:`)."""
        from .model import Outline
        from .validate import field_names, unknown_key

        for key in self.child.data:
            if key not in field_names(Outline):
                unknown_key(str(key), Outline, self.child.key_pos((key,)), self.problems)

    def _merged_vars(self) -> dict:
        """Return the base's variables with the child's laid over them."""
        merged = self.made({}, (self.child, (VARS,)))
        for doc in (self.base, self.child):
            for name, value in doc.data[VARS].items():
                self.put(merged, name, value, (doc, (VARS, name)))
        return merged

    def made(self, container, origin: _Origin):
        """Return a container made by the merge, remembering where it counts as written."""
        self.where[id(container)] = origin
        return container

    def put(self, container, key, value, origin: _Origin) -> None:
        """Set (or append, for a list) an entry of a made container, remembering where it was written."""
        if isinstance(container, list):
            key = len(container)
            container.append(value)
        else:
            container[key] = value
        self.entries[(id(container), key)] = origin

    def _walk(self, merged: Document, value, path: tuple, origin: _Origin | None) -> None:
        """Give `value` at `path` of the merged outline, and everything in it, the positions it was written at."""
        if isinstance(value, (dict, list)):
            origin = self.where.get(id(value), origin)
            merged.paths[id(value)] = path
        if origin is not None:
            doc, at = origin
            for source, target in ((doc.values, merged.values), (doc.inline, merged.inline)):
                if at in source:
                    target[path] = source[at]
            if at in doc.keys and path:
                merged.keys[path] = doc.keys[at]
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            inner = self.entries.get((id(value), key)) or (origin and (origin[0], origin[1] + (key,)))
            self._walk(merged, item, path + (key,), inner)


class _Operations:
    """`remove`, `replace`, `insert_before` and `insert_after` of one child, on its base's sections."""

    def __init__(self, merge: _Merge, sections: list, origin: _Origin | None) -> None:
        self.merge, self.sections, self.origin = merge, sections, origin or (merge.base, ("sections",))
        self.child, self.problems = merge.child, merge.problems
        self.ids: dict[str, tuple] = {}  # id -> ("section", si) or ("slide", si, sj); None when shared
        self.shared: dict[str, tuple[str, ...]] = {}  # id -> the kinds of what has it
        for si, section in enumerate(sections):
            if isinstance(section, dict):
                self._name(section.get("id"), ("section", si))
                for sj, slide in enumerate(section.get("slides") if isinstance(section.get("slides"), list) else ()):
                    if isinstance(slide, dict):
                        self._name(slide.get("id"), ("slide", si, sj))
        self.targets: dict[str, dict[str, tuple[Any, tuple]]] = {}  # id -> operation -> (what it gives, its path)

    def _name(self, name, place: tuple) -> None:
        """Remember which section or slide an id names; one that two of them share names neither."""
        if isinstance(name, str):
            self.ids[name] = None if name in self.ids else place
            self.shared[name] = self.shared.get(name, ()) + (place[0],)

    def apply(self) -> list:
        """Return the sections with every operation done."""
        self._read()
        if self.problems.items:
            return self.sections
        made = self.merge.made([], self.origin)
        for si, section in enumerate(self.sections):
            self._around(made, ("section", si), section, self._origin_of(si))
        return made

    def _origin_of(self, si: int, sj: int | None = None) -> _Origin:
        """Return where a section (or one of its slides) of the base was written."""
        doc, at = self.origin
        return (doc, at + (si,) + (() if sj is None else ("slides", sj)))

    def _around(self, made: list, place: tuple, item, origin: _Origin) -> None:
        """Put a section or slide into `made`, with what is inserted before and after it, or its
        replacement, or nothing when it is removed."""
        name = item.get("id") if isinstance(item, dict) else None
        ops = self.targets.get(name, {}) if self.ids.get(name) == place else {}
        if BEFORE in ops:
            self._insert(made, *ops[BEFORE])
        if REPLACE in ops:  # under the id it replaces, unless it gives its own
            given, at = ops[REPLACE]
            self.merge.put(made, None, given if "id" in given else {"id": name, **given}, (self.child, at))
        elif REMOVE not in ops:
            self.merge.put(made, None, self._slides(place, item, origin) if place[0] == "section" else item, origin)
        if AFTER in ops:
            self._insert(made, *ops[AFTER])

    def _insert(self, made: list, given: list, at: tuple) -> None:
        """Put the sections or slides the child inserts into `made`, each where the child wrote it."""
        for i, item in enumerate(given):
            self.merge.put(made, None, item, (self.child, at + (i,)))

    def _slides(self, place: tuple, section, origin: _Origin):
        """Return a section of the base, with a new list of slides when an operation changes one."""
        slides = section.get("slides") if isinstance(section, dict) else None
        changed = [n for n, p in self.ids.items() if p and p[0] == "slide" and p[1] == place[1] and n in self.targets]
        if not changed or not isinstance(slides, list):
            return section
        copy = self.merge.made(dict(section), origin)
        made = self.merge.made([], (origin[0], origin[1] + ("slides",)))
        for sj, slide in enumerate(slides):
            self._around(made, ("slide", place[1], sj), slide, self._origin_of(place[1], sj))
        copy["slides"] = made
        return copy

    def _read(self) -> None:
        """Read the child's operations, reporting a malformed one, an id that names nothing, and an
        id named twice."""
        data = self.child.data
        for key in OPERATIONS:
            if key not in data:
                continue
            value, pos = data[key], self.child.pos((key,))
            if key == REMOVE:
                if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
                    self.problems.add("`remove` must be a list of ids", pos,
                                      "write the ids of the sections and slides to leave out, e.g. remove: [welcome]")  # fmt: skip
                    continue
                for i, name in enumerate(value):
                    self._target(name, key, None, (key, i), self.child.pos((key, i)))
            elif not isinstance(value, dict):
                self.problems.add(f"`{key}` must be a mapping of ids to {_GIVES[key]}", pos, _EXAMPLES[key])
            else:
                for name, given in value.items():
                    at = (key, name)
                    if not isinstance(given, list if key != REPLACE else dict):
                        self.problems.add(f"`{key}: {name}` must be {_GIVES[key]}", self.child.pos(at), _EXAMPLES[key])
                    else:
                        self._target(name, key, given, at, self.child.key_pos(at))
        self._refuse_slides_of_changed_sections()
        self._refuse_wrong_kinds()

    def _target(self, name: str, operation: str, given, at: tuple, pos: Position) -> None:
        """Remember one operation on the section or slide `name`, if it names one and nothing else does."""
        place = self.ids.get(name, ())
        done = self.targets.get(name, {})
        clash = [op for op in done if op == operation or {op, operation} == {REMOVE, REPLACE}]
        if clash:
            self.problems.add(f"'{name}' is changed twice: by `{clash[0]}` and by `{operation}`", pos,
                              "remove or replace a section or slide, not both; insert_before and insert_after "
                              "may go with either")  # fmt: skip
        elif place is None:
            kinds = self.shared[name]
            what = (f"the id of {len(kinds)} {kinds[0]}s" if len(set(kinds)) == 1 else "the id of a section and of a slide")
            self.problems.add(f"'{name}' is {what} in {self.merge.base.file.name}", pos,
                              "give one of them another id in that outline")  # fmt: skip
        elif not place:
            close = did_you_mean(name, [n for n in self.ids if self.ids[n]], list_all=False)
            self.problems.add(f"no section or slide has the id '{name}' in {self.merge.base.file.name}", pos,
                              close or "ids are the `id:` of the sections and slides of the outline extended")  # fmt: skip
        else:
            self.targets.setdefault(name, {})[operation] = (given, at)

    def _refuse_slides_of_changed_sections(self) -> None:
        """Report an operation on a slide whose section is removed or replaced: the slide is gone."""
        for name, ops in list(self.targets.items()):
            place = self.ids[name]
            outer = self.sections[place[1]].get("id") if place[0] == "slide" else None
            gone = self.targets.get(outer, {}) if isinstance(outer, str) else {}
            changed = next((op for op in (REMOVE, REPLACE) if op in gone), None)
            for operation, (_, at) in ops.items() if changed else ():
                pos = self.child.pos(at) if operation == REMOVE else self.child.key_pos(at)
                hint = (f"leave '{name}' out of `{operation}`: its section goes with all its slides" if changed == REMOVE
                        else "change the slide in the section's replacement, or leave the section as it is")
                self.problems.add(f"slide '{name}' is in section '{outer}', which `{changed}` changes already", pos, hint)

    def _refuse_wrong_kinds(self) -> None:
        """Report a slide inserted beside a section, or a section beside a slide: it would not fit there."""
        for name, ops in self.targets.items():
            place = self.ids[name]
            for operation in (BEFORE, AFTER):
                given, at = ops.get(operation, ((), ()))
                for i, item in enumerate(given):
                    if isinstance(item, dict) and ("slides" in item) != (place[0] == "section"):
                        self._wrong_kind(name, place, operation, self.child.pos(at + (i,)))

    def _wrong_kind(self, name: str, place: tuple, operation: str, pos: Position) -> None:
        """Report one item inserted beside what it cannot stand beside, naming where it can go."""
        if place[0] == "slide":
            self.problems.add(f"'{name}' is a slide: only slides go {operation[7:]} it", pos,
                              "put a section before or after a section")  # fmt: skip
            return
        slides = [n for n, p in self.ids.items() if p and p[0] == "slide" and p[1] == place[1]]
        self.problems.add(f"'{name}' is a section: only sections go {operation[7:]} it", pos,
                          f"put a slide before or after one of its slides ({', '.join(slides)})" if slides
                          else "give one of its slides an `id:` in the base, and put the slide beside it")  # fmt: skip


_GIVES = {REPLACE: "a whole section or slide", BEFORE: "a list of sections or slides",
          AFTER: "a list of sections or slides"}  # fmt: skip
_EXAMPLES = {
    REPLACE: "write the section or slide in full under its id, e.g. replace: {intro: {title: Hello, bullets: [...]}}",
    BEFORE: "write a list under the id: slides to put before a slide, sections before a section",
    AFTER: "write a list under the id: slides to put after a slide, sections after a section",
}
