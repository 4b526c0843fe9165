"""Bytes on disk → text: the kind of file, its encoding, and the reader for its format.

Each failure is an `UnreadableDocument` whose message is one sentence a user can act on.
"""
import codecs
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

from .formats.wordfile import read_docx
from . import settings
from .errors import UnreadableDocument, shown_name
from .formats.images import image_kind, read_image
from .formats.webpage import looks_like_html, read_page
from .formats.pdf import read_pdf

# A notice is a few dozen kilobytes; anything this large is not one notice, and reading it whole
# would cost memory for nothing. Raise it with NOTICES_MAX_MB when a real document needs more.
DEFAULT_MAX_MB = 20

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}

# Signatures of files that are certainly not documents we can read.
FOREIGN_SIGNATURES = [
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/Excel file (.doc/.xls): save it as .docx"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
]


@dataclass
class RawText:
    text: str
    kind: str  # txt, html, docx, pdf, image
    encoding: str | None = None
    data: bytes = b""  # the file's bytes, for whoever needs them after reading (the content id)
    fields: dict = field(default_factory=dict)  # what an HTML page states outside its text (webpage.Page.facts)
    source: str = "text"  # "ocr" when some of the text was read from pictures of pages
    pages: int | None = None  # pages of a PDF or an image file


def max_bytes():
    try:
        return int(float(os.environ.get("NOTICES_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return DEFAULT_MAX_MB * 1024 * 1024


def read_document(path, progress=None, recognised=None) -> RawText:
    """The text of the file at path; progress(pages_done, pages_total) is called as pages are read.

    recognised: where text read by OCR is kept between builds (get(key) / put(key, value), keyed
    by the file's content), so that a scan is read by OCR once, however often it is indexed."""
    path = Path(path)
    name = shown_name(path.name)  # any bytes, one printable line in every message
    try:
        if path.is_dir():
            raise UnreadableDocument(f"{name} is a folder, not a document.")
        size = path.stat().st_size
        limit = max_bytes()
        if size > limit:
            raise UnreadableDocument(
                f"{name} is {size / 1048576:.1f} MB, more than the {limit / 1048576:.0f} MB limit for one "
                f"notice; split it, or raise NOTICES_MAX_MB."
            )
        data = path.read_bytes()
    except UnreadableDocument:
        raise
    except PermissionError:
        raise UnreadableDocument(f"{name} cannot be read: permission denied; check the file's permissions.")
    except OSError as e:
        raise UnreadableDocument(f"{name} cannot be read: {e.strerror or e}.")
    raw = read_bytes(data, name, progress, recognised)
    raw.data = data
    return raw


def read_bytes(data: bytes, name: str = "document", progress=None, recognised=None) -> RawText:
    if not data.strip():
        raise UnreadableDocument(f"{name} is empty.")
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return paged(data, read_pdf, name, progress, recognised, "pdf")
    if image_kind(data, name):
        return paged(data, read_image, name, progress, recognised, "image")
    raw = read_unpaged(data, name, suffix)
    if progress:
        progress(1, 1)
    return capped(raw, name)


def capped(raw: RawText, name: str) -> RawText:
    """Text over the cap is refused before it is parsed: no notice is that long, and parsing it
    would hold a build (or a request) for nothing."""
    cap = int(settings.limit("TEXT_MAX_CHARS"))
    if len(raw.text) > cap:
        raise UnreadableDocument(f"{name} holds {len(raw.text):,} characters of text, more than the {cap:,} of one "
                                 f"notice; split it, or raise NOTICES_TEXT_MAX_CHARS.")
    return raw


def paged(data: bytes, reader, name: str, progress, recognised, kind: str) -> RawText:
    """A file of pages; what OCR read of it is kept in recognised and taken from there next time."""
    key = hashlib.sha256(data).hexdigest()
    kept = recognised.get(key) if recognised is not None else None
    if kept:
        if progress:
            progress(kept["pages"], kept["pages"])
        return RawText(kept["text"], kind, source="ocr", pages=kept["pages"])
    read = reader(data, name, progress)
    raw = capped(RawText(read.text, kind, source="ocr" if read.ocr_pages else "text", pages=read.pages), name)
    if read.ocr_pages and recognised is not None:
        recognised.put(key, {"text": read.text, "pages": read.pages})
    return raw


def read_unpaged(data: bytes, name: str, suffix: str) -> RawText:
    if data.startswith(b"PK\x03\x04") or suffix == ".docx":
        return RawText(read_docx(data, name), "docx")
    for signature, what in FOREIGN_SIGNATURES:
        if data.startswith(signature):
            raise UnreadableDocument(f"{name} is {what}, not a text document.")
    text, encoding = decode_text(data, name)
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        page = read_page(text, name)
        return RawText(page.text, "html", encoding, fields=page.facts)
    return RawText(text, "txt", encoding)


BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def decode_text(data: bytes, name: str = "document") -> tuple[str, str]:
    """Detect the encoding (never assume it) and decode. Returns (text, encoding)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding
    try:
        return check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = sniff_utf16(data)
    if utf16:
        return check_text(data.decode(utf16, errors="replace"), name), utf16
    # Mostly UTF-8 with a few broken bytes (a damaged download): keep it as UTF-8.
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") * 200 < len(lenient) and has_multibyte_utf8(data):
        return check_text(lenient, name), "utf-8"
    best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5", "utf_8"]).best()
    if best is None:
        raise UnreadableDocument(f"{name} is not text in any supported encoding (UTF-8, UTF-16, GB18030, Big5).")
    encoding = "gb18030" if best.encoding in ("gb2312", "gbk", "gb18030") else best.encoding
    return check_text(data.decode(encoding, errors="replace"), name), encoding


def has_multibyte_utf8(data: bytes) -> bool:
    return any(0xE0 <= b <= 0xEF for b in data[:4096])


def sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order in which nearly every unit is a common character.

    Chinese text has few ASCII characters, so zero bytes alone do not tell; bytes of another
    encoding read as UTF-16 scatter over rare code points and fail this test.
    """
    if len(data) % 2 or len(data) < 4:
        return None
    sample = data[:8192]
    best, best_share = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = sum(1 for ch in text if is_common(ch)) / len(text)
        if share > best_share:
            best, best_share = encoding, share
    return best if best_share >= 0.97 else None


def is_common(ch: str) -> bool:
    code = ord(ch)
    return (32 <= code < 127 or ch in "\n\r\t" or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x206F)


# Control characters other than NUL and the white space of text (\t \n \x0b \f \r).
CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f]")


def check_text(text: str, name: str) -> str:
    """Reject decoded binary: text has few control characters besides tabs and newlines."""
    sample = text[:20000]
    control = len(CONTROL.findall(sample))
    nul = sample.count("\x00")
    if sample and (control + nul) / len(sample) > 0.05:
        raise UnreadableDocument(f"{name} looks like binary data, not a text document.")
    return text.replace("\x00", "")
