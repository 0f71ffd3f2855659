"""Photo uploads for notes: type and size checked, location stripped. Pure Pillow, no Django."""

import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_PHOTO_BYTES = 8 * 1024 * 1024
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
GPS_IFD = 0x8825  # the EXIF tag that points at the GPS block


class PhotoRefused(ValueError):
    """The upload is not a photo we keep; the message says why, for people."""


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    extension: str
    width: int
    height: int


def clean_photo(data: bytes) -> CleanPhoto:
    """Check that `data` is a JPEG, PNG or WebP of at most 8 MB and re-save it without
    GPS tags (the rest of the EXIF, e.g. orientation, is kept)."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRefused(f"The photo is {len(data) / 1024 / 1024:.1f} MB; at most 8 MB, please.")
    if not data:
        raise PhotoRefused("The file is empty.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image: Image.Image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise PhotoRefused("This is not a JPEG, PNG or WebP photo we can read.") from error
    if image.format not in FORMATS:
        raise PhotoRefused(f"Photos are JPEG, PNG or WebP (this is {image.format or 'unknown'}).")
    fmt = image.format
    exif = image.getexif()
    if GPS_IFD in exif:
        del exif[GPS_IFD]
    out = io.BytesIO()
    options: dict = {}
    if fmt in {"JPEG", "WEBP"}:
        options["exif"] = exif.tobytes()
        options["quality"] = 90
    if fmt == "JPEG" and image.mode not in {"RGB", "L", "CMYK"}:
        image = image.convert("RGB")
    # PNG: Pillow writes no EXIF unless asked, which drops any location it carried.
    image.save(out, format=fmt, **options)
    return CleanPhoto(out.getvalue(), FORMATS[fmt], image.width, image.height)
