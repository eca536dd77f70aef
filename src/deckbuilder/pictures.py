"""Deck images: checked once by the resolver so that writers get a file they can embed."""

from __future__ import annotations

import functools
from pathlib import Path

from .deck import Picture
from .errors import DeckError, Position, Problem
from .workspace import inside_workspace

# What PowerPoint shows natively, by Pillow's format name.
EMBEDDABLE = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "BMP": "bmp"}


@functools.lru_cache(maxsize=256)  # a deck is resolved once for itself and once per handout
def check_picture(relative: str, base: Path, root: Path, pos: Position) -> Picture:
    """Return the image at `base/relative` with its size; raise DeckError if it cannot be used."""
    path = inside_workspace(relative, base, root, pos)
    if not path.is_file():
        raise DeckError(
            Problem(f"image not found: {relative}", pos, f"paths are relative to {base}")
        )
    from PIL import Image

    try:
        with Image.open(path) as image:
            fmt, (width, height) = image.format, image.size
            image.verify()
    except Image.DecompressionBombError:
        raise DeckError(
            Problem(f"'{relative}' is too large to be an image a slide can show", pos,
                    "scale it down to a few thousand pixels wide")  # fmt: skip
        ) from None
    except Exception:  # Pillow raises many kinds for files that are not images
        raise DeckError(
            Problem(f"'{relative}' is not an image (or it is damaged)", pos,
                    "use a PNG or JPEG file")  # fmt: skip
        ) from None
    if fmt not in EMBEDDABLE:
        raise DeckError(
            Problem(f"'{relative}' is a {fmt} image, which PowerPoint cannot show", pos,
                    "save it as PNG or JPEG")  # fmt: skip
        )
    return Picture(path, width, height, EMBEDDABLE[fmt])
