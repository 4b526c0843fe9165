"""Bytes on disk → text. Every supported kind of file, and one error type for the rest.

Each failure is an `UnreadableDocument` whose message is one sentence a user can act on.
"""
import codecs
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

# A notice is a few dozen kilobytes; anything this large is not one notice, and reading it whole
# would cost memory for nothing. Raise it with NOTICES_MAX_MB when a real document needs more.
DEFAULT_MAX_MB = 20

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}

# Signatures of files that are certainly not documents we can read.
FOREIGN_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/Excel file (.doc/.xls): save it as .docx"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
]


class UnreadableDocument(Exception):
    """A file that cannot be turned into text; str() is one sentence for the user."""


@dataclass
class RawText:
    text: str
    kind: str  # txt, html, docx, pdf
    encoding: str | None = None
    data: bytes = b""  # the file's bytes, for whoever needs them after reading (the content id)


def max_bytes():
    try:
        return int(float(os.environ.get("NOTICES_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return DEFAULT_MAX_MB * 1024 * 1024


def read_document(path) -> RawText:
    path = Path(path)
    name = path.name
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
    raw = read_bytes(data, name)
    raw.data = data
    return raw


def read_bytes(data: bytes, name: str = "document") -> RawText:
    if not data.strip():
        raise UnreadableDocument(f"{name} is empty.")
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return RawText(read_pdf(data, name), "pdf")
    if data.startswith(b"PK\x03\x04") or suffix == ".docx":
        return RawText(read_docx(data, name), "docx")
    for signature, what in FOREIGN_SIGNATURES:
        if data.startswith(signature):
            raise UnreadableDocument(f"{name} is {what}, not a text document.")
    text, encoding = decode_text(data, name)
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return RawText(html_to_text(text, name), "html", encoding)
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


def check_text(text: str, name: str) -> str:
    """Reject decoded binary: text has few control characters besides tabs and newlines."""
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\x0b" and ch != "\x00")
    nul = sample.count("\x00")
    if sample and (control + nul) / len(sample) > 0.05:
        raise UnreadableDocument(f"{name} looks like binary data, not a text document.")
    return text.replace("\x00", "")


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or ("<body" in head and "</" in head)


# Elements whose text is never the notice itself.
HTML_NOISE = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template", "svg"]
# Class or id fragments that mark navigation and page furniture on government sites.
HTML_NOISE_MARKS = ("nav", "menu", "footer", "header", "breadcrumb", "share", "sidebar", "copyright", "banner")
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "td", "title"}


def html_to_text(markup: str, name: str = "document") -> str:
    """The main text of an HTML page: noise elements removed, the densest content block kept."""
    import lxml.etree
    import lxml.html

    try:
        parser = lxml.html.HTMLParser(recover=True, huge_tree=True, remove_comments=True, encoding="utf-8")
        root = lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        root = None
    if root is None or len(root.text_content().strip()) * 2 < len(streamed_text(markup)):
        # libxml2 gives up on pathological nesting; a streaming pass has no depth limit.
        text = streamed_text(markup)
        if not text.strip():
            raise UnreadableDocument(f"{name} is an HTML page with no readable text.")
        return text
    for element in root.xpath("//" + " | //".join(HTML_NOISE)):
        drop(element)
    for element in root.xpath("//*[@class or @id]"):
        marks = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(mark in marks for mark in HTML_NOISE_MARKS) and element.tag not in ("body", "html"):
            drop(element)
    main = pick_main(root)
    text = text_with_breaks(main)
    if not text.strip():
        raise UnreadableDocument(f"{name} is an HTML page with no readable text.")
    return text


def streamed_text(markup: str) -> str:
    """Text of an HTML page in one pass, skipping noise elements, with no tree (and no depth limit)."""
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts, self.skipping = [], 0

        def handle_starttag(self, tag, attrs):
            if tag in HTML_NOISE:
                self.skipping += 1
            elif tag in BLOCK_TAGS:
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag in HTML_NOISE:
                self.skipping = max(0, self.skipping - 1)
            elif tag in BLOCK_TAGS:
                self.parts.append("\n")

        def handle_data(self, data):
            if not self.skipping:
                self.parts.append(data)

    collector = Collector()
    collector.feed(markup)
    collector.close()
    lines = (line.strip() for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


def drop(element):
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def pick_main(root):
    """<article>/<main> when present, else the block holding most of the page's Chinese text."""
    for xpath in ("//article", "//main", "//*[@id='zoom' or @class='zoom' or contains(@class,'content')]"):
        found = root.xpath(xpath)
        if found:
            best = max(found, key=lambda e: len(e.text_content()))
            if len(best.text_content().strip()) > 50:
                return best
    body = root.find("body")
    return body if body is not None else root


def text_with_breaks(element) -> str:
    """Text with a line break at every block element, iteratively (no recursion limit on deep pages)."""
    parts = []
    for event, node in lxml_iterwalk(element):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag.lower() in BLOCK_TAGS:
                parts.append("\n")
            if node.text and tag:
                parts.append(node.text)
        else:
            if tag.lower() in BLOCK_TAGS:
                parts.append("\n")
            if node.tail and node is not element:
                parts.append(node.tail)
    lines = (line.strip() for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def lxml_iterwalk(element):
    import lxml.etree

    return lxml.etree.iterwalk(element, events=("start", "end"))


def read_docx(data: bytes, name: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise UnreadableDocument(f"{name} is not a readable .docx (damaged or truncated: {type(e).__name__}).")
    except Exception as e:  # python-docx raises several private error types for broken packages
        raise UnreadableDocument(f"{name} is not a readable .docx ({type(e).__name__}).")
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise UnreadableDocument(f"{name} is a .docx with no text.")
    return text


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
