"""Pictures of a document's pages, for the web page's view of the original: PNG, one per page."""
import io
from pathlib import Path

from .formats import images, pdf
from .errors import UnreadableDocument
from .read import max_bytes

DEFAULT_WIDTH = 1000
DEFAULT_MAX_PAGES = 20
# However tall or wide a page, its picture stays below this many pixels.
MAX_PIXELS = 4_000_000


def page_image(document, number: int, width: int = DEFAULT_WIDTH) -> bytes | None:
    """The PNG picture of page `number` (from 1) of a PDF or an image file; None when it has no
    such page."""
    data, name = file_bytes(document)
    if number < 1:
        return None
    if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
        document = pdf.open_pdf(data, name)
        try:
            if number > len(document):
                return None
            return png_of(pdf.render(document[number - 1], pixels=MAX_PIXELS, width=width, grayscale=False))
        finally:
            document.close()
    pictures = page_images(data, max_pages=number, width=width)
    return pictures[number - 1] if len(pictures) >= number else None


def png_of(picture) -> bytes:
    png = io.BytesIO()
    picture.save(png, "PNG", optimize=False)
    return png.getvalue()


def page_images(document, max_pages: int = DEFAULT_MAX_PAGES, width: int = DEFAULT_WIDTH) -> list:
    """PNG pictures (bytes) of the first max_pages pages of a PDF or an image file, width pixels wide
    at most; [] for documents that have no pages (text, web pages, .docx).

    document is a path or the file's bytes; a file that cannot be read raises UnreadableDocument.
    """
    data, name = file_bytes(document)
    if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
        pictures = pdf_pages(data, name, max_pages, width)
    elif what := images.image_kind(data, name):
        image = images.open_image(data, name, what)
        pictures = (picture.resize((width, round(picture.height * width / picture.width)))
                    if picture.width > width else picture
                    for picture in images.frames(image, name, what, MAX_PIXELS, mode="RGB"))
    else:
        return []
    out = []
    for picture in pictures:
        if len(out) == max_pages:
            break
        out.append(png_of(picture))
    return out


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


def pdf_pages(data: bytes, name: str, max_pages: int, width: int):
    document = pdf.open_pdf(data, name)
    try:
        for index in range(min(max_pages, len(document))):
            yield pdf.render(document[index], pixels=MAX_PIXELS, width=width, grayscale=False)
    finally:
        document.close()
