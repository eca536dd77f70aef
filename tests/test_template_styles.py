"""The text styles read from a template: each placeholder's insets, anchor, autofit and, per outline
level, size, font, weight, margins, spacing and bullet, resolved as PowerPoint inherits them.

The expected values were read by hand from the templates' XML (layout lstStyle, master placeholder,
master txStyles, presentation defaultTextStyle, theme fontScheme).
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from deckbuilder.writers.template import Template
from deckbuilder.writers.textstyle import INSETS, MAJOR, MINOR, LevelStyle, TextStyle

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "tests" / "templates"
CALM = REPO / "themes" / "calm" / "template.pptx"
CALM_BODY = ('<a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="t">'
             "<a:normAutofit/></a:bodyPr><a:lstStyle/>")  # layout 2's body: its own bodyPr, no lstStyle
CONTENT = "ppt/slideLayouts/slideLayout2.xml"  # calm's "Title and Content"


def template(path: Path, edits: dict[str, list[tuple[str, str]]] | None = None, tmp: Path | None = None) -> Template:
    """Return the Template of `path`, with each (old, new) of `edits` replaced once in its member."""
    if not edits:
        return Template(path)
    with zipfile.ZipFile(path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    for name, changes in edits.items():
        text = members[name].decode("utf-8")
        for old, new in changes:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        members[name] = text.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    out = tmp / path.name
    out.write_bytes(buf.getvalue())
    return Template(out)


def placeholder(t: Template, layout: str, kind: str, idx: int | None = None):
    found = t.layouts[layout].find(kind, idx)
    assert found is not None, (layout, kind, idx)
    return found


def body_level(t: Template, layout: str, lvl: int = 0, kind: str = "body", idx: int | None = None) -> LevelStyle:
    return placeholder(t, layout, kind, idx).style.level(lvl)


# ------------------------------------------------------------------ the built-in templates


def test_calm_title_and_content_takes_the_master_text_styles():
    t = Template(CALM)
    layout = t.layouts["Title and Content"]
    title, body = layout.find("title").style, layout.find("body").style
    assert title.level(0).size == 36 and title.level(0).font == MAJOR and title.level(0).line == 0.9
    assert not title.level(0).bullet
    assert (title.anchor, title.insets, title.autofit, title.wrap) == ("b", (0, 0, 0, 0), "norm", True)
    first, second = body.level(0), body.level(1)
    assert (first.size, first.margin, first.indent) == (24, 320040, -320040)
    assert (first.line, first.line_points, first.before, first.before_points) == (1.15, None, None, 10)
    assert (first.after, first.after_points, first.bullet, first.font) == (None, 0, True, MINOR)
    assert (second.size, second.margin, second.indent, second.before_points) == (20, 612648, -292608, 5)
    assert body.level(8).size == 18 and body.level(8).margin == 2615184
    assert (body.anchor, body.insets, body.autofit) == ("t", (0, 0, 0, 0), "norm")
    assert layout.fonts == {MAJOR: "Cambria", MINOR: "Calibri"}
    assert title.level(0).typeface(layout.fonts) == "Cambria" and first.typeface(layout.fonts) == "Calibri"
    assert (layout.title_size, layout.body_size) == (36, 24)


def test_a_layout_placeholder_overrides_its_master_level_by_level(tmp_path):
    t = Template(CALM)
    title_slide = t.layouts["Title Slide"]
    assert title_slide.find("title").style.level(0).size == 44  # its lstStyle; the master's title is 36
    assert title_slide.title_size == 36
    subtitle = title_slide.find("subTitle").style
    assert (subtitle.level(0).size, subtitle.level(0).margin, subtitle.level(0).indent) == (24, 0, 0)
    assert (subtitle.level(0).line, subtitle.level(0).bullet) == (1.1, False)
    assert (subtitle.level(1).size, subtitle.level(1).margin, subtitle.level(1).bullet) == (20, 612648, True)
    quote = t.layouts["Quote"].find("body").style.level(0)
    assert quote.font == MAJOR and quote.typeface(t.layouts["Quote"].fonts) == "Cambria"
    master = "ppt/slideMasters/slideMaster1.xml"
    smaller = template(CALM, {master: [('algn="r"><a:defRPr sz="1800"', 'algn="r"><a:defRPr sz="1400"')]}, tmp_path)
    number = smaller.layouts["Title and Content"].find("sldNum").style
    assert number.level(0).size == 14 and number.autofit == "none"  # the master placeholder's over otherStyle's 18


@pytest.mark.parametrize("theme", ["calm", "clinic", "high-contrast"])
def test_each_built_in_template_draws_the_sizes_and_fonts_its_theme_names(theme):
    import yaml

    doc = yaml.safe_load((REPO / "themes" / theme / "theme.yaml").read_text())
    t = Template(REPO / "themes" / theme / "template.pptx")
    layout = t.layouts["Title and Content"]
    assert layout.find("title").style.level(0).size == doc["sizes"]["title"] == layout.title_size
    assert layout.find("body").style.level(0).size == doc["sizes"]["body"] == layout.body_size
    assert layout.fonts == {MAJOR: doc["fonts"]["heading"], MINOR: doc["fonts"]["body"]}
    title = t.layouts["Title Slide"].find("title").style.level(0)
    assert title.size > layout.title_size  # a title slide draws its title larger


def test_reading_the_styles_is_cheap():
    Template(CALM)
    start = time.perf_counter()
    for _ in range(5):
        Template(CALM)
    assert (time.perf_counter() - start) / 5 < 0.5  # about 0.02 s; loose for a busy machine


# ------------------------------------------------------------------ organisation templates


def test_python_pptx_default_masters_fourthree():
    t = Template(TEMPLATES / "fourthree.pptx")
    content = t.layouts["Content (Org)"]
    body = content.find("obj").style  # a bare <p:ph idx="1"/> inherits from the master's body
    assert (body.level(0).size, body.level(0).margin, body.level(0).indent) == (32, 342900, -342900)
    assert (body.level(0).before, body.level(0).before_points, body.level(0).bullet) == (0.2, None, True)
    assert (body.level(1).size, body.level(1).margin, body.level(1).indent) == (28, 742950, -285750)
    assert body.insets == INSETS and body.anchor == "t"
    title = content.find("title").style
    assert (title.level(0).size, title.anchor, title.level(0).before, title.level(0).bullet) == (44, "ctr", 0, False)
    section = t.layouts["Section Header"].find("title").style
    assert (section.level(0).size, section.level(0).bold, section.anchor) == (40, True, "t")  # the layout's own
    two = t.layouts["Two Content"].find("obj", 1).style
    assert (two.level(0).size, two.level(0).margin, two.level(0).bullet) == (28, 342900, True)
    date = content.find("dt").style.level(0)
    assert date.size == 12 and date.margin == 0  # the master placeholder's lstStyle, then otherStyle
    assert content.fonts == {MAJOR: "Calibri", MINOR: "Calibri"}
    assert (content.title_size, content.body_size) == (44, 32)


def test_german_theme_fonts_are_resolved():
    t = Template(TEMPLATES / "german.pptx")
    layout = t.layouts["Titel und Inhalt"]
    assert layout.fonts == {MAJOR: "Liberation Sans", MINOR: "Liberation Sans"}
    assert layout.find("title").style.level(0).typeface(layout.fonts) == "Liberation Sans"
    comparison = t.layouts["Vergleich"].find("body", 1).style.level(0)
    assert (comparison.size, comparison.bold, comparison.bullet) == (24, True, False)


def test_impress_has_no_text_styles_so_office_defaults_apply():
    t = Template(TEMPLATES / "impress.pptx")
    layout = t.layouts["Title, Content"]
    title, body = layout.find("title").style, layout.find("obj").style
    assert title.level(0) == LevelStyle(font=MAJOR)  # 18 pt, single spacing, no spacing, no bullet
    assert body.level(0) == LevelStyle(font=MINOR)
    assert (title.insets, title.anchor, title.autofit) == ((0, 0, 0, 0), "ctr", "none")  # the master's bodyPr
    assert layout.fonts == {MAJOR: "Arial", MINOR: "Arial"}
    assert (layout.title_size, layout.body_size) == (18, 18)


@pytest.mark.parametrize("name", ["quirky.pptx", "potx.potx", "logo.pptx"])
def test_other_writers_templates_resolve_like_python_pptx_default(name):
    t = Template(TEMPLATES / name)
    layout = next(layout for layout in t.all_layouts if layout.find("title") and layout.columns())
    body = layout.columns()[0][0].style.level(0)
    assert (body.size, body.margin, body.bullet, layout.title_size, layout.body_size) == (32, 342900, True, 44, 32)


def test_each_layout_resolves_against_its_own_master(tmp_path):
    body = '<a:defRPr sz="3200" kern="1200">'
    t = template(TEMPLATES / "twomasters.pptx", {
        "ppt/slideMasters/slideMaster2.xml": [(body, body.replace("3200", "2000"))],
        "ppt/theme/theme2.xml": [('<a:minorFont><a:latin typeface="Calibri"/>',
                                  '<a:minorFont><a:latin typeface="Georgia"/>')],
    }, tmp_path)  # fmt: skip
    first, second = [layout for layout in t.all_layouts if layout.name == "Title and Content"]
    assert first.find("obj").style.level(0).size == 32 and first.body_size == 32
    assert second.find("obj").style.level(0).size == 20 and second.body_size == 20
    assert first.fonts[MINOR] == "Calibri" and second.fonts[MINOR] == "Georgia"
    assert second.find("obj").style.level(0).typeface(second.fonts) == "Georgia"
    assert second.find("obj").box.y == 457200  # and the box, from the same master


# ------------------------------------------------------------------ a hand-made template


LAYOUT_STYLE = (
    '<a:bodyPr anchor="ctr" wrap="none" lIns="12700" tIns="-5" bIns="25400"><a:spAutoFit/></a:bodyPr><a:lstStyle>'
    '<a:defPPr><a:defRPr i="1"/></a:defPPr>'
    '<a:lvl1pPr marL="0" indent="0"><a:lnSpc><a:spcPts val="2400"/></a:lnSpc><a:spcBef><a:spcPct val="50000"/>'
    '</a:spcBef><a:spcAft><a:spcPts val="600"/></a:spcAft><a:buNone/>'
    '<a:defRPr sz="2000" b="1" i="0"><a:latin typeface="Georgia"/></a:defRPr></a:lvl1pPr>'
    '<a:lvl2pPr><a:lnSpc><a:spcPct val="80%"/></a:lnSpc><a:spcBef><a:spcPts val="1200"/></a:spcBef></a:lvl2pPr>'
    "</a:lstStyle>"
)


def test_a_layout_placeholder_list_style_spacing_and_insets(tmp_path):
    t = template(CALM, {CONTENT: [(CALM_BODY, LAYOUT_STYLE)]}, tmp_path)
    style = placeholder(t, "Title and Content", "body").style
    assert style.insets == (12700, 0, 0, 25400)  # right from the master (0); a negative top counts as none
    assert (style.anchor, style.wrap, style.autofit) == ("ctr", False, "sp")
    first = style.level(0)
    assert (first.size, first.bold, first.italic, first.font) == (20, True, False, "Georgia")
    assert (first.margin, first.indent, first.bullet) == (0, 0, False)
    assert (first.line, first.line_points) == (None, 24)  # spcPts: exact pitch
    assert (first.before, first.before_points, first.after, first.after_points) == (0.5, None, None, 6)
    assert first.typeface(t.layouts["Title and Content"].fonts) == "Georgia"
    second = style.level(1)
    assert (second.line, second.line_points, second.before, second.before_points) == (0.8, None, None, 12)
    assert (second.size, second.margin, second.bullet, second.italic) == (20, 612648, True, True)  # defPPr's i
    assert style.level(2).italic and style.level(2).size == 18


MALFORMED = [
    ('sz="2400"', 'sz="abc"'), ('sz="2000"', 'sz="50"'), ('sz="1800"', 'sz="\u0665"'),
    ('marL="320040"', 'marL="-5"'), ('indent="-320040"', 'indent="1e5"'),
    ('<a:spcPct val="115000"/>', '<a:spcPct val="huge"/>'), ('<a:spcPts val="1000"/>', '<a:spcPts val="-1"/>'),
    ('<a:spcPts val="500"/>', '<a:spcPts val="99999999999999999999999"/>'),
]  # fmt: skip


def test_a_malformed_value_is_ignored_so_the_next_source_decides(tmp_path):
    master = "ppt/slideMasters/slideMaster1.xml"
    t = template(CALM, {
        master: MALFORMED,
        CONTENT: [(CALM_BODY, '<a:bodyPr anchor="middle" wrap="maybe" lIns="x"/><a:lstStyle>'
                              '<a:lvl3pPr><a:defRPr sz="400001" b="yes"/></a:lvl3pPr></a:lstStyle>')],
    }, tmp_path)  # fmt: skip
    body = placeholder(t, "Title and Content", "body").style
    first = body.level(0)
    assert (first.size, first.margin, first.indent, first.line, first.before_points) == (18, 0, 0, 1.0, 0)
    assert (body.level(1).size, body.level(1).before_points) == (18, 0)
    assert (body.level(2).size, body.level(2).bold) == (18, False)
    assert (body.insets, body.anchor, body.wrap) == ((0, 0, 0, 0), "t", True)  # the master's
    assert t.layouts["Title and Content"].body_size == 18


def test_a_header_placeholder_without_a_place_is_left_out(tmp_path):
    sld_num = '<p:ph type="sldNum" sz="quarter" idx="12"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>'
    t = template(CALM, {CONTENT: [(sld_num, '<p:ph type="hdr" idx="12"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>')]},
                 tmp_path)  # fmt: skip
    assert t.layouts["Title and Content"].find("hdr").style.level(0).size == 18  # otherStyle
    t = template(CALM, {CONTENT: [(sld_num + '<a:off x="10363200" y="5943600"/><a:ext cx="1097280" cy="365760"/>',
                                   '<p:ph type="hdr" idx="12"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>')]},
                 tmp_path)  # fmt: skip
    assert t.layouts["Title and Content"].find("hdr") is None


def test_a_style_level_out_of_range_takes_the_nearest_and_fonts_resolve_by_name():
    style = TextStyle(levels=tuple(LevelStyle(size=10 + i) for i in range(9)))
    assert style.level(-1).size == 10 and style.level(20).size == 18
    assert LevelStyle(font=MAJOR).typeface({}) == ""
    assert LevelStyle(font="Georgia").typeface({MAJOR: "Arial"}) == "Georgia"
    assert LevelStyle(font=MINOR).typeface({MAJOR: "Arial", MINOR: "Verdana"}) == "Verdana"


def test_a_placeholder_mark_outside_any_shape_is_no_placeholder(tmp_path):
    name = '<p:cSld name="Title and Content">'
    t = template(CALM, {CONTENT: [(name, '<p:ph type="body"/>' + name)]}, tmp_path)
    assert [ph.type for ph in t.layouts["Title and Content"].placeholders] == ["title", "body", "sldNum"]
