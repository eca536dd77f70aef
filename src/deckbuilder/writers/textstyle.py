"""The text properties a template gives each placeholder, resolved the way PowerPoint inherits them.

A layout placeholder's text takes each property from the first of: its own `a:lstStyle` (and
`a:bodyPr`), the master placeholder it inherits from, the master's `p:txStyles` (`titleStyle`,
`bodyStyle` or `otherStyle`), the presentation's `p:defaultTextStyle`, and Office's defaults.
Within one list style a level's `a:lvlNpPr` comes before the list's `a:defPPr`.

Templates are untrusted: a value that is not a number of the kind and range the schema allows is
ignored, as if it were not there, so the next source (at last Office's default) decides; a
negative inset counts as none. The text is measured with these values, so each stays sane.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LEVELS = 9
DEFAULT_SIZE = 18.0  # points: Office's size where no style sets one
INSETS = (91440, 45720, 91440, 45720)  # EMU: Office's left, top, right, bottom insets
MAJOR, MINOR = "+mj-lt", "+mn-lt"  # the theme's heading and body fonts, as text styles name them
TITLES = ("title", "ctrTitle")
BASE = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum", "hdr": "hdr",
        "sldImg": "sldImg"}  # fmt: skip
"""The master placeholder type a layout placeholder of a type inherits from; any other: body."""
MASTER_STYLES = {"title": "titleStyle", "body": "bodyStyle"}  # by base type; any other: otherStyle
# Schema ranges (ECMA-376 part 1, 20.1.10 and 21.1.10): sz, marL, indent, spcPts, spcPct, insets.
SIZE = (100, 400000)  # hundredths of a point
MARGIN = (0, 51206400)
INDENT = (-51206400, 51206400)
POINTS = (0, 158400)  # hundredths of a point
PERCENT = (0, 13200000)  # thousandths of a percent
INSET = (-2147483648, 2147483647)
ANCHORS = ("t", "ctr", "b", "just", "dist")
AUTOFITS = {A + "normAutofit": "norm", A + "spAutoFit": "sp", A + "noAutofit": "none"}
BULLETS = {A + "buNone": False, A + "buChar": True, A + "buAutoNum": True, A + "buBlip": True}
SPACINGS = {A + "lnSpc": "line", A + "spcBef": "before", A + "spcAft": "after"}
LEVEL_TAGS = {A + f"lvl{n}pPr": n - 1 for n in range(1, LEVELS + 1)}
INSET_ATTRS = ("lIns", "tIns", "rIns", "bIns")
_WHOLE = re.compile(r"\s*[+-]?[0-9]{1,20}\s*")
_PERCENT = re.compile(r"\s*[0-9]{1,9}(\.[0-9]{1,9})?%\s*")  # the transitional "90%" form
_TRUE, _FALSE = ("1", "true"), ("0", "false")
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
ALIGNS = ("l", "ctr", "r", "just", "dist")
SCALE = (25000, 400000)  # buSzPct, thousandths of a percent
TRACKING = (-400000, 400000)  # spc, hundredths of a point


@dataclass(frozen=True)
class LevelStyle:
    """How a placeholder draws one outline level of its text (lvl1pPr is level 0).

    Each spacing is a fraction (`line`, `before`, `after`) or points (`*_points`): exactly one of
    each pair is set. The fractions are of single spacing (PowerPoint shows them in lines), which
    both PowerPoint and LibreOffice take as 1.2 × the font size.
    """

    size: float = DEFAULT_SIZE  # points: the size the template draws this level at
    font: str = MINOR  # the latin typeface as written: a name, or MAJOR / MINOR (see `typeface`)
    bold: bool = False
    italic: bool = False
    margin: int = 0  # EMU from the left inset to the text (marL)
    indent: int = 0  # EMU from the margin to the first line (negative: the bullet hangs)
    line: float | None = 1.0  # lnSpc spcPct: 0.9 is 90 %
    line_points: float | None = None  # lnSpc spcPts: exact pitch in points
    before: float | None = None  # spcBef spcPct
    before_points: float | None = 0.0  # spcBef spcPts
    after: float | None = None  # spcAft spcPct
    after_points: float | None = 0.0  # spcAft spcPts
    bullet: bool = False  # a bullet character, picture or number is drawn
    bullet_char: str = ""  # the character of a:buChar ("": the layout's bullet is not a character)
    bullet_color: str = ""  # of a:buClr, as `color` ("": the text's)
    bullet_scale: float = 1.0  # a:buSzPct: the bullet's size as a fraction of the text's
    color: str = ""  # a:solidFill of the text: "#RRGGBB", or a scheme color by name ("accent1"); "": tx1
    align: str = "l"  # l, ctr, r, just, dist
    caps: bool = False  # cap="all"
    tracking: float = 0.0  # spc: points added between letters

    def typeface(self, fonts: Mapping[str, str]) -> str:
        """Return the font name, the theme's MAJOR / MINOR looked up in `fonts` ("" if not there).

        `fonts` is the layout's theme fonts (`Layout.fonts`), or those that replace them.
        """
        return fonts.get(self.font, "") if self.font in (MAJOR, MINOR) else self.font


@dataclass(frozen=True)
class TextStyle:
    """How a placeholder draws its text: its body properties and one style per outline level."""

    insets: tuple[int, int, int, int] = INSETS  # EMU: left, top, right, bottom, never negative
    anchor: str = "t"  # t, ctr, b (just and dist as the schema allows)
    wrap: bool = True
    autofit: str = ""  # norm (shrink on overflow), sp (grow the shape), none, or "" unset
    levels: tuple[LevelStyle, ...] = (LevelStyle(),) * LEVELS

    def level(self, lvl: int) -> LevelStyle:
        """Return the style of a paragraph's `lvl` (0-8; out of range takes the nearest)."""
        return self.levels[min(max(lvl, 0), LEVELS - 1)]


