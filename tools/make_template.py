"""Build a theme's template.pptx (slide master + layouts, no slides) from its theme.yaml.

Usage:  python tools/make_template.py themes/calm

The output is deterministic: the same theme.yaml always gives the same bytes.

deckbuilder's PowerPoint writer opens template.pptx as a zip, finds layouts by
<p:cSld name="...">, fills placeholders by type+idx and rewrites the theme's
colour and font schemes from theme.yaml.  So every visual decision lives here,
in the slide master and layouts, and refers to colours only through scheme
colours (tx1 text, bg1 background, accent1 accent, accent2 muted) and to fonts
only through +mj-lt (headings) and +mn-lt (body).

Parts are written from scratch as XML strings (each parsed with lxml to make
sure it is well formed); python-pptx 1.0.2 then adds the notes master in its
standard way and the zip is rewritten with fixed timestamps and order.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from lxml import etree

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NSDECL = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument"

# 16:9 widescreen.
SLIDE_W = 12192000
SLIDE_H = 6858000
EMU_PER_IN = 914400

SLDNUM_FIELD_ID = "{5E4F2C1A-7B3D-4C8E-9A61-3D2B8F0C1E47}"  # fixed: output is deterministic
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_DATE = "2024-01-01T00:00:00Z"


def emu(inches: float) -> int:
    return int(round(inches * EMU_PER_IN))


W_IN = SLIDE_W / EMU_PER_IN  # 13.333
H_IN = SLIDE_H / EMU_PER_IN  # 7.5

# ---- grid (inches) ----------------------------------------------------------
MARGIN = 0.8  # left / right page margin; nothing but full-bleed panels comes closer than 0.6 in to any edge
CONTENT_W = W_IN - 2 * MARGIN
TITLE_Y, TITLE_H = 0.6, 1.1  # title box, text sits on its bottom edge
RULE_Y, RULE_W, RULE_H = 1.84, 0.9, 0.055  # short accent rule under titles (~4 pt)
BODY_Y = 2.15
BODY_BOTTOM = 6.35
MIN_TEXT = 18.0  # points: no text of a layout is smaller (slide numbers, kickers, captions)
SLDNUM_W, SLDNUM_H = 1.2, 0.4
SLDNUM_X = W_IN - MARGIN - SLDNUM_W
SLDNUM_Y = H_IN - 0.6 - SLDNUM_H  # bottom edge 0.6 in above the slide edge


# ---- per-theme design choices (everything else comes from theme.yaml) --------
# band: height of an accent band across the top of content slides (0: none)
# rule: "short" accent rule under titles, or a "full"-width hairline
# cover: title slide as an accent "panel" over the upper part, or "band": a light page with a top band
# bold_titles, italic_quotes: type choices
STYLES = {
    "calm": dict(band=0.0, rule="short", rule_h=RULE_H, cover="panel", bold_titles=False, italic_quotes=True),
    "clinic": dict(band=0.16, rule="full", rule_h=0.02, cover="band", bold_titles=True, italic_quotes=False),
    "high-contrast": dict(band=0.0, rule="short", rule_h=0.09, cover="panel", bold_titles=True,
                          italic_quotes=False),
}


# ---- small XML builders -------------------------------------------------------


def solid(color: str, mods: str = "") -> str:
    return f'<a:solidFill><a:schemeClr val="{color}">{mods}</a:schemeClr></a:solidFill>'


def rpr_props(
    size: float | None = None,
    color: str | None = None,
    font: str | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    caps: bool = False,
    spacing: int | None = None,
    tag: str = "a:defRPr",
    extra_attrs: str = "",
) -> str:
    attrs = extra_attrs
    if size is not None:
        attrs += f' sz="{int(round(size * 100))}"'
    if bold is not None:
        attrs += f' b="{int(bold)}"'
    if italic is not None:
        attrs += f' i="{int(italic)}"'
    if caps:
        attrs += ' cap="all"'
    if spacing is not None:
        attrs += f' spc="{spacing}"'
    inner = ""
    if color:
        inner += solid(color)
    if font:
        kind = font[1:3]  # "mj" or "mn"
        inner += f'<a:latin typeface="+{kind}-lt"/><a:ea typeface="+{kind}-ea"/><a:cs typeface="+{kind}-cs"/>'
    return f"<{tag}{attrs}>{inner}</{tag}>" if inner else f"<{tag}{attrs}/>"


def ppr(
    level: int = 1,
    *,
    mar_l: float | None = None,
    indent: float | None = None,
    align: str | None = None,
    line: int | None = None,
    before: float | None = None,
    after: float | None = None,
    bullet: str | None = None,
    bullet_color: str | None = None,
    bullet_pct: int = 100,
    no_bullet: bool = False,
    std: bool = False,
    **run,
) -> str:
    """One <a:lvlNpPr>.  line is a percentage, before/after are points, margins inches."""
    attrs = ""
    if mar_l is not None:
        attrs += f' marL="{emu(mar_l)}"'
    if indent is not None:
        attrs += f' indent="{emu(indent)}"'
    if align:
        attrs += f' algn="{align}"'
    if std:
        attrs += ' defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"'
    inner = ""
    if line is not None:
        inner += f'<a:lnSpc><a:spcPct val="{line * 1000}"/></a:lnSpc>'
    if before is not None:
        inner += f'<a:spcBef><a:spcPts val="{int(round(before * 100))}"/></a:spcBef>'
    if after is not None:
        inner += f'<a:spcAft><a:spcPts val="{int(round(after * 100))}"/></a:spcAft>'
    if bullet:
        if bullet_color:
            inner += f'<a:buClr><a:schemeClr val="{bullet_color}"/></a:buClr>'
        inner += f'<a:buSzPct val="{bullet_pct * 1000}"/>'
        inner += "<a:buFontTx/>"  # the bullet glyph comes from the text's own (theme) font
        inner += f'<a:buChar char="{escape(bullet)}"/>'
    elif no_bullet:
        inner += "<a:buNone/>"
    inner += rpr_props(**run)
    return f"<a:lvl{level}pPr{attrs}>{inner}</a:lvl{level}pPr>"


def body_pr(anchor: str = "t", autofit: bool = True, ins: tuple = (0, 0, 0, 0), wrap: str = "square") -> str:
    l, t, r, b = (emu(v) for v in ins)
    fit = "<a:normAutofit/>" if autofit else "<a:noAutofit/>"
    return (
        f'<a:bodyPr vert="horz" wrap="{wrap}" lIns="{l}" tIns="{t}" rIns="{r}" bIns="{b}" '
        f'rtlCol="0" anchor="{anchor}">{fit}</a:bodyPr>'
    )


def xfrm(x: float, y: float, w: float, h: float) -> str:
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def paragraphs(prompt) -> str:
    """Prompt text: a string, or a list of (level, text)."""
    if isinstance(prompt, str):
        prompt = [(0, prompt)]
    out = ""
    for lvl, text in prompt:
        lv = f' lvl="{lvl}"' if lvl else ""
        out += f'<a:p><a:pPr{lv}/><a:r><a:rPr lang="en-GB"/><a:t>{escape(text)}</a:t></a:r></a:p>'
    return out


class Shapes:
    """Collects the shapes of one spTree, numbering cNvPr ids from 2."""

    def __init__(self) -> None:
        self.xml: list[str] = []
        self.next_id = 2

    def _id(self) -> int:
        i = self.next_id
        self.next_id += 1
        return i

    def placeholder(self, name, ph_type, idx, box, bodypr, lst="", prompt="", size_attr=""):
        sid = self._id()
        ph = f'<p:ph type="{ph_type}"' if ph_type else "<p:ph"
        if size_attr:
            ph += f' sz="{size_attr}"'
        if idx is not None:
            ph += f' idx="{idx}"'
        ph += "/>"
        geom = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        self.xml.append(
            f"<p:sp><p:nvSpPr>"
            f'<p:cNvPr id="{sid}" name="{escape(name)} {sid - 1}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f"<p:spPr>{xfrm(*box)}{geom}</p:spPr>"
            f"<p:txBody>{bodypr}<a:lstStyle>{lst}</a:lstStyle>{prompt}</p:txBody></p:sp>"
        )

    def slide_number(self, color: str | None = None, box=None):
        lst = ppr(1, color=color) if color else ""
        fld = (
            f'<a:p><a:fld id="{SLDNUM_FIELD_ID}" type="slidenum"><a:rPr lang="en-GB"/>'
            f"<a:t>\u2039#\u203a</a:t></a:fld><a:endParaRPr lang=\"en-GB\"/></a:p>"
        )
        self.placeholder(
            "Slide Number Placeholder",
            "sldNum",
            12,
            box or (SLDNUM_X, SLDNUM_Y, SLDNUM_W, SLDNUM_H),
            body_pr("b", autofit=False),
            lst,
            fld,
            size_attr="quarter",
        )

    def rect(self, name, box, color="accent1", mods=""):
        sid = self._id()
        self.xml.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{escape(name)}"/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(*box)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{solid(color, mods)}<a:ln><a:noFill/></a:ln>'
            f"</p:spPr></p:sp>"
        )

    def text(self, name, box, text, *, size, color, font="+mj", align="l", mods=""):
        sid = self._id()
        font_kind = font[1:3]
        self.xml.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{escape(name)}"/><p:cNvSpPr txBox="1"/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(*box)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></p:spPr>'
            f"<p:txBody>{body_pr('t', autofit=False, wrap='none')}<a:lstStyle/>"
            f'<a:p><a:pPr algn="{align}"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc></a:pPr>'
            f'<a:r><a:rPr lang="en-GB" sz="{int(size * 100)}" dirty="0">{solid(color, mods)}'
            f'<a:latin typeface="+{font_kind}-lt"/><a:ea typeface="+{font_kind}-ea"/><a:cs typeface="+{font_kind}-cs"/>'
            f"</a:rPr><a:t>{escape(text)}</a:t></a:r></a:p></p:txBody></p:sp>"
        )

    def tree(self) -> str:
        return (
            '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>' + "".join(self.xml) + "</p:spTree>"
        )


def background(color: str) -> str:
    return f"<p:bg><p:bgPr>{solid(color)}<a:effectLst/></p:bgPr></p:bg>"


# ---- design -------------------------------------------------------------------


class Design:
    def __init__(self, theme: dict, style: dict) -> None:
        self.style = style
        sizes = theme.get("sizes") or {}
        self.title = float(sizes.get("title", 36))
        self.body = float(sizes.get("body", 24))
        self.body2 = self.body - 4  # level 2 bullets
        self.small = max(self.body - 6, MIN_TEXT)  # captions, presenter line, attributions
        self.big_title = self.title + 8  # title slide, section header, closing

    # -- master ---------------------------------------------------------------

    def text_styles(self) -> str:
        t = self.title
        title = "<p:titleStyle>" + ppr(
            1, align="l", std=True, line=90, before=0, no_bullet=True, bold=self.style["bold_titles"] or None,
            size=t, color="tx1", font="+mj", extra_attrs=' kern="1200"',
        ) + "</p:titleStyle>"

        bullet_levels = [
            # (marL, indent, char, colour, size, line, before, bullet %)
            (0.35, -0.35, "\u2022", "accent1", self.body, 115, 10, 115),
            (0.67, -0.32, "\u2013", "accent2", self.body2, 115, 5, 100),
            (1.06, -0.28, "\u2022", "accent2", self.body2 - 2, 115, 4, 80),
        ]
        body = "<p:bodyStyle>"
        for lvl in range(1, 10):
            mar, ind, ch, bc, sz, line, bef, pct = bullet_levels[min(lvl, 3) - 1]
            if lvl > 3:
                mar += 0.3 * (lvl - 3)
            body += ppr(
                lvl, mar_l=mar, indent=ind, align="l", std=True, line=line, before=bef,
                bullet=ch, bullet_color=bc, bullet_pct=pct,
                size=sz, color="tx1", font="+mn", extra_attrs=' kern="1200"',
            )
        body += "</p:bodyStyle>"

        other = "<p:otherStyle><a:defPPr><a:defRPr lang=\"en-GB\"/></a:defPPr>"
        for lvl in range(1, 10):
            other += ppr(
                lvl, mar_l=0.5 * (lvl - 1), align="l", std=True,
                size=18, color="tx1", font="+mn", extra_attrs=' kern="1200"',
            )
        other += "</p:otherStyle>"
        return f"<p:txStyles>{title}{body}{other}</p:txStyles>"

    def master(self, layout_rids: list[str]) -> str:
        s = Shapes()
        s.placeholder(
            "Title Placeholder", "title", None, (MARGIN, TITLE_Y, CONTENT_W, TITLE_H),
            body_pr("b"), prompt=paragraphs("Click to edit the title"),
        )
        s.placeholder(
            "Text Placeholder", "body", 1, (MARGIN, BODY_Y, CONTENT_W, BODY_BOTTOM - BODY_Y),
            body_pr("t"),
            prompt=paragraphs([(0, "First-level point"), (1, "Second-level point"), (2, "Third level")]),
        )
        muted_small = ppr(1, align="l", size=MIN_TEXT, color="accent2", font="+mn")
        s.placeholder(
            "Date Placeholder", "dt", 10, (MARGIN, SLDNUM_Y, 2.5, SLDNUM_H),
            body_pr("b", autofit=False), muted_small, paragraphs(""), size_attr="half",
        )
        s.placeholder(
            "Footer Placeholder", "ftr", 11, (MARGIN + 2.7, SLDNUM_Y, 5.5, SLDNUM_H),
            body_pr("b", autofit=False), muted_small, paragraphs(""), size_attr="quarter",
        )
        # slide number: small, muted, bottom right
        fld = (
            f'<a:p><a:fld id="{SLDNUM_FIELD_ID}" type="slidenum"><a:rPr lang="en-GB"/>'
            f'<a:t>\u2039#\u203a</a:t></a:fld><a:endParaRPr lang="en-GB"/></a:p>'
        )
        s.placeholder(
            "Slide Number Placeholder", "sldNum", 12, (SLDNUM_X, SLDNUM_Y, SLDNUM_W, SLDNUM_H),
            body_pr("b", autofit=False), ppr(1, align="r", size=MIN_TEXT, color="accent2", font="+mn"), fld,
            size_attr="quarter",
        )
        # the accent rule under titles; layouts that are composed differently hide it
        full = self.style["rule"] == "full"
        s.rect("Accent rule", (MARGIN, RULE_Y, CONTENT_W if full else RULE_W, self.style["rule_h"]))
        if self.style["band"]:
            s.rect("Top band", (0, 0, W_IN, self.style["band"]))

        ids = "".join(
            f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_rids)
        )
        clrmap = (
            '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
            'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
            'folHlink="folHlink"/>'
        )
        return (
            f"{XML_HEAD}<p:sldMaster {NSDECL}><p:cSld>{background('bg1')}{s.tree()}</p:cSld>"
            f"{clrmap}<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>{self.text_styles()}</p:sldMaster>"
        )

    # -- layouts --------------------------------------------------------------

    def layout(self, name, ltype, shapes: Shapes, bg: str | None = None, master_shapes=True) -> str:
        attrs = f' type="{ltype}" preserve="1"'
        if ltype == "cust":
            attrs += ' userDrawn="1"'
        if not master_shapes:
            attrs += ' showMasterSp="0"'
        bgxml = background(bg) if bg else ""
        return (
            f'{XML_HEAD}<p:sldLayout {NSDECL}{attrs}><p:cSld name="{escape(name)}">{bgxml}{shapes.tree()}'
            f"</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
        )

    def plain(self, size, color, *, font="+mn", align="l", line=110, before=0, italic=None,
              bold=None, caps=False, spacing=None) -> str:
        """lstStyle for a non-list placeholder: no bullets, no hanging indent."""
        return ppr(
            1, mar_l=0, indent=0, align=align, line=line, before=before, no_bullet=True,
            size=size, color=color, font=font, italic=italic, bold=bold, caps=caps, spacing=spacing,
        )

    def title_ph(self, s: Shapes, box=None, lst="", anchor="b", prompt="Slide title", ph_type="title"):
        s.placeholder("Title", ph_type, None, box or (MARGIN, TITLE_Y, CONTENT_W, TITLE_H),
                      body_pr(anchor), lst, paragraphs(prompt))

    def layouts(self) -> list[str]:
        out = []
        M, CW = MARGIN, CONTENT_W

        # 1. Title Slide: an accent panel across the upper part (or a light page under a top
        # band), presenter line below it.
        s = Shapes()
        panel = self.style["cover"] == "panel"
        on_cover = "bg1" if panel else "tx1"
        if panel:
            s.rect("Accent panel", (0, 0, W_IN, 4.75))
        else:
            s.rect("Top band", (0, 0, W_IN, 0.55))
        self.title_ph(
            s, (M, 0.85, CW - 1.2, 2.45),
            self.plain(self.big_title, on_cover, font="+mj", line=90, bold=self.style["bold_titles"] or None), "b",
            "Workshop title", ph_type="ctrTitle",
        )
        if panel:
            s.rect("Panel rule", (M, 3.5, RULE_W, self.style["rule_h"]), color="bg1")
        else:
            s.rect("Cover rule", (M, 3.5, CW, self.style["rule_h"]))
        s.placeholder("Subtitle", "subTitle", 1, (M, 3.75, CW - 1.2, 0.8), body_pr("t"),
                      self.plain(self.body, on_cover if panel else "accent1"), paragraphs("Subtitle"))
        s.placeholder("Presenter", "body", 13, (M, 5.2, CW, 1.15), body_pr("t"),
                      self.plain(self.small, "accent2", line=115),
                      paragraphs("Presenter name, credentials \u00b7 Organisation \u00b7 Date"))
        out.append(self.layout("Title Slide", "title", s, master_shapes=False))

        # 2. Title and Content: master title + rule, bulleted body.
        s = Shapes()
        self.title_ph(s)
        s.placeholder("Content", "body", 1, (M, BODY_Y, CW, BODY_BOTTOM - BODY_Y), body_pr("t"), "",
                      paragraphs([(0, "First-level point"), (1, "Second-level point")]))
        s.slide_number()
        out.append(self.layout("Title and Content", "obj", s))

        # 3. Section Header: full accent background, kicker above a rule, large title.
        s = Shapes()
        self.title_ph(s, (M, 3.3, CW - 1.2, 2.4),
                      self.plain(self.big_title, "bg1", font="+mj", line=90), "t", "Section title")
        s.placeholder("Kicker", "body", 1, (M, 2.25, CW, 0.6), body_pr("b"),
                      self.plain(self.small, "bg1", caps=True, spacing=150),
                      paragraphs("Part 2 \u00b7 25 minutes"))
        s.rect("Section rule", (M, 3.05, RULE_W, RULE_H), color="bg1")
        s.slide_number(color="bg1")
        out.append(self.layout("Section Header", "secHead", s, bg="accent1", master_shapes=False))

        # 4. Comparison: two columns, each a heading over a hairline and a list.
        s = Shapes()
        self.title_ph(s)
        gap = 0.6
        col_w = (CW - gap) / 2
        head_h = 0.55
        for i, x in enumerate((M, M + col_w + gap)):
            s.placeholder("Column heading", "body", 1 + 2 * i, (x, BODY_Y, col_w, head_h), body_pr("b"),
                          self.plain(self.body - 2, "accent1", bold=True),
                          paragraphs("Left heading" if i == 0 else "Right heading"), size_attr="quarter")
            s.rect("Column hairline", (x, BODY_Y + head_h + 0.1, col_w, 0.014), color="accent2",
                   mods='<a:alpha val="60000"/>')
            s.placeholder("Column content", "body", 2 + 2 * i,
                          (x, BODY_Y + head_h + 0.3, col_w, BODY_BOTTOM - BODY_Y - head_h - 0.3),
                          body_pr("t"), "", paragraphs([(0, "Point"), (1, "Detail")]), size_attr="quarter")
        s.slide_number()
        out.append(self.layout("Comparison", "twoTxTwoObj", s))

        # 5. Quote: small kicker, big accent quotation mark, pull-quote text, attribution.
        s = Shapes()
        self.title_ph(s, (M, 0.6, CW, 0.45),
                      self.plain(max(self.small - 2, MIN_TEXT), "accent1", bold=True, caps=True, spacing=150), "t",
                      "Kicker")
        qx = M + 1.35
        qw = W_IN - qx - M - 0.5
        s.text("Quotation mark", (M - 0.08, 1.2, 1.4, 2.0), "\u201c", size=190, color="accent1")
        s.placeholder("Quotation", "body", 1, (qx, 1.6, qw, 3.35), body_pr("ctr"),
                      self.plain(self.title * 30 / 36, "tx1", font="+mj", italic=self.style["italic_quotes"], line=115),
                      paragraphs("A short quotation that the whole room should remember."))
        s.rect("Quote rule", (qx, 5.2, 0.6, 0.035))
        s.placeholder("Attribution", "body", 2, (qx, 5.38, qw, 1.02), body_pr("t"),
                      self.plain(self.small, "accent2"), paragraphs("Name, role"))
        s.slide_number()
        out.append(self.layout("Quote", "cust", s, master_shapes=False))

        # 6. Statement: one large sentence, vertically centred, beside an accent bar.
        s = Shapes()
        sx = M + 0.55
        sw = W_IN - sx - M - 0.6
        s.rect("Statement bar", (M, 1.95, 0.09, 1.9))
        self.title_ph(s, (sx, 1.0, sw, 3.8),
                      self.plain(self.big_title - 4, "tx1", font="+mj", line=100), "ctr",
                      "One sentence worth remembering.")
        s.placeholder("Supporting text", "body", 1, (sx, 5.05, sw, 1.0), body_pr("t"),
                      self.plain(self.small + 2, "accent2"), paragraphs("Optional supporting line"))
        s.slide_number()
        out.append(self.layout("Statement", "cust", s, master_shapes=False))

        # 7. Picture with Caption: picture area left, caption right, bottom-aligned.
        s = Shapes()
        self.title_ph(s)
        pic_h = BODY_BOTTOM - BODY_Y
        pic_w = pic_h * 1.6  # 16:10, between common photo (3:2, 4:3) and screen (16:9) shapes
        s.placeholder("Picture", "pic", 1, (M, BODY_Y, pic_w, pic_h), body_pr("ctr", autofit=False),
                      ppr(1, mar_l=0, indent=0, align="ctr", no_bullet=True, size=self.small, color="accent2"),
                      paragraphs("Picture"))
        cx = M + pic_w + 0.5
        s.placeholder("Caption", "body", 2, (cx, BODY_Y, W_IN - M - cx, pic_h), body_pr("b"),
                      self.plain(self.small, "accent2", line=115), paragraphs("Caption"), size_attr="half")
        s.slide_number()
        out.append(self.layout("Picture with Caption", "picTx", s))

        # 8. Closing: full accent background, centred composition.
        s = Shapes()
        self.title_ph(s, (M, 0.8, CW, 2.6),
                      self.plain(self.big_title, "bg1", font="+mj", align="ctr", line=90), "b", "Thank you")
        s.rect("Closing rule", ((W_IN - RULE_W) / 2, 3.65, RULE_W, RULE_H), color="bg1")
        s.placeholder("Closing text", "body", 1, (M, 3.95, CW, 1.9), body_pr("t"),
                      self.plain(self.body - 2, "bg1", align="ctr", line=120, before=4),
                      paragraphs("Questions \u00b7 contact details"))
        out.append(self.layout("Closing", "cust", s, bg="accent1", master_shapes=False))
        return out


LAYOUT_NAMES = [
    "Title Slide",
    "Title and Content",
    "Section Header",
    "Comparison",
    "Quote",
    "Statement",
    "Picture with Caption",
    "Closing",
]


# ---- theme part -----------------------------------------------------------------


def hex6(value: str) -> str:
    v = str(value).strip().lstrip("#").upper()
    if len(v) != 6 or any(c not in "0123456789ABCDEF" for c in v):
        raise SystemExit(f"not a #RRGGBB colour: {value!r}")
    return v


def theme_xml(theme: dict, name: str) -> str:
    colors = theme["colors"]
    fonts = theme["fonts"]
    bg, tx = hex6(colors["background"]), hex6(colors["text"])
    accent, muted = hex6(colors["accent"]), hex6(colors["muted"])
    # Slots the writer does not rewrite: quiet companions to the palette.
    scheme = [
        ("dk1", tx), ("lt1", bg), ("dk2", "1F4745"), ("lt2", "EFE9DF"),
        ("accent1", accent), ("accent2", muted), ("accent3", "A8674A"), ("accent4", "7A8C64"),
        ("accent5", "5B7A94"), ("accent6", "B08D57"), ("hlink", accent), ("folHlink", "6F5A7E"),
    ]
    clr = "".join(f'<a:{k}><a:srgbClr val="{v}"/></a:{k}>' for k, v in scheme)

    def font(tag, face):
        return f'<a:{tag}><a:latin typeface="{escape(face)}"/><a:ea typeface=""/><a:cs typeface=""/></a:{tag}>'

    ph = '<a:schemeClr val="phClr"/>'
    fills = (f"<a:solidFill>{ph}</a:solidFill>"
             '<a:solidFill><a:schemeClr val="phClr"><a:tint val="60000"/></a:schemeClr></a:solidFill>'
             '<a:solidFill><a:schemeClr val="phClr"><a:shade val="85000"/></a:schemeClr></a:solidFill>')
    lines = "".join(
        f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill>{ph}</a:solidFill>'
        f'<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
        for w in (9525, 19050, 28575)
    )
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    return (
        f'{XML_HEAD}<a:theme xmlns:a="{NS_A}" name="{escape(name)}"><a:themeElements>'
        f'<a:clrScheme name="{escape(name)}">{clr}</a:clrScheme>'
        f'<a:fontScheme name="{escape(name)}">{font("majorFont", fonts["heading"])}'
        f'{font("minorFont", fonts["body"])}</a:fontScheme>'
        f'<a:fmtScheme name="{escape(name)}"><a:fillStyleLst>{fills}</a:fillStyleLst>'
        f"<a:lnStyleLst>{lines}</a:lnStyleLst><a:effectStyleLst>{effects}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fills}</a:bgFillStyleLst></a:fmtScheme>"
        f"</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


# ---- package ---------------------------------------------------------------------


def rels(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{escape(tg)}"/>' for i, t, tg in items)
    return (
        f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{body}</Relationships>"
    )


def build_parts(theme: dict, style: dict) -> dict[str, str]:
    design = Design(theme, style)
    name = str(theme.get("name", "Theme"))
    n = len(LAYOUT_NAMES)
    layouts = design.layouts()
    assert len(layouts) == n
    parts: dict[str, str] = {}

    overrides = [
        ("/ppt/presentation.xml", f"{CT}.presentationml.presentation.main+xml"),
        ("/ppt/slideMasters/slideMaster1.xml", f"{CT}.presentationml.slideMaster+xml"),
        ("/ppt/theme/theme1.xml", f"{CT}.theme+xml"),
        ("/ppt/presProps.xml", f"{CT}.presentationml.presProps+xml"),
        ("/ppt/viewProps.xml", f"{CT}.presentationml.viewProps+xml"),
        ("/ppt/tableStyles.xml", f"{CT}.presentationml.tableStyles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{CT}.extended-properties+xml"),
    ] + [(f"/ppt/slideLayouts/slideLayout{i}.xml", f"{CT}.presentationml.slideLayout+xml") for i in range(1, n + 1)]
    parts["[Content_Types].xml"] = (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
        + "</Types>"
    )
    parts["_rels/.rels"] = rels([
        ("rId1", f"{RT}/officeDocument", "ppt/presentation.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        ("rId3", f"{RT}/extended-properties", "docProps/app.xml"),
    ])
    parts["docProps/core.xml"] = (
        f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(name)}</dc:title><dc:creator>deckbuilder</dc:creator>"
        f"<cp:lastModifiedBy>deckbuilder</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    parts["docProps/app.xml"] = (
        f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>deckbuilder</Application><PresentationFormat>Widescreen</PresentationFormat>"
        "<Slides>0</Slides><Notes>0</Notes><HiddenSlides>0</HiddenSlides></Properties>"
    )
    parts["ppt/presentation.xml"] = (
        f'{XML_HEAD}<p:presentation {NSDECL} saveSubsetFonts="1">'
        '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
        f'<p:sldSz cx="{SLIDE_W}" cy="{SLIDE_H}"/><p:notesSz cx="6858000" cy="9144000"/>'
        f"<p:defaultTextStyle>{design.text_styles().split('<p:otherStyle>')[1].split('</p:otherStyle>')[0]}"
        "</p:defaultTextStyle></p:presentation>"
    )
    parts["ppt/_rels/presentation.xml.rels"] = rels([
        ("rId1", f"{RT}/slideMaster", "slideMasters/slideMaster1.xml"),
        ("rId2", f"{RT}/theme", "theme/theme1.xml"),
        ("rId3", f"{RT}/presProps", "presProps.xml"),
        ("rId4", f"{RT}/viewProps", "viewProps.xml"),
        ("rId5", f"{RT}/tableStyles", "tableStyles.xml"),
    ])
    parts["ppt/presProps.xml"] = f"{XML_HEAD}<p:presentationPr {NSDECL}/>"
    parts["ppt/viewProps.xml"] = (
        f'{XML_HEAD}<p:viewPr {NSDECL}><p:normalViewPr><p:restoredLeft sz="15620"/>'
        '<p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'
    )
    parts["ppt/tableStyles.xml"] = (
        f'{XML_HEAD}<a:tblStyleLst xmlns:a="{NS_A}" def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>'
    )
    parts["ppt/theme/theme1.xml"] = theme_xml(theme, name)

    layout_rids = [f"rId{i}" for i in range(1, n + 1)]
    parts["ppt/slideMasters/slideMaster1.xml"] = design.master(layout_rids)
    parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"] = rels(
        [(rid, f"{RT}/slideLayout", f"../slideLayouts/slideLayout{i}.xml") for i, rid in enumerate(layout_rids, 1)]
        + [(f"rId{n + 1}", f"{RT}/theme", "../theme/theme1.xml")]
    )
    for i, xml in enumerate(layouts, 1):
        parts[f"ppt/slideLayouts/slideLayout{i}.xml"] = xml
        parts[f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels"] = rels(
            [("rId1", f"{RT}/slideMaster", "../slideMasters/slideMaster1.xml")]
        )
    for partname, xml in parts.items():  # every part must be well formed
        etree.fromstring(xml.encode("utf-8"))
    return parts


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip with fixed timestamps and a fixed member order, so output is reproducible."""
    order = sorted(members, key=lambda m: (m != "[Content_Types].xml", m))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for m in order:
            info = zipfile.ZipInfo(m, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, members[m])
    return buf.getvalue()


