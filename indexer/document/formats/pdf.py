"""PDF files → text: the text layer where a page has one, OCR where a page is a picture.

PDFium (pypdfium2) reads the text layer with each character's position, which the re-flow needs
to turn printed lines back into paragraphs; it also reads it several times faster than pdfminer.
"""
from .. import ocr
from ..errors import UnreadableDocument
from ..reflow import Line, Page, reflow
from .base import PICTURE_PIXELS, Format, Read
from .images import pixel_scale
from .paging import check_page_count

# A page with fewer characters than this in its text layer is taken for a picture of a page.
MIN_PAGE_CHARS = 10
LINE_BREAKS = {0x0A, 0x0D}


def read_pdf(data: bytes, name: str, progress=None) -> Read:
    document = open_pdf(data, name)
    try:
        total = len(document)
        check_page_count(total, name)
        counter = ocr.PageCounter(total, progress)
        pages = []
        for index in range(total):
            page = document[index]
            lines = text_lines(page)
            has_text = sum(len(line.text) for line in lines) >= MIN_PAGE_CHARS
            pages.append(Page(page.get_width(), lines) if has_text else None)
            page.close()
            if pages[-1] is not None:
                counter.tick()
        scanned = [index for index, page in enumerate(pages) if page is None]
        pictures = (render(document[index], pixels=ocr.PAGE_PIXELS) for index in scanned)
        for index, page in zip(scanned, ocr.read_pictures(pictures, len(scanned), name, counter)):
            pages[index] = page
    finally:
        document.close()
    text = reflow(pages)
    if not text.strip():
        raise UnreadableDocument(f"{name} is a PDF without a text layer, and OCR found no text on its pages.")
    return Read(text, total, sum(1 for index in scanned if pages[index].lines))


def open_pdf(data: bytes, name: str):
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as e:
        if e.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableDocument(f"{name} is an encrypted PDF that needs a password to open; "
                                     f"save an unprotected copy.") from None
        raise UnreadableDocument(f"{name} is not a readable PDF (damaged or truncated).") from None


def text_lines(page) -> list:
    """The page's text layer as lines, each with its left and right edge (in points)."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    lines, chars = [], []
    try:
        for index in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
            if code in LINE_BREAKS:
                lines.append(make_line(chars))
                chars = []
            else:
                # Loose boxes span each character's advance: an opening bracket's ink is right of its
                # place, which would look like an indent.
                left, _, right, _ = textpage.get_charbox(index, loose=True)
                chars.append((code, left, right))
        lines.append(make_line(chars))
    finally:
        textpage.close()
    return [line for line in lines if line is not None]


def make_line(chars: list) -> Line | None:
    inked = [(left, right) for code, left, right in chars if not chr(code).isspace()]
    if not inked:
        return None
    # PDFium gives UTF-16 code units: pairs of surrogates join into one character.
    units = b"".join(code.to_bytes(2, "little") if code < 0x10000 else chr(code).encode("utf-16-le")
                     for code, _, _ in chars)
    text = units.decode("utf-16-le", errors="replace")
    return Line(text, min(left for left, _ in inked), max(right for _, right in inked))


def render(page, pixels: int, width: int | None = None, grayscale: bool = True):
    """The page as a picture of about `pixels` pixels whatever its size in points, or `width` pixels
    wide when that is smaller; the page is closed."""
    page_width, page_height = page.get_size()
    scale = pixel_scale(page_width, page_height, pixels)
    if width:
        scale = min(scale, width / page_width)
    try:
        return page.render(scale=scale, grayscale=grayscale).to_pil()
    finally:
        page.close()


def pictures(data: bytes, name: str, width: int, first: int = 0):
    """Pictures (RGB, `width` pixels wide at most) of the pages from index `first`, one at a time."""
    document = open_pdf(data, name)
    try:
        for index in range(first, len(document)):
            yield render(document[index], pixels=PICTURE_PIXELS, width=width, grayscale=False)
    finally:
        document.close()


FORMAT = Format(
    name="pdf",
    suffixes=(".pdf",),
    media_types=("application/pdf",),
    sniff=lambda file: file.data.startswith(b"%PDF"),
    read=lambda file, progress: read_pdf(file.data, file.name, progress),
    pictures=pictures,
    by_ocr=True,
)