def base_type(kind: str) -> str:
    """Return the type of master placeholder that a layout placeholder of type `kind` inherits from."""
    return BASE.get(kind, "body")


def list_style(element) -> tuple[dict, ...]:
    """Return the properties each level of a list style (a:lstStyle, p:titleStyle, ...) sets.

    None (no list style) sets nothing.
    """
    if element is None:
        return ({},) * LEVELS
    default: dict = {}
    levels: list[dict] = [{} for _ in range(LEVELS)]
    for child in element:
        if child.tag == A + "defPPr":
            default = paragraph_props(child)
        elif child.tag in LEVEL_TAGS:
            levels[LEVEL_TAGS[child.tag]] = paragraph_props(child)
    return tuple({**default, **level} for level in levels)


def paragraph_props(ppr) -> dict:
    """Return the properties an a:pPr-like element (a:lvl1pPr, a:defPPr) sets, by LevelStyle field."""
    props: dict = {}
    _put(props, "margin", _whole(ppr.get("marL"), MARGIN))
    _put(props, "indent", _whole(ppr.get("indent"), INDENT))
    _put(props, "align", ppr.get("algn") if ppr.get("algn") in ALIGNS else None)
    for child in ppr:
        if child.tag in SPACINGS:
            _put(props, SPACINGS[child.tag], _spacing(child))
        elif child.tag in BULLETS:
            props.setdefault("bullet", BULLETS[child.tag])
            if child.tag == A + "buChar" and child.get("char"):
                props.setdefault("bullet_char", child.get("char")[:1])
        elif child.tag == A + "buClr":
            _put(props, "bullet_color", color(child))
        elif child.tag == A + "buSzPct":
            scale = _whole(child.get("val"), SCALE)
            _put(props, "bullet_scale", None if scale is None else scale / 100000)
        elif child.tag == A + "defRPr":
            size = _whole(child.get("sz"), SIZE)
            _put(props, "size", None if size is None else size / 100)
            _put(props, "bold", _bool(child.get("b")))
            _put(props, "italic", _bool(child.get("i")))
            _put(props, "color", color(child.find(A + "solidFill")))
            _put(props, "caps", {"all": True, "none": False, "small": False}.get(child.get("cap", "")))
            tracking = _whole(child.get("spc"), TRACKING)
            _put(props, "tracking", None if tracking is None else tracking / 100)
            latin = child.find(A + "latin")
            if latin is not None and latin.get("typeface"):
                props["font"] = latin.get("typeface")
    return props


