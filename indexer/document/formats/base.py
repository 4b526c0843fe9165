"""What a document format is to the rest of the program: a Format entry, the File it is asked about,
and the Read it gives back.

A Format says how its files are known (suffixes, media types, a sniff of the first bytes or of a
ZIP's member names), how one is read into text, and, where it has pages, how they are drawn.
"""
import io
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator

ZIP_SIGNATURE = b"PK\x03\x04"
# However tall or wide a page, its picture (Format.pictures) stays below this many pixels.
PICTURE_PIXELS = 4_000_000


class File:
    """One file's bytes and name, with what the sniffs ask of them worked out once."""

    def __init__(self, data: bytes, name: str):
        self.data, self.name = data, name
        self.suffix = Path(name).suffix.lower()

    @cached_property
    def members(self) -> frozenset:
        """The names in a ZIP archive's directory; empty for anything else, or for a ZIP too damaged to list."""
        if not self.data.startswith(ZIP_SIGNATURE):
            return frozenset()
        try:
            return frozenset(zipfile.ZipFile(io.BytesIO(self.data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            return frozenset()

    @cached_property
    def decoded(self) -> tuple:
        """(text, encoding) of a file of text; UnreadableDocument when it is not text."""
        from .text import decode_text

        return decode_text(self.data, self.name)


@dataclass
class Read:
    """What reading a file gave."""
    text: str
    pages: int | None = None     # pages of a format that has them
    ocr_pages: int = 0           # of which OCR found the text on
    encoding: str | None = None  # of a file of text
    fields: dict = field(default_factory=dict)  # what an HTML page states outside its text (webpage.Page.facts)


Progress = Callable[[int, int], None] | None  # progress(pages_done, pages_total)


@dataclass(frozen=True)
class Format:
    name: str               # the notice's file_kind: txt, html, docx, pdf, image, ofd, odt
    suffixes: tuple         # the first is the one it is known by
    media_types: tuple
    sniff: Callable[[File], bool]               # certain from the bytes (or a ZIP's member names)
    read: Callable[[File, Progress], Read]      # UnreadableDocument, one sentence, for what cannot be read
    # (data, name, width, first) → pictures (PIL) of its pages from page `first` (0-based), made one at a time
    pictures: Callable[[bytes, str, int, int], Iterator] | None = None
    by_ocr: bool = False    # pages that are pictures are read by OCR: the reading is kept, uploads take turns
    textual: bool = False   # decoded text: tried only once every other format has declined the file
    zipped: bool = False    # a ZIP package of parts
    uploads: bool = True    # offered by the draft page's upload
    shown: tuple = ()       # the suffixes a user is told of (the first suffix when empty): not every alias

    def shown_suffixes(self) -> tuple:
        return self.shown or self.suffixes[:1]
