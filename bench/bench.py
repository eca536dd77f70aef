#!/usr/bin/env python3
"""Benchmark `deckbuilder build` against a bare python-pptx script writing the same slides.

For each size, a temporary workspace gets one workshop-like deck (bullets with a nested level and
**bold**, quotes and principles from decks/articles/art.yaml, two PNG images with alt text, speaker
notes, exercises, discussions, two-column and statement slides) sized so that the built .pptx,
generated slides included, has about that many slides. A bare python-pptx script (default template,
16:9) writes the same slides with the same text, images and notes. Both run as whole processes:
median wall time over N runs after one warm-up, and the peak RSS of the process (ru_maxrss).

It also times `deckbuilder watch` on a copy of the sample workspace: with the preview open in headless
Chromium (Playwright), one slide's title is edited and saved; the time until the page shows the new
title, median of N edits after one warm-up.

    python3 bench/bench.py [--runs N] [--sizes 67,330,1650] [--markdown] [--no-watch]
"""

from __future__ import annotations

import argparse, json, os, random, re, shutil, statistics, subprocess, sys, tempfile, time, zipfile
from pathlib import Path

from PIL import Image, ImageDraw

GENERATED = 7  # title, disclosure, objectives, agenda, content note, references, closing (+1 per section)
PER_SECTION = 10  # content slides per section, roughly
MAX_SECTIONS = 100  # the outline format's limit: larger decks have longer sections
WORDS = ("attachment repair shame trust attunement client therapist pendulation grief safety witness "
         "rupture longing boundary session partner inner child anxiety avoidance warmth pacing "
         "internalization acceptance replacement connection regulation curiosity").split()
QUOTES = {f"q{i}": f"Quote {i}: the work of repair is slow, shared and {w}, and it happens in relationship."
          for i, w in enumerate(("patient", "steady", "kind", "honest", "mutual", "hopeful"), 1)}
PRINCIPLES = [(1, "Give before you take", "Offer something positive first.", "give before asking"),
              (2, "Replacement is not possible", "Therapy cannot give back what was missed.", "not possible"),
              (3, "Pendulate by choice", "Swing between safety and challenge.", "back and forth"),
              (4, "Internalize", "Love taken in becomes portable trust.", "carry it with them")]
ARTICLE = ("Avery Example", "PhD", "Working With Attachment in Adult Therapy", "Benchmark Journal")
REFERENCE = f"Example, A. (2024, May). {ARTICLE[2]}. {ARTICLE[3]}."

BARE = r'''"""Bare python-pptx: the same slides (title, bullets, pictures, notes) from slides.json."""
import json, re, sys
from pptx import Presentation
from pptx.util import Emu, Inches

slides, out = json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2]
prs = Presentation()
prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 16:9, 13.333 x 7.5 in
content, title_only = prs.slide_layouts[1], prs.slide_layouts[5]

def fill(paragraph, text):
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            run = paragraph.add_run()
            run.text, run.font.bold = part, bool(i % 2) or None

for s in slides:
    slide = prs.slides.add_slide(title_only if s["image"] else content)
    slide.shapes.title.text = s["title"]
    if s["image"]:
        pic = slide.shapes.add_picture(s["image"], Inches(2.5), Inches(1.6), height=Inches(5))
        pic._element.nvPicPr.cNvPr.set("descr", s["alt"])
        frame = slide.shapes.add_textbox(Inches(1), Inches(6.7), Inches(11.3), Inches(0.6)).text_frame
    else:
        frame = slide.placeholders[1].text_frame
    for i, (level, text) in enumerate(s["bullets"]):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.level = level
        fill(p, text)
    if s["notes"]:
        slide.notes_slide.notes_text_frame.text = s["notes"]
prs.save(out)
'''


def sentence(rng: random.Random, lo: int = 5, hi: int = 10, bold: bool = False) -> str:
    words = rng.sample(WORDS, rng.randint(lo, hi))
    if bold:
        words[1] = f"**{words[1]}**"
    return " ".join(words).capitalize()


def bare(title, bullets=(), notes=None, image=None, alt=""):
    return {"title": title, "bullets": [b if isinstance(b, list) else [0, b] for b in bullets],
            "notes": notes, "image": image, "alt": alt}


