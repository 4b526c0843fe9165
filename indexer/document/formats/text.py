"""Plain text → text: the encoding detected (never assumed), decoded binary refused.

Also the decoding of every format of text (HTML is decoded here before its markup is read).
"""
import codecs
import re

import charset_normalizer

from ..errors import UnreadableDocument
from .base import Format, Read

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


def read_text(file, progress=None) -> Read:
    text, encoding = file.decoded
    return Read(text, encoding=encoding)


FORMAT = Format(
    name="txt",
    suffixes=(".txt",),
    media_types=("text/plain",),
    sniff=lambda file: True,  # the last resort: whatever decodes as text
    read=read_text,
    textual=True,
)
