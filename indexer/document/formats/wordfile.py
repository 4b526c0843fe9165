""".docx files → text: paragraphs, then the cells of tables.

A .docx is a ZIP package: package.check_archive refuses a zip bomb from its directory before
python-docx unpacks anything.
"""
import io
import zipfile

from ..errors import UnreadableDocument
from .base import Format, Read
from .package import check_archive, damaged

# The parts by which a ZIP is a WordprocessingML document.
MAIN_PARTS = ("word/document.xml",)


def read_docx(data: bytes, name: str) -> str:
    import docx

    check_archive(data, name, ".docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise damaged(name, ".docx", e) from None
    except Exception as e:  # python-docx raises several private error types for broken packages
        raise UnreadableDocument(f"{name} is not a readable .docx ({type(e).__name__}).") from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise UnreadableDocument(f"{name} is a .docx with no text.")
    return text


FORMAT = Format(
    name="docx",
    suffixes=(".docx",),
    media_types=("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    sniff=lambda file: any(part in file.members for part in MAIN_PARTS),
    read=lambda file, progress: Read(read_docx(file.data, file.name)),
    zipped=True,
)
