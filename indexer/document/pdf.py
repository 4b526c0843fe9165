"""PDF files with a text layer → text."""
import io

from .errors import UnreadableDocument


def read_pdf(data: bytes, name: str) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        text = extract_text(io.BytesIO(data))
    except PDFSyntaxError as e:
        raise UnreadableDocument(f"{name} is not a readable PDF ({e}).")
    except Exception as e:  # pdfminer raises many types for damaged files
        raise UnreadableDocument(f"{name} is not a readable PDF ({type(e).__name__}).")
    if len(text.strip()) < 10:
        raise UnreadableDocument(f"{name} is a PDF without a text layer (a scan?); run OCR on it first.")
    return text
