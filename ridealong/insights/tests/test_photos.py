import io

import pytest
from PIL import Image

from ridealong.insights.photos import GPS_IFD, MAX_PHOTO_BYTES, PhotoRefused, clean_photo
from ridealong.insights.tests.factories import gps_exif, image_bytes


def test_it_strips_the_gps_location_and_keeps_the_rest_of_the_exif():
    original = image_bytes("JPEG", exif=gps_exif())
    assert GPS_IFD in Image.open(io.BytesIO(original)).getexif()  # the fixture has a location

    cleaned = clean_photo(original)

    exif = Image.open(io.BytesIO(cleaned.content)).getexif()
    assert GPS_IFD not in exif
    assert exif.get_ifd(GPS_IFD) == {}
    assert exif[0x010F] == "TestCam"
    assert cleaned.extension == "jpg"


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", "png"), ("WEBP", "webp")])
def test_it_accepts_png_and_webp(fmt, extension):
    cleaned = clean_photo(image_bytes(fmt))
    assert cleaned.extension == extension
    assert Image.open(io.BytesIO(cleaned.content)).format == fmt


def test_it_refuses_other_image_types():
    with pytest.raises(PhotoRefused, match="JPEG, PNG or WebP"):
        clean_photo(image_bytes("GIF"))


def test_it_refuses_what_is_not_an_image():
    with pytest.raises(PhotoRefused, match="not a JPEG"):
        clean_photo(b"%PDF-1.4 not a photo at all")


def test_it_refuses_photos_over_8_mb():
    with pytest.raises(PhotoRefused, match="at most 8 MB"):
        clean_photo(b"\xff" * (MAX_PHOTO_BYTES + 1))


def test_it_refuses_an_empty_file():
    with pytest.raises(PhotoRefused, match="empty"):
        clean_photo(b"")
