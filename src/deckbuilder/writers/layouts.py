"""Which slide layout of a template each slide kind uses.

Organisation templates are often localized or renamed, so a layout is found by the name the
theme gives it, then by its usual English name, then by what its placeholders are for. A kind
that no layout suits borrows the built-in theme's layout, with a warning that says where it looked.
"""

from __future__ import annotations

from ..errors import Position, Problem, did_you_mean
from ..themes import DEFAULT_THEME, LoadedTheme, builtin_dir
from .template import Layout, Template, load_template, open_presentation, read_layout, related, slide_layouts

# Slide kind -> the usual layout names, tried in order.
NAMES = {
    "title": ["Title Slide"],
    "section": ["Section Header"],
    "quote": ["Quote"],
    "statement": ["Statement"],
    "image": ["Picture with Caption"],
    "two-column": ["Comparison", "Two Content"],
    "exercise": ["Comparison", "Two Content"],
    "closing": ["Closing"],
}
TEXT = ["Title and Content"]
# What a layout made for a kind has, in words for warnings; text kinds need a title and a body.
PURPOSE = {
    "title": "a title slide",
    "section": "a section header",
    "closing": "a section header or title slide",
    "two-column": "two text columns",
    "exercise": "two text columns",
    "image": "a picture placeholder",
}
NAME_ONLY = ("quote", "statement")  # no placeholder signature: only a name finds their layout
_SIDEWAYS = ("vertTx", "vertTitleAndTx", "vertTitleAndTxOverChart")


class LayoutChooser:
    """Chooses, once per kind, the layout of a template for a theme; collects warnings.

    `prs` is the python-pptx presentation being written: `slide_layout` gives a chosen layout in it.
    Without one (to measure, not to write), a layout borrowed from the built-in theme is added to a
    scratch copy of the template, so that it is read as it will be written.
    """

    def __init__(self, template: Template, theme: LoadedTheme, prs=None) -> None:
        self.template, self.theme, self._prs = template, theme, prs
        self._in_deck: dict | None = None
        self.cache: dict[str, Layout] = {}
        self.warnings: list = []
        self._check_names()

    @property
    def prs(self):
        if self._prs is None:
            self._prs = open_presentation(self.template.data)
        return self._prs

    @property
    def in_deck(self) -> dict:
        if self._in_deck is None:
            self._in_deck = slide_layouts(self.prs)
        return self._in_deck

    def choose(self, kind: str) -> Layout:
        if kind not in self.cache:
            self.cache[kind] = self._find(kind)
        return self.cache[kind]

    def slide_layout(self, layout: Layout):
        """Return the python-pptx layout of the deck that `layout` describes."""
        return self.in_deck[layout.part]

    def _check_names(self) -> None:
        """Warn about `layouts:` names the theme's own template does not have."""
        doc = self.theme.doc
        for kind, name in self.theme.theme.layouts.items():
            where = doc.pos(("layouts", kind))
            if name in self.template.layouts or where.file != doc.pos(("template",)).file:
                continue  # names inherited with another template are not this template's promise
            hint = did_you_mean(name, list(self.template.layouts), list_all=True)
            self.warnings.append(
                Problem(f"{self.template.path.name} has no layout named '{name}'; {kind} slides use another", where,
                        hint or "layouts: maps a slide kind to a layout name of the template",
                        "warning", "layout.unknown-name")  # fmt: skip
            )

    def _find(self, kind: str) -> Layout:
        layouts, wanted = self.template.layouts, self.theme.theme.layouts
        names = [wanted.get(kind, "")] + NAMES.get(kind, [wanted.get("bullets", "")] + TEXT)
        for name in names:
            if name in layouts:
                return layouts[name]
        every = self.template.all_layouts
        score, first = max(((_fit(kind, layout), -i) for i, layout in enumerate(every)), default=(0, 0))
        if score > 0:  # the best suited; of equals, the first in the template
            return every[-first]
        return self._borrow(kind, [n for n in dict.fromkeys(names) if n])

    def _borrow(self, kind: str, names: list[str]) -> Layout:
        """Use the built-in theme's layout for `kind`, added to the template's first master."""
        builtin = builtin_template()
        layout = next(builtin.layouts[n] for n in names + TEXT if n in builtin.layouts)
        purpose = "" if kind in NAME_ONLY else f", nor one made for {PURPOSE.get(kind, 'a title and a body')}"
        self.warnings.append(Problem(
            f"no layout named {' or '.join(repr(n) for n in names)}{purpose}; "
            f"{kind} slides use the built-in {DEFAULT_THEME} theme's '{layout.name}' layout",
            Position(self.template.path),
            f"searched the layout names and placeholders of this template, and `layouts:` of theme "
            f"'{self.theme.folder.name}'; add such a layout, or map `{kind}:` in `layouts:`",
            "warning", "layout.borrowed",
        ))  # fmt: skip
        return self._copy(builtin, layout)

    def _copy(self, source: Template, layout: Layout) -> Layout:
        """Add `layout` of `source` to this template's first master, scaled to its slides."""
        from .oxml import TEXT_LIGHTER, copy_layout

        master = related(self.prs.part, "slideMaster")[0].slide_master
        original = slide_layouts(open_presentation(source.data))[layout.part]
        scale = (self.template.width / source.width, self.template.height / source.height)
        copied = copy_layout(original, master, scale, TEXT_LIGHTER)
        result = read_layout(copied)
        self.in_deck[result.part] = copied
        return result


def _fit(kind: str, layout: Layout) -> int:
    """Return how well a layout suits a kind by its placeholders: 0 not at all, higher better."""
    kinds = [ph.type for ph in layout.placeholders]
    bodies = sum(k in ("body", "obj") for k in kinds)
    titled = "title" in kinds
    if layout.type in _SIDEWAYS:
        return 0
    if kind == "title":
        return 3 if layout.type == "title" else 2 if "ctrTitle" in kinds else 0
    if kind == "section":
        return 3 if layout.type == "secHead" else 0
    if kind == "closing":
        return 3 if layout.type == "secHead" else 1 if layout.type == "title" else 0
    if kind in ("two-column", "exercise"):
        columns = layout.columns()
        if not titled or len(columns) < 2:
            return 0
        if layout.type in ("twoTxTwoObj", "twoObj"):
            return 4 if layout.type == "twoTxTwoObj" else 3
        widths = [c[0].box.w for c in columns[:2]]
        even = len(widths) == 2 and min(widths) > 0.7 * max(widths)  # not a caption beside content
        return 2 if even and bodies == 2 else 1
    if kind == "image":
        return 3 if titled and "pic" in kinds else 0
    if kind in NAME_ONLY:
        return 0
    if not titled or bodies != 1 or layout.type in ("title", "secHead"):
        return 0
    return 3 if layout.type in ("obj", "tx") else 2


def builtin_template() -> Template:
    """Return the default theme's template: the source of borrowed layouts and notes master."""
    path = builtin_dir() / DEFAULT_THEME / "template.pptx"
    return load_template(path, Position(path))
