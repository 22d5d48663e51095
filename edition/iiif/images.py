"""Static IIIF Image API 3.0, Level 0: an image cut into tiles and sizes, with ``info.json``.

A Level 0 image service answers only the requests its ``info.json`` announces, so it can
be a folder of files: for each scale factor ``s`` (1, 2, 4 … until one tile holds the
whole image) the tiles ``{region}/{w},{h}/0/default.jpg`` with the region ``x,y,w,h``
in full-size pixels, and the whole image at each of those scales
(``full/{w},{h}/0/default.jpg``) as the ``sizes``, plus ``full/max/0/default.jpg``.
Sizes use the canonical ``w,h`` form of Image API 3.0.

Images are opened with Pillow under a pixel limit: a file whose header declares more
pixels than `MAX_PIXELS` is refused before it is decoded (no decompression bomb).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

TILE = 512
MAX_PIXELS = 150_000_000
"""About 12,000 × 12,000: a large folio scanned at 600 dpi is well below it."""
MAX_BYTES = 512 * 1024 * 1024
QUALITY = 85
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own guard, at the same limit


class ImageProblem(Exception):
    """An image that cannot be used, with the reason in words."""


@dataclass(frozen=True)
class Layout:
    """Where the tiles and sizes of an image of ``width`` × ``height`` pixels lie."""

    width: int
    height: int
    tile: int = TILE

    @property
    def scale_factors(self) -> list[int]:
        factors = [1]
        while math.ceil(self.width / factors[-1]) > self.tile or \
                math.ceil(self.height / factors[-1]) > self.tile:
            factors.append(factors[-1] * 2)
        return factors

    def size_at(self, factor: int) -> tuple[int, int]:
        return math.ceil(self.width / factor), math.ceil(self.height / factor)

    def sizes(self) -> list[tuple[int, int]]:
        """The whole image at every scale factor but full size (that is
        ``full/max``), smallest first as ``info.json`` lists them; full size for an
        image that fits in one tile."""
        return [self.size_at(f) for f in reversed(self.scale_factors[1:])] or [
            (self.width, self.height)]

    def tiles(self) -> list[tuple[int, tuple[int, int, int, int], tuple[int, int]]]:
        """(scale factor, region in full-size pixels, size of the tile) for every tile."""
        found = []
        for factor in self.scale_factors:
            span = self.tile * factor
            for y in range(0, self.height, span):
                for x in range(0, self.width, span):
                    w, h = min(span, self.width - x), min(span, self.height - y)
                    found.append((factor, (x, y, w, h),
                                  (math.ceil(w / factor), math.ceil(h / factor))))
        return found

    def display(self, widest: int = 1400) -> tuple[int, int]:
        """The largest of the sizes no wider than ``widest`` (the smallest when all are)."""
        fitting = [s for s in self.sizes() if s[0] <= widest]
        return fitting[-1] if fitting else self.sizes()[0]


def tile_path(region: tuple[int, int, int, int], size: tuple[int, int]) -> str:
    return f"{','.join(map(str, region))}/{size[0]},{size[1]}/0/default.jpg"


def size_path(size: tuple[int, int]) -> str:
    return f"full/{size[0]},{size[1]}/0/default.jpg"


def image_size(path: Path) -> tuple[int, int]:
    """The pixel size from the image's header, checked against the limits; raises
    `ImageProblem` for a missing, unreadable or oversized image."""
    if not path.is_file():
        raise ImageProblem(f"image file {path.name} not found")
    if path.stat().st_size > MAX_BYTES:
        raise ImageProblem(f"image file {path.name} is larger than {MAX_BYTES >> 20} MB")
    try:
        with _opened(path) as image:
            size = image.size
    except ImageProblem:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ImageProblem(f"image file {path.name} cannot be read: {error}") from None
    if size[0] * size[1] > MAX_PIXELS:
        raise ImageProblem(f"image {path.name} has {size[0]} × {size[1]} pixels, more than "
                           f"the limit of {MAX_PIXELS:,}")
    return size


def _opened(path: Path) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(path)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageProblem(f"image {path.name} has more pixels than the limit of "
                               f"{MAX_PIXELS:,}") from None


def write_tiles(source: Path, folder: Path) -> int:
    """Cut ``source`` into ``folder`` (the image service's folder); returns the number of
    image files written. Raises `ImageProblem` for an image that fails to decode."""
    size = image_size(source)
    layout = Layout(*size)
    try:
        with _opened(source) as opened:
            image = opened.convert("RGB")
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageProblem(f"image file {source.name} cannot be decoded: {error}") from None
    written = 0
    scaled = {1: image}
    for previous, factor in zip(layout.scale_factors, layout.scale_factors[1:], strict=False):
        # each level halves the one above (a box filter over 2 × 2 pixels: fast, and
        # what a Level 0 client expects of a pyramid), padded to the size the layout gives
        half = scaled[previous].reduce(2)
        if half.size != layout.size_at(factor):
            half = scaled[previous].resize(layout.size_at(factor), Image.Resampling.BOX)
        scaled[factor] = half
    for factor, region, tile_size in layout.tiles():
        x, y, w, h = region
        box = (x // factor, y // factor, x // factor + tile_size[0], y // factor + tile_size[1])
        _save(scaled[factor].crop(box), folder / tile_path(region, tile_size))
        written += 1
    for size in layout.sizes():
        factor = next(f for f in layout.scale_factors if layout.size_at(f) == size)
        _save(scaled[factor], folder / size_path(size))
        written += 1
    _save(image, folder / "full/max/0/default.jpg")
    return written + 1


def _save(image: Image.Image, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "JPEG", quality=QUALITY)


def info_json(service_id: str, layout: Layout) -> dict:
    """The image's ``info.json`` (Image API 3.0, Level 0)."""
    return {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": layout.width,
        "height": layout.height,
        "maxWidth": layout.width,
        "maxHeight": layout.height,
        "sizes": [{"width": w, "height": h} for w, h in layout.sizes()],
        "tiles": [{"width": layout.tile, "height": layout.tile,
                   "scaleFactors": layout.scale_factors}],
        "preferredFormats": ["jpg"],
    }
