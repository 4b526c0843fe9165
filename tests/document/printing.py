"""Print a text as an office prints a notice, and scan the print: the PDFs and images of the tests.

A4, one font size, a title centred, body paragraphs with a two-character first-line indent and
hard line breaks wherever the column is full, the signature right-aligned, a page number under
each page. The font must be a real CJK TrueType font, embedded: it gives the PDF an extractable
text layer and its pictures real glyphs whatever fonts the reading machine has.
"""
import io
from pathlib import Path

import pytest

# Debian's fonts-wqy-microhei (`make fonts` installs it).
FONT_FILES = [Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")]
FONT_NAME = "NoticeFont"
A4 = (595.27, 841.89)
SIGNATURE_MAX = 24
# Typesetters never start a line with these: they hang past the column's end instead.
NO_LINE_START = "，。、；：？！）》”’,.;:?!)"


def font_file() -> Path:
    for path in FONT_FILES:
        if path.is_file():
            return path
    pytest.fail("No CJK font to print test notices with: run `make fonts` (Debian's fonts-wqy-microhei).")


def register_font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_file()), subfontIndex=0))


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list:
    """Break text into lines no wider than width (points); the first line starts after indent."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line, room = [], "", width - indent
    for ch in text:
        if line and ch not in NO_LINE_START and stringWidth(line + ch, FONT_NAME, size) > room:
            lines.append(line)
            line, room = "", width
        line += ch
    if line:
        lines.append(line)
    return lines


def styles(paragraphs: list, title_lines: int) -> list:
    """(paragraph, style): the title centred, a closing signature and date right-aligned."""
    out = [(p, "title" if i < title_lines else "body") for i, p in enumerate(paragraphs)]
    for i in range(len(out) - 1, max(len(out) - 3, title_lines) - 1, -1):
        text = out[i][0]
        if len(text) > SIGNATURE_MAX or "。" in text:
            break
        out[i] = (text, "right")
    return out


def print_pdf(paragraphs: list, title_lines: int = 0, chars_per_line: int = 36, page=A4, margin_y=72.0,
              page_numbers: bool = True) -> bytes:
    """The paragraphs printed as a PDF with a text layer, wrapped at about chars_per_line."""
    from reportlab.pdfgen import canvas

    register_font()
    width, height = page
    size = round(width * 0.75 / chars_per_line, 1)
    column = size * chars_per_line
    left = (width - column) / 2
    leading = size * 1.6
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=page)
    y, number = height - margin_y, 1

    def footer():
        if page_numbers:
            pdf.setFont(FONT_NAME, size * 0.9)
            pdf.drawCentredString(width / 2, margin_y / 2, f"- {number} -")

    for text, style in styles([p.strip() for p in paragraphs if p.strip()], title_lines):
        text_size = size * 1.3 if style == "title" else size
        indent = 2 * size if style == "body" else 0.0
        for i, line in enumerate(wrap(text, column, text_size, indent)):
            if y < margin_y:
                footer()
                pdf.showPage()
                y, number = height - margin_y, number + 1
            pdf.setFont(FONT_NAME, text_size)
            if style == "title":
                pdf.drawCentredString(width / 2, y, line)
            elif style == "right":
                pdf.drawRightString(left + column - 2 * size, y, line)
            else:
                pdf.drawString(left + (indent if i == 0 else 0.0), y, line)
            y -= leading * (1.2 if style == "title" else 1.0)
    footer()
    pdf.save()
    return out.getvalue()


def scan(pdf: bytes, dpi: int = 150) -> list:
    """Each page of a PDF as a greyscale picture, as a scanner gives it (PIL images)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(document))]
    finally:
        document.close()


def image_pdf(images: list, dpi: int = 150) -> bytes:
    """Pictures of pages as a PDF without a text layer: a scanned document."""
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def image_file(images: list, kind: str) -> bytes:
    """Pictures of pages as one image file: PNG or JPEG (the first page), TIFF (every page)."""
    out = io.BytesIO()
    if kind == "TIFF":
        images[0].save(out, "TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate")
    else:
        images[0].save(out, kind)
    return out.getvalue()


def print_file(path, **layout) -> bytes:
    """A notice's text file printed: its lines are its paragraphs, its title lines centred."""
    from indexer.document.clean import clean
    from indexer.document.meta import find_title

    raw = Path(path).read_text(encoding="utf-8")
    _, title_lines = find_title(clean(raw).text.split("\n"))
    return print_pdf(raw.split("\n"), title_lines=title_lines, **layout)


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels but holds one row: what a header check must refuse."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * (width + 1)))
            + chunk(b"IEND", b""))
