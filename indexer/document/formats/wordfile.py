""".docx files → text: paragraphs, then the cells of tables.

A .docx is a zip archive, and what it unpacks to is checked from the archive's directory before
anything is unpacked: a zip bomb (a few hundred kilobytes that unpack to gigabytes of XML) is
refused in milliseconds, not after minutes and gigabytes of memory. zipfile never unpacks more of
a member than its stated size, so the directory bounds what is read.
"""
import io
import zipfile

from .. import settings
from ..errors import UnreadableDocument

# Members smaller than this unpack to little whatever their ratio (tiny XML parts compress well).
RATIO_FROM_BYTES = 1 << 20


def read_docx(data: bytes, name: str) -> str:
    import docx

    check_archive(data, name)
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


def check_archive(data: bytes, name: str):
    """Refuse an archive that unpacks to more than a notice can be, from its directory alone."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise UnreadableDocument(f"{name} is not a readable .docx (damaged or truncated: {type(e).__name__}).")
    limit_mb = settings.limit("DOCX_MAX_UNPACKED_MB")
    unpacked = sum(member.file_size for member in members)
    if unpacked > limit_mb * 1048576:
        raise UnreadableDocument(f"{name} unpacks to {unpacked / 1048576:,.0f} MB, more than the {limit_mb:.0f} MB "
                                 f"a .docx notice may hold (a zip bomb?); raise NOTICES_DOCX_MAX_UNPACKED_MB if it "
                                 f"is a real document.")
    ratio = settings.limit("DOCX_MAX_RATIO")
    for member in members:
        if member.file_size > RATIO_FROM_BYTES and member.file_size > ratio * max(member.compress_size, 1):
            raise UnreadableDocument(f"{name} holds a part packed {member.file_size / max(member.compress_size, 1):,.0f} "
                                     f"times, more than the {ratio:.0f} of any real document (a zip bomb?); it was "
                                     f"not unpacked.")
