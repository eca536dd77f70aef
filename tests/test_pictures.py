"""Deck images end to end: what the .pptx and the handouts embed, and the images refused.

Every image is made with Pillow in the workspace's decks/images/ and put on the fixture deck's
image slide (decks/talk.yaml line 13) in place of images/pic.png.
"""

from __future__ import annotations

import base64
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import TALK, Workspace
from PIL import Image
from typer.testing import CliRunner

from deckbuilder.cli import app
from deckbuilder.pictures import embedded

runner = CliRunner()
IMAGE_AT = "decks/talk.yaml:13:16"  # where the fixture deck names its image
HANDOUT = "handouts:\n  - {audience: participants, style: notes}\n"


def use(ws: Workspace, name: str, handout: bool = False) -> Path:
    """Put decks/images/`name` on the deck's image slide; return its path, for the image to be made."""
    assert TALK.splitlines()[12].endswith("- image: images/pic.png")
    ws.write(
        "decks/talk.yaml", TALK.replace("images/pic.png", f"images/{name}") + (HANDOUT if handout else "")
    )
    return ws.root / "decks" / "images" / name


def run(ws: Workspace, monkeypatch, command: str = "build"):
    monkeypatch.chdir(ws.root)
    result = runner.invoke(app, [command])
    assert "Traceback" not in result.output
    return result


def build(ws: Workspace, monkeypatch) -> zipfile.ZipFile:
    result = run(ws, monkeypatch)
    assert result.exit_code == 0, result.output
    return zipfile.ZipFile(ws.output)


def stored(pptx: zipfile.ZipFile) -> tuple[str, bytes]:
    """Return the name and bytes of the one image the deck adds."""
    [name] = [n for n in pptx.namelist() if n.startswith("ppt/media/")]
    return name, pptx.read(name)


