"""Image files (scans and photographs of pages) → text by OCR: JPEG, PNG, and TIFF of any number of pages.

The size of a picture is checked from its header before anything is decoded: a 20,000-pixel-square
image would take gigabytes of memory, and no page needs that many pixels.
"""
import io
import warnings
from pathlib import Path

from .. import ocr
from ..errors import UnreadableDocument
from ..reflow import reflow
from .base import PICTURE_PIXELS, Format, Read

SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
]
SUFFIXES = {".png": "a PNG image", ".jpg": "a JPEG image", ".jpeg": "a JPEG image",
            ".tif": "a TIFF image", ".tiff": "a TIFF image"}
# An A4 page scanned at 600 dpi has 35 million pixels.
MAX_PIXELS = 60_000_000
# EXIF orientations of a camera held sideways or upside down → the turn (degrees anticlockwise) that undoes it.
EXIF_ORIENTATION = 0x0112
TURNS = {3: 180, 6: 270, 8: 90}


def image_kind(data: bytes, name: str) -> str | None:
    """'a PNG image', … when the bytes (or, failing them, the name) are an image read by OCR."""
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            return what
    return SUFFIXES.get(Path(name).suffix.lower())


def read_image(data: bytes, name: str, progress=None) -> Read:
    what = image_kind(data, name) or "an image"
    image = open_image(data, name, what)
    count = getattr(image, "n_frames", 1)
    pictures = frames(image, name, what, ocr.PAGE_PIXELS)
    pages = ocr.read_pictures(pictures, count, name, ocr.PageCounter(count, progress))
    text = reflow(pages)
    if not text.strip():
        raise UnreadableDocument(f"{name} is {what} in which OCR found no text.")
    return Read(text, count, sum(1 for page in pages if page.lines))


def open_image(data: bytes, name: str, what: str):
    """The image with only its header read, refused when it is too large to be a page."""
    from PIL import Image

    try:
        with warnings.catch_warnings():  # a damaged header warns on stderr as well as failing: the reason is enough
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise UnreadableDocument(f"{name} is {what} too large to be a page (more than {MAX_PIXELS // 10**6} "
                                 f"million pixels); scale it down.") from None
    except Exception:  # Pillow raises several types for damaged headers
        raise UnreadableDocument(f"{name} is {what} that cannot be decoded (damaged or truncated).") from None
    check_size(image, name, what)
    return image


def check_size(image, name: str, what: str):
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise UnreadableDocument(f"{name} is {what} of {width}×{height} pixels, too large to be a page (more than "
                                 f"{MAX_PIXELS // 10**6} million pixels); scale it down.")


def frames(image, name: str, what: str, pixels: int, mode: str = "L", first: int = 0):
    """Each frame (page) from index `first` as a picture of at most `pixels` pixels, decoded one at a time."""
    for index in range(first, getattr(image, "n_frames", 1)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                image.seek(index)
                check_size(image, name, what)
                picture = upright(image, pixels, mode)
        except UnreadableDocument:
            raise
        except Exception:  # truncated data, unsupported compression: Pillow's errors vary
            raise UnreadableDocument(f"{name} is {what} that cannot be decoded (damaged or truncated).") from None
        yield picture


def upright(image, pixels: int, mode: str):
    """A frame in mode ("L" greyscale, "RGB"), upright, on white where it was transparent, scaled
    down to at most `pixels` pixels."""
    from PIL import Image

    scale = pixel_scale(*image.size, pixels)
    if scale < 1:
        image.draft(mode, (round(image.width * scale), round(image.height * scale)))  # JPEG decodes smaller directly
    turn = TURNS.get(image.getexif().get(EXIF_ORIENTATION))
    if "A" in image.getbands() or "transparency" in image.info:
        rgba = image.convert("RGBA")
        page = Image.new("RGBA", rgba.size, "white")
        page.alpha_composite(rgba)
        picture = page.convert(mode)
    else:
        picture = image.convert(mode)
    scale = pixel_scale(*picture.size, pixels)
    if scale < 1:
        picture = picture.resize((round(picture.width * scale), round(picture.height * scale)), Image.Resampling.LANCZOS)
    return picture.rotate(turn, expand=True) if turn else picture


def pixel_scale(width: float, height: float, pixels: int) -> float:
    """The factor that gives a width × height picture `pixels` pixels."""
    return (pixels / (width * height)) ** 0.5


def pictures(data: bytes, name: str, width: int, first: int = 0):
    """Pictures (RGB, `width` pixels wide at most) of the frames from index `first`, one at a time."""
    what = image_kind(data, name) or "an image"
    for picture in frames(open_image(data, name, what), name, what, PICTURE_PIXELS, mode="RGB", first=first):
        if picture.width > width:
            picture = picture.resize((width, round(picture.height * width / picture.width)))
        yield picture


FORMAT = Format(
    name="image",
    suffixes=tuple(SUFFIXES),
    media_types=("image/png", "image/jpeg", "image/tiff"),
    sniff=lambda file: any(file.data.startswith(signature) for signature, _ in SIGNATURES),
    read=lambda file, progress: read_image(file.data, file.name, progress),
    pictures=pictures,
    by_ocr=True,
    shown=(".png", ".jpg", ".tif"),
)
