"""Bytes on disk → text: the file's format (formats/, the registry of them) and its reading.

Each failure is an `UnreadableDocument` whose message is one sentence a user can act on.
"""
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import settings
from . import formats
from .errors import UnreadableDocument, shown_name


@dataclass
class RawText:
    text: str
    kind: str  # the format's name (formats.FORMATS): txt, html, docx, pdf, image, ofd
    encoding: str | None = None
    data: bytes = b""  # the file's bytes, for whoever needs them after reading (the content id)
    fields: dict = field(default_factory=dict)  # what an HTML page states outside its text (webpage.Page.facts)
    source: str = "text"  # "ocr" when some of the text was read from pictures of pages
    pages: int | None = None  # pages of a format that has them (PDF, image, OFD)


def max_bytes() -> int:
    """A notice is a few dozen kilobytes: a file over NOTICES_MAX_MB is not one notice, and reading it
    whole would cost memory for nothing."""
    return int(settings.number("MAX_MB") * 1024 * 1024)


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
        raise UnreadableDocument(f"{name} cannot be read: permission denied; check the file's permissions.") from None
    except OSError as e:
        raise UnreadableDocument(f"{name} cannot be read: {e.strerror or e}.") from None
    raw = read_bytes(data, name, progress, recognised)
    raw.data = data
    return raw


def read_bytes(data: bytes, name: str = "document", progress=None, recognised=None) -> RawText:
    if not data.strip():
        raise UnreadableDocument(f"{name} is empty.")
    file = formats.File(data, name)
    entry = formats.identify(file)
    if entry.by_ocr:
        return paged(file, entry, progress, recognised)
    read = entry.read(file, progress)
    if progress and not read.pages:
        progress(1, 1)
    return capped(RawText(read.text, entry.name, read.encoding, fields=read.fields, pages=read.pages), name)


def capped(raw: RawText, name: str) -> RawText:
    """Text over the cap is refused before it is parsed: no notice is that long, and parsing it
    would hold a build (or a request) for nothing."""
    cap = settings.whole("TEXT_MAX_CHARS")
    if len(raw.text) > cap:
        raise UnreadableDocument(f"{name} holds {len(raw.text):,} characters of text, more than the {cap:,} of one "
                                 f"notice; split it, or raise NOTICES_TEXT_MAX_CHARS.")
    return raw


def paged(file: "formats.File", entry: "formats.Format", progress, recognised) -> RawText:
    """A file whose pages may be read by OCR: what OCR read of it is kept in recognised, and taken
    from there next time."""
    key = hashlib.sha256(file.data).hexdigest()
    kept = recognised.get(key) if recognised is not None else None
    if kept:
        if progress:
            progress(kept["pages"], kept["pages"])
        return RawText(kept["text"], entry.name, source="ocr", pages=kept["pages"])
    read = entry.read(file, progress)
    source = "ocr" if read.ocr_pages else "text"
    raw = capped(RawText(read.text, entry.name, source=source, pages=read.pages), file.name)
    if read.ocr_pages and recognised is not None:
        recognised.put(key, {"text": read.text, "pages": read.pages})
    return raw
