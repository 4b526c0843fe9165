"""The formats of documents read, one entry each (base.Format), and what derives from them: which
format a file is, the suffixes and media types known, what the draft page's upload accepts.

A new format is a module here with its FORMAT, listed in FORMATS; reading (read.py), the pictures of
pages (preview.py), the uploads (uploads.py) and the upload's accept list follow from the entry.
"""
import mimetypes

from ..errors import UnreadableDocument
from . import images, odt, ofd, pdf, text, webpage, wordfile
from .base import ZIP_SIGNATURE, File, Format, Read

# In order of precedence: of the sniffs that hold, and of formats sharing a suffix.
FORMATS = (pdf.FORMAT, images.FORMAT, wordfile.FORMAT, ofd.FORMAT, odt.FORMAT, webpage.FORMAT, text.FORMAT)

# Files that are certainly no document read here, by their first bytes, and what to tell the user.
NOT_DOCUMENTS = [
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word, Excel or WPS file (.doc, .xls, .wps): save it as .docx"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
]

__all__ = ["FORMATS", "File", "Format", "Read", "identify", "binary_format", "by_name", "suffixes", "media_types",
           "accept", "upload_suffixes", "upload_field", "has_pictures"]


def identify(file: File) -> Format:
    """The format of a file: what its bytes certainly are, else what its name says, else text.

    Its bytes come first (a PDF named .docx is a PDF); a name's suffix decides what bytes leave open
    (a damaged .docx is told as a damaged .docx). A file that is certainly not a document read here
    is one sentence (UnreadableDocument)."""
    entry = binary_format(file)
    if entry:
        return entry
    for signature, what in NOT_DOCUMENTS:
        if file.data.startswith(signature):
            raise UnreadableDocument(f"{file.name} is {what}, not a text document.")
    if file.data.startswith(ZIP_SIGNATURE):
        raise UnreadableDocument(zip_sentence(file))
    return next(entry for entry in FORMATS if entry.textual and (file.suffix in entry.suffixes or entry.sniff(file)))


def binary_format(file: File) -> Format | None:
    """The format of a file that is not text, by its bytes, else by its name; None for text (and the rest)."""
    binary = [entry for entry in FORMATS if not entry.textual]
    return (next((entry for entry in binary if entry.sniff(file)), None)
            or next((entry for entry in binary if file.suffix in entry.suffixes), None))


def zip_sentence(file: File) -> str:
    """Why a ZIP that no format took is not read: it is none of the packages read, or too damaged to tell."""
    packages = [entry.suffixes[0] for entry in FORMATS if entry.zipped]
    if file.members:
        return f"{file.name} is a ZIP archive that is none of the documents read from one ({', '.join(packages)})."
    return (f"{file.name} is not a readable {', '.join(packages[:-1])} or {packages[-1]} (a ZIP archive, damaged "
            f"or truncated).")


def by_name(name: str) -> Format | None:
    """The format of a notice's file_kind."""
    return next((entry for entry in FORMATS if entry.name == name), None)


def has_pictures(file_kind: str | None) -> bool:
    """Whether the pages of a notice's file can be shown as pictures (its view of the original)."""
    entry = by_name(file_kind or "")
    return bool(entry and entry.pictures)


def suffixes() -> set:
    """Every suffix of a format read."""
    return {suffix for entry in FORMATS for suffix in entry.suffixes}


def media_types() -> dict:
    """Media type → the suffix a file of it is known by (a web archive's records are named by it)."""
    return {media: suffix_of(media, entry) for entry in FORMATS for media in entry.media_types}


def suffix_of(media: str, entry: Format) -> str:
    """The usual suffix of a media type where the format has it (image/jpeg → .jpg), else the format's first."""
    usual = mimetypes.guess_extension(media)
    return usual if usual and usual in entry.suffixes else entry.suffixes[0]


def upload_suffixes() -> list:
    """The suffixes the draft page's upload names in its label (not every alias: .jpg, not .jpeg too)."""
    return [suffix for entry in FORMATS if entry.uploads for suffix in entry.shown_suffixes()]


def upload_field() -> dict:
    """What the draft page's upload field shows: {"suffixes": [...] for its label, "accept": its attribute}."""
    return {"suffixes": upload_suffixes(), "accept": accept()}


def accept() -> str:
    """The upload field's accept attribute: every suffix and media type of the formats uploads take."""
    uploaded = [entry for entry in FORMATS if entry.uploads]
    return ",".join([*(suffix for entry in uploaded for suffix in entry.suffixes),
                     *(media for entry in uploaded for media in entry.media_types)])
