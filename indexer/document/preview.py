"""Pictures of a document's pages, for the web page's view of the original: PNG, one per page, from
the formats that draw their pages (formats.Format.pictures: PDF and images; not OFD)."""
import io
import itertools
from pathlib import Path

from . import formats
from .errors import UnreadableDocument
from .read import max_bytes

DEFAULT_WIDTH = 1000
DEFAULT_MAX_PAGES = 20


def page_image(document, number: int, width: int = DEFAULT_WIDTH) -> bytes | None:
    """The PNG picture of page `number` (from 1) of a document whose format draws its pages; None
    when it has no such page."""
    if number < 1:
        return None
    pictures = page_pictures(document, width, first=number - 1)
    return next((png_of(picture) for picture in pictures), None)


def page_images(document, max_pages: int = DEFAULT_MAX_PAGES, width: int = DEFAULT_WIDTH) -> list:
    """PNG pictures (bytes) of the first max_pages pages of a document, width pixels wide at most;
    [] for documents whose format draws no pages (text, web pages, .docx, .ofd).

    document is a path or the file's bytes; a file that cannot be read raises UnreadableDocument.
    """
    return [png_of(picture) for picture in itertools.islice(page_pictures(document, width), max_pages)]


def page_pictures(document, width: int, first: int = 0):
    data, name = file_bytes(document)
    entry = formats.binary_format(formats.File(data, name))
    if entry is None or entry.pictures is None:
        return iter(())
    return entry.pictures(data, name, width, first)


def png_of(picture) -> bytes:
    png = io.BytesIO()
    picture.save(png, "PNG", optimize=False)
    return png.getvalue()


def file_bytes(document) -> tuple:
    if isinstance(document, (bytes, bytearray, memoryview)):
        return bytes(document), "document"
    path = Path(document)
    try:
        if path.stat().st_size > max_bytes():
            raise UnreadableDocument(f"{path.name} is larger than the limit for one notice; raise NOTICES_MAX_MB.")
        return path.read_bytes(), path.name
    except OSError as e:
        raise UnreadableDocument(f"{path.name} cannot be read: {e.strerror or e}.") from None
