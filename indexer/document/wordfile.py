""".docx files → text: paragraphs, then the cells of tables."""
import io
import zipfile

from .errors import UnreadableDocument


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