def placed(pptx: zipfile.ZipFile) -> tuple[int, int]:
    """Return the size (EMU) of the one picture placed on a slide."""
    slides = [pptx.read(n).decode() for n in pptx.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    [(cx, cy)] = [m for xml in slides for m in re.findall(r'<p:pic>.*?<a:ext cx="(\d+)" cy="(\d+)"/>', xml)]
    return int(cx), int(cy)


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_placed_like(pptx: zipfile.ZipFile, image: Image.Image) -> None:
    """The picture on the slide has the ratio of the image it shows (within 1 %)."""
    cx, cy = placed(pptx)
    assert abs((cx / cy) / (image.width / image.height) - 1) < 0.01, (cx, cy, image.size)


def photo(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Return a smooth gradient: compresses like a photo, not like a flat colour."""
    small = Image.linear_gradient("L").resize((64, 64))
    bands = {"RGB": 3, "CMYK": 4}[mode]
    return Image.merge(mode, [small.rotate(90 * i) for i in range(bands)]).resize(size)


# ------------------------------------------------------------------ what is embedded


def test_small_png_is_embedded_byte_for_byte(workspace, monkeypatch):
    pptx = build(workspace, monkeypatch)
    name, data = stored(pptx)
    assert name.endswith(".png")
    assert data == (workspace.root / "decks" / "images" / "pic.png").read_bytes()
    assert_placed_like(pptx, opened(data))


def test_exif_rotated_jpeg_is_stored_upright(workspace, monkeypatch):
    path = use(workspace, "turned.jpg")
    image = Image.new("RGB", (300, 200), "red")
    image.paste((0, 0, 255), (150, 0, 300, 200))  # stored: red left, blue right
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter clockwise: red on top
    image.save(path, "JPEG", exif=exif.tobytes())

    pptx = build(workspace, monkeypatch)
    _, data = stored(pptx)
    upright = opened(data).convert("RGB")
    assert upright.size == (200, 300)
    assert 0x0112 not in upright.getexif()  # not turned a second time by a viewer that reads it
    red, blue = upright.getpixel((100, 20)), upright.getpixel((100, 280))
    assert red[0] > 200 > red[2] and blue[2] > 200 > blue[0]
    cx, cy = placed(pptx)
    assert cy > cx
    assert_placed_like(pptx, upright)


@pytest.mark.parametrize(("mode", "expected"), [("RGB", "jpeg"), ("RGBA", "png")])
def test_webp_is_converted(workspace, monkeypatch, mode, expected):
    path = use(workspace, "pic.webp")
    image = photo((320, 200)).convert(mode)
    if mode == "RGBA":
        image.putalpha(Image.linear_gradient("L").resize((320, 200)))  # see-through at the top
    image.save(path, "WEBP")

    name, data = stored(build(workspace, monkeypatch))
    image = opened(data)
    assert name.endswith({"jpeg": ".jpg"}.get(expected, "." + expected)) and image.format == expected.upper()
    assert image.size == (320, 200) and image.mode == mode


def test_cmyk_jpeg_becomes_rgb(workspace, monkeypatch):
    path = use(workspace, "print.jpg")
    Image.new("CMYK", (120, 80), (0, 255, 255, 0)).save(path, "JPEG")  # red, in printing inks

    name, data = stored(build(workspace, monkeypatch))
    image = opened(data)
    assert name.endswith(".jpg") and image.mode == "RGB" and image.size == (120, 80)
    r, g, b = image.getpixel((60, 40))
    assert r > 200 and g < 60 and b < 60


def test_16_bit_png_becomes_8_bit_scaled_not_clipped(workspace, monkeypatch):
    path = use(workspace, "deep.png")
    Image.new("I;16", (120, 80), 32768).save(path)  # half grey in 16 bits

    name, data = stored(build(workspace, monkeypatch))
    image = opened(data)
    assert name.endswith(".png") and image.mode == "L"
    assert abs(image.getpixel((60, 40)) - 128) <= 1


def test_large_photo_is_scaled_down_keeping_its_ratio(workspace, monkeypatch):
    path = use(workspace, "big.jpg")
    photo((6000, 4000)).save(path, "JPEG", quality=90)

    pptx = build(workspace, monkeypatch)
    name, data = stored(pptx)
    image = opened(data)
    assert name.endswith(".jpg")
    assert 1000 <= image.width <= 1500  # the picture area at 200 dpi
    assert abs(image.height - image.width * 4000 / 6000) <= 1
    assert len(data) < path.stat().st_size
    assert_placed_like(pptx, image)


def test_handout_embeds_a_scaled_down_copy(workspace, monkeypatch):
    path = use(workspace, "big.jpg", handout=True)
    photo((6000, 4000)).save(path, "JPEG", quality=90)

    result = run(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    html = (workspace.output.parent / "talk-handout-participants.html").read_text(encoding="utf-8")
    [uri] = re.findall(r'src="data:image/jpeg;base64,([^"]+)"', html)
    image = opened(base64.b64decode(uri))
    assert image.width == 1500 and image.height == 1000  # 7.5 in at 200 dpi


def test_animated_gif_keeps_its_frames(workspace, monkeypatch):
    path = use(workspace, "moving.gif")
    frames = [Image.new("P", (60, 40), i) for i in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)

    name, data = stored(build(workspace, monkeypatch))
    assert name.endswith(".gif") and data == path.read_bytes()


def test_a_changed_file_is_converted_again(workspace):
    path = use(workspace, "big.jpg")
    photo((3000, 2000)).save(path, "JPEG")
    from deckbuilder.deck import Picture

    picture = Picture(path, 3000, 2000, "jpeg")
    first = embedded(picture, 600, 600)
    assert embedded(picture, 600, 600) is first  # cached: the deck and each handout share it
    photo((3000, 2000)).rotate(180).save(path, "JPEG", quality=70)
    again = embedded(picture, 600, 600)
    assert again != first and opened(again[0]).size == opened(first[0]).size == (600, 400)


# ------------------------------------------------------------------ images refused


def png_claiming(size: tuple[int, int], idat: bytes = zlib.compress(bytes(64))) -> bytes:
    """Return a 1-bit PNG whose header claims `size`, with little data: Pillow sizes it by the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", *size, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def truncated_jpeg(path: Path) -> None:
    photo((800, 600)).save(path, "JPEG")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def corrupt_png(path: Path) -> None:
    out = io.BytesIO()
    photo((200, 100)).save(out, "PNG")
    data = bytearray(out.getvalue())
    data[len(data) // 2] ^= 0xFF  # a checksum no longer matches
    path.write_bytes(bytes(data))


REFUSED = [
    ("cut.jpg", truncated_jpeg, "is not an image (or it is damaged)", "PNG or JPEG"),
    ("flipped.png", corrupt_png, "is not an image (or it is damaged)", "PNG or JPEG"),
    ("bomb.png", lambda p: p.write_bytes(png_claiming((20000, 20000))),
     "has 400 megapixels, more than a slide can use", "scale it down"),
    ("warned.png", lambda p: p.write_bytes(png_claiming((10000, 9000))),  # over Pillow's warning limit
     "has 90 megapixels, more than a slide can use", "scale it down"),
]  # fmt: skip


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(("name", "make", "message", "hint"), REFUSED, ids=[r[0] for r in REFUSED])
def test_unusable_images_are_reported_where_the_deck_names_them(
    workspace, monkeypatch, command, name, make, message, hint
):
    make(use(workspace, name))
    result = run(workspace, monkeypatch, command)
    assert result.exit_code == 1, result.output
    assert f"error: {IMAGE_AT}: 'images/{name}' {message}\n" in result.output, result.output
    assert re.search(rf"^\s+hint: .*{hint}", result.output, re.MULTILINE), result.output
    assert not (workspace.root / "output").exists()


def test_image_whose_pixel_data_is_damaged_fails_check(workspace, monkeypatch):
    # valid checksums, but the data is not deflate: only decoding the pixels finds it
    use(workspace, "garbled.png").write_bytes(png_claiming((4000, 3000), idat=b"not deflate data" * 8))
    for command in ("check", "build"):
        result = run(workspace, monkeypatch, command)
        assert result.exit_code == 1, result.output
        assert "'images/garbled.png' is not an image (or it is damaged)" in result.output
    assert not (workspace.root / "output").exists()