def color(fill) -> str | None:
    """Return the color an element holds (a:solidFill, a:buClr): "#RRGGBB" or a scheme color's name,
    with its change: "tx1/lum/65000/35000" (lumMod, lumOff), "tx1/tint/75000", "tx1/shade/50000"; None
    for none or one not understood."""
    found = next(iter(fill), None) if fill is not None else None
    if found is None:
        return None
    if found.tag == A + "srgbClr":
        value = found.get("val") or ""
        return "#" + value.upper() if _HEX.fullmatch(value) else None
    if found.tag == A + "sysClr":
        value = found.get("lastClr") or ""
        return "#" + value.upper() if _HEX.fullmatch(value) else None
    if found.tag == A + "schemeClr" and re.fullmatch(r"[a-z]{2,8}[0-9]?", found.get("val") or ""):
        mod, off, tint, shade = (_whole(found.find(A + tag).get("val"), PERCENT) if found.find(A + tag) is not None
                                 else None for tag in ("lumMod", "lumOff", "tint", "shade"))  # fmt: skip
        if tint is not None or shade is not None:
            return found.get("val") + (f"/tint/{tint}" if tint is not None else f"/shade/{shade}")
        return found.get("val") + (f"/lum/{mod or 100000}/{off or 0}" if mod or off else "")
    return None


def body_props(body) -> dict:
    """Return the properties an a:bodyPr sets, by TextStyle field; None sets nothing."""
    props: dict = {}
    if body is None:
        return props
    for attr in INSET_ATTRS:
        inset = _whole(body.get(attr), INSET)
        _put(props, attr, None if inset is None else max(inset, 0))
    anchor = body.get("anchor")
    _put(props, "anchor", anchor if anchor in ANCHORS else None)
    wrap = body.get("wrap")
    _put(props, "wrap", {"square": True, "none": False}.get(wrap) if wrap else None)
    fit = next((AUTOFITS[child.tag] for child in body if child.tag in AUTOFITS), None)
    _put(props, "autofit", fit)
    return props


def resolve(sources: list[tuple[dict, tuple[dict, ...]]], title: bool) -> TextStyle:
    """Return the style that (body properties, level properties) `sources` give, nearest first.

    A level's font that no source sets is the theme's heading font for a title, else its body font.
    """
    body: dict = {}
    levels: list[dict] = [{} for _ in range(LEVELS)]
    for found, lists in reversed(sources):
        body.update(found)
        for merged, props in zip(levels, lists):
            merged.update(props)
    insets = tuple(body.get(attr, default) for attr, default in zip(INSET_ATTRS, INSETS))
    fields = {k: body[k] for k in ("anchor", "wrap", "autofit") if k in body}
    font = MAJOR if title else MINOR
    return TextStyle(insets, levels=tuple(_level(props, font) for props in levels), **fields)


def fonts(theme) -> dict[str, str]:
    """Return a theme part's heading (MAJOR) and body (MINOR) latin typefaces; None has none."""
    found = {}
    scheme = theme.find(f"{A}themeElements/{A}fontScheme") if theme is not None else None
    for key, slot in ((MAJOR, "majorFont"), (MINOR, "minorFont")):
        latin = scheme.find(f"{A}{slot}/{A}latin") if scheme is not None else None
        if latin is not None and latin.get("typeface"):
            found[key] = latin.get("typeface")
    return found


def _level(props: dict, font: str) -> LevelStyle:
    """Return the LevelStyle of merged level properties; `font` where none is set."""
    values = {"font": font, **props}
    for name in SPACINGS.values():
        if name in props:
            unit, value = props[name]
            values[name], values[name + "_points"] = (value, None) if unit == "pct" else (None, value)
    return LevelStyle(**values)


def _spacing(element):
    """Return ("pct", fraction) or ("pts", points) of a:lnSpc, a:spcBef or a:spcAft; None if invalid."""
    pct, pts = element.find(A + "spcPct"), element.find(A + "spcPts")
    if pct is not None:
        value = pct.get("val")
        if value is not None and _PERCENT.fullmatch(value):
            thousandths = round(float(value.strip().rstrip("%")) * 1000)
            return ("pct", thousandths / 100000) if PERCENT[0] <= thousandths <= PERCENT[1] else None
        value = _whole(value, PERCENT)
        return None if value is None else ("pct", value / 100000)
    if pts is not None:
        value = _whole(pts.get("val"), POINTS)
        return None if value is None else ("pts", value / 100)
    return None


def _whole(value: str | None, limits: tuple[int, int]) -> int | None:
    """Return a whole-number attribute within `limits`, else None (ignored)."""
    if value is None or not _WHOLE.fullmatch(value):
        return None
    number = int(value)
    return number if limits[0] <= number <= limits[1] else None


def _bool(value: str | None) -> bool | None:
    """Return an xsd:boolean attribute, else None (ignored)."""
    value = value.strip() if value is not None else None
    return True if value in _TRUE else False if value in _FALSE else None


def _put(props: dict, key, value) -> None:
    """Set `key` unless `value` is None (unset or invalid)."""
    if value is not None:
        props[key] = value
