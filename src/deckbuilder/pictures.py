"""Deck images: checked once by the resolver, then prepared for each place that shows them.

PowerPoint shows PNG, JPEG, GIF and BMP, ignores EXIF rotation and draws CMYK JPEGs and 16-bit
PNGs badly; a 24-megapixel photo on a slide only makes the deck large. `embedded` turns a
picture into what a slide or a printed page needs and keeps files that are fine byte for byte.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import warnings
from pathlib import Path

from .deck import Picture
from .errors import DeckError, Position, Problem, shown
from .workspace import locate_file, read_bytes

DPI = 200  # sharp on a projector and in print; more only makes the deck larger
EMU_PER_INCH = 914400
SLACK = 1.25  # up to 250 dpi is kept as it is: resampling would cost quality and save little
JPEG_QUALITY = 88
ORIENTATION = 0x0112  # the EXIF tag
_DECODED: dict[bytes, tuple[str, int, int]] = {}  # SHA-256 of an image file -> its format and size

# What PowerPoint shows, by Pillow's format name: the extension stored and the modes it draws well.
SIMPLE_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA"})  # 8-bit grey, colour, palette
EMBEDDABLE = {
    "PNG": ("png", SIMPLE_MODES),
    "JPEG": ("jpeg", frozenset({"L", "RGB"})),
    "GIF": ("gif", frozenset({"L", "P"})),
    "BMP": ("bmp", frozenset({"1", "L", "P", "RGB"})),
}
LOSSLESS = {"PNG", "GIF", "BMP"}  # drawings and screenshots: re-encoded as PNG, never as JPEG
DEEP_MODES = {"I;16", "I;16B", "I;16L", "I", "F"}  # 16-bit and float pixels


def check_picture(relative: str, base: Path, root: Path, pos: Position) -> Picture:
    """Return the image at `base/relative`, which must be inside the workspace; see `read_picture`."""
    return read_picture(locate_file(relative, base, root, pos, "image", large=True), relative, pos)


@functools.lru_cache(maxsize=256)  # a deck is resolved once for itself and once per handout
def read_picture(path: Path, relative: str, pos: Position) -> Picture:
    """Return the image at `path` with its upright size; raise DeckError (at `pos`) if it cannot be used."""
    from PIL import Image

    data = read_bytes(path, pos, "image", relative, large=True)
    try:
        fmt, width, height = _decoded(data)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        message = f"{shown(relative)} has {_megapixels(bomb)} megapixels, more than a slide can use"
        raise DeckError(Problem(message, pos, "scale it down to a few thousand pixels wide")) from None
    except Exception:  # noqa: BLE001 -- Pillow raises many kinds for files that are not images
        message = f"{shown(relative)} is not an image (or it is damaged)"
        raise DeckError(Problem(message, pos, "open it in an image editor and save it again as PNG or JPEG")) from None
    return Picture(path, width, height, fmt.lower())


def _decoded(data: bytes) -> tuple[str, int, int]:
    """Return the format and upright size of image `data`, decoded whole once per content.

    One image on many slides (a diagram, a logo) is then decoded once, not once per slide.
    """
    from PIL import Image

    digest = hashlib.sha256(data).digest()
    if digest not in _DECODED:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt, (width, height) = image.format, _upright_size(image)
                _read_through(image, data)
        if len(_DECODED) >= 256:
            _DECODED.clear()
        _DECODED[digest] = (fmt, width, height)
    return _DECODED[digest]


def _read_through(image, data: bytes) -> None:
    """Decode all of the pixel data, so that a cut or damaged file fails at check time.

    A PNG's chunk checksums are verified as well (a flipped bit can still inflate); decoding
    costs about 2 ms for a 1600 x 900 diagram, 100 ms for a 6-megapixel photo.
    """
    from PIL import Image

    if image.format == "PNG":
        with Image.open(io.BytesIO(data)) as again:  # verify() leaves an image unusable
            again.verify()
    image.draft(image.mode, (1, 1))  # a JPEG decodes at 1/8 scale, reading all of its data
    image.load()


def _megapixels(bomb: Exception) -> str:
    """Return the size Pillow's refusal names, in megapixels (it refuses before telling the size)."""
    found = re.search(r"\((\d+) pixels\)", str(bomb))
    return f"{int(found[1]) / 1e6:,.0f}" if found else "too many"


def _orientation(image) -> int:
    """Return the EXIF orientation, 1 when upright.

    A PNG's is read only from before its pixels: looking after them would decode them all.
    """
    if image.format == "PNG" and "exif" not in image.info:
        return 1
    value = image.getexif().get(ORIENTATION, 1)
    return value if value in range(2, 9) else 1