def add_notes_master(data: bytes, theme: dict) -> bytes:
    """Let python-pptx add its standard notes master; give its theme our colours and fonts."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT_
    from pptx.oxml import parse_xml

    prs = Presentation(io.BytesIO(data))
    notes_master = prs.notes_master  # created on first access
    theme_part = notes_master.part.part_related_by(RT_.THEME)
    theme_part._element = parse_xml(theme_xml(theme, str(theme.get("name", "Theme"))).encode("utf-8"))
    # python-pptx relates the notes master but does not list it; PowerPoint expects the list.
    rid = prs.part.relate_to(notes_master.part, RT_.NOTES_MASTER)
    pres = prs.part._element
    if pres.find(f"{{{NS_P}}}notesMasterIdLst") is None:
        lst = etree.SubElement(pres, f"{{{NS_P}}}notesMasterIdLst")
        etree.SubElement(lst, f"{{{NS_P}}}notesMasterId").set(f"{{{NS_R}}}id", rid)
        pres.find(f"{{{NS_P}}}sldMasterIdLst").addnext(lst)
    out = io.BytesIO()
    prs.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
        return zip_bytes({n: zf.read(n) for n in zf.namelist()})


def check(data: bytes) -> None:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (SLIDE_W, SLIDE_H)
    assert len(prs.slides) == 0, "template must contain no slides"
    assert len(prs.slide_masters) == 1
    assert [lay.name for lay in prs.slide_layouts] == LAYOUT_NAMES
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
    assert not any(n.startswith("ppt/slides/") for n in names)
    assert "ppt/notesMasters/notesMaster1.xml" in names


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder = Path(argv[1])
    theme = yaml.safe_load((folder / "theme.yaml").read_text(encoding="utf-8"))
    parts = build_parts(theme, STYLES[folder.resolve().name])
    data = zip_bytes({k: v.encode("utf-8") for k, v in parts.items()})
    data = add_notes_master(data, theme)
    check(data)
    target = folder / str(theme.get("template", "template.pptx"))
    target.write_bytes(data)
    print(f"wrote {target} ({len(data)} bytes, {len(LAYOUT_NAMES)} layouts, no slides)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