def content_slide(k: int, rng: random.Random, images: list[Path]) -> tuple[dict, dict]:
    """Slide k of the deck as (outline mapping, bare slide), cycling through the slide kinds."""
    notes = sentence(rng, 12, 24) + ". " + sentence(rng, 8, 16) + "." if k % 5 != 4 else None
    slot, title = k % PER_SECTION, sentence(rng, 3, 6)
    if slot in (1, 5):
        qid = f"q{k % len(QUOTES) + 1}"
        y, b = {"quote": f"art/{qid}"}, bare(ARTICLE[0], [QUOTES[qid], f"{ARTICLE[0]}, {ARTICLE[1]}"], notes)
    elif slot in (3, 6):
        img = images[slot == 6]
        alt, caption = f"Diagram {img.stem}: {sentence(rng, 6, 9)}", sentence(rng, 4, 7)
        y = {"image": f"images/{img.name}", "title": title, "alt": alt, "caption": caption}
        b = bare(title, [caption], notes, str(img), alt)
    elif slot == 8:  # the less common kinds, in turn
        extra = (k // PER_SECTION) % 5
        steps, prompts = [sentence(rng) for _ in range(4)], [sentence(rng) + "?" for _ in range(2)]
        questions, statement = [sentence(rng) + "?" for _ in range(3)], sentence(rng, 8, 12) + "."
        left, right = [sentence(rng, 3, 6) for _ in range(3)], [sentence(rng, 3, 6) for _ in range(3)]
        num, ptitle, summary, excerpt = PRINCIPLES[k % len(PRINCIPLES)]
        y, b = [
            ({"kind": "exercise", "title": title, "minutes": 5, "steps": steps, "prompts": prompts,
              "opt_out": "You may observe instead."},
             bare(title, steps + [[1, p] for p in prompts] + ["You may observe instead."], notes)),
            ({"kind": "discussion", "title": title, "questions": questions}, bare(title, questions, notes)),
            ({"title": title, "left": {"heading": "Before", "bullets": left},
              "right": {"heading": "After", "bullets": right}},
             bare(title, ["Before"] + [[1, x] for x in left] + ["After"] + [[1, x] for x in right], notes)),
            ({"text": statement}, bare("", [statement], notes)),
            ({"principle": f"art/{num}"}, bare(f"Principle {num}: {ptitle}", [summary, excerpt], notes)),
        ][extra]
    else:
        bullets = [sentence(rng, bold=(i == 0 and slot == 0)) for i in range(rng.randint(3, 5))]
        if slot in (0, 4):
            bullets.insert(2, [sentence(rng, 3, 6), sentence(rng, 3, 6)])
        y = {"title": title, "bullets": bullets}
        flat = [p for x in bullets for p in ([[1, s] for s in x] if isinstance(x, list) else [[0, x]])]
        b = bare(title, flat, notes)
    if notes:
        y["notes"] = notes
    return y, b


def to_yaml(value, indent: str = "") -> str:
    """Block-style YAML; strings JSON-quoted (valid YAML), nested lists in flow style."""
    if isinstance(value, dict):
        return "".join(f"{indent}{k}:" + (f"\n{to_yaml(v, indent + '  ')}" if isinstance(v, (dict, list)) and v
                                          else f" {json.dumps(v, ensure_ascii=False)}\n") for k, v in value.items())
    return "".join(f"{indent}- " + (to_yaml(x, indent + "  ").lstrip() if isinstance(x, dict)
                                    else json.dumps(x, ensure_ascii=False) + "\n") for x in value)


def make_workspace(ws: Path, target: int) -> Path:
    """Write decks/, images and slides.json + bare.py for a deck of about `target` slides."""
    rng = random.Random(target)
    (ws / "decks/articles").mkdir(parents=True)
    (ws / "decks/images").mkdir()
    images = []
    for name, colors in (("photo-a", ((91, 127, 110), (251, 248, 243))), ("photo-b", ((60, 80, 140), (240, 200, 120)))):
        img = Image.linear_gradient("L").resize((1200, 800)).convert("RGB")
        img = Image.composite(Image.new("RGB", img.size, colors[0]), Image.new("RGB", img.size, colors[1]), img.convert("L"))
        draw = ImageDraw.Draw(img)
        for _ in range(40):
            x, y, r = rng.randint(0, 1200), rng.randint(0, 800), rng.randint(20, 120)
            draw.ellipse((x - r, y - r, x + r, y + r), outline=tuple(rng.randint(0, 255) for _ in range(3)), width=6)
        images.append(ws / f"decks/images/{name}.png")
        img.save(images[-1])
    article = {"title": ARTICLE[2], "authors": [ARTICLE[0]], "credentials": ARTICLE[1], "site": ARTICLE[3],
               "published": "2024-05",
               "principles": [{"number": n, "title": t, "summary": s, "excerpt": e} for n, t, s, e in PRINCIPLES],
               "quotes": [{"id": q, "text": t} for q, t in QUOTES.items()]}
    (ws / "decks/articles/art.yaml").write_text(to_yaml(article), encoding="utf-8")

    sections_n = min(MAX_SECTIONS, max(1, round((target - GENERATED) / (PER_SECTION + 1))))
    content_n = max(sections_n, target - GENERATED - sections_n)
    objectives = [sentence(rng) + "." for _ in range(4)]
    deck = {"title": f"Healing Attachment Wounds ({target})", "subtitle": "A benchmark workshop",
            "presenter": {"name": "Dana Reyes", "credentials": "LMFT", "organization": "Bench Institute"},
            "date": "2026-12-05", "duration": 10 * sections_n, "audience": "clinicians", "level": "intermediate",
            "theme": "calm", "sources": ["articles/"], "objectives": objectives,
            "disclosure": "The presenter has no relevant financial relationships.",
            "content_note": "This workshop discusses early attachment loss and shame.", "sections": []}
    sections_bare, k = [], 0
    for si in range(sections_n):
        count = content_n // sections_n + (si < content_n % sections_n)
        title = f"Part {si + 1}: {sentence(rng, 2, 4)}"
        section, made = {"id": f"s{si + 1}", "title": title, "minutes": 10, "slides": []}, [bare(title, [f"Part {si + 1}"])]
        for _ in range(count):
            y, b = content_slide(k, rng, images)
            section["slides"].append(y)
            made.append(b)
            k += 1
        deck["sections"].append(section)
        sections_bare += made
    deck["closing"] = {"title": "Questions and evaluation", "text": "Please complete the evaluation form."}
    deck_file = ws / "decks/workshop.yaml"
    deck_file.write_text(to_yaml(deck).replace('"2026-12-05"', "2026-12-05"), encoding="utf-8")

    slides = ([bare(deck["title"], [deck["subtitle"], "Dana Reyes, LMFT", "December 5, 2026"]),
               bare("Disclosure", [deck["disclosure"]]), bare("Learning objectives", objectives),
               bare("Agenda", [f"{s['title']} (10 min)" for s in deck["sections"]]),
               bare("Content note", [deck["content_note"]])]
              + sections_bare + [bare("References", [REFERENCE]), bare(deck["closing"]["title"], [deck["closing"]["text"]])])
    (ws / "slides.json").write_text(json.dumps(slides, ensure_ascii=False), encoding="utf-8")
    (ws / "bare.py").write_text(BARE, encoding="utf-8")
    return deck_file


# A tiny launcher times and waits for each command. The parent's peak RSS is inherited by children
# through fork/exec (ru_maxrss counts the pre-exec image), so spawning from this script, which holds
# the generated decks and Pillow, would inflate every reading; the launcher's floor is about 9 MB.
LAUNCHER = """import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(f"{time.perf_counter() - start} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run(cmd: list[str]) -> tuple[float, float, int, str]:
    """Run cmd as a child process: (wall seconds, peak RSS MB, exit code, output)."""
    with tempfile.TemporaryFile() as log, tempfile.NamedTemporaryFile("r") as result:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: compiled once
        subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, result.name, *cmd],
                       stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, check=True, env=env)
        elapsed, maxrss_kb, code = result.read().split()
        log.seek(0)
        return float(elapsed), int(maxrss_kb) / 1024, int(code), log.read().decode(errors="replace")


def measure(cmd: list[str], runs: int, what: str) -> tuple[float, float]:
    """Median wall time and peak RSS (max over runs) after one warm-up; exit on failure."""
    results = []
    for i in range(runs + 1):
        elapsed, mb, code, output = run(cmd)
        if code != 0:
            sys.exit(f"{what} failed (exit {code}): {' '.join(cmd)}\n{output}")
        if i:
            results.append((elapsed, mb))
    return statistics.median(t for t, _ in results), max(m for _, m in results)


SAMPLE = Path(__file__).resolve().parents[1] / "decks"
EDITED = '      - title: "Two readings of early damage"'  # a slide title of the sample, edited in place


def measure_watch(deckbuilder: list[str], runs: int, tmp: Path) -> float | None:
    """Median seconds from saving a one-slide edit of the sample to the watch page showing it; None
    without Playwright or Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    ws = tmp / "watch"
    shutil.copytree(SAMPLE, ws / "decks")
    deck = ws / "decks/attachment-workshop.yaml"
    text = deck.read_text(encoding="utf-8")
    watcher = subprocess.Popen(deckbuilder + ["watch", "--root", str(ws), str(deck)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        url = next(m[0] for line in watcher.stdout if (m := re.search(r"http://\S+/", line)))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(url)
            times = []
            for i in range(runs + 1):
                title = f"Edited title {i}"
                start = time.perf_counter()
                deck.write_text(text.replace(EDITED, f'      - title: "{title}"'), encoding="utf-8")
                page.get_by_text(title, exact=True).first.wait_for(timeout=10000)
                if i:
                    times.append(time.perf_counter() - start)
            browser.close()
    finally:
        watcher.terminate()
        watcher.wait()
    return statistics.median(times)


def count_slides(pptx: Path) -> int:
    with zipfile.ZipFile(pptx) as z:
        return sum(1 for n in z.namelist() if re.fullmatch(r"ppt/slides/[^/]+\.xml", n))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5; 3 for 1000+ slides)")
    parser.add_argument("--sizes", default="67,330,1650", help="approximate slide totals, comma-separated")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--no-watch", action="store_true", help="do not time `deckbuilder watch`")
    args = parser.parse_args()
    exe = Path(sys.executable).parent / "deckbuilder"
    deckbuilder = [str(exe)] if exe.exists() else [sys.executable, "-m", "deckbuilder"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="deckbuilder-bench-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            runs = args.runs or (3 if size >= 1000 else 5)
            ws = Path(tmp) / f"ws{size}"
            deck_file = make_workspace(ws, size)
            built, bare_out = ws / "output" / deck_file.stem / f"{deck_file.stem}.pptx", ws / "bare.pptx"
            print(f"{size} slides: {runs} runs each ...", file=sys.stderr, flush=True)
            db = measure(deckbuilder + ["build", "--root", str(ws)], runs, "deckbuilder build")
            bp = measure([sys.executable, str(ws / "bare.py"), str(ws / "slides.json"), str(bare_out)], runs, "bare python-pptx")
            n, nb = count_slides(built), count_slides(bare_out)
            if n != nb:
                print(f"warning: deckbuilder wrote {n} slides, the bare script {nb}", file=sys.stderr)
            rows.append((n, runs, *db, *bp))
        help_s, help_mb = measure(deckbuilder + ["--help"], args.runs or 5, "deckbuilder --help")
        reload = None if args.no_watch else measure_watch(deckbuilder, args.runs or 5, Path(tmp))
    watched = ("not timed (needs Playwright and Chromium)" if reload is None
               else f"{reload:.2f} s median from saving a one-slide edit to the page showing it")

    head = ["slides", "runs", "deckbuilder s", "bare python-pptx s", "ratio", "deckbuilder MB", "bare MB"]
    body = [[str(n), str(r), f"{dt:.2f}", f"{bt:.2f}", f"{dt / bt:.2f}x", f"{dm:.0f}", f"{bm:.0f}"]
            for n, r, dt, dm, bt, bm in rows]
    if args.markdown:
        print("| " + " | ".join(head) + " |\n|" + "|".join("---:" for _ in head) + "|")
        for line in body:
            print("| " + " | ".join(line) + " |")
        print(f"\n`deckbuilder --help`: {help_s:.2f} s median, {help_mb:.0f} MB peak.")
        print(f"\n`deckbuilder watch` on the sample: {watched}.")
    else:
        widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
        for line in [head] + body:
            print("  ".join(c.rjust(w) for c, w in zip(line, widths)))
        print(f"deckbuilder --help: {help_s:.2f} s median, {help_mb:.0f} MB peak")
        print(f"deckbuilder watch on the sample: {watched}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