def _upright_size(image) -> tuple[int, int]:
    """Return the size of an image turned upright (orientations 5-8 turn it a quarter)."""
    width, height = image.size
    return (height, width) if _orientation(image) >= 5 else (width, height)


def embedded(picture: Picture, max_w: int, max_h: int) -> tuple[bytes, str]:
    """Return the bytes to store for `picture` shown in at most max_w x max_h pixels, and their extension.

    Cached by file and target: a picture is in the deck and in every handout.
    """
    try:
        stat = picture.path.stat()
        return _embedded(picture.path, stat.st_mtime_ns, stat.st_size, max_w, max_h)
    except Exception:  # noqa: BLE001 -- a file can pass the check and fail to decode (a PNG is verified only)
        message = f"'{picture.path.name}' could not be read or converted"
        raise DeckError(Problem(message, Position(picture.path), "save it again as PNG or JPEG")) from None


@functools.lru_cache(maxsize=64)
def _embedded(path: Path, mtime_ns: int, size: int, max_w: int, max_h: int) -> tuple[bytes, str]:
    """Return the original bytes when PowerPoint shows them well, else an upright, smaller copy."""
    from PIL import Image

    original = read_bytes(path, large=True)
    with Image.open(io.BytesIO(original)) as image:
        target = _target(_upright_size(image), max_w, max_h)
        fits = _fits(image)
        if _animated_gif(image) or (fits and target is None):
            return original, EMBEDDABLE[image.format][0]
        data, ext = _convert(image, target)
    if fits and len(data) >= len(original):  # only smaller was wanted, and it is not
        return original, EMBEDDABLE[image.format][0]
    return data, ext


def _fits(image) -> bool:
    """Whether PowerPoint draws the file well as it is: its format and mode, upright."""
    kind = EMBEDDABLE.get(image.format)
    return kind is not None and image.mode in kind[1] and _orientation(image) == 1


def _animated_gif(image) -> bool:
    """Whether an image is an animated GIF: PowerPoint plays it, a converted copy would not."""
    return image.format == "GIF" and image.is_animated


def _target(size: tuple[int, int], max_w: int, max_h: int) -> tuple[int, int] | None:
    """Return the size to scale down to, keeping the aspect ratio, or None if it is small enough."""
    width, height = size
    scale = min(max_w / width, max_h / height)
    if scale * SLACK >= 1:
        return None
    return max(1, round(width * scale)), max(1, round(height * scale))


def _convert(image, target: tuple[int, int] | None) -> tuple[bytes, str]:
    """Return `image` upright, in 8-bit L/RGB (+ alpha) or a palette, scaled to `target`, encoded."""
    from PIL import Image, ImageOps

    source, turn = image, _orientation(image)  # before load(), as the check read it
    if target:  # a JPEG decodes at 1/2, 1/4 or 1/8 scale, several times faster; others ignore it
        image.draft(image.mode, target[::-1] if turn >= 5 else target)
    image.load()
    if turn != 1:
        image = ImageOps.exif_transpose(image)
    image = _simple_mode(image, resize=target is not None)
    if target:
        image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    png = source.format in LOSSLESS or _has_alpha(image) or image.mode in ("1", "P")
    return _encode(image, png, source.info.get("icc_profile"))


def _simple_mode(image, resize: bool):
    """Return an image in a mode PowerPoint draws well; a palette is resampled in colour."""
    if image.mode in DEEP_MODES:
        return _eight_bit(image)
    if image.mode in SIMPLE_MODES and not (resize and image.mode in ("1", "P")):
        return image
    return image.convert("RGBA" if _has_alpha(image) else "RGB")  # CMYK, YCbCr, LAB, PA, ...


def _eight_bit(image):
    """Scale 16-bit or float pixels to 8 bits; convert("L") alone would clip them at 255."""
    top = max(image.getextrema()[1], 1.0 if image.mode == "F" else 65535)
    return image.convert("F").point(lambda v: v * 255 / top).convert("L")


def _has_alpha(image) -> bool:
    """Whether an image has see-through pixels (an alpha band or a transparent colour): JPEG has none."""
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _encode(image, png: bool, icc: bytes | None) -> tuple[bytes, str]:
    """Return PNG for drawings and transparency, else a JPEG; keep a colour profile that still fits."""
    space = {"RGB": b"RGB ", "RGBA": b"RGB ", "L": b"GRAY", "LA": b"GRAY"}.get(image.mode)
    extra = {"icc_profile": icc} if icc and icc[16:20] == space else {}  # not a CMYK one on RGB
    out = io.BytesIO()
    if png:
        image.save(out, "PNG", **extra)
        return out.getvalue(), "png"
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, **extra)
    return out.getvalue(), "jpeg"
